import { describe, expect, it } from 'vitest';
import picomatch from 'picomatch';
import { compileGlob, GlobError, MAX_GLOB_ALTERNATIVES } from './glob.js';

const PATHS = [
  'club.ipa!/Payload/Club.app/main.jsbundle',
  'club.ipa!/Payload/Club.app/main.jsbundle.map',
  'app/vendor/lib.js',
  'vendor/lib.js',
  'a/b/c/d.min.js',
  '.git/config',
  'Payload/.hidden/x.js',
  'src/a.ts',
  'src/b.tsx',
  'docs/README.md',
  'x',
  'a/b',
  'node_modules/agora-rtc-sdk-ng/AgoraRTC_N-production.js',
];
const GLOBS = [
  '**/vendor/**', '**/*.map', '*.js', '**/*.js', 'src/*.{ts,tsx}', '**/.git/**', '**', 'a/**', 'a/*/c/*.min.js', '**/d.?in.js',
  '**/[a-c]/**', '**/[^a]/**', 'node_modules/**/AgoraRTC_*', 'club.ipa!/Payload/**', '**/*.{md,map}', 'x', 'a/b/**', '{src,docs}/**',
];

describe('ignore globs without backtracking', () => {
  it('match as picomatch (dot: true) does on ordinary globs', () => {
    for (const g of GLOBS) {
      const ours = compileGlob(g);
      const ref = picomatch(g, { dot: true });
      for (const p of PATHS) expect(ours(p), `${g} vs ${p}`).toBe(ref(p));
    }
  });

  it('a pattern that makes picomatch backtrack for minutes is matched in milliseconds', () => {
    const path = Array(16).fill('a'.repeat(250)).join('/');
    const m = compileGlob('**/*a*/**/*a*/**/*a*/**/*a*b');
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) expect(m(path)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(compileGlob('**/*a*/**/*a*/**/*a*/**/*a*')(path)).toBe(true);
  });

  it('refuses globs too long, brace explosions and extglobs', () => {
    expect(() => compileGlob('a'.repeat(2000))).toThrow(GlobError);
    expect(() => compileGlob('{a,b}'.repeat(9))).toThrow(new RegExp(`more than ${MAX_GLOB_ALTERNATIVES}`));
    expect(() => compileGlob('**/@(a|b)')).toThrow(/extglob/);
    expect(compileGlob('{a,b}'.repeat(8))('abababab')).toBe(true); // 256 alternatives: accepted
  });
});
