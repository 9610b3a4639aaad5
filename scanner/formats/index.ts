// The format readers, tried in order: specific magic numbers first, then names, then the text/binary fallbacks.
import type { Facts } from '../core/facts.js';
import { emptyFacts } from '../core/facts.js';
import { budgetOf } from '../core/budget.js';
import type { FormatReader, ReaderContext } from './reader.js';
import { textReader } from './text/index.js';
import { binaryReader } from './binary/index.js';
import { hermesReader } from './hermes/index.js';
import { machoReader } from './macho/index.js';
import { elfReader } from './elf/index.js';
import { dexReader } from './dex/index.js';
import { axmlReader, xmlReader } from './axml/index.js';
import { plistReader, mobileprovisionReader } from './plist/index.js';
import { jsReader } from './js/index.js';
import { sourceMapReader } from './sourcemap/reader.js';

export const READERS: readonly FormatReader[] = [
  hermesReader,
  machoReader,
  elfReader,
  dexReader,
  axmlReader,
  plistReader,
  mobileprovisionReader,
  sourceMapReader,
  jsReader,
  xmlReader,
  textReader,
  binaryReader,
];

/** Picks the reader for `data` and runs it. A reader that fails still yields facts: a notice and printable strings. */
export async function readFacts(data: Buffer, path: string, ctx: ReaderContext): Promise<Facts> {
  const head = data.subarray(0, 8192);
  const reader = READERS.find((r) => r.sniff(head, path)) ?? binaryReader;
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
