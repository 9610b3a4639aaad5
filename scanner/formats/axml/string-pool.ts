// ResStringPool (RES_STRING_POOL_TYPE, 0x0001) as aapt/aapt2 write it: UTF-16LE or UTF-8 strings with
// length prefixes. Strings are decoded lazily and only ever inside the pool chunk.
import { AxmlError } from './chunk.js';

const UTF8_FLAG = 0x100;

export class StringPool {
  private readonly cache = new Map<number, string>();
  /** Decoded strings by data offset: indices whose offsets name the same bytes share one string. */
  private readonly byOffset = new Map<number, string>();
  readonly count: number;
  readonly utf8: boolean;
  private readonly offsetsAt: number;
  private readonly dataAt: number;
  private readonly end: number;

  /** `start` and `size` delimit the whole chunk (already checked to lie inside `buf`). */
  constructor(
    private readonly buf: Buffer,
    start: number,
    size: number,
  ) {
    const headerSize = buf.readUInt16LE(start + 2);
    if (headerSize < 28 || headerSize > size) throw new AxmlError(`string pool header size ${headerSize} is invalid`);
    this.count = buf.readUInt32LE(start + 8);
    const styleCount = buf.readUInt32LE(start + 12);
    const flags = buf.readUInt32LE(start + 16);
    const stringsStart = buf.readUInt32LE(start + 20);
    this.utf8 = (flags & UTF8_FLAG) !== 0;
    this.offsetsAt = start + headerSize;
    this.end = start + size;
    // Offset arrays (4 bytes per string and per style) must fit in the chunk before the string data.
    if ((this.count + styleCount) * 4 > size - headerSize) {
      throw new AxmlError(`string pool declares ${this.count} strings, more than its ${size}-byte chunk holds`);
    }
    this.dataAt = start + stringsStart;
    if (this.count > 0 && (stringsStart < headerSize || stringsStart > size)) {
      throw new AxmlError(`string data offset ${stringsStart} lies outside the string pool`);
    }
  }

  /** The string at `idx`; `undefined` for the "no string" index 0xffffffff. Throws AxmlError when malformed. */
  get(idx: number): string | undefined {
    if (idx === 0xffffffff) return undefined;
    if (idx >= this.count) throw new AxmlError(`string index ${idx} out of range (${this.count} strings)`);
    const hit = this.cache.get(idx);
    if (hit !== undefined) return hit;
    const at = this.dataAt + this.buf.readUInt32LE(this.offsetsAt + idx * 4);
    const s = this.byOffset.get(at) ?? (this.utf8 ? this.readUtf8(at, idx) : this.readUtf16(at, idx));
    this.byOffset.set(at, s);
    this.cache.set(idx, s);
    return s;
  }

  private need(at: number, n: number, idx: number): void {
    if (at < this.dataAt || at + n > this.end) throw new AxmlError(`string ${idx} runs outside the string pool`);
  }

  private readUtf16(at: number, idx: number): string {
    this.need(at, 2, idx);
    let len = this.buf.readUInt16LE(at);
    let p = at + 2;
    if (len & 0x8000) {
      this.need(at, 4, idx);
      len = ((len & 0x7fff) << 16) | this.buf.readUInt16LE(at + 2);
      p += 2;
    }
    this.need(p, len * 2, idx);
    return this.buf.toString('utf16le', p, p + len * 2);
  }

  private readUtf8(at: number, idx: number): string {
    // Two lengths, each 1 or 2 bytes: UTF-16 length (unused here), then the UTF-8 byte length.
    let p = at;
    const readLen = (): number => {
      this.need(p, 1, idx);
      const a = this.buf[p]!;
      if (a & 0x80) {
        this.need(p, 2, idx);
        p += 2;
        return ((a & 0x7f) << 8) | this.buf[p - 1]!;
      }
      p += 1;
      return a;
    };
    readLen();
    const bytes = readLen();
    this.need(p, bytes, idx);
    return this.buf.toString('utf8', p, p + bytes);
  }
}
