// Runs the bundles of a batch on a pool of worker threads (piscina), at most `jobs` at a time: a bundle is handed
// out only when a lane is free, and its outcome goes to `onDone` before the lane takes the next, so at most `jobs`
// bundles (and their findings) are in memory at once. With one job the bundles are scanned on the main thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { scanOne, type BundleOutcome, type BundleTask } from './scan-one.js';

/** The compiled worker beside this module (dist/scanner/batch/worker.js when run from dist/). */
export function workerFile(): string {
  // A CommonJS entry that imports ./worker.js (see worker-entry.cts: why not the ES module itself).
  const file = fileURLToPath(new URL('./worker-entry.cjs', import.meta.url));
  if (!existsSync(file)) throw new Error(`batch worker ${file} is missing: run the compiled CLI (npm run build)`);
  return file;
}

/**
 * Old-generation cap of each batch worker (RTCSCAN_BATCH_WORKER_HEAP_MB overrides). A scan's live heap is far below
 * its resident size (the benchmark IPA: 430 MiB resident uncapped, 312 MiB and the same SARIF with a 256 MiB cap):
 * V8 collects lazily while the heap may grow. Capped, two lanes of such bundles stay within about 1 GB.
 */
const BATCH_WORKER_HEAP_MB = Number(process.env.RTCSCAN_BATCH_WORKER_HEAP_MB ?? 384);

/** A worker ended by its heap cap (Node's resourceLimits), not by a bug. */
function outOfMemory(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | undefined;
  return err?.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory/i.test(String(err?.message ?? ''));
}

export async function runPool<T extends { task: BundleTask }>(items: readonly T[], jobs: number, onDone: (item: T, outcome: BundleOutcome) => Promise<void> | void): Promise<void> {
  const lanes = Math.max(1, Math.min(jobs, items.length));
  let pool: Piscina<BundleTask, BundleOutcome> | undefined;
  let closing: Promise<void> | undefined;
  // After a worker reaches its heap cap the pool is closed (its queued tasks reject) and every bundle not yet done
  // is scanned on the main thread, uncapped: no bundle is lost to the cap, and no task waits on a pool whose
  // workers keep dying (a cap too small to even start one).
  let capped = false;
  const giveUpPool = () => {
    capped = true;
    closing ??= pool?.destroy();
  };
  if (lanes > 1) {
    pool = new Piscina({ filename: workerFile(), minThreads: lanes, maxThreads: lanes, idleTimeout: 1_000, resourceLimits: { maxOldGenerationSizeMb: BATCH_WORKER_HEAP_MB } });
    // A worker dying outside a task (its cap reached while starting) is reported here, not to a task; any other
    // pool error stays fatal, as it was without a listener.
    pool.on('error', (e: unknown) => {
      if (!outOfMemory(e)) throw e;
      giveUpPool();
    });
  }
  const run = async (task: BundleTask): Promise<BundleOutcome> => {
    if (!pool || capped) return scanOne(task);
    try {
      return await pool.run(task);
    } catch (e) {
      if (capped || outOfMemory(e)) {
        giveUpPool();
        return scanOne(task);
      }
      // The worker itself died (a crash in native code): this bundle is lost, the audit goes on.
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
    await (closing ?? pool?.destroy());
  }
}
