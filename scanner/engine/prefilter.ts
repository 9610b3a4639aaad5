// The JS prefilter: a file in which no keyword of the rule packs occurs cannot hold a vendor API call, an SDK
// global, an SDK marker or a dataflow source/sink the analysis reacts to, so it skips the AST (the expensive part)
// and only gets a tokenizer-level scan of its string literals (endpoints, credentials), with line/column, the name
// each literal is bound to, and without comments. Keywords: vendor packages, globals, markers and JS API method names (except methods that only
// hang off objects another API returns: the creating API's name is a keyword), sink globals and modules, and the
// identifier vocabulary.
import { emptyFacts, type Facts, type StringFact } from '../core/facts.js';
import type { FactBudget } from '../core/budget.js';
import { outlineScript } from '../formats/js/outline.js';
import { bindingBefore } from '../formats/text/bindings.js';
import { blankLiterals, boundNumbers, sourceLiterals } from '../formats/text/source-literals.js';

/** Files up to this size get the bound-number scan (app source and configuration, not bundles). */
const MAX_NUMBER_SCAN_BYTES = 64 * 1024;

/**
 * String literals and template chunks of a JS text, as the JS reader reports them (cooked values, 1-based
 * line/column of the token start, end after the closing quote), found with a tokenizer so comments and regular
 * expressions are never mistaken for strings.
 */
export function scanLiterals(path: string, code: string, maxStrings: number, budget?: FactBudget): Facts {
  const facts = emptyFacts(path, 'js', true);
  facts.meta.prefilter = 'no-keyword';
  let total = 0;
  for (const s of outlineScript(code).strings) {
    if (s.kind !== 'literal') continue;
    total++;
    if (facts.strings.length >= maxStrings || (budget && !budget.take(s.value.length))) continue;
    const lit: StringFact = { value: s.value, kind: 'literal', line: s.line, column: s.column + 1, endLine: s.endLine, endColumn: s.endColumn + 1 };
    // `require("socket.io")`, `from "x"`, `import("x")`: a module specifier, never a host.
    if (SPECIFIER_BEFORE.test(code.slice(Math.max(0, s.start - 24), s.start))) lit.module = true;
    // `const APP_ID = "…"`, `{ appSign: "…" }`: the name the literal is bound to, as the AST reader records it.
    else {
      const binding = bindingBefore(code.slice(Math.max(0, s.start - 96), s.start));
      if (binding) lit.binding = binding;
    }
    facts.strings.push(lit);
  }
  // `export const APP_ID = 1343413567`, `sdkAppID: 1400423544`: integers bound to a name, as the AST reader keeps
  // them (numeric App IDs are credentials by their name). Source-sized files only: a minified bundle is not app
  // configuration, and its numbers are many.
  if (code.length < MAX_NUMBER_SCAN_BYTES) {
    const before = facts.strings.length;
    const lines = code.split('\n');
    for (let i = 0; i < lines.length && facts.strings.length < maxStrings; i++) {
      const line = lines[i]!;
      if (!/\d{5}/.test(line) || /^\s*(?:\*|\/\/)/.test(line)) continue;
      for (const n of boundNumbers(blankLiterals(line, sourceLiterals(line, 'c')), 'c')) {
        facts.strings.push({ value: n.value, kind: 'literal', line: i + 1, column: n.index + 1, endLine: i + 1, endColumn: n.end + 1, binding: n.binding! });
      }
    }
    if (facts.strings.length > before) facts.strings.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
  }
  if (total > facts.strings.length) {
    facts.notices.push({ level: 'warning', id: 'js/max-strings', artifact: path, message: `kept the first ${facts.strings.length} of ${total} strings` });
  }
  return facts;
}

/** What precedes a module specifier's opening quote. */
const SPECIFIER_BEFORE = /(?:\brequire\s*\(\s*|\bfrom\s*|\bimport\s*\(?\s*)$/;
