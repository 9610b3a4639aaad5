// Identifier flows whose request URL one file does not complete by itself (scanner/checks/app-flows.ts): a URL
// constant another file declares (a Swift computed property and a static built from it), a helper whose URL
// parameter its caller builds, a Kotlin constructor argument stored in a field, Retrofit interfaces, a payload
// parameter whose caller passes a map another file's function builds — on made-up sources
// (test/fixtures/app-flows), each folder scanned as an app.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/app-flows');
const run = async (dir: string) => (await scan({ inputs: [join(FIX, dir)], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
const flows = (f: Finding[]) => f.filter((x) => x.ruleId === 'RTC301').map((x) => `${x.location?.artifact.split('/').pop()}:${x.location?.line} ${String(x.properties.identifier)} ${String(x.properties.host)}`);

describe('cleartext flows completed by another file of the app', () => {
  it('Swift: a request to a static constant built from a computed BASE_URL in Constants.swift', async () => {
    const f = await run('swift-constants');
    // The getter's cleartext return to a public host is the base (not the LAN test server); the https constant gives no finding.
    expect(flows(f)).toEqual(['GameViewController.swift:10 roomId 198.51.100.7']);
    const flow = f.find((x) => x.ruleId === 'RTC301')!;
    expect(flow.message).toContain('http://198.51.100.7:9000/game/start');
  }, 120_000);

  it('Swift: a helper requests its URL parameter; the finding is the call that put the identifier in it', async () => {
    const f = await run('swift-helper');
    expect(flows(f)).toEqual(['ShareDialog.swift:7 userId img.example.org']);
    const flow = f.find((x) => x.ruleId === 'RTC301')!;
    expect(flow.flow!.map((s) => s.line)).toEqual([7, 7, 13]);
    expect(flow.flow![2]!.message).toContain('URLSession');
  }, 120_000);

  it('Kotlin: a field set in the constructor from its URL parameter; the constructor call in another file gives the host', async () => {
    const f = await run('kotlin-ctor');
    expect(flows(f)).toEqual(['TokenFetcher.kt:14 identity tokens.example.org']);
  }, 120_000);

  it('Retrofit: @GET/@POST methods of an interface are requests to the baseUrl another file configures', async () => {
    const f = await run('java-retrofit');
    // `presence` continues the base path, `/rooms/…` replaces it; `health` carries no identifier.
    expect(flows(f)).toEqual(['PresenceApi.java:12 userId api.example.com', 'PresenceApi.java:15 roomId api.example.com']);
    const urls = f.filter((x) => x.ruleId === 'RTC301').map((x) => x.message.match(/\((http:[^)]*)\)/)?.[1]);
    expect(urls).toEqual(['http://api.example.com/v1/presence', 'http://api.example.com/rooms/{roomId}/join']);
  }, 120_000);

  it('Retrofit with two base URLs in the app: which one an interface uses is unknown, so no finding', async () => {
    expect(flows(await run('kotlin-retrofit-two-bases'))).toEqual([]);
  }, 120_000);

  it('Dart: a request helper posts its Map parameter; the caller passes a model\'s toMap() built in a third file', async () => {
    const f = await run('dart-payload');
    expect(flows(f)).toEqual(['signal_api.dart:7 roomId signal.example.org']);
  }, 120_000);

  it('a constant name two files declare is not resolved (no finding rather than a guess)', async () => {
    expect(flows(await run('ambiguous'))).toEqual([]);
  }, 120_000);
});

describe('source model: an empty mutable field', () => {
  it('is a placeholder another file sets unless it is private (then its empty value is its value)', async () => {
    const { readSourceCode } = await import('../../scanner/formats/source/index.js');
    const src = [
      'class CallViewController {',
      '    var roomId: String = ""',
      '    private var token: String = ""',
      '    fileprivate var tag: String = ""',
      '    func join() {',
      '        send(roomId, token, tag)',
      '    }',
      '}',
    ].join('\n');
    const model = readSourceCode(src, 'CallViewController.swift').code!;
    const call = model.calls.find((c) => c.method.startsWith('send'))!;
    expect(call.args.map((a) => a.kind)).toEqual(['unknown', 'string', 'string']);
    const kotlin = readSourceCode('class A {\n  var uid: String = ""\n  private var key: String = ""\n  fun f() { send(uid, key) }\n}', 'A.kt').code!;
    expect(kotlin.calls.find((c) => c.method === 'send')!.args.map((a) => a.kind)).toEqual(['unknown', 'string']);
    const java = readSourceCode('class B {\n  String uid = "";\n  private String key = "";\n  void f() { send(uid, key); }\n}', 'B.java').code!;
    expect(java.calls.find((c) => c.method === 'send')!.args.map((a) => a.kind)).toEqual(['unknown', 'string']);
  });
});
