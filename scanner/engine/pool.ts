// Spreads artifact reading over worker threads (piscina) while the main thread goes on reading the archive.
// Used only with the shipped rule pack (workers load it themselves) and only from the compiled build (a worker
// cannot load the TypeScript sources); otherwise, and for small artifacts, reading stays on the main thread.
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { lazyPackage } from '../core/lazy.js';
import type { Facts } from '../core/facts.js';
import type { FactBudget } from '../core/budget.js';
import type { Artifact } from '../input/artifact.js';
import { shippedRulePack, type RulePack } from '../rules/rule-pack.js';
import { readArtifactFacts, sniffFormat } from './read.js';
import type { ReadTask } from './read-worker.js';
import type { LiteralReadsKey } from '../checks/string-reads.js';

const piscina = lazyPackage<typeof import('piscina')>('piscina');

/** Artifacts below this size are read inline: posting them costs about as much as reading them. */
const INLINE_BYTES = 16 * 1024;
/** Artifacts above this size are read on the main thread rather than copied into a worker. */
const MAX_POSTED_BYTES = 16 * 1024 * 1024;
/** Scripts this large build ASTs of hundreds of MB: only one of them is parsed at a time, to bound memory. */
const HEAVY_JS_BYTES = 256 * 1024;
/** Old-generation cap per worker (RTCSCAN_WORKER_HEAP_MB overrides). */
const WORKER_HEAP_MB = Number(process.env.RTCSCAN_WORKER_HEAP_MB) || 1024;

export class ReadPool {
  private constructor(
    private readonly pool: Piscina<ReadTask, Facts>,
    private readonly rules: RulePack,
    private readonly maxStrings: number,
    private readonly literalReads: LiteralReadsKey[] | undefined,
  ) {}

  /** Tail of the chain of heavy tasks: each waits for the previous one. */
  private heavy: Promise<unknown> = Promise.resolve();

  /**
   * A pool of `threads` workers, or undefined when workers cannot be used for this scan. Default: none on one or
   * two cores, else one per core beyond the first (which walks the input and runs the checks). Measured on the
   * benchmark IPA on two cores: one worker costs 15 % more CPU (facts cloned back to the main thread, a second JIT
   * to warm), no wall time, and about 50 % more peak memory than reading on the main thread.
   */
  static create(rules: RulePack, maxStrings: number, threads = Number(process.env.RTCSCAN_WORKERS ?? defaultThreads()), literalReads?: LiteralReadsKey[]): ReadPool | undefined {
    if (threads < 1) return undefined;
    const worker = new URL('./read-worker.js', import.meta.url);
    if (!existsSync(fileURLToPath(worker))) return undefined;
    // Workers load the shipped pack themselves: any other pack (or none loaded yet) reads on the main thread.
    if (rules !== shippedRulePack()) return undefined;
    // Queue depth is bounded by the engine (artifacts in flight), not here.
    // A capped old generation makes V8 collect the previous bundle's AST before growing: without it each worker
    // keeps the high-water heap of the largest bundle it parsed. A bundle that truly needs more fails with a notice.
    const pool = new (piscina().Piscina)<ReadTask, Facts>({
      filename: worker.href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 1000,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    return new ReadPool(pool, rules, maxStrings, literalReads);
  }

  /** `owner`: the vendor package the artifact is library code of (engine/package-owner.ts). */
  async read(artifact: Artifact, budget?: FactBudget, owner?: string): Promise<Facts> {
    // Posting copies the bytes into the worker, and large members are read quickly by the binary readers anyway:
    // sending them would double their memory (a 100 MB member becomes 200 MB) for little gain.
    if (artifact.data.length < INLINE_BYTES || artifact.data.length > MAX_POSTED_BYTES) {
      return readArtifactFacts(artifact.data, artifact.path, { rules: this.rules, maxStrings: this.maxStrings, budget, readSibling: artifact.readSibling, package: owner });
    }
    if (artifact.data.length >= HEAVY_JS_BYTES && sniffFormat(artifact.data, artifact.path) === 'js') {
      const run = this.heavy.then(() => this.run(artifact, budget, owner));
      this.heavy = run.catch(() => undefined);
      return run;
    }
    return this.run(artifact, budget, owner);
  }

  private async run(artifact: Artifact, budget?: FactBudget, owner?: string): Promise<Facts> {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (m: { id: number; rel: string }) => {
      artifact.readSibling(m.rel).then(
        (data) => port1.postMessage({ id: m.id, data }),
        () => port1.postMessage({ id: m.id }),
      );
    });
    try {
      const task: ReadTask = { data: artifact.data, path: artifact.path, maxStrings: this.maxStrings, port: port2, factLimit: budget?.limit, factScope: budget?.scope, ...(owner !== undefined ? { package: owner } : {}), ...(this.literalReads ? { literalReads: this.literalReads } : {}) };
      return await this.pool.run(task, { transferList: [port2] });
    } finally {
      port1.close();
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

function defaultThreads(): number {
  const cores = availableParallelism();
  return cores <= 2 ? 0 : cores - 1;
}
