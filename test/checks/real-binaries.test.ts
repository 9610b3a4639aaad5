// The checks over facts that the real readers extract from the committed, toolchain-built fixtures
// (test/fixtures/{macho,dex,elf,hermes,plist}: see the build scripts there).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Facts } from '../../scanner/core/facts.js';
import type { FormatReader } from '../../scanner/formats/reader.js';
import { machoReader } from '../../scanner/formats/macho/index.js';
import { dexReader } from '../../scanner/formats/dex/index.js';
import { elfReader } from '../../scanner/formats/elf/index.js';
import { hermesReader } from '../../scanner/formats/hermes/index.js';
import { sdkCheck } from '../../scanner/checks/sdk.js';
import { credentialsCheck } from '../../scanner/checks/credentials.js';
import { encryptionCheck } from '../../scanner/checks/encryption.js';
import { residencyCheck } from '../../scanner/checks/residency.js';
import { runChecks, byRule, rules } from './harness.js';

const ALL = [sdkCheck, credentialsCheck, encryptionCheck, residencyCheck];
const fixture = (p: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url)));

async function read(reader: FormatReader, file: string, virtualPath: string): Promise<Facts> {
  return reader.read(fixture(file), virtualPath, { rules: rules(), maxStrings: 100_000 });
}

describe('iOS: clang-built app binary and AgoraRtcKit framework (test/fixtures/macho)', () => {
  it('finds the SDK by link, class and framework bundle; init/join call sites from the code model; RTC304, RTC501, RTC401', async () => {
    const app = await read(machoReader, 'macho/App', 'club.ipa!/Payload/Club.app/Club');
    const fw = await read(machoReader, 'macho/AgoraRtcKit.framework/AgoraRtcKit', 'club.ipa!/Payload/Club.app/Frameworks/AgoraRtcKit.framework/AgoraRtcKit');
    const f = runChecks(ALL, [app, fw]);
    const sdk = byRule(f, 'RTC101');
    // One RTC101 per vendor per bundle: the app binary's link leads, the framework's own evidence is related.
    expect(sdk.map((x) => x.properties.vendor).sort()).toEqual(['agora', 'tencent-trtc']);
    const agoraSdk = sdk.find((x) => x.properties.vendor === 'agora')!;
    expect(agoraSdk.location.artifact).toMatch(/\/Club$/);
    expect(agoraSdk.properties).toMatchObject({ route: 'framework-link', version: '4.3.0', artifacts: 2, routes: expect.arrayContaining(['framework-link', 'objc-class', 'framework-bundle']) });
    expect(agoraSdk.related!.some((l) => l.artifact.endsWith('/AgoraRtcKit'))).toBe(true);
    // The app's sends, read from its arm64 code (facts.code): resolved call sites with their arguments; the
    // framework's own selectors are not app sessions.
    const sessions = byRule(f, 'RTC102');
    expect(sessions.map((x) => x.properties.api)).toEqual(['ios-shared-engine-app-id', 'ios-join-3x']);
    expect(sessions.map((x) => x.location.artifact)).toEqual(['club.ipa!/Payload/Club.app/Club', 'club.ipa!/Payload/Club.app/Club']);
    // 0x4054: the `bl objc_msgSend` of the join in -[RoomViewController joinRoom:uid:] (llvm-objdump agrees).
    expect(sessions[1]).toMatchObject({ location: { offset: 0x4054 }, properties: { route: 'objc-call' } });
    expect(sessions[1]!.properties.weak).toBeFalsy();
    expect(byRule(f, 'RTC304')).toHaveLength(1);
    // setAreaCode: is only in the framework (vendor code), so the default routing applies.
    expect(byRule(f, 'RTC501')[0]!.properties.reason).toBe('sdk-default');
    // The App ID CFString is the appId argument of the sharedEngineWithAppId:delegate: send: now a credential.
    expect(byRule(f, 'RTC401').map((x) => [x.location.artifact, x.location.offset])).toEqual([['club.ipa!/Payload/Club.app/Club', expect.any(Number)]]);
  });
});

describe('Android: smali-built DEX files and NDK-built libraries (test/fixtures/dex, test/fixtures/elf)', () => {
  it('app DEX calls RtcEngine.create/joinChannel: RTC101/102, App ID next to create(), RTC304, RTC501', async () => {
    const app = await read(dexReader, 'dex/classes.dex', 'club.apk!/classes.dex');
    const sdkDex = await read(dexReader, 'dex/classes2.dex', 'club.apk!/classes2.dex');
    const so = await read(elfReader, 'elf/arm64-v8a/libagora-rtc-sdk.so', 'club.apk!/lib/arm64-v8a/libagora-rtc-sdk.so');
    const f = runChecks(ALL, [app, sdkDex, so]);
    const sdk = byRule(f, 'RTC101');
    expect(sdk.map((x) => [x.location.artifact, x.properties.routes, x.properties.artifacts])).toEqual([['club.apk!/lib/arm64-v8a/libagora-rtc-sdk.so', ['native-library', 'dex-type', 'jni-symbol'], 3]]);
    expect(new Set(sdk[0]!.related!.map((l) => l.artifact))).toEqual(new Set(['club.apk!/classes.dex', 'club.apk!/classes2.dex', 'club.apk!/lib/arm64-v8a/libagora-rtc-sdk.so']));
    const sessions = byRule(f, 'RTC102');
    expect(sessions.map((x) => x.properties.api)).toEqual(['android-create', 'android-join-channel']);
    expect(sessions.every((x) => x.location.artifact === 'club.apk!/classes.dex')).toBe(true);
    // The 32-hex string is loaded in the method that calls RtcEngine.create(context, appId, handler).
    const appId = byRule(f, 'RTC401');
    expect(appId).toHaveLength(1);
    // With the DEX code model the App ID is the resolved argument of create(), not a string found near it.
    expect(appId[0]!.message).toMatch(/appId argument of io\/agora\/rtc2\/RtcEngine\.create/);
    expect(byRule(f, 'RTC304').map((x) => x.properties.api)).toEqual(['android-join-channel']);
    expect(byRule(f, 'RTC501').map((x) => x.properties.api)).toEqual(['android-create']);
  });
});

describe('React Native: hermesc-built bytecode (test/fixtures/hermes)', () => {
  it('AgoraRTC.createClient call site: RTC101 via the global, RTC102 hermes-call, RTC304/RTC501 at the init; no credential', async () => {
    for (const v of ['84', '89', '96', '99']) {
      const hbc = await read(hermesReader, `hermes/app-v${v}.hbc`, 'club.ipa!/Payload/Club.app/main.jsbundle');
      // The App ID-shaped literal sits in a function that calls only the app's own stand-in factory.
      expect(hbc.strings.some((s) => s.value === 'a1b2c3d4e5f60718293a4b5c6d7e8f90')).toBe(true);
      // RTC101 is concluded at the end of the bundle; listed first here, as reports sort it.
      const f = runChecks(ALL, [hbc]).sort((a, b) => Number(b.ruleId === 'RTC101') - Number(a.ruleId === 'RTC101'));
      expect(f.map((x) => x.ruleId)).toEqual(['RTC101', 'RTC102', 'RTC304', 'RTC501']);
      expect(f[0]!.properties).toMatchObject({ vendor: 'agora', routes: ['hermes-string'] });
      expect(f[1]!.properties).toMatchObject({ api: 'web-create-client', route: 'hermes-call', kind: 'init' });
      expect(f[1]!.message).toContain('AgoraRTC.createClient(…) in createWebClient');
      expect(f[2]!.location.offset).toBe(f[1]!.location.offset);
      expect(f[3]!.properties.reason).toBe('sdk-default');
      // engine.joinChannel on the app-defined stand-in has no named receiver: not matched by method name alone.
      expect(f.some((x) => String(x.properties.api).includes('join'))).toBe(false);
    }
  });
});
