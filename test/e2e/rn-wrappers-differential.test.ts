// Differential on other vendors' React Native wrappers (not Agora): small apps written in the style of each vendor's
// README / example app on the real npm packages (devDependencies trtc-react-native, zego-express-engine-reactnative,
// @100mslive/react-native-hms, @sendbird/calls-react-native), built by the React Native release toolchain (Metro +
// @react-native/babel-preset + hermesc; test/fixtures/rn-wrappers/build.mjs). The same findings — rule, vendor, API,
// argument roles with the kind of their value, the cleartext flow — from the JS source, the minified Metro bundle and
// the Hermes bytecode (and, for the two whose sessions start after an await, the v90 bytecode of react-native 0.71's
// hermesc: native generator instructions); none from inside the wrapper (its own bridge calls into the native module).
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

function findings(input: string): any[] {
  const r = runCli(['scan', input, '--format', 'json', '--fail-on', 'none', '--quiet'], ROOT);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).bundles.flatMap((b: any) => b.findings);
}

/** rule, vendor, API id and each argument role with the kind of its value; cleartext flows by URL shape. */
function signature(fs: any[]): string[] {
  const out = new Set<string>();
  for (const f of fs) {
    if (['RTC101', 'RTC201', 'RTC202', 'RTC302'].includes(f.ruleId)) continue;
    if (f.ruleId === 'RTC301') {
      out.add(`RTC301 ${(/\((https?:[^)]*)\)/.exec(f.message)?.[1] ?? '?').replace(/\$\{[^}]*\}/g, '${}')}`);
      continue;
    }
    const roles = [...(f.message as string).matchAll(/\b(appId|appSecret|token|channel|uid)=("[^"]*"|null|\d+(?:…\d+)?|<[^,)]*>|[^,)\s]+)/g)]
      .map(([, role, v]) => `${role}:${v === 'null' ? 'null' : /^("|\d)/.test(v!) ? 'literal' : 'unknown'}`)
      .sort()
      .join(',');
    out.add([f.ruleId, f.properties.vendor ?? '-', f.properties.api ?? '-', roles].filter(Boolean).join(' '));
  }
  return [...out].sort();
}

const scanned = new Map<string, Record<'source' | 'js' | 'hbc', any[]>>();
function forms(app: string): Record<'source' | 'js' | 'hbc', any[]> {
  let f = scanned.get(app);
  if (!f) {
    f = {
      source: findings(`test/fixtures/rn-wrappers/${app}/src`),
      js: findings(`test/fixtures/rn-wrappers/${app}/metro/index.android.bundle`),
      hbc: findings(`test/fixtures/rn-wrappers/${app}/metro/app.hbc`),
    };
    scanned.set(app, f);
  }
  return f;
}
const CLEARTEXT = 'RTC301 http://api.example.com/v1/presence?uid=${}';

describe('other vendors\' React Native wrappers through Metro + Hermes: the findings of the JS source', () => {
  it('trtc-react-native: TRTCCloud.sharedInstance().enterRoom(new TRTCParams({sdkAppId, userId, userSig, roomId}), scene)', () => {
    const { source, js, hbc } = forms('trtc');
    const want = [
      'RTC102 tencent-trtc rn-enter-room appId:literal,channel:unknown,token:unknown,uid:unknown',
      CLEARTEXT,
      'RTC304 tencent-trtc rn-enter-room appId:literal,channel:unknown,token:unknown,uid:unknown',
      'RTC401 tencent-trtc -',
    ];
    expect(signature(source)).toEqual(want);
    expect(signature(js)).toEqual(want);
    expect(signature(hbc)).toEqual(want);
    for (const fs of [js, hbc]) expect(fs.filter((f) => f.ruleId === 'RTC101').map((f) => f.properties.vendor)).toEqual(['tencent-trtc']);
    // The SDKAppID is masked in every form.
    expect(JSON.stringify(hbc)).not.toContain('1400188366');
  });

  it('zego-express-engine-reactnative: createEngineWithProfile({appID, appSign}) and instance().loginRoom(roomID, {userID})', () => {
    const { source, js, hbc } = forms('zego');
    const want = [
      'RTC102 zegocloud rn-create-engine appId:literal,appSecret:literal',
      'RTC102 zegocloud rn-login-room channel:unknown,uid:unknown',
      CLEARTEXT,
      'RTC304 zegocloud rn-login-room channel:unknown,uid:unknown',
      'RTC401 zegocloud -',
      'RTC402 zegocloud -',
      'RTC501 zegocloud rn-create-engine',
    ];
    expect(signature(source)).toEqual(want);
    expect(signature(js)).toEqual(want);
    expect(signature(hbc)).toEqual(want);
  });

  it('@sendbird/calls-react-native: SendbirdCalls.initialize / authenticate / dial; fetchRoomById(…).enter()', () => {
    const { source, js, hbc } = forms('sendbird');
    const want = [
      'RTC102 sendbird-calls rn-dial uid:unknown',
      'RTC102 sendbird-calls rn-initialize appId:literal',
      'RTC102 sendbird-calls rn-room-enter',
      'RTC102 sendbird-calls web-authenticate token:unknown,uid:unknown', // the web rule, with the RN receiver added
      CLEARTEXT,
      'RTC401 sendbird-calls -',
    ];
    expect(signature(source)).toEqual(want);
    expect(signature(js)).toEqual(want);
    // `room.enter()` on the awaited fetchRoomById() result: in bytecode the awaited value is what the generator's
    // suspension handed out (scanner/formats/hermes/suspensions.ts) — hermesc's lowered generators (v99) and the
    // native generator instructions of react-native 0.71's hermesc (v90).
    expect(signature(hbc)).toEqual(want);
    expect(signature(findings('test/fixtures/rn-wrappers/sendbird/metro/app.v90.hbc'))).toEqual(want);
  });

  it('@100mslive/react-native-hms: (await HMSSDK.build()).join(new HMSConfig({authToken, username}))', () => {
    const { source, js, hbc } = forms('hms');
    const want = ['RTC102 hms rn-join token:unknown,uid:unknown', CLEARTEXT];
    expect(signature(source)).toEqual(want);
    expect(signature(js)).toEqual(want);
    // The join is on the awaited build() result (as above), and the token is the awaited value it handed out.
    expect(signature(hbc)).toEqual(want);
    expect(hbc.some((f) => f.ruleId === 'RTC101' && f.properties.vendor === 'hms')).toBe(true);
    const join = hbc.find((f) => f.ruleId === 'RTC102' && f.properties.api === 'rn-join');
    expect(join.message).toMatch(/via @100mslive\/react-native-hms\.HMSSDK\.build\(\)\.join\(/);
    expect(join.message).toMatch(/token=@100mslive\/react-native-hms\.HMSSDK\.bu/);
    const v90 = findings('test/fixtures/rn-wrappers/hms/metro/app.v90.hbc');
    expect(signature(v90)).toEqual(want);
    expect(v90.find((f) => f.ruleId === 'RTC102').message).toMatch(/via @100mslive\/react-native-hms\.HMSSDK\.build\(\)\.join\(/);
  });

  it('no session is reported from inside a wrapper: every RTC102 of the compiled forms is in the app\'s own module', () => {
    for (const app of ['trtc', 'zego', 'sendbird', 'hms']) {
      const { js, hbc } = forms(app);
      for (const f of [...js, ...hbc].filter((x) => x.ruleId === 'RTC102')) expect(f.message, `${app}: ${f.message}`).not.toMatch(/NativeModules|nativeModule|binder|TrtcReactNativeSdk|ZegoExpressNativeModule/);
    }
  });
});
