// A skeleton parse (scanner/formats/js/prepare.ts) reads plain function declarations whose bodies it blanks as empty
// statements (skeletonStubs): what it decides from them — their units, the names hoisted.ts sees declared, what stays
// blank — must be what it decided with them parsed. Each corpus bundle (real SDKs minified by esbuild, with app code)
// is prepared twice, with the outline as made and with its declaration heads taken out (the skeleton then parses the
// stubs, as before), and everything prepare gives is compared: the final AST, units, strings, markers, blanks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as t from '@babel/types';
import { outlineScript, type Outline } from '../../scanner/formats/js/outline.js';
import { prepare, skeletonStubs, type Prepared } from '../../scanner/formats/js/prepare.js';
import { frontierOf } from '../../scanner/formats/js/elide.js';
import { VendorIndex } from '../../scanner/formats/js/vendors.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { ensureCorpus, outDir, type ManifestEntry } from './corpus.js';

// What Babel is given, to compare the skeleton texts.
const parsed: string[] = [];
vi.mock('../../scanner/formats/js/babel.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../scanner/formats/js/babel.js')>();
  return {
    ...mod,
    parseJs: (code: string, ...rest: Parameters<typeof mod.parseJs> extends [string, ...infer R] ? R : never) => {
      parsed.push(code);
      return mod.parseJs(code, ...rest);
    },
  };
});

const index = new VendorIndex(defaultRulePack());
let bundles: Array<{ name: string; code: string }>;

beforeAll(async () => {
  const manifest: ManifestEntry[] = (await ensureCorpus()).filter((m) => m.format === 'js' || /\.(?:js|jsbundle|bundle)$/.test(m.file));
  // Without a source map, as the benchmark's app bundles: library statements are blanked whole too.
  bundles = manifest.map((m) => ({ name: m.name, code: readFileSync(join(outDir, m.file), 'utf8').replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n') }));
}, 600_000);

/** The outline without declaration heads: a skeleton keeps every stub parsed. */
const withoutHeads = (o: Outline): Outline => ({ ...o, bodies: o.bodies.map((b) => ({ ...b, head: -1 })) });

/** Everything prepare gives, comparable: the AST with its positions, units, strings, markers, blanks, errors. */
function view(p: Prepared) {
  return {
    ast: JSON.stringify(p.ast.program),
    comments: JSON.stringify(p.ast.comments),
    errors: p.errors,
    units: p.units.map((u) => ({ ...u, factory: u.factory?.start, node: u.node ? `${u.node.type} ${u.node.start}-${u.node.end}` : undefined })),
    raw: p.raw,
    markers: p.markers,
    blanked: p.blanked.list(),
    origins: p.units.map((u) => p.regions.originAt(u.start, u.line, u.column)),
  };
}

/** Characters other than whitespace. */
const solid = (s: string) => s.replace(/\s+/g, '').length;

describe('skeleton stubs', () => {
  it('leave what a skeleton decides unchanged on every corpus bundle, and shrink the skeletons that have them', () => {
    let stubbed = 0;
    let shrunk = 0;
    for (const { name, code } of bundles) {
      const outline = outlineScript(code);
      if (outline.unbalanced) continue;
      parsed.length = 0;
      const fast = prepare(code, name, outline, index, undefined, Infinity);
      const fastTexts = [...parsed];
      parsed.length = 0;
      const slow = prepare(code, name, withoutHeads(outline), index, undefined, Infinity);
      const slowTexts = [...parsed];
      expect('ast' in fast && 'ast' in slow, name).toBe(true);
      expect(view(fast as Prepared), name).toEqual(view(slow as Prepared));
      // The first skeleton round reads the top-level bodies; its stubs are what it no longer parses.
      if (!skeletonStubs(code, frontierOf(outline, -1).map((i) => outline.bodies[i]!)).size) continue;
      stubbed++;
      expect(solid(fastTexts[0]!), name).toBeLessThan(solid(slowTexts[0]!));
      if (fastTexts.reduce((n, s) => n + solid(s), 0) < slowTexts.reduce((n, s) => n + solid(s), 0)) shrunk++;
    }
    // Most of the corpus is esbuild's scope-hoisted output, full of top-level function declarations.
    expect(stubbed).toBeGreaterThanOrEqual(3);
    expect(shrunk).toBeGreaterThanOrEqual(3);
  }, 600_000);

  it('are plain declarations only; a head that binds a reserved name, repeats a parameter or is a Rollup loader stays', () => {
    const body = `{ return ${'1 + '.repeat(30)}1 }`;
    const code = [
      `function a(x, y) ${body}`,
      `function b() ${body}`,
      `function c(x, x) ${body}`,
      `function d(yield) ${body}`,
      `function e(x = 1) ${body}`,
      `function f({ x }) ${body}`,
      `function g(/* x */) ${body}`,
      `function h() { if (H) return E; H = 1; ${'E.x = 1; '.repeat(10)} return E }`,
    ].join('\n');
    const outline = outlineScript(code);
    const stubs = skeletonStubs(code, outline.bodies);
    expect([...stubs.values()].map((s) => s.name)).toEqual(['a', 'b']);
    // The blank covers the declaration, `function` to `}`.
    const a = stubs.get(0)!;
    expect(code.slice(a.blank.open + 1, a.blank.close)).toBe(`function a(x, y) ${body}`);
  });

  it('give a unit and a declared name like the declaration’s (a keyword-free function parsed code never names is blanked whole)', () => {
    // An app bundle's shape: an IIFE (large enough to be opened) whose statements are functions and code calling one.
    const pad = (n: string) => `{ var q = ${JSON.stringify(n.repeat(9000))}; return q.length + ${'1 + '.repeat(20)}1 }`;
    const code = `(() => {\nfunction used(a, b) ${pad('u')}\nfunction unused(a) ${pad('v')}\nvar app = used(1, 2);\n})();\n`;
    const outline = outlineScript(code);
    const fast = prepare(code, 'app.js', outline, index, undefined, Infinity);
    const slow = prepare(code, 'app.js', withoutHeads(outline), index, undefined, Infinity);
    expect(view(fast as Prepared)).toEqual(view(slow as Prepared));
    expect(skeletonStubs(code, outline.bodies).size).toBe(2);
    // `unused` is an inert keyword-free declaration no parsed code names: blanked whole; `used` stays.
    const units = (fast as Prepared).units.filter((u) => u.kind === 'statement').map((u) => (u.node as t.Node).type);
    expect(units).toEqual(['FunctionDeclaration', 'EmptyStatement', 'VariableDeclaration']);
  });
});
