// Bounds-checked little-endian reads for the DEX reader. Every read throws DexFormatError instead of reading past
// the end, so the reader can stop at the first inconsistency and turn it into a notice.

export class DexFormatError extends Error {}

export function fail(message: string): never {
  throw new DexFormatError(message);
}

export function u16(buf: Buffer, off: number): number {
  if (!Number.isInteger(off) || off < 0 || off + 2 > buf.length) fail(`u16 at 0x${off.toString(16)} is past the end`);
  return buf.readUInt16LE(off);
}

export function u32(buf: Buffer, off: number): number {
  if (!Number.isInteger(off) || off < 0 || off + 4 > buf.length) fail(`u32 at 0x${off.toString(16)} is past the end`);
  return buf.readUInt32LE(off);
}

/** Reads an unsigned LEB128 (at most 5 bytes, as DEX allows). Returns the value and the offset after it. */
export function uleb128(buf: Buffer, off: number): [value: number, next: number] {
  const value = uleb(buf, off);
  return [value, LEB.next];
}

/** Where the last `uleb` ended (the offset after it). */
export const LEB = { next: 0 };

/**
 * The value of the unsigned LEB128 at `off`, its end in `LEB.next`: uleb128 without a result pair, for the loops
 * that read several per class member (a pair per read was ~8% of what a read of the benchmark dex allocated).
 */
export function uleb(buf: Buffer, off: number): number {
  let result = 0;
  for (let i = 0; i < 5; i++) {
    const p = off + i;
    if (p < 0 || p >= buf.length) fail(`uleb128 at 0x${off.toString(16)} runs past the end`);
    const b = buf[p]!;
    result += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) {
      LEB.next = p + 1;
      // ToUint32, as `% 2 ** 32` of this non-negative integer, but a small integer when it fits: a code offset read
      // here becomes every call site's `offset`, which as a double was a separate heap number per call site.
      return result >>> 0;
    }
  }
  return fail(`uleb128 at 0x${off.toString(16)} is longer than 5 bytes`);
}

/** Checks that `count` items of `itemSize` bytes fit at `off`; guards every table before it is walked. */
export function checkTable(buf: Buffer, name: string, off: number, count: number, itemSize: number): void {
  if (count === 0) return;
  if (off <= 0 || off + count * itemSize > buf.length) {
    fail(`${name}: ${count} items of ${itemSize} bytes at 0x${off.toString(16)} do not fit in ${buf.length} bytes`);
  }
}
