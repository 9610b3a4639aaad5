// The blob lane: large members that only the binary reader takes (stored video, asset catalogues, ML models:
// most of an IPA's bytes) are read on one light worker thread while the main thread goes on with the next
// artifacts (JavaScript analysis, checks). The worker loads the format readers only (engine/blob-worker.ts), not
// Babel or the rules, so it costs milliseconds to start, unlike a read-pool worker (engine/pool.ts). Used when the
// read pool is not (one or two cores); facts are the binary reader's either way, and checks still see artifacts in
// walk order. `RTCSCAN_BLOB_LANE=0` reads them on the main thread. The artifact's bytes are moved to the worker
// when they can be (`artifact.data` is then empty on this side).
import { Worker } from 'node:worker_threads';
import type { Facts } from '../core/facts.js';
import type { FactBudget } from '../core/budget.js';
import type { Artifact, DeferredBytes } from '../input/artifact.js';
import { sniffFormat } from './read.js';
import type { BlobTask } from './blob-worker.js';
import { unpackFacts, type PackedFacts } from './packed-strings.js';
import { workerFile } from './worker-file.js';

/** Binary members at least this large go to the lane; smaller ones cost less than the copy and the round trip. */
export const BLOB_LANE_BYTES = 1024 * 1024;

export class BlobLane {
  private worker: Worker | undefined;
  private next = 0;
  private readonly waiting = new Map<number, { resolve(r: { facts: Facts; sha256?: string }): void; reject(e: Error): void }>();
  /** Tasks posted and not answered yet. */
  busy = 0;

  private constructor(private readonly file: URL) {}

  /** A lane, or undefined when turned off or when the worker module is not there (TypeScript sources in tests). */
  static create(): BlobLane | undefined {
    if (process.env.RTCSCAN_BLOB_LANE === '0') return undefined;
    const file = workerFile('blob-worker', import.meta.url);
    return file ? new BlobLane(file) : undefined;
  }

  /** The artifact's facts from the worker, or undefined when it is not the lane's (small, or not binary). */
  read(artifact: Artifact, maxStrings: number, budget: FactBudget): Promise<Facts> | undefined {
    if (artifact.data.length < BLOB_LANE_BYTES || sniffFormat(artifact.data, artifact.path) !== 'binary') return undefined;
    // Moved, not copied, when the Buffer is the whole of its memory and no other member shares it: the main
    // thread has hashed it and needs it no more (a copy of 109 MiB of blobs cost ~80 MiB of peak RSS).
    const data = artifact.data;
    const move = !artifact.repeats && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer;
    return this.post({ data, path: artifact.path, maxStrings, factLimit: budget.limit, factScope: budget.scope }, move ? [data.buffer as ArrayBuffer] : []).then((r) => r.facts);
  }

  /**
   * The facts and SHA-256 of a member the walk left unread (input/walk.ts, `deferStoredBytes`): the worker reads it
   * from the file with positioned reads into a buffer it reuses, so neither thread touches fresh memory for it and
   * this one never waits for its bytes. The caller has checked that it is binary (engine/read.ts `sniffFormat`).
   */
  readDeferred(deferred: DeferredBytes, path: string, maxStrings: number, budget: FactBudget): Promise<{ facts: Facts; sha256: string }> {
    const { fd, offset, length } = deferred;
    return this.post({ file: { fd, offset, length }, path, maxStrings, factLimit: budget.limit, factScope: budget.scope }, []).then((r) => {
      if (r.sha256 === undefined) throw new Error('blob lane: no hash');
      return { facts: r.facts, sha256: r.sha256 };
    });
  }

  private post(task: Omit<BlobTask, 'id'>, transfer: ArrayBuffer[]): Promise<{ facts: Facts; sha256?: string }> {
    const worker = this.start();
    const id = this.next++;
    // Referenced while it has work: the main thread may be waiting for nothing else.
    if (this.busy++ === 0) worker.ref();
    return new Promise<{ facts: Facts; sha256?: string }>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...task, id } satisfies BlobTask, transfer);
    }).finally(() => {
      if (--this.busy === 0) this.worker?.unref();
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.file);
    w.on('message', (m: { id: number; facts?: PackedFacts; sha256?: string; error?: string }) => {
      const p = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.facts) p?.resolve({ facts: unpackFacts(m.facts), sha256: m.sha256 });
      else p?.reject(new Error(m.error ?? 'blob lane failed'));
    });
    const fail = (e: Error) => {
      for (const p of this.waiting.values()) p.reject(e);
      this.waiting.clear();
      this.worker = undefined;
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`blob lane exited (${code})`)));
    // An idle lane does not keep the process alive.
    w.unref();
    return (this.worker = w);
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
