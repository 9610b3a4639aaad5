// Fallback for binaries no specific reader claims: printable ASCII runs with their byte offsets, like strings(1),
// with a higher bar for runs inside compressed or encrypted stretches (printable.ts).
import { emptyFacts } from '../../core/facts.js';
import { budgetOf } from '../../core/budget.js';
import type { FormatReader } from '../reader.js';
import { forEachPrintableRun } from './printable.js';

export const binaryReader: FormatReader = {
  id: 'binary',
  sniff: () => true,
  read(data, path, ctx) {
    const facts = emptyFacts(path, 'binary', false);
    const budget = budgetOf(ctx);
    forEachPrintableRun(data, 6, 16, (run) => {
      if (facts.strings.length >= ctx.maxStrings) {
        facts.notices.push({ level: 'warning', id: 'binary/too-many-strings', artifact: path, message: `more than ${ctx.maxStrings} printable strings; the rest was not read` });
        return false;
      }
      if (!budget.take(run.value.length)) return false;
      facts.strings.push({ value: run.value, kind: 'printable', offset: run.offset, length: run.value.length });
      return true;
    });
    return facts;
  },
};
