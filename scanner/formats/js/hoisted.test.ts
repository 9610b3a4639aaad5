import { describe, expect, it } from 'vitest';
import { parseJs } from './babel.js';
import { forEachName, isInertDeclaration } from './hoisted.js';

const inert = (code: string) => isInertDeclaration(parseJs(code).ast!.program.body[0]!);

describe('isInertDeclaration', () => {
  it('accepts declarations whose evaluation runs no code', () => {
    for (const code of [
      'function f(a) { return fetch(a); }', // bodies run when called, not when declared
      'class C extends Base { m() { go(); } static x = 1; }',
      'var t = { "Amazon Silk": "amazon_silk", n: -1, f() { run(); }, g: () => run(), h: [1, "a", null] };',
      'var a = `x${y}`, b = a || "z", c = !0, d = 1 + 2, e = /re/g, f, g = h;',
      'let C = class { #p = go(); m() {} };', // instance fields run at `new`, which parsed code must name C for
    ]) {
      expect(inert(code), code).toBe(true);
    }
  });

  it('rejects declarations that call, read or construct when declared', () => {
    for (const code of [
      'var a = init();',
      'var a = new Map();',
      'var a = b.c;', // a getter may run
      'var a = { ...b };',
      'var a = { [k]: 1 };',
      'var a = [...b];',
      'var a = "k" in b;',
      'var a = (b = 1);',
      'var { a } = b;',
      'class C extends mixin(Base) {}',
      'class C { static x = init(); }',
      'class C { static { init(); } }',
      'class C { [k]() {} }',
      'x = 1;',
      'if (a) b();',
    ]) {
      expect(inert(code), code).toBe(false);
    }
  });
});

describe('forEachName', () => {
  const byRegex = (text: string, from: number, to: number) => {
    const re = /[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*/gu;
    const out: string[] = [];
    re.lastIndex = from;
    for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) out.push(m[0]);
    return out;
  };
  const byTable = (text: string, from: number, to: number) => {
    const out: string[] = [];
    forEachName(text, from, to, (n) => out.push(n));
    return out;
  };

  it('reads the names a global exec loop of the identifier regex reads, from any start to any end', () => {
    // ASCII names, digits, `$`/`_`, non-ASCII letters and marks, ZWNJ/ZWJ, astral letters (surrogate pairs),
    // non-name symbols, mid-word starts and ends that cut a name.
    const alphabet = ['a', 'Z', '_', '$', '0', '9', ' ', '.', '(', '"', '\\', 'é', 'ß', '\u0301', '\u200c', '\u200d', '\u2028', '日', '𝒜', '😀', '\ud835', '\udc9c', '·', '٣'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let round = 0; round < 3000; round++) {
      let text = '';
      const len = 1 + rand(24);
      for (let i = 0; i < len; i++) text += alphabet[rand(alphabet.length)];
      const from = rand(text.length + 1);
      const to = from + rand(text.length + 2 - from);
      expect(byTable(text, from, to), JSON.stringify({ text, from, to })).toEqual(byRegex(text, from, to));
    }
    expect(byTable('var aé1=b.c$ d', 0, 14)).toEqual(['var', 'aé1', 'b', 'c$', 'd']);
  });
});
