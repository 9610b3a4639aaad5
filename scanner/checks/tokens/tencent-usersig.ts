// Offline decoder for Tencent Cloud UserSig v2 (TRTC / IM). Layout learned from tencentyun/tls-sig-api-v2-node:
// JSON {TLS.ver, TLS.identifier, TLS.sdkappid, TLS.time, TLS.expire, [TLS.userbuf], TLS.sig} → zlib → base64 with
// `+` `/` `=` replaced by `*` `-` `_`. The user id and SDKAppID are therefore readable by anyone holding the sig.
import { TokenFormatError, decodeBase64, inflateBounded, MAX_TOKEN_CHARS } from './bytes.js';
import type { DecodeResult, DecodedToken } from './types.js';

/** Tencent's URL-safe base64 variant back to standard base64. */
function unescapeUserSig(text: string): string {
  return text.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
}

/**
 * TLS.userbuf (the "privateMapKey" room permission): cVer u8, account (u16 BE length + bytes), sdkappid u32 BE,
 * room id (dwAuthID) u32 BE, expiry u32 BE, privilege map u32 BE, account type u32 BE, [cVer 1: room string
 * (u16 BE length + bytes)].
 */
function readUserBuf(buf: Buffer): { roomId?: number; roomStr?: string; expiresAt?: number } {
  if (buf.length < 3) throw new TokenFormatError('userbuf too short');
  const ver = buf[0]!;
  const accountLen = buf.readUInt16BE(1);
  let off = 3 + accountLen;
  if (off + 20 > buf.length) throw new TokenFormatError('userbuf account runs past the end');
  const roomId = buf.readUInt32BE(off + 4);
  const expiresAt = buf.readUInt32BE(off + 8);
  off += 20;
  let roomStr: string | undefined;
  if (ver === 1) {
    if (off + 2 > buf.length) throw new TokenFormatError('userbuf room string length runs past the end');
    const len = buf.readUInt16BE(off);
    if (off + 2 + len > buf.length) throw new TokenFormatError('userbuf room string runs past the end');
    roomStr = buf.subarray(off + 2, off + 2 + len).toString('utf8');
  }
  return { roomId, roomStr, expiresAt };
}

export function decodeTencentUserSig(text: string): DecodeResult {
  if (text.length > MAX_TOKEN_CHARS || !/^[A-Za-z0-9*_-]+$/.test(text)) {
    return { ok: false, format: 'tencent-usersig', error: 'not a UserSig (characters outside its base64 variant)' };
  }
  let doc: unknown;
  try {
    const inflated = inflateBounded(decodeBase64(unescapeUserSig(text)));
    doc = JSON.parse(inflated.toString('utf8'));
  } catch (e) {
    return { ok: false, format: 'tencent-usersig', error: (e as Error).message };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, format: 'tencent-usersig', error: 'payload is not a JSON object' };
  }
  const d = doc as Record<string, unknown>;
  const identifier = d['TLS.identifier'];
  const sdkappid = d['TLS.sdkappid'];
  if (typeof identifier !== 'string' || (typeof sdkappid !== 'number' && typeof sdkappid !== 'string')) {
    return { ok: false, format: 'tencent-usersig', error: 'JSON lacks TLS.identifier / TLS.sdkappid' };
  }
  const time = typeof d['TLS.time'] === 'number' ? (d['TLS.time'] as number) : undefined;
  const expire = typeof d['TLS.expire'] === 'number' ? (d['TLS.expire'] as number) : undefined;
  const token: DecodedToken = {
    format: 'tencent-usersig',
    issuer: 'tencent',
    appId: String(sdkappid),
    user: identifier,
    issuedAt: time,
    // TLS.expire is a lifetime in seconds counted from TLS.time.
    expiresAt: time !== undefined && expire !== undefined ? time + expire : undefined,
    grants: ['log in as user'],
  };
  const userbuf = d['TLS.userbuf'];
  if (typeof userbuf === 'string') {
    try {
      const ub = readUserBuf(decodeBase64(userbuf));
      token.channel = ub.roomStr ?? (ub.roomId ? String(ub.roomId) : undefined);
      token.grants.push('room permission (privateMapKey)');
    } catch (e) {
      token.partial = `TLS.userbuf: ${(e as Error).message}`;
    }
  }
  return { ok: true, token };
}
