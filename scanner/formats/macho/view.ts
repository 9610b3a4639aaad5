// A bounds-checked, endian-aware window on a buffer, shared by the Mach-O and ELF readers.
// Every read checks its range first; callers test `has()` before trusting an offset or count read from the file.

export class OutOfRange extends Error {}

export class View {
  constructor(
    readonly buf: Buffer,
    readonly littleEndian: boolean,
  ) {}

  get size(): number {
    return this.buf.length;
  }

  /** True when [off, off+len) lies inside the buffer (all values finite, non-negative integers). */
  has(off: number, len: number): boolean {
    return Number.isSafeInteger(off) && Number.isSafeInteger(len) && off >= 0 && len >= 0 && off + len <= this.buf.length;
  }

  private need(off: number, len: number): void {
    if (!this.has(off, len)) throw new OutOfRange(`read of ${len} bytes at ${off} is outside ${this.buf.length} bytes`);
  }

  u8(off: number): number {
    this.need(off, 1);
    return this.buf[off]!;
  }

  u16(off: number): number {
    this.need(off, 2);
    return this.littleEndian ? this.buf.readUInt16LE(off) : this.buf.readUInt16BE(off);
  }

  u32(off: number): number {
    this.need(off, 4);
    return this.littleEndian ? this.buf.readUInt32LE(off) : this.buf.readUInt32BE(off);
  }

  i32(off: number): number {
    this.need(off, 4);
    return this.littleEndian ? this.buf.readInt32LE(off) : this.buf.readInt32BE(off);
  }

  u64big(off: number): bigint {
    this.need(off, 8);
    return this.littleEndian ? this.buf.readBigUInt64LE(off) : this.buf.readBigUInt64BE(off);
  }

  /**
   * A 64-bit field as a number. Values above 2^53 come back as Infinity: no such value can be a valid offset or
   * size in a buffer, so `has()` rejects them instead of silently rounding.
   */
  u64(off: number): number {
    const v = this.u64big(off);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
  }

  /** Word of the file's pointer size. */
  word(off: number, is64: boolean): number {
    return is64 ? this.u64(off) : this.u32(off);
  }

  /** End of the NUL-terminated string at `off`, searching no further than `limit` (exclusive); -1 if none. */
  nulEnd(off: number, limit: number): number {
    const end = Math.min(limit, this.buf.length);
    if (!Number.isSafeInteger(off) || off < 0 || off >= end) return -1;
    const i = this.buf.indexOf(0, off);
    return i >= 0 && i < end ? i : -1;
  }

  /** Fixed-width, NUL-padded ASCII name (segment and section names). */
  fixedName(off: number, len: number): string {
    this.need(off, len);
    const raw = this.buf.subarray(off, off + len);
    const nul = raw.indexOf(0);
    return raw.subarray(0, nul < 0 ? len : nul).toString('latin1');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes C string bytes: UTF-8 when valid, else Latin-1 (so odd bytes never throw or vanish). */
export function decodeCString(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
}
