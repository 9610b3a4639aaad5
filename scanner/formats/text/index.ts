// Fallback for text files no specific reader claims. Config files (`.env*`, properties, xcconfig, ini, YAML, JSON,
// Gradle) yield key/value facts; anything else one string fact per line.
import { emptyFacts } from '../../core/facts.js';
import { budgetOf } from '../../core/budget.js';
import type { FormatReader } from '../reader.js';
import { looksLikeText } from './detect.js';
import { configSyntaxOf, readConfigText } from './config.js';
import { isProseArtifact } from '../../core/paths.js';
import { commentLineClassifier } from './comments.js';

const MAX_LINE = 64 * 1024;

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
    let line = 1;
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end > start) {
        const kind = prose || isComment?.(text.slice(start, end)) ? 'comment' : 'literal';
        if (facts.strings.length >= ctx.maxStrings) {
          facts.notices.push({ level: 'warning', id: 'text/too-many-strings', artifact: path, message: `more than ${ctx.maxStrings} lines; the rest was not read` });
          break;
        }
        // Very long lines (minified JSON) are cut into chunks so one match never scans megabytes of context.
        for (let c = start; c < end; c += MAX_LINE) {
          if (!budget.take(Math.min(end, c + MAX_LINE) - c)) return facts;
          facts.strings.push({ value: text.slice(c, Math.min(end, c + MAX_LINE)), kind, line, column: c - start + 1 });
        }
      }
      line++;
      start = end + 1;
    }
    return facts;
  },
};
