// Rule fields that tell calls and regions apart by a value, over facts the real JS reader extracts: argValues
// (generic methods such as TRTC `startPlugin(name, …)`) and chinaAppIdRange (the TRTC SDKAppID decides the region).
import { describe, expect, it } from 'vitest';
import { jsReader } from '../../scanner/formats/js/index.js';
import { encryptionCheck } from '../../scanner/checks/encryption.js';
import { residencyCheck } from '../../scanner/checks/residency.js';
import { runChecks, rules } from './harness.js';
import { apiCallsOf } from '../js/corpus.js';

const read = (code: string) => jsReader.read(Buffer.from(code), 'app.js', { rules: rules(), maxStrings: 10_000 });
const trtcApp = (plugin: string, sdkAppId: string) =>
  [
    "import TRTC from 'trtc-sdk-v5';",
    'const trtc = TRTC.create();',
    `await trtc.startPlugin(${plugin}, { mode: 'udf' });`,
    `await trtc.enterRoom({ sdkAppId: ${sdkAppId}, userId: 'u1', userSig: sig, roomId: 8888 });`,
  ].join('\n');

describe('argValues', () => {
  it('a generic method is the rule API only when its argument resolves to the rule literal', async () => {
    for (const plugin of ["'AudioMixer'", 'pluginName', "'Custom' + 'Encryption'"]) {
      const facts = await read(trtcApp(plugin, '20000001'));
      const apis = apiCallsOf(facts, rules()).map((c) => c.api);
      if (plugin.includes('Custom')) expect(apis, plugin).toContain('web-custom-encryption');
      else expect(apis, plugin).not.toContain('web-custom-encryption');
      // Another plugin does not encrypt media: the session is still reported without encryption.
      const rtc304 = runChecks([encryptionCheck], [facts]).filter((f) => f.ruleId === 'RTC304');
      expect(rtc304.length, plugin).toBe(plugin.includes('Custom') ? 0 : 1);
      if (rtc304.length) expect(rtc304[0]!.message).toContain('nothing in the bundle calls startPlugin("CustomEncryption")');
    }
  });
});

describe('chinaAppIdRange', () => {
  it('a TRTC SDKAppID in the mainland range is the session region setting; outside it or unresolved, nothing', async () => {
    const mainland = runChecks([residencyCheck], [await read(trtcApp("'CustomEncryption'", '1400123456'))]);
    expect(mainland).toHaveLength(1);
    expect(mainland[0]).toMatchObject({ ruleId: 'RTC501', location: { line: 4 }, properties: { vendor: 'tencent-trtc', reason: 'china-app-id', api: 'web-enter-room' } });
    // The SDKAppID is masked as RTC401 masks it (one masking in every message).
    expect(mainland[0]!.message).toContain('is set to 14…56 by trtc.enterRoom, which includes mainland China');
    expect(mainland[0]!.message).not.toContain('1400123456');
    expect(runChecks([residencyCheck], [await read(trtcApp("'CustomEncryption'", '20000001'))])).toEqual([]);
    expect(runChecks([residencyCheck], [await read(trtcApp("'CustomEncryption'", 'config.appId'))])).toEqual([]);
    expect(runChecks([residencyCheck], [await read(trtcApp("'CustomEncryption'", '"1400123456"'))])).toHaveLength(1);
  });
});
