// `rtcscan scan`: run the pipeline, write the requested reports, decide the exit code.
import { writeReportFile } from '../report/write.js';
import { extname, resolve, sep } from 'node:path';
import { realpathSync, statSync } from 'node:fs';
import { scan, type ScanResult } from '../engine/scan.js';
import { defaultRulePack, type RulePack } from '../rules/pack.js';
import { DEFAULT_LIMITS, parseSize, type InputLimits } from '../input/limits.js';
import { sarifText } from '../report/sarif.js';
import { toText, formatBytes } from '../report/text.js';
import { toJson } from '../report/json.js';
import { toHtml } from '../report/html.js';
import { toCycloneDx } from '../report/cyclonedx.js';
import { UsageError } from './errors.js';
import { ConfigSession, type FailOn } from '../config/session.js';
import { errorLine, jsonTerminalSafe, oneLine, safeLines } from '../report/escape.js';

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
  /** Text report: list every note instead of counting them. */
  verbose?: boolean;
  maxEntrySize?: string;
  maxTotalSize?: string;
  maxRatio?: string;
  maxDepth?: string;
  maxEntries?: string;
}

type Format = 'sarif' | 'json' | 'text' | 'html' | 'cyclonedx';
const EXT_FORMAT: Record<string, Format> = { '.sarif': 'sarif', '.json': 'json', '.txt': 'text', '.html': 'html', '.htm': 'html' };

export async function runScan(paths: string[], opts: ScanCliOptions): Promise<number> {
  const outputs = opts.output.map((o) => {
    // `.cdx.json` is an SBOM; any other `.json` is rtcscan's own JSON.
    const format = o.toLowerCase().endsWith('.cdx.json') ? 'cyclonedx' : EXT_FORMAT[extname(o).toLowerCase()];
    if (!format) throw new UsageError(`cannot tell the report format of ${o}: use .sarif, .json, .cdx.json, .txt or .html`);
    return { path: resolve(o), format };
  });
  for (const out of outputs) refuseOverInput(out.path, paths);
  if (opts.failOn === 'new' && opts.baseline === undefined) throw new UsageError('--fail-on new needs --baseline FILE (the SARIF report to compare with)');
  const rules = defaultRulePack();
  const session = ConfigSession.open({ config: opts.config, baseline: opts.baseline && resolve(opts.baseline), cwd: process.cwd(), rules });
  const limits = parseLimits(opts, session.config.limits);
  // A config can silence findings: the one in force is always said, so a planted one cannot act unseen.
  if (session.config.file) process.stderr.write(errorLine(`using config ${session.config.file}`));

  const progress = !opts.quiet && process.stderr.isTTY ? progressPrinter() : undefined;
  const result = await scan({ inputs: paths, rules, limits, showSecrets: opts.showSecrets, onProgress: progress?.update, ignore: session.ignore, ...(session.checks ? { checks: session.checks } : {}) });
  progress?.done();
  session.finish(result);

  const render = (format: Format) => renderReport(format, result, rules, opts.category ?? defaultCategory(paths), session, { verbose: opts.verbose });
  for (const out of outputs) await writeReportFile(out.path, render(out.format));
  if (outputs.length === 0) process.stdout.write(render(opts.format));

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

function renderReport(format: Format, result: ScanResult, rules: RulePack, category: string, session: ConfigSession, text: { verbose?: boolean } = {}): string {
  switch (format) {
    case 'sarif': {
      return sarifText(result, { rules, category, ...session.sarifHooks() }, (log) => session.completeSarif(log));
    }
    case 'json':
      return jsonTerminalSafe(JSON.stringify(toJson(result, rules, session.reportTriage(result)), null, 2)) + '\n';
    case 'html':
      return toHtml(result, rules, session.reportTriage(result));
    case 'text':
      return safeLines(toText(result, rules, session.reportTriage(result), text));
    case 'cyclonedx':
      return jsonTerminalSafe(toCycloneDx(result, rules));
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


function progressPrinter() {
  let last = 0;
  return {
    update(p: { files: number; bytes: number; current: string }) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const name = oneLine(p.current.length > 60 ? `…${p.current.slice(-59)}` : p.current);
      process.stderr.write(`\r\x1b[K${p.files} files, ${formatBytes(p.bytes)}  ${name}`);
    },
    done() {
      process.stderr.write('\r\x1b[K');
    },
  };
}
