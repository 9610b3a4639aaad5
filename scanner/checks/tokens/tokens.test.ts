// Offline token decoders: cross-checked against tokens from the vendors' own npm generators (agora-token,
// tls-sig-api-v2) and against our own encoders written from the published layouts, plus corrupted variants.
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import { deflateSync, inflateSync, crc32 } from 'node:zlib';
import {
  decodeAgora006,
  decodeAgora007,
  decodeTencentUserSig,
  decodeJwt,
  decodeToken,
  guessTokenFormat,
  describeGrant,
  isExpired,
  MAX_INFLATED_BYTES,
} from './index.js';

const require = createRequire(import.meta.url);
const APP_ID = '970CA35de60c44645bbae8a215061b33';
const APP_CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const now = Math.floor(Date.now() / 1000);

// --- our own encoders, written from the layouts (u16/u32 little-endian, u16-prefixed strings) ---
const u16 = (v: number) => { const b = Buffer.alloc(2); b.writeUInt16LE(v); return b; };
const u32 = (v: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(v >>> 0); return b; };
const str = (s: string | Buffer) => { const b = Buffer.from(s); return Buffer.concat([u16(b.length), b]); };
const mapU32 = (m: Array<[number, number]>) => Buffer.concat([u16(m.length), ...m.flatMap(([k, v]) => [u16(k), u32(v)])]);

function body007(opts: { issue: number; expire: number; services: Buffer[]; count?: number; appId?: string }): Buffer {
  const info = Buffer.concat([str(opts.appId ?? APP_ID), u32(opts.issue), u32(opts.expire), u32(12345), u16(opts.count ?? opts.services.length), ...opts.services]);
  const sig = createHmac('sha256', 'k').update(info).digest();
  return Buffer.concat([str(sig), info]);
}
const rtcService = (channel: string, uid: string, join = 600) => Buffer.concat([u16(1), mapU32([[1, join], [2, 600]]), str(channel), str(uid)]);
const rtmService = (user: string) => Buffer.concat([u16(2), mapU32([[1, 600]]), str(user)]);
const token007 = (body: Buffer) => '007' + deflateSync(body).toString('base64');

function token006(channel: string, uid: string, ts: number, privileges: Array<[number, number]>): string {
  const m = Buffer.concat([u32(777), u32(ts), mapU32(privileges)]);
  const sig = createHmac('sha256', APP_CERT).update(Buffer.concat([Buffer.from(APP_ID + channel + uid), m])).digest();
  const content = Buffer.concat([str(sig), u32(crc32(channel)), u32(crc32(uid)), str(m)]);
  return '006' + APP_ID + content.toString('base64');
}

function jwt(header: object, claims: object): string {
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const c = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const s = createHmac('sha256', 'secret').update(`${h}.${c}`).digest('base64url');
  return `${h}.${c}.${s}`;
}

describe('Agora 007 (AccessToken2)', () => {
  it('decodes a token built by the real agora-token package', () => {
    const { RtcTokenBuilder, RtcRole } = require('agora-token');
    const t: string = RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'clubroom-42', 2882341273, RtcRole.PUBLISHER, 3600, 1800);
    expect(guessTokenFormat(t)).toBe('agora-007');
    const r = decodeAgora007(t);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.token.appId).toBe(APP_ID);
    expect(r.token.channel).toBe('clubroom-42');
    expect(r.token.user).toBe('2882341273');
    expect(Math.abs(r.token.issuedAt! - now)).toBeLessThan(30);
    // The join privilege (1800 s) is narrower than the token (3600 s).
    expect(r.token.expiresAt! - r.token.issuedAt!).toBe(1800);
    expect(r.token.grants).toContain('RTC join channel');
    expect(describeGrant(r.token)).toMatch(/channel\/room "clubroom-42" to user "2882341273".*expires/);
  });

  it('decodes an RTM user token and a string-account RTC token from agora-token', () => {
    const { RtmTokenBuilder, RtcTokenBuilder, RtcRole } = require('agora-token');
    const rtm = decodeAgora007(RtmTokenBuilder.buildToken(APP_ID, APP_CERT, 'alice@example', 600));
    expect(rtm.ok && rtm.token.user).toBe('alice@example');
    const acct = decodeAgora007(RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, APP_CERT, 'ch', 'bob', RtcRole.SUBSCRIBER, 600, 600));
    expect(acct.ok && [acct.token.channel, acct.token.user]).toEqual(['ch', 'bob']);
  });

  it('decodes our own encoding with several services; uid 0 is stored empty (any user)', () => {
    const t = token007(body007({ issue: 1_700_000_000, expire: 86400, services: [rtcService('lobby', ''), rtmService('u-9')] }));
    const r = decodeAgora007(t);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.token).toMatchObject({ channel: 'lobby', user: '', issuedAt: 1_700_000_000, expiresAt: 1_700_000_600 });
    expect(r.token.grants).toEqual(expect.arrayContaining(['RTC join channel', 'RTC publish audio', 'RTM privilege 1']));
    expect(isExpired(r.token)).toBe(true);
    expect(describeGrant(r.token)).toMatch(/"lobby" to any user id.*expired 2023-11-14T22:23:20Z/);
  });

  it('stops at an unknown service type but keeps the services already read', () => {
    const t = token007(body007({ issue: now, expire: 600, services: [rtcService('a', '1'), Buffer.concat([u16(99), u16(0)])] }));
    const r = decodeAgora007(t);
    expect(r.ok && r.token.channel).toBe('a');
    expect(r.ok && r.token.partial).toMatch(/service type 99/);
  });

  it('rejects lying counts and lengths without throwing', () => {
    const lyingServices = token007(body007({ issue: now, expire: 600, services: [rtcService('a', '1')], count: 0xffff }));
    expect(decodeAgora007(lyingServices)).toMatchObject({ ok: false, error: expect.stringMatching(/claims 65535 services/) });
    // Patch the channel-name length inside the real inflated payload to 0xffff.
    const { RtcTokenBuilder, RtcRole } = require('agora-token');
    const real: string = RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'zz-channel', 7, RtcRole.PUBLISHER, 600, 600);
    const raw = inflateSync(Buffer.from(real.slice(3), 'base64'));
    const at = raw.indexOf(Buffer.from('zz-channel')) - 2;
    raw.writeUInt16LE(0xffff, at);
    expect(decodeAgora007('007' + deflateSync(raw).toString('base64'))).toMatchObject({ ok: false, error: expect.stringMatching(/channel name.*past the end/) });
    // Privilege map count larger than the bytes left.
    const raw2 = inflateSync(Buffer.from(real.slice(3), 'base64'));
    const mapAt = raw2.indexOf(Buffer.from('zz-channel')) - 2 - (2 + 6 * 4) ;
    raw2.writeUInt16LE(0x4000, mapAt);
    expect(decodeAgora007('007' + deflateSync(raw2).toString('base64'))).toMatchObject({ ok: false, error: expect.stringMatching(/RTC privileges claims 16384 entries/) });
  });

  it('never throws on any truncation or byte corruption of a real token', () => {
    const { RtcTokenBuilder, RtcRole } = require('agora-token');
    const real: string = RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'room', 1, RtcRole.PUBLISHER, 600, 600);
    for (let n = 0; n < real.length; n++) expect(() => decodeAgora007(real.slice(0, n))).not.toThrow();
    const raw = inflateSync(Buffer.from(real.slice(3), 'base64'));
    for (let n = 0; n < raw.length; n++) {
      const cut = decodeAgora007('007' + deflateSync(raw.subarray(0, n)).toString('base64'));
      expect(cut.ok && cut.token.channel === 'room' && cut.token.user === '1' && !cut.token.partial).toBe(false);
      const flipped = Buffer.from(raw);
      flipped[n] = flipped[n]! ^ 0xff;
      expect(() => decodeAgora007('007' + deflateSync(flipped).toString('base64'))).not.toThrow();
    }
  });

  it('refuses an inflate bomb and non-base64 text', () => {
    const bomb = '007' + deflateSync(Buffer.alloc(MAX_INFLATED_BYTES * 16)).toString('base64');
    expect(bomb.length).toBeLessThan(8192);
    expect(decodeAgora007(bomb)).toMatchObject({ ok: false, error: expect.stringMatching(/exceeds/) });
    expect(decodeAgora007('007 is the build number')).toMatchObject({ ok: false });
    expect(decodeToken('007 is the build number')).toBeUndefined();
  });
});

describe('Agora 006 (AccessToken)', () => {
  it('decodes a token built by agora-token (AccessToken.js) and checks the channel CRC', () => {
    const { AccessToken, priviledges } = require('agora-token/src/AccessToken.js');
    const at = new AccessToken(APP_ID, APP_CERT, 'clubhouse-room', 1234);
    const joinExpire = now + 900;
    at.addPriviledge(priviledges.kJoinChannel, joinExpire);
    const t: string = at.build();
    expect(guessTokenFormat(t)).toBe('agora-006');
    const r = decodeAgora006(t);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.token.appId).toBe(APP_ID);
    expect(r.token.channelCrc32).toBe(crc32('clubhouse-room'));
    expect(r.token.userCrc32).toBe(crc32('1234'));
    expect(r.token.expiresAt).toBe(joinExpire);
    expect(r.token.grants).toEqual(['join channel']);
  });

  it('decodes our own encoding; a zero privilege expiry leaves the token ts as the limit', () => {
    const r = decodeAgora006(token006('c', '', 1_600_000_000, [[1, 0], [2, 0]]));
    expect(r).toMatchObject({ ok: true, token: { expiresAt: 1_600_000_000, grants: ['join channel', 'publish audio'] } });
  });

  it('rejects truncations and lying map counts', () => {
    const good = token006('c', '9', now, [[1, 0]]);
    for (let n = 0; n < good.length; n++) expect(() => decodeAgora006(good.slice(0, n))).not.toThrow();
    const raw = Buffer.from(good.slice(35), 'base64');
    raw.writeUInt16LE(0xffff, raw.length - 8); // privilege count
    expect(decodeAgora006('006' + APP_ID + raw.toString('base64'))).toMatchObject({ ok: false, error: expect.stringMatching(/privileges claims 65535/) });
    expect(decodeAgora006('006' + 'x'.repeat(32) + 'AAAA')).toMatchObject({ ok: false, error: expect.stringMatching(/32-hex/) });
  });
});

describe('Tencent UserSig', () => {
  it('decodes a UserSig from tls-sig-api-v2 and a privateMapKey with a string room', () => {
    const { Api } = require('tls-sig-api-v2');
    const api = new Api(1400000000, '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e');
    const sig: string = api.genUserSig('user-xyz', 86400 * 180);
    expect(guessTokenFormat(sig)).toBe('tencent-usersig');
    const r = decodeTencentUserSig(sig);
    expect(r).toMatchObject({ ok: true, token: { appId: '1400000000', user: 'user-xyz' } });
    if (!r.ok) return;
    expect(r.token.expiresAt! - r.token.issuedAt!).toBe(86400 * 180);
    const pmk = decodeTencentUserSig(api.genPrivateMapKeyWithStringRoomID('user-xyz', 600, 'room-abc', 255));
    expect(pmk).toMatchObject({ ok: true, token: { channel: 'room-abc', user: 'user-xyz' } });
    const numeric = decodeTencentUserSig(api.genPrivateMapKey('u', 600, 8888, 255));
    expect(numeric.ok && numeric.token.channel).toBe('8888');
  });

  it('decodes our own encoding and rejects JSON without TLS fields, bombs and truncations', () => {
    const enc = (o: unknown) => deflateSync(Buffer.from(JSON.stringify(o))).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
    const own = enc({ 'TLS.ver': '2.0', 'TLS.identifier': 'u1', 'TLS.sdkappid': 20000001, 'TLS.time': 100, 'TLS.expire': 50, 'TLS.sig': 'x' });
    expect(decodeTencentUserSig(own)).toMatchObject({ ok: true, token: { user: 'u1', appId: '20000001', expiresAt: 150 } });
    expect(decodeTencentUserSig(enc({ hello: 'world' }))).toMatchObject({ ok: false });
    expect(decodeTencentUserSig(enc([1, 2]))).toMatchObject({ ok: false });
    const bomb = deflateSync(Buffer.alloc(MAX_INFLATED_BYTES * 4, 0x20)).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
    expect(decodeTencentUserSig(bomb)).toMatchObject({ ok: false, error: expect.stringMatching(/exceeds/) });
    for (let n = 0; n < own.length; n++) expect(() => decodeTencentUserSig(own.slice(0, n))).not.toThrow();
    // A lying room-string length inside TLS.userbuf keeps the user but notes the damage.
    const ub = Buffer.concat([Buffer.from([1, 0, 1]), Buffer.from('u'), Buffer.alloc(20), Buffer.from([0xff, 0xff]), Buffer.from('r')]);
    const lying = enc({ 'TLS.identifier': 'u', 'TLS.sdkappid': 1, 'TLS.userbuf': ub.toString('base64') });
    expect(decodeTencentUserSig(lying)).toMatchObject({ ok: true, token: { user: 'u', partial: expect.stringMatching(/room string runs past/) } });
  });
});

describe('JWT', () => {
  it('reads Twilio, LiveKit, 100ms and Zoom Video SDK grants', () => {
    const tw = decodeJwt(jwt({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' }, {
      jti: 'SKxx-1', iss: 'SK' + 'a'.repeat(32), sub: 'AC' + 'b'.repeat(32), exp: now + 3600,
      grants: { identity: 'alice', video: { room: 'DailyStandup' } },
    }));
    expect(tw).toMatchObject({ ok: true, token: { issuer: 'twilio', user: 'alice', channel: 'DailyStandup', grants: ['video grant'] } });
    const lk = decodeJwt(jwt({ alg: 'HS256' }, { iss: 'APIabc', sub: 'bob', exp: now - 10, video: { room: 'r1', roomJoin: true, canPublish: true } }));
    expect(lk).toMatchObject({ ok: true, token: { issuer: 'livekit', user: 'bob', channel: 'r1', grants: ['roomJoin', 'canPublish'] } });
    expect(lk.ok && isExpired(lk.token)).toBe(true);
    const hms = decodeJwt(jwt({ alg: 'HS256' }, { access_key: 'ak', room_id: 'rid', user_id: 'uid', role: 'host', type: 'app' }));
    expect(hms).toMatchObject({ ok: true, token: { issuer: '100ms', channel: 'rid', user: 'uid' } });
    const zoom = decodeJwt(jwt({ alg: 'HS256' }, { app_key: 'k', tpc: 'session-1', role_type: 1, user_identity: 'carol', iat: now, exp: now + 60 }));
    expect(zoom).toMatchObject({ ok: true, token: { issuer: 'zoom-video-sdk', channel: 'session-1', user: 'carol' } });
  });

  it('rejects non-JWT text and corrupted parts', () => {
    expect(decodeJwt('a.b')).toMatchObject({ ok: false });
    expect(decodeJwt('eyJ!!.eyJ.x')).toMatchObject({ ok: false });
    const good = jwt({ alg: 'HS256' }, { sub: 'x' });
    for (let n = 0; n < good.length; n++) expect(() => decodeJwt(good.slice(0, n))).not.toThrow();
    const noAlg = jwt({ typ: 'JWT' }, { sub: 'x' });
    expect(decodeJwt(noAlg)).toMatchObject({ ok: false, error: 'header has no alg' });
  });
});
