import { describe, expect, it } from 'vitest';
import { parseJs } from './babel.js';
import { findModuleUnits, wrapperWordOffsets } from './modules.js';

// esbuild's CommonJS wrappers and the statements that load them: the text scan for wrapper names (linkRequires)
// must find every call the AST walk finds, also when a name is written with escapes.
const CODE = [
  'var require_a = __commonJS((exports, module) => { module.exports = 1; });',
  'var require_b = __commonJS((exports, module) => { var a = require_a(); module.exports = a + 1; });',
  'function useB() { return require_b().value; }',
  'function escaped() { return require_\\u0061(); }',
  'function none() { var required_a = 2; return "require_ab " + required_a; }',
].join('\n');

describe('module units: requires', () => {
  it('finds the same wrapper calls with the text scan as by walking every unit', () => {
    const ast = parseJs(CODE).ast!;
    const scanned = findModuleUnits(ast, { code: CODE });
    const walked = findModuleUnits(parseJs(CODE).ast!, {});
    const requires = (units: typeof scanned) => units.map((u) => `${u.kind}@${u.start}: ${(u.requires ?? []).join(',')}`);
    expect(requires(scanned)).toEqual(requires(walked));
    const of = (needle: string) => scanned.find((u) => u.kind === 'statement' && CODE.slice(u.start, u.end).includes(needle))!.requires;
    expect(of('function useB')).toEqual(['require_b']);
    expect(of('function escaped')).toEqual(['require_a']);
    expect(of('function none')).toEqual([]);
    expect(scanned.find((u) => u.kind === 'cjs-wrapper' && u.id === 'require_b')!.requires).toEqual(['require_a']);
  });
});

describe('module units: one shape', () => {
  it('gives every kind of unit the same fields in the same order (the classifier reads them in hot loops)', () => {
    const code = [
      CODE,
      '__d(function (g, r, i, a, m, e, d) { m.exports = r(d[0]); }, 7, [8], "node_modules/x/index.js");',
      '(self.webpackChunk = self.webpackChunk || []).push([[1], {12: function (e, t, n) { n(13); }, 13: function (e, t) { t.a = 1; }}]);',
      'function requireY() { if (F) return E; F = 1; E = {}; return E; }',
    ].join('\n');
    const units = findModuleUnits(parseJs(code).ast!, { code });
    expect(new Set(units.map((u) => u.kind))).toEqual(new Set(['statement', 'cjs-wrapper', 'metro', 'webpack']));
    const shapes = new Set(units.map((u) => Object.keys(u).join(',')));
    expect(shapes.size).toBe(1);
  });
});

describe('module units: wrapper names in the text', () => {
  // Reference: every `\u` and every word (run of ASCII name characters) that is one of the names, left to right.
  const reference = (code: string, ids: Set<string>) => [...code.matchAll(/\\u|[A-Za-z0-9_$]+/g)].filter((m) => m[0] === '\\u' || ids.has(m[0])).map((m) => m.index);

  it('finds the words the word pass finds, with few names (looked up) and many (one pass)', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    const names = ['a', 'ab', 'Cm', 'u', 'u0061', 'require_a', 'require_ab', '$x', '_', 'x1', 'ba', 'aa', 'Nm', 'Go', 'wg', 'b$', 'c', 'de', 'q_q', 'zz'];
    const pieces = [...names, ' ', '(', ')', '.', '\\', '\\u', '\\\\u', 'é', '中', '\u2028', '"', '\n', 'ü', '0'];
    for (let round = 0; round < 3000; round++) {
      const ids = new Set(Array.from({ length: 1 + rand(14) }, () => names[rand(names.length)]!));
      const code = Array.from({ length: rand(60) }, () => pieces[rand(pieces.length)]).join('');
      expect(wrapperWordOffsets(code, ids), JSON.stringify({ code, ids: [...ids] })).toEqual(reference(code, ids));
    }
  });

  it('gives no offsets when a name has another character (it could hide anywhere)', () => {
    expect(wrapperWordOffsets('var ä = 1', new Set(['ä']))).toBeUndefined();
    expect(wrapperWordOffsets('var a = 1', new Set(['']))).toBeUndefined();
  });
});
