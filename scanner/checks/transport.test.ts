import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Facts } from '../core/facts.js';
import type { Finding } from '../core/finding.js';
import { axmlReader, xmlReader } from '../formats/axml/index.js';
import { plistReader } from '../formats/plist/index.js';
import type { FormatReader } from '../formats/reader.js';
import { defaultRulePack } from '../rules/pack.js';
import { transportCheck } from './transport.js';

const rules = defaultRulePack();
const ctx = { rules, maxStrings: 100_000 };
const AX = 'test/fixtures/axml';
const PL = 'test/fixtures/plist';

function read(reader: FormatReader, file: string, artifact: string): Facts {
  return reader.read(readFileSync(file), artifact, ctx) as Facts;
}

function run(...artifacts: Facts[]): Finding[] {
  const findings: Finding[] = [];
  const visitor = transportCheck.create({ rules, showSecrets: false, report: (f) => findings.push(f), notify: () => {} });
  for (const a of artifacts) visitor.artifact?.(a);
  visitor.end?.();
  return findings;
}

const byIdentity = (fs: Finding[]) => new Map(fs.map((f) => [f.identity, f]));

const apk = () => [
  read(axmlReader, `${AX}/out/AndroidManifest.xml`, 'club.apk!/AndroidManifest.xml'),
  read(axmlReader, `${AX}/out/res/xml/network_security_config.xml`, 'club.apk!/res/xml/network_security_config.xml'),
];
const sources = () => [
  read(xmlReader, `${AX}/app/AndroidManifest.xml`, 'app/src/main/AndroidManifest.xml'),
  read(xmlReader, `${AX}/app/res/xml/network_security_config.xml`, 'app/src/main/res/xml/network_security_config.xml'),
];

describe('transportCheck on iOS Info.plist fixtures', () => {
  const ipa = () => read(plistReader, `${PL}/Info.plist`, 'club.ipa!/Payload/Club.app/Info.plist');

  it('reports ATS switched off, noting that iOS 10+ ignores it next to the web-content key', () => {
    const f = byIdentity(run(ipa()));
    const all = f.get('ats|NSAllowsArbitraryLoads')!;
    expect(all.ruleId).toBe('RTC311');
    expect(all.message).toMatch(/NSAllowsArbitraryLoads = true/);
    expect(all.message).toMatch(/iOS 10 and later ignore it because NSAllowsArbitraryLoadsInWebContent/);
    expect(all.location.line).toBe(36);
    expect(f.get('ats|NSAllowsArbitraryLoadsInWebContent')!.message).toMatch(/web views/);
  });

  it('reports insecure exception domains, as errors with jurisdiction for vendor domains', () => {
    const f = byIdentity(run(ipa()));
    const agora = f.get('ats-exception|agora.io|NSExceptionAllowsInsecureHTTPLoads')!;
    expect(agora).toMatchObject({
      ruleId: 'RTC312',
      level: 'error',
      properties: { category: 'platform-policy', vendor: 'agora', host: 'agora.io' },
    });
    expect(agora.message).toMatch(/agora\.io and its subdomains, which is Agora's domain \(headquarters Shanghai \(CN\); subject to PRC law\)/);
    const tls = f.get('ats-exception|api.example.com|NSExceptionMinimumTLSVersion')!;
    expect(tls.level).toBeUndefined();
    expect(tls.properties.vendor).toBeUndefined();
    expect(tls.message).toMatch(/accepts TLSv1\.0 \(below TLS 1\.2\) for api\.example\.com\./);
    expect([...f.keys()].some((k) => k.includes('secure.example.com'))).toBe(false);
    expect(f.size).toBe(4);
  });

  it('gives the same identities for the binary plist, and ignores framework plists', () => {
    const binary = read(plistReader, `${PL}/Info.binary.plist`, 'club.ipa!/Payload/Club.app/Info.plist');
    expect([...byIdentity(run(binary)).keys()].sort()).toEqual([...byIdentity(run(ipa())).keys()].sort());
    const framework = read(plistReader, `${PL}/Info.plist`, 'club.ipa!/Payload/Club.app/Frameworks/AgoraRtcKit.framework/Info.plist');
    expect(run(framework)).toEqual([]);
  });
});

describe('transportCheck on Android fixtures', () => {
  it('reports the manifest flag, the base-config and cleartext domains of the compiled APK', () => {
    const findings = run(...apk());
    const f = byIdentity(findings);
    expect([...f.keys()].sort()).toEqual([
      'android|usesCleartextTraffic',
      'nsc|base-config|cleartext',
      'nsc|domain-config|agora.io',
      'nsc|domain-config|api.example.com',
    ]);
    expect(findings.every((x) => x.ruleId === 'RTC313' && x.properties.category === 'platform-policy')).toBe(true);
    expect(f.get('android|usesCleartextTraffic')!.message).toMatch(/Android 7\.0 and later ignore it because android:networkSecurityConfig/);
    const agora = f.get('nsc|domain-config|agora.io')!;
    expect(agora).toMatchObject({ level: 'error', properties: { vendor: 'agora', host: 'agora.io' } });
    expect(agora.message).toMatch(/agora\.io and its subdomains, which is Agora's domain .*PRC law/);
    expect(agora.related![0]!.offset).toBeTypeOf('number');
    expect(f.get('nsc|domain-config|api.example.com')!.level).toBeUndefined();
  });

  it('reports the same findings from text sources, so identities carry no offsets or lines', () => {
    const bin = run(...apk());
    const text = run(...sources());
    expect(text.map((x) => x.identity).sort()).toEqual(bin.map((x) => x.identity).sort());
    expect(text.every((x) => x.location.line !== undefined)).toBe(true);
    expect(bin.every((x) => x.location.offset !== undefined)).toBe(true);
  });

  it('reports the same findings for the App Bundle (protobuf XML) build', () => {
    const aab = run(
      read(axmlReader, `${AX}/proto/AndroidManifest.xml`, 'club.aab!/base/manifest/AndroidManifest.xml'),
      read(axmlReader, `${AX}/proto/res/xml/network_security_config.xml`, 'club.aab!/base/res/xml/network_security_config.xml'),
    );
    expect(aab.map((x) => x.identity).sort()).toEqual(run(...apk()).map((x) => x.identity).sort());
  });

  it('reports cleartext by default for targetSdk < 28 without usesCleartextTraffic', () => {
    const legacy = read(axmlReader, `${AX}/legacy/AndroidManifest.bin`, 'legacy.apk!/AndroidManifest.xml');
    const [finding, ...rest] = run(legacy);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'RTC313', identity: 'android|default-cleartext' });
    expect(finding!.message).toMatch(/targetSdkVersion 27 and no android:usesCleartextTraffic.*by default/);
    expect(legacy.config.find((c) => c.offset === finding!.location.offset)!.key).toBe(
      'manifest/uses-sdk/@android:targetSdkVersion',
    );
    // a network security config whose base-config decides cleartext overrides the targetSdk default
    const nsc = apk()[1]!;
    expect(run(legacy, nsc).map((x) => x.identity)).not.toContain('android|default-cleartext');
  });

  it('only reports rule ids it declares and the rule pack defines', () => {
    const all = [...run(...apk()), ...run(read(plistReader, `${PL}/Info.plist`, 'Payload/Club.app/Info.plist'))];
    for (const f of all) {
      expect(transportCheck.reports).toContain(f.ruleId);
      expect(rules.checkById.get(f.ruleId)?.category).toBe('platform-policy');
    }
  });
});
