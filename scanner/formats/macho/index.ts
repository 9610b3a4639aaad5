// Mach-O reader: thin images and universal (fat, FAT_MAGIC and FAT_MAGIC_64) files, 32- and 64-bit, little-endian.
// Yields linked dylibs and rpaths, C/CFString/ObjC/Swift strings, symbols, and flags FairPlay-encrypted images.
import { emptyFacts, type Facts } from '../../core/facts.js';
import type { FormatReader, ReaderContext } from '../reader.js';
import * as C from './constants.js';
import { budgetOf } from '../../core/budget.js';
import { FactSink } from './sink.js';
import { SliceReader, type SliceSummary } from './slice.js';
import { OutOfRange, View } from './view.js';
import { buildCodeModel } from './code.js';
import { isMachO } from './sniff.js';

const CPU_TYPE_ARM64 = 0x0100000c;

/** Real universal files hold a handful of architectures; the cap keeps crafted headers from multiplying work. */
const MAX_SLICES = 16;

interface FatSlice {
  arch: string;
  offset: number;
  size: number;
}

/** Slices listed by a fat header; undefined when the header itself is unusable. */
function fatSlices(v: View, sink: FactSink, is64: boolean): FatSlice[] {
  const n = v.u32(4);
  const entry = is64 ? 32 : 20;
  // Checked before any allocation: a lying nfat_arch cannot make us loop or allocate more than the file allows.
  if (n === 0 || !v.has(8, n * entry)) {
    sink.notice('error', 'macho/bad-fat-header', `fat header lists ${n} architectures; ${Math.floor((v.size - 8) / entry)} entries fit in the file`);
    return [];
  }
  if (n > MAX_SLICES) {
    sink.notice('warning', 'macho/bad-fat-header', `fat header lists ${n} architectures; only the first ${MAX_SLICES} are read`);
  }
  const slices: FatSlice[] = [];
  for (let i = 0; i < Math.min(n, MAX_SLICES); i++) {
    const p = 8 + i * entry;
    const arch = C.archName(v.u32(p), v.u32(p + 4));
    const offset = is64 ? v.u64(p + 8) : v.u32(p + 8);
    const size = is64 ? v.u64(p + 16) : v.u32(p + 12);
    if (offset < 8 + n * entry || !v.has(offset, size)) {
      sink.notice('warning', 'macho/truncated', `fat slice ${arch} (0x${offset.toString(16)}+0x${size.toString(16)}) lies outside the file (${v.size} bytes)`);
      if (v.has(offset, 28) && offset >= 8 + n * entry) slices.push({ arch, offset, size: v.size - offset }); // read what is there
      continue;
    }
    slices.push({ arch, offset, size });
  }
  return slices;
}

function joinUnique(values: Array<string | undefined>): string | undefined {
  const set = [...new Set(values.filter((x): x is string => x !== undefined))];
  return set.length ? set.join(',') : undefined;
}

function readMachO(data: Buffer, path: string, ctx: ReaderContext): Facts {
  const facts = emptyFacts(path, 'macho', false);
  const sink = new FactSink(facts, ctx.maxStrings, 'macho', budgetOf(ctx));
  const summaries: SliceSummary[] = [];
  try {
    const v = new View(data, false);
    const magicBE = v.has(0, 8) ? v.u32(0) : 0;
    if (magicBE === C.FAT_MAGIC || magicBE === C.FAT_MAGIC_64) {
      const is64 = magicBE === C.FAT_MAGIC_64;
      facts.meta.universal = is64 ? 'fat64' : 'fat';
      const seen = new Set<number>();
      for (const s of fatSlices(v, sink, is64)) {
        if (seen.has(s.offset)) continue; // two entries naming the same bytes: read once
        seen.add(s.offset);
        const r = new SliceReader(data.subarray(s.offset, s.offset + s.size), s.offset, sink, `slice ${s.arch}`);
        readGuarded(r, sink);
        summaries.push(r.summary);
      }
    } else {
      const r = new SliceReader(data, 0, sink, 'image');
      readGuarded(r, sink);
      summaries.push(r.summary);
    }
  } catch (e) {
    internalError(sink, e);
  }
  const meta = facts.meta;
  meta.arch = summaries.map((s) => s.arch).join(',');
  meta.filetype = joinUnique(summaries.map((s) => s.filetype)) ?? 'unknown';
  meta.encrypted = String(summaries.some((s) => s.encrypted));
  const minOS = joinUnique(summaries.map((s) => s.minOS));
  if (minOS) meta.minOS = minOS;
  const installName = joinUnique(summaries.map((s) => s.installName));
  if (installName) meta.installName = installName;
  return facts;
}

function readGuarded(r: SliceReader, sink: FactSink): void {
  try {
    r.read();
  } catch (e) {
    internalError(sink, e);
    return;
  }
  readCode(r, sink);
}

/** The code model of the first readable arm64 slice (a fat file's slices hold the same program). */
function readCode(r: SliceReader, sink: FactSink): void {
  const cmds = r.commands;
  if (sink.facts.code || cmds.cputype !== CPU_TYPE_ARM64 || !cmds.is64) return;
  if (cmds.crypt) return; // FairPlay: __text is ciphertext (the encrypted notice says so)
  try {
    const { buf, base } = r.image;
    const { model, stats } = buildCodeModel(buf, base, cmds, (id, message) => sink.notice('warning', id, message));
    sink.facts.code = model;
    sink.facts.meta.codeFunctions = String(stats.functions);
    sink.facts.meta.codeSends = String(stats.sends);
    if (stats.unresolvedSends) sink.facts.meta.codeUnresolvedSends = String(stats.unresolvedSends);
  } catch (e) {
    const what = e instanceof OutOfRange ? 'an out-of-range read' : 'an unexpected error';
    sink.notice('warning', 'macho/code-model', `code model stopped after ${what}: ${(e as Error)?.message ?? String(e)}`);
  }
}

/** Last line of defence: every read is bounds-checked, but a malformed file must never escape as an exception. */
function internalError(sink: FactSink, e: unknown): void {
  const what = e instanceof OutOfRange ? 'an out-of-range read' : 'an unexpected error';
  sink.notice('error', 'macho/malformed', `stopped reading after ${what}: ${(e as Error)?.message ?? String(e)}`);
}

export const machoReader: FormatReader = {
  id: 'macho',
  sniff: isMachO,
  read(data: Buffer, path: string, ctx: ReaderContext): Facts {
    return readMachO(data, path, ctx);
  },
};
