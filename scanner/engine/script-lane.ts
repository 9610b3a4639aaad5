// The script lane: on two cores the main thread walks, reads and checks everything, and the JavaScript readers were
// ~40% of it on the benchmark IPA. Large scripts of an archive on disk are handed, when the archive is listed, to
// one worker (engine/script-worker.ts) that reads, inflates, hashes and reads their facts from the file itself, in
// walk order, while the main thread goes on with the other members. Checks still see every artifact in walk order,
// and the worker's facts are the facts the main thread would read (same bytes, rules, owner package and fact
// budget — a member whose owner or budget turns out otherwise when the walk reaches it is read on the main thread).
// Only with the shipped rule pack and the compiled build, and not inside batch workers. `RTCSCAN_SCRIPT_LANE=0`
// turns it off.
import { Worker } from 'node:worker_threads';
import type { Facts } from '../core/facts.js';
import type { FactBudget } from '../core/budget.js';
import type { Artifact, LaneArchive, LaneTicket, MemberLane } from '../input/artifact.js';
import { shippedRulePack, type RulePack } from '../rules/rule-pack.js';
import { ownerPackageOf } from './package-owner.js';
import { unpackFacts, type PackedFacts } from './packed-strings.js';
import type { ScriptLaneAnswer, ScriptLaneRequest, ScriptTask } from './script-worker.js';
import { claim, CLAIMED_BY_MAIN } from './lane-claims.js';
import { workerFile } from './worker-file.js';
import type { LiteralReadsKey } from '../checks/string-reads.js';

/** Scripts at least this large go to the lane: what the JS readers spend their time on. */
export const SCRIPT_LANE_BYTES = 64 * 1024;
/** Script names (the JS reader's and Hermes' extensions); the worker reads whatever format the bytes are. */
const SCRIPT_NAME = /\.(?:m?js|cjs|jsbundle|bundle)$/i;
/**
 * Data files (JSON, text, CSV): the text reader makes a string fact of each line — the benchmark IPA's 8 data sets,
 * 35 MB, are 480,000 lines, and reading, scanning and checking them was about half of the main thread's CPU. In the
 * worker their lines that no check reads are dropped (checks/string-reads.ts) before the facts travel: ~1,000 of a
 * data set's 60,000 lines come back. A package.json stays on the main thread (the walk reads owner packages there).
 */
const DATA_NAME = /\.(?:json|txt|csv|tsv)$/i;
const PACKAGE_JSON = /(?:^|\/)package\.json$/i;

interface Settle<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: Error): void;
}
function settle<T>(): Settle<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

class Ticket implements LaneTicket {
  readonly read = settle<{ sha256: string } | undefined>();
  /**
   * The facts, or undefined when dropped (cancelled, given back). Kept packed until the walk reaches the member: the
   * worker parses ahead while this thread reads the members before it, and packed facts hold no object per string.
   */
  readonly done = settle<PackedFacts | undefined>();
  readonly settled = this.done.promise.catch(() => undefined);
  /** The task as posted (owner and budget), once posted. */
  task: ScriptTask | undefined;
  finished = false;
  /** Told the worker it may forget this member (taken or cancelled). */
  released = false;
  /** The worker has answered `bytes`. */
  bytesIn = false;

  constructor(
    private readonly lane: ScriptLane,
    readonly seq: number,
    private readonly claims: Int32Array,
    readonly slot: number,
    /**
     * A data file (DATA_NAME): the main thread may take it back. Scripts stay the worker's: read here they cost this
     * thread's JIT a second warm-up of the JS readers (+0.7–1.1 s of process CPU on the benchmark IPA, load 13).
     */
    private readonly data: boolean,
  ) {
    this.read.promise.catch(() => {});
  }

  /**
   * Claims the member for the main thread if the worker has not started parsing it: its facts then reject (as a
   * failed lane's do), and the engine reads it here. False when the worker has it (or it is settled).
   */
  takeBack(): boolean {
    if (!this.data || this.finished || !this.task || this.released || !this.lane.takesBack) return false;
    if (!claim(this.claims, this.slot, CLAIMED_BY_MAIN)) return false;
    // (The worker answers `done` without facts when it reaches the member; it keeps no count of it.)
    this.released = true;
    this.finish(undefined, new Error('taken back by the main thread'));
    return true;
  }

  takeBackUnread(): boolean {
    return !this.bytesIn && this.takeBack();
  }

  bytes(): Promise<{ sha256: string } | undefined> {
    this.lane.post({ kind: 'reach', seq: this.seq });
    return this.read.promise;
  }

  cancel(): void {
    if (!this.task) this.finish(undefined);
    // (Facts already sent: the worker counts them as waiting here until told they are taken or dropped.)
    else if (!this.released) this.lane.post({ kind: 'cancel', seq: this.seq });
    this.released = true;
  }

  /** The engine has the facts (or will not use them): the worker may parse further ahead. */
  take(): void {
    if (this.task && !this.released) this.lane.post({ kind: 'taken', seq: this.seq });
    this.released = true;
  }

  finish(facts: PackedFacts | undefined, error?: Error): void {
    if (this.finished) return;
    this.finished = true;
    this.read.resolve(undefined);
    if (error) this.done.reject(error);
    else this.done.resolve(facts);
  }
}

export class ScriptLane implements MemberLane {
  /** Whether the main thread takes members back (`Ticket.takeBack`); `RTCSCAN_TAKE_BACK=0` turns it off (tests of the lane itself). */
  readonly takesBack = process.env.RTCSCAN_TAKE_BACK !== '0';
  private worker: Worker | undefined;
  private nextSeq = 0;
  private nextArchive = 0;
  private readonly open_ = new Map<number, Ticket>();

  private constructor(
    private readonly file: URL,
    private readonly rules: RulePack,
    private readonly maxStrings: number,
    private readonly prefilter: boolean,
    private readonly artifactFactBytes: number,
    private readonly literalReads: LiteralReadsKey[] | undefined,
  ) {}

  /** A lane, or undefined when turned off, for another rule pack, or without the worker module (TypeScript sources). */
  /** `literalReads`: the scan's checks' declarations (checks/string-reads.ts), or undefined when one has none. */
  static create(rules: RulePack, maxStrings: number, prefilter: boolean, artifactFactBytes: number, literalReads?: LiteralReadsKey[]): ScriptLane | undefined {
    if (process.env.RTCSCAN_SCRIPT_LANE === '0' || rules !== shippedRulePack()) return undefined;
    const file = workerFile('script-worker', import.meta.url);
    return file ? new ScriptLane(file, rules, maxStrings, prefilter, artifactFactBytes, literalReads) : undefined;
  }

  wants(name: string, size: number): boolean {
    return size >= SCRIPT_LANE_BYTES && (SCRIPT_NAME.test(name) || (DATA_NAME.test(name) && !PACKAGE_JSON.test(name)));
  }

  open(archive: LaneArchive): LaneTicket[] {
    const id = this.nextArchive++;
    const claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, archive.members.length)));
    const tickets = archive.members.map((m, k) => this.track(new Ticket(this, this.nextSeq++, claims, k, !SCRIPT_NAME.test(m.entry.name))));
    this.post({ kind: 'archive', archive: id, fd: archive.fd, size: archive.size, entries: archive.entries, maxEntryBytes: archive.maxEntryBytes, claims });
    // Owner packages first (package.json members, read on this thread), then each task in walk order.
    void (async () => {
      for (const [k, m] of archive.members.entries()) {
        const t = tickets[k]!;
        if (t.finished) continue;
        const owner = await ownerPackageOf({ path: m.path, packageScope: m.packageScope } as Artifact, this.rules);
        if (t.finished) continue;
        t.task = { seq: t.seq, archive: id, slot: k, entry: m.entry, path: m.path, owner, factLimit: this.artifactFactBytes, factScope: 'artifact', maxStrings: this.maxStrings, prefilter: this.prefilter, ...(this.literalReads ? { literalReads: this.literalReads } : {}) };
        this.post({ kind: 'task', task: t.task });
      }
      await Promise.allSettled(tickets.map((t) => t.settled));
      this.post({ kind: 'drop-archive', archive: id });
    })().catch((e: unknown) => this.fail(e as Error));
    return tickets;
  }

  /**
   * The facts of a laned member, or undefined when the worker's read would not be the main thread's (another owner
   * package or fact budget than posted): the member is then dropped from the lane and read by the caller.
   */
  facts(artifact: Artifact, owner: string | undefined, budget: FactBudget): Promise<Facts> | undefined {
    const t = artifact.laned!.ticket as Ticket;
    if (!t.task || t.task.owner !== owner || t.task.factLimit !== budget.limit || t.task.factScope !== budget.scope) {
      t.cancel();
      return undefined;
    }
    return t.done.promise.then((f) => {
      if (!f) throw new Error('script lane dropped the member');
      return unpackFacts(f);
    });
  }

  /** The engine has taken the member's facts (checked it): the worker may parse further ahead. */
  taken(artifact: Artifact): void {
    (artifact.laned!.ticket as Ticket).take();
  }

  /** Whether the member's facts (or its failure) are in. */
  answered(artifact: Artifact): boolean {
    return (artifact.laned!.ticket as Ticket).finished;
  }

  /** Settles when the member's facts (or its failure) are in. */
  answer(artifact: Artifact): Promise<unknown> {
    return (artifact.laned!.ticket as Ticket).settled;
  }

  /**
   * Takes a member back from the lane if the worker has not started it (`Ticket.takeBack`): the main thread, about
   * to wait for the worker, reads it itself meanwhile. Its facts promise then rejects and the engine's fallback reads it.
   */
  takeBack(artifact: Artifact): boolean {
    return (artifact.laned!.ticket as Ticket).takeBack();
  }

  /** Starts the worker and its rules and readers loading before the first archive is listed. */
  warm(): void {
    this.post({ kind: 'warm' });
  }

  post(m: ScriptLaneRequest): void {
    this.start()?.postMessage(m);
  }

  private track(t: Ticket): Ticket {
    this.open_.set(t.seq, t);
    // Referenced while it has work: the main thread may be waiting for nothing else.
    if (this.open_.size === 1) this.worker?.ref();
    void t.settled.then(() => {
      this.open_.delete(t.seq);
      if (this.open_.size === 0) this.worker?.unref();
    });
    return t;
  }

  private fail(e: Error): void {
    for (const t of this.open_.values()) t.finish(undefined, e);
    this.worker = undefined;
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    const w = new Worker(this.file);
    w.on('message', (a: ScriptLaneAnswer) => {
      const t = this.open_.get(a.seq);
      if (!t) return;
      if (a.kind === 'bytes') {
        t.bytesIn = true;
        t.read.resolve(a.sha256 === undefined ? undefined : { sha256: a.sha256 });
      }
      else t.finish(a.facts, a.error !== undefined ? new Error(a.error) : undefined);
    });
    w.on('error', (e) => this.fail(e));
    w.on('exit', (code) => this.fail(new Error(`script lane exited (${code})`)));
    if (this.open_.size === 0) w.unref();
    return (this.worker = w);
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
