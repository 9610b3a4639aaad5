// Batch building blocks on real inputs: bundle discovery, shard partitions, the summary of a real scan, CSV quoting
// of hostile names, SARIF merge rules, and that a scanned bundle survives the worker boundary (structured clone).
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync, symlinkSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT, tempDir } from '../helpers/cli.js';
import { buildZip } from '../helpers/zip-writer.mjs';
import { discoverBundles, fileNames, safeName } from '../../scanner/batch/discover.js';
import { parseShard, selectShard } from '../../scanner/batch/shard.js';
import { scanOne } from '../../scanner/batch/scan-one.js';
import { toSarifRuns } from '../../scanner/batch/sarif-runs.js';
import { summarizeBundle, summaryToCsv, parseSummary, summaryToJson, SummaryError } from '../../scanner/report/summary.js';
import { chunk, mergeRuns, MergeError, parseSarif } from '../../scanner/report/merge.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { DEFAULT_LIMITS } from '../../scanner/input/limits.js';

const rules = defaultRulePack();

describe('discoverBundles', () => {
  it('takes archives, sub-folders and JS bundles; skips hidden entries, links and loose files', async () => {
    const dir = tempDir('rtcscan-discover-');
    mkdirSync(join(dir, 'audit/web-app/js'), { recursive: true });
    writeFileSync(join(dir, 'audit/web-app/js/a.js'), 'x');
    copyFileSync(join(ROOT, 'samples/ios/Club.ipa'), join(dir, 'audit/Club.ipa'));
    writeFileSync(join(dir, 'audit/main.jsbundle'), 'x');
    writeFileSync(join(dir, 'audit/notes.txt'), 'x');
    writeFileSync(join(dir, 'audit/.DS_Store'), 'x');
    symlinkSync(join(dir, 'audit/web-app'), join(dir, 'audit/link'));
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'other/Club.ipa'), 'x');
    const d = await discoverBundles(['audit', 'other/Club.ipa'], dir);
    expect(d.bundles).toEqual([
      { name: 'Club.ipa', path: join('audit', 'Club.ipa') },
      { name: 'Club.ipa~2', path: join('other', 'Club.ipa') },
      { name: 'main.jsbundle', path: join('audit', 'main.jsbundle') },
      { name: 'web-app', path: join('audit', 'web-app') },
    ]);
    expect(d.skipped.map((s) => [s.path, s.reason])).toEqual([
      [join('audit', '.DS_Store'), 'hidden'],
      [join('audit', 'link'), 'symbolic link'],
      [join('audit', 'notes.txt'), 'not an archive or a JS/Hermes bundle'],
    ]);
  });

  it('gives file-safe names that stay unique after sanitising and case folding', () => {
    expect(safeName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeName('.hidden')).toBe('hidden');
    const names = fileNames([{ name: 'A b', path: '' }, { name: 'a_b', path: '' }, { name: 'A_b', path: '' }]);
    expect([...names.values()]).toEqual(['A_b', 'a_b~2', 'A_b~3']);
    expect(new Set([...names.values()].map((n) => n.toLowerCase())).size).toBe(3);
  });
});

describe('shards', () => {
  it('partition every list: each item in exactly one shard, sizes within one', () => {
    for (let len = 0; len <= 23; len++) {
      const items = Array.from({ length: len }, (_, i) => `b${i}`);
      for (let n = 1; n <= 7; n++) {
        const parts = Array.from({ length: n }, (_, i) => selectShard(items, { index: i + 1, count: n }));
        expect(parts.flat().sort()).toEqual([...items].sort());
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('parses i/n and rejects the rest', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '-1/2', '1/2/3']) expect(typeof parseShard(bad)).toBe('string');
  });
});

describe('one bundle through scanOne', () => {
  it('is structured-clone safe (what a worker returns is what the main thread gets)', async () => {
    const out = await scanOne({ path: 'samples/android/club.apk', cwd: ROOT, limits: DEFAULT_LIMITS, showSecrets: false });
    expect(out.bundle.findings.length).toBeGreaterThan(0);
    expect(structuredClone(out)).toStrictEqual(out);
  });

  it('summarises a real scan consistently with its SARIF run', async () => {
    const out = await scanOne({ path: 'samples/ios/Club.ipa', cwd: ROOT, limits: DEFAULT_LIMITS, showSecrets: false });
    const row = summarizeBundle('Club.ipa', out.bundle, rules, out);
    const log = toSarifRuns({ bundles: [out.bundle], startTime: new Date(0), endTime: new Date(0), files: out.files, bytes: out.bytes }, { rules }, () => 'rtcscan/Club.ipa/');
    expect(log.runs).toHaveLength(1);
    const results = log.runs[0].results!;
    const count = (pred: (r: (typeof results)[number]) => boolean) => results.filter(pred).length;
    expect(row.levels).toEqual({ error: count((r) => r.level === 'error'), warning: count((r) => r.level === 'warning'), note: count((r) => r.level === 'note') });
    expect(row.cleartextEndpoints).toBe(count((r) => r.ruleId === 'RTC302'));
    expect(row.credentials.RTC401).toBe(count((r) => r.ruleId === 'RTC401'));
    const sdkVendors = new Set(results.filter((r) => r.ruleId === 'RTC101').map((r) => r.properties!.vendor));
    expect(sdkVendors.size).toBeGreaterThan(0);
    for (const v of sdkVendors) expect(row.vendors.map((x) => x.id)).toContain(v);
    expect(row.countries).toEqual([...new Set(row.vendors.filter((v) => v.country !== 'ZZ').map((v) => v.country))].sort());
    expect(row.readable).toBe(true);
  });

  it('reports an unreadable bundle as a row, not an exception', async () => {
    const dir = tempDir('rtcscan-unreadable-');
    writeFileSync(join(dir, 'broken.ipa'), 'not a zip at all');
    const out = await scanOne({ path: 'broken.ipa', cwd: dir, limits: DEFAULT_LIMITS, showSecrets: false });
    const row = summarizeBundle('broken.ipa', out.bundle, rules, out);
    expect(row).toMatchObject({ readable: false, unreadable: 1 });
    expect(row.firstUnreadable).toMatch(/not a zip archive/);
  });
});

describe('summary CSV', () => {
  it('quotes hostile bundle names and defuses spreadsheet formulas', async () => {
    const dir = tempDir('rtcscan-csv-');
    const hostile = ['=HYPERLINK("http://x"),evil.zip', 'line\nbreak.zip', '+cmd.zip', 'plain.zip'];
    const zip = buildZip([{ name: 'a.js', data: Buffer.from('const u = "ws://signal.example.net/room";\n') }]);
    const rows = [];
    for (const name of hostile) {
      writeFileSync(join(dir, 'b.zip'), zip);
      const out = await scanOne({ path: 'b.zip', cwd: dir, limits: DEFAULT_LIMITS, showSecrets: false });
      rows.push(summarizeBundle(name, out.bundle, rules, out));
    }
    const csv = summaryToCsv(rows);
    const records: string[][] = parse(csv);
    expect(records[0][0]).toBe('bundle');
    expect(records).toHaveLength(hostile.length + 1);
    const names = records.slice(1).map((r) => r[0]);
    // Formula-like cells gain a leading quote; everything else round-trips exactly.
    expect(names).toEqual([...hostile].sort().map((n) => (/^[=+\-@]/.test(n) ? `'${n}` : n)));
    for (const r of records.slice(1)) expect(r).toHaveLength(records[0].length);
    // The same rows round-trip through summary.json.
    expect(parseSummary(summaryToJson(rows), 'x').bundles.map((r) => r.bundle)).toEqual([...hostile].sort());
  });

  it('rejects JSON that is not a summary with one line naming the file', () => {
    expect(() => parseSummary('{"bundles":[]}', 'a.json')).toThrow(SummaryError);
    expect(() => parseSummary('{', 'a.json')).toThrow(/^a\.json: not JSON/);
  });
});

describe('SARIF merge', () => {
  const run = (id: string | undefined, n = 0) => ({ tool: { driver: { name: 'rtcscan' } }, ...(id ? { automationDetails: { id } } : {}), results: Array.from({ length: n }, () => ({ message: { text: 'x' } })) });
  it('keeps runs separate, drops repeated categories (warning when they differ) and identical anonymous runs', () => {
    const a = { version: '2.1.0' as const, runs: [run('rtcscan/a/'), run('rtcscan/b/'), run(undefined)] };
    const b = { version: '2.1.0' as const, runs: [run('rtcscan/a/'), run('rtcscan/b/', 1), run(undefined), run('rtcscan/c/')] };
    const m = mergeRuns([{ file: 'a.sarif', log: a }, { file: 'b.sarif', log: b }]);
    expect(m.runs.map((r) => r.automationDetails?.id ?? '-')).toEqual(['rtcscan/a/', 'rtcscan/b/', '-', 'rtcscan/c/']);
    expect(m.warnings).toEqual([expect.stringMatching(/^b\.sarif: a different run with automationDetails\.id rtcscan\/b\//)]);
  });

  it('warns above 20 runs', () => {
    const log = { version: '2.1.0' as const, runs: Array.from({ length: 21 }, (_, i) => run(`rtcscan/${i}/`)) };
    expect(mergeRuns([{ file: 'x', log }]).warnings.join('\n')).toMatch(/21 runs .* at most 20/);
    expect(chunk(log.runs, 20).map((c) => c.length)).toEqual([20, 1]);
  });

  it('rejects what is not SARIF 2.1.0 with one line naming the file', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"version":"2.0.0","runs":[]}', /^x\.sarif: not SARIF 2\.1\.0 \(version "2\.0\.0"\)$/],
      ['[]', /top level is not an object/],
      ['{"version":"2.1.0"}', /"runs" is not an array/],
      ['{"version":"2.1.0","runs":[{}]}', /runs\[0\] has no tool\.driver\.name/],
      ['not json', /^x\.sarif: not JSON/],
    ];
    for (const [text, re] of cases) {
      expect(() => parseSarif(text, 'x.sarif')).toThrow(MergeError);
      expect(() => parseSarif(text, 'x.sarif')).toThrow(re);
    }
  });
});
