// Offline decoders for Agora dynamic keys. Layouts learned from AgoraIO/Tools DynamicKey/AgoraDynamicKey
// (AccessToken.py / AccessToken2.py) and the agora-token npm package: little-endian u16/u32, strings are
// u16 length + bytes, maps are u16 count + (u16 key, u32 value).
import { ByteCursor, TokenFormatError, decodeBase64, inflateBounded, MAX_TOKEN_CHARS } from './bytes.js';
import type { DecodeResult, DecodedToken } from './types.js';

const HEX32 = /^[0-9a-fA-F]{32}$/;

const PRIVILEGES_006: Record<number, string> = {
  1: 'join channel',
  2: 'publish audio',
  3: 'publish video',
  4: 'publish data stream',
  1000: 'RTM login',
};

function fail(error: string, format: 'agora-006' | 'agora-007'): DecodeResult {
  return { ok: false, format, error };
}

/** `006` + 32-hex App ID + base64(signature, crc(channel), crc(uid), message{salt, ts, privileges}). */
export function decodeAgora006(text: string): DecodeResult {
  if (!text.startsWith('006') || text.length > MAX_TOKEN_CHARS) return fail('not an Agora 006 token', 'agora-006');
  const appId = text.slice(3, 35);
  if (!HEX32.test(appId)) return fail('no 32-hex App ID after the 006 prefix', 'agora-006');
  try {
    const cur = new ByteCursor(decodeBase64(text.slice(35)));
    const signature = cur.bytes('signature');
    if (signature.length !== 32) throw new TokenFormatError(`signature is ${signature.length} bytes, expected 32 (HMAC-SHA256)`);
    const channelCrc32 = cur.u32('channel crc');
    const userCrc32 = cur.u32('uid crc');
    const msg = new ByteCursor(cur.bytes('message'));
    msg.u32('salt');
    const ts = msg.u32('ts');
    const privileges = msg.mapU32('privileges');
    const grants: string[] = [];
    let expiresAt = ts;
    for (const [key, expire] of privileges) {
      grants.push(PRIVILEGES_006[key] ?? `privilege ${key}`);
      // A zero privilege expiry means "no earlier limit than the token's ts".
      if (expire !== 0 && expire < expiresAt) expiresAt = expire;
    }
    const token: DecodedToken = { format: 'agora-006', issuer: 'agora', appId, channelCrc32, userCrc32, expiresAt, grants };
    return { ok: true, token };
  } catch (e) {
    return fail((e as Error).message, 'agora-006');
  }
}

const SERVICE_NAMES: Record<number, string> = {
  1: 'RTC',
  2: 'RTM',
  3: 'Streaming',
  4: 'FPA',
  5: 'Chat',
  6: 'FCDN',
  7: 'APaaS',
  8: 'RTM2',
  9: 'ConvoAI',
  10: 'STT',
};

const RTC_PRIVILEGES: Record<number, string> = { 1: 'join channel', 2: 'publish audio', 3: 'publish video', 4: 'publish data stream' };

/** `007` + base64(zlib(signature, app id, issue ts, expire, salt, services)). Channel and uid are in clear. */
export function decodeAgora007(text: string): DecodeResult {
  if (!text.startsWith('007') || text.length > MAX_TOKEN_CHARS) return fail('not an Agora 007 token', 'agora-007');
  let token: DecodedToken | undefined;
  try {
    const cur = new ByteCursor(inflateBounded(decodeBase64(text.slice(3))));
    const signature = cur.bytes('signature');
    if (signature.length !== 32) throw new TokenFormatError(`signature is ${signature.length} bytes, expected 32 (HMAC-SHA256)`);
    const appId = cur.string('app id');
    if (!HEX32.test(appId)) throw new TokenFormatError('app id is not 32 hex characters');
    const issuedAt = cur.u32('issue ts');
    const expire = cur.u32('expire');
    cur.u32('salt');
    const serviceCount = cur.u16('service count');
    // Each service needs at least its type and an empty privilege map (4 bytes).
    if (serviceCount * 4 > cur.remaining) throw new TokenFormatError(`claims ${serviceCount} services but only ${cur.remaining} bytes remain`);
    token = { format: 'agora-007', issuer: 'agora', appId, issuedAt, expiresAt: issuedAt + expire, grants: [] };
    for (let i = 0; i < serviceCount; i++) {
      const type = cur.u16('service type');
      const name = SERVICE_NAMES[type];
      if (!name || type === 8) {
        // Unknown layout (or RTM2's nested permission lists): stop, keep what was read.
        token.partial = `service type ${type} not decoded`;
        break;
      }
      const privileges = cur.mapU32(`${name} privileges`);
      for (const [key, rel] of privileges) {
        const label = type === 1 ? (RTC_PRIVILEGES[key] ?? `privilege ${key}`) : `privilege ${key}`;
        token.grants.push(`${name} ${label}`);
        // Privilege expiries are seconds after issue; 0 means bounded only by the token's own expiry.
        if (type === 1 && key === 1 && rel !== 0 && issuedAt + rel < (token.expiresAt ?? Infinity)) token.expiresAt = issuedAt + rel;
      }
      if (privileges.size === 0) token.grants.push(name);
      if (type === 1 || type === 3 || type === 6) {
        const channel = cur.string('channel name');
        const user = cur.string('uid');
        token.channel ??= channel;
        token.user ??= user;
      } else if (type === 2 || type === 5) {
        token.user ??= cur.string('user id');
      } else if (type === 7) {
        token.channel ??= cur.string('room uuid');
        token.user ??= cur.string('user uuid');
        cur.i16('role');
      }
    }
    return { ok: true, token };
  } catch (e) {
    // A malformed tail after complete services still yields the services read so far.
    if (token && (token.channel !== undefined || token.user !== undefined)) {
      token.partial = (e as Error).message;
      return { ok: true, token };
    }
    return fail((e as Error).message, 'agora-007');
  }
}
