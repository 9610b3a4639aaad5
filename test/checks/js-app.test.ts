// The checks over facts the real JS reader extracts from a small web client (test/checks/fixtures/club-web.js).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsReader } from '../../scanner/formats/js/index.js';
import { sdkCheck } from '../../scanner/checks/sdk.js';
import { credentialsCheck } from '../../scanner/checks/credentials.js';
import { encryptionCheck } from '../../scanner/checks/encryption.js';
import { residencyCheck } from '../../scanner/checks/residency.js';
import { runChecks, byRule, rules } from './harness.js';

const ALL = [sdkCheck, credentialsCheck, encryptionCheck, residencyCheck];

describe('web client read by the JS reader', () => {
  it('reports SDKs, sessions, the App ID, token-less joins and missing encryption; not comments, MD5s or Array#join', async () => {
    const src = readFileSync(fileURLToPath(new URL('./fixtures/club-web.js', import.meta.url)));
    const facts = await jsReader.read(src, 'web/club-web.js', { rules: rules(), maxStrings: 10_000 });
    const f = runChecks(ALL, [facts]);
    const summary = f.map((x) => `${x.ruleId} ${x.properties.vendor} ${x.location.line}`);
    // RTC101 is concluded once per vendor per bundle (after the last artifact), so it comes after the per-call results.
    expect(summary).toEqual([
      'RTC102 agora 9',
      'RTC102 agora 13',
      'RTC102 tencent-trtc 15',
      'RTC101 agora 3',
      'RTC101 tencent-trtc 4',
      'RTC401 agora 13',
      'RTC404 agora 13',
      'RTC401 tencent-trtc 15',
      'RTC404 tencent-trtc 15',
      'RTC304 agora 13',
      'RTC304 tencent-trtc 15',
      'RTC501 tencent-trtc 15',
    ]);
    // setArea excludes China for Agora, so no Agora RTC501; TRTC's SDKAppID 1400000001 is in the mainland range
    // (rules: chinaAppIdRange). The App ID in the comment and the MD5 are not extra findings.
    expect(byRule(f, 'RTC401').map((x) => x.properties.credentialRule)).toEqual(['app-id', 'sdk-app-id']);
    expect(byRule(f, 'RTC102')[1]!.message).toBe(
      `App code joins a session with Agora (web-join) via client.join(appId="970c…1b33", channel='hallway-' + roomId, uid=userId, token=null).`,
    );
    expect(f.every((x) => !x.message.includes('970ca35de60c44645bbae8a215061b33'))).toBe(true);
  });

  it('without the setArea call the SDK default (China included) is reported', async () => {
    const src = readFileSync(fileURLToPath(new URL('./fixtures/club-web.js', import.meta.url)), 'utf8').replace(/AgoraRTC\.setArea\(.*\);/, '');
    const facts = await jsReader.read(Buffer.from(src), 'web/club-web.js', { rules: rules(), maxStrings: 10_000 });
    const f = byRule(runChecks(ALL, [facts]), 'RTC501');
    expect(f.map((x) => [x.properties.vendor, x.properties.reason, x.location.line])).toEqual([
      ['agora', 'sdk-default', 9],
      ['tencent-trtc', 'china-app-id', 15],
    ]);
  });
});
