// Which literal string facts the checks read, gathered in one place. A recognised vendor build yields ~285,000
// literals on the benchmark IPA (its quick outline keeps every one), and most of them hold nothing any check tests:
// no needle of the shared pass (string-scan.ts), no binding or snippet, no value an exact lookup or a version
// pattern knows. Each check declares what it reads (`Check.literalReads`, a key of LITERAL_READS), next to the loop
// that reads it; where every check of a scan declares, a worker drops the other literals of a vendor build before
// its facts travel, wait and are checked (engine/script-worker.ts). Results are unchanged: a dropped literal is one
// no check reads (string-reads.test.ts compares findings with and without the drop). Other kinds are always kept.
import type { Facts, StringFact } from '../core/facts.js';
import type { RulePack } from '../rules/pack.js';
import { credentialsLiteralReads } from './credentials.js';
import { endpointsLiteralReads } from './endpoints.js';
import { sdkLiteralReads } from './sdk.js';
import { adoptStringScan, IS_SCANNED, MAX_SCAN_CHARS, sharedAutomaton, stringScan, UNSEEN_GROUPS, type StringScan } from './string-scan.js';

/** The literals a check reads: by their shared-pass flags, and by their whole value. */
export interface LiteralReads {
  /** A literal whose flags (string-scan.ts: needle groups, HAS_SITE) hold any of these is read. */
  flags: number;
  /** Literals read whatever their flags (exact lookups, version patterns); undefined: none. */
  value?: (value: string) => boolean;
}

/** Every declaration, by the key a check names in `Check.literalReads`. */
export const LITERAL_READS = {
  sdk: sdkLiteralReads,
  endpoints: endpointsLiteralReads,
  credentials: credentialsLiteralReads,
  /** The check reads no literal string fact (only other kinds, the code model, config facts or libraries). */
  none: (): LiteralReads => ({ flags: 0 }),
} satisfies Record<string, (pack: RulePack) => LiteralReads>;

export type LiteralReadsKey = keyof typeof LITERAL_READS;

/** The declarations of these checks' keys, or undefined when one has none (it may read any literal). */
export function literalReadsOf(checks: ReadonlyArray<{ literalReads?: LiteralReadsKey }>): LiteralReadsKey[] | undefined {
  const keys = new Set<LiteralReadsKey>();
  for (const c of checks) {
    if (!c.literalReads || !Object.hasOwn(LITERAL_READS, c.literalReads)) return undefined;
    keys.add(c.literalReads);
  }
  return [...keys];
}

/** Below this many bytes a text file's lines are few: dropping would cost about what the checks' skipping does. */
export const DROP_TEXT_BYTES = 64 * 1024;

/**
 * Whether the engine drops the unread literals of these facts (read from `bytes` bytes): a recognised vendor build's
 * (~285,000 literals on the benchmark IPA, most read by no check) and a large text file's (a fact per line: the
 * benchmark IPA's 8 data sets are 480,000 lines, ~1,000 of each 60,000 hold anything a check reads).
 */
export function dropsUnreadLiterals(facts: Facts, bytes: number): boolean {
  return facts.meta.vendorBuild !== undefined || (facts.format === 'text' && bytes >= DROP_TEXT_BYTES);
}

/**
 * Drops from `facts.strings` the literals none of `keys`' declarations reads (order kept). Returns the shared pass
 * (string-scan.ts) over the strings kept, which this thread now holds for the facts and another may adopt.
 */
export function dropUnreadLiterals(facts: Facts, pack: RulePack, keys: readonly LiteralReadsKey[]): StringScan {
  const reads = keys.map((k) => LITERAL_READS[k](pack));
  let flagsRead = 0;
  for (const r of reads) flagsRead |= r.flags;
  const values = reads.flatMap((r) => (r.value ? [r.value] : []));
  const all = stringScan(facts, pack);
  const strings = facts.strings;
  const kept: StringFact[] = [];
  const flags = new Uint16Array(strings.length);
  const keywords = new Map<number, number[]>();
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    const f = all.flags[i]!;
    if (s.kind === 'literal' && !(f & flagsRead) && !readsValue(values, s.value)) continue;
    const ids = all.keywords.get(i);
    if (ids) keywords.set(kept.length, ids);
    flags[kept.length] = f;
    kept.push(s);
  }
  if (kept.length === strings.length) return all;
  facts.strings = kept;
  const scan = { flags: flags.slice(0, kept.length), keywords };
  adoptStringScan(facts, scan);
  return scan;
}

const readers = new WeakMap<RulePack, Map<string, (value: string) => boolean>>();

/**
 * Whether any of `keys`' declarations reads a literal fact of this value with no site (snippet, context, binding):
 * false exactly when dropUnreadLiterals would drop it. The text reader asks before it makes a line's fact
 * (`ReaderContext.readsLiteral`): a data set's 60,000 lines were made into facts, held until the read ended and
 * dropped but ~1,000 — 59,000 objects per file for the collector to copy and discard.
 */
export function literalReader(pack: RulePack, keys: readonly LiteralReadsKey[]): (value: string) => boolean {
  let byKeys = readers.get(pack);
  if (!byKeys) readers.set(pack, (byKeys = new Map()));
  const id = keys.join(',');
  let read = byKeys.get(id);
  if (read) return read;
  const reads = keys.map((k) => LITERAL_READS[k](pack));
  let flagsRead = 0;
  for (const r of reads) flagsRead |= r.flags;
  const values = reads.flatMap((r) => (r.value ? [r.value] : []));
  const { automaton, groups } = sharedAutomaton(pack);
  const found = new Set<number>();
  read = (value) => {
    // The flags the shared pass (string-scan.ts) gives a literal without a site.
    const long = value.length > MAX_SCAN_CHARS;
    automaton.collect(long ? value.slice(0, MAX_SCAN_CHARS) : value, found);
    let f = (long ? UNSEEN_GROUPS : 0) | IS_SCANNED;
    if (found.size) {
      for (const w of found) f |= groups[w]!;
      found.clear();
    }
    return (f & flagsRead) !== 0 || readsValue(values, value);
  };
  byKeys.set(id, read);
  return read;
}

function readsValue(values: ReadonlyArray<(value: string) => boolean>, value: string): boolean {
  for (const read of values) if (read(value)) return true;
  return false;
}
