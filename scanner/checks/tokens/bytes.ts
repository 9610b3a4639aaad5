// Bounded little-endian reading and base64/inflate helpers shared by the offline token decoders.
// Tokens come from untrusted bundles: every read is bounds-checked and inflate output is capped.
import { inflateSync } from 'node:zlib';

/** Longest token text a decoder looks at; real tokens are a few hundred characters. */
export const MAX_TOKEN_CHARS = 8192;
/** Cap on inflated token payloads (a real AccessToken2 / UserSig inflates to well under 2 KiB). */
export const MAX_INFLATED_BYTES = 64 * 1024;

export class TokenFormatError extends Error {}

/** Reads the little-endian primitives of Agora's token packing, throwing TokenFormatError past the end. */
export class ByteCursor {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.buf.length) {
      throw new TokenFormatError(`${what} at byte ${this.pos} runs past the end (${this.buf.length} bytes)`);
    }
  }

  u16(what = 'u16'): number {
    this.need(2, what);
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  i16(what = 'i16'): number {
    this.need(2, what);
    const v = this.buf.readInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  u32(what = 'u32'): number {
    this.need(4, what);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  /** u16 length prefix, then that many bytes. */
  bytes(what = 'bytes'): Buffer {
    const len = this.u16(`${what} length`);
    this.need(len, what);
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  string(what = 'string'): string {
    return this.bytes(what).toString('utf8');
  }

  /** u16 count, then (u16 key, u32 value) pairs. The count is checked against the bytes left before looping. */
  mapU32(what = 'map'): Map<number, number> {
    const count = this.u16(`${what} count`);
    if (count * 6 > this.remaining) throw new TokenFormatError(`${what} claims ${count} entries but only ${this.remaining} bytes remain`);
    const map = new Map<number, number>();
    for (let i = 0; i < count; i++) map.set(this.u16(), this.u32());
    return map;
  }
}

const STD_B64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Strict standard base64 (Node's decoder silently skips junk, which would turn prose into bytes). */
export function decodeBase64(text: string): Buffer {
  if (text.length === 0 || text.length > MAX_TOKEN_CHARS || !STD_B64.test(text) || text.length % 4 === 1) {
    throw new TokenFormatError('not base64');
  }
  return Buffer.from(text, 'base64');
}

/** RFC 4648 §5 base64url without padding (JWT). */
export function decodeBase64Url(text: string): Buffer {
  if (text.length === 0 || text.length > MAX_TOKEN_CHARS || !/^[A-Za-z0-9_-]+={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    throw new TokenFormatError('not base64url');
  }
  return Buffer.from(text, 'base64url');
}

/** zlib inflate with an output cap, so a crafted token cannot become a decompression bomb. */
export function inflateBounded(data: Buffer): Buffer {
  try {
    return inflateSync(data, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new TokenFormatError(`inflated payload exceeds ${MAX_INFLATED_BYTES} bytes`);
    throw new TokenFormatError(`not a zlib stream (${(e as Error).message})`);
  }
}
