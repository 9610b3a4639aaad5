// The flow analysis' walk (ast.ts) reads a parsed tree by its types' visitor keys: it must visit exactly the nodes a
// walk over every key of every node visits, on real parses, and still visit a hand-made shared or cyclic tree's
// nodes once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as t from '@babel/types';
import { describe, expect, it } from 'vitest';
import { parseJs } from '../babel.js';
import { walk } from './ast.js';

const ROOT = join(import.meta.dirname, '../../../..');
const SKIP = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'comments', 'tokens', 'range']);
const isNode = (x: unknown): x is t.Node => typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string';

/** Every node reachable through any key (the walk before it read visitor keys), each once. */
function byEveryKey(root: t.Node): Set<t.Node> {
  const seen = new Set<t.Node>();
  const stack: t.Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const key of Object.keys(n)) {
      if (SKIP.has(key)) continue;
      const v = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) for (const x of v) isNode(x) && stack.push(x);
      else if (isNode(v)) stack.push(v);
    }
  }
  return seen;
}

function visits(root: t.Node): t.Node[] {
  const out: t.Node[] = [];
  expect(walk(root, (n) => out.push(n))).toBe(true);
  return out;
}

describe('flow walk', () => {
  const files: Array<[string, string]> = [
    ['samples/web/dist/app.js', 'app.js'],
    ['samples/web/src/main.js', 'main.js'],
    ['node_modules/livekit-client/dist/livekit-client.esm.mjs', 'livekit-client.esm.mjs'],
    ['node_modules/@daily-co/daily-js/dist/daily-esm.js', 'daily-esm.js'],
    ['scanner/formats/js/flow/interpreter.ts', 'interpreter.ts'],
  ];
  it.each(files)('visits every node of %s once, the same set as a walk over every key', (file, name) => {
    const ast = parseJs(readFileSync(join(ROOT, file), 'utf8'), name, Infinity).ast!;
    const got = visits(ast);
    const want = byEveryKey(ast);
    expect(got.length).toBe(want.size);
    expect(new Set(got).size).toBe(got.length);
    expect(got.every((n) => want.has(n))).toBe(true);
    expect(got[0]).toBe(ast);
  });

  it("visits a script's #! line, which Babel keeps outside the program's visitor keys", () => {
    const ast = parseJs('#!/usr/bin/env node\nfetch("http://h.example.com/" + uid);\n', 'cli.js').ast!;
    const types = visits(ast).map((n) => n.type);
    expect(types).toContain('InterpreterDirective');
    expect(types.length).toBe(byEveryKey(ast).size);
  });

  it('visits each node of a hand-made shared or cyclic tree once, and stops at the limit', () => {
    const shared = { type: 'Identifier', name: 'uid' };
    const obj: { type: string; properties: unknown[] } = { type: 'ObjectExpression', properties: [] };
    obj.properties.push({ type: 'ObjectProperty', key: shared, value: obj }, { type: 'ObjectProperty', key: shared, value: shared });
    const root = { type: 'ExpressionStatement', expression: obj } as unknown as t.Node;
    const got = visits(root).map((n) => n.type);
    expect(got).toEqual(['ExpressionStatement', 'ObjectExpression', 'ObjectProperty', 'Identifier', 'ObjectProperty']);
    expect(walk(root, () => {}, 3)).toBe(false);
  });
});
