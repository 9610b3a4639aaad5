// What an offline token decoder can read out of a session token without any key.
export type TokenFormat = 'agora-006' | 'agora-007' | 'tencent-usersig' | 'jwt';

export interface DecodedToken {
  format: TokenFormat;
  /** Which product issued it when the format says so: `agora`, `tencent`, `twilio`, `livekit`, `100ms`, `zoom-video-sdk`. */
  issuer?: string;
  /** Agora App ID, Tencent SDKAppID, JWT API key (`iss`, `access_key`, `app_key`). */
  appId?: string;
  /** Channel / room the token grants, when stored in clear. */
  channel?: string;
  /** Agora 006 keeps only CRC32s of channel and uid. */
  channelCrc32?: number;
  /** User id / identity the token is bound to ('' = any user for Agora). */
  user?: string;
  userCrc32?: number;
  /** Unix seconds. */
  issuedAt?: number;
  /** Unix seconds: when the token (or its narrowest join privilege) stops working. */
  expiresAt?: number;
  /** Human-readable privileges / services / grants. */
  grants: string[];
  /** Set when decoding stopped early (unknown service type, malformed tail); what was read is still valid. */
  partial?: string;
}

export type DecodeResult =
  | { ok: true; token: DecodedToken }
  | { ok: false; format?: TokenFormat; error: string };
