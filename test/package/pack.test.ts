// What `npm pack` would publish, and what installing it runs: LICENSE shipped, no source maps pointing at sources
// that are not shipped, no install-time scripts (consumers get no install-script warning), the bin present.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** `npm pack --dry-run --json` of the built tree (--ignore-scripts: `npm test` has just built dist/). */
function packList(): Array<{ path: string; size: number }> {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out)[0].files;
}

describe('npm pack', () => {
  const files = packList();
  const paths = files.map((f) => f.path);

  it('ships LICENSE (MIT, as package.json says), the bin and the rules', () => {
    expect(pkg.license).toBe('MIT');
    expect(paths).toContain('LICENSE');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(paths).toContain(pkg.bin.rtcscan);
    expect(paths.filter((p) => p.startsWith('rules/checks/')).length).toBeGreaterThanOrEqual(18);
  });

  it('ships no source map and no TypeScript source, and no shipped file names a map', () => {
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.ts'))).toEqual([]);
    const js = paths.filter((p) => p.endsWith('.js'));
    expect(js.length).toBeGreaterThan(100);
    for (const p of js) expect(readFileSync(join(ROOT, p), 'utf8'), p).not.toMatch(/^\/\/# sourceMappingURL=/m);
  });

  it('has no script that runs when the package is installed', () => {
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts?.[s], s).toBeUndefined();
  });

  it('ships no tests, samples, reports or fixtures', () => {
    expect(paths.filter((p) => /^(test|samples|reports|bench|scripts)\//.test(p) || /\.test\.js$/.test(p))).toEqual([]);
  });
});
