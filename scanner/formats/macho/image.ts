// One loaded view of a 64-bit Mach-O image for the code model: virtual addresses → file bytes, what each pointer
// slot holds after dyld's fixups (a bound symbol or a target address), the symbol table, the indirect symbols of
// stub and GOT sections, and function starts. Every read is bounds-checked; unknown addresses give undefined.
import { decodeCString, View } from './view.js';
import type { ImageCommands, Section, Segment } from './slice.js';
import { emptyFixups, readBindOpcodes, readChainedFixups, type Fixups } from './fixups.js';

export interface Sym {
  name: string;
  addr: number;
  /** Defined in a section of this image (N_SECT), as opposed to imported (N_UNDF). */
  defined: boolean;
  external: boolean;
}

/** What a pointer slot holds at run time. */
export type Pointer = { bound: string } | { addr: number };

const S_NON_LAZY_SYMBOL_POINTERS = 0x6;
const S_LAZY_SYMBOL_POINTERS = 0x7;
const S_SYMBOL_STUBS = 0x8;
const INDIRECT_SYMBOL_LOCAL = 0x80000000;
const INDIRECT_SYMBOL_ABS = 0x40000000;

export class MachImage {
  readonly v: View;
  readonly segments: Segment[];
  readonly sections: Section[];
  /** Address of the mach header (the __TEXT segment), the base chained-fixup offsets count from. */
  readonly imageBase: number;
  readonly fixups: Fixups;
  readonly symbols: Sym[] = [];
  /** Stub and lazy/non-lazy pointer addresses → imported symbol (from the indirect symbol table). */
  readonly indirect = new Map<number, string>();
  readonly problems: string[] = [];
  /** Sections left out of the code model: an address or end past 2^53 (a damaged header; no real image has one). */
  readonly unaddressable: string[] = [];

  constructor(
    buf: Buffer,
    readonly base: number,
    readonly cmds: ImageCommands,
  ) {
    this.v = new View(buf, true);
    this.segments = cmds.segments;
    // Past 2^53 (or Infinity, how View reports a larger u64) `addr + 8` is the same double: any scan stepping
    // through such a section would never end, so the code model never sees one.
    this.sections = cmds.sections.filter((s) => {
      const ok = Number.isSafeInteger(s.addr) && Number.isSafeInteger(s.size) && Number.isSafeInteger(s.addr + s.size);
      if (!ok) this.unaddressable.push(`${s.segname},${s.sectname}`);
      return ok;
    });
    const text = this.segments.find((s) => s.name === '__TEXT');
    this.imageBase = text?.vmaddr ?? 0;
    this.fixups = emptyFixups();
    const spans = this.segments.filter((s) => Number.isSafeInteger(s.vmaddr) && Number.isSafeInteger(s.filesize));
    if (cmds.chainedFixups) readChainedFixups(this.v, cmds.chainedFixups.off, cmds.chainedFixups.size, spans, this.imageBase, this.fixups);
    for (const d of cmds.dyldInfo ?? []) readBindOpcodes(this.v, d.off, d.size, spans, this.fixups);
    this.problems.push(...this.fixups.problems);
    this.readSymbols();
    this.readIndirect();
  }

  section(segname: string | undefined, sectname: string): Section | undefined {
    return this.sections.find((s) => s.sectname === sectname && (segname === undefined || s.segname === segname));
  }

  /** The section containing a virtual address. */
  sectionAt(addr: number): Section | undefined {
    for (const s of this.sections) if (addr >= s.addr && addr < s.addr + s.size) return s;
    return undefined;
  }

  /**
   * End address of the part of a section the file really holds. A corrupted header can claim a section of 2^40
   * bytes; every scan over a section stops here, so work is bounded by the input, not by a size the input states.
   */
  backedEnd(s: Section): number {
    const off = this.fileOffset(s.addr);
    if (off === undefined) return s.addr;
    return s.addr + Math.max(0, Math.min(s.size, this.v.size - off));
  }

  /** Image-relative file offset of `len` bytes at a virtual address, or undefined (zerofill, outside the file). */
  fileOffset(addr: number, len = 1): number | undefined {
    for (const seg of this.segments) {
      if (addr >= seg.vmaddr && addr + len <= seg.vmaddr + seg.filesize) {
        const off = seg.fileoff + (addr - seg.vmaddr);
        return this.v.has(off, len) ? off : undefined;
      }
    }
    return undefined;
  }

  u32At(addr: number): number | undefined {
    const off = this.fileOffset(addr, 4);
    return off === undefined ? undefined : this.v.u32(off);
  }

  i32At(addr: number): number | undefined {
    const off = this.fileOffset(addr, 4);
    return off === undefined ? undefined : this.v.i32(off);
  }

  /** What the 8-byte pointer slot at `addr` holds once dyld has run. */
  pointer(addr: number): Pointer | undefined {
    const bound = this.fixups.binds.get(addr);
    if (bound !== undefined) return { bound };
    const rebased = this.fixups.rebases.get(addr);
    if (rebased !== undefined) return { addr: rebased };
    const off = this.fileOffset(addr, 8);
    if (off === undefined) return undefined;
    const raw = this.v.u64big(off);
    if (raw === 0n) return undefined; // an unbound slot (classic fixups store 0 for binds)
    // Top-byte tags and PAC bits never belong to an image address.
    const value = Number(raw & 0xfffffffffffn);
    return { addr: value };
  }

  /** The NUL-terminated string at a virtual address (bounded by its section). */
  cString(addr: number, max = 4096): string | undefined {
    const s = this.sectionAt(addr);
    if (!s) return undefined;
    const off = this.fileOffset(addr);
    if (off === undefined) return undefined;
    const limit = Math.min(off + max, this.fileOffset(s.addr)! + s.size);
    const end = this.v.nulEnd(off, limit);
    if (end < 0) return undefined;
    return decodeCString(this.v.buf.subarray(off, end));
  }

  /** The CFString literal (`__cfstring` entry) at `addr`: its text. */
  cfString(addr: number): string | undefined {
    const s = this.sectionAt(addr);
    if (!s || s.sectname !== '__cfstring' || (addr - s.addr) % 32 !== 0) return undefined;
    const flagsOff = this.fileOffset(addr + 8, 4);
    const lenOff = this.fileOffset(addr + 24, 8);
    const data = this.pointer(addr + 16);
    if (flagsOff === undefined || lenOff === undefined || !data || !('addr' in data)) return undefined;
    const length = this.v.u64(lenOff);
    const off = this.fileOffset(data.addr, 1);
    if (off === undefined || !Number.isSafeInteger(length) || length > 1 << 20) return undefined;
    const utf16 = (this.v.u32(flagsOff) & 0xff) === 0xd0;
    const bytes = utf16 ? length * 2 : length;
    if (!this.v.has(off, bytes)) return undefined;
    const raw = this.v.buf.subarray(off, off + bytes);
    return utf16 ? raw.toString('utf16le') : decodeCString(raw);
  }

  private readSymbols(): void {
    const t = this.cmds.symtab;
    if (!t) return;
    const v = this.v;
    const n = Math.min(t.nsyms, v.has(t.symoff, 0) ? Math.floor((v.size - t.symoff) / 16) : 0);
    const strEnd = Math.min(t.stroff + t.strsize, v.size);
    for (let i = 0; i < n; i++) {
      const e = t.symoff + i * 16;
      const strx = v.u32(e);
      const type = v.u8(e + 4);
      const start = t.stroff + strx;
      let name = '';
      if ((type & 0xe0) === 0 && strx !== 0 && start < strEnd) {
        const end = v.nulEnd(start, strEnd);
        name = v.buf.toString('latin1', start, end < 0 ? strEnd : end);
      }
      // Kept even when unnamed or a stab: the indirect symbol table indexes this array.
      this.symbols.push({ name, addr: v.u64(e + 8), defined: (type & 0x0e) === 0x0e, external: (type & 0x01) !== 0 });
    }
  }

  private readIndirect(): void {
    const ind = this.cmds.indirect;
    if (!ind || ind.count === 0) return;
    for (const s of this.sections) {
      const type = s.flags & 0xff;
      const entry = type === S_SYMBOL_STUBS ? s.reserved2 : type === S_LAZY_SYMBOL_POINTERS || type === S_NON_LAZY_SYMBOL_POINTERS ? 8 : 0;
      if (entry === 0) continue;
      const count = Math.floor(s.size / entry);
      for (let i = 0; i < count && s.reserved1 + i < ind.count; i++) {
        const p = ind.off + (s.reserved1 + i) * 4;
        if (!this.v.has(p, 4)) break;
        const idx = this.v.u32(p);
        if (idx & (INDIRECT_SYMBOL_LOCAL | INDIRECT_SYMBOL_ABS)) continue;
        const sym = this.symbols[idx];
        if (sym?.name) this.indirect.set(s.addr + i * entry, sym.name);
      }
    }
  }

  /** LC_FUNCTION_STARTS: ULEB128 deltas from the __TEXT vmaddr, ending at a 0 delta. */
  functionStarts(): number[] {
    const fs = this.cmds.functionStarts;
    if (!fs || !this.v.has(fs.off, fs.size)) return [];
    const out: number[] = [];
    let addr = this.imageBase;
    let p = fs.off;
    const end = fs.off + fs.size;
    while (p < end) {
      let delta = 0;
      let mul = 1;
      let b = 0;
      do {
        b = this.v.u8(p++);
        delta += (b & 0x7f) * mul;
        mul *= 128;
      } while (b & 0x80 && p < end && mul < 2 ** 56);
      if (delta === 0) break;
      addr += delta;
      out.push(addr);
    }
    return out;
  }
}
