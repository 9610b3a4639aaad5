// One pass over an artifact's strings, shared by the checks. The credentials, endpoints and SDK checks each walked
// every string with searches of their own — the credential keyword automaton, `://`, `stun`, `turn`, `.`, `/`,
// `node_modules/`, the vendor host fragments: three to nine scans of each of the ~865,000 strings of the benchmark
// IPA. Now one automaton holding all of those needles runs once per string (when the first check asks) and records
// which needle groups occur in it, and which credential keywords. Its matching is loose (ASCII case folded, `_` and
// `-` ignored: `core/keywords.ts`), so a group's flag is set whenever its needle occurs verbatim: a check skips the
// strings whose flags lack its needles and confirms the others with its own exact test. Results are unchanged.
import type { Facts, StringKind } from '../core/facts.js';
import { KeywordAutomaton, normalizeKeyword } from '../core/keywords.js';
import type { RulePack } from '../rules/pack.js';

/** The kinds the pass covers: those that can hold a credential or an endpoint. Other kinds get every flag. */
export const SCANNED_KINDS: ReadonlySet<StringKind> = new Set(['literal', 'cstring', 'cfstring', 'dex-string', 'hermes-string', 'config', 'printable']);
/** Automata see at most this much of one string (bundles carry megabyte-long data: URIs); longer ones get every flag. */
export const MAX_SCAN_CHARS = 256 * 1024;

/** Needle groups: a flag is set when (at least, loosely) one of the group's needles occurs in the string. */
export const HAS_SCHEME_SEP = 1; // `://`
export const HAS_STUN_TURN = 2; // `stun`, `turn`
export const HAS_DOT = 4; // `.`
export const HAS_SLASH = 8; // `/`
export const HAS_NODE_MODULES = 16; // `node_modules/`
export const HAS_FRAGMENT = 32; // a vendor host fragment (`endpointFragments`)
export const HAS_CREDENTIAL_KEYWORD = 64; // a credential rule's keyword: its ids are in `keywords`
const EVERY_GROUP = 127;
/** The flags of a string the automata do not see (too long, or of a kind the pass does not cover): every group. */
export const UNSEEN_GROUPS = EVERY_GROUP & ~HAS_CREDENTIAL_KEYWORD;
/** Not needles: the string's kind is one of SCANNED_KINDS (the groups above were searched for). */
export const IS_SCANNED = 128;
/** The string has a snippet, an enclosing context or a binding (checks that read those skip the strings without). */
export const HAS_SITE = 256;

const FIXED: ReadonlyArray<[string, number]> = [
  ['://', HAS_SCHEME_SEP],
  ['stun', HAS_STUN_TURN],
  ['turn', HAS_STUN_TURN],
  ['.', HAS_DOT],
  ['/', HAS_SLASH],
  ['node_modules/', HAS_NODE_MODULES],
];

/** The vendor host fragments the endpoints check looks for (schemes and protocol entries are not hosts). */
export function endpointFragments(pack: RulePack): Array<{ vendor: RulePack['vendors'][number]; fragment: string }> {
  return pack.vendors
    .filter((vendor) => vendor.entity !== 'protocol')
    .flatMap((vendor) => vendor.endpoints.fragments.filter((f) => !/^[a-z][a-z0-9+.-]*:(?:\/\/)?$/i.test(f)).map((fragment) => ({ vendor, fragment })));
}

/** The credential rules' keywords, lower-cased, in rule order (as the credentials check compiles them). */
export function credentialKeywords(pack: RulePack): string[] {
  return pack.vendors.flatMap((v) => v.credentials.flatMap((r) => r.keywords.map((k) => k.toLowerCase())));
}

export interface SharedAutomaton {
  automaton: KeywordAutomaton;
  /** Word id → the groups it belongs to. */
  groups: Uint8Array;
}

const automata = new WeakMap<RulePack, SharedAutomaton>();

/** The pack's shared automaton: every needle of every group, built once per pack. */
export function sharedAutomaton(pack: RulePack): SharedAutomaton {
  let a = automata.get(pack);
  if (!a) {
    const needles: Array<[string, number]> = [...FIXED, ...endpointFragments(pack).map((f): [string, number] => [f.fragment, HAS_FRAGMENT]), ...credentialKeywords(pack).map((k): [string, number] => [k, HAS_CREDENTIAL_KEYWORD])];
    const automaton = new KeywordAutomaton(needles.map(([w]) => w));
    const groups = new Uint8Array(automaton.words.length);
    const index = new Map(automaton.words.map((w, i) => [w, i]));
    for (const [w, g] of needles) {
      const id = index.get(normalizeKeyword(w));
      if (id !== undefined) groups[id]! |= g;
    }
    automata.set(pack, (a = { automaton, groups }));
  }
  return a;
}

export interface StringScan {
  /**
   * Per string (same index as `facts.strings`): the groups found in its value, IS_SCANNED and HAS_SITE. The loops of
   * the checks read these instead of each string's properties: the string objects come in ~14 shapes from the
   * readers, so every property load in those loops is a megamorphic one.
   */
  flags: Uint16Array;
  /** String index → ids (in `sharedAutomaton(pack).automaton.words`) of every needle found in its value, for strings with a credential keyword. */
  keywords: Map<number, number[]>;
}

const scans = new WeakMap<Facts, StringScan>();

/** The shared pass over `facts.strings`, run on the first call for these facts and kept while they live. */
export function stringScan(facts: Facts, pack: RulePack): StringScan {
  const done = scans.get(facts);
  if (done && done.flags.length === facts.strings.length) return done;
  const { automaton, groups } = sharedAutomaton(pack);
  const strings = facts.strings;
  const flags = new Uint16Array(strings.length);
  const keywords = new Map<number, number[]>();
  const found = new Set<number>();
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    const site = s.snippet || s.context || s.binding ? HAS_SITE : 0;
    if (!SCANNED_KINDS.has(s.kind)) {
      flags[i] = UNSEEN_GROUPS | site;
      continue;
    }
    const value = s.value;
    const long = value.length > MAX_SCAN_CHARS;
    automaton.collect(long ? value.slice(0, MAX_SCAN_CHARS) : value, found);
    let f = (long ? UNSEEN_GROUPS : 0) | IS_SCANNED | site;
    if (found.size) {
      for (const id of found) f |= groups[id]!;
      if (f & HAS_CREDENTIAL_KEYWORD) keywords.set(i, [...found]);
      found.clear();
    }
    flags[i] = f;
  }
  const scan = { flags, keywords };
  scans.set(facts, scan);
  return scan;
}

/**
 * Takes `scan` as the shared pass over `facts.strings`: computed by another thread over these very strings with the
 * same rule pack (the script lane's worker, which drops unread literals with it: string-reads.ts).
 */
export function adoptStringScan(facts: Facts, scan: StringScan): void {
  if (scan.flags.length === facts.strings.length) scans.set(facts, scan);
}
