// RTC401–RTC404 over hand-built facts with the shipped rule pack; tokens come from the vendors' own generators.
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import { credentialsCheck } from './credentials.js';
import { runChecks, facts, byRule } from '../../test/checks/harness.js';
import type { ApiCallFact, JsValue } from '../core/facts.js';

const require = createRequire(import.meta.url);
const APP_ID = '970ca35de60c44645bbae8a215061b33';
const CERT = '5cfd2fd1755d40ecb72977518be15d3b';

function agora007(channel: string, uid: number, expire = 3600): string {
  const { RtcTokenBuilder, RtcRole } = require('agora-token');
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, channel, uid, RtcRole.PUBLISHER, expire, expire);
}

function jwt(header: object, claims: object): string {
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const c = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${h}.${c}.${createHmac('sha256', 's').update(`${h}.${c}`).digest('base64url')}`;
}

function call(vendor: string, api: string, kind: ApiCallFact['kind'], args: Record<string, JsValue>, over: Partial<ApiCallFact> = {}): ApiCallFact {
  return { vendor, api, kind, args, callee: 'client.' + api, inVendorCode: false, line: 5, column: 1, ...over };
}

describe('credential rules over strings', () => {
  it('RTC401: an Agora App ID assigned to an agora-named constant, masked, with a value-free identity', () => {
    const f = runChecks([credentialsCheck], [
      facts('app.js', 'js', { strings: [{ value: APP_ID, kind: 'literal', line: 3, column: 22, snippet: `const AGORA_APP_ID = "${APP_ID}";` }] }),
    ]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'RTC401', properties: { category: 'credential', vendor: 'agora', credentialKind: 'identifier', credentialRule: 'app-id' } });
    expect(f[0]!.message).toContain('970c…1b33');
    expect(f[0]!.message).not.toContain(APP_ID);
    expect(f[0]!.identity).not.toContain(APP_ID);
    expect(f[0]!.identity).toMatch(/^agora\|app-id\|#[0-9a-f]{16}$/);
    const shown = runChecks([credentialsCheck], [facts('app.js', 'js', { strings: [{ value: APP_ID, kind: 'literal', snippet: `agoraAppId: '${APP_ID}'` }] })], { showSecrets: true });
    expect(shown[0]!.message).toContain(APP_ID);
  });

  it('a 32-hex MD5 without vendor context, and credentials in comments, are not reported', () => {
    const f = runChecks([credentialsCheck], [
      facts('app.js', 'js', {
        strings: [
          { value: '9e107d9d372bb6826bd81d3542a419d6', kind: 'literal', snippet: 'const checksum = "9e107d9d372bb6826bd81d3542a419d6";' },
          { value: ` agora app id ${APP_ID}, token ${agora007('c', 1)} `, kind: 'comment' },
          { value: 'AgoraRtcEngineKit', kind: 'objc-class' },
        ],
      }),
    ]);
    expect(f).toEqual([]);
  });

  it('RTC402: an App Certificate is a secret, and the same value is not reported again as an App ID', () => {
    const f = runChecks([credentialsCheck], [
      facts('app.js', 'js', { strings: [{ value: CERT, kind: 'literal', snippet: `const AGORA_APP_CERTIFICATE = "${CERT}"` }] }),
    ]);
    expect(f.map((x) => x.ruleId)).toEqual(['RTC402']);
    expect(f[0]!.properties.credentialRule).toBe('app-certificate');
  });

  it('a role-named literal is credited to the vendor a package named after it wraps (zego-uikit-prebuilt-call-rn is not a rules package)', () => {
    const secret = '0f3e5a7c9b1d2e4f6a8b0c1d2e3f4a5b';
    const strings = [{ value: secret, kind: 'literal' as const, line: 4, column: 22, binding: 'SERVER_SECRET', snippet: `const SERVER_SECRET = "${secret}";` }];
    const withKit = runChecks([credentialsCheck], [facts('src/keys.js', 'js', { strings, libraries: [{ name: 'zego-uikit-prebuilt-call-rn', kind: 'npm', line: 1, column: 1 }] })]);
    expect(withKit.map((x) => [x.ruleId, x.properties.vendor, x.properties.credentialRule])).toEqual([['RTC402', 'zegocloud', 'server-secret']]);
    // The same literal in a file that names no vendor is nobody's credential.
    expect(runChecks([credentialsCheck], [facts('src/keys.js', 'js', { strings, libraries: [{ name: 'react-native-webview', kind: 'npm', line: 1, column: 1 }] })])).toEqual([]);
  });

  it('RTC401 from Info.plist: the Clubhouse AGORA_KEY case', () => {
    const f = runChecks([credentialsCheck], [
      facts('club.ipa!/Payload/Club.app/Info.plist', 'plist', { config: [{ key: 'AGORA_KEY', value: APP_ID, line: 20 }] }),
    ]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'RTC401', location: { line: 20 } });
    expect(f[0]!.message).toContain('config AGORA_KEY');
  });

  it('RTC403: an embedded Agora 007 token is decoded: channel, uid and expiry in the message', () => {
    const t = agora007('clubroom-7', 2882341273);
    const all = runChecks([credentialsCheck], [facts('app.js', 'js', { strings: [{ value: t, kind: 'literal', line: 9 }] })]);
    // The App ID the token carries is a credential of its own.
    expect(all.filter((x) => x.ruleId === 'RTC401').map((x) => x.message)).toEqual([expect.stringContaining('970c…1b33 is hardcoded (inside the token 007e…')]);
    const f = all.filter((x) => x.ruleId !== 'RTC401');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'RTC403', properties: { tokenFormat: 'agora-007', channel: 'clubroom-7', user: '2882341273', appId: '970c…1b33' } });
    expect(f[0]!.level).toBeUndefined();
    expect(f[0]!.message).toMatch(/grants channel\/room "clubroom-7" to user "2882341273".*expires \d{4}-/);
    expect(f[0]!.message).not.toContain(t);
  });

  it('RTC403: an expired 006 token in a Hermes string is downgraded to a note', () => {
    const { AccessToken, priviledges } = require('agora-token/src/AccessToken.js');
    const at = new AccessToken(APP_ID, CERT, 'old-room', 5);
    at.ts = 1_600_000_000;
    at.addPriviledge(priviledges.kJoinChannel, 0);
    const t: string = at.build();
    const all = runChecks([credentialsCheck], [facts('main.jsbundle', 'hermes', { strings: [{ value: t, kind: 'hermes-string', offset: 44 }] })]);
    expect(all.filter((x) => x.ruleId === 'RTC401')).toHaveLength(1);
    const f = all.filter((x) => x.ruleId !== 'RTC401');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'RTC403', level: 'note', properties: { tokenFormat: 'agora-006' } });
    expect(f[0]!.message).toMatch(/a channel with CRC32 [0-9a-f]{8}.*expired 2020-09-13/);
  });

  it('Tencent: UserSig (from tls-sig-api-v2) and an SDKSecretKey in the GenerateTestUserSig pattern', () => {
    const { Api } = require('tls-sig-api-v2');
    const key = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
    const sig: string = new Api(1400000001, key).genUserSig('alice-1', 86400);
    const f = runChecks([credentialsCheck], [
      facts('app.js', 'js', {
        strings: [
          { value: sig, kind: 'literal', line: 4, snippet: `const userSig = '${sig.slice(0, 20)}` },
          { value: key, kind: 'literal', line: 5, snippet: `const SECRETKEY = '${key}';` },
        ],
      }),
    ]);
    const token = byRule(f, 'RTC403');
    expect(token).toHaveLength(1);
    expect(token[0]!.properties).toMatchObject({ vendor: 'tencent-trtc', tokenFormat: 'tencent-usersig', user: 'alice-1', appId: '14…01' });
    expect(byRule(f, 'RTC402')[0]!.properties).toMatchObject({ vendor: 'tencent-trtc', credentialRule: 'sdk-secret-key' });
  });

  it('Twilio and LiveKit access tokens (JWT) name room and identity', () => {
    const now = Math.floor(Date.now() / 1000);
    const tw = jwt({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' }, { jti: 'x', iss: 'SK' + '1'.repeat(32), sub: 'AC' + '2'.repeat(32), exp: now + 600, grants: { identity: 'bob', video: { room: 'standup' } } });
    const lk = jwt({ alg: 'HS256', typ: 'JWT' }, { iss: 'APIkey', sub: 'carol', exp: now + 600, video: { room: 'r9', roomJoin: true } });
    const f = byRule(runChecks([credentialsCheck], [facts('app.js', 'js', { strings: [{ value: tw, kind: 'literal' }, { value: lk, kind: 'literal' }] })]), 'RTC403');
    expect(f.map((x) => [x.properties.vendor, x.properties.channel, x.properties.user])).toEqual([['twilio', 'standup', 'bob'], ['livekit', 'r9', 'carol']]);
  });
});

describe('credentials passed to vendor APIs', () => {
  it('literal appId and token arguments; null/""/undefined token at a join is RTC404', () => {
    const t = agora007('lobby', 9);
    const f = runChecks([credentialsCheck], [
      facts('app.js', 'js', {
        apiCalls: [
          call('agora', 'web-join', 'join', { appId: { kind: 'string', value: APP_ID }, channel: { kind: 'string', value: 'lobby' }, token: { kind: 'string', value: t } }),
          call('agora', 'web-join', 'join', { appId: { kind: 'unknown', text: 'cfg.appId' }, channel: { kind: 'string', value: 'a' }, token: { kind: 'null' } }),
          call('agora', 'web3-join', 'join', { token: { kind: 'undefined' }, channel: { kind: 'string', value: 'b' } }),
          call('zegocloud', 'rn-login-room', 'join', { channel: { kind: 'string', value: 'c' }, token: { kind: 'string', value: '' } }),
          call('agora', 'web-join', 'join', { channel: { kind: 'string', value: 'd' }, token: { kind: 'unknown', text: 'await fetchToken()' } }),
          call('agora', 'web-join', 'join', { channel: { kind: 'string', value: 'e' }, token: { kind: 'string', value: 'token-from-server' } }),
        ],
      }),
    ]);
    expect(byRule(f, 'RTC401')).toHaveLength(1);
    expect(byRule(f, 'RTC401')[0]!.message).toContain('appId argument of client.web-join');
    // The real 007 token is decoded; the 'token-from-server' placeholder is not a credential.
    expect(byRule(f, 'RTC403')).toHaveLength(1);
    expect(byRule(f, 'RTC403')[0]!.properties).toMatchObject({ channel: 'lobby', user: '9' });
    const noToken = byRule(f, 'RTC404');
    expect(noToken.map((x) => x.properties.vendor)).toEqual(['agora', 'agora', 'zegocloud']);
    expect(noToken[0]!.message).toMatch(/joins with token null: the project must accept joins without a token/);
    expect(noToken[2]!.message).toContain('token ""');
    expect(new Set(noToken.map((x) => x.identity)).size).toBe(3);
  });

  it('ignores vendor-internal calls and non-join calls for RTC404; numeric app ids count as identifiers', () => {
    const f = runChecks([credentialsCheck], [
      facts('app.js', 'js', {
        apiCalls: [
          call('agora', 'web-join', 'join', { channel: { kind: 'string', value: 'a' }, token: { kind: 'null' } }, { inVendorCode: true }),
          call('agora', 'web-create-client', 'init', { token: { kind: 'null' } }),
          call('zegocloud', 'web-engine', 'init', { appId: { kind: 'number', value: 1739272706 } }),
        ],
      }),
    ]);
    expect(f.map((x) => x.ruleId)).toEqual(['RTC401']);
    expect(f[0]!.message).toContain('17…06');
    // The literal has no `appID =` prefix for the rule's regex, but the argument role makes it the vendor's App ID.
    expect(f[0]!.properties.credentialRule).toBe('app-id');
  });
});
