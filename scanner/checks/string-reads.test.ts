// The checks' literal declarations (string-reads.ts) against the checks themselves: over real inputs — every vendor
// production build installed from npm, read as shipped, and the samples — the findings of every check are the same
// with and without the literals no declaration reads, and the shared pass handed over equals a fresh one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../engine/scan.js';
import { defaultRulePack } from '../rules/pack.js';
import type { Facts } from '../core/facts.js';
import type { Check } from '../core/finding.js';
import { ALL_CHECKS } from './index.js';
import { dropUnreadLiterals, literalReadsOf } from './string-reads.js';
import { readArtifactFacts } from '../engine/read.js';
import { FactBudget } from '../core/budget.js';
import { stringScan } from './string-scan.js';
import { runChecks } from '../../test/checks/harness.js';
// @ts-ignore plain .mjs shared with the benchmark (no types)
import { VENDOR_BUILDS, VENDOR_FILES, installedBuilds } from '../../bench/vendor-builds.mjs';

const rules = defaultRulePack();
const builds = installedBuilds([...VENDOR_BUILDS, ...VENDOR_FILES]) as Array<{ path: string }>;

/** Every artifact's facts as the engine reads them (a check that only keeps them). */
async function factsOf(inputs: string[]): Promise<Facts[]> {
  const out: Facts[] = [];
  const keep: Check = { id: 'keep', reports: [], create: () => ({ artifact: (f) => void out.push(f) }) };
  await scan({ inputs, rules, checks: [keep], workers: 0 });
  return out;
}

const findings = (facts: Facts[]) => JSON.stringify(runChecks([...ALL_CHECKS], facts, { pack: rules }));

describe('literals the checks read (string-reads.ts)', () => {
  it('every check declares; a check without a declaration turns the drop off', () => {
    expect(literalReadsOf(ALL_CHECKS)).toEqual(expect.arrayContaining(['sdk', 'endpoints', 'credentials', 'none']));
    expect(literalReadsOf([...ALL_CHECKS, { id: 'mine', reports: [], create: () => ({}) }])).toBeUndefined();
  });

  it.each([
    ['the vendor builds from npm', () => builds.map((b) => b.path)],
    ['the samples', () => [join(process.cwd(), 'samples')]],
  ])('%s: the same findings without the literals no check reads', async (_name, inputs) => {
    const keys = literalReadsOf(ALL_CHECKS)!;
    const facts = await factsOf(inputs());
    const literals = (list: Facts[]) => list.reduce((n, f) => n + f.strings.filter((s) => s.kind === 'literal').length, 0);
    // Copies (facts may be frozen by the cache), every artifact dropped, not only vendor builds: a declaration
    // must hold for any facts.
    const dropped = facts.map((f) => ({ ...f }));
    for (const f of dropped) dropUnreadLiterals(f, rules, keys);
    expect(findings(dropped)).toEqual(findings(facts));
    // The test compares something: most literals go.
    expect(literals(dropped)).toBeLessThan(literals(facts) * 0.6);
  }, 240_000);

  it('hands over the shared pass of the strings kept, equal to a fresh one; other kinds and the order stay', async () => {
    const [facts] = await factsOf([builds[0]!.path]);
    const copy = { ...facts! };
    const pass = dropUnreadLiterals(copy, rules, literalReadsOf(ALL_CHECKS)!);
    expect(copy.strings.length).toBeLessThan(facts!.strings.length);
    expect(stringScan(copy, rules)).toBe(pass);
    const fresh = stringScan({ ...copy }, rules);
    expect([...pass.flags]).toEqual([...fresh.flags]);
    expect([...pass.keywords]).toEqual([...fresh.keywords]);
    const index = new Map(facts!.strings.map((s, i) => [s, i]));
    const at = copy.strings.map((s) => index.get(s)!);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(copy.strings.filter((s) => s.kind !== 'literal').length).toBe(facts!.strings.filter((s) => s.kind !== 'literal').length);
  });

  // Real text files over 64 KiB from installed packages: an attribution list (prose and URLs) and an IP data table.
  it.each([
    ['node_modules/@zoom/videosdk/oss_attribution.txt', 500_000, 1 << 30],
    ['node_modules/@ip-location-db/asn-country/asn-country-ipv4-num.csv', 500_000, 1 << 30],
    ['node_modules/@ip-location-db/asn-country/asn-country-ipv4-num.csv', 50_000, 1 << 30],
    ['node_modules/@ip-location-db/asn-country/asn-country-ipv4-num.csv', 500_000, 1_000_000],
  ])('%s (maxStrings %i, budget %i): the text reader skips exactly the lines the drop would drop', async (file, maxStrings, budget) => {
    const keys = literalReadsOf(ALL_CHECKS)!;
    const data = readFileSync(join(process.cwd(), file));
    const read = (literalReads?: typeof keys) => readArtifactFacts(data, file, { rules, maxStrings, budget: new FactBudget(budget) }, literalReads ? { literalReads } : {});
    const whole = await read();
    const skipped = await read(keys);
    expect(skipped.format).toBe('text');
    // The reader made fewer facts (the test compares something) …
    expect(skipped.strings.length).toBeLessThan(whole.strings.length * 0.6);
    dropUnreadLiterals(whole, rules, keys);
    dropUnreadLiterals(skipped, rules, keys);
    // … and after the drop the same ones, with the same notices (maxStrings, budget) at the same line.
    expect(skipped.strings).toEqual(whole.strings);
    expect(skipped.notices).toEqual(whole.notices);
    if (maxStrings < 500_000 || budget < 1 << 30) expect(whole.notices.length).toBeGreaterThan(0);
  });

  // Every vendor build installed from npm, read as shipped: the JS reader's vendor-build path makes no fact of a literal
  // the drop would drop (`readsBuildLiteral`), and after the drop the facts are the same as when it makes them all.
  it.each([500_000, 2_000])('vendor builds (maxStrings %i): the JS reader skips exactly the literals the drop would drop', async (maxStrings) => {
    const keys = literalReadsOf(ALL_CHECKS)!;
    let made = 0;
    let all = 0;
    let recognised = 0;
    for (const b of builds) {
      const data = readFileSync(b.path);
      const read = (literalReads?: typeof keys) => readArtifactFacts(data, b.path, { rules, maxStrings }, literalReads ? { literalReads } : {});
      const whole = await read();
      const skipped = await read(keys);
      if (whole.meta.vendorBuild === undefined) continue;
      recognised++;
      made += skipped.strings.length;
      all += whole.strings.length;
      dropUnreadLiterals(whole, rules, keys);
      dropUnreadLiterals(skipped, rules, keys);
      expect(skipped.strings, b.path).toEqual(whole.strings);
      expect(skipped.notices, b.path).toEqual(whole.notices);
      expect(skipped.libraries, b.path).toEqual(whole.libraries);
      expect(skipped.meta, b.path).toEqual(whole.meta);
      if (maxStrings < 500_000 && whole.notices.length === 0) expect(whole.strings.length, b.path).toBeLessThan(maxStrings);
    }
    // The test compares something: most builds are recognised, and the reader made far fewer facts.
    expect(recognised).toBeGreaterThan(builds.length / 2);
    expect(made).toBeLessThan(all * 0.6);
  }, 240_000);
});
