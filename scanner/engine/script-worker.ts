// Worker side of the script lane (engine/script-lane.ts): reads the archive members handed to it straight from the
// archive's descriptor — read, inflate, SHA-256, then the format reader with the shipped rules — in walk order,
// while the main thread walks and checks everything else. Two kinds of work, picked so the walk rarely waits:
// reading bytes (cheap; answers the walk's "may I take it?") goes first while the bytes read and not yet parsed stay
// under a window; parsing takes the earliest member read while the members whose facts the main thread has not
// taken yet stay under another (bounds the facts waiting there). A member the walk has reached is always read and
// parsed (the walk and the engine wait for it; the engine's in-flight bound holds what it has reached).
import { hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { FactBudget } from '../core/budget.js';
import { fdSource, type ByteSource } from '../input/source.js';
import { looksLikeZip, readZipEntry, siblingEntry, type ZipEntry } from '../input/zip.js';
import { loadShippedRulePack } from '../rules/rule-pack.js';
import { readArtifactFacts } from './read.js';
import { packFacts, type PackedFacts } from './packed-strings.js';
import { dropsUnreadLiterals, dropUnreadLiterals, type LiteralReadsKey } from '../checks/string-reads.js';
import { claim, CLAIMED_BY_MAIN, CLAIMED_BY_WORKER } from './lane-claims.js';

export type ScriptLaneRequest =
  | { kind: 'archive'; archive: number; fd: number; size: number; entries: ZipEntry[]; maxEntryBytes: number; claims: Int32Array }
  | { kind: 'task'; task: ScriptTask }
  | { kind: 'reach' | 'cancel' | 'taken'; seq: number }
  | { kind: 'warm' }
  | { kind: 'drop-archive'; archive: number };

export interface ScriptTask {
  seq: number;
  archive: number;
  /** The member's slot in its archive's claims (engine/lane-claims.ts). */
  slot: number;
  entry: ZipEntry;
  path: string;
  owner?: string;
  factLimit: number;
  factScope: 'artifact' | 'scan';
  maxStrings: number;
  prefilter: boolean;
  /** The scan's checks' literal declarations (checks/string-reads.ts): a vendor build's other literals are dropped. */
  literalReads?: LiteralReadsKey[];
}

/** `bytes`: read (with its hash) or given back (none); `done`: the task's last answer — facts, an error, or gone. */
export type ScriptLaneAnswer = { kind: 'bytes'; seq: number; sha256?: string } | { kind: 'done'; seq: number; facts?: PackedFacts; error?: string };

/** Bytes read and not yet parsed, at most (a member the walk waits for is read regardless). */
const WINDOW_BYTES = 8 * 1024 * 1024;
/**
 * Sizes of the members whose facts were sent and not taken yet, at most (unless none is outstanding). The walk's
 * order is the paths' (input/walk.ts), so an app's scripts often come after thousands of resources: the main thread
 * reads those (~2.5 s on the benchmark IPA) while the worker parses ahead. At 12 MiB the worker stopped after a
 * quarter of the IPA's 48 MiB of scripts and the main thread later waited for the rest (~3 s idle each, CPU
 * profiles); the facts wait packed (engine/packed-strings.ts), ~1× their source's size.
 */
const FACTS_WINDOW_BYTES = 48 * 1024 * 1024;

type Held = ScriptTask & { data?: Buffer };
const archives = new Map<number, { source: ByteSource; byName: Map<string, ZipEntry>; maxEntryBytes: number; claims: Int32Array }>();
const pending: Held[] = [];
const ready: Held[] = [];
const cancelled = new Set<number>();
let readyBytes = 0;
let reached = -1;
/** Members whose facts were sent and not taken (nor dropped) by the main thread: their sizes. */
const outstanding = new Map<number, number>();
let outstandingBytes = 0;
const release = (seq: number) => {
  outstandingBytes -= outstanding.get(seq) ?? 0;
  outstanding.delete(seq);
};
let running = false;
let scheduled = false;

const answer = (a: ScriptLaneAnswer) => parentPort!.postMessage(a);

function remove(list: Held[], seq: number): Held | undefined {
  const i = list.findIndex((t) => t.seq === seq);
  return i < 0 ? undefined : list.splice(i, 1)[0];
}

async function readBytes(t: Held): Promise<void> {
  const a = archives.get(t.archive);
  // Taken back by the main thread before this worker got to it: it reads the member itself.
  if (a && Atomics.load(a.claims, t.slot) === CLAIMED_BY_MAIN) {
    answer({ kind: 'bytes', seq: t.seq });
    answer({ kind: 'done', seq: t.seq });
    return;
  }
  try {
    const data = await readZipEntry(a!.source, t.entry, a!.maxEntryBytes);
    // An archive inside is walked as one by the main thread.
    if (!looksLikeZip(data)) {
      answer({ kind: 'bytes', seq: t.seq, sha256: hash('sha256', data, 'hex') });
      t.data = data;
      readyBytes += data.length;
      ready.push(t);
      return;
    }
  } catch {
    // Given back: the walk's own read reports what is wrong.
  }
  answer({ kind: 'bytes', seq: t.seq });
  answer({ kind: 'done', seq: t.seq });
}

async function readFacts(t: Held): Promise<void> {
  const a = archives.get(t.archive)!;
  const data = t.data!;
  t.data = undefined;
  readyBytes -= data.length;
  if (!claim(a.claims, t.slot, CLAIMED_BY_WORKER)) {
    // The main thread took it back and reads it itself.
    cancelled.delete(t.seq);
    answer({ kind: 'done', seq: t.seq });
    return;
  }
  const readSibling = async (rel: string): Promise<Buffer | undefined> => {
    const sib = siblingEntry(a.byName, t.entry.name, rel, a.maxEntryBytes);
    if (!sib) return undefined;
    try {
      return await readZipEntry(a.source, sib, a.maxEntryBytes);
    } catch {
      return undefined;
    }
  };
  try {
    const facts = await memberFacts(data, t, readSibling, () => !cancelled.delete(t.seq));
    if (!facts) answer({ kind: 'done', seq: t.seq });
    else {
      outstanding.set(t.seq, data.length);
      outstandingBytes += data.length;
      answer({ kind: 'done', seq: t.seq, facts });
    }
  } catch (e) {
    answer({ kind: 'done', seq: t.seq, error: String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 200) });
  }
}

/** What of a task `memberFacts` reads by. */
export type MemberRead = Pick<ScriptTask, 'path' | 'owner' | 'factLimit' | 'factScope' | 'maxStrings' | 'prefilter' | 'literalReads'>;

/**
 * A member's facts as this worker answers them: read with the shipped rules, the literals no check reads dropped,
 * packed — or undefined when no longer `wanted` once read. Exported for the build (scripts/code-cache.mjs), whose
 * warm run reads files through it so that V8's code cache of the bundled worker holds what a scan compiles here.
 */
export async function memberFacts(data: Buffer, t: MemberRead, readSibling: (rel: string) => Promise<Buffer | undefined>, wanted: () => boolean = () => true): Promise<PackedFacts | undefined> {
  const budget = new FactBudget(t.factLimit, t.factScope);
  const rules = await loadShippedRulePack();
  const facts = await readArtifactFacts(data, t.path, { rules, maxStrings: t.maxStrings, budget, readSibling, ...(t.owner !== undefined ? { package: t.owner } : {}) }, { prefilter: t.prefilter, ...(t.literalReads ? { literalReads: t.literalReads } : {}) });
  // A vendor build's literals (~285,000 on the benchmark IPA, most of them read by no check) and a data file's
  // lines (text: 480,000 on the benchmark IPA) would be packed, copied, unpacked and walked by every check on the
  // main thread. The shared pass that decided it travels along: the main thread's checks need not run it again.
  const scan = t.literalReads && dropsUnreadLiterals(facts, data.length) ? dropUnreadLiterals(facts, rules, t.literalReads) : undefined;
  return wanted() ? packFacts(facts, scan) : undefined;
}

/** One piece of work, if any may be done now. */
async function step(): Promise<boolean> {
  const next = pending[0];
  if (next && (ready.length === 0 || readyBytes + next.entry.uncompressedSize <= WINDOW_BYTES || next.seq <= reached)) {
    pending.shift();
    await readBytes(next);
    return true;
  }
  // A member the walk has reached is parsed regardless: the engine holds it in its queue (bounded there), and the
  // walk does not end before its facts are in.
  const t = ready[0];
  if (t && (t.seq <= reached || outstanding.size === 0 || outstandingBytes + t.data!.length <= FACTS_WINDOW_BYTES)) {
    await readFacts(ready.shift()!);
    return true;
  }
  return false;
}

function schedule(): void {
  if (running || scheduled) return;
  scheduled = true;
  // A macrotask between pieces of work: messages (reach, cancel, new tasks) are taken in between.
  setImmediate(() => {
    scheduled = false;
    running = true;
    step().then(
      (more) => {
        running = false;
        if (more) schedule();
      },
      () => {
        running = false;
        schedule();
      },
    );
  });
}

parentPort?.on('message', (m: ScriptLaneRequest) => {
  switch (m.kind) {
    case 'archive':
      archives.set(m.archive, { source: fdSource(m.fd, m.size), byName: new Map(m.entries.map((e) => [e.name, e])), maxEntryBytes: m.maxEntryBytes, claims: m.claims });
      break;
    case 'drop-archive':
      archives.delete(m.archive);
      break;
    case 'task':
      pending.push(m.task);
      break;
    case 'reach':
      reached = Math.max(reached, m.seq);
      break;
    case 'taken':
      release(m.seq);
      break;
    case 'warm':
      // Started as the scan starts (an archive is coming): the rules and readers load while the main thread starts.
      void loadShippedRulePack().then(() => import('../formats/js/index.js'));
      break;
    case 'cancel': {
      const t = remove(pending, m.seq) ?? remove(ready, m.seq);
      if (t) {
        if (t.data) readyBytes -= t.data.length;
        answer({ kind: 'done', seq: m.seq });
      } else if (outstanding.has(m.seq)) release(m.seq); // answered: the main thread drops the facts
      else cancelled.add(m.seq); // being parsed: its answer says gone
      break;
    }
  }
  schedule();
});
