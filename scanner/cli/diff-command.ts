// `rtcscan diff old.sarif new.sarif`: what changed between two releases' reports (vendors, endpoints by
// jurisdiction, sessions, flows, credentials, policy), as text, markdown (pull-request comment, job summary),
// HTML or JSON. Exit 1 with --fail-on when an unsuppressed result at or above that level appeared.
import { readRegularFileSync } from '../input/source.js';
import { extname, resolve } from 'node:path';
import { diffReports, hasNewAtOrAbove } from '../report/diff.js';
import { diffToHtml, diffToJson, diffToMarkdown, diffToText } from '../report/diff-render.js';
import { MergeError, parseSarif } from '../report/merge.js';
import { UsageError } from './errors.js';
import { writeReportFile } from '../report/write.js';

export type DiffFormat = 'text' | 'markdown' | 'html' | 'json';

export interface DiffCliOptions {
  output: string[];
  format: DiffFormat;
  failOn: 'error' | 'warning' | 'note' | 'none';
}

/** Largest report read: far above GitHub's 10 MB gzipped upload limit, far below what would exhaust the heap. */
export const MAX_DIFF_INPUT = 256 * 1024 * 1024;

const EXT_FORMAT: Record<string, DiffFormat> = { '.txt': 'text', '.md': 'markdown', '.html': 'html', '.json': 'json' };

/** A report's text: a regular file of at most MAX_DIFF_INPUT bytes (never blocks on a FIFO or device). */
function readReport(file: string): string {
  try {
    return readRegularFileSync(file, MAX_DIFF_INPUT).toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTREG') throw new UsageError(`${file} is not a regular file`);
    if (code === 'EFBIG') throw new UsageError(`${file} is larger than the ${MAX_DIFF_INPUT / 1024 / 1024} MiB a report may be`);
    throw new UsageError(`cannot read ${file}: ${code ?? 'error'}`);
  }
}

export async function runDiff(oldFile: string, newFile: string, opts: DiffCliOptions): Promise<number> {
  const outputs = opts.output.map((o) => {
    const format = EXT_FORMAT[extname(o).toLowerCase()];
    if (!format) throw new UsageError(`cannot tell the diff format of ${o}: use .txt, .md, .html or .json`);
    const path = resolve(o);
    if (path === resolve(oldFile) || path === resolve(newFile)) throw new UsageError(`${o} is one of the reports being compared`);
    return { path, format, given: o };
  });
  let diff;
  try {
    diff = diffReports(parseSarif(readReport(oldFile), oldFile), parseSarif(readReport(newFile), newFile), { old: oldFile, new: newFile });
  } catch (e) {
    if (e instanceof MergeError) throw new UsageError(e.message);
    throw e;
  }
  const render = (f: DiffFormat) =>
    f === 'markdown' ? diffToMarkdown(diff) : f === 'html' ? diffToHtml(diff) : f === 'json' ? diffToJson(diff) : diffToText(diff);
  for (const o of outputs) await writeReportFile(o.path, render(o.format), o.given);
  if (outputs.length === 0) process.stdout.write(render(opts.format));
  return opts.failOn !== 'none' && hasNewAtOrAbove(diff, opts.failOn) ? 1 : 0;
}
