// What a Babel parse will hold in memory, estimated before parsing. An AST costs about 85 bytes of heap per token
// and ten times that per string literal (node, location, `extra.raw`), plus the scope analysis on top: a 30 MB
// minified script took 1.5 GB, 1 M literals in 8 MB took 940 MB. The estimate counts the text's tokens with
// js-tokens (the tokenizer the outline uses), stopping as soon as the budget is passed, so it costs at most the
// budget's worth of tokenizing however large the text.
import jsTokens from 'js-tokens';

/** Parse units one parse may take: ~3 M tokens is ~4 MB of dense minified code, ~350 MB peak for the whole scan. */
export const MAX_PARSE_UNITS = 3_000_000;
/** A string or template literal weighs this many plain tokens. */
const LITERAL_UNITS = 10;

/**
 * Parse units of `code`, counted up to just past `limit` (a result over `limit` means "over", not the total).
 * Texts too short to reach the limit are not tokenized: every unit needs at least 2 characters (`""`) per 10.
 */
export function parseUnits(code: string, limit = MAX_PARSE_UNITS): number {
  if ((code.length * LITERAL_UNITS) / 2 <= limit) return 0;
  let units = 0;
  for (const tok of jsTokens(code)) {
    switch (tok.type) {
      case 'WhiteSpace':
      case 'LineTerminatorSequence':
      case 'MultiLineComment':
      case 'SingleLineComment':
        continue;
      case 'StringLiteral':
      case 'NoSubstitutionTemplate':
      case 'TemplateHead':
      case 'TemplateMiddle':
      case 'TemplateTail':
        units += LITERAL_UNITS;
        break;
      default:
        units++;
    }
    if (units > limit) break;
  }
  return units;
}
