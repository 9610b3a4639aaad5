// Vendor APIs of the third (held-out) labelling round's public apps, on source written in their shapes
// (test/fixtures/heldout-patterns, made-up values): ZEGO and 100ms Flutter plugins (static factories, the
// `ZegoExpressEngine.instance` singleton, the prebuilt call widget, an HMSSDK held in a field) and LiveKit Android's
// `LiveKit.create`. Each folder is scanned as a folder, as the real apps were.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/heldout-patterns');
const run = async (dir: string) => (await scan({ inputs: [join(FIX, dir)], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
const of = (f: Finding[], rule: string) => f.filter((x) => x.ruleId === rule);
const session = (f: Finding) => `${f.location?.artifact.split('/').pop()}:${f.location?.line} ${String(f.properties.api)}`;

describe('held-out round: Flutter and Android vendor APIs', () => {
  it('ZEGO Flutter: createEngineWithProfile, loginRoom on the instance singleton, the prebuilt call widget with its roles', async () => {
    const f = await run('flutter-zego');
    expect(of(f, 'RTC102').map(session).sort()).toEqual([
      'call_widget.dart:14 flutter-prebuilt-call',
      'main.dart:22 flutter-login-room',
      'main.dart:8 flutter-create-engine-with-profile',
    ]);
    const widget = of(f, 'RTC102').find((x) => x.properties.api === 'flutter-prebuilt-call')!;
    expect(widget.message).toContain('channel=callID');
    expect(widget.message).toContain('uid=userId');
  }, 120_000);

  it('100ms Flutter: HMSSDK() in a field is the init, join(config:) the session, preview is not one', async () => {
    const f = await run('flutter-hms');
    expect(of(f, 'RTC102').map(session)).toEqual(['room_notifier.dart:7 flutter-sdk', 'room_notifier.dart:13 flutter-join']);
  }, 120_000);

  it('LiveKit Android: LiveKit.create with named arguments types the Room that connects', async () => {
    const f = await run('kotlin-livekit');
    expect(of(f, 'RTC102').map(session)).toEqual(['CallActivity.kt:16 android-create', 'CallActivity.kt:24 android-connect']);
  }, 120_000);
});

describe('held-out round: license notices and build receipts are not endpoints', () => {
  it('CocoaPods acknowledgements and Gradle build receipts are prose', async () => {
    const { isProseArtifact } = await import('../../scanner/core/paths.js');
    for (const p of ['ios/Pods/Target Support Files/Pods-App/Pods-App-acknowledgements.plist', 'App/Settings.bundle/Acknowledgements.plist', 'gradle/wrapper/gradle-wrapper.jar!/build-receipt.properties'])
      expect(isProseArtifact(p), p).toBe(true);
    for (const p of ['App/Info.plist', 'app/src/main/res/raw/settings.properties', 'App/acknowledgementsView.swift']) expect(isProseArtifact(p), p).toBe(false);
  });

  it('a Pods folder: the license text names no host, the app code\'s own http base URL still does', async () => {
    const f = await run('ios-pods');
    const hosts = f.filter((x) => /^RTC20[1-4]$/.test(x.ruleId)).map((x) => String(x.properties.host ?? x.properties.ip));
    expect(hosts).toEqual(['198.51.100.23']);
    expect(of(f, 'RTC302').map((x) => x.location?.artifact.split('/').pop())).toEqual(['Api.swift']);
  }, 120_000);
});

describe('held-out round: a manifest policy is reported where the attribute is', () => {
  it('usesCleartextTraffic nine lines below <application> has its own line; quoted > and reordered attributes do not confuse it', async () => {
    const { attributeOffsets } = await import('../../scanner/formats/axml/text.js');
    const text = ['<manifest xmlns:android="x">', '  <application', '    android:label=\'a > b\'', '    android:icon = "@mipmap/i"', '    android:usesCleartextTraffic="true">', '  </application>', '</manifest>'].join('\n');
    const at = attributeOffsets(text, text.indexOf('<application'));
    const lineOf = (i: number | undefined) => text.slice(0, i).split('\n').length;
    expect([...at.keys()]).toEqual(['android:label', 'android:icon', 'android:usesCleartextTraffic']);
    expect(lineOf(at.get('android:usesCleartextTraffic'))).toBe(5);
    // A start tag of 20,000 attributes is one pass.
    const big = `<a ${Array.from({ length: 20_000 }, (_, i) => `k${i}="v"`).join(' ')}>`;
    const t0 = performance.now();
    expect(attributeOffsets(big, 0).size).toBe(20_000);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('held-out round: credentials by the name a literal is bound to', () => {
  const creds = (f: Finding[]) => f.filter((x) => /^RTC40[123]$/.test(x.ruleId)).map((x) => `${x.ruleId} ${String(x.properties.vendor)} ${x.location?.artifact.split('/').pop()}:${x.location?.line} ${x.message.replace(/^.*? (\S+…\S+) is hardcoded \((.*)\)\.$/, '$1 ($2)')}`);

  it('a numeric App ID beside the vendor\'s AppSign in a constants file that imports nothing', async () => {
    const f = await run('flutter-zego');
    expect(creds(f).filter((x) => x.includes('keys.dart')).sort()).toEqual([
      "RTC401 zegocloud keys.dart:1 12…90 (appId beside ZEGOCLOUD's other credential)",
      'RTC402 zegocloud keys.dart:2 0123…cdef (literal string)',
    ]);
  }, 120_000);

  it('an API key in a file named after the SDK\'s former name (OpenTokConfig.java) is Vonage\'s', async () => {
    const f = await run('android-opentok');
    expect(creds(f)).toEqual(['RTC401 vonage OpenTokConfig.java:5 4a…7d (API_KEY in a file that uses Vonage Video API (OpenTok))']);
  }, 120_000);

  it('another SDK\'s appSecret argument is not an Agora certificate; the Agora App ID argument still is a credential', async () => {
    const f = await run('ios-feedback');
    expect(creds(f)).toEqual(['RTC401 agora RoomViewController.swift:13 0011…eeff (appId argument of AgoraRtcEngineKit.sharedEngineWithAppId:delegate:)']);
  }, 120_000);
});

describe('held-out round: Socket.IO-Client-Swift sinks', () => {
  it('a room id in the socket URL over http is RTC301, inline URL(string:) or a local; https is not', async () => {
    const f = await run('ios-socketio');
    expect(of(f, 'RTC301').map((x) => [x.location?.line, x.properties.identifier, x.properties.host])).toEqual([
      [10, 'roomId', '203.0.113.9'],
      [13, 'roomId', '203.0.113.9'],
    ]);
  }, 120_000);
});

describe('held-out round: trtc-electron-sdk 8.x', () => {
  it('new TRTCCloud() of the default export is the init; the instance it returns enters the room', async () => {
    const f = await run('electron-trtc');
    // Lines 7 and 11 are the same call with the same (no) arguments in two functions: every call site is its own
    // session start (the second's identity carries its occurrence), as an auditor must see both.
    expect(of(f, 'RTC102').map(session)).toEqual(['store.js:7 electron-new-cloud', 'store.js:11 electron-new-cloud', 'store.js:17 electron-enter-room']);
  }, 120_000);
});

describe('held-out round: what a Socket.IO-Client-Swift socket emits and Alamofire parameters', () => {
  it('ids in emit items and Alamofire parameters over http are RTC301, one per event; https and id-less emits are not', async () => {
    const f = await run('ios-socketio-emit');
    const flows = of(f, 'RTC301').map((x) => [x.location?.line, x.properties.identifier, x.properties.sink, x.properties.host]);
    expect(flows).toEqual([
      [12, 'deviceId', 'socket.io', '203.0.113.40'],
      [22, 'deviceid', 'socket.io', '203.0.113.40'],
      [26, 'User.ID', 'socket.io', '203.0.113.40'],
      [33, 'deviceid', 'socket.io', '203.0.113.40'],
      [49, 'deviceid', 'alamofire', '203.0.113.40'],
    ]);
    expect(of(f, 'RTC301').find((x) => x.location?.line === 26)!.message).toContain('socket.io event "login"');
  }, 120_000);
});

describe('held-out round: a cookie property is not a request', () => {
  it('an http originURL/commentURL of a cookie is no cleartext endpoint; the page the web view loads from that host is', async () => {
    const f = await run('ios-cookie');
    expect(of(f, 'RTC302').map((x) => [x.location?.line, x.properties.url])).toEqual([[20, 'http://198.51.100.60/h5/coupon.html']]);
    // The hosts are still endpoints the app names.
    expect(of(f, 'RTC203').map((x) => x.properties.ip ?? x.properties.host).sort()).toEqual(['198.51.100.60', '198.51.100.61']);
  }, 120_000);
});
