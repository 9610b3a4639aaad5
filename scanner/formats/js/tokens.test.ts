import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import jsTokens from 'js-tokens';
import { JsScanner } from './tokens.js';
import { installedBuilds } from '../../../bench/vendor-builds.mjs';

/** js-tokens' significant tokens and comments as `type start end closed line:column` (the reference). */
function reference(code: string): string[] {
  const out: string[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  for (const t of jsTokens(code)) {
    const start = pos;
    pos += t.value.length;
    if (t.type === 'WhiteSpace') continue;
    if (t.type === 'LineTerminatorSequence') {
      line++;
      lineStart = pos;
      continue;
    }
    out.push(`${t.type} ${start} ${pos} ${'closed' in t ? t.closed : true} ${line}:${start - lineStart}`);
    for (const m of t.value.matchAll(/\r\n|[\n\r\u2028\u2029]/g)) {
      line++;
      lineStart = start + m.index! + m[0].length;
    }
  }
  return out;
}

function scanned(code: string): string[] {
  const out: string[] = [];
  const s = new JsScanner(code);
  while (s.next()) {
    if (s.value() !== code.slice(s.start, s.end)) throw new Error(`value of ${s.type} at ${s.start} is not its text`);
    out.push(`${s.type} ${s.start} ${s.end} ${s.closed} ${s.line}:${s.column}`);
  }
  return out;
}

describe('JsScanner reads the token stream js-tokens reads', () => {
  it('on the vendors’ own production builds and a real esbuild bundle', { timeout: 300_000 }, () => {
    // One build per package (the rest are the same bundlers' output again), up to 1.5 MB (js-tokens, the
    // reference, reads ~0.3 MB/s under vitest on a loaded machine).
    const seen = new Set<string>();
    const builds = installedBuilds().filter((b) => statSync(b.path).size <= 1_500_000 && !seen.has(b.pkg) && seen.add(b.pkg));
    const files = [...builds.map((b) => b.path), new URL('../../../samples/web/dist/app.js', import.meta.url)];
    expect(files.length).toBeGreaterThan(10);
    let tokens = 0;
    for (const f of files) {
      const code = readFileSync(f, 'utf8');
      const want = reference(code);
      const got = scanned(code);
      // The first difference, not a diff of a million lines.
      const at = want.findIndex((w, i) => got[i] !== w);
      expect(at === -1 ? got.length - want.length : `${f}: token ${at}: ${got[at]} instead of ${want[at]}`).toBe(0);
      tokens += want.length;
    }
    expect(tokens).toBeGreaterThan(500_000);
  });

  it('on hand-picked edges: regex or division, templates, escapes, broken input', () => {
    const cases = [
      'a = b / c / d; e = /re[/]x/g.test(f)',
      'return /x/\nreturn\n/x/',
      'if (a) /b/.test(c); x++ / 2; ++/x/.y',
      '({}) / 1; {} /x/; a = {} / 1',
      'x = `a${`b${c}d`}e` / 2; `${{}}` ; `${ {a:1}.a }`',
      'const s = "a\\\r\nb"; t = \'\\u2028\'; u = "\u2028"',
      '#!/usr/bin/env node\r\nlet x = 0x1Fn + 1_000 + .5e-3 + 08.5 + 0777 + 5..toString()',
      'class A { #p = 1; m() { return this.#p } }',
      'a\u00a0b\u3000c \ufeff d; café = 1; \\u0061b = 2; x\\u{62} /1/ 2',
      '/* a\nb */ return /* c */ /x/; yield\n/y/',
      'unterminated "string\nnext; `tmpl ${ a',
      '/[\\]/]+/; /a\\',
      'a ?. b ?.5 : c ?? d ??= e &&= f ||= g **= h >>>= i',
      'for (;;) /x/; while (a) /y/; x.if (a) / 2',
      '@ # \\ \u0000 \ud800 😀 = 1',
    ];
    for (const c of cases) expect(scanned(c), c).toEqual(reference(c));
  });

  it('on random mixtures of tricky pieces (property)', () => {
    const pieces = ['/', '/*', '*/', '//', '`', '${', '}', '{', ')', '(', '\\', '\n', '\r', '\r\n', '\u2028', '"', "'", 'return', 'if', '++', '--', '.', '?.', '5', '0x', '1e', '#', 'é', '\u00a0', '[', ']', 'else', '=>', 'yield\n', ' ', 'a', '.5', '08', '😀', '\ud800', 'for(', 'while', '\\u0061', '\\u{62}', 'x', '=', ';'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const code = parts.join('');
        expect(scanned(code)).toEqual(reference(code));
      }),
      { numRuns: 3000 },
    );
  });
});
