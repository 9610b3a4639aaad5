// RTC304 over hand-built facts with the shipped rule pack: concluded over the whole bundle in end().
import { describe, it, expect } from 'vitest';
import { encryptionCheck } from './encryption.js';
import { runChecks, facts, byRule } from '../../test/checks/harness.js';
import type { ApiCallFact, CallRefFact } from '../core/facts.js';

const join: ApiCallFact = {
  vendor: 'agora', api: 'web-join', kind: 'join', callee: 'client.join', inVendorCode: false, line: 12, column: 7,
  args: { appId: { kind: 'unknown', text: 'APP_ID' }, channel: { kind: 'string', value: 'room-1' }, token: { kind: 'null' }, uid: { kind: 'unknown', text: 'user.id' } },
};
const setEnc: ApiCallFact = {
  vendor: 'agora', api: 'web-set-encryption-config', kind: 'encryption', callee: 'client.setEncryptionConfig', inVendorCode: false, line: 11,
  args: { mode: { kind: 'string', value: 'aes-256-gcm2' }, key: { kind: 'unknown', text: 'secret' } },
};
const dexJoin: CallRefFact = { caller: 'Lcom/example/club/RoomActivity;->join(Ljava/lang/String;)V', callee: 'Lio/agora/rtc2/RtcEngine;->joinChannel(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;I)I', offset: 1224 };
const dexEnc: CallRefFact = { caller: 'Lcom/example/club/Crypto;->on(Lio/agora/rtc2/RtcEngine;)V', callee: 'Lio/agora/rtc2/RtcEngine;->enableEncryption(ZLio/agora/rtc2/internal/EncryptionConfig;)I', offset: 3000 };

describe('RTC304 RtcSessionWithoutMediaEncryption', () => {
  it('reports an app join when no artifact calls an encryption API, with jurisdiction and what is exposed', () => {
    const f = runChecks([encryptionCheck], [facts('web/app.js', 'js', { apiCalls: [join] }), facts('web/other.js', 'js')]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'RTC304', location: { artifact: 'web/app.js', line: 12 }, properties: { category: 'no-media-encryption', vendor: 'agora', jurisdiction: 'CN', regime: 'PRC', api: 'web-join' } });
    expect(f[0]!.message).toMatch(/nothing in the bundle calls setEncryptionConfig.*channel name, uid.*visible to Agora \(jurisdiction CN, PRC\).*network path/);
    expect(f[0]!.identity).toBe('agora|web-join|appId=?|channel="room-1"|uid=?|token=null|no-media-encryption');
    // A Web session names the Web/JS encryption APIs, not the native selectors.
    expect(f[0]!.message).not.toContain('enableEncryption:encryptionConfig:');
  });

  it('an encryption call in any artifact of the bundle clears it; one inside vendor code does not', () => {
    expect(runChecks([encryptionCheck], [facts('a.js', 'js', { apiCalls: [join] }), facts('b.js', 'js', { apiCalls: [setEnc] })])).toEqual([]);
    const vendorOnly = runChecks([encryptionCheck], [facts('a.js', 'js', { apiCalls: [join, { ...setEnc, inVendorCode: true }] })]);
    expect(byRule(vendorOnly, 'RTC304')).toHaveLength(1);
  });

  it('vendors without an encryption API in their rules (Twilio) are never reported', () => {
    const tw: ApiCallFact = { vendor: 'twilio', api: 'web-connect', kind: 'join', callee: 'Video.connect', inVendorCode: false, args: { token: { kind: 'unknown', text: 't' } } };
    expect(runChecks([encryptionCheck], [facts('a.js', 'js', { apiCalls: [tw] })])).toEqual([]);
  });

  it('DEX: joinChannel without enableEncryption is reported; an app call to enableEncryption clears it', () => {
    const f = runChecks([encryptionCheck], [facts('club.apk!/classes.dex', 'dex', { calls: [dexJoin] })]);
    expect(f).toHaveLength(1);
    expect(f[0]!.properties).toMatchObject({ route: 'dex-call', api: 'android-join-channel' });
    expect(f[0]!.message).toMatch(/calls enableEncryption, setEncryptionSecret\. /);
    expect(runChecks([encryptionCheck], [facts('club.apk!/classes.dex', 'dex', { calls: [dexJoin] }), facts('club.apk!/classes2.dex', 'dex', { calls: [dexEnc] })])).toEqual([]);
  });

  it('iOS selectors: a join selector without the encryption selector is reported as weak; with it, nothing', () => {
    const joinSel = { value: 'joinChannelByToken:channelId:uid:mediaOptions:joinSuccess:', kind: 'objc-method' as const, offset: 100 };
    const encSel = { value: 'enableEncryption:encryptionConfig:', kind: 'objc-method' as const, offset: 200 };
    const f = runChecks([encryptionCheck], [facts('x.ipa!/Payload/X.app/X', 'macho', { strings: [joinSel] })]);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/selector reference/);
    expect(f[0]!.level).toBe('note');
    // The encryption selector defined by the vendor framework itself does not count.
    const fw = facts('x.ipa!/Payload/X.app/Frameworks/AgoraRtcKit.framework/AgoraRtcKit', 'macho', { strings: [encSel] });
    expect(runChecks([encryptionCheck], [facts('x.ipa!/Payload/X.app/X', 'macho', { strings: [joinSel] }), fw])).toHaveLength(1);
    expect(runChecks([encryptionCheck], [facts('x.ipa!/Payload/X.app/X', 'macho', { strings: [joinSel, encSel] })])).toEqual([]);
  });

  it('one finding per distinct join site; init is the site when no join was seen', () => {
    const init: ApiCallFact = { vendor: 'agora', api: 'web-create-client', kind: 'init', callee: 'AgoraRTC.createClient', inVendorCode: false, args: {} };
    const f = runChecks([encryptionCheck], [facts('a.js', 'js', { apiCalls: [join, { ...join, line: 99 }, { ...join, args: { ...join.args, channel: { kind: 'string', value: 'room-2' } } }, init] })]);
    expect(f.map((x) => x.identity)).toEqual([expect.stringContaining('"room-1"'), expect.stringContaining('"room-2"')]);
    const onlyInit = runChecks([encryptionCheck], [facts('a.js', 'js', { apiCalls: [init] })]);
    expect(onlyInit[0]!.properties.api).toBe('web-create-client');
  });
});
