// ELF reader (Android .so and other shared objects): 32/64-bit, little- and big-endian.
// Yields DT_NEEDED libraries, SONAME, dynamic symbols (JNI exports as `jni`) and printable strings of .rodata.
import { emptyFacts, type Facts, type StringKind } from '../../core/facts.js';
import type { FormatReader, ReaderContext } from '../reader.js';
import { budgetOf } from '../../core/budget.js';
import { FactSink } from '../macho/sink.js';
import { OutOfRange } from '../macho/view.js';
import { MACHINES, PT_LOAD, SHT_NOBITS, readHeader, readProgramHeaders, readSections, type Report } from './headers.js';
import { readDynamic } from './dynamic.js';
import { mergeRanges } from './ranges.js';
import { isElf } from './sniff.js';
import { dartStringIn } from './dart-strings.js';

const MIN_RUN = 4;
const DART_ISOLATE_DATA = '_kDartIsolateSnapshotData';
const PF_X = 1;
const PF_W = 2;

/**
 * Printable ASCII runs (plus tab) of at least MIN_RUN bytes, like `strings`, with their file offsets. In a Dart
 * snapshot (`dart`), runs are string objects (dart-strings.ts), which may hold line breaks.
 */
function printableRuns(buf: Buffer, start: number, end: number, skip: { offset: number; size: number } | undefined, kind: StringKind, sink: FactSink, dart = false): void {
  let runStart = -1;
  for (let i = start; i <= end && sink.accepting; i++) {
    const b = i < end ? buf[i]! : 0;
    const printable = (b >= 0x20 && b <= 0x7e) || b === 0x09 || (dart && (b === 0x0a || b === 0x0d));
    if (printable && runStart < 0) runStart = i;
    if (!printable && runStart >= 0) {
      const inSkip = skip !== undefined && runStart < skip.offset + skip.size && i > skip.offset;
      const run = inSkip ? undefined : dart ? dartStringIn(buf, runStart, i) : ([runStart, i] as const);
      if (run && run[1] - run[0] >= MIN_RUN) sink.string(kind, buf.toString('latin1', run[0], run[1]), run[0], run[1] - run[0]);
      runStart = -1;
    }
  }
}

function readElf(data: Buffer, path: string, ctx: ReaderContext): Facts {
  const facts = emptyFacts(path, 'elf', false);
  const sink = new FactSink(facts, ctx.maxStrings, 'elf', budgetOf(ctx));
  const report: Report = (id, message) => sink.notice('warning', `elf/${id}`, message);
  try {
    const h = readHeader(data, report);
    if (!h) return facts;
    facts.meta.class = h.is64 ? 'elf64' : 'elf32';
    facts.meta.endian = h.v.littleEndian ? 'little' : 'big';
    facts.meta.arch = MACHINES[h.machine] ?? `machine${h.machine}`;
    facts.meta.type = { 1: 'rel', 2: 'exec', 3: 'dyn', 4: 'core' }[h.type] ?? `type${h.type}`;
    const sections = readSections(h, report);
    const phdrs = readProgramHeaders(h, report);
    for (const s of sections) {
      if (s.type !== SHT_NOBITS && s.size > 0 && !h.v.has(s.offset, s.size)) {
        report('section-out-of-range', `section ${s.name || s.index} (0x${s.offset.toString(16)}+0x${s.size.toString(16)}) lies outside the file (${data.length} bytes)`);
      }
    }
    for (const ph of phdrs) {
      if (ph.type === PT_LOAD && ph.filesz > 0 && !h.v.has(ph.offset, ph.filesz)) {
        report('truncated', `loaded segment (0x${ph.offset.toString(16)}+0x${ph.filesz.toString(16)}) runs past the end of the file (${data.length} bytes)`);
      }
    }
    const dyn = readDynamic(h, sections, phdrs, sink, report);
    if (dyn.soname !== undefined) facts.meta.soname = dyn.soname;
    // A Dart AOT snapshot (Flutter's release libapp.so) exports its snapshot parts under these names; its strings
    // are the kept code's names and literals (scanner/checks/dart-aot.ts reads what that implies), read as string
    // objects (dart-strings.ts), not as every printable run of its serialized data.
    const dart = facts.symbols.some((s) => s.kind === 'export' && s.name === DART_ISOLATE_DATA);
    if (dart) facts.meta.snapshot = 'dart-aot';

    const rodata = sections.filter((s) => (s.name === '.rodata' || s.name.startsWith('.rodata.')) && s.type !== SHT_NOBITS && h.v.has(s.offset, s.size));
    if (sections.length > 0) {
      for (const r of mergeRanges(rodata)) printableRuns(data, r.start, r.end, undefined, 'cstring', sink, dart);
    } else {
      // No section headers (stripped with --strip-sections, or unusable): read-only, non-executable loaded
      // segments hold .rodata, but also other tables, so these runs are reported as plain printable text.
      sink.notice('note', 'elf/no-section-headers', 'no usable section headers: dynamic info read through PT_DYNAMIC; strings are printable runs of read-only segments');
      const readOnly = phdrs
        .filter((ph) => ph.type === PT_LOAD && !(ph.flags & (PF_X | PF_W)) && h.v.has(ph.offset, ph.filesz))
        .map((ph) => ({ offset: ph.offset, size: ph.filesz }));
      for (const r of mergeRanges(readOnly)) printableRuns(data, r.start, r.end, dyn.dynstr, 'printable', sink);
    }
  } catch (e) {
    const what = e instanceof OutOfRange ? 'an out-of-range read' : 'an unexpected error';
    sink.notice('error', 'elf/malformed', `stopped reading after ${what}: ${(e as Error)?.message ?? String(e)}`);
  }
  return facts;
}

export const elfReader: FormatReader = {
  id: 'elf',
  sniff: isElf,
  read(data: Buffer, path: string, ctx: ReaderContext): Facts {
    return readElf(data, path, ctx);
  },
};
