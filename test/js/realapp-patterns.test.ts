// A small repository as public apps commit theirs (test/fixtures/realapp-patterns, written for these tests in the
// patterns measured by eval/realapps): docs, lockfiles and a dependency under node_modules/ next to the app's code.
// Scanned as one folder, as a CI gate scans a checkout.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';
import { isProseArtifact, libraryPackageOfArtifact } from '../../scanner/core/paths.js';

const DIR = join(ROOT, 'test/fixtures/realapp-patterns');
let findings: Finding[] = [];

beforeAll(async () => {
  const r = await scan({ inputs: [DIR], rules: defaultRulePack(), workers: 0 });
  findings = r.bundles.flatMap((b) => b.findings);
}, 300_000);

const where = (f: Finding) => f.location?.artifact ?? '';
const inFile = (name: string) => findings.filter((f) => where(f).endsWith(name));
const hosts = (ids: RegExp) => findings.filter((f) => ids.test(f.ruleId)).map((f) => String(f.properties?.host));

describe('artifact kinds by path', () => {
  it('node_modules files are library code; app files are not', () => {
    expect(libraryPackageOfArtifact('app/node_modules/@scope/pkg/a.js')).toBe('@scope/pkg');
    expect(libraryPackageOfArtifact('app.asar!/node_modules/x/index.js')).toBe('x');
    expect(libraryPackageOfArtifact('node_modules/.vite/deps/sdk.js')).toBe('.vite');
    expect(libraryPackageOfArtifact('src/my_node_modules/a.js')).toBeUndefined();
    expect(libraryPackageOfArtifact('src/app.js')).toBeUndefined();
  });

  it('documentation and lockfiles are prose; code and config are not', () => {
    for (const p of ['README.md', 'docs/setup.markdown', 'LICENSE', 'LICENSE-MIT', 'a/.gitignore', 'package-lock.json', 'ios/Podfile.lock', 'robots.txt', 'CHANGELOG.txt']) expect(isProseArtifact(p), p).toBe(true);
    for (const p of ['src/readme.js', 'package.json', '.env', 'config.yaml', 'index.html', 'licenses.ts']) expect(isProseArtifact(p), p).toBe(false);
  });
});

describe('documentation, lockfiles and manifests name no endpoint of the app', () => {
  it('no host from README, .gitignore, package-lock.json or package.json metadata', () => {
    const all = hosts(/^RTC20[1-4]$/);
    for (const h of ['docs.example-hosting.net', 'old-wiki.example-team.org', 'example-tools.org', 'registry.example-npm-mirror.org', 'donate.example-funding.org']) expect(all).not.toContain(h);
    // The only cleartext endpoint is the Swift code's own URL literal (native/CallView.swift:7), none from prose.
    expect(findings.filter((f) => f.ruleId === 'RTC302').map((f) => `${where(f).split('realapp-patterns/')[1]}:${f.location?.line}`)).toEqual(['native/CallView.swift:7']);
  });

  it('no host from whole-line comments of Swift and HTML, a JSON $schema, or a module specifier', () => {
    const all = hosts(/^RTC20[1-4]$/);
    for (const h of ['developer.example-apple-docs.org', 'licence.example-legal.org', 'docs.example-pwa-guide.org', 'schemas.example-ui-kit.org', 'socket.io']) expect(all).not.toContain(h);
  });

  it('code lines of the same files still give their endpoints', () => {
    const h = findings.filter((f) => f.ruleId === 'RTC202' && f.properties?.host === 'signal.example-rtc-app.net');
    expect(h.map((f) => [where(f).endsWith('native/CallView.swift'), f.location?.line])).toEqual([[true, 7]]);
  });
});

describe('a dependency under node_modules/ is not app code', () => {
  it('its peer connection, cleartext URL and literal App ID give no RTC102, RTC302 or credential', () => {
    const lib = findings.filter((f) => where(f).includes('node_modules/'));
    expect(lib.filter((f) => /^RTC(102|30[1-4]|40[1-4])$/.test(f.ruleId))).toEqual([]);
  });
});

describe('credentials named by role in files that use a vendor', () => {
  it('an App ID constant in a module importing the SDK is RTC401', () => {
    const ids = inFile('src/agora_configuration.js').filter((f) => f.ruleId === 'RTC401');
    expect(ids).toHaveLength(1);
    expect(ids[0]!.properties?.vendor).toBe('agora');
    expect(ids[0]!.message).toContain('5eed');
    expect(ids[0]!.location?.line).toBe(4);
  });

  it('a secret and a Token04 in a module named after the vendor are RTC402 and RTC403', () => {
    const z = inFile('src/zegoConfig.js');
    expect(z.filter((f) => f.ruleId === 'RTC402').map((f) => [f.properties?.vendor, f.location?.line])).toEqual([['zegocloud', 3]]);
    expect(z.filter((f) => f.ruleId === 'RTC403').map((f) => [f.properties?.vendor, f.location?.line])).toEqual([['zegocloud', 4]]);
  });

  it('a room id is not a credential', () => {
    expect(inFile('src/zegoConfig.js').filter((f) => f.location?.line === 5)).toEqual([]);
  });
});

describe('receivers from vendor React hooks', () => {
  it('useCall() → call.join() is a Stream session start', () => {
    const s = inFile('src/MeetingSetup.tsx').filter((f) => f.ruleId === 'RTC102');
    expect(s.map((f) => [f.properties?.vendor, f.properties?.api, f.location?.line])).toEqual([['stream-video', 'web-join', 7]]);
  });

  it('useRoomContext() → room.connect(url, token) is a LiveKit session start', () => {
    const s = inFile('src/RoomControls.tsx').filter((f) => f.ruleId === 'RTC102');
    expect(s.map((f) => [f.properties?.vendor, f.location?.line])).toEqual([['livekit', 5]]);
  });
});

describe('vendors and endpoints', () => {
  it('an SDK loaded from an npm CDN names its vendor', () => {
    const hms = inFile('public/call.html').filter((f) => f.ruleId === 'RTC101');
    expect(hms.map((f) => f.properties?.vendor)).toEqual(['hms']);
  });

  it('a Gradle dependency names the SDK with its version; a buildConfigField App ID is a credential', () => {
    const g = inFile('android/app/build.gradle');
    // One RTC101 per vendor per bundle: the Gradle line is its location or one of its related locations.
    const sdk = findings.filter((f) => f.ruleId === 'RTC101' && f.properties?.vendor === 'agora');
    expect(sdk).toHaveLength(1);
    expect(String(sdk[0]!.properties?.version)).toContain('4.2.6');
    const at = [sdk[0]!.location, ...(sdk[0]!.related ?? [])].filter((l) => l.artifact.endsWith('android/app/build.gradle')).map((l) => l.line);
    expect(at).toEqual([10]);
    expect(g.filter((f) => f.ruleId === 'RTC401').map((f) => [f.properties?.vendor, f.location?.line])).toEqual([['agora', 5]]);
  });

  it('a Twilio Serverless host is a Twilio endpoint', () => {
    const t = findings.filter((f) => f.ruleId === 'RTC201' && f.properties?.host === 'fixture-token-4242.twil.io');
    expect(t.map((f) => f.properties?.vendor)).toEqual(['twilio']);
  });
});
