// --baseline and --fail-on new, end to end: two builds of an .ipa whose file names, versions and line numbers
// change between releases must keep their fingerprints; only genuinely new and removed findings move.
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildZip } from '../helpers/zip-writer.mjs';
// @ts-expect-error plain ESM script without types
import { validate } from '../../scripts/validate-sarif.mjs';

const FP = 'rtcscanFindingHash/v1';

const V1_JS = `import AgoraRTC from 'agora-rtc-sdk-ng';
const client = AgoraRTC.createClient({ mode: 'rtc', codec: 'vp8' });
export async function start(userId, roomId) {
  await client.join('0123456789abcdef0123456789abcdef', roomId, null, userId);
  await fetch('http://signal.example.net/join?room=' + roomId);
  const legacy = new WebSocket('ws://legacy.example.org/socket');
}
`;
// v2: lines inserted above everything, the legacy socket removed, a new cleartext endpoint added.
const V2_JS = `// build 1.2.4
// release notes: faster reconnects

${V1_JS.replace("  const legacy = new WebSocket('ws://legacy.example.org/socket');\n", "  await fetch('http://metrics.example.org/ping');\n")}`;

function ipa(js: string, name: string, extra: Array<{ name: string; data: Buffer }> = []): Buffer {
  return buildZip([{ name: 'Payload/' }, { name: 'Payload/Club.app/' }, { name: `Payload/Club.app/${name}`, data: Buffer.from(js) }, ...extra]);
}

let dir: string;
let v1: Sarif.Log;
let v2: Sarif.Log;
let v2run: ReturnType<typeof runCli>;
const byFp = (log: Sarif.Log) => new Map(log.runs[0].results!.map((r) => [`${r.ruleId} ${r.partialFingerprints![FP]}`, r]));
const hostOf = (r: Sarif.Result) => String(r.properties?.host ?? '');

beforeAll(() => {
  dir = tempDir('rtcscan-baseline-');
  writeFileSync(join(dir, 'club-1.2.3.ipa'), ipa(V1_JS, 'main.3f2a9c1b.js'));
  writeFileSync(join(dir, 'club-1.2.4.ipa'), ipa(V2_JS, 'main.77aa01ce.js', [{ name: 'Payload/Club.app/Licenses.txt', data: Buffer.from('MIT License\n') }]));
  const r1 = runCli(['scan', 'club-1.2.3.ipa', '--quiet', '--fail-on', 'none', '-o', 'v1.sarif'], dir);
  expect(r1.code, r1.stderr).toBe(0);
  v1 = JSON.parse(readFileSync(join(dir, 'v1.sarif'), 'utf8'));
  v2run = runCli(['scan', 'club-1.2.4.ipa', '--quiet', '--baseline', 'v1.sarif', '--fail-on', 'new', '-o', 'v2.sarif', '-o', 'v2.txt', '-o', 'v2.json', '-o', 'v2.html'], dir);
  v2 = JSON.parse(readFileSync(join(dir, 'v2.sarif'), 'utf8'));
});

describe('baseline across a rebuilt bundle', () => {
  it('keeps the fingerprints of findings that did not change, despite renamed archive and file, moved lines', () => {
    const old = byFp(v1);
    const unchanged = v2.runs[0].results!.filter((r) => r.baselineState === 'unchanged');
    expect(unchanged.length).toBeGreaterThanOrEqual(5);
    for (const r of unchanged) {
      const before = old.get(`${r.ruleId} ${r.partialFingerprints![FP]}`)!;
      expect(before, r.ruleId).toBeDefined();
      // Same finding, different place: the line moved and the file was renamed.
      expect(r.locations![0].physicalLocation!.artifactLocation!.uri).toContain('club-1.2.4.ipa');
      expect(before.locations![0].physicalLocation!.artifactLocation!.uri).toContain('club-1.2.3.ipa');
    }
    const rtc301 = unchanged.filter((r) => r.ruleId === 'RTC301');
    expect(rtc301.length).toBeGreaterThan(0);
    expect(rtc301[0].locations![0].physicalLocation!.region!.startLine).toBe(8);
    expect(old.get(`RTC301 ${rtc301[0].partialFingerprints![FP]}`)!.locations![0].physicalLocation!.region!.startLine).toBe(5);
  });

  it('marks the genuinely new finding new and the removed one absent, and nothing else', () => {
    const results = v2.runs[0].results!;
    const states = (s: string) => results.filter((r) => r.baselineState === s);
    expect(states('new').map(hostOf).every((h) => h === 'metrics.example.org')).toBe(true);
    expect(states('new').length).toBeGreaterThan(0);
    expect(states('absent').map(hostOf).every((h) => h === 'legacy.example.org')).toBe(true);
    expect(states('absent').length).toBeGreaterThan(0);
    expect(states('updated')).toEqual([]);
    expect(results.every((r) => ['new', 'unchanged', 'absent'].includes(r.baselineState!))).toBe(true);
    // Absent results are copied from the old log, without references into its artifact table.
    expect(JSON.stringify(states('absent'))).not.toMatch(/"index"/);
    expect(readFileSync(join(dir, 'v2.txt'), 'utf8')).toMatch(/Baseline: \d+ new, \d+ unchanged, 0 updated, \d+ absent/);
  });

  it('gives the same states in the JSON and HTML reports', () => {
    const json = JSON.parse(readFileSync(join(dir, 'v2.json'), 'utf8'));
    const findings = json.bundles[0].findings as Array<{ ruleId: string; fingerprint: string; baselineState?: string }>;
    const sarif = byFp(v2);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.baselineState, f.ruleId).toBe(sarif.get(`${f.ruleId} ${f.fingerprint}`)!.baselineState);
    const count = (s: string) => v2.runs[0].results!.filter((r) => r.baselineState === s).length;
    expect(json.baseline).toEqual({ new: count('new'), unchanged: count('unchanged'), updated: 0, absent: count('absent') });
    const page = readFileSync(join(dir, 'v2.html'), 'utf8');
    expect(page).toContain(`Against the baseline: ${count('new')} new, ${count('unchanged')} unchanged, 0 updated, ${count('absent')} absent.`);
    expect(page.match(/<span class="state state-new">new<\/span>/g)?.length).toBeGreaterThanOrEqual(count('new'));
  });

  it('--fail-on new exits 1 for the new warning; 0 when nothing is new', () => {
    expect(v2run.code, v2run.stderr).toBe(1);
    const again = runCli(['scan', 'club-1.2.4.ipa', '--quiet', '--baseline', 'v2.sarif', '--fail-on', 'new', '-o', 'v3.sarif'], dir);
    expect(again.code, again.stderr).toBe(0);
    const v3 = JSON.parse(readFileSync(join(dir, 'v3.sarif'), 'utf8')) as Sarif.Log;
    // The absent results of v2 are not carried forward as if they were found.
    expect(v3.runs[0].results!.map((r) => r.baselineState).filter((s) => s !== 'unchanged')).toEqual([]);
  });

  it('--fail-on new ignores new findings at note level and suppressed ones', () => {
    const newOnes = v2.runs[0].results!.filter((r) => r.baselineState === 'new');
    const blocking = newOnes.filter((r) => r.level === 'error' || r.level === 'warning');
    expect(blocking.length).toBeGreaterThan(0);
    writeFileSync(join(dir, 'accept.json'), JSON.stringify({ suppressions: blocking.map((r) => ({ fingerprint: r.partialFingerprints![FP], justification: 'metrics endpoint is internal' })) }));
    const r = runCli(['scan', 'club-1.2.4.ipa', '--quiet', '--baseline', 'v1.sarif', '--fail-on', 'new', '--config', 'accept.json', '--format', 'sarif'], dir);
    expect(r.code, r.stderr).toBe(0);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    expect(log.runs[0].results!.filter((x) => x.baselineState === 'new' && !x.suppressions).every((x) => x.level === 'note')).toBe(true);
  });

  it('marks a result updated when its level changes under the same fingerprint', () => {
    writeFileSync(join(dir, 'raise.yaml'), 'rules: { RTC202: error }\n');
    const r = runCli(['scan', 'club-1.2.3.ipa', '--quiet', '--baseline', 'v1.sarif', '--config', 'raise.yaml', '--fail-on', 'none', '--format', 'sarif'], dir);
    const results = (JSON.parse(r.stdout) as Sarif.Log).runs[0].results!;
    expect(results.filter((x) => x.ruleId === 'RTC202').length).toBeGreaterThan(0);
    expect(results.filter((x) => x.ruleId === 'RTC202').map((x) => x.baselineState)).toEqual(results.filter((x) => x.ruleId === 'RTC202').map(() => 'updated'));
    expect(results.filter((x) => x.ruleId !== 'RTC202').every((x) => x.baselineState === 'unchanged')).toBe(true);
  });

  it('writes SARIF that validates with 0 errors and 0 warnings', () => {
    for (const f of ['v1.sarif', 'v2.sarif']) {
      const v = validate(join(dir, f));
      expect({ file: f, errors: v.errors, warnings: v.warnings }).toEqual({ file: f, errors: [], warnings: [] });
    }
  });
});

describe('baseline errors (exit 2, one line)', () => {
  it('--fail-on new without --baseline', () => {
    const r = runCli(['scan', 'club-1.2.3.ipa', '--quiet', '--fail-on', 'new'], dir);
    expect([r.code, r.stderr.trim()]).toEqual([2, 'rtcscan: --fail-on new needs --baseline FILE (the SARIF report to compare with)']);
  });
  it('a baseline that is not SARIF', () => {
    writeFileSync(join(dir, 'bad.sarif'), '{"runs": 3}');
    const r = runCli(['scan', 'club-1.2.3.ipa', '--quiet', '--baseline', 'bad.sarif'], dir);
    expect([r.code, r.stderr.trim()]).toEqual([2, 'rtcscan: baseline bad.sarif is not a SARIF 2.1.0 log']);
  });
  it('a missing baseline', () => {
    const r = runCli(['scan', 'club-1.2.3.ipa', '--quiet', '--baseline', 'missing.sarif'], dir);
    expect([r.code, r.stderr.trim()]).toEqual([2, 'rtcscan: cannot read baseline missing.sarif: no such file']);
  });
});
