// Identifier flows across app modules (test/fixtures/realapp-crossmodule, written for these tests with made-up
// values in the patterns of eval/realapps `JANnessA/Chat-App`): screens call exported helpers of another module whose
// requests go through a shared wrapper to `axios(options)`, to a cleartext LAN backend.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';

const DIR = join(ROOT, 'test/fixtures/realapp-crossmodule');
let findings: Finding[] = [];

beforeAll(async () => {
  const r = await scan({ inputs: [DIR], rules: defaultRulePack(), workers: 0 });
  findings = r.bundles.flatMap((b) => b.findings);
}, 300_000);

const file = (a: string | undefined) => (a ?? '').replace(/^.*realapp-crossmodule\//, '');
const flows = () =>
  findings
    .filter((f) => f.ruleId === 'RTC301')
    .map((f) => `${file(f.location?.artifact)}:${f.location?.line} ${f.properties?.identifier} ${String(f.message.match(/\(([^)]*)\)/)?.[1] ?? '')}`)
    .sort();

describe('cleartext flows across app modules', () => {
  it('follows an RTC channel argument into an exported helper of another module and its shared request wrapper', () => {
    expect(flows()).toContain('src/helpers/network.js:21 channel http://10.20.30.40:8080/v1/calls/leave');
    const f = findings.find((x) => x.ruleId === 'RTC301' && file(x.location?.artifact) === 'src/helpers/network.js' && x.location?.line === 21)!;
    // The codeFlow starts at the join in the screen and ends at the wrapper's axios call.
    const steps = f.flow!.map((s) => `${file(s.artifact)}:${s.line}`);
    expect(steps[0]).toBe('src/screens/RoomCall.js:16');
    expect(steps[steps.length - 1]).toBe('src/helpers/api.js:11');
    expect(steps).toContain('src/screens/RoomCall.js:20');
    // Located at the call of the shared wrapper, where this request's URL and data are written.
    expect(f.flow![f.flow!.length - 2]!.message).toBe('channel sent through Client.send');
  });

  it('a name the app passes to the SDK as the channel (threadId, not in the vocabulary) is an identifier in every file', () => {
    expect(flows().filter((x) => x.startsWith('src/'))).toEqual([
      'src/helpers/network.js:13 threadId the app passes it to RtcEngine.joinChannel as channel',
      'src/helpers/network.js:21 channel http://10.20.30.40:8080/v1/calls/leave',
      'src/helpers/network.js:5 threadId the app passes it to RtcEngine.joinChannel as channel',
    ]);
    const begin = findings.find((x) => x.ruleId === 'RTC301' && x.location?.line === 13)!;
    expect(begin.message).toContain('http://10.20.30.40:8080/v1/calls/begin');
    expect(file(begin.flow![0]!.artifact)).toBe('src/screens/Thread.js');
  });

  it('an identifier-shaped name the app never gives the SDK (themeId) stays out', () => {
    expect(findings.filter((x) => x.ruleId === 'RTC301' && /themeId|\/theme/.test(x.message))).toEqual([]);
  });
});

describe('hosts that are not endpoints', () => {
  const hosts = () =>
    findings
      .filter((f) => /^RTC20[1-4]$/.test(f.ruleId))
      .map((f) => `${f.ruleId} ${f.properties?.host} ${file(f.location?.artifact)}:${f.location?.line}`)
      .sort();

  it('a sign-in provider id with a host\'s shape (Dart OAuthProvider("apple.com")) is not an endpoint; a URL beside it is', () => {
    expect(hosts().filter((h) => h.includes('lib/auth/'))).toEqual(['RTC202 rooms.example-app.io lib/auth/apple_sign_in.dart:3']);
  });

  it('a link an error message points its reader to ("See http://goo.gl/…") is not an endpoint; a fetched URL is', () => {
    expect(hosts().filter((h) => h.includes('server/'))).toEqual(['RTC202 push.example-app.io server/dist/scheduler.js:5']);
  });
});

describe('vendor tokens by their shape', () => {
  const creds = () =>
    findings
      .filter((f) => /^RTC40[123]$/.test(f.ruleId))
      .map((f) => `${f.ruleId} ${f.properties?.vendor} ${f.properties?.credentialRule} ${file(f.location?.artifact)}:${f.location?.line}`)
      .sort();

  it('a 100ms management token (JWT with an access_key claim) in a Python script', () => {
    expect(creds()).toContain('RTC403 hms access-token scripts/create_rooms.py:4');
  });

  it('an OpenTok REST JWT (an "ist" claim) passed as the X-OPENTOK-AUTH header', () => {
    expect(creds()).toContain('RTC403 vonage rest-jwt web/js/broadcast.js:9');
  });

  it('a comment that is only an Agora token which decodes is a credential; a sentence quoting part of one is not', () => {
    const dart = creds().filter((c) => c.includes('lib/main.dart'));
    // The App ID the token carries is reported with it, as for a token in a string.
    expect(dart).toEqual(['RTC401 agora app-id lib/main.dart:7', 'RTC403 agora token-007 lib/main.dart:7']);
    const f = findings.find((x) => x.ruleId === 'RTC403' && file(x.location?.artifact) === 'lib/main.dart')!;
    expect(f.message).toContain('demoRoom');
  });
});

describe('session starts', () => {
  it('the same join twice in one function (cached token, then a fetched one) is two results with distinct identities', () => {
    const joins = findings.filter((f) => f.ruleId === 'RTC102' && file(f.location?.artifact).endsWith('CallController.kt'));
    expect(joins.map((f) => f.location?.line)).toEqual([13, 17]);
    expect(new Set(joins.map((f) => f.identity)).size).toBe(2);
    expect(joins[1]!.identity).toBe(`${joins[0]!.identity}|occurrence=2`);
  });
});

describe('Dart requests', () => {
  const dart = () =>
    findings
      .filter((f) => f.ruleId === 'RTC301' && file(f.location?.artifact) === 'lib/services/presence.dart')
      .map((f) => `${f.location?.line} ${f.properties?.identifier} ${f.properties?.sink}`)
      .sort();

  it('identifiers in the URL (through Uri.parse) or the body of package:http, Dio and GetConnect requests over http', () => {
    expect(dart()).toEqual(['10 userId http', '11 roomId http', '12 userId dio', '21 deviceId getconnect']);
  });
});

describe('bounded', () => {
  it('modules that import each other (a cycle) and a helper calling itself through another module end, with the flow found', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-cycle-'));
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'src/a.js'), "import {b} from './b';\nexport function a(params, n) {\n  if (n > 0) return b(params, n - 1);\n  return fetch('http://192.0.2.10/rooms', {method: 'POST', body: JSON.stringify(params)});\n}\n");
      writeFileSync(join(dir, 'src/b.js'), "import {a} from './a';\nexport function b(params, n) {\n  return a(params, n);\n}\n");
      writeFileSync(join(dir, 'src/screen.js'), "import {a} from './a';\nexport function open(roomId) {\n  return a({roomId}, 3);\n}\n");
      const r = await scan({ inputs: [dir], rules: defaultRulePack(), workers: 0 });
      const flows = r.bundles.flatMap((b) => b.findings).filter((f) => f.ruleId === 'RTC301');
      expect(flows.map((f) => `${(f.location?.artifact ?? '').replace(/^.*rtcscan-cycle-[^/]+\//, '')}:${f.location?.line} ${f.properties?.identifier}`)).toContain('src/a.js:4 roomId');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
