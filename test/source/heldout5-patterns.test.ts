// The fifth held-out round's patterns (test/fixtures/heldout5-patterns, made-up values, each folder scanned as a
// folder as the real apps were): Vue single-file components and the `@/` alias, numeric App IDs bound to names,
// build-tool installs in the checkout, ZEGO's React Native prebuilt call, react-native-agora 3.x on the default
// import, Swift calls of Objective-C-visible APIs (LiveKit, an Agora trailing closure), SwiftPM pins, Kotlin `apply`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { swiftCallFits } from '../../scanner/checks/model-calls.js';
import { vueMarkupView, vueScriptView } from '../../scanner/formats/js/vue-sfc.js';
import { isLfsPointer, isToolingInstall } from '../../scanner/input/skip.js';
import { readSourceCode } from '../../scanner/formats/source/index.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/heldout5-patterns');
const run = async (dir: string) => (await scan({ inputs: [join(FIX, dir)], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
const of = (f: Finding[], rule: string) => f.filter((x) => x.ruleId === rule);
const at = (f: Finding) => `${f.location?.artifact.split('/').pop()}:${f.location?.line}`;
const session = (f: Finding) => `${at(f)} ${String(f.properties.api)}`;

describe('held-out round 5: Vue single-file components', () => {
  it('the script view keeps positions, the markup view is its complement', () => {
    const sfc = '<template>\n  <p>{{ a }}</p>\n</template>\n<script>\nconst a = 1;\n</script>\n';
    const script = vueScriptView(sfc)!;
    expect(script.length).toBe(sfc.length);
    expect(script.split('\n')[4]).toBe('const a = 1;');
    expect(script.includes('<p>')).toBe(false);
    expect(vueMarkupView(sfc).split('\n')[1]).toBe('  <p>{{ a }}</p>');
    expect(vueMarkupView(sfc).includes('const a')).toBe(false);
    expect(vueScriptView('<template><p/></template>')).toBeUndefined();
  });

  it('calls in <script> and <script setup lang="ts">, a client imported through @/, template hosts still seen', async () => {
    const f = await run('vue-sfc');
    expect(of(f, 'RTC102').map(session).sort()).toEqual([
      'Lesson.vue:9 web-join',
      'Room.vue:13 web-create-client',
      'Room.vue:15 web-join',
      'client.js:6 web-init',
    ]);
    expect(f.some((x) => x.ruleId === 'RTC202' && x.properties.host === 'cdn.example.com' && at(x) === 'Room.vue:3')).toBe(true);
  }, 120_000);

  it('numbers bound to sdkAppID, and to appid under tencent.trtc, are TRTC SDKAppIDs; a page size is not', async () => {
    const f = await run('vue-sfc');
    const ids = of(f, 'RTC401').filter((x) => x.properties.vendor === 'tencent-trtc');
    expect(ids.map(at).sort()).toEqual(['index.js:14', 'index.js:9']);
    expect(ids.map((x) => /(\d+…\d+)/.exec(x.message)?.[1]).sort()).toEqual(['14…01', '14…02']);
    // pageSize: 20 is bound to a name too, but is no App ID (under six digits, and its name gives no role).
    expect(of(f, 'RTC401').map((x) => `${at(x)} ${x.properties.vendor}`).sort()).toEqual(['Room.vue:15 agora', 'index.js:14 tencent-trtc', 'index.js:9 tencent-trtc']);
  }, 120_000);
});

describe('held-out round 5 leftover: instances the Vue app entry or the Vuex store gives every component', () => {
  it('Vue 2 `Vue.prototype.calling = calling` (a TRTCCalling made in another module): this.calling.call/accept join', async () => {
    const f = await run('vue-globals/vue2');
    expect(of(f, 'RTC102').map(session).sort()).toEqual(['CallPage.vue:12 calling-call', 'CallPage.vue:15 calling-accept', 'calling.js:3 calling-new']);
    // accept's roomID is the channel; `this.format.call(this, 1)` (nothing gives a format) is Function.prototype.call.
    expect(of(f, 'RTC102').find((x) => x.properties.api === 'calling-accept')!.message).toContain('channel=roomID');
  }, 120_000);

  it('Vue 3 `app.config.globalProperties.$rtc = AgoraRTC.createClient(…)`: this.$rtc.join is the client\'s join', async () => {
    const f = await run('vue-globals/vue3');
    expect(of(f, 'RTC102').map(session).sort()).toEqual(['Room.vue:9 web-join', 'main.js:6 web-create-client']);
    expect(of(f, 'RTC404').map(at)).toEqual(['Room.vue:9']);
  }, 120_000);

  it("Vuex: `...mapState(['trtcCloud'])` (array and object forms) reads what the store's mutation made; a string state is none", async () => {
    const f = await run('vue-globals/vuex');
    expect(of(f, 'RTC102').map(session).sort()).toEqual(['Room.vue:15 electron-enter-room', 'Room.vue:18 electron-enter-room', 'index.js:15 electron-new-cloud']);
  }, 120_000);
});

describe('held-out round 5: build-tool installs', () => {
  it('gems under vendor/bundle/ruby/<version>/ are not scanned; the app code beside them is', async () => {
    expect(isToolingInstall('app/vendor/bundle/ruby/2.7.0/gems/x-1.0/lib/x.rb')).toBe(true);
    expect(isToolingInstall('venv/lib/python3.11/site-packages/requests/api.py')).toBe(true);
    expect(isToolingInstall('app/vendor/agora/AgoraRTC.js')).toBe(false);
    expect(isLfsPointer(Buffer.from('version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 1\n'))).toBe(true);
    expect(isLfsPointer(Buffer.from('version 1\n'))).toBe(false);
    const f = await run('tooling-install');
    expect(of(f, 'RTC302').map(at)).toEqual(['api.js:2']);
    expect(f.some((x) => x.location?.artifact.includes('vendor/bundle'))).toBe(false);
  }, 120_000);

  it('a Git LFS pointer named like an SDK library: its name is evidence, its lines are not the SDK\'s hosts', async () => {
    const f = await run('tooling-install');
    const inPointer = f.filter((x) => x.location?.artifact.endsWith('libs/libagora-rtc-sdk.so'));
    expect(inPointer.map((x) => `${x.ruleId} ${x.properties.vendor}`)).toEqual(['RTC101 agora']);
  }, 120_000);
});

describe('held-out round 5: React Native', () => {
  it("ZEGO's <ZegoUIKitPrebuiltCall> joins a call; a numeric APP_ID beside an APP_SIGN in a constants module is ZEGO's", async () => {
    const f = await run('rn-zego-prebuilt');
    expect(of(f, 'RTC102').map(session)).toEqual(['Call.js:9 rn-prebuilt-call']);
    expect(of(f, 'RTC402').map((x) => `${at(x)} ${x.properties.vendor}`)).toEqual(['config.js:2 zegocloud']);
    expect(of(f, 'RTC401').map((x) => `${at(x)} ${x.properties.vendor}`)).toEqual(['config.js:1 zegocloud']);
  }, 120_000);

  it('react-native-agora 3.x: RtcEngine.create(appId) on the default import is the init', async () => {
    const f = await run('rn-agora3');
    expect(of(f, 'RTC102').map(session).sort()).toEqual(['useAgora.ts:10 rn3-join-channel', 'useAgora.ts:7 rn3-create']);
  }, 120_000);
});

describe('held-out round 5: Swift and Kotlin', () => {
  it('a Swift call fits an Objective-C selector without With, defaulted arguments, or the completion handler', () => {
    expect(swiftCallFits('connectUrl:token:', 'connectWithUrl:token:connectOptions:roomOptions:completionHandler:')).toBe(true);
    expect(swiftCallFits('joinChannelByToken:channelId:info:uid::', 'joinChannelByToken:channelId:info:uid:joinSuccess:')).toBe(true);
    expect(swiftCallFits('init', 'initWithDelegate:connectOptions:roomOptions:')).toBe(true);
    expect(swiftCallFits('connectUrl:port:', 'connectWithUrl:token:connectOptions:roomOptions:completionHandler:')).toBe(false);
    expect(swiftCallFits('disconnect', 'connectWithUrl:token:')).toBe(false);
  });

  it("LiveKit Room()/connect, an Agora join with a trailing closure; the app's own Room in a file without import LiveKit is not LiveKit's", async () => {
    const f = await run('swift-livekit');
    expect(of(f, 'RTC102').map(session).sort()).toEqual([
      'ChannelViewController+Join.swift:6 ios-join-3x',
      'VoiceService.swift:10 ios-connect',
      'VoiceService.swift:8 ios-room',
    ]);
    const sdk = of(f, 'RTC101').find((x) => x.properties.vendor === 'livekit');
    expect(sdk?.location?.artifact.endsWith('Package.resolved')).toBe(true);
    expect(sdk?.message).toContain('2.5.0');
    // The pins are the build machine's clone URLs, not endpoints.
    expect(f.some((x) => /^RTC20/.test(x.ruleId) && x.properties.host === 'github.com')).toBe(false);
  }, 120_000);

  it('Kotlin: joinChannel inside RtcEngine.create(…).apply { } is the engine\'s', async () => {
    const f = await run('kotlin-apply');
    expect(of(f, 'RTC102').map(session).sort()).toEqual(['AgoraSource.kt:11 android3-create', 'AgoraSource.kt:13 android3-join-channel']);
  }, 120_000);
});

describe('held-out round 5 leftover: Swift dictionaries a request helper of another file sends', () => {
  it('the caller is the finding, with the URL completed from both constants; an id-less dictionary is none', async () => {
    const f = await run('swift-alamofire-helper');
    const flows = of(f, 'RTC301').map((x) => [at(x), x.properties.identifier, /\((http[^)]*)\)/.exec(x.message)?.[1]]);
    expect(flows).toEqual([
      ['LiveViewController.swift:12', 'channelName', 'http://203.0.113.70:7000/api/v1/start_live'],
      ['LiveViewController.swift:19', 'channelName', 'http://203.0.113.70:7000/api/v1/stop_live'],
    ]);
    const steps = of(f, 'RTC301')[0]!.flow!;
    expect(steps.map((s) => `${s.artifact.split('/').pop()}:${s.line}`)).toEqual(['LiveViewController.swift:12', 'LiveViewController.swift:12', 'Networking.swift:8']);
    expect(steps[1]!.message).toContain('passed to DataProvider.postForm in the request\'s parameters');
  }, 120_000);

  it('dictionary literals are objects of their keys in Swift, Objective-C and Kotlin; `x ?? ""` is x', () => {
    const argsOf = (text: string, file: string, method: string) => readSourceCode(text, file).code!.calls.find((c) => c.method.startsWith(method))!.args;
    const swift = argsOf('func f(id: String, name: String?) {\n  send(["uid": id, "name": name ?? ""], n: [1, 2])\n}\n', 'A.swift', 'send');
    expect(swift[0]).toMatchObject({ kind: 'object', props: { uid: { kind: 'unknown', origin: { kind: 'param', index: 0 } }, name: { kind: 'unknown', origin: { kind: 'param', index: 1 } } } });
    // an array literal is no dictionary
    expect(swift[1]!.kind).toBe('unknown');
    const objc = argsOf('- (void)go:(NSString *)uid {\n  [self post:@{@"uid": uid, @"v": @"1"}];\n}\n', 'A.m', 'post');
    expect(objc[0]).toMatchObject({ kind: 'object', props: { uid: { kind: 'unknown', origin: { kind: 'param' } }, v: { kind: 'string', value: '1' } } });
    const kotlin = argsOf('fun go(uid: String) {\n  post(mapOf("uid" to uid, "v" to "1"))\n}\n', 'A.kt', 'post');
    expect(kotlin[0]).toMatchObject({ kind: 'object', props: { uid: { kind: 'unknown', origin: { kind: 'param' } }, v: { kind: 'string', value: '1' } } });
  });

  it('a Swift parameter of a collection type is a parameter (its brackets are no Dart optional list)', () => {
    const calls = readSourceCode('class A {\n  func send(path: String, body: [String: Any], n: [Int]?) {\n    post(path, body, n)\n  }\n}\n', 'A.swift').code!.calls;
    expect(calls.find((c) => c.method.startsWith('post'))!.args.map((a) => (a.kind === 'unknown' && 'origin' in a ? a.origin?.kind === 'param' && a.origin.index : a.kind))).toEqual([0, 1, 2]);
  });
});

describe('held-out round 5 leftover: an App ID passed by the name of another file\'s constant', () => {
  it('AgoraRtmKit(appId: AppId.id) reports the constant where it is declared, once', async () => {
    const f = await run('swift-rtm-appid');
    const ids = of(f, 'RTC401');
    expect(ids.map((x) => `${at(x)} ${String(x.properties.vendor)}`)).toEqual(['AppId.swift:4 agora']);
    expect(ids[0]!.message).toContain('appId argument of AgoraRtmKit');
    expect(ids[0]!.message).toContain('AgoraRtm.swift:5');
  }, 120_000);
});

describe('held-out round 5: Tencent Cloud ids that are not TRTC SDKAppIDs', () => {
  it('a numeric appID of the VOD player or MTA analytics in a TRTC file is no credential; the sdkAppId is', async () => {
    const f = await run('tencent-other-appids');
    expect(of(f, 'RTC401').map((x) => `${at(x)} ${String(x.properties.vendor)}`)).toEqual(['call.js:9 tencent-trtc']);
  }, 120_000);
});
