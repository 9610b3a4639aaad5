import { describe, expect, it } from 'vitest';
import { parseJs } from './babel.js';
import { isInertDeclaration } from './hoisted.js';

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
