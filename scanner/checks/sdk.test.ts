// RTC101 / RTC102 over hand-built facts with the shipped rule pack: every route, the version sources, and the
// negatives (comments, substrings, vendor-internal calls).
import { describe, it, expect } from 'vitest';
import { sdkCheck } from './sdk.js';
import { runChecks, facts, byRule, rules } from '../../test/checks/harness.js';
import { buildPack } from '../rules/pack.js';
import type { ApiCallFact } from '../core/facts.js';

const APP_ID = '970ca35de60c44645bbae8a215061b33';

function join(over: Partial<ApiCallFact> = {}): ApiCallFact {
  return {
    vendor: 'agora',
    api: 'web-join',
    kind: 'join',
    callee: 'client.join',
    inVendorCode: false,
    args: { appId: { kind: 'string', value: APP_ID }, channel: { kind: 'string', value: 'room-1' }, token: { kind: 'null' }, uid: { kind: 'number', value: 42 } },
    line: 10,
    column: 3,
    ...over,
  };
}

describe('RTC101 RtcSdkBundled', () => {
  it('names every JS route, the version, and locates the strongest evidence', () => {
    const f = runChecks([sdkCheck], [
      facts('web/main.js', 'js', {
        libraries: [{ name: 'agora-rtc-sdk-ng', kind: 'npm', version: '4.24.8', line: 1, column: 1 }],
        strings: [
          { value: 'AgoraRTCException', kind: 'literal', line: 500, column: 9 },
          { value: 'AgoraRTC', kind: 'identifier', line: 2, column: 1 },
          { value: 'v4.24.8-0-gf100be755-dirty(8/31/2026, 4:23:50 PM)', kind: 'literal', line: 501, column: 1 },
        ],
      }),
    ]);
    const sdk = byRule(f, 'RTC101');
    expect(sdk).toHaveLength(1);
    expect(sdk[0]!.properties).toMatchObject({ vendor: 'agora', routes: ['js-package', 'js-marker', 'js-global'], route: 'js-package', version: '4.24.8', category: 'rtc-sdk' });
    expect(sdk[0]!.location).toMatchObject({ artifact: 'web/main.js', line: 1 });
    expect(sdk[0]!.identity).toBe('agora|sdk');
    expect(sdk[0]!.message).toMatch(/Agora RTC SDK 4\.24\.8 is bundled \(vendor jurisdiction CN, PRC\)/);
  });

  it('takes the version from the bundled build string when no package version is known', () => {
    const f = runChecks([sdkCheck], [
      facts('app.js', 'js', { strings: [{ value: 'AgoraRTCException', kind: 'literal' }, { value: 'v4.20.1-0-gabcdef1', kind: 'literal' }] }),
    ]);
    expect(byRule(f, 'RTC101')[0]!.properties).toMatchObject({ version: '4.20.1', routes: ['js-marker'] });
  });

  it('never counts comments, substrings of prose, a global as a plain literal, a bare package-name literal, or a version string alone', () => {
    const f = runChecks([sdkCheck], [
      facts('app.js', 'js', {
        strings: [
          { value: ' We use Agora (AgoraRTC, agora-rtc-sdk-ng, AgoraRTCException) for calls ', kind: 'comment' },
          { value: 'Error: AgoraRTCException thrown by the call screen', kind: 'literal' },
          { value: 'AgoraRTC', kind: 'literal' },
          { value: 'agora-rtc-sdk-ng', kind: 'identifier' },
          { value: 'twilio-video', kind: 'literal' },
          { value: 'v4.24.8-0-gf100be755', kind: 'literal' },
          { value: 'Lio/agora/rtc2/RtcEngine;', kind: 'comment' },
        ],
      }),
    ]);
    expect(f).toEqual([]);
  });

  it('recognises Hermes strings', () => {
    const f = runChecks([sdkCheck], [facts('main.jsbundle', 'hermes', { strings: [{ value: 'AgoraRTCException', kind: 'hermes-string', offset: 900 }] })]);
    expect(byRule(f, 'RTC101')[0]!.properties.routes).toEqual(['hermes-string']);
  });

  it('iOS: linked framework, ObjC class symbol, Swift import; framework Info.plist gives bundle and version', () => {
    const app = facts('club.ipa!/Payload/Club.app/Club', 'macho', {
      libraries: [{ name: '@rpath/AgoraRtcKit.framework/AgoraRtcKit', kind: 'dylib', version: '4.3.0', offset: 2424 }],
      symbols: [{ name: '_OBJC_CLASS_$_AgoraRtcEngineKit', kind: 'import', offset: 67048 }],
      strings: [{ value: '__C.AgoraRtcEngineKit', kind: 'swift-type', offset: 16940 }],
    });
    const plist = facts('club.ipa!/Payload/Club.app/Frameworks/AgoraRtcKit.framework/Info.plist', 'plist', {
      config: [{ key: 'CFBundleIdentifier', value: 'io.agora.AgoraRtcKit', line: 8 }, { key: 'CFBundleShortVersionString', value: '4.3.1', line: 12 }],
    });
    // One result per vendor per bundle: the framework's Info.plist is a related location of the app binary's link.
    const f = byRule(runChecks([sdkCheck], [app, plist]), 'RTC101');
    expect(f).toHaveLength(1);
    expect(f[0]!.properties).toMatchObject({ routes: ['framework-link', 'objc-class', 'framework-bundle'], route: 'framework-link', artifacts: 2 });
    expect(f[0]!.properties.versions).toEqual(expect.arrayContaining(['4.3.0', '4.3.1']));
    expect(f[0]!.location.offset).toBe(2424);
    expect(f[0]!.related?.[0]).toMatchObject({ artifact: plist.artifact });
    // A statically linked SDK leaves only its class names.
    const staticApp = facts('x.ipa!/Payload/X.app/X', 'macho', { symbols: [{ name: 'AgoraRtcEngineKit', kind: 'class', offset: 9 }, { name: 'AgoraRtcEngineKitHelper', kind: 'class', offset: 10 }] });
    expect(byRule(runChecks([sdkCheck], [staticApp]), 'RTC101').map((x) => [x.properties.routes, x.location.offset])).toEqual([[['objc-class'], 9]]);
  });

  it('Android: DEX types, native libraries (file, DT_NEEDED, loadLibrary name), JNI symbols, Maven', () => {
    const dex = facts('club.apk!/classes.dex', 'dex', {
      strings: [
        { value: 'Lio/agora/rtc2/RtcEngine;', kind: 'dex-type', offset: 680 },
        { value: 'agora-rtc-sdk', kind: 'dex-string', offset: 700 },
        { value: 'Lio/agoraphobia/Fear;', kind: 'dex-type', offset: 800 },
      ],
    });
    const so = facts('club.apk!/lib/arm64-v8a/libagora-rtc-sdk.so', 'elf', {
      libraries: [{ name: 'libagora-core.so', kind: 'needed', offset: 997 }],
      symbols: [{ name: 'Java_io_agora_rtc2_internal_RtcEngineImpl_nativeJoinChannel', kind: 'jni', offset: 777 }],
    });
    const gradle = facts('club.apk!/META-INF/deps.txt', 'text', { libraries: [{ name: 'io.agora.rtc:full-sdk:4.3.0', kind: 'maven', line: 3 }] });
    const f = byRule(runChecks([sdkCheck], [dex, so, gradle]), 'RTC101');
    expect(f.map((x) => x.properties.routes)).toEqual([['native-library', 'dex-type', 'jni-symbol', 'maven']]);
    // The strongest evidence leads (the .so's DT_NEEDED); each other artifact's best evidence follows.
    expect(f[0]!.location).toMatchObject({ artifact: so.artifact, offset: 997 });
    expect(new Set(f[0]!.related!.map((l) => l.artifact))).toEqual(new Set([dex.artifact, so.artifact, gradle.artifact]));
    expect(f[0]!.properties.version).toBe('4.3.0');
  });

  it('Android manifest components and iOS pods (pack with a component listed)', () => {
    const base = rules();
    const agora = structuredClone(base.vendorById.get('agora')!);
    agora.sdk.android!.components = ['io.agora.rtc2.ScreenSharingService'];
    const pack = buildPack([agora], base.checks, base.vocabulary);
    const f = runChecks([sdkCheck], [
      facts('club.apk!/AndroidManifest.xml', 'axml', { config: [{ key: 'manifest/application/service/@android:name', value: 'io.agora.rtc2.ScreenSharingService', offset: 40 }] }),
      facts('Podfile.lock', 'text', { libraries: [{ name: 'AgoraRtcEngine_iOS/RtcBasic', kind: 'pod', version: '4.3.0', line: 4 }] }),
    ], { pack });
    expect(f.map((x) => x.properties.routes)).toEqual([['android-manifest', 'pod']]);
  });
});

describe('RTC102 RtcSessionStarted', () => {
  it('reports app-code init/join with resolved, masked arguments and a position-free identity', () => {
    const f = byRule(runChecks([sdkCheck], [facts('app.js', 'js', { apiCalls: [join()] })]), 'RTC102');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe(`App code joins a session with Agora (web-join) via client.join(appId="970c…1b33", channel="room-1", uid=42, token=null).`);
    expect(f[0]!.message).not.toContain(APP_ID);
    expect(f[0]!.location).toMatchObject({ line: 10, column: 3 });
    expect(f[0]!.identity).toMatch(/^agora\|web-join\|appId=#[0-9a-f]{16}\|channel="room-1"\|uid=42\|token=null$/);
    // Rebuilt bundle, same call elsewhere: same identity.
    const moved = byRule(runChecks([sdkCheck], [facts('app.js', 'js', { apiCalls: [join({ line: 9000, column: 1, offset: 123456 })] })]), 'RTC102');
    expect(moved[0]!.identity).toBe(f[0]!.identity);
    const shown = byRule(runChecks([sdkCheck], [facts('app.js', 'js', { apiCalls: [join()] })], { showSecrets: true }), 'RTC102');
    expect(shown[0]!.message).toContain(APP_ID);
  });

  it('ignores vendor-internal calls and non-session kinds', () => {
    const f = runChecks([sdkCheck], [
      facts('app.js', 'js', {
        apiCalls: [join({ inVendorCode: true }), join({ api: 'web-set-encryption-config', kind: 'encryption', callee: 'client.setEncryptionConfig' })],
      }),
    ]);
    expect(byRule(f, 'RTC102')).toEqual([]);
  });

  it('DEX: app calls into vendor classes count, the SDK calling itself does not', () => {
    const f = byRule(runChecks([sdkCheck], [
      facts('club.apk!/classes.dex', 'dex', {
        calls: [
          { caller: 'Lcom/example/club/RoomActivity;->join(Ljava/lang/String;)V', callee: 'Lio/agora/rtc2/RtcEngine;->joinChannel(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;I)I', offset: 1224 },
          { caller: 'Lio/agora/rtc2/internal/RtcEngineImpl;->rejoin()V', callee: 'Lio/agora/rtc2/RtcEngine;->joinChannel(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;I)I', offset: 2000 },
          { caller: 'Lcom/example/club/RoomActivity;->x()V', callee: 'Ljava/util/List;->join(Ljava/lang/String;)V', offset: 2100 },
        ],
      }),
    ]), 'RTC102');
    expect(f).toHaveLength(1);
    expect(f[0]!.properties).toMatchObject({ api: 'android-join-channel', route: 'dex-call', kind: 'join' });
    expect(f[0]!.message).toContain('called from Lcom/example/club/RoomActivity;->join');
  });

  it('iOS: selector names in the app binary are weak evidence; the vendor framework binary is skipped', () => {
    const sel = { value: 'joinChannelByToken:channelId:info:uid:joinSuccess:', kind: 'objc-method' as const, offset: 16832 };
    const f = byRule(runChecks([sdkCheck], [
      facts('club.ipa!/Payload/Club.app/Club', 'macho', { strings: [sel] }),
      facts('club.ipa!/Payload/Club.app/Frameworks/AgoraRtcKit.framework/AgoraRtcKit', 'macho', { strings: [sel] }),
    ]), 'RTC102');
    expect(f).toHaveLength(1);
    expect(f[0]!.properties).toMatchObject({ api: 'ios-join-3x', route: 'objc-selector', weak: true });
    expect(f[0]!.level).toBe('note');
    expect(f[0]!.message).toMatch(/weaker evidence/);
  });

  it('Hermes call sites: only callees on a named global receiver count', () => {
    const f = byRule(runChecks([sdkCheck], [
      facts('main.jsbundle', 'hermes', {
        calls: [
          { caller: 'a', callee: 'globalThis.AgoraRTC.createClient', offset: 10 },
          { caller: 'b', callee: 'Twilio.Video.connect', offset: 20 },
          { caller: 'c', callee: 'join', offset: 30 },
          { caller: 'd', callee: 'joinChannel', offset: 40 },
          { caller: 'e', callee: 'arr.join', offset: 50 },
        ],
      }),
    ]), 'RTC102');
    expect(f.map((x) => [x.properties.vendor, x.properties.api, x.properties.route])).toEqual([
      ['agora', 'web-create-client', 'hermes-call'],
      ['twilio', 'web-connect', 'hermes-call'],
    ]);
  });
});
