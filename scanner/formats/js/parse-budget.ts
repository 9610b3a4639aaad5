// What a Babel parse will hold in memory, estimated before parsing. An AST with what the reader builds on it
// (module units, regions, collected strings) costs ~265 bytes of heap per token, a string literal ~3 times that
// (node, location, `extra.raw`, its collected copy): a 24 MiB minified script's skeleton of 2.5 M tokens took
// 660 MB, 1 M literals in 8 MB took 940 MB for the whole scan. The estimate counts the text's tokens with
// the outline's tokenizer (tokens.ts), stopping as soon as the budget is passed, so it costs at most the
// budget's worth of tokenizing however large the text.
import { JsScanner } from './tokens.js';

/**
 * Parse units one parse may take: 500 k tokens (~0.8 MB of dense minified code left after library code is set
 * aside) is ~130 MB, which with the outline of a 24 MiB script (js/index.ts maxParseBytes) stays under 512 MB.
 */
export const MAX_PARSE_UNITS = 500_000;
/** A string or template literal weighs this many plain tokens. */
const LITERAL_UNITS = 3;

/**
 * Parse units of `code`, counted up to just past `limit` (a result over `limit` means "over", not the total).
 * Texts too short to reach the limit are not tokenized: a literal of 2 characters (`""`) is the densest. `live`:
 * the characters left outside blanked spans (elide.ts), when the text is a blanked one.
 */
export function parseUnits(code: string, limit = MAX_PARSE_UNITS, live = code.length): number {
  if ((Math.min(live, code.length) * LITERAL_UNITS) / 2 <= limit || limit === Infinity) return 0;
  let units = 0;
  const scanner = new JsScanner(code);
  while (scanner.next()) {
    switch (scanner.type) {
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
