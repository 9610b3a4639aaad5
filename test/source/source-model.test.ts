// The source code model of Java, Kotlin, Swift, Objective-C and Dart (scanner/formats/source): the tokenizer on the
// string forms of each language, the Swift→selector mapping, and the checks' findings on source written in the
// shapes of the labelled real apps (test/fixtures/source-model, made-up values): sessions with argument roles,
// App-ID-only joins, missing encryption and cleartext identifier flows — through the same model checks as DEX,
// Mach-O, Hermes and JS. Hostile inputs stay bounded in time and memory.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lex } from '../../scanner/formats/source/lexer.js';
import { swiftSelector } from '../../scanner/formats/source/model.js';
import { readSourceCode } from '../../scanner/formats/source/index.js';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import type { ModelCall } from '../../scanner/model/types.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/source-model');

const strings = (src: string, lang: Parameters<typeof lex>[1]) =>
  lex(src, lang).tokens.filter((t) => t.k === 'str').map((t) => (t.parts ? t.parts.map((p) => (typeof p === 'string' ? p : `{${p.map((x) => x.v).join('')}}`)).join('') : t.v));

describe('tokenizer', () => {
  it('reads templates of Kotlin, Dart and Swift as literal runs and holes', () => {
    expect(strings('val u = "http://h/r/${room.id}/j?uid=$uid"', 'kotlin')).toEqual(['http://h/r/{room.id}/j?uid={uid}']);
    expect(strings(`final u = 'http://h/\${a}/b?x=$x';`, 'dart')).toEqual(['http://h/{a}/b?x={x}']);
    expect(strings('let u = "http://h/\\(room)/j"', 'swift')).toEqual(['http://h/{room}/j']);
  });

  it('keeps raw strings raw and reads multi-line strings whole', () => {
    expect(strings(`final r = r'a\\n$b';`, 'dart')).toEqual(['a\\n$b']);
    expect(strings('let r = #"a\\(b)"#', 'swift')).toEqual(['a\\(b)']);
    expect(strings('val s = """line1\n  "q" line2"""', 'kotlin')).toEqual(['line1\n  "q" line2']);
    expect(strings('String s = """\n  text block\n  """;', 'java')).toEqual(['\n  text block\n  ']);
    expect(strings(`var s = '''one\ntwo''';`, 'dart')).toEqual(['one\ntwo']);
  });

  it('skips comments (nested where the language nests them), reads ObjC @"…" and Java char literals', () => {
    expect(strings('/* a /* b */ "not code" */ val x = "code"', 'kotlin')).toEqual(['code']);
    // Java block comments do not nest: the first */ ends it
    expect(strings('/* a /* b */ String x = "code";', 'java')).toEqual(['code']);
    expect(strings('NSString *s = @"objc"; // "comment"', 'objc')).toEqual(['objc']);
    expect(strings(`char c = '"'; String s = "x";`, 'java')).toEqual(['"', 'x']);
  });

  it('closes an unterminated string at the end of its line and goes on', () => {
    const t = lex('val a = "open\nval b = "closed"', 'kotlin').tokens;
    expect(t.filter((x) => x.k === 'str').map((x) => x.v)).toEqual(['open', 'closed']);
    expect(t.filter((x) => x.v === 'val').map((x) => !!x.nl)).toEqual([false, true]);
  });
});

describe('Swift calls name Objective-C selectors', () => {
  it('maps the first argument label into the method name', () => {
    expect(swiftSelector('sharedEngine', ['withAppId', 'delegate'])).toBe('sharedEngineWithAppId:delegate:');
    expect(swiftSelector('joinChannel', ['byToken', 'channelId', 'info', 'uid', 'joinSuccess'])).toBe('joinChannelByToken:channelId:info:uid:joinSuccess:');
    expect(swiftSelector('enableEncryption', [undefined, 'encryptionConfig'])).toBe('enableEncryption:encryptionConfig:');
    expect(swiftSelector('enableVideo', [])).toBe('enableVideo');
  });
});

describe('code model of a source file', () => {
  const calls = (src: string, path: string): ModelCall[] => readSourceCode(src, path).code?.calls ?? [];

  it('types receivers from declarations, imports and initialisers', () => {
    const c = calls(
      ['package a.b;', 'import io.agora.rtc2.RtcEngine;', 'class X {', '  private RtcEngine engine;', '  void go(String ch) { engine.joinChannel(null, ch, 0, null); RtcEngine.create(null, "id", null); }', '}'].join('\n'),
      'X.java',
    );
    expect(c.map((x) => [x.callee, x.receiver.kind, x.line])).toEqual([
      ['io/agora/rtc2/RtcEngine.joinChannel', 'field', 5],
      ['io/agora/rtc2/RtcEngine.create', 'class', 5],
    ]);
    expect(c[0]!.args[1]).toEqual({ kind: 'unknown', text: 'ch', origin: { kind: 'param', fn: 'a.b.X.go', index: 0 } });
  });

  it('folds constants and keeps holes of concatenations and templates', () => {
    const c = calls(['import java.net.URL', 'const val BASE = "http://192.0.2.1"', 'fun f(uid: String) { URL("$BASE/p?uid=" + uid).openConnection() }'].join('\n'), 'F.kt');
    const url = c.find((x) => x.construct)!;
    expect(url.receiverType).toBe('java/net/URL');
    expect(url.args[0]).toMatchObject({ kind: 'concat', parts: [{ kind: 'concat', parts: [{ kind: 'string', value: 'http://192.0.2.1' }, { kind: 'string', value: '/p?uid=' }] }, { kind: 'unknown', text: 'uid' }] });
    expect(c.find((x) => x.method === 'openConnection')?.receiver).toEqual({ kind: 'new', type: 'java/net/URL' });
  });

  it('reads Dart named arguments as one object argument and constructors with named arguments as objects', () => {
    const c = calls(["import 'package:agora_rtc_engine/agora_rtc_engine.dart';", 'late final RtcEngine e;', "void f() { e.initialize(const RtcEngineContext(appId: 'x')); e.joinChannel(token: '', channelId: 'c', uid: 0, options: const ChannelMediaOptions()); }"].join('\n'), 'f.dart');
    const byMethod = Object.fromEntries(c.map((x) => [x.method, x]));
    expect(byMethod.initialize!.args).toEqual([{ kind: 'object', props: { appId: { kind: 'string', value: 'x' } } }]);
    expect(byMethod.joinChannel!.args).toMatchObject([{ kind: 'object', props: { token: { kind: 'string', value: '' }, channelId: { kind: 'string', value: 'c' }, uid: { kind: 'number', value: 0 } } }]);
    expect(byMethod.joinChannel!.receiverType).toBe('RtcEngine');
  });

  it('reads Objective-C messages, nested, with property receivers and format strings', () => {
    const c = calls(
      ['@interface V ()', '@property (nonatomic, strong) AgoraRtcEngineKit *kit;', '@end', '@implementation V', '- (void)go:(NSString *)u {', '  [self.kit joinChannelByToken:nil channelId:@"c" info:nil uid:7 joinSuccess:nil];', '  NSURL *x = [NSURL URLWithString:[NSString stringWithFormat:@"http://h/?uid=%@", u]];', '}', '@end'].join('\n'),
      'V.m',
    );
    const join = c.find((x) => x.method.startsWith('joinChannel'))!;
    expect([join.receiverType, join.args.map((a) => a.kind), join.context]).toEqual(['AgoraRtcEngineKit', ['null', 'string', 'null', 'number', 'null'], '-[V go:]']);
    expect(c.find((x) => x.method === 'URLWithString:')?.args[0]).toMatchObject({ kind: 'format', format: 'http://h/?uid=%@' });
  });

  it('marks every function of a dependency (node_modules) as library code', () => {
    const r = readSourceCode('class A { void f() { g(); } }', 'app/node_modules/some-sdk/android/src/A.java');
    expect(r.code?.functions.every((f) => f.inVendorCode)).toBe(true);
  });
});

describe('Swift bindings and generic constructors', () => {
  const calls = (src: string): ModelCall[] => readSourceCode(src, 'A.swift').code?.calls ?? [];

  it('an optional binding (guard let / if let) binds its initialiser, not the else branch or the body', () => {
    const src = [
      'class A {',
      '  func f(site: String) {',
      '    guard let url = URL(string: site) else { return }',
      '    let r = URLRequest(url: url)',
      '    if let u2 = URL(string: "http://h/x"), let ok = Optional(1) { g(u2) }',
      '  }',
      '}',
    ].join('\n');
    const byCallee = (c: string) => calls(src).find((x) => x.callee === c)!;
    expect(byCallee('URLRequest.<init>').args).toEqual([{ kind: 'object', props: { string: { kind: 'unknown', text: 'site', origin: { kind: 'param', fn: 'A.f', index: 0 } } } }]);
    expect(byCallee('g:').args).toEqual([{ kind: 'object', props: { string: { kind: 'string', value: 'http://h/x' } } }]);
  });

  it('`Name<T>(…)` constructs Name: its method calls have that receiver', () => {
    const c = calls('func f() { DownloadManager<User>().downloadData(url: "http://h/u") { _ in true } }').find((x) => x.method.startsWith('downloadData'))!;
    expect(c.receiver).toEqual({ kind: 'new', type: 'DownloadManager' });
    expect(c.receiverType).toBe('DownloadManager');
    // A comparison is no constructor.
    expect(calls('func f(a: Int, b: Int) { let x = a < b; h(x) }').map((x) => x.callee)).toEqual(['h:']);
  });

  it("a `{` after a call in an if/guard/while/switch head is the statement's body, not a trailing closure", () => {
    const selectors = (src: string) => calls(src).map((x) => x.method);
    expect(selectors('func f(m: M, d: Data) { if !m.upload(website: "w", json: d) { g() } }')).toEqual(['uploadWebsite:json:', 'g']);
    expect(selectors('func f(m: M) { if let x = try? m.load(from: 1), x.ok() { g() } }')).toEqual(['loadFrom:', 'ok', 'g']);
    expect(selectors('func f(m: M) { while m.next(step: 1) { g() } }')).toEqual(['nextStep:', 'g']);
    expect(selectors('func f(m: M) { switch m.kind(of: 1) { default: g() } }')).toEqual(['kindOf:', 'g']);
    // Outside a head, or inside parentheses within one, the closure is an argument.
    expect(selectors('func f(m: M) { m.run(after: 1) { g() } }')).toEqual(['runAfter::', 'g']);
    expect(selectors('func f(m: M) { if m.all(match: m.map(by: 1) { $0 }) { g() } }')).toEqual(['allMatch:', 'mapBy::', 'g']);
    // `repeat { … } while c` ends its statement: the next call's closure is an argument.
    expect(selectors('func f(m: M) { repeat { g() } while c\n m.run(after: 1) { g() } }')).toContain('runAfter::');
  });

  it('`try?` + JSONSerialization.data(withJSONObject:) carries the dictionary; properties set on a request join its value', () => {
    const src = [
      'class A {',
      '  func f(u: User, site: String) {',
      '    let body = ["myid": u.id.uuidString]',
      '    if let data = try? JSONSerialization.data(withJSONObject: body, options: []) { send(data) }',
      '    var request = URLRequest(url: URL(string: site)!)',
      '    h(request)',
      '    request.httpMethod = "POST"',
      '    request.httpBody = body',
      '    URLSession.shared.dataTask(with: request).resume()',
      '  }',
      '}',
    ].join('\n');
    const byMethod = (m: string) => calls(src).find((x) => x.method === m)!;
    const dictionary = { kind: 'object', props: { myid: { kind: 'unknown', text: 'u.id.uuidString', origin: { kind: 'field', owner: 'u.id', name: 'uuidString' } } } };
    expect(byMethod('send:').args).toEqual([dictionary]);
    const url = { kind: 'object', props: { string: { kind: 'unknown', text: 'site', origin: { kind: 'param', fn: 'A.f', index: 1 } } } };
    // Before the properties are set, the request is its initialiser's value; after, it carries them.
    expect(byMethod('h:').args).toEqual([{ kind: 'object', props: { url } }]);
    expect(byMethod('dataTaskWith:').args).toEqual([{ kind: 'object', props: { url, httpMethod: { kind: 'string', value: 'POST' }, httpBody: dictionary } }]);
  });
});

describe('checks on source in the shapes of the labelled apps (test/fixtures/source-model)', () => {
  const run = async (dir: string) => (await scan({ inputs: [join(FIX, dir)], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
  const of = (f: Finding[], rule: string) => f.filter((x) => x.ruleId === rule);
  const session = (f: Finding) => `${f.location?.line} ${String(f.properties.api)} ${f.message.replace(/^.*? via /, '').replace(/\) in .*$/, ')').replace(/\.$/, '')}.`;

  it('Java, Agora 3.x: create and App-ID-only join with roles, no encryption, a user id over http', async () => {
    const f = await run('java-appid-only');
    expect(of(f, 'RTC102').map(session)).toEqual([
      '40 android3-create io/agora/rtc/RtcEngine.create(appId="a1b2…8f90").',
      '45 android3-join-channel io/agora/rtc/RtcEngine.joinChannel(channel=channelName, uid=0, token=null).',
    ]);
    expect(of(f, 'RTC102').every((x) => x.properties.route === 'source-call')).toBe(true);
    expect(of(f, 'RTC404').map((x) => x.location?.line)).toEqual([45]);
    expect(of(f, 'RTC304').map((x) => x.location?.line)).toEqual([45]);
    expect(of(f, 'RTC301').map((x) => [x.location?.line, x.properties.identifier, x.properties.host])).toEqual([[52, 'userId', '203.0.113.40']]);
  }, 120_000);

  it('Kotlin, Agora 4.x: typed overload gives the uid role, an untyped local of create, encryption, a channel in an OkHttp template', async () => {
    const f = await run('kotlin-encrypted');
    expect(of(f, 'RTC102').map(session)).toEqual([
      '22 android-join-channel io/agora/rtc2/RtcEngine.joinChannel(channel=channelName, uid=uid, token=token).',
      '33 android-create io/agora/rtc2/RtcEngine.create(appId=appId).',
    ]);
    expect(of(f, 'RTC304')).toEqual([]);
    expect(of(f, 'RTC404')).toEqual([]);
    const flow = of(f, 'RTC301');
    expect(flow.map((x) => [x.location?.line, x.properties.identifier, x.properties.host])).toEqual([[25, 'channel', '198.51.100.7']]);
  }, 120_000);

  it('Dart, agora_rtc_engine 6.x: top-level factory, initialize with the App ID, a named-argument join with an empty token', async () => {
    const f = await run('flutter6');
    expect(of(f, 'RTC102').map(session)).toEqual([
      '13 flutter-initialize RtcEngine.initialize(appId="0f1e…e1f0").',
      '15 flutter-join-channel RtcEngine.joinChannel(channel="lobby-room", uid=uid, token="").',
    ]);
    expect(of(f, 'RTC404').map((x) => x.location?.line)).toEqual([15]);
    expect(of(f, 'RTC304').map((x) => x.location?.line)).toEqual([15]);
  }, 120_000);

  it('Dart, agora_rtc_engine 4.x: static create and positional join; enableEncryption silences RTC304', async () => {
    const f = await run('flutter4');
    expect(of(f, 'RTC102').map(session)).toEqual([
      '12 flutter4-create RtcEngine.create(appId=Env.appId).',
      '17 flutter4-join-channel RtcEngine.joinChannel(channel=_channel.value, uid=0, token=_token).',
    ]);
    expect(of(f, 'RTC304')).toEqual([]);
  }, 120_000);

  it('Swift and Objective-C: selectors from Swift labels, App-ID-only joins, a user id in a format string over http', async () => {
    const swift = await run('swift-app');
    expect(of(swift, 'RTC102').map(session)).toEqual([
      '12 ios-shared-engine-app-id AgoraRtcEngineKit.sharedEngineWithAppId:delegate:(appId="1122…eeff").',
      '14 ios-join-3x AgoraRtcEngineKit.joinChannelByToken:channelId:info:uid:joinSuccess:(channel="class-7b", uid=0, token=null).',
    ]);
    expect(of(swift, 'RTC404').map((x) => x.location?.line)).toEqual([14]);
    const objc = await run('objc-app');
    expect(of(objc, 'RTC102').map(session)).toEqual([
      '15 ios-shared-engine-app-id AgoraRtcEngineKit.sharedEngineWithAppId:delegate:(appId="ffee…1100").',
      '20 ios-join-3x AgoraRtcEngineKit.joinChannelByToken:channelId:info:uid:joinSuccess:(channel=room, uid=0, token="").',
    ]);
    expect(of(objc, 'RTC301').map((x) => [x.location?.line, x.properties.identifier, x.properties.host])).toEqual([[21, 'userId', '192.0.2.15']]);
  }, 120_000);
});

describe('hostile source stays bounded', () => {
  const bounded = (src: string, path: string, ms = 8000) => {
    const t0 = performance.now();
    const r = readSourceCode(src, path);
    const dt = performance.now() - t0;
    expect(dt).toBeLessThan(ms);
    return r;
  };

  it('a 10 MB single line, deep nesting, unterminated strings and templates, a lone comment opener', () => {
    // 10 MB on one line: above the model's size bound, text only
    expect(bounded('a.b(c, "d" + e, ${f}) + '.repeat(420_000), 'Big.kt').notices.map((n) => n.id)).toEqual(['source/too-large']);
    // 1 MB on one line: modelled
    expect(bounded('a.b(c, "d" + e, ${f}) + '.repeat(42_000), 'Big.kt', 20_000).code?.calls.length).toBeGreaterThan(40_000);
    for (const lang of ['Deep.java', 'Deep.kt', 'Deep.swift', 'Deep.m', 'Deep.dart']) {
      bounded('f('.repeat(50_000) + ')'.repeat(10), lang);
      bounded('{'.repeat(50_000), lang);
      bounded('[x y:'.repeat(20_000), lang);
      bounded('"${"${"${"${"${"${"${"${"${"${x}"}"}"}"}"}"}"}"}"'.repeat(2000), lang);
      bounded('"\\(' .repeat(20_000), lang);
      bounded('val x = "unterminated\n'.repeat(20_000), lang);
      bounded('/*'.repeat(50_000), lang);
      bounded('a = b = c = '.repeat(20_000) + 'd;', lang);
      // matched deep nesting: messages in messages, calls in calls, a binding defined by itself
      bounded('void f() { ' + '['.repeat(20_000) + 'a b' + ']'.repeat(20_000) + '; }', lang);
      bounded('void f() { x = ' + 'g('.repeat(20_000) + ')'.repeat(20_000) + '; }', lang);
      bounded('var x = x.next()\nx = x.more()\nx.go()\n'.repeat(2000), lang);
    }
  }, 300_000);

  it('larger sources are text only, with a note', () => {
    const r = readSourceCode('x'.repeat(5 * 1024 * 1024), 'Gen.java');
    expect([r.code, r.notices.map((n) => n.id)]).toEqual([undefined, ['source/too-large']]);
  });
});
