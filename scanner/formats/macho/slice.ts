// Reads one thin Mach-O image (a whole file, or one slice of a fat file) into the sink.
// Offsets the image stores are relative to its own start; facts carry `base + offset` (offsets in the whole file).
import * as C from './constants.js';
import { View, decodeCString } from './view.js';
import type { FactSink } from './sink.js';
import { swiftTypeNames } from './swift.js';
import type { StringKind } from '../../core/facts.js';

export interface Segment {
  name: string;
  vmaddr: number;
  vmsize: number;
  fileoff: number;
  filesize: number;
}

export interface Section {
  segname: string;
  sectname: string;
  addr: number;
  size: number;
  offset: number;
  flags: number;
  /** Indirect-symbol index of the first entry (stub and pointer sections). */
  reserved1: number;
  /** Stub size (symbol-stub sections). */
  reserved2: number;
}

/** Load-command data the code model (code.ts) reads after the strings pass; offsets are image-relative. */
export interface ImageCommands {
  is64: boolean;
  cputype: number;
  filetype: number;
  segments: Segment[];
  sections: Section[];
  symtab?: { symoff: number; nsyms: number; stroff: number; strsize: number };
  indirect?: { off: number; count: number };
  dyldInfo?: Array<{ off: number; size: number }>;
  functionStarts?: { off: number; size: number };
  chainedFixups?: { off: number; size: number };
  /** The FairPlay-encrypted file range, when cryptid != 0. */
  crypt?: { start: number; end: number };
}

export interface SliceSummary {
  arch: string;
  filetype: string;
  encrypted: boolean;
  minOS?: string;
  installName?: string;
}

interface CryptRange {
  start: number;
  end: number;
}

const MAX_SECTIONS = 255; // Mach-O section ordinals are one byte

export class SliceReader {
  private readonly v: View;
  private is64 = false;
  private readonly segments: Segment[] = [];
  private readonly sections: Section[] = [];
  private crypt: CryptRange | undefined;
  private symtab: { symoff: number; nsyms: number; stroff: number; strsize: number } | undefined;
  private readonly cmds: Omit<ImageCommands, 'is64' | 'segments' | 'sections' | 'symtab' | 'crypt'> = { cputype: 0, filetype: 0 };
  /** Slice offsets of C strings that a CFString points at: reported once, as cfstring. */
  private readonly cfTargets = new Set<number>();
  /** File ranges of sections already walked for strings. */
  private readonly walked: Array<{ start: number; end: number }> = [];
  readonly summary: SliceSummary = { arch: 'unknown', filetype: 'unknown', encrypted: false };
  /** Strings skipped because they lie in the encrypted range. */
  skippedEncrypted = 0;

  constructor(
    data: Buffer,
    private readonly base: number,
    private readonly sink: FactSink,
    private readonly label: string,
  ) {
    this.v = new View(data, true);
  }

  /** The buffer of this image (a whole thin file or one slice) and where it starts in the file. */
  get image(): { buf: Buffer; base: number } {
    return { buf: this.v.buf, base: this.base };
  }

  /** What the load commands said, for the code model. */
  get commands(): ImageCommands {
    return { ...this.cmds, is64: this.is64, segments: this.segments, sections: this.sections, symtab: this.symtab, crypt: this.crypt };
  }

  private warn(id: string, message: string): void {
    this.sink.notice('warning', `macho/${id}`, `${this.label}: ${message}`);
  }

  read(): void {
    if (!this.readHeaderAndCommands()) return;
    this.checkSegmentsInFile();
    this.readCFStrings();
    this.readSectionStrings();
    this.readSymbols();
    if (this.crypt) {
      this.sink.notice(
        'warning',
        'macho/encrypted',
        `${this.label}: encrypted (LC_ENCRYPTION_INFO cryptid != 0, FairPlay): code and strings in file range ` +
          `0x${(this.base + this.crypt.start).toString(16)}-0x${(this.base + this.crypt.end).toString(16)} could not be read ` +
          `(${this.skippedEncrypted} strings skipped); load commands, symbols and data segments were still read. ` +
          'Scan a decrypted binary for full coverage.',
      );
    }
  }

  /** Header and load commands; false when nothing further can be read. */
  private readHeaderAndCommands(): boolean {
    const v = this.v;
    if (!v.has(0, 28)) {
      this.warn('truncated', 'file ends inside the Mach-O header');
      return false;
    }
    const magic = v.u32(0);
    if (magic === C.MH_CIGAM || magic === C.MH_CIGAM_64) {
      this.warn('unsupported', 'big-endian Mach-O (PowerPC) is not read');
      return false;
    }
    if (magic !== C.MH_MAGIC && magic !== C.MH_MAGIC_64) {
      this.warn('bad-magic', `not a Mach-O image (magic 0x${magic.toString(16)})`);
      return false;
    }
    this.is64 = magic === C.MH_MAGIC_64;
    const headerSize = this.is64 ? 32 : 28;
    this.summary.arch = C.archName(v.u32(4), v.u32(8));
    this.summary.filetype = C.FILETYPES[v.u32(12)] ?? `type${v.u32(12)}`;
    this.cmds.cputype = v.u32(4);
    this.cmds.filetype = v.u32(12);
    const ncmds = v.u32(16);
    const sizeofcmds = v.u32(20);
    if (!v.has(headerSize, sizeofcmds)) {
      this.warn('truncated', `load commands (${sizeofcmds} bytes) run past the end of the image (${v.size} bytes); reading those that fit`);
    }
    const cmdsEnd = Math.min(headerSize + sizeofcmds, v.size);
    if (ncmds > (cmdsEnd - headerSize) / 8) {
      this.warn('bad-load-command', `ncmds ${ncmds} cannot fit in ${cmdsEnd - headerSize} bytes of load commands`);
    }
    let p = headerSize;
    for (let i = 0; i < ncmds; i++) {
      if (p + 8 > cmdsEnd) {
        this.warn('bad-load-command', `load command ${i} of ${ncmds} starts past the end of the load commands`);
        break;
      }
      const cmd = v.u32(p);
      const cmdsize = v.u32(p + 4);
      if (cmdsize < 8 || cmdsize % 4 !== 0 || p + cmdsize > cmdsEnd) {
        this.warn('bad-load-command', `load command ${i} (0x${cmd.toString(16)}) has an invalid size ${cmdsize}`);
        break;
      }
      if (!this.readCommand(cmd, p, cmdsize)) break;
      p += cmdsize;
    }
    return true;
  }

  /** One load command at `p`; false on an inconsistency that stops the walk. */
  private readCommand(cmd: number, p: number, cmdsize: number): boolean {
    const v = this.v;
    const dylib = C.DYLIB_COMMANDS.get(cmd);
    if (dylib) {
      const name = this.lcString(p, cmdsize, 8);
      if (name === undefined) return this.badCommand(dylib.name);
      const fact = { name: name.value, kind: dylib.kind, offset: this.base + name.offset, length: name.length, snippet: dylib.name };
      this.sink.library(cmdsize >= 24 ? { ...fact, version: C.formatVersion(v.u32(p + 16)) } : fact);
      return true;
    }
    switch (cmd) {
      case C.LC_SEGMENT:
      case C.LC_SEGMENT_64:
        return this.readSegment(p, cmdsize, cmd === C.LC_SEGMENT_64);
      case C.LC_RPATH: {
        const path = this.lcString(p, cmdsize, 8);
        if (path === undefined) return this.badCommand('LC_RPATH');
        this.sink.library({ name: path.value, kind: 'rpath', offset: this.base + path.offset, length: path.length, snippet: 'LC_RPATH' });
        return true;
      }
      case C.LC_ID_DYLIB: {
        const name = this.lcString(p, cmdsize, 8);
        if (name === undefined) return this.badCommand('LC_ID_DYLIB');
        this.summary.installName = name.value;
        return true;
      }
      case C.LC_SYMTAB:
        if (cmdsize < 24) return this.badCommand('LC_SYMTAB');
        this.symtab = { symoff: v.u32(p + 8), nsyms: v.u32(p + 12), stroff: v.u32(p + 16), strsize: v.u32(p + 20) };
        return true;
      case C.LC_DYSYMTAB:
        if (cmdsize < 80) return this.badCommand('LC_DYSYMTAB');
        this.cmds.indirect = { off: v.u32(p + 56), count: v.u32(p + 60) };
        return true;
      case C.LC_DYLD_INFO:
      case C.LC_DYLD_INFO_ONLY:
        if (cmdsize < 48) return this.badCommand('LC_DYLD_INFO');
        // bind, weak bind and lazy bind streams (rebase and export info are not needed)
        this.cmds.dyldInfo = [16, 24, 32].map((f) => ({ off: v.u32(p + f), size: v.u32(p + f + 4) }));
        return true;
      case C.LC_FUNCTION_STARTS:
      case C.LC_DYLD_CHAINED_FIXUPS: {
        if (cmdsize < 16) return this.badCommand('linkedit data command');
        const data = { off: v.u32(p + 8), size: v.u32(p + 12) };
        if (cmd === C.LC_FUNCTION_STARTS) this.cmds.functionStarts = data;
        else this.cmds.chainedFixups = data;
        return true;
      }
      case C.LC_ENCRYPTION_INFO:
      case C.LC_ENCRYPTION_INFO_64: {
        if (cmdsize < 20) return this.badCommand('LC_ENCRYPTION_INFO');
        const cryptoff = v.u32(p + 8);
        const cryptsize = v.u32(p + 12);
        const cryptid = v.u32(p + 16);
        if (cryptid !== 0) {
          this.summary.encrypted = true;
          // Even a range that runs past the end (a truncated file) stays excluded: never read ciphertext as text.
          this.crypt = { start: cryptoff, end: cryptoff + cryptsize };
        }
        return true;
      }
      case C.LC_BUILD_VERSION:
        if (cmdsize < 24) return this.badCommand('LC_BUILD_VERSION');
        this.summary.minOS ??= `${C.PLATFORMS[v.u32(p + 8)] ?? `platform${v.u32(p + 8)}`} ${C.formatVersion(v.u32(p + 12), true)}`;
        return true;
      default: {
        const platform = C.VERSION_MIN_PLATFORM.get(cmd);
        if (platform !== undefined) {
          if (cmdsize < 16) return this.badCommand('LC_VERSION_MIN');
          this.summary.minOS ??= `${platform} ${C.formatVersion(v.u32(p + 8), true)}`;
        }
        return true;
      }
    }
  }

  private badCommand(name: string): false {
    this.warn('bad-load-command', `${name} is malformed (string offset or size out of range)`);
    return false;
  }

  /** An lc_str: a string at an offset (stored at `p + field`) inside the command, NUL-terminated within it. */
  private lcString(p: number, cmdsize: number, field: number): { value: string; offset: number; length: number } | undefined {
    if (field + 4 > cmdsize) return undefined;
    const rel = this.v.u32(p + field);
    if (rel < field + 4 || rel >= cmdsize) return undefined;
    const start = p + rel;
    let end = this.v.nulEnd(start, p + cmdsize);
    if (end < 0) end = p + cmdsize; // unterminated: the command's end bounds it
    const bytes = this.v.buf.subarray(start, end);
    return { value: decodeCString(bytes), offset: start, length: end - start };
  }

  private readSegment(p: number, cmdsize: number, is64: boolean): boolean {
    const v = this.v;
    const headSize = is64 ? 72 : 56;
    const sectSize = is64 ? 80 : 68;
    if (cmdsize < headSize) return this.badCommand('LC_SEGMENT');
    const seg: Segment = {
      name: v.fixedName(p + 8, 16),
      vmaddr: v.word(p + 24, is64),
      vmsize: v.word(p + (is64 ? 32 : 28), is64),
      fileoff: v.word(p + (is64 ? 40 : 32), is64),
      filesize: v.word(p + (is64 ? 48 : 36), is64),
    };
    const nsects = v.u32(p + (is64 ? 64 : 48));
    if (nsects > (cmdsize - headSize) / sectSize || this.sections.length + nsects > MAX_SECTIONS) {
      this.warn('bad-load-command', `segment ${seg.name} claims ${nsects} sections, more than its command (${cmdsize} bytes) holds`);
      return false;
    }
    this.segments.push(seg);
    for (let i = 0; i < nsects; i++) {
      const s = p + headSize + i * sectSize;
      this.sections.push({
        sectname: v.fixedName(s, 16),
        segname: v.fixedName(s + 16, 16),
        addr: v.word(s + 32, is64),
        size: v.word(s + (is64 ? 40 : 36), is64),
        offset: v.u32(s + (is64 ? 48 : 40)),
        flags: v.u32(s + (is64 ? 64 : 56)),
        reserved1: v.u32(s + (is64 ? 68 : 60)),
        reserved2: v.u32(s + (is64 ? 72 : 64)),
      });
    }
    return true;
  }

  private checkSegmentsInFile(): void {
    for (const seg of this.segments) {
      if (seg.filesize > 0 && !this.v.has(seg.fileoff, seg.filesize)) {
        this.warn('truncated', `segment ${seg.name} (file 0x${seg.fileoff.toString(16)}+0x${seg.filesize.toString(16)}) runs past the end of the image (${this.v.size} bytes)`);
      }
    }
  }

  /**
   * File data of a section, or undefined (with a notice) when it has none, lies outside the image, or overlaps a
   * section already walked: real images never overlap, and refusing overlaps keeps the work linear in file size.
   */
  private sectionData(s: Section): { start: number; end: number } | undefined {
    // Offset 0 means "no file data" (dSYM companions keep section headers without contents).
    if (C.ZEROFILL_TYPES.has(s.flags & 0xff) || s.size === 0 || s.offset === 0) return undefined;
    if (!this.v.has(s.offset, s.size)) {
      this.warn('section-out-of-range', `section ${s.segname},${s.sectname} (file 0x${s.offset.toString(16)}+0x${s.size.toString(16)}) lies outside the image`);
      return undefined;
    }
    const range = { start: s.offset, end: s.offset + s.size };
    if (this.walked.some((w) => range.start < w.end && range.end > w.start)) {
      this.warn('overlapping-sections', `section ${s.segname},${s.sectname} overlaps another section; not read twice`);
      return undefined;
    }
    this.walked.push(range);
    return range;
  }

  private inCrypt(start: number, end: number): boolean {
    return this.crypt !== undefined && start < this.crypt.end && end > this.crypt.start;
  }

  private emit(kind: StringKind, value: string, start: number, end: number, snippet?: string): void {
    if (this.inCrypt(start, end)) {
      this.skippedEncrypted++;
      return;
    }
    this.sink.string(kind, value, this.base + start, end - start, snippet);
  }

  /** Walks NUL-separated strings of a section. */
  private walkCStrings(s: Section, each: (value: string, start: number, end: number) => void): void {
    const range = this.sectionData(s);
    if (!range) return;
    const buf = this.v.buf;
    let p = range.start;
    while (p < range.end && this.sink.accepting) {
      let e = buf.indexOf(0, p);
      if (e < 0 || e > range.end) e = range.end;
      if (e > p) each(decodeCString(buf.subarray(p, e)), p, e);
      p = e + 1;
    }
  }

  private readSectionStrings(): void {
    for (const s of this.sections) {
      if (!this.sink.accepting) return;
      const name = s.sectname;
      if (name === '__objc_classname') {
        this.walkCStrings(s, (value, a, b) => this.emit('objc-class', value, a, b));
      } else if (name === '__objc_methname') {
        this.walkCStrings(s, (value, a, b) => this.emit('objc-method', value, a, b));
      } else if (name === '__swift5_typeref') {
        this.readSwiftTypeRefs(s);
      } else if (name === '__objc_methtype') {
        // type encodings (v24@0:8): no names or literals in them
      } else if (name === '__cstring' || (s.flags & 0xff) === C.S_CSTRING_LITERALS) {
        this.walkCStrings(s, (value, a, b) => {
          if (!this.cfTargets.has(a)) this.emit('cstring', value, a, b);
        });
      }
    }
  }

  private readSwiftTypeRefs(s: Section): void {
    const range = this.sectionData(s);
    if (!range) return;
    const buf = this.v.buf;
    let p = range.start;
    while (p < range.end && this.sink.accepting) {
      // An entry ends at NUL, but symbolic references embed raw offsets that may contain NUL bytes: skip them.
      let e = p;
      while (e < range.end && buf[e] !== 0) e += buf[e]! >= 0x01 && buf[e]! <= 0x17 ? 5 : buf[e]! >= 0x18 && buf[e]! <= 0x1f ? 9 : 1;
      e = Math.min(e, range.end);
      if (e > p) {
        const mangled = buf.subarray(p, e).toString('latin1');
        for (const name of swiftTypeNames(mangled)) this.emit('swift-type', name, p, e, readableMangled(mangled));
      }
      p = e + 1;
    }
  }

  /** Slice offset of a VM address inside a section's file data. */
  private addrToSection(addr: number): { off: number; section: Section } | undefined {
    for (const s of this.sections) {
      if (addr >= s.addr && addr < s.addr + s.size && s.offset !== 0 && !C.ZEROFILL_TYPES.has(s.flags & 0xff)) {
        const off = s.offset + (addr - s.addr);
        return this.v.has(off, 1) ? { off, section: s } : undefined;
      }
    }
    return undefined;
  }

  /**
   * Where a pointer stored in the file points. Classic binaries store the unslid address; binaries with chained
   * fixups store a rebase entry whose low bits hold the target (DYLD_CHAINED_PTR_64: 36-bit address;
   * *_64_OFFSET and arm64e auth rebases: offset from the image base). We try each reading and accept the first
   * that lands on a string section, so a wrong guess cannot produce a string from elsewhere.
   */
  private resolveStringPointer(raw: bigint): { off: number; section: Section } | undefined {
    const textVm = this.segments.find((s) => s.name === '__TEXT')?.vmaddr ?? 0;
    const textBase = BigInt(Number.isSafeInteger(textVm) ? textVm : 0);
    const candidates = [raw, raw & 0xfffffffffn, textBase + (raw & 0xfffffffffn), raw & 0x7ffffffffffn, textBase + (raw & 0xffffffffn)];
    for (const c of candidates) {
      if (c > BigInt(Number.MAX_SAFE_INTEGER)) continue;
      const hit = this.addrToSection(Number(c));
      if (hit && (hit.section.sectname === '__cstring' || hit.section.sectname === '__ustring' || (hit.section.flags & 0xff) === C.S_CSTRING_LITERALS)) return hit;
    }
    return undefined;
  }

  private readCFStrings(): void {
    const entry = this.is64 ? 32 : 16;
    for (const s of this.sections) {
      if (s.sectname !== '__cfstring') continue;
      const range = this.sectionData(s);
      if (!range) continue;
      let unresolved = 0;
      for (let p = range.start; p + entry <= range.end && this.sink.accepting; p += entry) {
        const flags = this.v.u32(p + (this.is64 ? 8 : 4));
        const ptr = this.is64 ? this.v.u64big(p + 16) : BigInt(this.v.u32(p + 8));
        const length = this.is64 ? this.v.u64(p + 24) : this.v.u32(p + 12);
        const hit = this.resolveStringPointer(ptr);
        if (!hit) {
          unresolved++;
          continue;
        }
        const utf16 = (flags & 0xff) === 0xd0; // 0x7d0: UTF-16 contents in __ustring; 0x7c8: 8-bit in __cstring
        const sectEnd = hit.section.offset + hit.section.size;
        let end = hit.off + (utf16 ? length * 2 : length);
        if (!Number.isSafeInteger(end) || end > sectEnd) end = this.terminator(hit.off, sectEnd, utf16); // a lying length
        const bytes = this.v.buf.subarray(hit.off, end);
        const value = utf16 ? bytes.toString('utf16le') : decodeCString(bytes);
        this.cfTargets.add(hit.off);
        this.emit('cfstring', value, hit.off, end);
      }
      if (unresolved > 0) {
        this.sink.notice('note', 'macho/cfstring-unresolved', `${this.label}: ${unresolved} CFString pointers could not be resolved; their text is still reported as cstring`);
      }
    }
  }

  /** End of a NUL-terminated 8-bit or UTF-16 string starting at `start`, bounded by `limit`. */
  private terminator(start: number, limit: number, utf16: boolean): number {
    const buf = this.v.buf;
    if (!utf16) {
      const e = this.v.nulEnd(start, limit);
      return e < 0 ? limit : e;
    }
    let e = start;
    while (e + 1 < limit && (buf[e] !== 0 || buf[e + 1] !== 0)) e += 2;
    return Math.min(e, limit);
  }

  private readSymbols(): void {
    const t = this.symtab;
    if (!t || t.nsyms === 0) return;
    const v = this.v;
    const entry = this.is64 ? 16 : 12;
    let strsize = t.strsize;
    if (!v.has(t.stroff, strsize)) {
      this.warn('symtab-out-of-range', `string table (0x${t.stroff.toString(16)}+0x${t.strsize.toString(16)}) runs past the end of the image`);
      strsize = v.has(t.stroff, 0) ? v.size - t.stroff : 0;
    }
    let nsyms = t.nsyms;
    if (!v.has(t.symoff, nsyms * entry)) {
      const fit = v.has(t.symoff, 0) ? Math.floor((v.size - t.symoff) / entry) : 0;
      this.warn('symtab-out-of-range', `symbol table claims ${t.nsyms} entries at 0x${t.symoff.toString(16)}, only ${fit} fit in the image`);
      nsyms = fit;
    }
    let badNames = 0;
    const strEnd = t.stroff + strsize;
    for (let i = 0; i < nsyms; i++) {
      const e = t.symoff + i * entry;
      const strx = v.u32(e);
      const type = v.u8(e + 4);
      if (type & 0xe0) continue; // N_STAB debugging entries
      if (strx === 0) continue;
      if (strx >= strsize) {
        badNames++;
        continue;
      }
      const start = t.stroff + strx;
      let end = v.nulEnd(start, strEnd);
      if (end < 0) end = strEnd;
      if (end === start) continue;
      const name = decodeCString(v.buf.subarray(start, end));
      const off = this.base + start;
      const len = end - start;
      this.emit('symbol', name, start, end);
      const external = (type & 0x01) !== 0;
      const undefinedSym = (type & 0x0e) === 0x0; // N_UNDF
      if (external) this.sink.symbol(undefinedSym ? 'import' : 'export', name, off, len);
      else if (/^[+-]\[\S+ \S+\]$/.test(name)) this.sink.symbol('method', name, off, len);
      const cls = /^_OBJC_CLASS_\$_(.+)$/.exec(name);
      if (cls) this.sink.symbol('class', cls[1]!, off + len - cls[1]!.length, cls[1]!.length);
    }
    if (badNames > 0) this.warn('symtab-out-of-range', `${badNames} symbols name string-table offsets past its end`);
  }
}

/** The mangled name with each symbolic reference (marker byte + offset or pointer) shown as `?`. */
function readableMangled(mangled: string): string {
  let out = '';
  for (let i = 0; i < mangled.length; i++) {
    const c = mangled.charCodeAt(i);
    if (c >= 0x01 && c <= 0x1f) {
      out += '?';
      i += c <= 0x17 ? 4 : 8;
    } else out += mangled[i];
  }
  return out;
}
