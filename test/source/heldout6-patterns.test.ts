// The sixth held-out round's patterns (test/fixtures/heldout6-patterns, made-up values, each folder scanned as a
// folder as the real apps were): uni-app native plugins loaded by name (TUICallKit) in .js, .vue and .nvue files,
// ZEGO's web UIKit prebuilt, Flutter TRTC on the sharedInstance singleton.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { isVueSfc } from '../../scanner/formats/js/vue-sfc.js';
import { inBase64Payload } from '../../scanner/checks/credentials.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/heldout6-patterns');
const run = async (dir: string) => (await scan({ inputs: [join(FIX, dir)], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
const of = (f: Finding[], rule: string) => f.filter((x) => x.ruleId === rule);
const at = (f: Finding) => `${f.location?.artifact.split('/').pop()}:${f.location?.line}`;
const session = (f: Finding) => `${at(f)} ${String(f.properties.api)}`;

describe('held-out round 6: uni-app TUICallKit native plugin', () => {
  it('.nvue pages are single-file components too', () => {
    expect(isVueSfc('pages/chat/chat.nvue')).toBe(true);
    expect(isVueSfc('a.vue')).toBe(true);
    expect(isVueSfc('a.nvuex')).toBe(false);
  });

  it("uni.requireNativePlugin('TencentCloud-TUICallKit') types its calls as require('pkg') does, in .js, .vue and .nvue", async () => {
    const f = await run('uni-callkit');
    expect(of(f, 'RTC102').map(session).sort()).toEqual([
      'contact.vue:10 uni-tuicallkit-call',
      'group.nvue:12 uni-tuicallkit-group-call',
      'group.nvue:15 uni-tuicallkit-join-in-group-call',
      'store.js:4 uni-tuicallkit-login',
    ]);
    expect(of(f, 'RTC102').every((x) => x.properties.vendor === 'tencent-trtc')).toBe(true);
    // The login's SDKAppID literal is the TRTC App ID.
    expect(of(f, 'RTC401').map((x) => `${at(x)} ${String(x.properties.vendor)}`)).toEqual(['store.js:4 tencent-trtc']);
  }, 120_000);
});

describe('held-out round 6: ZEGO web UIKit prebuilt', () => {
  it('ZegoUIKitPrebuilt.create(kitToken) inits, joinRoom on what it returned joins', async () => {
    const f = await run('web-zego-prebuilt');
    expect(of(f, 'RTC102').map(session).sort()).toEqual(['page.tsx:10 web-prebuilt-create', 'page.tsx:11 web-prebuilt-join-room']);
    expect(of(f, 'RTC102').every((x) => x.properties.vendor === 'zegocloud')).toBe(true);
  }, 120_000);
});

describe('held-out round 6: Flutter TRTC', () => {
  it('enterRoom on a field typed TRTCCloud (assigned from sharedInstance) is the session; sharedInstance is not', async () => {
    const f = await run('flutter-trtc');
    expect(of(f, 'RTC102').map(session)).toEqual(['room_service.dart:13 flutter-enter-room']);
    // `int appId = 0;` reaches enterRoom's sdkAppId: 0 is an App ID not configured yet, not an App ID.
    expect(of(f, 'RTC401')).toEqual([]);
  }, 120_000);
});

describe('held-out round 6: credentials', () => {
  it('a constant of a vendor-less file passed by name as an App ID elsewhere is that vendor\'s; an unused key is not', async () => {
    const f = await run('flutter-credentials');
    const ids = of(f, 'RTC401').map((x) => `${at(x)} ${String(x.properties.vendor)}`).sort();
    expect(ids).toEqual(['settings.dart:2 agora', 'user_sig.dart:4 tencent-trtc']);
    expect(of(f, 'RTC401').find((x) => at(x) === 'settings.dart:2')!.message).toContain('APP_ID, passed to Agora');
  }, 120_000);

  it('a literal alone on the line after `static String secretKey =` is bound to secretKey', async () => {
    const f = await run('flutter-credentials');
    expect(of(f, 'RTC402').map((x) => `${at(x)} ${String(x.properties.vendor)}`)).toEqual(['user_sig.dart:6 tencent-trtc']);
  }, 120_000);

  it("a token's shape inside a data: URI's base64 payload (a font in a stylesheet) is not a token", async () => {
    expect(inBase64Payload('url(data:font/ttf;base64,AAEAAA+04AAAAAxyz', 4)).toBe(false);
    expect(inBase64Payload('url(data:font/ttf;base64,AAEAAA+04AAAAAxyz', 33)).toBe(true);
    expect(inBase64Payload('token = "04AAAAAxyz"; // base64, see docs', 9)).toBe(false);
    const f = await run('data-uri');
    expect(f.filter((x) => /^RTC40[123]$/.test(x.ruleId))).toEqual([]);
  }, 120_000);
});

describe('held-out round 6: uni-app network sinks', () => {
  it('uni.request url and connectSocket + SocketTask.send carry identifiers to a cleartext backend', async () => {
    const f = await run('uni-request');
    // targetId (the other party of the call) is a user's id since the seventeenth session's vocabulary.
    expect(of(f, 'RTC301').map(at).sort()).toEqual(['api.js:11', 'api.js:4', 'api.js:7']);
    expect(of(f, 'RTC301').map((x) => x.message.match(/identifier (\w+)/)?.[1]).sort()).toEqual(['roomId', 'targetId', 'userId']);
    expect(of(f, 'RTC302').map(at).sort()).toEqual(['api.js:10', 'api.js:2']);
  }, 120_000);
});
