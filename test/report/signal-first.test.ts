// Signal first, on the committed samples scanned in-process: hosts in a vendor's own code become one RTC201 per
// vendor per artifact, one RTC101 per vendor per bundle, and no error or warning is lost by grouping.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack, type RulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { levelOf } from '../../scanner/report/text.js';
import { toSarif } from '../../scanner/report/sarif.js';
import { residencyCheck } from '../../scanner/checks/residency.js';
import { credentialsCheck } from '../../scanner/checks/credentials.js';
import { runChecks, facts } from '../checks/harness.js';
import type { ApiCallFact } from '../../scanner/core/facts.js';

const ROOT = join(import.meta.dirname, '../..');
const pack = defaultRulePack();
/** The same rules with grouping switched off: every host reported one by one, as before. */
const ungroupedPack: RulePack = { ...pack, checkById: new Map([...pack.checkById].map(([id, c]) => [id, { ...c, inVendorCode: 'report' as const }])) };

async function findings(input: string, rules: RulePack): Promise<Finding[]> {
  const r = await scan({ inputs: [join(ROOT, input)], rules, cwd: ROOT, workers: 0 });
  return r.bundles.flatMap((b) => b.findings);
}

const SAMPLES = ['samples/web/dist', 'samples/android/club.apk', 'samples/ios/Club.ipa'];
const hostsOf = (list: Finding[]) =>
  new Set(list.flatMap((f) => (f.properties.vendorCode ? (f.properties.hosts as string[]) : ['RTC201', 'RTC202', 'RTC204'].includes(f.ruleId) ? [String(f.properties.host)] : [])));

describe.each(SAMPLES)('%s', (input) => {
  let grouped: Finding[];
  let ungrouped: Finding[];
  it('scans with and without grouping', async () => {
    [grouped, ungrouped] = await Promise.all([findings(input, pack), findings(input, ungroupedPack)]);
    expect(grouped.length).toBeGreaterThan(0);
  }, 240_000);

  it('keeps every error and warning exactly', () => {
    const serious = (list: Finding[], rules: RulePack) =>
      list.filter((f) => levelOf(f, rules) !== 'note').map((f) => `${levelOf(f, rules)} ${f.ruleId} ${f.location.artifact} ${f.message}`).sort();
    const before = serious(ungrouped, ungroupedPack);
    expect(before.length).toBeGreaterThan(0);
    expect(serious(grouped, pack)).toEqual(before);
  });

  it('lists every host it no longer reports one by one', () => {
    expect(hostsOf(grouped)).toEqual(hostsOf(ungrouped));
    for (const f of grouped.filter((x) => x.properties.vendorCode)) {
      expect(f.ruleId).toBe('RTC201');
      expect(f.related?.length).toBe((f.properties.hosts as string[]).length);
    }
    const groups = grouped.filter((f) => f.properties.vendorCode).map((f) => `${f.location.artifact}|${f.properties.vendor}`);
    expect(new Set(groups).size).toBe(groups.length);
  });

  it('reports one RTC101 per vendor per bundle, with its other evidence as related locations', () => {
    const sdks = grouped.filter((f) => f.ruleId === 'RTC101').map((f) => f.properties.vendor);
    expect(sdks.length).toBeGreaterThan(0);
    expect(new Set(sdks).size).toBe(sdks.length);
    const agora = grouped.find((f) => f.ruleId === 'RTC101' && f.properties.vendor === 'agora')!;
    // Every artifact that carries the SDK (framework binary, its Info.plist, the app binary, the JS bundle) is a
    // location of the one result.
    const artifacts = new Set([agora.location.artifact, ...(agora.related ?? []).map((l) => l.artifact)]);
    expect(artifacts.size).toBe(agora.properties.artifacts);
    if (!input.startsWith('samples/web')) expect(artifacts.size).toBeGreaterThan(1);
  });

  it('never gives a protocol a country', () => {
    for (const f of grouped) {
      expect(f.message).not.toMatch(/\(ZZ\)|jurisdiction ZZ/);
      if (f.properties.vendor === 'webrtc') expect(f.properties.country ?? f.properties.jurisdiction).toBeUndefined();
    }
  });
});

describe('result counts (SARIF) on the samples', () => {
  it('a single-SDK web bundle gives at most 25 results; the Android RTC501 carries the Android fix', async () => {
    const web = await scan({ inputs: [join(ROOT, 'samples/web/dist')], rules: pack, cwd: ROOT, workers: 0 });
    const sarif = toSarif(web, { rules: pack, category: 'test/' });
    const results = sarif.runs.flatMap((r) => r.results ?? []);
    expect(results.length).toBeLessThanOrEqual(25);
    const vendorHosts = results.find((r: any) => r.ruleId === 'RTC201' && r.properties?.vendorCode) as any;
    expect(vendorHosts.properties.hosts.length).toBeGreaterThan(100);
    // Every host, plus the shipped-bundle position of a source-mapped result.
    const listed = vendorHosts.relatedLocations.filter((l: any) => l.message?.text !== 'position in the shipped bundle');
    expect(listed.length).toBe(vendorHosts.properties.hosts.length);

    const webFix = (await findings('samples/web/dist', pack)).find((f) => f.ruleId === 'RTC501')!;
    const androidFix = (await findings('samples/android/club.apk', pack)).find((f) => f.ruleId === 'RTC501')!;
    expect(webFix.message).toContain('AgoraRTC.setArea');
    expect(androidFix.message).not.toContain('AgoraRTC.setArea');
    expect(androidFix.message).toContain('RtcEngineConfig.mAreaCode');
  }, 240_000);
});

describe('one masking in every message', () => {
  it('a mainland TRTC SDKAppID is masked in RTC501 exactly as RTC401 masks it', () => {
    const enter: ApiCallFact = {
      vendor: 'tencent-trtc',
      api: 'web-enter-room',
      kind: 'join',
      callee: 'trtc.enterRoom',
      inVendorCode: false,
      args: { config: { kind: 'object', props: { sdkAppId: { kind: 'number', value: 1400188366 }, userId: { kind: 'string', value: 'u1' }, roomId: { kind: 'number', value: 8 } } } },
      line: 3,
    };
    const found = runChecks([residencyCheck, credentialsCheck], [facts('a.js', 'js', { apiCalls: [enter] })]);
    const residency = found.find((f) => f.ruleId === 'RTC501');
    const appId = found.find((f) => f.ruleId === 'RTC401');
    expect(residency, JSON.stringify(found.map((f) => f.ruleId))).toBeDefined();
    expect(appId).toBeDefined();
    for (const f of found) expect(f.message).not.toContain('1400188366');
    const masked = /\b1400…\d{4}|\b14…\d+/.exec(appId!.message)?.[0];
    expect(masked).toBeDefined();
    expect(residency!.message).toContain(masked!);
  });
});
