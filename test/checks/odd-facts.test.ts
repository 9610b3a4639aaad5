// Checks consume facts from readers that may have stopped half-way: odd, truncated or inconsistent facts must
// never make a check throw or report nonsense.
import { describe, it, expect } from 'vitest';
import { sdkCheck } from '../../scanner/checks/sdk.js';
import { credentialsCheck } from '../../scanner/checks/credentials.js';
import { encryptionCheck } from '../../scanner/checks/encryption.js';
import { residencyCheck } from '../../scanner/checks/residency.js';
import type { ApiCallFact, JsValue } from '../../scanner/core/facts.js';
import { runChecks, facts } from './harness.js';

const ALL = [sdkCheck, credentialsCheck, encryptionCheck, residencyCheck];

describe('odd facts', () => {
  it('unknown vendors and api ids, deep objects, huge arrays, truncated DEX and ObjC callees', () => {
    let deep: JsValue = { kind: 'string', value: 'x' };
    for (let i = 0; i < 5000; i++) deep = { kind: 'object', props: { config: deep, areaCode: deep } };
    const big: JsValue = { kind: 'array', items: Array.from({ length: 100_000 }, (_, i) => ({ kind: 'number', value: i }) as JsValue) };
    const odd: ApiCallFact[] = [
      { vendor: 'no-such-vendor', api: 'x', kind: 'join', callee: 'x', inVendorCode: false, args: {} },
      { vendor: 'agora', api: 'no-such-api', kind: 'join', callee: 'c.join', inVendorCode: false, args: { token: { kind: 'null' } } },
      { vendor: 'agora', api: 'rn-initialize', kind: 'init', callee: 'e.initialize', inVendorCode: false, args: { config: deep, area: big } },
      { vendor: 'agora', api: 'web-set-area', kind: 'region', callee: 'AgoraRTC.setArea', inVendorCode: false, args: { area: deep } },
    ];
    const callee = 'Lio/agora/rtc2/RtcEngine;->joinChannel(Ljava/lang/String;)I';
    const calls = Array.from({ length: callee.length }, (_, n) => ({ caller: callee.slice(0, n), callee: callee.slice(0, n) }));
    calls.push({ caller: '', callee: '-[AgoraRtcEngineKit ' }, { caller: '[', callee: '+[ joinChannelByToken:channelId:info:uid:joinSuccess:]' });
    let f: ReturnType<typeof runChecks> = [];
    expect(() => {
      f = runChecks(ALL, [
        facts('a.js', 'js', { apiCalls: odd }),
        facts('club.apk!/classes.dex', 'dex', { calls, strings: [{ value: 'L', kind: 'dex-type' }, { value: '[[[', kind: 'dex-type' }, { value: '', kind: 'objc-class' }] }),
        facts('weird!//.framework/', 'macho', { symbols: [{ name: '_OBJC_CLASS_$_', kind: 'import' }, { name: 'Java_', kind: 'jni' }, { name: '-[', kind: 'method' }] }),
      ]);
    }).not.toThrow();
    // The unknown-api join still counts as an Agora join (RTC102/RTC404); nothing is invented for the rest.
    expect(f.filter((x) => x.properties.vendor === 'no-such-vendor')).toEqual([]);
    expect(f.filter((x) => x.ruleId === 'RTC404').map((x) => x.properties.api)).toEqual(['no-such-api']);
    // Truncated DEX references and a class-less ObjC callee are not sessions.
    expect(f.filter((x) => x.ruleId === 'RTC102').map((x) => x.properties.api).sort()).toEqual(['no-such-api', 'rn-initialize']);
  });
});
