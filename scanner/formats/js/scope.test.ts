// The resolving pass (scope.ts) binds names as @babel/traverse's crawl did: hoisting, block scopes, params and
// patterns, imports, class and function expression names, reference and violation order, and Babel's quirks.
import { describe, expect, it } from 'vitest';
import type * as t from '@babel/types';
import { parseJs } from './babel.js';
import { pathOf, resolveScopes, type Binding } from './scope.js';

/** The binding each `probe(x)` argument resolves to, in source order. */
function probes(code: string, path = 'app.js'): Array<Binding | undefined> {
  const { ast } = parseJs(code, path);
  const out: Array<Binding | undefined> = [];
  for (const node of resolveScopes(ast!).visited) {
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'probe') continue;
    const arg = node.arguments[0] as t.Identifier;
    out.push(pathOf(arg).scope.getBinding(arg.name));
  }
  return out;
}

const line = (b: Binding | undefined) => b?.declaration.loc?.start.line;

describe('resolveScopes', () => {
  it('hoists var and function declarations to the function, keeps let/const in their block', () => {
    const [a, f, inner, outer] = probes(`probe(a); probe(f);\nvar a = 1;\nfunction f() {}\nlet x = 1;\n{ let x = 2; probe(x); }\nprobe(x);`);
    expect(a?.kind).toBe('var');
    expect(f?.kind).toBe('hoisted');
    expect(f?.declaration.type).toBe('FunctionDeclaration');
    expect(line(inner)).toBe(5);
    expect(line(outer)).toBe(4);
  });

  it('binds params (patterns and defaults), catch params, imports and expression names with their kinds and declaring nodes', () => {
    const [p, d, e, m, n, local] = probes(
      `import x, { y as z } from 'pkg';\nfunction g({ p }, d = 1) { probe(p); probe(d); }\ntry {} catch (e) { probe(e); }\nprobe(x); probe(z);\n(function h() { probe(h); })();`,
    );
    expect([p?.kind, p?.declaration.type]).toEqual(['param', 'ObjectPattern']);
    expect([d?.kind, d?.declaration.type]).toEqual(['param', 'AssignmentPattern']);
    expect([e?.kind, e?.declaration.type]).toEqual(['let', 'CatchClause']);
    expect([m?.kind, m?.declaration.type]).toEqual(['module', 'ImportDefaultSpecifier']);
    expect([n?.kind, n?.declaration.type]).toEqual(['module', 'ImportSpecifier']);
    expect([local?.kind, local?.declaration.type]).toEqual(['local', 'FunctionExpression']);
  });

  it('counts references and reassignments in order, and a var initialised in a loop is not constant', () => {
    const [c, r, loop] = probes(`const c = 1; probe(c);\nlet r = 1; r = 2; r++; probe(r);\nfor (;;) { var v = 1; probe(v); }`);
    expect(c?.constant).toBe(true);
    expect(c?.references.length).toBe(1);
    expect(r?.constant).toBe(false);
    expect(r?.violations.map((v) => v.type)).toEqual(['AssignmentExpression', 'UpdateExpression']);
    expect(loop?.constant).toBe(false);
  });

  it('references an exported declaration from its export first, then from identifiers', () => {
    const { ast } = parseJs(`export function f(a) {}\nf(1);`, 'm.mjs');
    const { program } = resolveScopes(ast!);
    const b = program.scope.getBinding('f')!;
    expect(b.references.map((r) => r.type)).toEqual(['ExportNamedDeclaration', 'Identifier']);
  });

  it('resolves default values outside the body, a method key and a switch discriminant outside their scopes', () => {
    const [dflt, key, disc] = probes(`var v = 0;\nfunction f(a = probe(v)) { var v = 1; }\nclass C { [probe(v)]() { var v = 2; } }\nswitch (probe(v)) { case 1: let v = 3; }`);
    for (const b of [dflt, key, disc]) expect(line(b)).toBe(1);
  });

  it('aliases a class name inside its own scope and leaves globals unbound', () => {
    const [inside, global] = probes(`class K { m() { probe(K); } }\nprobe(window);`);
    expect(inside?.declaration.type).toBe('ClassDeclaration');
    expect(global).toBeUndefined();
  });

  it('stops on a duplicate let declaration as Babel does', () => {
    const { ast } = parseJs(`let a = 1; let a = 2;`);
    expect(() => resolveScopes(ast!)).toThrow(/Duplicate declaration "a"/);
  });
});
