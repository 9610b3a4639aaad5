// ELF file header, section headers and program headers (System V gABI), 32/64-bit, either byte order.
import { View } from '../macho/view.js';

export interface ElfHeader {
  is64: boolean;
  v: View;
  type: number;
  machine: number;
  phoff: number;
  phentsize: number;
  phnum: number;
  shoff: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

export interface SectionHeader {
  index: number;
  name: string;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  entsize: number;
}

export interface ProgramHeader {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
}

export const SHT_NOBITS = 8;
export const SHT_DYNAMIC = 6;
export const SHT_DYNSYM = 11;
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
const SHN_XINDEX = 0xffff;

export const MACHINES: Record<number, string> = {
  3: 'x86',
  8: 'mips',
  20: 'ppc',
  21: 'ppc64',
  40: 'arm',
  62: 'x86_64',
  183: 'aarch64',
  243: 'riscv',
};

export type Report = (id: string, message: string) => void;

/** The file header, or undefined (after reporting) when the identification bytes are unusable. */
export function readHeader(buf: Buffer, report: Report): ElfHeader | undefined {
  if (buf.length < 16 || buf.readUInt32BE(0) !== 0x7f454c46) {
    report('bad-magic', 'not an ELF file');
    return undefined;
  }
  const cls = buf[4];
  const data = buf[5];
  if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2)) {
    report('bad-header', `unknown ELF class ${cls} or data encoding ${data}`);
    return undefined;
  }
  const is64 = cls === 2;
  const v = new View(buf, data === 1);
  if (!v.has(0, is64 ? 64 : 52)) {
    report('truncated', 'file ends inside the ELF header');
    return undefined;
  }
  const w = (off32: number, off64: number) => (is64 ? v.u64(off64) : v.u32(off32));
  return {
    is64,
    v,
    type: v.u16(16),
    machine: v.u16(18),
    phoff: w(28, 32),
    shoff: w(32, 40),
    phentsize: v.u16(is64 ? 54 : 42),
    phnum: v.u16(is64 ? 56 : 44),
    shentsize: v.u16(is64 ? 58 : 46),
    shnum: v.u16(is64 ? 60 : 48),
    shstrndx: v.u16(is64 ? 62 : 50),
  };
}

/** Section headers with names; [] when absent (stripped) or unusable, with a notice saying why. */
export function readSections(h: ElfHeader, report: Report): SectionHeader[] {
  const { v, is64 } = h;
  if (h.shoff === 0) return [];
  const entsize = is64 ? 64 : 40;
  if (h.shentsize !== entsize) {
    report('bad-section-headers', `section header size ${h.shentsize}, expected ${entsize}`);
    return [];
  }
  let shnum = h.shnum;
  let shstrndx = h.shstrndx;
  if (v.has(h.shoff, entsize) && (shnum === 0 || shstrndx === SHN_XINDEX)) {
    // Extended numbering: the real counts live in section header 0.
    if (shnum === 0) shnum = is64 ? v.u64(h.shoff + 32) : v.u32(h.shoff + 20);
    if (shstrndx === SHN_XINDEX) shstrndx = v.u32(h.shoff + (is64 ? 40 : 24));
  }
  // Checked before allocating: a lying count cannot make us walk past the file.
  if (!v.has(h.shoff, shnum * entsize)) {
    report('bad-section-headers', `${shnum} section headers at 0x${h.shoff.toString(16)} run past the end of the file (${v.size} bytes)`);
    return [];
  }
  const raw: Array<Omit<SectionHeader, 'name'> & { nameOff: number }> = [];
  for (let i = 0; i < shnum; i++) {
    const p = h.shoff + i * entsize;
    const w = (off32: number, off64: number) => (is64 ? v.u64(p + off64) : v.u32(p + off32));
    raw.push({
      index: i,
      nameOff: v.u32(p),
      type: v.u32(p + 4),
      flags: w(8, 8),
      addr: w(12, 16),
      offset: w(16, 24),
      size: w(20, 32),
      link: v.u32(p + (is64 ? 40 : 24)),
      entsize: w(36, 56),
    });
  }
  const strtab = raw[shstrndx];
  const names = strtab && strtab.type !== SHT_NOBITS && v.has(strtab.offset, strtab.size) ? strtab : undefined;
  if (!names && shnum > 0) report('bad-section-headers', `section name table (index ${shstrndx}) is missing or outside the file`);
  return raw.map(({ nameOff, ...s }) => {
    let name = '';
    if (names && nameOff < names.size) {
      const end = v.nulEnd(names.offset + nameOff, names.offset + names.size);
      if (end >= 0) name = v.buf.toString('latin1', names.offset + nameOff, end);
    }
    return { ...s, name };
  });
}

export function readProgramHeaders(h: ElfHeader, report: Report): ProgramHeader[] {
  const { v, is64 } = h;
  if (h.phoff === 0 || h.phnum === 0) return [];
  const entsize = is64 ? 56 : 32;
  if (h.phentsize !== entsize || !v.has(h.phoff, h.phnum * entsize)) {
    report('bad-program-headers', `${h.phnum} program headers of ${h.phentsize} bytes at 0x${h.phoff.toString(16)} do not fit in the file`);
    return [];
  }
  const out: ProgramHeader[] = [];
  for (let i = 0; i < h.phnum; i++) {
    const p = h.phoff + i * entsize;
    out.push(
      is64
        ? { type: v.u32(p), flags: v.u32(p + 4), offset: v.u64(p + 8), vaddr: v.u64(p + 16), filesz: v.u64(p + 32) }
        : { type: v.u32(p), offset: v.u32(p + 4), vaddr: v.u32(p + 8), filesz: v.u32(p + 16), flags: v.u32(p + 24) },
    );
  }
  return out;
}

/** File offset of a virtual address through the PT_LOAD segments, or undefined. */
export function vaddrToOffset(phdrs: ProgramHeader[], vaddr: number): number | undefined {
  for (const ph of phdrs) {
    if (ph.type === PT_LOAD && vaddr >= ph.vaddr && vaddr < ph.vaddr + ph.filesz) return ph.offset + (vaddr - ph.vaddr);
  }
  return undefined;
}
