// Facts of artifacts already read in this process, by content hash: an app that ships the same SDK bundle twice
// (a web view and an extension, two plugins) or a batch of apps sharing `AgoraRTC_N-production.js` reads it once.
// Memory only (no on-disk cache), bounded by the bytes of the artifacts it stands for.
import type { Facts } from '../core/facts.js';
import { factBytes } from '../core/budget.js';

export interface FactsCacheOptions {
  /** Only artifacts at least this large are cached (small ones are cheap to read again). */
  minBytes: number;
  /** Sum of the sizes of the cached artifacts; the oldest entries go first past it. */
  maxBytes: number;
  /**
   * Code artifacts at least this large (scripts, Hermes bytecode, DEX) are kept from their first sighting: their
   * analysis costs far more than their facts take, and apps ship the same bundle in the app and its extensions.
   */
  firstSightingBytes: number;
  /** Bytes of facts (core/budget.ts factBytes) kept from first sightings; the oldest such entries go first past it. */
  maxFirstSightingFactBytes: number;
}

/** Hashes remembered for the second-sighting rule (64 bytes each). */
const MAX_SEEN = 100_000;

export const DEFAULT_CACHE: FactsCacheOptions = { minBytes: 32 * 1024, maxBytes: 64 * 1024 * 1024, firstSightingBytes: 64 * 1024, maxFirstSightingFactBytes: 16 * 1024 * 1024 };

/** Formats whose readers analyse code (parse, interpret, decode bytecode). */
const CODE_FORMATS: ReadonlySet<string> = new Set(['js', 'hermes', 'dex']);

/**
 * Code that went through the full analysis. A recognised vendor or library build (read from its outline) and a script
 * without any rule keyword (literals only) are read quickly and have facts about as large as their bytes:
 * keeping them from the first sighting cost ~110 MiB more peak RSS on the benchmark IPA for nothing.
 */
function isAnalysedCode(facts: Facts): boolean {
  return CODE_FORMATS.has(facts.format) && facts.meta.vendorBuild === undefined && facts.meta.libraryBuild === undefined && facts.meta.prefilter === undefined;
}

export class FactsCache {
  /** `shared`: the facts are frozen and handed to hits; otherwise a first sighting's object, frozen on its first hit. */
  private readonly entries = new Map<string, { facts: Facts; size: number; factBytes: number; shared: boolean }>();
  /** Hashes seen once: content is cached at its second sighting, so unique artifacts are never held. */
  private readonly seenOnce = new Set<string>();
  private bytes = 0;
  /** Fact bytes of the entries kept from a first sighting. */
  private firstFactBytes = 0;
  hits = 0;

  constructor(private readonly opts: FactsCacheOptions = DEFAULT_CACHE) {}

  /** Facts for `path` when an artifact with the same hash was read before, with paths rewritten to `path`. */
  get(sha256: string, path: string): Facts | undefined {
    const e = this.entries.get(sha256);
    if (!e) return undefined;
    if (!e.shared) {
      e.facts = deepFreeze(e.facts);
      e.shared = true;
    }
    this.hits++;
    return retarget(e.facts, path);
  }

  /**
   * `repeats`: the caller knows more artifacts with these bytes follow (archive entries sharing one compressed
   * copy), or may (a script lane member with a twin of the same size and CRC-32), so the facts are kept at the first
   * sighting: without it, 4,000 overlapping 1 MiB members were fully analysed twice before the first hit, and the
   * benchmark IPA's second copies of two vendor builds were read again on the main thread.
   */
  put(sha256: string, size: number, facts: Facts, repeats = false): void {
    // Facts traced through a sibling source map depend on more than the artifact's bytes.
    if (size < this.opts.minBytes || size > this.opts.maxBytes || facts.meta.sourceMap !== undefined) return;
    if (this.entries.has(sha256)) return;
    let first = 0;
    if (!repeats && !this.seenOnce.has(sha256)) {
      const code = size >= this.opts.firstSightingBytes && isAnalysedCode(facts);
      if (code) first = factBytes(facts);
      if (!code || first > this.opts.maxFirstSightingFactBytes) {
        if (this.seenOnce.size >= MAX_SEEN) this.seenOnce.clear();
        this.seenOnce.add(sha256);
        return;
      }
    }
    this.seenOnce.delete(sha256);
    // The reader's object is kept, not a copy — the engine and the checks only read facts, and hits have always been
    // frozen, so a check that wrote to them would have failed — and frozen when it is shared: a first sighting,
    // kept on speculation (most app bundles have no twin), on its first hit; content seen twice now. Cloning cost
    // 0.86 s of the main thread for the benchmark IPA's Share-extension bundle alone (21,000 strings, its code model).
    const shared = !first;
    this.entries.set(sha256, { facts: shared ? deepFreeze(facts) : facts, size, factBytes: first, shared });
    this.bytes += size;
    this.firstFactBytes += first;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.opts.maxBytes && this.firstFactBytes <= this.opts.maxFirstSightingFactBytes) break;
      // Past the fact budget of first sightings only those go; past the size budget the oldest of any.
      if (this.bytes <= this.opts.maxBytes && !v.factBytes) continue;
      this.entries.delete(k);
      this.bytes -= v.size;
      this.firstFactBytes -= v.factBytes;
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
