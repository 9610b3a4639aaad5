// The fourth held-out round's patterns (test/fixtures/heldout4-patterns, made-up values, each folder scanned as a
// folder as the real apps were): Podfile pods as SDK evidence, Objective-C APIs of Volcengine RTC (3.x and current),
// ZEGO and NERtc (an `id<Protocol>` receiver), Agora Electron 3.x, a TRTC secret named `…SECRET_KEY`, and config
// values that are no endpoints (electron-builder timestamp servers, four-part version names).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/heldout4-patterns');
const run = async (dir: string) => (await scan({ inputs: [join(FIX, dir)], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
const of = (f: Finding[], rule: string) => f.filter((x) => x.ruleId === rule);
const session = (f: Finding) => `${f.location?.artifact.split('/').pop()}:${f.location?.line} ${String(f.properties.api)}`;
const hosts = (f: Finding[]) => f.filter((x) => /^RTC20[1-4]$/.test(x.ruleId)).map((x) => String(x.properties.host ?? x.properties.ip)).sort();

describe('held-out round 4: iOS', () => {
  it('a Podfile names the pods an app links: NERtcSDK and VolcEngineRTC are SDK evidence, a commented pod is not', async () => {
    const f = await run('ios-engines');
    const sdks = of(f, 'RTC101').filter((x) => x.location?.artifact.endsWith('Podfile'));
    expect(sdks.map((x) => `${x.properties.vendor}@${x.location?.line}`).sort()).toEqual(['netease-yunxin@3', 'volcengine-rtc@4']);
    expect(sdks.find((x) => x.properties.vendor === 'volcengine-rtc')!.message).toContain('3.50.308');
    expect(of(f, 'RTC101').some((x) => x.properties.vendor === 'tencent-trtc')).toBe(false);
  }, 120_000);

  it('Volcengine 3.x and current, ZEGO loginRoom:user:config:, NERtc through an id<INERtcEngineEx> receiver', async () => {
    const f = await run('ios-engines');
    expect(of(f, 'RTC102').map(session).sort()).toEqual([
      'Engines.m:10 ios-engine-kit-join',
      'Engines.m:16 ios-create-rtc-video',
      'Engines.m:18 ios-join-room',
      'Engines.m:26 ios-login-room-no-callback',
      'Engines.m:38 ios-setup-engine',
      'Engines.m:42 ios-join-channel',
      'Engines.m:5 ios-engine-kit-init',
    ]);
    // createRTCRoom: only makes the room object: not a session of its own.
    expect(of(f, 'RTC102').some((x) => x.properties.api === 'ios-create-rtc-room')).toBe(false);
  }, 120_000);
});

describe('held-out round 4: Agora Electron 3.x', () => {
  it('new AgoraRtcEngine() from the module and from the window global a preload sets; initialize, joinChannel, createChannel().joinChannel', async () => {
    const f = await run('electron-agora3');
    expect(of(f, 'RTC102').map((x) => `${x.location?.artifact.split('/').pop()}:${x.location?.line} ${x.properties.kind}`).sort()).toEqual([
      'call.js:4 init',
      'call.js:5 join',
      'call.js:7 join',
      'meeting.js:4 init',
      'meeting.js:5 join',
    ]);
    const join = of(f, 'RTC102').find((x) => x.location?.artifact.endsWith('meeting.js') && x.location?.line === 5)!;
    expect(join.properties.api).toBe('electron3-join-channel');
    expect(join.message).toContain('channel=room');
  }, 120_000);

  it("electron-builder's timestamp servers are the build machine's, the publish feed is the app's", async () => {
    const f = await run('electron-agora3');
    expect(hosts(f)).toEqual(['updates.classroom-demo.com']);
    expect(of(f, 'RTC302')).toEqual([]);
  }, 120_000);
});

describe('held-out round 4: credentials and config values', () => {
  it('a 64-hex literal bound to TRTC_SECRET_KEY is a TRTC SDKSecretKey (secretKey names a secret)', async () => {
    const f = await run('trtc-secret');
    const secrets = of(f, 'RTC402');
    expect(secrets.map((x) => `${x.location?.artifact.split('/').pop()}:${x.location?.line} ${x.properties.vendor}`)).toEqual(['rtcConfig.ts:4 tencent-trtc']);
    const { roleOfName } = await import('../../scanner/checks/credentials.js');
    expect(roleOfName('TRTC_SECRET_KEY')?.kind).toBe('secret');
    expect(roleOfName('secretKey')?.kind).toBe('secret');
    expect(roleOfName('APP_KEY')?.kind).toBe('identifier');
  }, 120_000);

  it('a four-part versionName is a version, not an IP; an IP URL beside it still is an endpoint', async () => {
    const f = await run('android-build');
    expect(hosts(f)).toEqual(['93.184.216.34']);
  }, 120_000);
});

describe('held-out round 4: module paths and hyperlinks are no endpoints', () => {
  it('Go import paths (a block, an alias, a single import) are module paths; string constants and slice elements stay hosts', async () => {
    const f = await run('go-server');
    expect(hosts(f)).toEqual(['backup.example-voice.com', 'rooms-api.example-voice.com']);
    const { isDependencySourceLine } = await import('../../scanner/formats/text/build-sources.js');
    expect(isDependencySourceLine('store.go', '\t"gorm.io/gorm"')).toBe(true);
    expect(isDependencySourceLine('store.go', '\tdb "gorm.io/driver/mysql"')).toBe(true);
    expect(isDependencySourceLine('store.go', '\t"backup.example-voice.com",')).toBe(false);
    expect(isDependencySourceLine('store.go', 'const u = "https://a.example-voice.com"')).toBe(false);
    expect(isDependencySourceLine('Store.java', '\t"gorm.io/gorm"')).toBe(false);
  }, 120_000);

  it('an <a href> target is where a reader may navigate; an image and a fetch of the same page are requests', async () => {
    const f = await run('ios-privacy');
    expect(hosts(f)).toEqual(['api.example-voice.com', 'cdn.example-voice.com']);
  }, 120_000);
});

describe('held-out round 4: the mini-program <trtc-room> component', () => {
  it("its log tag 'TRTC-ROOM' names Tencent TRTC", async () => {
    const f = await run('miniprogram-trtc-room');
    expect(of(f, 'RTC101').map((x) => `${x.properties.vendor} ${x.location?.artifact.split('/').pop()}`)).toEqual(['tencent-trtc trtc-room.js']);
  }, 120_000);
});

describe('held-out round 4: a plain-JS singleton object', () => {
  it('an engine assigned to Room.rtc after a hundred other references of Room is still the engine', async () => {
    const f = await run('electron-singleton');
    expect(of(f, 'RTC102').map((x) => `${x.location?.line} ${x.properties.kind}`)).toEqual(['58 init', '59 join']);
  }, 120_000);
});
