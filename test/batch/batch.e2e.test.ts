// End to end through the built CLI: an audit folder of the committed samples plus archives built here, scanned in
// batch mode with one and two jobs, in three shards, merged back, and validated with the SARIF Multitool.
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { buildZip } from '../helpers/zip-writer.mjs';
// @ts-expect-error plain ESM script without types
import { validate } from '../../scripts/validate-sarif.mjs';

const BUNDLES = ['Club.ipa', 'call.zip', 'clean-app', 'club.apk', 'web-app'];
// An app whose only code is a small web bundle joining Agora over a cleartext signalling socket.
const CALL_JS = `
import AgoraRTC from 'agora-rtc-sdk-ng';
const client = AgoraRTC.createClient({ mode: 'rtc', codec: 'vp8' });
export async function start(roomId, userId) {
  await client.join('0123456789abcdef0123456789abcdef', roomId, null, userId);
  const ws = new WebSocket('ws://signal.example.net/rooms?room=' + roomId + '&user=' + userId);
  ws.onopen = () => ws.send(userId);
}
`;

let work: string;
const files = (dir: string) => readdirSync(dir).sort();
const read = (p: string) => readFileSync(p, 'utf8');

function makeAudit(dir: string): void {
  mkdirSync(join(dir, 'audit'), { recursive: true });
  copyFileSync(join(ROOT, 'samples/ios/Club.ipa'), join(dir, 'audit/Club.ipa'));
  copyFileSync(join(ROOT, 'samples/android/club.apk'), join(dir, 'audit/club.apk'));
  cpSync(join(ROOT, 'samples/web/dist'), join(dir, 'audit/web-app'), { recursive: true });
  cpSync(join(ROOT, 'samples/clean/dist'), join(dir, 'audit/clean-app'), { recursive: true });
  writeFileSync(join(dir, 'audit/call.zip'), buildZip([{ name: 'www/call.js', data: Buffer.from(CALL_JS) }]));
  writeFileSync(join(dir, 'audit/README.md'), 'not a bundle\n');
}

beforeAll(() => {
  work = tempDir('rtcscan-batch-');
  makeAudit(work);
  const common = ['scan', '--batch', 'audit', '--quiet', '--fail-on', 'none'];
  const runs: Array<[string, string[]]> = [
    ['jobs2', ['--jobs', '2', '--combined', 'jobs2/all.sarif']],
    ['jobs1', ['--jobs', '1']],
    ...[1, 2, 3].map((i): [string, string[]] => [`shard${i}`, ['--shard', `${i}/3`, '--jobs', '2']]),
  ];
  for (const [out, extra] of runs) {
    const r = runCli([...common, '--out-dir', out, ...extra], work);
    expect(r.code, `${out}: ${r.stderr}`).toBe(0);
  }
  // Workers whose heap cap is far too small for any bundle: every bundle falls back to the main thread.
  const capped = runCli([...common, '--out-dir', 'capped', '--jobs', '2'], work, { RTCSCAN_BATCH_WORKER_HEAP_MB: '8' });
  expect(capped.code, `capped: ${capped.stderr}`).toBe(0);
}, 600_000);

describe('rtcscan scan --batch', () => {
  it('writes one SARIF file with one run per bundle, each under its own category', () => {
    const got = files(join(work, 'jobs2'));
    for (const b of BUNDLES) expect(got).toEqual(expect.arrayContaining([`${b}.sarif`, `${b}.txt`]));
    expect(got).toEqual(expect.arrayContaining(['summary.csv', 'summary.json', 'all.sarif']));
    expect(got.filter((f) => f.endsWith('.sarif'))).toHaveLength(BUNDLES.length + 1);
    const ids = BUNDLES.map((b) => {
      const log = JSON.parse(read(join(work, 'jobs2', `${b}.sarif`)));
      expect(log.version).toBe('2.1.0');
      expect(log.runs).toHaveLength(1);
      // Every artifact of the run belongs to this bundle.
      for (const a of log.runs[0].artifacts) expect(decodeURIComponent(a.location.uri).startsWith(`audit/${b}`)).toBe(true);
      return log.runs[0].automationDetails.id;
    });
    expect(ids).toEqual(BUNDLES.map((b) => `rtcscan/${b}/`));
    const all = JSON.parse(read(join(work, 'jobs2/all.sarif')));
    expect(all.runs.map((r: { automationDetails: { id: string } }) => r.automationDetails.id)).toEqual(ids);
  });

  it('summarises each bundle: vendors, countries, counts that match its SARIF run', () => {
    const doc = JSON.parse(read(join(work, 'jobs2/summary.json')));
    expect(doc.bundles.map((r: { bundle: string }) => r.bundle)).toEqual(BUNDLES);
    for (const row of doc.bundles) {
      const results = JSON.parse(read(join(work, 'jobs2', `${row.bundle}.sarif`))).runs[0].results as Array<{ ruleId: string; level: string }>;
      const n = (pred: (r: { ruleId: string; level: string }) => boolean) => results.filter(pred).length;
      expect(row.levels).toEqual({ error: n((r) => r.level === 'error'), warning: n((r) => r.level === 'warning'), note: n((r) => r.level === 'note') });
      expect(row.cleartextFlows).toBe(n((r) => r.ruleId === 'RTC301'));
      expect(row.cleartextEndpoints).toBe(n((r) => r.ruleId === 'RTC302'));
      for (const id of ['RTC401', 'RTC402', 'RTC403', 'RTC404']) expect(row.credentials[id]).toBe(n((r) => r.ruleId === id));
      expect(row.readable).toBe(true);
    }
    const byName = Object.fromEntries(doc.bundles.map((r: { bundle: string }) => [r.bundle, r]));
    // The app built here: Agora (CN), a tokenless join with a hardcoded App ID, a cleartext endpoint and flow.
    expect(byName['call.zip'].vendors.map((v: { id: string }) => v.id)).toContain('agora');
    expect(byName['call.zip'].countries).toEqual(['CN']);
    expect(byName['call.zip'].credentials.RTC404).toBeGreaterThanOrEqual(1);
    expect(byName['call.zip'].cleartextEndpoints).toBeGreaterThanOrEqual(1);
    expect(byName['clean-app'].vendors).toEqual([]);
    for (const b of ['Club.ipa', 'club.apk']) expect(byName[b].vendors.map((v: { id: string }) => v.id)).toContain('agora');

    const csv: Array<Record<string, string>> = parse(read(join(work, 'jobs2/summary.csv')), { columns: true });
    expect(csv.map((r) => r.bundle)).toEqual(BUNDLES);
    for (const [i, r] of csv.entries()) {
      expect(Number(r.errors)).toBe(doc.bundles[i].levels.error);
      expect(r.vendor_ids).toBe(doc.bundles[i].vendors.map((v: { id: string }) => v.id).join('; '));
    }
  });

  it('is byte-identical with --jobs 1 and --jobs 2', () => {
    const one = files(join(work, 'jobs1'));
    expect(one).toEqual(files(join(work, 'jobs2')).filter((f) => f !== 'all.sarif'));
    for (const f of one) expect(read(join(work, 'jobs1', f)), f).toBe(read(join(work, 'jobs2', f)));
  });

  it('loses no bundle to the workers\' heap cap: a bundle over it is scanned on the main thread, same reports', () => {
    const one = files(join(work, 'jobs1'));
    expect(files(join(work, 'capped'))).toEqual(one);
    for (const f of one) expect(read(join(work, 'capped', f)), f).toBe(read(join(work, 'jobs1', f)));
  });

  it('shards cover every bundle exactly once, with the same reports as the unsharded run', () => {
    const seen: string[] = [];
    for (const i of [1, 2, 3]) {
      const dir = join(work, `shard${i}`);
      const names = files(dir).filter((f) => f.endsWith('.sarif')).map((f) => f.slice(0, -'.sarif'.length));
      expect(JSON.parse(read(join(dir, 'summary.json'))).bundles.map((r: { bundle: string }) => r.bundle)).toEqual(names);
      for (const n of names) expect(read(join(dir, `${n}.sarif`))).toBe(read(join(work, 'jobs2', `${n}.sarif`)));
      seen.push(...names);
    }
    expect(seen.sort()).toEqual(BUNDLES);
  });

  it('merges shards back into the unsharded summary and the combined SARIF', () => {
    const summaries = [1, 2, 3].map((i) => `shard${i}/summary.json`);
    const m = runCli(['merge', '--summary', ...summaries, '-o', 'merged/summary.csv', '-o', 'merged/summary.json'], work);
    expect(m.code, m.stderr).toBe(0);
    expect(read(join(work, 'merged/summary.csv'))).toBe(read(join(work, 'jobs2/summary.csv')));
    expect(read(join(work, 'merged/summary.json'))).toBe(read(join(work, 'jobs2/summary.json')));

    const sarifs = BUNDLES.map((b) => [1, 2, 3].map((i) => `shard${i}/${b}.sarif`).find((f) => files(join(work, f.split('/')[0])).includes(`${b}.sarif`))!);
    const s = runCli(['merge', ...sarifs, ...sarifs.slice(0, 2), '-o', 'merged/all.sarif'], work);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toBe(''); // repeated identical runs are dropped silently
    expect(read(join(work, 'merged/all.sarif'))).toBe(read(join(work, 'jobs2/all.sarif')));
  });

  it('writes SARIF that passes the Multitool with GitHub rules', () => {
    for (const f of ['jobs2/all.sarif', 'jobs2/call.zip.sarif', 'merged/all.sarif']) {
      const v = validate(join(work, f));
      expect({ f, errors: v.errors, warnings: v.warnings }).toEqual({ f, errors: [], warnings: [] });
    }
  }, 180_000);
});

describe('batch edges', () => {
  it('splits --combined above 20 runs, warns when merging them all, and reports an unreadable bundle with exit 2', () => {
    const dir = tempDir('rtcscan-batch-many-');
    mkdirSync(join(dir, 'many'));
    for (let i = 0; i < 21; i++) writeFileSync(join(dir, 'many', `app${String(i).padStart(2, '0')}.zip`), buildZip([{ name: 'main.js', data: Buffer.from(`fetch("http://api${i}.example.org/v1");\n`) }]));
    writeFileSync(join(dir, 'many', 'broken.ipa'), 'this is not a zip');
    const r = runCli(['scan', '--batch', 'many', '--out-dir', 'out', '--combined', 'out/all.sarif', '--quiet', '--fail-on', 'none'], dir);
    expect(r.code).toBe(2);
    const parts = ['all-1.sarif', 'all-2.sarif'].map((f) => JSON.parse(read(join(dir, 'out', f))).runs.length);
    expect(parts).toEqual([20, 2]);
    const doc = JSON.parse(read(join(dir, 'out/summary.json')));
    expect(doc.bundles.find((b: { bundle: string }) => b.bundle === 'broken.ipa')).toMatchObject({ readable: false, unreadable: 1 });
    const m = runCli(['merge', 'out/all-1.sarif', 'out/all-2.sarif', '-o', 'merged.sarif'], dir);
    expect(m.code).toBe(0);
    expect(m.stderr).toMatch(/22 runs in one file: GitHub code scanning accepts at most 20/);
  });

  it('refuses what it cannot do with one line and exit 2', () => {
    const dir = tempDir('rtcscan-batch-usage-');
    writeFileSync(join(dir, 'old.sarif'), JSON.stringify({ version: '2.0.0', runs: [] }));
    const cases: Array<[string[], RegExp]> = [
      [['scan', 'x', '--out-dir', 'o'], /--out-dir needs --batch/],
      [['scan', '--batch', '.'], /--batch needs --out-dir/],
      [['scan', '--batch', '.', '--out-dir', 'o', '--shard', '4/3'], /--shard 4\/3: need 1 ≤ i ≤ n/],
      [['scan', '--batch', '.', '--out-dir', 'o', '--jobs', '0'], /--jobs takes a positive whole number/],
      [['scan', '--batch', '.', '--out-dir', 'o', '--baseline', 'old.sarif'], /--baseline old\.sarif: in batch mode the baseline is a folder/],
      [['scan', '--batch', '.', '--out-dir', 'o', '--fail-on', 'new'], /--fail-on new needs --baseline DIR/],
      [['scan', '--batch', '.', '--out-dir', 'o', '--config', 'missing.yaml'], /missing\.yaml/],
      [['merge', 'old.sarif'], /old\.sarif: not SARIF 2\.1\.0/],
      [['merge', '--summary', 'old.sarif'], /old\.sarif: not an rtcscan summary\.json/],
    ];
    for (const [args, re] of cases) {
      const r = runCli(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(re);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

type Result = { ruleId: string; level: string; baselineState?: string; suppressions?: Array<{ justification: string }>; partialFingerprints: Record<string, string> };
const results = (dir: string, bundle: string): Result[] => JSON.parse(read(join(work, dir, `${bundle}.sarif`))).runs[0].results;

describe('rtcscan scan --batch with a config and a baseline', () => {
  it('applies the config to every bundle: ignore globs, rule overrides, policy and suppressions', () => {
    const suppressed = results('jobs1', 'club.apk').find((r) => r.ruleId === 'RTC201')!;
    const fp = suppressed.partialFingerprints['rtcscanFindingHash/v1']!;
    writeFileSync(
      join(work, 'batch.config.yaml'),
      [
        'rules: { RTC304: off }',
        'ignore: ["audit/call.zip!/**"]',
        'policy: { deniedVendors: [agora] }',
        'suppressions:',
        `  - { fingerprint: "${fp}", justification: "reviewed with the vendor" }`,
        `  - { fingerprint: "${'0'.repeat(32)}", justification: "stale entry" }`,
        '',
      ].join('\n'),
    );
    const r = runCli(['scan', '--batch', 'audit', '--out-dir', 'cfg', '--config', 'batch.config.yaml', '--fail-on', 'none', '--jobs', '2'], work);
    expect(r.code, r.stderr).toBe(0);
    // The stale suppression matched nothing in any bundle: said once for the batch, not in every report.
    expect(r.stderr).toMatch(/1 suppression\(s\) in the config matched no finding of this batch \(first: 0{32}\)/);
    for (const b of BUNDLES) {
      const got = results('cfg', b);
      expect(got.some((x) => x.ruleId === 'RTC304'), b).toBe(false);
      if (b !== 'call.zip' && results('jobs1', b).some((x) => x.ruleId === 'RTC101')) expect(got.some((x) => x.ruleId === 'RTC502'), b).toBe(true);
    }
    expect(results('cfg', 'call.zip')).toEqual([]); // every member ignored
    const again = results('cfg', 'club.apk').find((x) => x.partialFingerprints['rtcscanFindingHash/v1'] === fp)!;
    expect(again.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'reviewed with the vendor' }]);
    // Suppressed findings are not counted in the summary; everything else is.
    const row = JSON.parse(read(join(work, 'cfg/summary.json'))).bundles.find((x: { bundle: string }) => x.bundle === 'club.apk');
    const open = results('cfg', 'club.apk').filter((x) => !x.suppressions);
    expect(row.levels.error + row.levels.warning + row.levels.note).toBe(open.length);
  });

  it('compares each bundle with its report in an earlier batch folder (--baseline DIR, --fail-on new)', () => {
    const same = runCli(['scan', '--batch', 'audit', '--out-dir', 'again', '--baseline', 'jobs1', '--fail-on', 'new', '--quiet'], work);
    expect(same.code, same.stderr).toBe(0);
    for (const b of BUNDLES) for (const x of results('again', b)) expect(x.baselineState, `${b} ${x.ruleId}`).toBe('unchanged');
    expect(read(join(work, 'again/call.zip.txt'))).toMatch(/unchanged/);

    // A bundle the earlier batch did not have: all of its findings are new, and --fail-on new fails.
    writeFileSync(join(work, 'audit/call2.zip'), buildZip([{ name: 'www/call.js', data: Buffer.from(CALL_JS) }]));
    try {
      const grown = runCli(['scan', '--batch', 'audit', '--out-dir', 'grown', '--baseline', 'jobs1', '--fail-on', 'new', '--quiet'], work);
      expect(grown.code, grown.stderr).toBe(1);
      expect(results('grown', 'call2.zip').length).toBeGreaterThan(0);
      for (const x of results('grown', 'call2.zip')) expect(x.baselineState).toBe('new');
      for (const x of results('grown', 'call.zip')) expect(x.baselineState).toBe('unchanged');
    } finally {
      rmSync(join(work, 'audit/call2.zip'));
    }
  });
});
