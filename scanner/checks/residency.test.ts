// RTC501 over hand-built facts with the shipped rule pack, plus the area classifier on the rules' own values.
import { describe, it, expect } from 'vitest';
import { residencyCheck, classifyArea } from './residency.js';
import { runChecks, facts, rules } from '../../test/checks/harness.js';
import type { ApiCallFact, JsValue } from '../core/facts.js';

const s = (value: string): JsValue => ({ kind: 'string', value });
const n = (value: number): JsValue => ({ kind: 'number', value });
const u = (text: string): JsValue => ({ kind: 'unknown', text });

const createClient: ApiCallFact = { vendor: 'agora', api: 'web-create-client', kind: 'init', callee: 'AgoraRTC.createClient', inVendorCode: false, args: { config: { kind: 'object', props: { mode: s('rtc'), codec: s('vp8') } } }, line: 3 };
const join: ApiCallFact = { vendor: 'agora', api: 'web-join', kind: 'join', callee: 'client.join', inVendorCode: false, args: { channel: s('r') }, line: 4 };
const setArea = (area: JsValue): ApiCallFact => ({ vendor: 'agora', api: 'web-set-area', kind: 'region', callee: 'AgoraRTC.setArea', inVendorCode: false, args: { area }, line: 2 });
const rnInit = (area?: JsValue): ApiCallFact => ({ vendor: 'agora', api: 'rn-initialize', kind: 'init', callee: 'engine.initialize', inVendorCode: false, args: area ? { appId: u('APP_ID'), area } : { appId: u('APP_ID') }, line: 7 });

describe('RTC501 DataResidencyIncludesChina', () => {
  it('no region setting: the SDK default includes China; one finding at the init, naming the fix', () => {
    const f = runChecks([residencyCheck], [facts('a.js', 'js', { apiCalls: [join, createClient] })]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'RTC501', location: { line: 3 }, properties: { category: 'data-residency', vendor: 'agora', reason: 'sdk-default', api: 'web-create-client' }, identity: 'agora|residency|sdk-default' });
    expect(f[0]!.message).toMatch(/without any region setting.*includes mainland China.*jurisdiction CN, PRC.*Fix: Web: AgoraRTC\.setArea\(\{ areaCode: \["GLOBAL"\], excludedArea: "CHINA" \}\)/);
    expect(f[0]!.related?.[0]).toMatchObject({ line: 4, message: 'join: client.join' });
  });

  it('setArea excluding China (object with excludedArea, or a China-free list) clears it', () => {
    expect(runChecks([residencyCheck], [facts('a.js', 'js', { apiCalls: [setArea({ kind: 'object', props: { areaCode: { kind: 'array', items: [s('GLOBAL')] }, excludedArea: s('CHINA') } }), createClient] })])).toEqual([]);
    expect(runChecks([residencyCheck], [facts('a.js', 'js', { apiCalls: [setArea({ kind: 'array', items: [s('NORTH_AMERICA'), s('EUROPE')] }), createClient] })])).toEqual([]);
  });

  it('setArea with a China-including value is reported at the setting', () => {
    const f = runChecks([residencyCheck], [facts('a.js', 'js', { apiCalls: [setArea({ kind: 'array', items: [s('CHINA'), s('GLOBAL')] }), createClient, join] })]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ location: { line: 2 }, properties: { reason: 'china-value', api: 'web-set-area' } });
    expect(f[0]!.message).toContain('is set to [2 items] by AgoraRTC.setArea');
  });

  it('native area codes: 0xFFFFFFFE excludes, 1 and AreaCodeGlob include, an expression stays unknown (silent)', () => {
    expect(runChecks([residencyCheck], [facts('a.js', 'js', { apiCalls: [rnInit(n(0xfffffffe))] })])).toEqual([]);
    expect(runChecks([residencyCheck], [facts('a.js', 'js', { apiCalls: [rnInit(n(1))] })])[0]!.properties.reason).toBe('china-value');
    expect(runChecks([residencyCheck], [facts('a.js', 'js', { apiCalls: [rnInit(u('AreaCode.AreaCodeGlob'))] })])[0]!.properties.reason).toBe('china-value');
    expect(runChecks([residencyCheck], [facts('a.js', 'js', { apiCalls: [rnInit(u('AREA_CODE_GLOB ^ AREA_CODE_CN'))] })])).toEqual([]);
    // An init call that can carry an area but does not: the default applies.
    expect(runChecks([residencyCheck], [facts('a.js', 'js', { apiCalls: [rnInit()] })])[0]!.properties.reason).toBe('sdk-default');
  });

  it('ZEGO geofence: an Exclude-typed list clears it, an Include list with CN is reported, numeric types per modeValues', () => {
    const fence = (mode: JsValue, area: JsValue): ApiCallFact => ({ vendor: 'zegocloud', api: 'web-set-geo-fence', kind: 'region', callee: 'ZegoExpressEngine.setGeoFence', inVendorCode: false, args: { mode, area } });
    const engine: ApiCallFact = { vendor: 'zegocloud', api: 'web-engine', kind: 'init', callee: 'new ZegoExpressEngine', inVendorCode: false, args: { appId: n(1739272706) } };
    const run = (m: JsValue, a: JsValue) => runChecks([residencyCheck], [facts('a.js', 'js', { apiCalls: [fence(m, a), engine] })]);
    expect(run(u('ZegoGeoFenceType.ZegoGeoFenceTypeExclude'), { kind: 'array', items: [n(2)] })).toEqual([]);
    expect(run(u('ZegoGeoFenceType.ZegoGeoFenceTypeInclude'), { kind: 'array', items: [n(2), n(3)] })).toHaveLength(1);
    // ZegoGeoFenceType as numbers (the rule's modeValues): Exclude 2, Include 1; an unknown number says nothing.
    expect(run(n(2), { kind: 'array', items: [n(2)] })).toEqual([]);
    expect(run(n(1), { kind: 'array', items: [n(2), n(3)] })[0]!.properties.reason).toBe('china-value');
    expect(run(n(1), { kind: 'array', items: [n(3)] })).toEqual([]);
    expect(run(n(7), { kind: 'array', items: [n(2)] })).toEqual([]);
    expect(classifyArea({ kind: 'array', items: [n(2)] }, rules().vendorById.get('zegocloud')!.residency!, n(7))).toBe('unknown');
    expect(runChecks([residencyCheck], [facts('a.js', 'js', { apiCalls: [engine] })])[0]!.properties.reason).toBe('sdk-default');
  });

  it('vendors without residency rules, sessions only in vendor code, and compiled region calls are not reported', () => {
    const tw: ApiCallFact = { vendor: 'twilio', api: 'web-connect', kind: 'join', callee: 'Video.connect', inVendorCode: false, args: {} };
    expect(runChecks([residencyCheck], [facts('a.js', 'js', { apiCalls: [tw, { ...createClient, inVendorCode: true }] })])).toEqual([]);
    const app = facts('x.ipa!/Payload/X.app/X', 'macho', {
      strings: [
        { value: 'sharedEngineWithConfig:delegate:', kind: 'objc-method', offset: 1 },
        { value: 'setAreaCode:', kind: 'objc-method', offset: 2 },
      ],
    });
    expect(runChecks([residencyCheck], [app])).toEqual([]);
    app.strings.pop();
    expect(runChecks([residencyCheck], [app])[0]).toMatchObject({ level: 'note', properties: { reason: 'sdk-default' } });
  });
});

describe('classifyArea', () => {
  const agora = rules().vendorById.get('agora')!.residency!;
  it('reads the rule lists case-insensitively and honours excludeProps', () => {
    expect(classifyArea(s('china'), agora)).toBe('includes');
    expect(classifyArea(n(4294967295), agora)).toBe('includes');
    expect(classifyArea(n(4294967294), agora)).toBe('excludes');
    expect(classifyArea({ kind: 'object', props: { areaCode: s('GLOBAL') } }, agora)).toBe('includes');
    expect(classifyArea({ kind: 'object', props: { areaCode: s('GLOBAL'), excludedArea: { kind: 'array', items: [s('CHINA')] } } }, agora)).toBe('excludes');
    expect(classifyArea({ kind: 'object', props: { areaCode: u('getArea()') } }, agora)).toBe('unknown');
    expect(classifyArea(u('pickArea(user)'), agora)).toBe('unknown');
    expect(classifyArea({ kind: 'null' }, agora)).toBe('unknown');
  });
});
