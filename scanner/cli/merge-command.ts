// `rtcscan merge`: SARIF files (or batch summary.json files with --summary) from several runs or shards into one.
import { writeReportFile } from '../report/write.js';
import { readRegularFileSync } from '../input/source.js';
import { extname, resolve } from 'node:path';
import { mergeRuns, mergeSummaries, MergeError, parseSarif, sarifLog } from '../report/merge.js';
import { parseSummary, SummaryError, summaryToCsv, summaryToJson } from '../report/summary.js';
import { UsageError } from './errors.js';
import { errorLine, jsonTerminalSafe, safeLines } from '../report/escape.js';

export interface MergeCliOptions {
  output: string[];
  summary: boolean;
}

export async function runMerge(files: string[], opts: MergeCliOptions): Promise<number> {
  const texts = await Promise.all(
    files.map(async (file) => {
      try {
        return { file, text: readRegularFileSync(file).toString('utf8') };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(`cannot read ${file}: ${code === 'ENOTREG' ? 'not a regular file' : (code ?? (e as Error).message)}`);
      }
    }),
  );
  try {
    return opts.summary ? await mergeSummaryFiles(texts, opts.output) : await mergeSarifFiles(texts, opts.output);
  } catch (e) {
    if (e instanceof MergeError || e instanceof SummaryError) throw new UsageError(e.message);
    throw e;
  }
}

async function mergeSarifFiles(texts: Array<{ file: string; text: string }>, outputs: string[]): Promise<number> {
  for (const o of outputs) if (extname(o).toLowerCase() !== '.sarif') throw new UsageError(`merge writes SARIF: name the output .sarif, not ${o} (use --summary to merge summary.json files)`);
  const { runs, warnings } = mergeRuns(texts.map(({ file, text }) => ({ file, log: parseSarif(text, file) })));
  for (const w of warnings) process.stderr.write(errorLine(`warning: ${w}`));
  const content = jsonTerminalSafe(JSON.stringify(sarifLog(runs), null, 2)) + '\n';
  for (const o of outputs) await writeReportFile(resolve(o), content, o);
  if (outputs.length === 0) process.stdout.write(content);
  return 0;
}

async function mergeSummaryFiles(texts: Array<{ file: string; text: string }>, outputs: string[]): Promise<number> {
  const { doc, warnings } = mergeSummaries(texts.map(({ file, text }) => ({ file, doc: parseSummary(text, file) })));
  for (const w of warnings) process.stderr.write(errorLine(`warning: ${w}`));
  const render = (ext: string) => {
    if (ext === '.csv') return summaryToCsv(doc.bundles);
    if (ext === '.json') return summaryToJson(doc.bundles);
    throw new UsageError(`merge --summary writes .csv or .json, not ${ext || 'a file without extension'}`);
  };
  const rendered = outputs.map((o) => ({ path: resolve(o), given: o, content: render(extname(o).toLowerCase()) }));
  for (const r of rendered) await writeReportFile(r.path, r.content, r.given);
  // On a terminal or CI log the data file is a human channel: lines guarded, quoted cells' line breaks kept.
  if (outputs.length === 0) process.stdout.write(safeLines(summaryToCsv(doc.bundles)));
  return 0;
}

