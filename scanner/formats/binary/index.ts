// Fallback for binaries no specific reader claims: printable ASCII runs with their byte offsets, like strings(1).
import { emptyFacts } from '../../core/facts.js';
import type { FormatReader } from '../reader.js';
import { printableRuns } from './printable.js';

export const binaryReader: FormatReader = {
  id: 'binary',
  sniff: () => true,
  read(data, path, ctx) {
    const facts = emptyFacts(path, 'binary', false);
    for (const run of printableRuns(data, 6)) {
      if (facts.strings.length >= ctx.maxStrings) {
        facts.notices.push({ level: 'warning', id: 'binary/too-many-strings', artifact: path, message: `more than ${ctx.maxStrings} printable strings; the rest was not read` });
        break;
      }
      facts.strings.push({ value: run.value, kind: 'printable', offset: run.offset, length: run.value.length });
    }
    return facts;
  },
};
