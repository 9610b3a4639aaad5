import { describe, expect, it } from 'vitest';
import { parseJs } from './babel.js';
import { findModuleUnits } from './modules.js';

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
