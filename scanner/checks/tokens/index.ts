// Offline token decoders: read which channel/room and user a session token grants and when it expires.
import { decodeAgora006, decodeAgora007 } from './agora.js';
import { decodeTencentUserSig } from './tencent-usersig.js';
import { decodeJwt } from './jwt.js';
import type { DecodeResult, DecodedToken, TokenFormat } from './types.js';

export type { DecodeResult, DecodedToken, TokenFormat } from './types.js';
export { decodeAgora006, decodeAgora007 } from './agora.js';
export { decodeTencentUserSig } from './tencent-usersig.js';
export { decodeJwt } from './jwt.js';
export { MAX_TOKEN_CHARS, MAX_INFLATED_BYTES } from './bytes.js';

const DECODERS: Record<TokenFormat, (text: string) => DecodeResult> = {
  'agora-006': decodeAgora006,
  'agora-007': decodeAgora007,
  'tencent-usersig': decodeTencentUserSig,
  jwt: decodeJwt,
};

/** The format a token's shape suggests, without decoding it. */
export function guessTokenFormat(text: string): TokenFormat | undefined {
  if (/^006[0-9a-fA-F]{32}[A-Za-z0-9+/]/.test(text)) return 'agora-006';
  if (/^007eJ[A-Za-z0-9+/]/.test(text)) return 'agora-007';
  if (/^eJ[A-Za-z0-9*_-]{20,}$/.test(text)) return 'tencent-usersig';
  if (/^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text)) return 'jwt';
  return undefined;
}

/** Decodes with the named decoder, or with the one the token's shape suggests. */
export function decodeToken(text: string, format?: TokenFormat): DecodeResult | undefined {
  const f = format ?? guessTokenFormat(text);
  return f ? DECODERS[f](text) : undefined;
}

function isoDate(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  return Number.isNaN(d.getTime()) ? String(unixSeconds) : d.toISOString().replace('.000Z', 'Z');
}

/** True when the token's expiry lies before `nowSeconds`. */
export function isExpired(token: DecodedToken, nowSeconds = Date.now() / 1000): boolean {
  return token.expiresAt !== undefined && token.expiresAt > 0 && token.expiresAt < nowSeconds;
}

/** One sentence for a finding: which channel and user the token grants and until when. */
export function describeGrant(token: DecodedToken, nowSeconds = Date.now() / 1000): string {
  const parts: string[] = [];
  if (token.channel !== undefined) parts.push(`channel/room ${JSON.stringify(token.channel)}`);
  else if (token.channelCrc32 !== undefined) parts.push(`a channel with CRC32 ${token.channelCrc32.toString(16).padStart(8, '0')} (name not stored)`);
  if (token.user !== undefined) parts.push(token.user === '' ? 'any user id' : `user ${JSON.stringify(token.user)}`);
  else if (token.userCrc32 !== undefined) parts.push(`a uid with CRC32 ${token.userCrc32.toString(16).padStart(8, '0')}`);
  let s = parts.length ? `grants ${parts.join(' to ')}` : 'grants an unnamed session';
  if (token.grants.length) s += ` (${[...new Set(token.grants)].slice(0, 6).join(', ')})`;
  if (token.issuedAt) s += `, issued ${isoDate(token.issuedAt)}`;
  if (token.expiresAt) s += `, ${isExpired(token, nowSeconds) ? 'expired' : 'expires'} ${isoDate(token.expiresAt)}`;
  if (token.partial) s += ` [partly decoded: ${token.partial}]`;
  return s;
}
