// The one set of checks over the code model (facts.code), fed hand-built models shaped like what the Hermes,
// DEX and Mach-O builders produce. The builders' own tests prove the models on real compiler output.
import { describe, it, expect } from 'vitest';
import { runChecks, facts } from '../../test/checks/harness.js';
import type { Finding } from '../core/finding.js';
import { loadRulePack } from '../rules/pack.js';
import { sdkCheck } from './sdk.js';
import { credentialsCheck } from './credentials.js';
import { encryptionCheck } from './encryption.js';
import { cleartextFlowsCheck } from './cleartext-flows.js';
import { residencyCheck } from './residency.js';
import { appApiUses } from './vendor-calls.js';
import { toJsValue } from './model-values.js';
import { matchesSink, modelFlows, sinksFor } from './model-flows.js';
import type { CodeModel, ModelCall, ModelValue, Receiver } from '../model/types.js';

const APP_ID = '970ca35de60c44645bbae8a215061b33';
const ALL = [sdkCheck, credentialsCheck, encryptionCheck, cleartextFlowsCheck, residencyCheck];
const pack = loadRulePack();

function byRule(findings: Finding[]): Record<string, Finding[] | undefined> {
  const out: Record<string, Finding[]> = {};
  for (const f of findings) (out[f.ruleId] ??= []).push(f);
  return out;
}

const param = (fn: string, index: number): ModelValue => ({ kind: 'unknown', text: '', origin: { kind: 'param', fn, index } });
const str = (value: string): ModelValue => ({ kind: 'string', value });

function call(fn: number, callee: string, method: string, receiver: ModelCall['receiver'], args: ModelValue[], over: Partial<ModelCall> = {}): ModelCall {
  return { fn, callee, method, receiver, args, offset: 100 + fn * 10, ...over };
}

const RNA: Receiver = { kind: 'module', name: 'react-native-agora' };
/** The structural receiver the Hermes builder gives a call's result: what was called, with its argument count. */
const resultOf = (callee: string, of: Receiver, args = 0): Receiver => ({ kind: 'call', callee, of, args });
const memberOf = (of: Receiver, name: string): Receiver => ({ kind: 'member', of, name });

/** An RN app as the Hermes builder sees it: the engine from the package factory, a fetch with `?uid=` + param. */
function rnAgoraModel(): CodeModel {
  const engine = resultOf('react-native-agora.createAgoraRtcEngine', memberOf(RNA, 'createAgoraRtcEngine'));
  return {
    functions: [
      { name: 'startCall', index: 3, params: 2, offset: 4000, length: 300 },
      { name: 'AgoraInternal#9', index: 9, offset: 9000, inVendorCode: true },
    ],
    calls: [
      // Uses before the factory in model order: types must still flow.
      call(0, 'engine.joinChannel', 'joinChannel', engine, [str(''), param('startCall', 1), param('startCall', 2), { kind: 'object', props: {} }], { offset: 4100 }),
      call(0, 'react-native-agora.createAgoraRtcEngine', 'createAgoraRtcEngine', { kind: 'module', name: 'react-native-agora' }, [], { offset: 4010 }),
      call(0, 'engine.initialize', 'initialize', engine, [{ kind: 'object', props: { appId: str(APP_ID), channelProfile: { kind: 'number', value: 1 } } }], { offset: 4050 }),
      call(0, 'fetch', 'fetch', { kind: 'none' }, [{ kind: 'concat', parts: [{ kind: 'concat', parts: [str('http://api.example-club.com'), str('/presence?uid=')] }, param('startCall', 2)] }], { offset: 4200 }),
      // Inside the SDK's own code: never a use.
      call(1, 'engine.joinChannel', 'joinChannel', engine, [str(''), str('x'), { kind: 'number', value: 1 }, { kind: 'object', props: {} }], { offset: 9100 }),
    ],
  };
}

describe('vendor API uses from the code model', () => {
  it("a package's default export named by the rules (`_reactNativeAgora.default()`) is that API; its result types the engine", () => {
    const engine = resultOf('react-native-agora.default', memberOf(RNA, 'default'));
    const model: CodeModel = {
      functions: [{ name: 'useInitRtcEngine', index: 2, offset: 100 }],
      calls: [
        call(0, 'react-native-agora.default', 'default', { kind: 'module', name: 'react-native-agora' }, []),
        call(0, 'engine.initialize', 'initialize', engine, [{ kind: 'object', props: { appId: str(APP_ID) } }], { offset: 120 }),
        // Another package's default export is not the factory.
        call(0, 'agora-rtc-sdk-ng.default', 'default', { kind: 'module', name: 'agora-rtc-sdk-ng' }, [], { offset: 140 }),
      ],
    };
    const uses = appApiUses(facts('app.hbc', 'hermes', { code: model }), pack);
    expect(uses.map((u) => u.apiId)).toEqual(['rn-create-engine', 'rn-initialize']);
  });

  it('Hermes RN: factory result types the engine; roles from args and props; vendor code ignored', () => {
    const uses = appApiUses(facts('app.hbc', 'hermes', { code: rnAgoraModel() }), pack);
    expect(uses.map((u) => [u.apiId, u.route, u.caller, u.location.offset, u.location.context])).toEqual([
      ['rn-join-channel', 'hermes-call', 'startCall', 4100, 'startCall'],
      ['rn-create-engine', 'hermes-call', 'startCall', 4010, 'startCall'],
      ['rn-initialize', 'hermes-call', 'startCall', 4050, 'startCall'],
    ]);
    const join = uses[0]!;
    expect(join.resolved).toBe(true);
    expect(join.args).toEqual({ token: { kind: 'string', value: '' }, channel: { kind: 'unknown', text: '<param 1 of startCall>' }, uid: { kind: 'unknown', text: '<param 2 of startCall>' }, config: { kind: 'object', props: {} } });
    expect(uses[2]!.args.appId).toEqual({ kind: 'string', value: APP_ID });
  });

  it('the whole check set fires on a model exactly as on JS facts: RTC102, RTC401, RTC404, RTC304, RTC301 with steps', () => {
    const f = runChecks(ALL, [facts('app.hbc', 'hermes', { code: rnAgoraModel() })], { pack });
    const rules = byRule(f);
    expect(rules.RTC102?.map((x) => x.properties.api).sort()).toEqual(['rn-initialize', 'rn-join-channel']);
    const join = rules.RTC102!.find((x) => x.properties.api === 'rn-join-channel')!;
    expect(join.message).toBe('App code joins a session with Agora (rn-join-channel) via engine.joinChannel(channel=<param 1 of startCall>, uid=<param 2 of startCall>, token="") in startCall.');
    expect(join.location).toMatchObject({ artifact: 'app.hbc', offset: 4100, context: 'startCall' });
    const init = rules.RTC102!.find((x) => x.properties.api === 'rn-initialize')!;
    expect(init.message).toContain('appId="970c…1b33"');
    expect(init.message).not.toContain(APP_ID);
    expect(rules.RTC401?.[0]).toMatchObject({ properties: { vendor: 'agora', credentialKind: 'identifier' }, location: { offset: 4050 } });
    expect(rules.RTC404?.[0]!.message).toContain('joins with token ""');
    expect(rules.RTC304).toHaveLength(1);
    expect(rules.RTC304![0]!.message).toContain('enableEncryption');
    const flow = rules.RTC301![0]!;
    expect(flow.properties).toMatchObject({ host: 'api.example-club.com', scheme: 'http', sink: 'fetch', identifier: 'uid' });
    expect(flow.flow!.map((s) => [s.message, s.offset])).toEqual([
      // The uid hole is also the joinChannel uid argument: an RTC argument, with its origin.
      ['uid: <param 2 of startCall>', 4000],
      ['concatenated into the URL "http://api.example-club.com/presence?uid=" + <param 2 of startCall>', 4200],
      ['sent by fetch (fetch)', 4200],
    ]);
    expect(flow.message).toContain('The RTC uid argument is sent in cleartext by fetch');
  });

  it('an encryption call in the model clears RTC304; argValues tell a generic setter apart by its literal', () => {
    const m = rnAgoraModel();
    m.calls.push(call(0, 'engine.enableEncryption', 'enableEncryption', resultOf('react-native-agora.createAgoraRtcEngine', memberOf(RNA, 'createAgoraRtcEngine')), [{ kind: 'boolean', value: true }, { kind: 'object', props: {} }]));
    expect(byRule(runChecks(ALL, [facts('app.hbc', 'hermes', { code: m })], { pack })).RTC304).toBeUndefined();
    const trtc = (plugin: string): CodeModel => ({
      functions: [{ name: 'f' }],
      calls: [
        call(0, 'TRTC.create', 'create', { kind: 'global', name: 'TRTC' }, []),
        call(0, 'trtc.startPlugin', 'startPlugin', resultOf('TRTC.create', memberOf({ kind: 'global', name: 'TRTC' }, 'create')), [str(plugin), { kind: 'object', props: {} }]),
      ],
    });
    expect(appApiUses(facts('a.hbc', 'hermes', { code: trtc('CustomEncryption') }), pack).map((u) => u.apiId)).toEqual(['web-create', 'web-custom-encryption']);
    expect(appApiUses(facts('a.hbc', 'hermes', { code: trtc('AudioMixer') }), pack).map((u) => u.apiId)).toEqual(['web-create']);
  });

  it('DEX: receiver class + method; StringBuilder-built URL into new URL + openConnection is a cleartext flow', () => {
    const caller = 'Lcom/example/club/Room;->join(Ljava/lang/String;I)V';
    const url: ModelValue = { kind: 'concat', parts: [str('http://api.example-club.com/rooms/'), param(caller, 1), str('/join?uid='), param(caller, 2)] };
    const code: CodeModel = {
      functions: [{ name: caller, params: 3, offset: 700 }, { name: 'Lio/agora/rtc2/internal/X;->y()V' }],
      calls: [
        call(0, 'io/agora/rtc2/RtcEngine.joinChannel', 'joinChannel', { kind: 'field', owner: 'Lcom/example/club/Room;', name: 'engine' }, [{ kind: 'null' }, param(caller, 1), { kind: 'number', value: 0 }, { kind: 'unknown', text: 'v3' }], { receiverType: 'io/agora/rtc2/RtcEngine', offset: 720 }),
        call(0, 'java/net/URL.<init>', '<init>', { kind: 'new', type: 'java/net/URL' }, [url], { receiverType: 'java/net/URL', construct: true, offset: 760 }),
        call(0, 'java/net/URL.openConnection', 'openConnection', { kind: 'new', type: 'java/net/URL' }, [], { receiverType: 'java/net/URL', offset: 770 }),
        call(1, 'io/agora/rtc2/RtcEngine.joinChannel', 'joinChannel', { kind: 'unknown' }, [], { receiverType: 'io/agora/rtc2/RtcEngine' }),
      ],
    };
    const f = runChecks(ALL, [facts('classes.dex', 'dex', { code })], { pack });
    const rules = byRule(f);
    expect(rules.RTC102?.map((x) => [x.properties.route, x.location.context])).toEqual([['dex-call', caller]]);
    expect(rules.RTC404).toHaveLength(1);
    const flow = rules.RTC301![0]!;
    // The first identifier hole: the room (RTC channel argument) in the path.
    expect(flow.properties).toMatchObject({ identifier: 'channel', sink: 'url-connection', host: 'api.example-club.com' });
    // Without openConnection the URL object is never requested here: no flow.
    code.calls.splice(2, 1);
    expect(modelFlows(facts('classes.dex', 'dex', { code }), pack)).toEqual([]);
  });

  it('ObjC: class + selector; `sharedInstance` alone is never a session, enterRoom on its result is', () => {
    const code: CodeModel = {
      functions: [{ name: '-[CallVC join]', offset: 0x4000 }],
      calls: [
        call(0, 'TRTCCloud.sharedInstance', 'sharedInstance', { kind: 'class', name: 'TRTCCloud' }, [], { receiverType: 'TRTCCloud' }),
        call(0, 'enterRoom:appScene:', 'enterRoom:appScene:', { kind: 'call', callee: 'TRTCCloud.sharedInstance' }, [{ kind: 'unknown', text: 'params' }, { kind: 'number', value: 0 }]),
        // Another singleton: a bare sharedInstance of an unknown class names no vendor.
        call(0, 'sharedInstance', 'sharedInstance', { kind: 'unknown' }, []),
        call(0, 'AgoraRtcEngineKit.sharedEngineWithAppId:delegate:', 'sharedEngineWithAppId:delegate:', { kind: 'class', name: 'AgoraRtcEngineKit' }, [str(APP_ID), { kind: 'unknown', text: 'self' }]),
        call(0, 'joinChannelByToken:channelId:info:uid:joinSuccess:', 'joinChannelByToken:channelId:info:uid:joinSuccess:', { kind: 'call', callee: 'AgoraRtcEngineKit.sharedEngineWithAppId:delegate:' }, [{ kind: 'null' }, str('lobby'), { kind: 'null' }, { kind: 'number', value: 0 }, { kind: 'null' }]),
      ],
    };
    const uses = appApiUses(facts('App', 'macho', { code }), pack);
    expect(uses.map((u) => [u.vendor.id, u.apiId, u.kind])).toEqual([
      ['tencent-trtc', 'ios-shared-instance', 'other'],
      ['tencent-trtc', 'ios-enter-room', 'join'],
      ['agora', 'ios-shared-engine-app-id', 'init'],
      ['agora', 'ios-join-3x', 'join'],
    ]);
    const rules = byRule(runChecks(ALL, [facts('App', 'macho', { code })], { pack }));
    expect(rules.RTC102?.map((x) => x.properties.api).sort()).toEqual(['ios-enter-room', 'ios-join-3x', 'ios-shared-engine-app-id']);
    expect(rules.RTC401?.[0]!.properties.vendor).toBe('agora');
    expect(rules.RTC404?.[0]!.message).toContain('token null');
  });

  it('a distinctive selector on an unknown receiver counts only when the vendor classes are in the binary', () => {
    const code: CodeModel = { functions: [{ name: 'f' }], calls: [call(0, 'enterRoom:appScene:', 'enterRoom:appScene:', { kind: 'unknown' }, [])] };
    expect(appApiUses(facts('App', 'macho', { code }), pack)).toEqual([]);
    const present = facts('App', 'macho', { code, strings: [{ value: 'TRTCCloud', kind: 'objc-class' }] });
    expect(appApiUses(present, pack).map((u) => u.apiId)).toEqual(['ios-enter-room']);
  });

  it('bare selector references: `sharedInstance` is no Tencent session any more', () => {
    const f = runChecks([sdkCheck, encryptionCheck], [facts('App', 'macho', { strings: [{ value: 'sharedInstance', kind: 'objc-method' }] })], { pack });
    expect(f).toEqual([]);
  });
});

describe('model values', () => {
  it('folds constant string building, keeps holes readable', () => {
    expect(toJsValue({ kind: 'concat', parts: [str('a'), { kind: 'number', value: 1 }, { kind: 'concat', parts: [str('b')] }] })).toEqual({ kind: 'string', value: 'a1b' });
    expect(toJsValue({ kind: 'format', format: 'http://%@/u?id=%d', args: [str('h'), { kind: 'number', value: 7 }] })).toEqual({ kind: 'string', value: 'http://h/u?id=7' });
    expect(toJsValue({ kind: 'concat', parts: [str('http://h/p?uid='), param('startCall', 1)] })).toEqual({ kind: 'unknown', text: '"http://h/p?uid=" + <param 1 of startCall>' });
    expect(toJsValue({ kind: 'format', format: '%s/x', args: [{ kind: 'unknown', text: '', origin: { kind: 'field', owner: 'Cfg', name: 'base' } }] })).toEqual({ kind: 'unknown', text: 'format("%s/x", <field Cfg.base>)' });
  });

  it('a format-built URL with an identifier-named query key is a flow; a constant URL or an https one is not', () => {
    const mk = (format: string): CodeModel => ({
      functions: [{ name: 'g' }],
      calls: [call(0, 'NSURL.URLWithString:', 'URLWithString:', { kind: 'class', name: 'NSURL' }, [{ kind: 'format', format, args: [{ kind: 'unknown', text: '', origin: { kind: 'call', callee: 'Session.currentUserId' } }] }])],
    });
    const flows = modelFlows(facts('App', 'macho', { code: mk('http://api.example-club.com/p?x=%@') }), pack);
    expect(flows.map((x) => [x.identifier, x.sink.kind, x.sink.url])).toEqual([['currentUserId', 'nsurl', 'http://api.example-club.com/p?x=${currentUserId}']]);
    expect(modelFlows(facts('App', 'macho', { code: mk('http://api.example-club.com/p?page=%@') }), pack)).toHaveLength(1); // named by its origin
    const https = runChecks([cleartextFlowsCheck], [facts('App', 'macho', { code: mk('https://api.example-club.com/p?uid=%@') })], { pack });
    expect(https).toEqual([]);
  });
});

describe('argument roles per overload (rules: android-join-channel overloads)', () => {
  const join = pack.vendorById.get('agora')!.apis.find((a) => a.id === 'android-join-channel')!;
  const args = [{ kind: 'null' } as ModelValue, str('room-42'), str('info'), { kind: 'number', value: 7 } as ModelValue];
  it('takes the roles of the invoke descriptor when the rule lists it, else the positional args', async () => {
    const { modelArgsByRole } = await import('./model-calls.js');
    expect(modelArgsByRole(join, args, '(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;I)')).toEqual({ token: { kind: 'null' }, channel: str('room-42'), uid: { kind: 'number', value: 7 } });
    expect(modelArgsByRole(join, [args[0]!, args[1]!, args[3]!], '(Ljava/lang/String;Ljava/lang/String;ILio/agora/rtc2/ChannelMediaOptions;)')).toMatchObject({ channel: str('room-42'), uid: { kind: 'number', value: 7 } });
    // An overload the rule does not list: only the roles every overload shares.
    expect(modelArgsByRole(join, args, '(Ljava/lang/String;Ljava/lang/String;J)')).toEqual({ token: { kind: 'null' }, channel: str('room-42') });
  });
});

describe('model sinks by method (sinksFor)', () => {
  it('never leaves out a sink matchesSink accepts, and keeps the rules\' order', () => {
    const sinks = pack.sinks!.modelSinks;
    let accepted = 0;
    for (const sink of sinks) {
      const receivers: Receiver[] = [{ kind: 'none' }, { kind: 'class', name: sink.type ?? 'X' }, { kind: 'new', type: sink.type ?? 'X' }, { kind: 'global', name: 'window' }];
      if (sink.receiver) receivers.push({ kind: 'unknown', text: sink.receiver }, { kind: 'field', name: sink.receiver.split('.').pop()!, owner: sink.receiver.split('.')[0] });
      for (const receiver of receivers)
        for (const construct of [false, true])
          for (const method of [sink.method, `${sink.method}:`, `${sink.method}::`, `${sink.method}x`, 'other'])
            for (const callee of [sink.type ?? sink.method, `window.${sink.type ?? sink.method}`, `x.${method}`]) {
              const c = call(0, callee, method, receiver, [], construct ? { construct } : {});
              const some = sinksFor(sinks, c);
              expect(some).toEqual(sinks.filter((x) => some.includes(x)));
              for (const x of sinks) {
                if (!matchesSink(c, x, sink.imports ? [sink.imports] : undefined)) continue;
                accepted++;
                expect(some).toContain(x);
              }
            }
    }
    // Every sink is reached by some call above (the test would prove nothing otherwise).
    expect(accepted).toBeGreaterThan(sinks.length);
    expect(sinksFor(sinks, call(0, 'f', 'noSinkHasThisMethod', { kind: 'none' }, []))).toEqual([]);
  });
});
