// Reading one artifact as the engine does it: the JS prefilter first (keyword-free scripts get only a literal scan),
// otherwise the format reader picked by `readFacts`.
import type { Facts } from '../core/facts.js';
import { readFacts, sniffReader } from '../formats/index.js';
import type { ReaderContext } from '../formats/reader.js';
import { keywordAutomaton } from '../rules/keywords.js';
import { scanLiterals } from './prefilter.js';
import { budgetOf } from '../core/budget.js';
import { DROP_TEXT_BYTES, literalReader, type LiteralReadsKey } from '../checks/string-reads.js';

/** The id of the reader that will take `data` (the same choice `readFacts` makes). */
export function sniffFormat(data: Buffer, path: string): string {
  return sniffReader(data, path).id;
}

/**
 * `literalReads`: the scan's checks' declarations, given where the caller drops unread literals after the read
 * (checks/string-reads.ts): a large text file's reader then does not make the line facts that would be dropped.
 */
export async function readArtifactFacts(data: Buffer, path: string, ctx: ReaderContext, opts: { prefilter?: boolean; literalReads?: readonly LiteralReadsKey[] } = {}): Promise<Facts> {
  const budget = budgetOf(ctx);
  if (!ctx.budget) ctx = { ...ctx, budget };
  // Only where the text reader makes the file's facts (a JS reader's literals-only text scan stays 'js', not dropped).
  // Sniffed once for the tests below and the read (each of a scan's 2,668 small resources was sniffed twice).
  const sniffed = sniffReader(data, path);
  if (opts.literalReads && data.length >= DROP_TEXT_BYTES && sniffed.id === 'text') ctx = { ...ctx, readsLiteral: literalReader(ctx.rules, opts.literalReads) };
  // A vendor build's literals are dropped whatever its size (dropsUnreadLiterals): its reader need not make them.
  else if (opts.literalReads && sniffed.id === 'js') ctx = { ...ctx, readsBuildLiteral: literalReader(ctx.rules, opts.literalReads) };
  if (opts.prefilter !== false && sniffed.id === 'js' && !keywordAutomaton(ctx.rules).test(data)) {
    try {
      const facts = scanLiterals(path, data.toString('utf8').replace(/^\uFEFF/, ''), Math.max(0, ctx.maxStrings), budget);
      if (budget.exceeded) facts.notices.push(budget.notice('js', path));
      return facts;
    } catch {
      // The tokenizer gave up (it should not); the full reader decides what the file is.
    }
  }
  const facts = await readFacts(data, path, ctx, sniffed);
  // A script the parser gives up on (50,000-deep nesting overflows its stack) still has string literals: keep the
  // endpoints and credentials in them.
  if (facts.format === 'js' && facts.strings.length === 0 && facts.notices.some((n) => n.id === 'js/parse-failed')) {
    try {
      const lit = scanLiterals(path, data.toString('utf8').replace(/^\uFEFF/, ''), Math.max(0, ctx.maxStrings), budget);
      if (budget.exceeded && !facts.notices.some((n) => n.id === 'js/budget-exceeded')) lit.notices.push(budget.notice('js', path));
      facts.strings = lit.strings;
      facts.notices.push(...lit.notices, { level: 'note', id: 'js/literals-only', artifact: path, message: 'only string literals were read (tokenizer scan)' });
    } catch {
      // The notice already says the file was not analysed.
    }
  }
  return facts;
}
