// Dynamic linking facts: DT_NEEDED / DT_SONAME / DT_RUNPATH from the dynamic table and symbols from the dynamic
// symbol table. Locations come from section headers when present, else from PT_DYNAMIC and the DT_* addresses.
import type { ElfHeader, ProgramHeader, Report, SectionHeader } from './headers.js';
import { PT_DYNAMIC, SHT_DYNAMIC, SHT_DYNSYM, SHT_NOBITS, vaddrToOffset } from './headers.js';
import type { FactSink } from '../macho/sink.js';
import { decodeCString } from '../macho/view.js';

const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_HASH = 4;
const DT_STRTAB = 5;
const DT_SYMTAB = 6;
const DT_STRSZ = 10;
const DT_SYMENT = 11;
const DT_SONAME = 14;
const DT_RPATH = 15;
const DT_RUNPATH = 29;
const DT_GNU_HASH = 0x6ffffef5;

interface Range {
  offset: number;
  size: number;
}

export interface DynamicResult {
  soname?: string;
  /** File range of the dynamic string table, so string scans can skip it. */
  dynstr?: Range;
}

/** A file range, or undefined (after reporting) when it does not fit in the file. */
function checked(h: ElfHeader, what: string, offset: number, size: number, report: Report): Range | undefined {
  if (h.v.has(offset, size)) return { offset, size };
  report('bad-dynamic', `${what} (0x${offset.toString(16)}+0x${size.toString(16)}) lies outside the file (${h.v.size} bytes)`);
  return undefined;
}

function sectionRange(h: ElfHeader, s: SectionHeader | undefined, report: Report): Range | undefined {
  if (!s || s.type === SHT_NOBITS) return undefined;
  return checked(h, `section ${s.name || s.index}`, s.offset, s.size, report);
}

/** NUL-terminated string at `index` of a string table; undefined when the index lies outside it. */
function tableString(h: ElfHeader, table: Range, index: number): { value: string; offset: number; length: number } | undefined {
  if (index >= table.size) return undefined;
  const start = table.offset + index;
  let end = h.v.nulEnd(start, table.offset + table.size);
  if (end < 0) end = table.offset + table.size;
  return { value: decodeCString(h.v.buf.subarray(start, end)), offset: start, length: end - start };
}

/** Dynamic entries as [tag, value] pairs, up to DT_NULL or the end of the range. */
function dynamicEntries(h: ElfHeader, dyn: Range): Array<[number, number]> {
  const entsize = h.is64 ? 16 : 8;
  const out: Array<[number, number]> = [];
  for (let p = dyn.offset; p + entsize <= dyn.offset + dyn.size; p += entsize) {
    const tag = h.is64 ? h.v.u64(p) : h.v.u32(p);
    if (tag === DT_NULL) break;
    out.push([tag, h.is64 ? h.v.u64(p + 8) : h.v.u32(p + 4)]);
  }
  return out;
}

/** Number of dynamic symbols from DT_HASH (nchain) or DT_GNU_HASH (highest bucket, then its chain's end). */
function symbolCount(h: ElfHeader, phdrs: ProgramHeader[], tags: Map<number, number>, report: Report): number | undefined {
  const v = h.v;
  const hash = tags.has(DT_HASH) ? vaddrToOffset(phdrs, tags.get(DT_HASH)!) : undefined;
  if (hash !== undefined && v.has(hash, 8)) return v.u32(hash + 4);
  const gnu = tags.has(DT_GNU_HASH) ? vaddrToOffset(phdrs, tags.get(DT_GNU_HASH)!) : undefined;
  if (gnu === undefined || !v.has(gnu, 16)) return undefined;
  const nbuckets = v.u32(gnu);
  const symoffset = v.u32(gnu + 4);
  const bloomWords = v.u32(gnu + 8);
  const buckets = gnu + 16 + bloomWords * (h.is64 ? 8 : 4);
  if (!v.has(buckets, nbuckets * 4)) {
    report('bad-dynamic', 'DT_GNU_HASH table runs past the end of the file');
    return undefined;
  }
  let max = 0;
  for (let i = 0; i < nbuckets; i++) max = Math.max(max, v.u32(buckets + 4 * i));
  if (max < symoffset) return symoffset;
  const chains = buckets + nbuckets * 4;
  let idx = max;
  // Each chain ends with an entry whose low bit is set; the walk is bounded by the file size.
  while (v.has(chains + (idx - symoffset) * 4, 4) && (v.u32(chains + (idx - symoffset) * 4) & 1) === 0) idx++;
  return idx + 1;
}

export function readDynamic(h: ElfHeader, sections: SectionHeader[], phdrs: ProgramHeader[], sink: FactSink, report: Report): DynamicResult {
  const result: DynamicResult = {};
  const dynSection = sections.find((s) => s.type === SHT_DYNAMIC);
  let dyn: Range | undefined;
  let dynstr: Range | undefined;
  let dynsym: { range: Range; entsize: number } | undefined;
  const symEnt = h.is64 ? 24 : 16;
  if (dynSection) {
    dyn = sectionRange(h, dynSection, report);
    dynstr = sectionRange(h, sections[dynSection.link], report);
    const symSection = sections.find((s) => s.type === SHT_DYNSYM);
    const symRange = sectionRange(h, symSection, report);
    if (symRange) dynsym = { range: symRange, entsize: symEnt };
  } else {
    const pt = phdrs.find((p) => p.type === PT_DYNAMIC);
    if (!pt) return result; // statically linked or not a dynamic object
    dyn = checked(h, 'PT_DYNAMIC', pt.offset, pt.filesz, report);
    if (dyn) {
      const tags = new Map<number, number>();
      for (const [tag, val] of dynamicEntries(h, dyn)) if (!tags.has(tag)) tags.set(tag, val);
      const strOff = tags.has(DT_STRTAB) ? vaddrToOffset(phdrs, tags.get(DT_STRTAB)!) : undefined;
      if (strOff !== undefined && tags.has(DT_STRSZ)) dynstr = checked(h, 'DT_STRTAB', strOff, tags.get(DT_STRSZ)!, report);
      else report('bad-dynamic', 'DT_STRTAB/DT_STRSZ missing or not inside a loaded segment');
      const symOff = tags.has(DT_SYMTAB) ? vaddrToOffset(phdrs, tags.get(DT_SYMTAB)!) : undefined;
      const count = symbolCount(h, phdrs, tags, report);
      const entsize = tags.get(DT_SYMENT) ?? symEnt;
      if (symOff !== undefined && count !== undefined && entsize === symEnt) {
        const range = checked(h, 'DT_SYMTAB', symOff, count * entsize, report);
        if (range) dynsym = { range, entsize };
      } else if (symOff !== undefined) {
        report('bad-dynamic', 'dynamic symbol count unknown (no usable DT_HASH or DT_GNU_HASH); dynamic symbols not read');
      }
    }
  }
  result.dynstr = dynstr;
  if (dyn && dynstr) readTags(h, dyn, dynstr, sink, result, report);
  else if (dyn) report('bad-dynamic', 'dynamic string table missing: DT_NEEDED and DT_SONAME not read');
  if (dynsym && dynstr) readSymbols(h, dynsym.range, dynsym.entsize, dynstr, sink, report);
  return result;
}

function readTags(h: ElfHeader, dyn: Range, dynstr: Range, sink: FactSink, result: DynamicResult, report: Report): void {
  let bad = 0;
  for (const [tag, val] of dynamicEntries(h, dyn)) {
    if (tag !== DT_NEEDED && tag !== DT_SONAME && tag !== DT_RUNPATH && tag !== DT_RPATH) continue;
    const s = tableString(h, dynstr, val);
    if (!s) {
      bad++;
      continue;
    }
    if (tag === DT_SONAME) result.soname ??= s.value;
    else {
      const snippet = tag === DT_NEEDED ? 'DT_NEEDED' : tag === DT_RUNPATH ? 'DT_RUNPATH' : 'DT_RPATH';
      sink.library({ name: s.value, kind: tag === DT_NEEDED ? 'needed' : 'rpath', offset: s.offset, length: s.length, snippet });
    }
  }
  if (bad > 0) report('bad-dynamic', `${bad} dynamic entries name strings past the end of the dynamic string table`);
}

function readSymbols(h: ElfHeader, table: Range, entsize: number, dynstr: Range, sink: FactSink, report: Report): void {
  const v = h.v;
  let bad = 0;
  for (let p = table.offset + entsize; p + entsize <= table.offset + table.size; p += entsize) {
    const nameIdx = v.u32(p);
    const info = v.u8(p + (h.is64 ? 4 : 12));
    const shndx = v.u16(p + (h.is64 ? 6 : 14));
    const bind = info >> 4;
    const type = info & 0xf;
    if (nameIdx === 0 || type === 3 || type === 4) continue; // unnamed, STT_SECTION, STT_FILE
    const s = tableString(h, dynstr, nameIdx);
    if (!s) {
      bad++;
      continue;
    }
    if (s.length === 0) continue;
    sink.string('symbol', s.value, s.offset, s.length);
    if (shndx === 0) sink.symbol('import', s.value, s.offset, s.length);
    else if (bind === 1 || bind === 2 || bind === 10) {
      // JNI exports are how Java code reaches the native SDK: Java_<package>_<Class>_<method>.
      sink.symbol(s.value.startsWith('Java_') ? 'jni' : 'export', s.value, s.offset, s.length);
    }
  }
  if (bad > 0) report('bad-dynamic', `${bad} dynamic symbols name strings past the end of the dynamic string table`);
}
