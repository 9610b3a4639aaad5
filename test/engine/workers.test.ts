// The worker pool is off by default on two cores (scanner/engine/pool.ts), so it is exercised here on purpose: the
// compiled engine (workers need dist/) scans the samples with two workers and on the main thread alone, without the
// prefilter, and must report the same artifacts and findings in the same order.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist/scanner/engine/scan.js');

describe.runIf(existsSync(DIST))('worker pool', () => {
  it('gives the results of a plain sequential scan on the samples', async () => {
    const { compareScans } = (await import(join(ROOT, 'bench/compare.mjs'))) as {
      compareScans(inputs: string[], cwd?: string, fast?: { workers?: number }): Promise<{ diffs: string[]; findings: number }>;
    };
    const inputs = ['samples/ios/Club.ipa', 'samples/android/club.apk', 'samples/web'];
    const { diffs, findings } = await compareScans(inputs, ROOT, { workers: 2 });
    expect(findings).toBeGreaterThan(20);
    expect(diffs).toEqual([]);
  }, 300_000);
});
