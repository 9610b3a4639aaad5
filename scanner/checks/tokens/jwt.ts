// Offline JWT reader (no signature check): header and claims, interpreted for the RTC vendors that issue JWTs.
// Claim names: Twilio access tokens (`grants.identity`, `grants.video.room`, cty `twilio-fpa;v=1`), LiveKit
// (`video.room`, `sub`), 100ms (`access_key`, `room_id`, `user_id`), Zoom Video SDK (`app_key`, `tpc`,
// `user_identity`).
import { TokenFormatError, decodeBase64Url, MAX_TOKEN_CHARS } from './bytes.js';
import type { DecodeResult, DecodedToken } from './types.js';

function jsonPart(part: string, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(decodeBase64Url(part).toString('utf8'));
  } catch (e) {
    throw new TokenFormatError(`${what}: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TokenFormatError(`${what} is not a JSON object`);
  return v as Record<string, unknown>;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function decodeJwt(text: string): DecodeResult {
  const parts = text.split('.');
  if (text.length > MAX_TOKEN_CHARS || parts.length !== 3) return { ok: false, format: 'jwt', error: 'not a JWT (three dot-separated parts)' };
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = jsonPart(parts[0]!, 'header');
    claims = jsonPart(parts[1]!, 'claims');
  } catch (e) {
    return { ok: false, format: 'jwt', error: (e as Error).message };
  }
  if (typeof header.alg !== 'string') return { ok: false, format: 'jwt', error: 'header has no alg' };

  const token: DecodedToken = {
    format: 'jwt',
    issuedAt: num(claims.iat) ?? num(claims.nbf),
    expiresAt: num(claims.exp),
    grants: [],
  };
  const grants = obj(claims.grants);
  const video = obj(claims.video);
  if (grants || String(header.cty ?? '').startsWith('twilio-fpa')) {
    token.issuer = 'twilio';
    token.appId = str(claims.iss);
    token.user = str(grants?.identity);
    const g = obj(grants?.video);
    token.channel = str(g?.room);
    for (const k of Object.keys(grants ?? {})) if (k !== 'identity') token.grants.push(`${k} grant`);
  } else if (video) {
    token.issuer = 'livekit';
    token.appId = str(claims.iss);
    token.user = str(claims.sub);
    token.channel = str(video.room);
    for (const [k, v] of Object.entries(video)) if (v === true) token.grants.push(k);
  } else if (claims.access_key !== undefined && (claims.room_id !== undefined || claims.user_id !== undefined)) {
    token.issuer = '100ms';
    token.appId = str(claims.access_key);
    token.channel = str(claims.room_id);
    token.user = str(claims.user_id);
    if (claims.role !== undefined) token.grants.push(`role ${str(claims.role)}`);
  } else if (claims.app_key !== undefined && claims.tpc !== undefined) {
    token.issuer = 'zoom-video-sdk';
    token.appId = str(claims.app_key);
    token.channel = str(claims.tpc);
    token.user = str(claims.user_identity);
    if (claims.role_type !== undefined) token.grants.push(`role_type ${str(claims.role_type)}`);
  } else {
    token.appId = str(claims.iss);
    token.user = str(claims.sub) ?? str(claims.user_id);
    token.channel = str(claims.room) ?? str(claims.room_id);
  }
  return { ok: true, token };
}
