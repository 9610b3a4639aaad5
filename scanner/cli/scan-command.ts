// `rtcscan scan`: run the pipeline, write the requested reports, decide the exit code.
import { writeReportFile } from '../report/write.js';
import { CostLedger, threadCpuLine } from '../engine/costs.js';
import { extname, resolve, sep } from 'node:path';
import { realpathSync, statSync } from 'node:fs';
import { scan, type ScanResult } from '../engine/scan.js';
import { loadShippedRulePack, type RulePack } from '../rules/rule-pack.js';
import { DEFAULT_LIMITS, parseSize, type InputLimits } from '../input/limits.js';
import { formatBytes } from '../report/text.js';
import { UsageError } from './errors.js';
import { ConfigSession, type FailOn } from '../config/session.js';
import { errorLine, jsonTerminalSafe, safeLines } from '../report/escape.js';
import { progressPrinter } from './progress.js';
import type * as Sarif from 'sarif';

export interface ScanCliOptions {
  output: string[];
  format: Format;
  failOn: FailOn;
  /** Config file; default: discovered from the working directory; false (`--no-config`): none. */
  config?: string | false;
  /** SARIF report of an earlier scan to compare with. */
  baseline?: string;
  category?: string;
  showSecrets: boolean;
  quiet: boolean;
  /** Progress on stderr even when it is not a terminal (a CI log). */
  progress?: boolean;
  /** Scanning no files at all is fine (default: exit 2, nothing written). */
  allowEmpty?: boolean;
  /** Text report: list every note instead of counting them. */
  verbose?: boolean;
  maxEntrySize?: string;
  maxTotalSize?: string;
  maxRatio?: string;
  maxDepth?: string;
  maxEntries?: string;
}

type Format = 'sarif' | 'json' | 'text' | 'html' | 'cyclonedx' | 'gitlab-sast' | 'datasafety-json' | 'datasafety-csv';
const EXT_FORMAT: Record<string, Format> = { '.sarif': 'sarif', '.json': 'json', '.txt': 'text', '.html': 'html', '.htm': 'html' };

/** `gl-sast-report.json` (GitLab's conventional name) or any `*.gitlab-sast.json` is GitLab's SAST report. */
function formatOf(output: string): Format | undefined {
  const name = output.toLowerCase();
  if (name.endsWith('.cdx.json')) return 'cyclonedx';
  if (name.endsWith('.gitlab-sast.json') || /(^|[\\/])gl-sast-report\.json$/.test(name)) return 'gitlab-sast';
  if (name.endsWith('.datasafety.json')) return 'datasafety-json';
  if (name.endsWith('.datasafety.csv')) return 'datasafety-csv';
  return EXT_FORMAT[extname(name)];
}


export async function runScan(paths: string[], opts: ScanCliOptions): Promise<number> {
  const outputs = opts.output.map((o) => {
    // `.cdx.json` is an SBOM, `gl-sast-report.json` GitLab's report, `.datasafety.json`/`.csv` a Play Data safety
    // draft; any other `.json` is rtcscan's own JSON.
    // A character device (`-o /dev/null`) has no extension: it takes --format.
    const format = formatOf(o) ?? (statSync(o, { throwIfNoEntry: false })?.isCharacterDevice() ? opts.format : undefined);
    if (!format) throw new UsageError(`cannot tell the report format of ${o}: use .sarif, .json, .cdx.json, gl-sast-report.json, .datasafety.json, .datasafety.csv, .txt or .html`);
    return { path: resolve(o), format, given: o };
  });
  for (const out of outputs) refuseOverInput(out.path, paths);
  // A missing input is a mistake in the call: said before anything is scanned, and no report is written (an empty
  // SARIF uploaded for it would close the category's alerts).
  for (const p of paths) checkInputExists(p);
  if (opts.failOn === 'new' && opts.baseline === undefined) throw new UsageError('--fail-on new needs --baseline FILE (the SARIF report to compare with)');
  const rules = await loadShippedRulePack();
  const session = ConfigSession.open({ config: opts.config, baseline: opts.baseline && resolve(opts.baseline), cwd: process.cwd(), rules });
  const limits = parseLimits(opts, session.config.limits);
  // A config can silence findings: the one in force is always said, so a planted one cannot act unseen.
  if (session.config.file) process.stderr.write(errorLine(`using config ${session.config.file}`));

  const tty = !!process.stderr.isTTY;
  const progress = !opts.quiet && (tty || opts.progress) ? progressPrinter({ tty, columns: process.stderr.columns, write: (t) => process.stderr.write(t) }) : undefined;
  // RTCSCAN_COSTS=1: the main thread's time by stage and class of artifact, as a table on stderr (engine/costs.ts).
  const costs = process.env.RTCSCAN_COSTS ? new CostLedger() : undefined;
  costs?.phase('start-up: process start to scan (modules, rules, config)', performance.now());
  const result = await scan({ inputs: paths, rules, limits, showSecrets: opts.showSecrets, onProgress: progress?.update, ignore: session.ignore, costs, ...(session.checks ? { checks: session.checks } : {}) });
  progress?.done(`scanned ${result.files} file(s), ${formatBytes(result.bytes)} in ${((result.endTime.getTime() - result.startTime.getTime()) / 1000).toFixed(1)} s`);
  session.finish(result);

  // No files at all (an archive without members counts as none) is most often a wrong path or glob in CI: refused
  // unless asked for, and nothing is written. Members held back by a limit (nesting, size, unsafe names) are not
  // "no files": those inputs get their report, with the notifications saying what was not read.
  const empty = result.bundles.filter((b) => !b.fatal && b.artifacts.every((a) => a.format === 'archive') && !b.notices.some((n) => n.level !== 'note'));
  if (empty.length && !opts.allowEmpty) {
    throw new UsageError(`no files to scan in ${empty.map((b) => b.input).join(', ')}; nothing written (--allow-empty writes an empty report)`);
  }

  const render = (format: Format) => renderReport(format, result, rules, opts.category ?? defaultCategory(paths), session, { verbose: opts.verbose });
  const writing = performance.now();
  for (const out of outputs) await writeReportFile(out.path, await render(out.format), out.given);
  if (outputs.length === 0) process.stdout.write(await render(opts.format));
  if (costs) {
    costs.phase('report: render and write', performance.now() - writing);
    process.stderr.write(`${costs.table()}\nCPU by thread: ${threadCpuLine()}\n`);
  }

  for (const b of result.bundles) {
    if (b.fatal) process.stderr.write(errorLine(b.fatal.message));
  }
  const otherErrors = result.bundles.flatMap((b) => b.notices.filter((n) => n.level === 'error' && n !== b.fatal));
  if (otherErrors.length) {
    process.stderr.write(errorLine(`${otherErrors.length} part(s) of the input could not be read; see the report's notifications (first: ${otherErrors[0].artifact ?? ''}: ${otherErrors[0].message})`));
  }
  if (result.bundles.some((b) => b.fatal)) return 2;
  return session.failing(result, opts.failOn) ? 1 : 0;
}

/** Each report format's module loads only when that format is written. */
async function renderReport(format: Format, result: ScanResult, rules: RulePack, category: string, session: ConfigSession, text: { verbose?: boolean } = {}): Promise<string> {
  switch (format) {
    case 'sarif': {
      const { sarifText } = await import('../report/sarif.js');
      return sarifText(result, { rules, category, ...session.sarifHooks() }, (log) => session.completeSarif(log));
    }
    case 'json': {
      const { toJson } = await import('../report/json.js');
      return jsonTerminalSafe(JSON.stringify(toJson(result, rules, session.reportTriage(result)), null, 2)) + '\n';
    }
    case 'html':
      return (await import('../report/html.js')).toHtml(result, rules, session.reportTriage(result));
    case 'text':
      return safeLines((await import('../report/text.js')).toText(result, rules, session.reportTriage(result), text));
    case 'cyclonedx':
      return jsonTerminalSafe((await import('../report/cyclonedx.js')).toCycloneDx(result, rules));
    case 'datasafety-json':
      return jsonTerminalSafe((await import('../report/datasafety.js')).toDataSafetyJson(result, rules));
    case 'datasafety-csv':
      return safeLines((await import('../report/datasafety.js')).toDataSafetyCsv(result, rules));
    case 'gitlab-sast': {
      const log = JSON.parse(await renderReport('sarif', result, rules, category, session)) as Sarif.Log;
      const { toGitlabSast } = await import('../report/gitlab-sast.js');
      return jsonTerminalSafe(JSON.stringify(toGitlabSast(log, rules, { start: result.startTime, end: result.endTime }), null, 2)) + '\n';
    }
  }
}

/** The same wording as the walker's, but before anything runs or is written. */
function checkInputExists(input: string): void {
  try {
    statSync(resolve(input));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file or directory: ${input}` : `cannot read ${input}: ${code ?? (e as Error).message}`);
  }
}


/**
 * A report is never written over what is scanned: `-o` naming an input (directly or through a link), or a path
 * inside an input file (`app.ipa/r.sarif`, as if the archive were a folder), is a usage error.
 */
function refuseOverInput(output: string, inputs: string[]): void {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return undefined;
    }
  };
  const outReal = real(output);
  for (const input of inputs) {
    const abs = resolve(input);
    const inReal = real(abs) ?? abs;
    const isFile = statSync(inReal, { throwIfNoEntry: false })?.isFile() ?? false;
    if (output === abs || outReal === inReal || (isFile && (output.startsWith(abs + sep) || output.startsWith(inReal + sep)))) {
      throw new UsageError(`-o ${output} would overwrite the input ${input}; write the report somewhere else`);
    }
  }
}

/** `rtcscan/ios/`, `rtcscan/android/`, `rtcscan/web/` or `rtcscan/bundle/`, from what was scanned. */
export function defaultCategory(paths: string[]): string {
  const kinds = new Set(paths.map((p) => (/\.ipa$/i.test(p) ? 'ios' : /\.(apk|aab|xapk|apks)$/i.test(p) ? 'android' : /\.(m?js|jsbundle|bundle|html)$/i.test(p) ? 'web' : 'bundle')));
  return `rtcscan/${kinds.size === 1 ? [...kinds][0] : 'bundle'}/`;
}

export function parseLimits(opts: ScanCliOptions, fromConfig: Partial<InputLimits> = {}): InputLimits {
  // CLI flags win over the config file's `limits`.
  const limits = { ...DEFAULT_LIMITS, ...fromConfig };
  const size = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = parseSize(v);
    if (n === undefined || n <= 0) throw new UsageError(`${flag} takes a size such as 256MB, not ${JSON.stringify(v)}`);
    return n;
  };
  const int = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) <= 0) throw new UsageError(`${flag} takes a positive whole number, not ${JSON.stringify(v)}`);
    return Number(v);
  };
  limits.maxEntryBytes = size('--max-entry-size', opts.maxEntrySize) ?? limits.maxEntryBytes;
  limits.maxTotalBytes = size('--max-total-size', opts.maxTotalSize) ?? limits.maxTotalBytes;
  limits.maxCompressionRatio = int('--max-ratio', opts.maxRatio) ?? limits.maxCompressionRatio;
  limits.maxDepth = int('--max-depth', opts.maxDepth) ?? limits.maxDepth;
  limits.maxEntries = int('--max-entries', opts.maxEntries) ?? limits.maxEntries;
  return limits;
}


