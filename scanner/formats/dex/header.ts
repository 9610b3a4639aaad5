// The DEX header (dex-format "header_item"): magic, sizes and offsets of the id tables.
import { fail, u32 } from './bytes.js';

export const DEX_HEADER_SIZE = 0x70;
const ENDIAN_CONSTANT = 0x12345678;

export interface DexHeader {
  version: string;
  checksum: number;
  fileSize: number;
  stringIds: { size: number; off: number };
  typeIds: { size: number; off: number };
  protoIds: { size: number; off: number };
  fieldIds: { size: number; off: number };
  methodIds: { size: number; off: number };
  classDefs: { size: number; off: number };
}

/** `dex\n` + three ASCII digits + NUL, e.g. `dex\n035\0`, `dex\n039\0`. */
export function isDexMagic(head: Buffer): boolean {
  return (
    head.length >= 8 &&
    head[0] === 0x64 &&
    head[1] === 0x65 &&
    head[2] === 0x78 &&
    head[3] === 0x0a &&
    isDigit(head[4]!) &&
    isDigit(head[5]!) &&
    isDigit(head[6]!) &&
    head[7] === 0
  );
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

export function readHeader(buf: Buffer): DexHeader {
  if (!isDexMagic(buf)) fail('not a DEX file (bad magic)');
  if (buf.length < DEX_HEADER_SIZE) fail(`file is ${buf.length} bytes, shorter than the 112-byte DEX header`);
  const endian = u32(buf, 40);
  if (endian !== ENDIAN_CONSTANT) fail(`unsupported endian tag 0x${endian.toString(16)}`);
  const pair = (at: number) => ({ size: u32(buf, at), off: u32(buf, at + 4) });
  return {
    version: buf.toString('latin1', 4, 7),
    checksum: u32(buf, 8),
    fileSize: u32(buf, 32),
    stringIds: pair(56),
    typeIds: pair(64),
    protoIds: pair(72),
    fieldIds: pair(80),
    methodIds: pair(88),
    classDefs: pair(96),
  };
}

/** Adler-32 of everything after the checksum field, as the header's checksum covers. */
export function adler32(buf: Buffer, from: number): number {
  let a = 1;
  let b = 0;
  for (let i = from; i < buf.length; ) {
    // 3800 bytes keeps b below 2^53 between reductions even in the worst case.
    const end = Math.min(buf.length, i + 3800);
    for (; i < end; i++) {
      a += buf[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
