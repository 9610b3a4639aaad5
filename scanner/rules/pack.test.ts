// Tests of the shipped rule pack (rules/): it loads, every vendor is sourced, credential and version regexes behave on
// real-shaped inputs, bad rule files fail with a message naming file and field, and host attribution is exact.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadRulePack, defaultRulesDir, RuleError, type RulePack } from './pack.js';
import type { CredentialRule, VendorRule } from './schema.js';

const require = createRequire(import.meta.url);

let pack: RulePack;
beforeAll(() => {
  pack = loadRulePack();
});

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');
function cred(vendor: string, id: string): CredentialRule {
  const c = pack.vendorById.get(vendor)?.credentials.find((x) => x.id === id);
  if (!c) throw new Error(`no credential ${vendor}/${id}`);
  return c;
}
/** What a gitleaks-style scanner does with one string: keyword prefilter, regex, group, allowlist. */
function scan(c: CredentialRule, text: string): string[] {
  const lower = text.toLowerCase();
  if (c.keywords.length && !c.keywords.some((k) => lower.includes(k))) return [];
  const re = new RegExp(c.regex, 'g');
  const allow = c.allowlist.map((a) => new RegExp(a));
  const out: string[] = [];
  for (const m of text.matchAll(re)) {
    const v = m[c.group];
    if (v !== undefined && !allow.some((a) => a.test(v))) out.push(v);
  }
  return out;
}
function hs256(header: object, payload: object, secret: string): string {
  const h = b64url(JSON.stringify(header));
  const p = b64url(JSON.stringify(payload));
  return `${h}.${p}.${createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`;
}

describe('shipped rule pack', () => {
  it('loads with the required vendors and all check rules', () => {
    const required = [
      'agora', 'tencent-trtc', 'zegocloud', 'netease-yunxin', 'alibaba-rtc', 'volcengine-rtc', 'baidu-rtc',
      'huawei-sparkrtc', 'twilio', 'vonage', 'livekit', 'daily', 'amazon-chime', 'hms', 'zoom-video-sdk',
      'dolby-millicast', 'stream-video', 'sendbird-calls', 'jitsi', 'webrtc',
    ];
    for (const id of required) expect(pack.vendorById.has(id), id).toBe(true);
    expect(pack.vendors.length).toBeGreaterThanOrEqual(21);
    expect(pack.vocabulary.identifiers.length).toBeGreaterThan(20);
  });

  it('has every vendor sourced: jurisdiction, endpoints, SDK identifiers, APIs, credentials', () => {
    for (const v of pack.vendors) {
      expect(v.jurisdiction.country, v.id).toMatch(/^[A-Z]{2}$/);
      expect(v.jurisdiction.headquarters.length, v.id).toBeGreaterThan(0);
      expect(v.jurisdiction.sources.length, v.id).toBeGreaterThan(0);
      expect(v.endpoints.sources.length, v.id).toBeGreaterThan(0);
      expect(v.sdk.sources.length, v.id).toBeGreaterThan(0);
      for (const a of v.apis) expect(a.sources.length, `${v.id}/${a.id}`).toBeGreaterThan(0);
      for (const c of v.credentials) expect(c.sources.length, `${v.id}/${c.id}`).toBeGreaterThan(0);
      // PRC vendors carry the regime; the protocol pseudo-vendor uses the ZZ convention and nothing else does.
      if (v.jurisdiction.regime === 'PRC') expect(v.jurisdiction.country, v.id).toBe('CN');
      if (v.jurisdiction.country === 'CN') expect(v.jurisdiction.regime, v.id).toBe('PRC');
      expect(v.entity === 'protocol', v.id).toBe(v.jurisdiction.country === 'ZZ');
    }
    const prc = pack.vendors.filter((v) => v.jurisdiction.regime === 'PRC').map((v) => v.id).sort();
    expect(prc).toEqual(['agora', 'alibaba-rtc', 'baidu-rtc', 'huawei-sparkrtc', 'netease-yunxin', 'rongcloud', 'tencent-trtc', 'volcengine-rtc', 'zegocloud']);
  });

  it('keeps API references consistent (type: receivers, residency apis, JVM class names, argValues)', () => {
    for (const v of pack.vendors) {
      const returns = new Set(v.apis.map((a) => a.returns).filter(Boolean));
      for (const a of v.apis) {
        for (const r of a.receiver ?? []) if (r.startsWith('type:')) expect(returns.has(r.slice(5)), `${v.id}/${a.id} ${r}`).toBe(true);
        if (a.platform === 'android') expect(a.class, `${v.id}/${a.id}`).toMatch(/^[A-Za-z0-9_$]+(?:\/[A-Za-z0-9_$]+)+$/);
        for (const k of Object.keys(a.argValues ?? {})) expect(Number(k), `${v.id}/${a.id}`).toBeLessThan(a.args.length);
      }
      for (const id of v.residency?.apis ?? []) expect(v.apis.some((a) => a.id === id), `${v.id} residency ${id}`).toBe(true);
    }
  });

  it('declares JSX component APIs as components imported from one of the vendor\'s own packages', () => {
    const jsx = pack.vendors.flatMap((v) => v.apis.filter((a) => a.jsx).map((a) => ({ v, a })));
    expect(jsx.map(({ a }) => a.method).sort()).toEqual(expect.arrayContaining(['DailyProvider', 'LiveKitRoom']));
    for (const { v, a } of jsx) {
      expect(a.platform, `${v.id}/${a.id}`).toBe('js');
      expect(a.method, `${v.id}/${a.id}`).toMatch(/^[A-Z][A-Za-z0-9]*$/); // React components are capitalised
      expect(a.receiver?.length, `${v.id}/${a.id}`).toBeGreaterThan(0);
      for (const r of a.receiver ?? []) expect(v.sdk.js?.packages, `${v.id}/${a.id} ${r}`).toContain(r);
      expect(Object.keys(a.props).length, `${v.id}/${a.id}`).toBeGreaterThan(0);
    }
  });

  it('claims only vendor-owned domains: no generic clouds/CDNs, no suffix owned by two vendors', () => {
    const generic = ['cloudfront.net', 'amazonaws.com', 'aliyuncs.com', 'alicdn.com', 'akamaized.net', 'azureedge.net',
      'googleapis.com', 'fastly.net', 'qq.com', 'bytedance.com', 'zijieapi.com', 'volces.com', '126.net', '127.net', 'github.com'];
    const all: Array<[string, string]> = pack.vendors.flatMap((v) => v.endpoints.domains.map((d) => [d, v.id] as [string, string]));
    for (const [d, id] of all) {
      expect(generic, `${id} claims ${d}`).not.toContain(d);
      expect(d, id).toBe(d.toLowerCase());
      for (const [e, other] of all) {
        if (other !== id) expect(e.endsWith(`.${d}`), `${other}:${e} is under ${id}:${d}`).toBe(false);
      }
    }
  });

  it('gives each SDK identifier to one vendor only', () => {
    const seen = new Map<string, string>();
    for (const v of pack.vendors) {
      const ids = [
        ...(v.sdk.js?.packages ?? []).map((x) => `npm:${x}`),
        ...(v.sdk.js?.globals ?? []).map((x) => `global:${x}`),
        ...(v.sdk.js?.nativeModules ?? []).map((x) => `rn-module:${x}`),
        ...(v.sdk.android?.packages ?? []).map((x) => `java:${x}`),
        ...(v.sdk.android?.nativeLibs ?? []).map((x) => `so:${x}`),
        ...(v.sdk.android?.maven ?? []).map((x) => `maven:${x}`),
        ...(v.sdk.ios?.pods ?? []).map((x) => `pod:${x}`),
        ...(v.sdk.ios?.frameworks ?? []).map((x) => `fw:${x}`),
      ];
      for (const x of ids) {
        expect(seen.get(x), `${x} claimed by ${seen.get(x)} and ${v.id}`).toBeUndefined();
        seen.set(x, v.id);
      }
    }
  });
});

describe('vendorForHost', () => {
  it('attributes subdomains and exact registrable domains', () => {
    expect(pack.vendorForHost('foo.agora.io')?.id).toBe('agora');
    expect(pack.vendorForHost('agora.io')?.id).toBe('agora');
    expect(pack.vendorForHost('AP-WEB-1.AGORA.IO.')?.id).toBe('agora');
    expect(pack.vendorForHost('webrtc2-2.ap.sd-rtn.com')?.id).toBe('agora');
    expect(pack.vendorForHost('accesshub-wss.coolzcloud.com')?.id).toBe('zegocloud');
    expect(pack.vendorForHost('rs.rtn.aliyuncs.com')?.id).toBe('alibaba-rtc');
    expect(pack.vendorForHost('static.sdkassets.chime.aws')?.id).toBe('amazon-chime');
    expect(pack.vendorForHost('gll.vss.twilio.com')?.id).toBe('twilio');
    expect(pack.vendorForHost('rtc-access.bytedance.com')?.id).toBe('volcengine-rtc');
  });
  it('does not attribute lookalikes or shared cloud hosts', () => {
    expect(pack.vendorForHost('agora-gardens.example')).toBeUndefined();
    expect(pack.vendorForHost('notagora.io')).toBeUndefined();
    expect(pack.vendorForHost('agora.io.evil.example')).toBeUndefined();
    expect(pack.vendorForHost('mybucket.oss-cn-hangzhou.aliyuncs.com')).toBeUndefined();
    expect(pack.vendorForHost('d111111abcdef8.cloudfront.net')).toBeUndefined();
    expect(pack.vendorForHost('www.bytedance.com')).toBeUndefined();
    expect(pack.vendorForHost('stun.l.google.com')).toBeUndefined();
  });
  it("attributes a shared cloud domain's hosts named after the vendor's own account, and only those", () => {
    // tencent-trtc's accountHosts: Tencent Cloud names resources `<name>-<APPID>` on its shared domains.
    expect(pack.vendorForHost('service-abcd1234-1252463788.gz.apigw.tencentcs.com')?.id).toBe('tencent-trtc');
    expect(pack.vendorForHost('assets-1252463788.cos.ap-guangzhou.myqcloud.com')?.id).toBe('tencent-trtc');
    expect(pack.vendorForHost('service-abcd1234-1300000001.gz.apigw.tencentcs.com')).toBeUndefined();
    expect(pack.vendorForHost('mybucket-1300000001.cos.ap-beijing.myqcloud.com')).toBeUndefined();
    expect(pack.vendorForHost('myqcloud.com')).toBeUndefined();
    expect(pack.vendorForHost('x-1252463788.example.com')).toBeUndefined();
    expect(pack.vendorForHost('tencentcs.com-1252463788.example')).toBeUndefined();
  });
});

describe('credential rules', () => {
  // Agora tokens built with Agora's own builder (agora-token@2.0.6, a devDependency); Tencent UserSig with
  // tls-sig-api-v2@1.0.2. Twilio/LiveKit JWTs are built here in the byte layout their server SDKs emit (checked
  // against twilio@5.13.1 and livekit-server-sdk@2.19.2 outputs: see the header literals below).
  const agoraAppId = hex(16);
  const agoraCert = hex(16);
  const AccessToken006 = require('agora-token/src/AccessToken.js') as {
    AccessToken: new (appId: string, cert: string, channel: string, uid: number) => { addPriviledge(p: number, ts: number): void; build(): string };
    priviledges: { kJoinChannel: number };
  };
  const { RtcTokenBuilder, RtcRole } = require('agora-token') as {
    RtcTokenBuilder: { buildTokenWithUid(a: string, c: string, ch: string, uid: number, role: number, t: number, p: number): string };
    RtcRole: { PUBLISHER: number };
  };
  const TLSSigAPIv2 = require('tls-sig-api-v2') as { Api: new (appid: number, key: string) => { genUserSig(id: string, expire: number): string } };

  const token006 = (() => {
    const t = new AccessToken006.AccessToken(agoraAppId, agoraCert, 'room-42', 1001);
    t.addPriviledge(AccessToken006.priviledges.kJoinChannel, Math.floor(Date.now() / 1000) + 3600);
    return t.build();
  })();
  const token007 = RtcTokenBuilder.buildTokenWithUid(agoraAppId, agoraCert, 'room-42', 1001, RtcRole.PUBLISHER, 3600, 3600);
  const tencentKey = hex(32);
  const userSig = new TLSSigAPIv2.Api(1400123456, tencentKey).genUserSig('alice', 86400);

  // Twilio: header literal observed in a token from twilio@5.13.1 AccessToken.toJwt() (HS256).
  const TWILIO_HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6InR3aWxpby1mcGE7dj0xIn0';
  const twilioSid = `AC${hex(16)}`;
  const twilioKey = `SK${hex(16)}`;
  const now = Math.floor(Date.now() / 1000);
  const twilioJwt = hs256(
    { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' },
    { jti: `${twilioKey}-${now}`, grants: { identity: 'alice', video: { room: 'r1' } }, iat: now, exp: now + 3600, iss: twilioKey, sub: twilioSid },
    hex(16),
  );
  // LiveKit: livekit-server-sdk@2.19.2 emits header {"alg":"HS256"} and puts the grants first in the payload.
  const livekitJwt = (name?: string) =>
    hs256({ alg: 'HS256' }, { ...(name === undefined ? {} : { name }), video: { roomJoin: true, room: 'r1' }, iss: 'APIabcdefghijk', exp: now + 3600, nbf: now, sub: 'alice' }, hex(16));

  // [vendor, credential id, positives, negatives]. Every credential in the pack must appear here.
  const cases: Array<[string, string, string[], string[]]> = [
    // A bare 32-hex string is every MD5: without "agora" in the text the prefilter must keep it out.
    ['agora', 'app-id', [`AGORA_APP_ID=${agoraAppId}`, `{ agoraAppId: "${agoraAppId}" }`],
      [agoraAppId, `agora ${hex(16).slice(1)}`, `agora x${agoraAppId}`, `agora ${agoraAppId.toUpperCase()}`, `agora ${'0'.repeat(32)}`,
        'agora d41d8cd98f00b204e9800998ecf8427e']],
    ['agora', 'app-certificate', [`AGORA_APP_CERTIFICATE=${agoraCert}`, `appCertificate: "${agoraCert}"`],
      [`AGORA_APP_ID=${agoraCert}`, `appCertificate: "${agoraCert.slice(1)}"`, agoraCert]],
    ['agora', 'token-006', [token006], [`006${agoraAppId}`, `007${agoraAppId}${'A'.repeat(60)}`, `x${token006}`]],
    ['agora', 'token-007', [token007], ['007eJ', `007${agoraAppId}`, token006]],
    ['tencent-trtc', 'sdk-app-id', ['sdkAppId: 1400123456', 'SDKAPPID = 1400123456', '"sdk_app_id":"20001234"'],
      ['timestamp: 1400123456', 'sdkAppId: abc']],
    ['tencent-trtc', 'sdk-secret-key', [`const SECRETKEY = '${tencentKey}';`, `secretKey: "${tencentKey}"`],
      [`const HASH = '${tencentKey}';`, `SECRETKEY = '${tencentKey.slice(2)}'`, `SECRETKEY = '${'0'.repeat(64)}'`]],
    ['tencent-trtc', 'user-sig', [`userSig: "${userSig}"`], [`token: "${userSig}"`, 'userSig: "eJwshort"']],
    ['zegocloud', 'app-sign', [`appSign: "${hex(32)}"`, `APP_SIGN="${randomBytes(48).toString('base64').toLowerCase().replace(/[^0-9a-z]/g, 'q').slice(0, 64)}"`],
      [`appSign: "${hex(31)}"`, `signature: "${hex(32)}"`, `appSign: "${'a'.repeat(64)}"`]],
    ['zegocloud', 'app-id', ['zego config: appID: 1234567890', 'ZEGO_APP_ID=987654321'], ['appID: 1234567890', 'zego roomID: 1234567890']],
    ['twilio', 'account-sid', [twilioSid, `sid=${twilioSid}`], [`AC${hex(15)}a`.slice(0, 33), `ac${hex(16)}`, `X${twilioSid}`, `AC${'0'.repeat(32)}`]],
    ['twilio', 'api-key-sid', [twilioKey], [`SK${hex(15)}`, `sk${hex(16)}`, `ASK${hex(16)}`]],
    ['twilio', 'auth-token-or-api-secret', [`TWILIO_AUTH_TOKEN=${hex(16)}`, `twilioApiSecret: "${randomBytes(24).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 32)}"`],
      [`AUTH_TOKEN=${hex(16)}`, `TWILIO_AUTH_TOKEN=${hex(15)}`]],
    ['twilio', 'access-token', [twilioJwt], [hs256({ alg: 'HS256', typ: 'JWT' }, { sub: 'x', grants: {} }, 'k'), livekitJwt()]],
    // 100ms: the access_key claim at each of its three base64url offsets (claims before it shift it), auth and
    // management tokens; a JWT without it (LiveKit, Twilio) is not one.
    ['hms', 'access-token', [
      hs256({ typ: 'JWT', alg: 'HS256' }, { access_key: hex(12), type: 'management', version: 2, iat: now, exp: now + 86400, jti: 'n' }, 'k'),
      hs256({ typ: 'JWT', alg: 'HS256' }, { a: 1, access_key: hex(12), room_id: hex(12), user_id: 'u1', role: 'host', type: 'app', version: 2 }, 'k'),
      hs256({ typ: 'JWT', alg: 'HS256' }, { ab: 1, access_key: hex(12), type: 'management', version: 2 }, 'k'),
    ], [livekitJwt(), twilioJwt, hs256({ alg: 'HS256' }, { key: hex(12), accesskey: 'x' }, 'k')]],
    // OpenTok REST JWT: the `ist` issuer-type claim at each offset; `iss` alone or `list` is not it.
    ['vonage', 'rest-jwt', [
      hs256({ typ: 'JWT', alg: 'HS256' }, { iss: '12345678', ist: 'project', iat: now, exp: now + 180 }, 'k'),
      hs256({ typ: 'JWT', alg: 'HS256' }, { ist: 'account', iss: '1234567', iat: now, exp: now + 180 }, 'k'),
      hs256({ typ: 'JWT', alg: 'HS256' }, { iss: '123456789', ist: 'project', iat: now }, 'k'),
    ], [livekitJwt(), hs256({ alg: 'HS256' }, { iss: '12345678', list: 'project' }, 'k'), hs256({ alg: 'HS256' }, { iss: '12345678', exp: now }, 'k')]],
    ['livekit', 'access-token', [livekitJwt(), livekitJwt(''), livekitJwt('x'), livekitJwt('xy')],
      [hs256({ alg: 'HS256' }, { video: { room: 'r1' }, sub: 'alice' }, 'k'), twilioJwt]],
    ['livekit', 'api-secret', [`LIVEKIT_API_SECRET=${randomBytes(32).toString('base64').replace(/[^A-Za-z0-9]/g, 'z').slice(0, 43)}`], [`API_SECRET=${hex(20)}`]],
    // opentok-token@1.1.1: 'T1==' + base64("partner_id=…&sig=…:session_id=…&create_time=…&role=publisher&nonce=…").
    ['vonage', 'legacy-token', [`T1==${Buffer.from(`partner_id=12345678&sig=${hex(20)}:session_id=1_MX4xMjM0NTY3OH4&create_time=${now}&role=publisher&nonce=0.5`).toString('base64')}`],
      ['T1==short', `T2==${Buffer.from('x'.repeat(60)).toString('base64')}`]],
    ['baidu-rtc', 'app-id', ['appmf3e64yj79e5', 'appId = "appkder0c7v9qes"'], ['appointmentsid', 'applicationsx', 'appmf3e64yj79e5x', 'myappmf3e64yj79e5']],
    ['webrtc', 'turn-credential', ['{"urls":"turn:turn.example.com:3478?transport=udp","username":"u1","credential":"s3cret-pass"}'],
      ['{"urls":"stun:stun.l.google.com:19302"}', '{"urls":"turn:turn.example.com","username":"u1"}']],
    // Config/env credentials: the setting's name carries the vendor and the role, the value's shape confirms it.
    ['agora', 'restful-customer-id', [`AGORA_CUSTOMER_ID=${hex(16)}`], [`CUSTOMER_ID=${hex(16)}`, `AGORA_CUSTOMER_ID=${hex(15)}`]],
    ['agora', 'restful-customer-secret', [`AGORA_CUSTOMER_SECRET="${hex(16)}"`], [`CUSTOMER_SECRET=${hex(16)}`]],
    ['livekit', 'api-key', ['LIVEKIT_API_KEY=APIx7Gk2mQpR9sTb', 'livekitApiKey: "APIabcdefghijk"'], ['LIVEKIT_API_KEY=devkey', 'API_KEY=APIx7Gk2mQpR9sTb']],
    ['zegocloud', 'server-secret', [`ZEGO_SERVER_SECRET=${hex(16)}`], [`SERVER_SECRET=${hex(16)}`, `ZEGO_SERVER_SECRET=${hex(15)}`]],
    // Token04: "04" + base64(8-byte big-endian expiry < 2^32, IV, ciphertext): the four zero bytes read "AAAAA".
    ['zegocloud', 'token04', [`token: "04${Buffer.concat([Buffer.alloc(4), randomBytes(90)]).toString('base64')}"`], [`04${randomBytes(94).toString('base64')}`.replace(/^04AAAAA/, '04AAAAB'), `04AAAAA${'x'.repeat(20)}`]],
    ['vonage', 'api-key', ['VONAGE_API_KEY=a1b2c3d4', 'OPENTOK_API_KEY=47123456'], ['API_KEY=a1b2c3d4', 'VONAGE_API_KEY=your_key']],
    ['vonage', 'api-secret', [`OPENTOK_API_SECRET=${hex(20)}`, 'VONAGE_API_SECRET=Ab3dEf6hIj9kLm2n'], [`API_SECRET=${hex(20)}`]],
    ['vonage', 'application-id', ['VONAGE_APPLICATION_ID=4f0a8e1c-2b3d-4e5f-8a9b-0c1d2e3f4a5b'], ['APPLICATION_ID=4f0a8e1c-2b3d-4e5f-8a9b-0c1d2e3f4a5b']],
    ['vonage', 'application-private-key', [`VONAGE_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\n${randomBytes(120).toString('base64')}\\n-----END PRIVATE KEY-----"`],
      [`PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\n${randomBytes(120).toString('base64')}\\n-----END PRIVATE KEY-----"`]],
    ['hms', 'app-access-key', [`HMS_APP_ACCESS_KEY=${hex(12)}`, `HMS_ACCESS_KEY=${hex(12)}`], [`ACCESS_KEY=${hex(12)}`, `HMS_ACCESS_KEY=${hex(11)}`]],
    ['hms', 'app-secret', [`HMS_APP_SECRET=${randomBytes(96).toString('base64url')}`], [`APP_SECRET=${randomBytes(96).toString('base64url')}`, 'HMS_SECRET=short']],
    ['daily', 'rest-api-key', [`DAILY_API_KEY=${hex(32)}`], [`API_KEY=${hex(32)}`, `DAILY_API_KEY=${hex(31)}`]],
    ['stream-video', 'api-key', ['STREAM_API_KEY=mmhfdzb5evj2'], ['API_KEY=mmhfdzb5evj2', 'STREAM_API_KEY=<your api key>']],
    ['stream-video', 'api-secret', [`STREAM_API_SECRET=${hex(32)}`], [`API_SECRET=${hex(32)}`, 'STREAM_API_SECRET=your_stream_secret']],
    ['zoom-video-sdk', 'sdk-key', ['ZOOM_VIDEO_SDK_KEY=Ab3dEf6hIj9kLm2nOp4q'], ['SDK_KEY=Ab3dEf6hIj9kLm2nOp4q', 'ZOOM_VIDEO_SDK_KEY=short']],
    ['zoom-video-sdk', 'sdk-secret', [`ZOOM_VIDEO_SDK_SECRET=${randomBytes(24).toString('base64url')}`], [`SDK_SECRET=${randomBytes(24).toString('base64url')}`]],
    ['sendbird-calls', 'app-id', ['SENDBIRD_APP_ID=4F0A8E1C-2B3D-4E5F-8A9B-0C1D2E3F4A5B'], ['APP_ID=4F0A8E1C-2B3D-4E5F-8A9B-0C1D2E3F4A5B']],
    ['sendbird-calls', 'api-token', [`SENDBIRD_API_TOKEN=${hex(20)}`], [`API_TOKEN=${hex(20)}`]],
  ];

  // Config keys as the readers give them (env names, YAML/JSON paths, camelCase plist keys, string resource names).
  const configCases: Array<[string, string, string, string, boolean]> = [
    ['livekit', 'api-key', 'NEXT_PUBLIC_LIVEKIT_API_KEY', 'APIx7Gk2mQpR9sTb', true],
    ['livekit', 'api-key', 'livekit/api_key', 'APIx7Gk2mQpR9sTb', true],
    ['livekit', 'api-key', 'LIVEKIT_API_KEY', 'devkey', false],
    ['livekit', 'api-secret', 'livekit/apiSecret', 'Xk9fQ2mW7pLrT4vB8nZc3yHd6sJa1eGu5oKi0qNw', true],
    ['agora', 'app-id', 'AgoraAppID', agoraAppId, true],
    ['agora', 'app-id', 'AGORA_KEY', agoraAppId, true],
    ['agora', 'app-id', 'APP_ID', agoraAppId, false],
    ['agora', 'app-certificate', 'Agora:AppCertificate', agoraCert, true],
    ['agora', 'app-certificate', 'agora_app_certificate', agoraCert.slice(2), false],
    ['tencent-trtc', 'sdk-app-id', 'buildConfigField/TRTC_SDK_APP_ID', '1400123456', true],
    ['tencent-trtc', 'sdk-secret-key', 'trtc.secretKey', tencentKey, true],
    ['zegocloud', 'app-sign', 'zego_app_sign', hex(32), true],
    ['twilio', 'auth-token-or-api-secret', 'twilio/authToken', hex(16), true],
    ['stream-video', 'api-key', 'VITE_STREAM_API_KEY', 'mmhfdzb5evj2', true],
  ];
  it.each(configCases)('config %s/%s: key %s', (vendor, id, key, value, expected) => {
    const c = cred(vendor, id);
    const norm = key.toLowerCase().replace(/[^a-z0-9]/g, '');
    const hit = c.configKeys.some((k) => norm.includes(k)) && new RegExp(`^(?:${c.configValue})$`).test(value);
    expect(hit).toBe(expected);
  });

  it('has a test case for every credential rule in the pack', () => {
    const covered = new Set(cases.map(([v, id]) => `${v}/${id}`));
    const all = pack.vendors.flatMap((v) => v.credentials.map((c) => `${v.id}/${c.id}`));
    expect(all.filter((x) => !covered.has(x))).toEqual([]);
  });

  it.each(cases)('%s/%s matches real-shaped positives and rejects lookalikes', (vendor, id, positives, negatives) => {
    const c = cred(vendor, id);
    for (const p of positives) expect(scan(c, p), `positive ${p.slice(0, 80)}`).toHaveLength(1);
    for (const n of negatives) expect(scan(c, n), `negative ${n.slice(0, 80)}`).toEqual([]);
  });

  it('identifier regexes also match a bare literal when anchored (how JS call-site matching uses them)', () => {
    const anchored = (v: string, id: string) => new RegExp(`^(?:${cred(v, id).regex})$`);
    expect(anchored('agora', 'app-id').test(agoraAppId)).toBe(true);
    expect(anchored('agora', 'app-id').test(agoraAppId + '0')).toBe(false);
    expect(anchored('twilio', 'account-sid').test(twilioSid)).toBe(true);
    expect(anchored('baidu-rtc', 'app-id').test('appmf3e64yj79e5')).toBe(true);
  });

  it('extracts the credential itself as the capture group', () => {
    expect(scan(cred('agora', 'token-006'), `token: "${token006}"`)).toEqual([token006]);
    expect(scan(cred('agora', 'token-007'), `"${token007}"`)).toEqual([token007]);
    expect(scan(cred('tencent-trtc', 'user-sig'), `userSig = "${userSig}"`)).toEqual([userSig]);
    expect(scan(cred('twilio', 'access-token'), twilioJwt)).toEqual([twilioJwt]);
    expect(twilioJwt.split('.')[0]).toBe(TWILIO_HEADER);
    expect(scan(cred('tencent-trtc', 'sdk-secret-key'), `SECRETKEY = '${tencentKey}'`)).toEqual([tencentKey]);
  });

  it('uses lowercase keywords, at most one regex group index that exists, and linear-time regexes', () => {
    const nested = /\((?:[^()\\]|\\.)*[*+](?:[^()\\]|\\.)*\)[*+{]/; // (x+)+ style nesting
    const adversarial = [
      'a'.repeat(20000), '0'.repeat(20000), 'eyJ' + 'A'.repeat(20000) + '.', `eyJ${'a'.repeat(300)}.eyJ${'InJvb21Kb2lu'.repeat(1500)}`,
      'T1==' + 'A'.repeat(20000), 'turn:' + 'x'.repeat(190) + '"' + ',"username":"'.repeat(1000), 'app1'.repeat(5000),
      'sdkAppId: '.repeat(2000), 'SECRETKEY = \''.repeat(1500), '007eJ' + '+'.repeat(20000), 'AC'.repeat(10000),
    ];
    for (const v of pack.vendors) {
      for (const c of v.credentials) {
        for (const k of c.keywords) expect(k, `${v.id}/${c.id}`).toBe(k.toLowerCase());
        const groups = new RegExp(`${c.regex}|`).exec('')!.length - 1;
        expect(c.group, `${v.id}/${c.id}`).toBeLessThanOrEqual(groups);
        for (const re of [c.regex, ...c.allowlist]) {
          expect(nested.test(re), `${v.id}/${c.id} nested quantifier in ${re}`).toBe(false);
          const r = new RegExp(re, 'g');
          for (const s of adversarial) {
            const t0 = performance.now();
            s.match(r);
            expect(performance.now() - t0, `${v.id}/${c.id} slow on ${s.slice(0, 20)}…`).toBeLessThan(250);
          }
        }
      }
    }
  });
});

describe('SDK version regexes', () => {
  // Literals copied from the published packages (npm pack, versions in the comments).
  const samples: Record<string, Array<[string, string]>> = {
    agora: [
      ['v4.24.8-0-gf100be755-dirty(8/31/2026, 4:23:50 PM)', '4.24.8'], // agora-rtc-sdk-ng@4.24.8 AgoraRTC_N-production.js
      ['v3.6.11-0-gbdacc5f-dirty', '3.6.11'], // agora-rtc-sdk@3.6.11 AgoraRTCSDK.min.js (t.BUILD)
    ],
    'netease-yunxin': [['v5.8.34-0-g5fd6e1b6', '5.8.34']], // nertc-web-sdk@5.8.34 NERTC.js (t.BUILD)
    'tencent-trtc': [['TRTC Web SDK Version: 4.15.22', '4.15.22']], // trtc-js-sdk@4.15.22 trtc.js (log line)
  };
  it('has samples for every vendor with version regexes', () => {
    const withVersion = pack.vendors.filter((v) => v.sdk.js?.version.length).map((v) => v.id).sort();
    expect(withVersion).toEqual(Object.keys(samples).sort());
  });
  it.each(Object.entries(samples))('%s version regexes read the real version strings', (vendor, list) => {
    const res = pack.vendorById.get(vendor)!.sdk.js!.version.map((r) => new RegExp(r));
    for (const re of res) expect(new RegExp(`${re.source}|`).exec('')!.length - 1, re.source).toBe(1);
    for (const [text, version] of list) {
      const found = res.map((re) => re.exec(text)?.[1]).find(Boolean);
      expect(found, text).toBe(version);
    }
  });
  it('ignores bare versions and unrelated build strings', () => {
    const agora = pack.vendorById.get('agora')!.sdk.js!.version.map((r) => new RegExp(r));
    for (const s of ['4.24.8', 'v4.24.8', 'v10.2.3-0-gabcdef12', 'av4.24.8-0-gf100be755']) {
      expect(agora.some((re) => re.test(s)), s).toBe(false);
    }
  });
});

describe('check rules', () => {
  const spec: Array<[string, string, string, string]> = [
    ['RTC101', 'RtcSdkBundled', 'rtc-sdk', 'note'],
    ['RTC102', 'RtcSessionStarted', 'rtc-sdk', 'warning'],
    ['RTC201', 'VendorEndpoint', 'endpoint', 'note'],
    ['RTC202', 'UnattributedEndpoint', 'endpoint', 'note'],
    ['RTC203', 'HardcodedIpEndpoint', 'endpoint', 'warning'],
    ['RTC204', 'InternalEndpoint', 'internal-endpoint', 'note'],
    ['RTC301', 'CleartextIdTransmission', 'cleartext-id', 'error'],
    ['RTC302', 'CleartextEndpoint', 'cleartext-id', 'warning'],
    ['RTC303', 'IdSentToDeniedJurisdiction', 'jurisdiction', 'warning'],
    ['RTC304', 'RtcSessionWithoutMediaEncryption', 'no-media-encryption', 'warning'],
    ['RTC311', 'AtsAllowsArbitraryLoads', 'platform-policy', 'warning'],
    ['RTC312', 'AtsInsecureExceptionDomain', 'platform-policy', 'warning'],
    ['RTC313', 'AndroidCleartextTrafficPermitted', 'platform-policy', 'warning'],
    ['RTC401', 'HardcodedAppId', 'credential', 'warning'],
    ['RTC402', 'HardcodedVendorSecret', 'credential', 'error'],
    ['RTC403', 'EmbeddedAccessToken', 'credential', 'error'],
    ['RTC404', 'JoinWithoutToken', 'credential', 'warning'],
    ['RTC501', 'DataResidencyIncludesChina', 'data-residency', 'warning'],
    ['RTC502', 'DeniedVendorJurisdiction', 'jurisdiction', 'warning'],
    ['RTC601', 'SdkWithoutPrivacyManifest', 'privacy-manifest', 'warning'],
    ['RTC602', 'TrackingDomainsMismatch', 'privacy-manifest', 'warning'],
    ['RTC603', 'CollectedDataUndeclared', 'privacy-manifest', 'warning'],
    ['RTC604', 'RequiredReasonApiUndeclared', 'privacy-manifest', 'warning'],
    ['RTC605', 'PrivacyManifestInvalid', 'privacy-manifest', 'warning'],
  ];
  it('ships exactly the fixed rule ids with the specified name, category and level', () => {
    expect(pack.checks.map((c) => c.id)).toEqual(spec.map((s) => s[0]));
    for (const [id, name, category, level] of spec) {
      const c = pack.checkById.get(id)!;
      expect([c.name, c.category, c.level], id).toEqual([name, category, level]);
    }
  });
  it('tags security rules, keeps GitHub severity bands consistent with the level, and explains a fix', () => {
    for (const c of pack.checks) {
      expect(c.tags, c.id).toContain('security');
      expect(c.tags.length, c.id).toBeLessThanOrEqual(10);
      if (c.level === 'error') expect(c.securitySeverity, c.id).toBeGreaterThanOrEqual(7);
      if (c.level === 'note') expect(c.securitySeverity, c.id).toBeLessThan(4);
      expect(c.help, c.id).toMatch(/\*\*What to do\.\*\*/);
    }
  });
});

describe('bad rule files', () => {
  let dir: string;
  const shippedAgora = readFileSync(join(defaultRulesDir(), 'vendors', 'agora.yaml'), 'utf8');
  const minimal = (id: string): Record<string, unknown> => ({
    id,
    name: 'Test Vendor',
    jurisdiction: { country: 'US', headquarters: 'Nowhere', sources: ['https://example.com/about'] },
    endpoints: { domains: [`${id}.example`], sources: ['https://example.com/firewall'] },
    sdk: { js: { packages: [`${id}-sdk`] }, sources: ['npm x@1 → index.js'] },
  });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rtcscan-rules-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A rules dir holding one vendor file; returns the error message of loading it (or '' when it loads). */
  function loadWith(file: string, text: string, checks: Record<string, string> = {}): string {
    const root = mkdtempSync(join(dir, 'case-'));
    mkdirSync(join(root, 'vendors'));
    mkdirSync(join(root, 'checks'));
    writeFileSync(join(root, 'vendors', file), text);
    for (const [f, t] of Object.entries(checks)) writeFileSync(join(root, 'checks', f), t);
    try {
      loadRulePack(root);
      return '';
    } catch (e) {
      expect(e).toBeInstanceOf(RuleError);
      return (e as Error).message;
    }
  }

  it('accepts a minimal valid vendor and the real agora.yaml copied elsewhere', () => {
    expect(loadWith('acme.yaml', stringify(minimal('acme')))).toBe('');
    expect(loadWith('agora.yaml', shippedAgora)).toBe('');
  });
  it('names file and field for schema errors', () => {
    const bad = minimal('acme');
    (bad.jurisdiction as Record<string, unknown>).country = 'China';
    const msg = loadWith('acme.yaml', stringify(bad));
    expect(msg).toContain(join('vendors', 'acme.yaml'));
    expect(msg).toContain('jurisdiction.country');
  });
  it('rejects missing sources, unknown fields and bad enum values with the field path', () => {
    const noSources = minimal('acme');
    delete (noSources.jurisdiction as Record<string, unknown>).sources;
    expect(loadWith('acme.yaml', stringify(noSources))).toMatch(/acme\.yaml.*jurisdiction\.sources/);
    const extra = { ...minimal('acme'), homepage: 'https://example.com' };
    expect(loadWith('acme.yaml', stringify(extra))).toMatch(/acme\.yaml.*homepage|acme\.yaml.*\(root\)/);
    const badApi = { ...minimal('acme'), apis: [{ id: 'x', platform: 'js', kind: 'join', method: 'join', args: ['room'], sources: ['s'] }] };
    expect(loadWith('acme.yaml', stringify(badApi))).toMatch(/acme\.yaml.*apis\.0\.args\.0/);
    const noMethod = { ...minimal('acme'), apis: [{ id: 'x', platform: 'android', kind: 'join', class: 'a/B', sources: ['s'] }] };
    expect(loadWith('acme.yaml', stringify(noMethod))).toMatch(/acme\.yaml.*android apis need `class` and `method`/);
  });
  it('rejects a file whose name is not the vendor id', () => {
    expect(loadWith('other.yaml', stringify(minimal('acme')))).toMatch(/other\.yaml: file name must be the vendor id \(acme\.yaml\)/);
  });
  it('rejects invalid regexes and dangling residency api ids, naming the file', () => {
    const badRe = { ...minimal('acme'), credentials: [{ id: 'k', description: 'd', kind: 'secret', regex: '([0-9a-f]{32}', sources: ['s'] }] };
    expect(loadWith('acme.yaml', stringify(badRe))).toMatch(/acme\.yaml: bad regex/);
    const dangling = { ...minimal('acme'), residency: { defaultIncludesChina: true, setting: 's', apis: ['nope'], fix: 'f', sources: ['s'] } };
    expect(loadWith('acme.yaml', stringify(dangling))).toMatch(/acme\.yaml: residency names unknown api nope/);
  });
  it('rejects unparsable YAML and bad check rules with the file name', () => {
    expect(loadWith('acme.yaml', 'id: acme\nname: [unclosed\n')).toMatch(/cannot parse rule file .*acme\.yaml/);
    const check = 'id: RTC999\nname: lower_case\ncategory: endpoint\nlevel: note\nshortDescription: s\nfullDescription: f\nhelp: h\nprecision: high\nsecuritySeverity: 1\n';
    expect(loadWith('acme.yaml', stringify(minimal('acme')), { 'RTC999.yaml': check })).toMatch(/RTC999\.yaml.*name/);
  });
  it('loads library marker files and rejects a bad or misnamed one, or one claiming a vendor package', () => {
    const withLibrary = (file: string, lib: Record<string, unknown>): string => {
      const root = mkdtempSync(join(dir, 'lib-'));
      mkdirSync(join(root, 'vendors'));
      mkdirSync(join(root, 'libraries'));
      writeFileSync(join(root, 'vendors', 'acme.yaml'), stringify(minimal('acme')));
      writeFileSync(join(root, 'libraries', file), stringify(lib));
      try {
        expect(loadRulePack(root).libraries.map((l) => l.package)).toEqual([lib.package]);
        return '';
      } catch (e) {
        expect(e).toBeInstanceOf(RuleError);
        return (e as Error).message;
      }
    };
    const events = { id: 'events', package: 'events', description: 'EventEmitter', markers: ['Possible EventEmitter memory leak detected. '] };
    expect(withLibrary('events.yaml', events)).toBe('');
    expect(withLibrary('emitter.yaml', events)).toMatch(/emitter\.yaml: file name must be the library id \(events\.yaml\)/);
    expect(withLibrary('events.yaml', { ...events, markers: ['short'] })).toMatch(/events\.yaml.*markers\.0/);
    expect(withLibrary('acme-sdk.yaml', { ...events, id: 'acme-sdk', package: 'acme-sdk' })).toMatch(/package acme-sdk belongs to a vendor rule/);
  });
  it("rejects a hoisted package that is not one of the vendor's packages", () => {
    const hoisted = (pkg: string) => {
      const v = minimal('acme');
      (v.sdk as { js: Record<string, unknown> }).js.hoisted = [{ package: pkg, markers: ['acme components message one', 'acme components message two'], sources: ['npm acme-ui@1 → index.mjs'] }];
      return stringify(v);
    };
    expect(loadWith('acme.yaml', hoisted('acme-sdk'))).toBe('');
    expect(loadWith('acme.yaml', hoisted('acme-ui'))).toMatch(/vendor acme: hoisted package acme-ui is not one of its packages/);
  });
  it('rejects two vendors claiming the same domain', () => {
    const root = mkdtempSync(join(dir, 'dup-'));
    mkdirSync(join(root, 'vendors'));
    const a = minimal('acme');
    const b = minimal('bravo');
    (b.endpoints as Record<string, unknown>).domains = ['acme.example'];
    writeFileSync(join(root, 'vendors', 'acme.yaml'), stringify(a));
    writeFileSync(join(root, 'vendors', 'bravo.yaml'), stringify(b));
    expect(() => loadRulePack(root)).toThrow(/acme\.example is claimed by both acme and bravo/);
  });
});

describe('rule files on disk', () => {
  it('are one file per vendor id and per check id', () => {
    const rules = defaultRulesDir();
    const vendorFiles = readdirSync(join(rules, 'vendors')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
    expect(vendorFiles).toEqual(pack.vendors.map((v: VendorRule) => v.id).sort());
    const checkFiles = readdirSync(join(rules, 'checks')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));
    expect(checkFiles.sort()).toEqual(pack.checks.map((c) => c.id));
    const libraryFiles = readdirSync(join(rules, 'libraries')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));
    expect(libraryFiles.sort()).toEqual(pack.libraries.map((l) => l.id).sort());
    expect(pack.libraries.length).toBeGreaterThanOrEqual(3);
  });
  it('has no duplicate vocabulary names after normalisation', () => {
    const norm = pack.vocabulary.identifiers.map((i) => i.name.toLowerCase().replace(/[_-]/g, ''));
    expect(new Set(norm).size).toBe(norm.length);
  });
});
