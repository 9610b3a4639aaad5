// The format readers, tried in order: specific magic numbers first, then names, then the text/binary fallbacks.
import type { Facts, FormatId } from '../core/facts.js';
import { emptyFacts } from '../core/facts.js';
import { budgetOf } from '../core/budget.js';
import type { FormatReader, ReaderContext } from './reader.js';
import { textReader } from './text/index.js';
import { binaryReader } from './binary/index.js';

export { binaryReader };
import { axmlReader, xmlReader } from './axml/index.js';
import { sourceMapReader } from './sourcemap/reader.js';
import { isHermesBytecode } from './hermes/sniff.js';
import { isMachO } from './macho/sniff.js';
import { isElf } from './elf/sniff.js';
import { isDexMagic } from './dex/header.js';
import { isMobileProvision, isPlist } from './plist/sniff.js';
import { sniffJs } from './js/sniff.js';
import { isProseArtifact } from '../core/paths.js';

/**
 * A reader whose modules load on its first read (a dynamic import): recognising a file needs only the small sniff
 * module, so a scan loads the parsers of the formats it meets and no others (a one-file JS scan loads no Mach-O,
 * DEX, ELF, Hermes or plist code; an app without scripts no JS analysis).
 */
function lazyReader(id: FormatId, sniff: FormatReader['sniff'], load: () => Promise<FormatReader>): FormatReader {
  let reader: Promise<FormatReader> | undefined;
  return { id, sniff, read: async (data, path, ctx) => (await (reader ??= load())).read(data, path, ctx) };
}

export const READERS: readonly FormatReader[] = [
  lazyReader('hermes', isHermesBytecode, async () => (await import('./hermes/index.js')).hermesReader),
  lazyReader('macho', isMachO, async () => (await import('./macho/index.js')).machoReader),
  lazyReader('elf', isElf, async () => (await import('./elf/index.js')).elfReader),
  lazyReader('dex', isDexMagic, async () => (await import('./dex/index.js')).dexReader),
  axmlReader,
  lazyReader('plist', isPlist, async () => (await import('./plist/index.js')).plistReader),
  lazyReader('mobileprovision', isMobileProvision, async () => (await import('./plist/index.js')).mobileprovisionReader),
  sourceMapReader,
  lazyReader('js', sniffJs, async () => (await import('./js/index.js')).jsReader),
  xmlReader,
  textReader,
  binaryReader,
];

/** The first reader whose sniff takes `data` (its format, before the prose rule of `readFacts`). */
export function sniffReader(data: Buffer, path: string): FormatReader {
  const head = data.subarray(0, 8192);
  return READERS.find((r) => r.sniff(head, path)) ?? binaryReader;
}

/**
 * Picks the reader for `data` and runs it. A reader that fails still yields facts: a notice and printable strings.
 * `sniffed`: `sniffReader(data, path)` when the caller has it already (each sniff decodes and searches the head).
 */
export async function readFacts(data: Buffer, path: string, ctx: ReaderContext, sniffed?: FormatReader): Promise<Facts> {
  // Prose (core/paths.ts) is read as prose whatever its syntax: a CocoaPods acknowledgements plist is license text.
  const prose = isProseArtifact(path) && textReader.sniff(data.subarray(0, 8192), path);
  const reader = prose ? textReader : (sniffed ?? sniffReader(data, path));
  return readWith(reader, data, path, ctx);
}

/** Runs `reader` as `readFacts` does once it has picked it (also the blob lane's worker, engine/blob-worker.ts). */
export async function readWith(reader: FormatReader, data: Buffer, path: string, ctx: ReaderContext): Promise<Facts> {
  const budget = budgetOf(ctx);
  if (!ctx.budget) ctx = { ...ctx, budget };
  try {
    const facts = await reader.read(data, path, ctx);
    if (budget.exceeded) facts.notices.push(budget.notice(reader.id, path));
    return facts;
  } catch (e) {
    // Readers promise not to throw; if one does anyway, the scan goes on with the generic view of the file.
    const facts = reader === binaryReader ? emptyFacts(path, 'binary', false) : await binaryReader.read(data, path, ctx);
    facts.notices.push({ level: 'error', id: `${reader.id}/reader-failed`, artifact: path, message: `the ${reader.id} reader failed (${oneLine(e)}); only printable strings were read` });
    return facts;
  }
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
}
