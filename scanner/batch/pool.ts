// Runs the bundles of a batch on a pool of worker threads (piscina), at most `jobs` at a time: a bundle is handed
// out only when a lane is free, and its outcome goes to `onDone` before the lane takes the next, so at most `jobs`
// bundles (and their findings) are in memory at once. With one job the bundles are scanned on the main thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { scanOne, type BundleOutcome, type BundleTask } from './scan-one.js';

/** The compiled worker beside this module (dist/scanner/batch/worker.js when run from dist/). */
export function workerFile(): string {
  const file = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (!existsSync(file)) throw new Error(`batch worker ${file} is missing: run the compiled CLI (npm run build)`);
  return file;
}

export async function runPool<T extends { task: BundleTask }>(items: readonly T[], jobs: number, onDone: (item: T, outcome: BundleOutcome) => Promise<void> | void): Promise<void> {
  const lanes = Math.max(1, Math.min(jobs, items.length));
  let pool: Piscina<BundleTask, BundleOutcome> | undefined;
  if (lanes > 1) pool = new Piscina({ filename: workerFile(), minThreads: lanes, maxThreads: lanes, idleTimeout: 1_000 });
  const run = async (task: BundleTask): Promise<BundleOutcome> => {
    if (!pool) return scanOne(task);
    try {
      return await pool.run(task);
    } catch (e) {
      // The worker itself died (out of memory, a crash in native code): this bundle is lost, the audit goes on.
      const now = new Date().toISOString();
      const fatal = { level: 'error' as const, id: 'batch/worker-failed', message: `the worker scanning it failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`, artifact: task.path };
      return { bundle: { input: task.path, findings: [], notices: [fatal], artifacts: [], fatal }, files: 0, bytes: 0, startTime: now, endTime: now };
    }
  };
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++];
      await onDone(item, await run(item.task));
    }
  };
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await pool?.destroy();
  }
}
