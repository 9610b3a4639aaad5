// Which pointer slots the dynamic loader fills in, and with what: classic dyld bind opcodes (LC_DYLD_INFO) and
// chained fixups (LC_DYLD_CHAINED_FIXUPS), after Apple's <mach-o/loader.h> and <mach-o/fixup-chains.h>.
// The code model needs them to name what a data pointer means: a classref bound to `_OBJC_CLASS_$_X`, a GOT slot
// bound to `_objc_msgSend`, a rebased selref pointing at its selector string.
import type { View } from './view.js';

export interface SegmentSpan {
  vmaddr: number;
  fileoff: number;
  filesize: number;
}

/** Slot address → bound symbol name, and (chained fixups only) slot address → rebased target address. */
export interface Fixups {
  binds: Map<number, string>;
  rebases: Map<number, number>;
  /** Why fixups could not all be read, for a notice. */
  problems: string[];
}

export function emptyFixups(): Fixups {
  return { binds: new Map(), rebases: new Map(), problems: [] };
}

/** Upper bound on fixups taken from one image: real apps have well under a million bound or rebased pointers. */
const MAX_FIXUPS = 4_000_000;

class Cursor {
  constructor(
    private readonly v: View,
    public p: number,
    readonly end: number,
  ) {}
  get done(): boolean {
    return this.p >= this.end;
  }
  u8(): number {
    return this.v.u8(this.p++);
  }
  uleb(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.p >= this.end) throw new RangeError('ULEB128 runs past its table');
      const b = this.v.u8(this.p++);
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return result;
    }
    throw new RangeError('ULEB128 longer than 10 bytes');
  }
  /** ULEB128 as a 64-bit two's-complement delta: dyld's address arithmetic wraps (ADD_ADDR_ULEB can step back). */
  delta(): number {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.p >= this.end) throw new RangeError('ULEB128 runs past its table');
      const b = this.v.u8(this.p++);
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return Number(BigInt.asIntN(64, result));
    }
    throw new RangeError('ULEB128 longer than 10 bytes');
  }
  sleb(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.p >= this.end) throw new RangeError('SLEB128 runs past its table');
      const b = this.v.u8(this.p++);
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return b & 0x40 ? result - mul : result;
    }
    throw new RangeError('SLEB128 longer than 10 bytes');
  }
  cstring(): string {
    const e = this.v.nulEnd(this.p, this.end);
    if (e < 0) throw new RangeError('symbol name runs past its table');
    const s = this.v.buf.toString('latin1', this.p, e);
    this.p = e + 1;
    return s;
  }
}

/**
 * Runs the bind, weak-bind and lazy-bind opcode streams of LC_DYLD_INFO into `out.binds` (slot → symbol).
 * Lazy streams separate entries with BIND_OPCODE_DONE, so DONE never ends a stream; its end does.
 */
export function readBindOpcodes(v: View, off: number, size: number, segments: SegmentSpan[], out: Fixups): void {
  if (size === 0) return;
  if (!v.has(off, size)) {
    out.problems.push(`bind opcodes (0x${off.toString(16)}+0x${size.toString(16)}) lie outside the image`);
    return;
  }
  const c = new Cursor(v, off, off + size);
  let symbol = '';
  let seg: SegmentSpan | undefined;
  let addr = 0;
  const bind = (): void => {
    if (seg && out.binds.size < MAX_FIXUPS) out.binds.set(addr, symbol);
  };
  try {
    while (!c.done) {
      const b = c.u8();
      const imm = b & 0x0f;
      switch (b & 0xf0) {
        case 0x00: // DONE
        case 0x10: // SET_DYLIB_ORDINAL_IMM
        case 0x30: // SET_DYLIB_SPECIAL_IMM
        case 0x50: // SET_TYPE_IMM
          break;
        case 0x20: // SET_DYLIB_ORDINAL_ULEB
          c.uleb();
          break;
        case 0x40: // SET_SYMBOL_TRAILING_FLAGS_IMM
          symbol = c.cstring();
          break;
        case 0x60: // SET_ADDEND_SLEB
          c.sleb();
          break;
        case 0x70: // SET_SEGMENT_AND_OFFSET_ULEB
          seg = segments[imm];
          addr = (seg?.vmaddr ?? 0) + c.delta();
          break;
        case 0x80: // ADD_ADDR_ULEB
          addr += c.delta();
          break;
        case 0x90: // DO_BIND
          bind();
          addr += 8;
          break;
        case 0xa0: // DO_BIND_ADD_ADDR_ULEB
          bind();
          addr += 8 + c.delta();
          break;
        case 0xb0: // DO_BIND_ADD_ADDR_IMM_SCALED
          bind();
          addr += 8 + imm * 8;
          break;
        case 0xc0: {
          // DO_BIND_ULEB_TIMES_SKIPPING_ULEB
          const count = c.uleb();
          const skip = c.uleb();
          if (count > MAX_FIXUPS) throw new RangeError(`bind repeat count ${count}`);
          for (let i = 0; i < count; i++) {
            bind();
            addr += 8 + skip;
          }
          break;
        }
        case 0xd0: // THREADED (arm64e before chained fixups): not decoded here
          out.problems.push('threaded bind opcodes are not decoded');
          return;
        default:
          out.problems.push(`unknown bind opcode 0x${b.toString(16)}`);
          return;
      }
      if (!Number.isSafeInteger(addr)) throw new RangeError('bind address overflows');
    }
  } catch (e) {
    out.problems.push(`bind opcodes: ${(e as Error).message}`);
  }
}

const STRIDE: Record<number, number> = { 1: 8, 2: 4, 6: 4, 9: 8, 12: 8 };

/**
 * Walks every chain of LC_DYLD_CHAINED_FIXUPS (`off`/`size`: its linkedit data in the image) and decodes each slot:
 * a bind names an import, a rebase gives the target address. Pointer formats: 64 and 64_OFFSET (2, 6) and the
 * arm64e ones (1, 9, 12); others are reported in `problems`.
 */
export function readChainedFixups(v: View, off: number, size: number, segments: SegmentSpan[], imageBase: number, out: Fixups): void {
  if (!v.has(off, size) || size < 28) {
    out.problems.push(`chained fixups header (0x${off.toString(16)}+0x${size.toString(16)}) lies outside the image`);
    return;
  }
  const startsOff = off + v.u32(off + 4);
  const importsOff = off + v.u32(off + 8);
  const symbolsOff = off + v.u32(off + 12);
  const importsCount = v.u32(off + 16);
  const importsFormat = v.u32(off + 20);
  const end = off + size;
  const importEntry = importsFormat === 1 ? 4 : importsFormat === 2 ? 8 : importsFormat === 3 ? 16 : 0;
  if (importEntry === 0 || importsOff + importsCount * importEntry > end || v.u32(off + 24) !== 0) {
    out.problems.push(`chained fixups: unsupported imports (format ${importsFormat}, ${importsCount} entries)`);
    return;
  }
  const names: string[] = [];
  for (let i = 0; i < importsCount; i++) {
    const e = importsOff + i * importEntry;
    const nameOff = importsFormat === 3 ? v.u32(e + 4) : v.u32(e) >>> 9;
    const s = symbolsOff + nameOff;
    const z = v.nulEnd(s, end);
    names.push(z < 0 ? '' : v.buf.toString('latin1', s, z));
  }
  if (!v.has(startsOff, 4) || startsOff >= end) {
    out.problems.push('chained fixups: starts table lies outside the header');
    return;
  }
  const segCount = v.u32(startsOff);
  for (let si = 0; si < Math.min(segCount, segments.length); si++) {
    if (!v.has(startsOff + 4 + si * 4, 4)) break;
    const rel = v.u32(startsOff + 4 + si * 4);
    if (rel === 0) continue;
    const s = startsOff + rel;
    if (!v.has(s, 22) || s >= end) {
      out.problems.push(`chained fixups: segment ${si} starts lie outside the header`);
      continue;
    }
    const pageSize = v.u16(s + 4);
    const format = v.u16(s + 6);
    const segOffset = v.u64(s + 8);
    const pageCount = v.u16(s + 20);
    const stride = STRIDE[format];
    if (!stride) {
      out.problems.push(`chained fixups: pointer format ${format} is not decoded`);
      continue;
    }
    const seg = segments[si]!;
    for (let page = 0; page < pageCount && v.has(s + 22 + page * 2, 2); page++) {
      const start = v.u16(s + 22 + page * 2);
      if (start === 0xffff) continue;
      if (start & 0x8000) {
        out.problems.push('chained fixups: multi-start pages (32-bit formats) are not decoded');
        continue;
      }
      let slotVm = imageBase + segOffset + page * pageSize + start;
      // Chains stay inside their page; the step cap bounds a crafted loop.
      for (let steps = 0; steps < pageSize / stride + 1; steps++) {
        const fo = fileOffset(segments, seg, slotVm);
        if (fo === undefined || !v.has(fo, 8)) break;
        const raw = v.u64big(fo);
        const next = decodeSlot(raw, format, imageBase, names, slotVm, out);
        if (out.binds.size + out.rebases.size >= MAX_FIXUPS) return;
        if (next === 0) break;
        slotVm += next * stride;
      }
    }
  }
}

function fileOffset(segments: SegmentSpan[], hint: SegmentSpan, vm: number): number | undefined {
  const inSeg = (s: SegmentSpan): boolean => vm >= s.vmaddr && vm + 8 <= s.vmaddr + s.filesize;
  const seg = inSeg(hint) ? hint : segments.find(inSeg);
  return seg ? seg.fileoff + (vm - seg.vmaddr) : undefined;
}

/** Records one slot; returns its `next` field (0 ends the chain). */
function decodeSlot(raw: bigint, format: number, imageBase: number, names: string[], slot: number, out: Fixups): number {
  const bits = (lo: number, n: number): number => Number((raw >> BigInt(lo)) & ((1n << BigInt(n)) - 1n));
  if (format === 2 || format === 6) {
    const next = bits(51, 12);
    if (bits(63, 1)) out.binds.set(slot, names[bits(0, 24)] ?? '');
    else {
      const target = bits(0, 36) + (format === 6 ? imageBase : 0);
      out.rebases.set(slot, target);
    }
    return next;
  }
  // arm64e: bind = bit 62, auth = bit 63, next = 11 bits at 51.
  const next = bits(51, 11);
  const auth = bits(63, 1) === 1;
  if (bits(62, 1)) out.binds.set(slot, names[bits(0, format === 12 ? 24 : 16)] ?? '');
  else if (auth) out.rebases.set(slot, imageBase + bits(0, 32));
  else out.rebases.set(slot, bits(0, 43) + (format === 1 ? 0 : imageBase));
  return next;
}
