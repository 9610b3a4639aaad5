// End to end: every config key and every config error path, through the built CLI on a real scanned app.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { runCli, tempDir } from '../helpers/cli.js';
import { writeApp } from './app.js';

function scanWith(config: string | undefined, args: string[] = [], name = 'rtcscan.config.yaml', extra: Record<string, string> = {}) {
  const dir = writeApp(tempDir('rtcscan-config-'), extra);
  mkdirSync(join(dir, '.git'));
  if (config !== undefined) writeFileSync(join(dir, name), config);
  const run = runCli(['scan', 'src', '--quiet', '-o', 'out.sarif', '-o', 'out.txt', ...args], dir);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const sarif = run.code === 2 ? undefined : (JSON.parse(read('out.sarif')) as Sarif.Log);
  return { run, dir, sarif, text: sarif ? read('out.txt') : '', results: sarif?.runs[0].results ?? [] };
}
const ids = (rs: Sarif.Result[]) => rs.map((r) => r.ruleId);
const only = (rs: Sarif.Result[], id: string) => rs.filter((r) => r.ruleId === id);

describe('config file', () => {
  const plain = scanWith(undefined, ['--fail-on', 'none']);

  it('without a config, the app gives its usual findings', () => {
    expect(ids(plain.results)).toEqual(expect.arrayContaining(['RTC101', 'RTC201', 'RTC301', 'RTC302', 'RTC304']));
    expect(ids(plain.results)).not.toContain('RTC502');
    expect(ids(plain.results)).not.toContain('RTC303');
    expect(plain.results.every((r) => !r.suppressions)).toBe(true);
  });

  it('rules: off drops a rule, a level replaces the per-result level; rule metadata stays', () => {
    const s = scanWith('rules:\n  RTC201: off\n  RTC202: error\n', ['--fail-on', 'none']);
    expect(ids(s.results)).not.toContain('RTC201');
    expect(only(s.results, 'RTC202').map((r) => r.level)).toEqual(['error']);
    expect(only(plain.results, 'RTC202').map((r) => r.level)).toEqual(['note']);
    const rule = s.sarif!.runs[0].tool.driver.rules!.find((r) => r.id === 'RTC202');
    expect(rule?.defaultConfiguration?.level).toBe('note');
  });

  it('policy.deniedJurisdictions: RTC502 at the RTC101 location, RTC303 for the HTTPS flow to the vendor host', () => {
    const s = scanWith('policy:\n  deniedJurisdictions: { PRC: error }\n', ['--fail-on', 'none']);
    const [denied] = only(s.results, 'RTC502');
    const [sdk] = only(s.results, 'RTC101');
    expect(denied.level).toBe('error');
    expect(denied.locations).toEqual(sdk.locations);
    expect(denied.message.text).toContain('jurisdiction PRC');
    const flows = only(s.results, 'RTC303');
    expect(flows.map((r) => r.level)).toEqual(flows.map(() => 'error'));
    const https = flows.find((r) => r.message.text?.includes('https://api.agora.io'));
    expect(https?.message.text).toContain('identifier userId');
    expect(https?.codeFlows?.[0].threadFlows[0].locations.length).toBeGreaterThan(1);
    // The cleartext flow stays RTC301 only.
    expect(flows.some((r) => r.message.text?.includes('signal.example.net'))).toBe(false);
  });

  it('policy.deniedVendors (list form): RTC502 at the rule default level; other countries deny nothing', () => {
    const s = scanWith(JSON.stringify({ policy: { deniedVendors: ['agora'] } }), ['--fail-on', 'none'], 'rtcscan.config.json');
    expect(only(s.results, 'RTC502').map((r) => [r.level, r.message.text?.includes('vendor agora')])).toEqual([['warning', true]]);
    const us = scanWith('policy:\n  deniedJurisdictions: [US]\n', ['--fail-on', 'none']);
    expect(ids(us.results)).not.toContain('RTC502');
  });

  it('policy.allowedEndpoints: endpoint findings on allowed hosts are suppressed, not dropped', () => {
    const s = scanWith('policy:\n  allowedEndpoints: [.example.net]\n', ['--fail-on', 'none']);
    const onHost = s.results.filter((r) => r.properties?.host === 'signal.example.net');
    expect(ids(onHost)).toEqual(expect.arrayContaining(['RTC202', 'RTC302', 'RTC301']));
    for (const r of onHost.filter((r) => r.ruleId !== 'RTC301')) {
      expect(r.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'allowed by policy' }]);
    }
    // RTC301 (an identifier flow) is not an endpoint finding: still active.
    expect(only(onHost, 'RTC301').every((r) => !r.suppressions)).toBe(true);
    expect(only(s.results, 'RTC201').every((r) => !r.suppressions)).toBe(true);
    expect(s.text).toMatch(/Suppressed \(2; not counted for --fail-on\):[\s\S]*suppressed: allowed by policy/);
  });

  it('policy.requireMediaEncryption: false turns RTC304 off, true raises it to error', () => {
    expect(ids(scanWith('policy: { requireMediaEncryption: false }\n', ['--fail-on', 'none']).results)).not.toContain('RTC304');
    const on = scanWith('policy: { requireMediaEncryption: true }\n', ['--fail-on', 'none']);
    expect(only(on.results, 'RTC304').map((r) => r.level)).toEqual(['error']);
  });

  it('suppressions: matching results carry the SARIF suppression and no longer fail the build', () => {
    const errors = plain.results.filter((r) => r.level === 'error');
    expect(errors.length).toBeGreaterThan(0);
    const list = errors.map((r) => ({ fingerprint: r.partialFingerprints!['rtcscanFindingHash/v1'], justification: 'test server, no real users' }));
    const before = scanWith(undefined, ['--fail-on', 'error']);
    expect(before.run.code).toBe(1);
    const after = scanWith(JSON.stringify({ suppressions: list }), ['--fail-on', 'error', '-o', 'out.json', '-o', 'out.html'], 'rtcscan.config.json');
    expect(after.run.code).toBe(0);
    // The JSON and HTML reports say the same: each suppressed finding with its justification, not counted.
    const json = JSON.parse(readFileSync(join(after.dir, 'out.json'), 'utf8'));
    const accepted = json.bundles[0].findings.filter((f: { suppression?: unknown }) => f.suppression);
    expect(accepted.map((f: { fingerprint: string }) => f.fingerprint).sort()).toEqual(list.map((s) => s.fingerprint).sort());
    expect(accepted[0].suppression).toEqual({ kind: 'external', status: 'accepted', justification: 'test server, no real users' });
    const page = readFileSync(join(after.dir, 'out.html'), 'utf8');
    expect(page.match(/<tr class="finding-row suppressed">/g)).toHaveLength(list.length);
    expect(page).toContain('Suppressed: test server, no real users');
    expect(page).toMatch(/<div class="card count-error"><b>0<\/b>/);
    expect(page).toContain(`<div class="card count-suppressed"><b>${list.length}</b>suppressed</div>`);
    const suppressed = after.results.filter((r) => r.suppressions);
    expect(suppressed.map((r) => r.partialFingerprints!['rtcscanFindingHash/v1']).sort()).toEqual(list.map((s) => s.fingerprint).sort());
    expect(suppressed[0].suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'test server, no real users' }]);
    expect(after.text).toContain('suppressed: test server, no real users');
    expect(after.text).toMatch(/Verdict: \w+ — .* 0 error, \d+ warning, \d+ note \(\d+ suppressed, listed at the end\)/);
  });

  it('a stale suppression becomes a note in the notifications', () => {
    const s = scanWith(JSON.stringify({ suppressions: [{ fingerprint: 'f'.repeat(32), justification: 'gone' }] }), ['--fail-on', 'none'], 'rtcscan.config.json');
    const notes = s.sarif!.runs[0].invocations![0].toolExecutionNotifications!;
    expect(notes.map((n) => n.descriptor?.id)).toContain('config/unused-suppression');
  });

  it('ignore: globs over virtual paths leave files out of the scan', () => {
    const extra = { 'vendor/lib.js': 'fetch("https://cdn.ignored-host.example.com/x");\n' };
    const seen = scanWith(undefined, ['--fail-on', 'none'], undefined, extra);
    expect(seen.results.some((r) => r.properties?.host === 'cdn.ignored-host.example.com')).toBe(true);
    const s = scanWith("ignore: ['**/vendor/**']\n", ['--fail-on', 'none'], undefined, extra);
    expect(s.results.some((r) => r.properties?.host === 'cdn.ignored-host.example.com')).toBe(false);
    expect(s.sarif!.runs[0].artifacts!.map((a) => a.location!.uri)).toEqual(['src/main.js']);
  });

  it('limits: applied from the config; the CLI flag wins', () => {
    const extra = { 'b.js': '1;\n' };
    const limited = scanWith('limits: { maxEntries: 1 }\n', ['--fail-on', 'none'], undefined, extra);
    const notes = (s: typeof limited) => s.sarif!.runs[0].invocations![0].toolExecutionNotifications!.map((n) => n.descriptor?.id);
    expect(notes(limited)).toContain('input/too-many-entries');
    const flag = scanWith('limits: { maxEntries: 1 }\n', ['--fail-on', 'none', '--max-entries', '10'], undefined, extra);
    expect(notes(flag)).not.toContain('input/too-many-entries');
  });

  it('is found walking up from a sub-folder, but not above the repository root (.git)', () => {
    const root = tempDir('rtcscan-config-walk-');
    writeFileSync(join(root, 'rtcscan.config.yaml'), 'rules: { RTC201: off }\n');
    const repo = join(root, 'repo');
    writeApp(repo);
    mkdirSync(join(repo, '.git'));
    const outside = runCli(['scan', 'main.js', '--quiet', '--format', 'sarif', '--fail-on', 'none'], join(repo, 'src'));
    expect(ids(JSON.parse(outside.stdout).runs[0].results)).toContain('RTC201');
    writeFileSync(join(repo, 'rtcscan.config.yml'), 'rules: { RTC201: off }\n');
    const inside = runCli(['scan', 'main.js', '--quiet', '--format', 'sarif', '--fail-on', 'none'], join(repo, 'src'));
    expect(ids(JSON.parse(inside.stdout).runs[0].results)).not.toContain('RTC201');
  });

  it('--config FILE is used instead of discovery', () => {
    const dir = writeApp(tempDir('rtcscan-config-flag-'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'rtcscan.config.yaml'), 'rules: { RTC201: error }\n');
    writeFileSync(join(dir, 'ci.json'), '{"rules": {"RTC201": "off"}}');
    const r = runCli(['scan', 'src', '--quiet', '--format', 'sarif', '--fail-on', 'none', '--config', 'ci.json'], dir);
    expect(ids(JSON.parse(r.stdout).runs[0].results)).not.toContain('RTC201');
  });
});

describe('config errors: one line naming the file and the field, exit 2', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['bad YAML', 'rtcscan.config.yaml', 'rules: [RTC201\n', /^rtcscan: cannot parse config rtcscan\.config\.yaml: /],
    ['bad JSON', 'rtcscan.config.json', '{"rules": ', /^rtcscan: cannot parse config rtcscan\.config\.json: /],
    ['unknown key', 'rtcscan.config.yaml', 'polcy: {}\n', /^rtcscan: invalid config rtcscan\.config\.yaml: polcy: unknown key$/],
    ['unknown nested key', 'rtcscan.config.yaml', 'policy: { allowEndpoints: [a.com] }\n', /invalid config rtcscan\.config\.yaml: policy\.allowEndpoints: unknown key$/],
    ['bad level', 'rtcscan.config.yaml', 'rules: { RTC201: fatal }\n', /invalid config rtcscan\.config\.yaml: rules\.RTC201: .*"off"/],
    ['bad policy level', 'rtcscan.config.yaml', 'policy: { deniedJurisdictions: { PRC: high } }\n', /invalid config rtcscan\.config\.yaml: policy\.deniedJurisdictions/],
    ['unknown rule id', 'rtcscan.config.yaml', 'rules: { RTC999: off }\n', /invalid config rtcscan\.config\.yaml: rules\.RTC999: unknown rule id/],
    ['unknown vendor id', 'rtcscan.config.yaml', 'policy: { deniedVendors: [agoraa] }\n', /invalid config rtcscan\.config\.yaml: policy\.deniedVendors\.agoraa: unknown vendor id/],
    ['lower-case jurisdiction', 'rtcscan.config.yaml', 'policy: { deniedJurisdictions: [prc] }\n', /policy\.deniedJurisdictions\.prc: expected an ISO 3166/],
    ['bad endpoint', 'rtcscan.config.yaml', 'policy: { allowedEndpoints: ["https://a.com/"] }\n', /policy\.allowedEndpoints\.0: expected a host/],
    ['bad size', 'rtcscan.config.yaml', 'limits: { maxEntrySize: lots }\n', /limits\.maxEntrySize: expected a size/],
    ['bad fingerprint', 'rtcscan.config.yaml', 'suppressions: [{ fingerprint: abc, justification: x }]\n', /suppressions\.0\.fingerprint: expected the 32 hex digits/],
    ['missing justification', 'rtcscan.config.yaml', `suppressions: [{ fingerprint: ${'a'.repeat(32)} }]\n`, /suppressions\.0\.justification: /],
    ['contradiction', 'rtcscan.config.yaml', 'rules: { RTC304: error }\npolicy: { requireMediaEncryption: false }\n', /policy\.requireMediaEncryption: contradicts rules\.RTC304/],
  ];
  for (const [name, file, text, message] of cases) {
    it(name, () => {
      const s = scanWith(text, [], file);
      expect(s.run.code).toBe(2);
      expect(s.run.stderr.trim().split('\n')).toHaveLength(1);
      expect(s.run.stderr.trim()).toMatch(message);
    });
  }

  it('two config files in one folder', () => {
    const dir = writeApp(tempDir('rtcscan-config-two-'));
    writeFileSync(join(dir, 'rtcscan.config.yaml'), '{}\n');
    writeFileSync(join(dir, 'rtcscan.config.json'), '{}');
    const r = runCli(['scan', 'src', '--quiet'], dir);
    expect([r.code, r.stderr.trim()]).toEqual([2, expect.stringMatching(/found both rtcscan\.config\.json and rtcscan\.config\.yaml; keep one$/)]);
  });

  it('--config naming a missing file', () => {
    const dir = writeApp(tempDir('rtcscan-config-missing-'));
    const r = runCli(['scan', 'src', '--quiet', '--config', 'nope.yaml'], dir);
    expect([r.code, r.stderr.trim()]).toEqual([2, 'rtcscan: cannot read config nope.yaml: no such file']);
  });
});
