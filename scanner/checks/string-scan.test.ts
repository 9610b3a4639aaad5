// The checks' shared string pass must never miss: a group's flag is set whenever one of its needles occurs verbatim,
// and the credential keywords it records are exactly those a credential-only automaton finds.
import { describe, it, expect } from 'vitest';
import { KeywordAutomaton } from '../core/keywords.js';
import type { StringFact, StringKind } from '../core/facts.js';
import { defaultRulePack } from '../rules/pack.js';
import { facts } from '../../test/checks/harness.js';
import {
  credentialKeywords,
  endpointFragments,
  HAS_CREDENTIAL_KEYWORD,
  HAS_DOT,
  HAS_FRAGMENT,
  HAS_NODE_MODULES,
  HAS_SCHEME_SEP,
  HAS_SLASH,
  HAS_STUN_TURN,
  MAX_SCAN_CHARS,
  sharedAutomaton,
  stringScan,
} from './string-scan.js';
import { prng } from '../../test/helpers/prng.js';

const pack = defaultRulePack();


describe('shared string pass (string-scan.ts)', () => {
  const fragments = endpointFragments(pack).map((f) => f.fragment);
  const creds = credentialKeywords(pack);
  // Pieces that make needles, near-needles and their case/separator variants likely.
  const pieces = ['://', ':/', 'stun', 'STUN', 'tur', 'n', '.', '/', 'node_modules/', 'node-modules/', 'NODE_MODULES/', 'node_modules', '_', '-', ' ', 'é', '\u2028', 'x', '0', ...fragments, ...fragments.map((f) => f.toUpperCase().slice(0, -1)), ...creds.slice(0, 60), ...creds.map((k) => k.toUpperCase().replace(/_/g, '-')).slice(0, 40)];
  const rand = prng(17);
  const values: string[] = [];
  for (let i = 0; i < 4000; i++) {
    let v = '';
    const n = 1 + Math.floor(rand() * 8);
    for (let k = 0; k < n; k++) v += pieces[Math.floor(rand() * pieces.length)];
    values.push(v);
  }
  const kinds: StringKind[] = ['literal', 'config', 'cstring', 'printable', 'hermes-string', 'identifier', 'comment'];
  const strings: StringFact[] = values.map((value, i) => ({ value, kind: kinds[i % kinds.length]! }));
  strings.push({ value: 'x'.repeat(MAX_SCAN_CHARS) + 'agora', kind: 'literal' });
  const f = facts('a.js', 'js', { strings });
  const scan = stringScan(f, pack);
  const { automaton } = sharedAutomaton(pack);
  const alone = new KeywordAutomaton(creds);

  it('sets every group whose needle occurs verbatim in a scanned string', () => {
    const groups: Array<[number, (v: string) => boolean]> = [
      [HAS_SCHEME_SEP, (v) => v.includes('://')],
      [HAS_STUN_TURN, (v) => v.includes('stun') || v.includes('turn')],
      [HAS_DOT, (v) => v.includes('.')],
      [HAS_SLASH, (v) => v.includes('/')],
      [HAS_NODE_MODULES, (v) => v.includes('node_modules/')],
      [HAS_FRAGMENT, (v) => fragments.some((x) => v.includes(x))],
    ];
    let seen = 0;
    strings.forEach((s, i) => {
      for (const [flag, has] of groups) {
        if (!has(s.value)) continue;
        seen++;
        expect(scan.flags[i]! & flag, `${JSON.stringify(s.value.slice(0, 80))} (${s.kind}) lacks flag ${flag}`).toBe(flag);
      }
    });
    expect(seen).toBeGreaterThan(1000);
    // Kinds outside the pass, and strings longer than the automata read, carry every group but the keyword one.
    expect(scan.flags[strings.length - 1]! & HAS_SCHEME_SEP).toBe(HAS_SCHEME_SEP);
    expect(scan.flags[5]! & HAS_DOT).toBe(HAS_DOT); // identifier
  });

  it('records the credential keywords a credential-only automaton finds', () => {
    let withKeywords = 0;
    strings.forEach((s, i) => {
      if (s.kind === 'identifier' || s.kind === 'comment') return;
      const want = new Set<number>();
      alone.collect(s.value.slice(0, MAX_SCAN_CHARS), want);
      const expected = [...want].map((id) => alone.words[id]).sort();
      const got = (scan.keywords.get(i) ?? []).map((id) => automaton.words[id]!).filter((w) => alone.words.includes(w)).sort();
      expect(got, JSON.stringify(s.value.slice(0, 80))).toEqual(expected);
      expect(!!(scan.flags[i]! & HAS_CREDENTIAL_KEYWORD)).toBe(expected.length > 0);
      if (expected.length) withKeywords++;
    });
    expect(withKeywords).toBeGreaterThan(500);
  });

  it('runs once per facts object', () => {
    expect(stringScan(f, pack)).toBe(scan);
  });
});
