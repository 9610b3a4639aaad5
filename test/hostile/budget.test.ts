// Amplification and unbounded-output cases (issue 14, items 2 and 3), generated at test time by amplify.mjs and run
// through the built CLI with default limits: exit code, no stack trace, the notification that says what was cut,
// the genuine finding planted in the same input still reported, bounded report sizes, and coarse bounds on peak RSS
// (512 MiB) and wall time (60 s, generous for a loaded 2-core machine; the naive readers took 3 GB / > 120 s).
import { describe, expect, it } from 'vitest';
import { closeSync, openSync, ftruncateSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, type CliRun } from '../helpers/cli.js';
import {
  axmlSharedStrings,
  bplistSharedRefs,
  dexSharedStrings,
  hermesSharedStrings,
  hugeSourceMap,
  inflationIpa,
  manyFunctions,
  manyLiterals,
  manyUrls,
  minifiedScript,
  notificationBombZip,
  overlappingScriptsIpa,
} from './amplify.mjs';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const MAX_RSS_MIB = 512;
const MAX_SECONDS = 60;

interface Scan extends CliRun {
  seconds: number;
  results: Array<{ ruleId: string }>;
  notes: Array<{ descriptor: { id: string }; message: { text: string } }>;
  sizes: { sarif: number; html: number; txt: number };
}

function scanFile(name: string, data: Buffer, beside: Record<string, Buffer> = {}): Scan {
  const dir = tempDir('rtcscan-budget-');
  const input = join(dir, name);
  writeFileSync(input, data);
  for (const [n, b] of Object.entries(beside)) writeFileSync(join(dir, n), b);
  const t0 = Date.now();
  const r = runCli(['scan', input, '-o', 'r.sarif', '-o', 'r.html', '-o', 'r.txt', '--quiet', '--fail-on', 'none'], dir);
  const seconds = (Date.now() - t0) / 1000;
  const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'));
  const run = sarif.runs[0];
  const size = (f: string) => statSync(join(dir, f)).size;
  return { ...r, seconds, results: run.results, notes: run.invocations[0].toolExecutionNotifications ?? [], sizes: { sarif: size('r.sarif'), html: size('r.html'), txt: size('r.txt') } };
}

function expectBounded(s: Scan): void {
  expect(s.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)|FATAL ERROR|heap out of memory/);
  expect(s.code).toBe(0);
  expect(s.rssMiB).toBeLessThanOrEqual(MAX_RSS_MIB);
  expect(s.seconds).toBeLessThanOrEqual(MAX_SECONDS);
}

const noteIds = (s: Scan) => s.notes.map((n) => n.descriptor.id);
const ruleIds = (s: Scan) => new Set(s.results.map((r) => r.ruleId));

describe('memory amplification by shared references (readers bounded by what they produce)', () => {
  it('binary plist: 180,000 references to one 100 KB string', () => {
    const s = scanFile('Info.plist', bplistSharedRefs());
    expectBounded(s);
    expect(noteIds(s)).toContain('plist/budget-exceeded');
    expect(ruleIds(s)).toContain('RTC311'); // NSAllowsArbitraryLoads, the dict entry before the shared array
  });

  it('binary AndroidManifest: 175,000 attributes naming one 32 KB pool string', () => {
    const s = scanFile('AndroidManifest.xml', axmlSharedStrings());
    expectBounded(s);
    expect(noteIds(s)).toContain('axml/budget-exceeded');
    expect(ruleIds(s)).toContain('RTC313'); // usesCleartextTraffic="true"
  });

  it('DEX: 500,000 string ids naming one 256 KB string', () => {
    const s = scanFile('classes.dex', dexSharedStrings(readFileSync(join(FIXTURES, 'dex/classes.dex'))));
    expectBounded(s);
    expect(noteIds(s)).toContain('dex/shared-strings');
    expect(ruleIds(s)).toContain('RTC101'); // the real classes.dex bundles the Agora SDK
  });

  it('Hermes: 570,000 string entries naming one 256 KB run of storage', () => {
    const s = scanFile('main.jsbundle', hermesSharedStrings());
    expectBounded(s);
    expect(noteIds(s)).toContain('hermes/shared-strings');
    expect(ruleIds(s)).toContain('RTC201'); // the wss:// Agora endpoint of string 0
  });
});

describe('other unbounded cases', () => {
  it('text: 200,000 URLs give capped findings and bounded reports', () => {
    const s = scanFile('urls.txt', manyUrls());
    expectBounded(s);
    const capped = s.notes.filter((n) => n.descriptor.id === 'engine/findings-capped');
    expect(capped.length).toBeGreaterThan(0);
    expect(capped[0]!.message.text).toMatch(/\d+ more not listed/);
    expect(ruleIds(s)).toContain('RTC201'); // api.agora.io on the first line
    expect(s.sizes.html).toBeLessThan(20 * 1024 * 1024);
    expect(s.sizes.sarif).toBeLessThan(20 * 1024 * 1024);
  });

  it('a 30 MB minified script: over the parse limit, its literals still scanned (was 1.6 GB)', () => {
    const s = scanFile('app.js', minifiedScript());
    expectBounded(s);
    expect(s.notes.find((n) => n.descriptor.id === 'js/too-large')?.message.text).toMatch(/parse limit; scanned for literals only/);
    expect(ruleIds(s)).toContain('RTC201'); // the planted cleartext api.agora.io URL
  });

  it('1 M string literals in 8 MB: over the parse budget, literal scan (was 940 MB)', () => {
    const s = scanFile('app.js', manyLiterals());
    expectBounded(s);
    expect(s.notes.find((n) => n.descriptor.id === 'js/too-large')?.message.text).toMatch(/parse budget of \d+ units/);
    expect(ruleIds(s)).toContain('RTC201');
  });

  it('120,000 functions: the skeleton alone is over the parse budget (literal scan); 48,000 are analysed whole', () => {
    const over = scanFile('app.js', manyFunctions({ count: 120_000 }));
    expectBounded(over);
    expect(noteIds(over)).toContain('js/too-large');
    expect(ruleIds(over)).toContain('RTC201');
    const under = scanFile('app.js', manyFunctions({ count: 48_000 }));
    expectBounded(under);
    expect(noteIds(under)).not.toContain('js/too-large');
    expect(ruleIds(under)).toContain('RTC301'); // the uid reaching fetch: a flow, so the code was parsed
  });

  it('a 50 MB source map of 10 M segments is not decoded; the script is analysed (was 1.09 GB)', () => {
    const { js, map } = hugeSourceMap();
    const s = scanFile('app.js', js, { 'app.js.map': map });
    expectBounded(s);
    expect(s.notes.find((n) => n.descriptor.id === 'sourcemap/too-large')?.message.text).toMatch(/10500000 mapping segments, over the limit/);
    expect(ruleIds(s)).toContain('RTC301');
  });

  it('nested zip: 65,536 traversal names give one summary per notification id', () => {
    const s = scanFile('nested.ipa', notificationBombZip());
    expectBounded(s);
    const unsafe = s.notes.filter((n) => n.descriptor.id === 'input/unsafe-path');
    expect(unsafe.length).toBeLessThanOrEqual(101);
    expect(unsafe.some((n) => /and 65436 more notifications/.test(n.message.text))).toBe(true);
    expect(ruleIds(s)).toContain('RTC201');
    expect(s.sizes.sarif).toBeLessThan(4 * 1024 * 1024);
  });

  it('IPA of 4,096 entries sharing 1 MiB of zeros: the archive inflation limit notifies', () => {
    const s = scanFile('inflation.ipa', inflationIpa());
    expectBounded(s);
    expect(noteIds(s)).toContain('input/archive-inflation-limit');
    expect(ruleIds(s)).toContain('RTC201');
  });

  it('IPA of 4,000 overlapping 1 MiB scripts: identical members are analysed once', () => {
    const s = scanFile('overlapping.ipa', overlappingScriptsIpa());
    expectBounded(s);
    expect(noteIds(s)).toContain('input/archive-inflation-limit');
    expect(ruleIds(s)).toContain('RTC201');
  });

  it('a 600 MB baseline is refused with one line and exit code 2', () => {
    const dir = tempDir('rtcscan-budget-');
    const baseline = join(dir, 'old.sarif');
    const fd = openSync(baseline, 'w');
    ftruncateSync(fd, 600 * 1024 * 1024); // sparse: the size is what is refused, nothing is read
    closeSync(fd);
    writeFileSync(join(dir, 'app.js'), 'fetch("http://api.agora.io/room?uid=" + uid);\n');
    const r = runCli(['scan', 'app.js', '--baseline', baseline, '--quiet'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/over the limit/);
    expect(r.rssMiB).toBeLessThanOrEqual(MAX_RSS_MIB);
  });
});
