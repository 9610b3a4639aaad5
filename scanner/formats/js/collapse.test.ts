// A blanked text parsed with its long blanks cut out (collapse.ts) gives the AST of the full-length blanked text:
// the same nodes at the same offsets, lines and columns, the same comments.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJs } from './babel.js';
import { LineStarts, parseBlanked } from './collapse.js';
import { blankBodies, blankedChars, frontierOf, initBlank, statementBlank, type Blank } from './elide.js';
import { outlineScript } from './outline.js';

/** The AST as data: every node's type, offsets and location, in walk order (`extra` offsets included). */
function view(ast: unknown): string {
  return JSON.stringify(ast, (key, value) => (key === 'errors' ? undefined : value && typeof value === 'object' && 'index' in value && 'line' in value ? `${value.line}:${value.column}@${value.index}` : value));
}

function both(code: string, blanks: Blank[]) {
  const full = parseJs(blankBodies(code, blanks), '', Infinity, blankedChars(blanks));
  // Cut whatever the share of blanks (the reader cuts only mostly blank texts).
  const cut = parseBlanked(code, blanks, Infinity, () => new LineStarts(code), 0);
  return { full, cut };
}

describe('parseBlanked', () => {
  it('gives the full-length AST on real builds blanked at every nesting level', () => {
    for (const file of ['node_modules/@daily-co/daily-js/dist/daily.js', 'node_modules/twilio-video/dist/twilio-video.js', 'node_modules/livekit-client/dist/livekit-client.esm.mjs']) {
      const code = readFileSync(join(process.cwd(), file), 'utf8');
      const outline = outlineScript(code);
      // Top-level bodies; then the children of the largest ones (their parents opened), as the skeleton rounds do.
      const top = frontierOf(outline, -1);
      const big = [...top].sort((a, b) => outline.bodies[b]!.close - outline.bodies[b]!.open - (outline.bodies[a]!.close - outline.bodies[a]!.open)).slice(0, 3);
      const rounds = [top, top.flatMap((i) => (big.includes(i) ? frontierOf(outline, i) : [i]))];
      for (const round of rounds) {
        const blanks = round.map((i) => outline.bodies[i]!);
        const { full, cut } = both(code, blanks);
        expect(full.ast, file).toBeDefined();
        expect(view(cut.ast), file).toBe(view(full.ast));
        expect(cut.errors).toEqual(full.errors);
      }
    }
  }, 120_000);

  it('cuts statements and initializers, keeps line breaks out of the positions, and moves comments', () => {
    const long = (s: string) => s.repeat(40);
    const code = [
      '// head',
      `var a = 1, b = [${long('1,\n')}0], c = 3;`,
      `function f() {\r\n  ${long('g(1);\n  ')}return 2; }`,
      `var unused = { ${long('k: "v",\u2028')} };`,
      'const { x = 1, y } = { y: 2 }; /* tail */ f(a, c, `t${x}`);',
      '',
    ].join('\n');
    const outline = outlineScript(code);
    const fn = outline.bodies.find((b) => b.open === code.indexOf('{', code.indexOf('function f')))!;
    const bStart = code.indexOf('b = [');
    const uStart = code.indexOf('var unused');
    const blanks: Blank[] = [fn, initBlank(bStart, bStart + 1, code.indexOf('0], c') + 2), statementBlank(uStart, code.indexOf('};', uStart) + 2)];
    const { full, cut } = both(code, blanks);
    expect(full.errors).toEqual([]);
    expect(view(cut.ast)).toBe(view(full.ast));
    expect(cut.ast!.comments!.map((c) => c.loc!.start.line)).toEqual([1, code.split(/\r\n|[\n\u2028]/).findIndex((l) => l.includes('/* tail */')) + 1]);
  });

  it('parses the full-length text when the short one has errors', () => {
    const code = `function f() { ${'g();'.repeat(30)} } let q = 1; let q = 2;`;
    const outline = outlineScript(code);
    const { full, cut } = both(code, [outline.bodies[0]!]);
    expect(full.errors.length).toBeGreaterThan(0);
    expect(cut.errors).toEqual(full.errors);
    expect(view(cut.ast)).toBe(view(full.ast));
  });
});
