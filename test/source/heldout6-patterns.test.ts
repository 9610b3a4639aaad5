// The sixth held-out round's patterns (test/fixtures/heldout6-patterns, made-up values, each folder scanned as a
// folder as the real apps were): uni-app native plugins loaded by name (TUICallKit) in .js, .vue and .nvue files,
// ZEGO's web UIKit prebuilt, Flutter TRTC on the sharedInstance singleton.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { isVueSfc } from '../../scanner/formats/js/vue-sfc.js';
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
