// The pipeline: input → formats → checks, one direction. Each top-level input is one bundle: checks are created
// per bundle, so whole-bundle conclusions ("joins but never encrypts") never mix two apps.
import { hash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Notice } from '../core/facts.js';
import type { Check, Finding } from '../core/finding.js';
import type { Artifact, ArtifactRecord, DeferredBytes } from '../input/artifact.js';
import { DEFAULT_LIMITS, type InputLimits } from '../input/limits.js';
import { InputError, walkInput } from '../input/walk.js';
import type { Facts } from '../core/facts.js';
import type { RulePack } from '../rules/pack.js';
import { ALL_CHECKS } from '../checks/index.js';
import { dropsUnreadLiterals, dropUnreadLiterals, literalReadsOf } from '../checks/string-reads.js';
import { compareFindings } from './order.js';
import { readArtifactFacts, sniffFormat } from './read.js';
import { FactsCache } from './cache.js';
import { ReadPool } from './pool.js';
import { BLOB_LANE_BYTES, BlobLane } from './blob-lane.js';
import { ScriptLane } from './script-lane.js';
import { DEFAULT_FACT_LIMITS, FactBudget, factBytes, type FactLimits } from '../core/budget.js';
import { OutputCaps, DEFAULT_OUTPUT_CAPS, type OutputCapLimits } from './caps.js';
import { costClass, type CostLedger } from './costs.js';
import { ownerPackageOf } from './package-owner.js';

/** Inputs whose names say app archive (input/walk.ts reads them as zips). */
const ARCHIVE_NAME = /\.(ipa|apk|aab|xapk|apks|zip|jar|aar)$/i;
const WARM_ARCHIVE_BYTES = 4 * 1024 * 1024;
const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};
/** Artifacts read ahead of the checks: bounds memory (their bytes stay alive until checked). */
const MAX_IN_FLIGHT = 8;
const MAX_IN_FLIGHT_BYTES = 96 * 1024 * 1024;
/**
 * The same while a lane reads (no pool): enough for the blob and the artifacts read meanwhile. The count is high:
 * while the checks wait for a lane's facts this thread reads the next members, mostly small resources (1,334
 * plists come right after the benchmark IPA's first script), and the bytes bound still holds the large ones.
 */
const LANE_IN_FLIGHT = 1024;
const LANE_IN_FLIGHT_BYTES = 40 * 1024 * 1024;

export interface ScanOptions {
  inputs: string[];
  rules: RulePack;
  cwd?: string;
  limits?: InputLimits;
  showSecrets?: boolean;
  /** Strings a reader keeps from one artifact. */
  maxStrings?: number;
  checks?: readonly Check[];
  ignore?: (virtualPath: string) => boolean;
  onProgress?(progress: ScanProgress): void;
  /**
   * Worker threads reading artifacts (default: one per core; 0 reads on the main thread). Workers are used only
   * with the shipped rule pack and the compiled build. Results do not depend on it: checks see artifacts in order.
   * Without them (≤ 2 cores), large binary members still go to the blob lane's worker (engine/blob-lane.ts) unless 0
   * (what a scan inside a worker thread passes: scanner/batch/scan-one.ts).
   */
  workers?: number;
  /** Skip the JS AST for scripts without any rule keyword (default true). */
  prefilter?: boolean;
  /** Bytes of facts per artifact and per scan (scanner/core/budget.ts). */
  factLimits?: FactLimits;
  /** Findings kept per rule and notifications kept per id, per bundle (engine/caps.ts). */
  outputCaps?: OutputCapLimits;
  /** Books the main thread's time by stage and class of artifact (engine/costs.ts); results do not change. */
  costs?: CostLedger;
}

/** Where a scan is: artifacts read so far, and entries reached of those planned (folder walks, zip central directories). */
export interface ScanProgress {
  files: number;
  bytes: number;
  /** The entry being read (or the artifact last read). */
  current: string;
  /** Entries reached, read or not, and entries known so far (grows as nested archives are listed). */
  reached: number;
  planned: number;
}

export interface BundleResult {
  /** The input as given, and its display name (the root of its virtual paths). */
  input: string;
  findings: Finding[];
  notices: Notice[];
  artifacts: ArtifactRecord[];
  /** Set when the input could not be read at all. */
  fatal?: Notice;
}

export interface ScanResult {
  bundles: BundleResult[];
  startTime: Date;
  endTime: Date;
  files: number;
  bytes: number;
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const startTime = new Date();
  const cwd = options.cwd ?? process.cwd();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const checks = options.checks ?? ALL_CHECKS;
  const bundles: BundleResult[] = [];
  let files = 0;
  let bytes = 0;
  let reached = 0;
  let planned = 0;
  let current = '';
  const tell = () => options.onProgress?.({ files, bytes, current, reached, planned });
  const tally = options.onProgress && {
    planned(n: number) {
      planned += n;
      tell();
    },
    reached(path: string) {
      reached++;
      current = path;
      tell();
    },
  };
  const cache = new FactsCache();
  const literalReads = literalReadsOf(checks);
  const pool = options.workers === 0 || options.prefilter === false ? undefined : ReadPool.create(options.rules, options.maxStrings ?? 500_000, options.workers, literalReads);
  // Without a read pool, large binary members are read by the blob lane's worker beside the main thread — not when
  // asked to read on the main thread (`workers: 0`, which a batch lane's worker passes: its siblings fill the cores).
  // (Not `isMainThread`: node:worker_threads is then loaded only by what starts a worker, not by every scan.)
  const lanes = !pool && options.workers !== 0;
  const lane = lanes ? BlobLane.create() : undefined;
  const factLimits = options.factLimits ?? DEFAULT_FACT_LIMITS;
  // The same, for large scripts: read by a worker from the archive itself from the moment it is listed.
  // Its worker drops the literals of vendor builds that none of this scan's checks reads (checks/string-reads.ts).
  const scripts = lanes ? ScriptLane.create(options.rules, options.maxStrings ?? 500_000, options.prefilter !== false, factLimits.artifactBytes, literalReads) : undefined;
  /**
   * A recognised vendor build or a large text file read on this thread (a member taken back from the script lane, a
   * twin, a vendor build under 64 KiB, no lane at all) loses the literals no check reads, as in the lanes' workers
   * (checks/string-reads.ts): the checks then walk a fraction of them, and the facts waiting to be checked are small.
   */
  const readHere = async (data: Buffer, path: string, ctx: Parameters<typeof readArtifactFacts>[2]): Promise<Facts> => {
    const f = await readArtifactFacts(data, path, ctx, { prefilter: options.prefilter, ...(literalReads ? { literalReads } : {}) });
    if (literalReads && dropsUnreadLiterals(f, data.length)) dropUnreadLiterals(f, options.rules, literalReads);
    return f;
  };
  // A large app archive given by name: the worker starts now, beside this thread's own start (a small one may hold
  // no script the lane takes: its worker would only cost a start).
  if (scripts && options.inputs.some((i) => ARCHIVE_NAME.test(i) && sizeOf(resolve(cwd, i)) >= WARM_ARCHIVE_BYTES)) scripts.warm();
  try {
  let factsSpent = 0;
  /** A fresh budget for the next artifact: the per-artifact limit, or what is left of the scan's. */
  const nextBudget = (): FactBudget => {
    const left = Math.max(0, factLimits.scanBytes - factsSpent);
    return left < factLimits.artifactBytes ? new FactBudget(left, 'scan') : new FactBudget(factLimits.artifactBytes, 'artifact');
  };
  /** Reads under way by cache key (engine/cache.ts), until their facts are in. */
  const reading = new Map<string, Promise<Facts>>();
  /** Hashes by Buffer: members sharing one compressed copy arrive as the same Buffer (input/walk.ts). */
  const hashes = new WeakMap<Buffer, string>();
  const costs = options.costs;
  /** Walk, hash and read times of each pending artifact, when costs are booked. */
  const spent = new Map<object, { walk: number; hash: number; read: number; lane?: string }>();
  for (const input of options.inputs) {
    const bundle: BundleResult = { input, findings: [], notices: [], artifacts: [] };
    bundles.push(bundle);
    const seen = new Set<string>();
    const caps = new OutputCaps(options.outputCaps ?? DEFAULT_OUTPUT_CAPS);
    const ctx = {
      rules: options.rules,
      showSecrets: !!options.showSecrets,
      report(f: Finding) {
        const key = `${f.ruleId}\u0000${f.location.artifact}\u0000${f.identity}`;
        if (seen.has(key)) return;
        seen.add(key);
        if (caps.keepFinding(f)) bundle.findings.push(f);
      },
      notify(n: Notice) {
        if (caps.keepNotice(n)) bundle.notices.push(n);
      },
      reported: () => bundle.findings,
    };
    const visitors = checks.map((c) => c.create(ctx));
    // Artifacts are read ahead (in workers when available) but checked strictly in walk order, so results are
    // the same as a sequential scan. Records the walker emits wait in the same queue to keep their order.
    type Pending = { record: ArtifactRecord } | { path: string; sha256: string; facts: Promise<Facts>; taken?: () => void; laned?: Artifact };
    const queue: Pending[] = [];
    let inFlightBytes = 0;
    /** Queued artifacts a lane reads from the file itself (deferred by the walk, or the script lane's): not read here. */
    let deferredQueued = 0;
    const consume = async (item: Pending) => {
      if ('record' in item) {
        bundle.artifacts.push(item.record);
        return;
      }
      const facts = await item.facts;
      item.taken?.();
      factsSpent += factBytes(facts);
      bundle.artifacts.push({ ...artifactMeta.get(item)!, format: facts.format, sha256: item.sha256 });
      for (const n of facts.notices) ctx.notify({ ...n, artifact: n.artifact ?? item.path });
      if (!costs) {
        for (const v of visitors) v.artifact?.(facts);
        return;
      }
      const size = artifactMeta.get(item)!.size;
      const s = spent.get(item);
      spent.delete(item);
      const cls = `${costClass(facts, size)}${s?.lane ? `, ${s.lane}` : ''}`;
      let checksMs = 0;
      for (let i = 0; i < visitors.length; i++) {
        const t = performance.now();
        visitors[i]!.artifact?.(facts);
        const ms = performance.now() - t;
        checksMs += ms;
        costs.check(checks[i]!.id, cls, ms);
      }
      costs.book(cls, size, { walk: s?.walk ?? 0, hash: s?.hash ?? 0, read: s?.read ?? 0, checks: checksMs });
    };
    const artifactMeta = new Map<Pending, { path: string; parent?: string; size: number; bytes: number; deferred?: boolean }>();
    /**
     * Before waiting for the script lane's facts of `head`, this thread takes back the next laned data files the
     * worker has not started (engine/lane-claims.ts) and reads them itself, one at a time, until the head's facts are
     * in: the two threads then share them instead of one waiting for the other.
     */
    const readWhileWaiting = async (head: Artifact) => {
      for (const next of queue) {
        if (scripts!.answered(head)) return;
        if (!('laned' in next) || !next.laned || !scripts!.takeBack(next.laned)) continue;
        const booked = spent.get(next);
        if (booked) booked.lane = 'script lane, taken back';
        await Promise.race([scripts!.answer(head), next.facts.catch(() => {})]);
      }
    };
    /** Checks the first queued artifact. */
    const consumeHead = async () => {
      const item = queue.shift()!;
      const meta = artifactMeta.get(item);
      try {
        if ('laned' in item && item.laned) await readWhileWaiting(item.laned);
        await consume(item);
      } finally {
        if (meta) inFlightBytes -= meta.bytes;
        if (meta?.deferred) deferredQueued--;
        artifactMeta.delete(item);
      }
    };
    /** Checks queued artifacts in order until at most `untilCount` (deferred ones aside) and `untilBytes` are left. */
    const drain = async (untilCount: number, untilBytes: number) => {
      while (queue.length && (queue.length - deferredQueued > untilCount || inFlightBytes > untilBytes)) await consumeHead();
    };
    /**
     * While the walk waits for the script lane's bytes of a member (the worker busy parsing), the artifacts queued
     * before it are checked as their facts come in: this thread would otherwise sit idle with up to LANE_IN_FLIGHT
     * artifacts read and not checked (measured on the benchmark IPA: ~1.3 s of the walk at load 12, once the data
     * sets were the lane's and this thread reached the vendor builds early).
     */
    const checkWhileLaneReads = async (bytes: Promise<unknown>) => {
      const walkGoes = bytes.then(
        () => true,
        () => true,
      );
      while (queue.length) {
        const head = queue[0]!;
        const ready = 'facts' in head ? head.facts.then(() => false, () => false) : false;
        // (The walk's turn first when both are in.)
        if (await Promise.race([walkGoes, ready])) return;
        await consumeHead();
      }
    };
    const readCtx = { rules: options.rules, maxStrings: options.maxStrings ?? 500_000 };
    /**
     * The blob lane's read of a large binary member: the same facts as inline; read inline if the lane fails, unless
     * the bytes were moved to the worker (gone from this side: then it is the engine's read-failed notice below).
     */
    const laneRead = (artifact: Artifact, budget: FactBudget): Promise<Facts> | undefined =>
      lane?.read(artifact, readCtx.maxStrings, budget)?.catch((e: unknown) => {
        if (artifact.data.length !== artifact.size) throw e;
        return readArtifactFacts(artifact.data, artifact.path, { ...readCtx, budget, readSibling: artifact.readSibling }, { prefilter: options.prefilter });
      });
    /**
     * The blob lane's read of a member the walk deferred: the worker reads the bytes from the file, hashes them and
     * reads their facts; `sha256` gets the hash. If the lane fails, the bytes are read and read here.
     */
    const laneReadDeferred = (artifact: Artifact, deferred: DeferredBytes, budget: FactBudget, sha256: (h: string) => void): Promise<Facts> =>
      lane!.readDeferred(deferred, artifact.path, readCtx.maxStrings, budget).then(
        (r) => {
          sha256(r.sha256);
          return r.facts;
        },
        async () => {
          const data = await deferred.load();
          sha256(hash('sha256', data, 'hex'));
          return readArtifactFacts(data, artifact.path, { ...readCtx, budget, readSibling: artifact.readSibling }, { prefilter: options.prefilter });
        },
      );
    try {
      const record = (r: ArtifactRecord) => (queue.length ? queue.push({ record: r }) : bundle.artifacts.push(r));
      // Large stored members are left to the blob lane to read when it is there (WalkOptions.deferStoredBytes).
      const walk = walkInput(input, { limits, cwd, notify: ctx.notify, record, ignore: options.ignore, tally, deferStoredBytes: lane ? BLOB_LANE_BYTES : undefined, lane: scripts, whileLaneReads: scripts && checkWhileLaneReads });
      let walkFrom = performance.now();
      for await (let artifact of walk) {
        const walked = costs && performance.now();
        files++;
        bytes += artifact.size;
        let deferred = artifact.deferred;
        if (deferred && sniffFormat(artifact.data, artifact.path) !== 'binary') {
          // Not the lane's (its first bytes say another reader takes it): read here, as the walk would have.
          try {
            artifact = { ...artifact, data: await deferred.load(), deferred: undefined };
          } catch (e) {
            ctx.notify({ level: 'error', id: (e as { id?: string }).id ?? 'input/corrupt-member', artifact: artifact.path, message: (e as Error).message });
            continue;
          }
          deferred = undefined;
        }
        let sha256 = deferred ? '' : (artifact.sha256 ?? hashes.get(artifact.data));
        // One-shot `crypto.hash` (Node ≥ 20.12): no Hash object per member (4,000 small members of an IPA).
        if (!sha256 && !deferred) hashes.set(artifact.data, (sha256 = hash('sha256', artifact.data, 'hex')));
        const hashed = costs && performance.now();
        // A vendor package's file outside node_modules (its nearest package.json names it) is read as library code;
        // the same bytes elsewhere are not: the package is part of the cache key.
        const owner = await ownerPackageOf(artifact, options.rules);
        const keyOf = (h: string) => (owner === undefined ? h : `${h}\u0000${owner}`);
        // Once the scan's fact budget is spent, cached facts would bypass it: read (into an empty budget) instead.
        // A deferred member's hash is known only after its read (the walk defers no member whose size another has).
        const mayHit = !deferred && factsSpent < factLimits.scanBytes;
        const cached = mayHit ? cache.get(keyOf(sha256!), artifact.path) : undefined;
        const budget = nextBudget();
        let scripted: Promise<Facts> | undefined;
        if (artifact.laned) {
          // Read by the script lane, unless cached or its read would not be this one's: then the bytes come here.
          scripted = cached ? undefined : scripts!.facts(artifact, owner, budget);
          if (cached) artifact.laned.ticket.cancel();
          else if (!scripted) {
            try {
              artifact = { ...artifact, data: await artifact.laned.load(), laned: undefined };
            } catch (e) {
              ctx.notify({ level: 'error', id: (e as { id?: string }).id ?? 'input/corrupt-member', artifact: artifact.path, message: (e as Error).message });
              continue;
            }
          }
        }
        // (Before the blob lane may move the bytes away. A scripted member's bytes are the lane's, but they count:
        // they bound how far the walk runs ahead of the checks, and with it what the lane holds.)
        const dataBytes = scripted ? artifact.size : deferred ? 0 : artifact.data.length;
        const hashOf = { sha256: sha256! };
        const fallback = artifact.laned;
        const laned =
          scripted?.catch(async () => {
            // The lane failed (its worker died): read here.
            const data = await fallback!.load();
            return readHere(data, artifact.path, { ...readCtx, budget, readSibling: artifact.readSibling, package: owner });
          }) ?? (cached || pool ? undefined : deferred ? laneReadDeferred(artifact, deferred, budget, (h) => (hashOf.sha256 = h)) : laneRead(artifact, budget));
        const read = () =>
          (pool
              ? pool.read(artifact, budget, owner)
              : (laned ?? readHere(artifact.data, artifact.path, { ...readCtx, budget, readSibling: artifact.readSibling, package: owner })))
              .catch(async (e: unknown) => {
                // A worker died (out of memory, crash): the artifact still gets the generic view and a notice.
                const f = await readArtifactFacts(Buffer.alloc(0), artifact.path, readCtx);
                f.notices.push({ level: 'error', id: 'engine/read-failed', artifact: artifact.path, message: `reading failed: ${String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 200)}` });
                return f;
              })
              .then((f) => {
                if (owner !== undefined) f.package = owner;
                cache.put(keyOf(hashOf.sha256), artifact.size, f, artifact.repeats);
                return f;
              });
        // The same bytes are being read for an earlier member (the script lane's copy of a twin, its facts not in yet):
        // this one waits for that read and takes its facts from the cache, as a hit, instead of reading them again here
        // (the benchmark IPA's last member is such a twin: read again, it was ~0.2–0.45 s at the end of the scan).
        const earlier = !cached && mayHit && !laned && !pool && !artifact.laned ? reading.get(keyOf(sha256!)) : undefined;
        const facts = cached ? Promise.resolve(cached) : earlier ? earlier.then(() => cache.get(keyOf(sha256!), artifact.path) ?? read(), read) : read();
        if (!cached && !deferred) {
          const key = keyOf(sha256!);
          reading.set(key, facts);
          void facts.finally(() => reading.get(key) === facts && reading.delete(key)).catch(() => {});
        }
        // (`sha256` is read when the item is checked, after its facts: a deferred member's hash is known by then.)
        const item: Pending = {
          path: artifact.path,
          get sha256() {
            return hashOf.sha256;
          },
          facts,
          ...(scripted ? { taken: () => scripts!.taken(artifact), laned: artifact } : {}),
        };
        // The walk keeps the archive open until the lane has read the member.
        deferred?.hold(facts);
        if (costs) {
          const s = { walk: walked! - walkFrom, hash: hashed! - walked!, read: 0, lane: scripted ? 'script lane' : laned ? 'blob lane' : cached ? 'cached' : undefined };
          spent.set(item, s);
          // The lane reads on its own thread: none of the main thread's time.
          if (!laned) void facts.then(() => (s.read = performance.now() - hashed!));
        }
        artifactMeta.set(item, { path: artifact.path, parent: artifact.parent, size: artifact.size, bytes: dataBytes, deferred: !!(deferred || scripted) });
        inFlightBytes += dataBytes;
        if (deferred || scripted) deferredQueued++;
        queue.push(item);
        // Without workers nothing is gained by reading ahead: each artifact is checked as soon as it is read —
        // unless a lane is reading one: the main thread reads the next ones meanwhile.
        if (pool) await drain(MAX_IN_FLIGHT - 1, MAX_IN_FLIGHT_BYTES);
        else if (lane?.busy || deferredQueued > 0) await drain(LANE_IN_FLIGHT - 1, LANE_IN_FLIGHT_BYTES);
        else await drain(0, 0);
        if (costs) walkFrom = performance.now();
      }
      await drain(-1, 0);
    } catch (e) {
      await drain(-1, 0).catch(() => {});
      if (!(e instanceof InputError)) throw e;
      bundle.fatal = { level: 'error', id: e.id, message: e.message, artifact: input };
      bundle.notices.push(bundle.fatal);
    }
    const ended = costs && performance.now();
    for (const v of visitors) v.end?.();
    if (costs) costs.phase('checks: end of bundle', performance.now() - ended!);
    bundle.notices.push(...caps.summaries());
    bundle.findings.sort(compareFindings);
  }
  } finally {
    await pool?.close();
    await lane?.close();
    await scripts?.close();
  }
  return { bundles, startTime, endTime: new Date(), files, bytes };
}
