// Fallback for text files no specific reader claims. Config files (`.env*`, properties, xcconfig, ini, YAML, JSON,
// Gradle) yield key/value facts; source code of languages without a reader one fact per string literal (with the
// name it is bound to) plus the rest of its line; anything else one string fact per line.
import { emptyFacts } from '../../core/facts.js';
import { budgetOf } from '../../core/budget.js';
import type { FormatReader } from '../reader.js';
import { looksLikeText } from './detect.js';
import { configSyntaxOf, readConfigText } from './config.js';
import { isProseArtifact } from '../../core/paths.js';
import { blankBlockComments, commentLineClassifier, isStylesheet } from './comments.js';
import { dependencySourceLineTest } from './build-sources.js';
import { blankLiterals, boundNumbers, sourceLanguageOf, sourceLiterals } from './source-literals.js';
import { bindingBefore } from './bindings.js';
import { isVersionCatalog, readVersionCatalog } from './version-catalog.js';
import { isPodfile, readPodfile } from './podfile.js';
import { isSwiftPackageResolved, readSwiftPackageResolved } from './swiftpm.js';
import { modelLanguageOf, readSourceCode } from '../source/index.js';

const MAX_LINE = 64 * 1024;
/** No literals (one shared empty list, not two new ones per line of a data file). */
const NONE: readonly never[] = [];

export const textReader: FormatReader = {
  id: 'text',
  sniff: (head) => looksLikeText(head),
  read(data, path, ctx) {
    const facts = emptyFacts(path, 'text', true);
    const budget = budgetOf(ctx);
    const text = data.toString('utf8').replace(/^\uFEFF/, '');
    // Documentation and tooling metadata (README, lockfiles, ignore files: core/paths.ts) is prose: its lines are
    // comments: no endpoint, credential or SDK comes from them. So are whole-line comments of source files (comments.ts).
    const prose = isProseArtifact(path);
    const syntax = prose ? undefined : configSyntaxOf(path);
    if (syntax && readConfigText(text, syntax, facts, ctx.maxStrings)) return facts;
    const isComment = commentLineClassifier(path);
    const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1).toLowerCase();
    if (!prose && isVersionCatalog(name)) readVersionCatalog(text, facts);
    if (!prose && isPodfile(name)) readPodfile(text, facts);
    if (isSwiftPackageResolved(name)) readSwiftPackageResolved(text, facts);
    // Source code of languages without a reader (Kotlin, Java, Swift, Dart, …): each string literal is its own fact.
    const lang = prose ? undefined : sourceLanguageOf(name);
    // Java, Kotlin, Swift, Objective-C and Dart: a code model as well (scanner/formats/source), for the checks that
    // follow calls and values. The string facts below stay: endpoints and credentials are found in them.
    if (!prose && modelLanguageOf(name)) {
      const src = readSourceCode(text, path, ctx.package);
      // A file without calls may still offer the others URL constants or functions returning the maps they send.
      if (src.code && (src.code.calls.length || src.code.constants?.length || src.code.functions.some((f) => f.returns))) facts.code = src.code;
      if (src.language) facts.meta.language = src.language;
      facts.notices.push(...src.notices);
    }
    // Per file, not per line (a data set has 60,000 lines).
    const isDependencySource = prose ? undefined : dependencySourceLineTest(name);
    const stylesheet = isStylesheet(name);
    let line = 1;
    let start = 0;
    // A declaration the formatter wrapped after its `=` (Dart, Kotlin, Java: `static String secretKey =` with the
    // literal alone on the next line): the name the next line's leading literal is bound to.
    let dangling: string | undefined;
    // Line facts no check would read (`ctx.readsLiteral`) are not made; they still count against maxStrings.
    const reads = ctx.readsLiteral;
    let skipped = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end > start) {
        const lineText = text.slice(start, end);
        const kind = prose || isComment?.(lineText) || isDependencySource?.(lineText) ? 'comment' : 'literal';
        if (facts.strings.length + skipped >= ctx.maxStrings) {
          facts.notices.push({ level: 'warning', id: 'text/too-many-strings', artifact: path, message: `more than ${ctx.maxStrings} lines; the rest was not read` });
          break;
        }
        const literals = lang && kind === 'literal' && end - start <= MAX_LINE ? sourceLiterals(lineText, lang) : NONE;
        const numbers = lang && kind === 'literal' && end - start <= MAX_LINE ? boundNumbers(blankLiterals(lineText, literals), lang) : NONE;
        const lead = literals[0];
        if (dangling && lead && !lead.binding && !lineText.slice(0, lead.index - 1).trim()) lead.binding = dangling;
        dangling = lang && kind === 'literal' && /=\s*$/.test(lineText) ? bindingBefore(lineText.trimEnd() + ' ') : undefined;
        if (literals.length || numbers.length) {
          if (!budget.take(end - start)) return facts;
          // The code around the literals (names, imports) stays one string; the literals' text is blanked in it.
          const code = blankLiterals(lineText, literals);
          if (code.trim()) facts.strings.push({ value: code, kind, line, column: 1 });
          const snippet = lineText.trim().slice(0, 200);
          for (const l of [...literals, ...numbers]) {
            if (!l.value) continue;
            facts.strings.push({ value: l.value, kind, line, column: l.index + 1, snippet, ...(l.binding ? { binding: l.binding } : {}), ...(l.argumentOf ? { argumentOf: l.argumentOf } : {}) });
          }
        } else {
          // A stylesheet's block comments inside a line of rules (the licence banner a minifier keeps before the
          // first rule: `/*! tailwindcss v4 | MIT License | https://tailwindcss.com */@layer …`) are prose too.
          const body = kind === 'literal' && stylesheet ? blankBlockComments(text, start, end) : undefined;
          // Very long lines (minified JSON) are cut into chunks so one match never scans megabytes of context.
          for (let c = start; c < end; c += MAX_LINE) {
            if (!budget.take(Math.min(end, c + MAX_LINE) - c)) return facts;
            // (A line within MAX_LINE is `lineText` itself: no second slice of it.)
            const value = body ? body.slice(c - start, Math.min(end, c + MAX_LINE) - start) : end - start <= MAX_LINE ? lineText : text.slice(c, Math.min(end, c + MAX_LINE));
            if (reads && kind === 'literal' && !reads(value)) skipped++;
            else facts.strings.push({ value, kind, line, column: c - start + 1 });
          }
        }
      }
      line++;
      start = end + 1;
    }
    return facts;
  },
};
