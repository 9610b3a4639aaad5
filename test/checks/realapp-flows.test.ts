// Cleartext endpoints, credentials and endpoint precision in the patterns of the second round of eval/realapps
// (test/fixtures/realapp-flows, written for these tests with made-up values): a React Native config module naming a
// LAN backend over http, config objects that never call the SDK, Kotlin and Dart source, a Gradle version catalog,
// Firebase config files and build-tool repository lists. Scanned as one folder, as a CI gate scans a checkout.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';

const DIR = join(ROOT, 'test/fixtures/realapp-flows');
let findings: Finding[] = [];

beforeAll(async () => {
  const r = await scan({ inputs: [DIR], rules: defaultRulePack(), workers: 0 });
  findings = r.bundles.flatMap((b) => b.findings);
}, 300_000);

const file = (f: Finding) => (f.location?.artifact ?? '').replace(/^.*realapp-flows\//, '');
const of = (rule: string) => findings.filter((f) => f.ruleId === rule);
const at = (rule: string) => of(rule).map((f) => `${file(f)}:${f.location?.line} ${String(f.properties?.host ?? f.properties?.vendor ?? '')}`).sort();

describe('cleartext endpoints', () => {
  it('a URL to a private-network backend is cleartext too (RTC302 beside RTC204), once per origin and file', () => {
    expect(at('RTC302').filter((x) => x.startsWith('src/'))).toEqual(['src/configs/routes.js:2 192.168.10.20']);
    expect(at('RTC204')).toEqual(['src/configs/routes.js:2 192.168.10.20']);
  });

  it('a string literal of Kotlin or Dart source that is a cleartext URL is a cleartext endpoint', () => {
    expect(at('RTC302').filter((x) => !x.startsWith('src/'))).toEqual([
      'android/app/src/main/java/com/example/rtcflows/TokenUtils.kt:8 203.0.113.7',
      'lib/services/session_signal.dart:5 198.51.100.23',
    ]);
    expect(at('RTC203')).toEqual(['android/app/src/main/java/com/example/rtcflows/TokenUtils.kt:8 203.0.113.7', 'lib/services/session_signal.dart:5 198.51.100.23']);
  });
});

describe('credentials named by role', () => {
  it('an App ID bound to a name that names the vendor, in a module that never imports the SDK', () => {
    const f = of('RTC401').filter((x) => file(x) === 'src/configs/routes.js');
    expect(f.map((x) => [x.properties.vendor, x.location?.line])).toEqual([['agora', 5]]);
    expect(f[0]!.message).toContain('5c0f…5c0f');
  });

  it('a config object of a vendor-named file that calls no SDK API (the prefiltered literal scan keeps bindings)', () => {
    const f = findings.filter((x) => /^RTC40[12]$/.test(x.ruleId) && file(x) === 'src/config/ZegoConfig.js');
    expect(f.map((x) => [x.ruleId, x.properties.vendor, x.location?.line]).sort()).toEqual([['RTC401', 'zegocloud', 2], ['RTC402', 'zegocloud', 4]]);
  });

  it("an App ID in the connection data of Agora's UI kit element (agora-rn-uikit) is reported once, at the session", () => {
    // agora-rn-uikit is an Agora package in the rules: the App ID is the appId role of <AgoraUIKit> (line 13).
    const f = of('RTC401').filter((x) => file(x) === 'src/screens/CallScreen.js');
    expect(f.map((x) => [x.properties.vendor, x.location?.line])).toEqual([['agora', 13]]);
    expect(of('RTC102').filter((x) => file(x) === 'src/screens/CallScreen.js').map((x) => x.properties.api)).toEqual(['uikit-component']);
  });

  it('a Kotlin `const val APP_ID` in a file that names the vendor\'s host', () => {
    const f = of('RTC401').filter((x) => file(x).endsWith('TokenUtils.kt'));
    expect(f.map((x) => [x.properties.vendor, x.location?.line])).toEqual([['agora', 7]]);
  });
});

describe('endpoint precision on build and Firebase files', () => {
  const hosts = () => findings.filter((f) => /^RTC20[1-4]$/.test(f.ruleId)).map((f) => String(f.properties?.host));

  it('dependency repositories of Gradle, Bundler and Buck are build-time, not endpoints of the app', () => {
    for (const h of ['jitpack.io', 'maven.example-repo-mirror.org', 'rubygems.org', 'repo1.maven.org']) expect(hosts()).not.toContain(h);
  });

  it('OAuth client IDs and package/bundle identifiers are not hosts; the Firebase database is', () => {
    expect(hosts().filter((h) => h.endsWith('googleusercontent.com') || h.startsWith('com.example'))).toEqual([]);
    expect(hosts()).toContain('rtcflows-demo-default-rtdb.firebaseio.com');
    expect(hosts()).toContain('service.agora.io');
  });
});

describe('SDKs from a Gradle version catalog', () => {
  it('a catalog library names the vendor, with the version its version.ref resolves to', () => {
    const f = of('RTC101').filter((x) => x.properties.vendor === 'agora');
    expect(f.length).toBe(1);
    expect(JSON.stringify(f[0])).toContain('libs.versions.toml');
    expect(f[0]!.properties.version).toBe('4.5.0');
  });
});
