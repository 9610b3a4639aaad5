// engine/worker-file.ts: a lane's worker runs the bundle's CommonJS entry (its code from V8's code cache) where the
// build made one, else the ES module beside the lane (the compiled tree), else there is none (TypeScript sources).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { workerFile } from './worker-file.js';

describe('workerFile', () => {
  it('prefers <name>.cjs, then <name>.js, beside the given module', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-worker-file-'));
    const base = pathToFileURL(join(dir, 'lane.js')).href;
    expect(workerFile('script-worker', base)).toBeUndefined();
    writeFileSync(join(dir, 'script-worker.js'), '');
    expect(fileURLToPath(workerFile('script-worker', base)!)).toBe(join(dir, 'script-worker.js'));
    writeFileSync(join(dir, 'script-worker.cjs'), '');
    expect(fileURLToPath(workerFile('script-worker', base)!)).toBe(join(dir, 'script-worker.cjs'));
    // Another worker's files are not this one's.
    expect(workerFile('blob-worker', base)).toBeUndefined();
  });
});
