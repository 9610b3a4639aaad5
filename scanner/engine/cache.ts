// Facts of artifacts already read in this process, by content hash: an app that ships the same SDK bundle twice
// (a web view and an extension, two plugins) or a batch of apps sharing `AgoraRTC_N-production.js` reads it once.
// Memory only (no on-disk cache), bounded by the bytes of the artifacts it stands for.
import type { Facts } from '../core/facts.js';

export interface FactsCacheOptions {
  /** Only artifacts at least this large are cached (small ones are cheap to read again). */
  minBytes: number;
  /** Sum of the sizes of the cached artifacts; the oldest entries go first past it. */
  maxBytes: number;
}

/** Hashes remembered for the second-sighting rule (64 bytes each). */
const MAX_SEEN = 100_000;

export const DEFAULT_CACHE: FactsCacheOptions = { minBytes: 32 * 1024, maxBytes: 64 * 1024 * 1024 };

export class FactsCache {
  private readonly entries = new Map<string, { facts: Facts; size: number }>();
  /** Hashes seen once: content is cached at its second sighting, so unique artifacts are never copied. */
  private readonly seenOnce = new Set<string>();
  private bytes = 0;
  hits = 0;

  constructor(private readonly opts: FactsCacheOptions = DEFAULT_CACHE) {}

  /** Facts for `path` when an artifact with the same hash was read before, with paths rewritten to `path`. */
  get(sha256: string, path: string): Facts | undefined {
    const e = this.entries.get(sha256);
    if (!e) return undefined;
    this.hits++;
    return retarget(e.facts, path);
  }

  /**
   * `repeats`: the caller knows more artifacts with these bytes follow (archive entries sharing one compressed
   * copy), so the facts are kept at the first sighting: without it, 4,000 overlapping 1 MiB members were fully
   * analysed twice before the first hit.
   */
  put(sha256: string, size: number, facts: Facts, repeats = false): void {
    // Facts traced through a sibling source map depend on more than the artifact's bytes.
    if (size < this.opts.minBytes || size > this.opts.maxBytes || facts.meta.sourceMap !== undefined) return;
    if (this.entries.has(sha256)) return;
    if (!repeats && !this.seenOnce.has(sha256)) {
      if (this.seenOnce.size >= MAX_SEEN) this.seenOnce.clear();
      this.seenOnce.add(sha256);
      return;
    }
    this.seenOnce.delete(sha256);
    this.entries.set(sha256, { facts: deepFreeze(structuredClone(facts)), size });
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.opts.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.size;
    }
  }
}

/**
 * `facts` as if read from `path`. The cached copy is frozen and shared, not cloned per hit: 4,000 members with the
 * bytes of one 1 MiB script made 4,000 deep copies of its facts (2.7 MB each) for the collector to catch up with,
 * 95 MB more peak RSS per 40 members. Only the fields that name the artifact are new objects.
 */
function retarget(facts: Facts, path: string): Facts {
  const from = facts.artifact;
  return { ...facts, artifact: path, notices: facts.notices.map((n) => (n.artifact === from ? { ...n, artifact: path } : n)) };
}

/** Freezes every object reachable from `value`, so a check that writes to shared facts fails loudly in tests. */
function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || Object.isFrozen(v) || ArrayBuffer.isView(v)) continue; // typed arrays cannot be frozen
    Object.freeze(v);
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return value;
}
