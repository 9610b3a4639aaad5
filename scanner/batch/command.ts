// `rtcscan scan --batch`: every bundle of an audit folder scanned on its own (a worker pool, --jobs at a time),
// one SARIF and one text report per bundle in --out-dir, a cross-app summary (summary.csv, summary.json), an
// optional combined SARIF split into files GitHub accepts, and --shard to split the audit over CI machines.
import { writeReportFile } from '../report/write.js';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import type * as Sarif from 'sarif';
import type { BundleResult, ScanResult } from '../engine/scan.js';
import { emptyConfig, loadConfig } from '../config/load.js';
import { ConfigSession, type FailOn } from '../config/session.js';
import { BaselineError, readBaseline, type Baseline } from '../report/baseline.js';
import type { InputLimits } from '../input/limits.js';
import { defaultRulePack } from '../rules/pack.js';
import { toText } from '../report/text.js';
import { splitSuppressed } from '../report/triage.js';
import { summarizeBundle, summaryToCsv, summaryToJson, type SummaryRow } from '../report/summary.js';
import { chunk, GITHUB_MAX_RUNS, parseSarif, sarifLog } from '../report/merge.js';
import { compareNames, discoverBundles, DiscoveryError, fileNames, type BatchBundle } from './discover.js';
import { parseShard, selectShard } from './shard.js';
import { runPool } from './pool.js';
import { toSarifRuns } from './sarif-runs.js';
import type { BundleTask } from './scan-one.js';
import { errorLine, jsonTerminalSafe, oneLine, safeLines } from '../report/escape.js';

export interface BatchOptions {
  outDir?: string;
  jobs?: string;
  shard?: string;
  combined?: string;
  /** Prefix of each run's automationDetails.id; the bundle's file-safe name and `/` follow. Default `rtcscan/`. */
  category?: string;
  failOn: FailOn;
  showSecrets: boolean;
  quiet: boolean;
  /** Config file (absolute) applied to every bundle; none: the defaults. */
  configFile?: string;
  /** The --out-dir of an earlier batch: each bundle is compared with its `<bundle>.sarif` there. */
  baselineDir?: string;
}

/** A mistake in how the batch was asked for: the CLI prints it as one line and exits 2. */
export class BatchUsageError extends Error {}

export interface BatchReport {
  /** Bundles of this shard, sorted by name. */
  rows: SummaryRow[];
  /** SARIF files written, per bundle and combined. */
  written: string[];
  exitCode: number;
}

export async function runBatch(paths: string[], opts: BatchOptions, limits: InputLimits, cwd = process.cwd()): Promise<BatchReport> {
  if (!opts.outDir) throw new BatchUsageError('--batch needs --out-dir DIR: each bundle gets DIR/<bundle>.sarif and .txt, plus DIR/summary.csv and summary.json');
  const jobs = parseJobs(opts.jobs);
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (typeof shard === 'string') throw new BatchUsageError(shard);
  const prefix = opts.category ?? 'rtcscan/';
  if (!prefix.endsWith('/')) throw new BatchUsageError(`--category in batch mode is a prefix ending in "/", e.g. rtcscan/, not ${JSON.stringify(prefix)}`);
  const outDir = resolve(cwd, opts.outDir);
  const baselineDir = opts.baselineDir === undefined ? undefined : resolve(cwd, opts.baselineDir);
  if (baselineDir !== undefined && !statSync(baselineDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new BatchUsageError(`--baseline ${opts.baselineDir}: in batch mode the baseline is a folder, the --out-dir of an earlier batch`);
  }

  let discovery;
  try {
    discovery = await discoverBundles(paths, cwd);
  } catch (e) {
    if (e instanceof DiscoveryError) throw new BatchUsageError(e.message);
    throw e;
  }
  // File names come from the whole audit, before sharding, so every shard names a bundle the same way.
  const names = fileNames(discovery.bundles);
  const mine = shard ? selectShard(discovery.bundles, shard) : discovery.bundles;
  if (discovery.bundles.length === 0) throw new BatchUsageError(`no bundles in ${paths.join(', ')}: a batch folder holds archives (.ipa .apk .aab …), JS bundles or one sub-folder per app`);
  const combined = opts.combined ? resolve(cwd, opts.combined) : undefined;
  if (combined && extname(combined).toLowerCase() !== '.sarif') throw new BatchUsageError(`--combined takes a .sarif file name, not ${opts.combined}`);
  if (combined && [...names.values()].some((n) => join(outDir, `${n}.sarif`) === combined)) throw new BatchUsageError(`--combined ${opts.combined} would overwrite a bundle's own report`);

  const rules = defaultRulePack();
  const config = opts.configFile ? loadConfig({ file: opts.configFile, cwd, rules }) : emptyConfig();
  await mkdir(outDir, { recursive: true });
  if (!opts.quiet) {
    for (const s of discovery.skipped) process.stderr.write(errorLine(`skipped ${s.path} (${s.reason})`));
    if (shard) process.stderr.write(errorLine(`shard ${shard.index}/${shard.count}: ${mine.length} of ${discovery.bundles.length} bundles`));
  }

  const rows: SummaryRow[] = [];
  const perBundle = new Map<string, string>();
  let failing = false;
  let fatal = false;
  let done = 0;
  /** Suppression fingerprint → bundles it matched nothing in; unused by the batch when that is every bundle. */
  const unused = new Map<string, number>();
  const items = mine.map((b) => ({ bundle: b, task: { path: b.path, cwd, limits, showSecrets: opts.showSecrets, configFile: opts.configFile } satisfies BundleTask }));
  await runPool(items, jobs, async ({ bundle }, outcome) => {
    const file = names.get(bundle.name)!;
    const result: ScanResult = { bundles: [outcome.bundle], startTime: new Date(outcome.startTime), endTime: new Date(outcome.endTime), files: outcome.files, bytes: outcome.bytes };
    // Each bundle is its own report: rule overrides, suppressions and its own baseline, as a single scan would.
    const session = new ConfigSession(config, rules, baselineDir === undefined ? undefined : bundleBaseline(join(baselineDir, `${file}.sarif`), cwd, outcome.bundle));
    session.finish(result, { noteUnused: false });
    for (const fp of session.unusedSuppressions()) unused.set(fp, (unused.get(fp) ?? 0) + 1);
    const sarifPath = join(outDir, `${file}.sarif`);
    const log = toSarifRuns(result, { rules, ...session.sarifHooks() }, () => `${prefix}${file}/`);
    session.completeSarif(log);
    await writeReportFile(sarifPath, jsonTerminalSafe(JSON.stringify(log, null, 2)) + '\n');
    const triage = session.reportTriage(result);
    await writeReportFile(join(outDir, `${file}.txt`), safeLines(toText(result, rules, triage)));
    perBundle.set(bundle.name, sarifPath);
    // The summary counts what the report asks to act on: suppressed findings are left out.
    const row = summarizeBundle(bundle.name, { ...outcome.bundle, findings: splitSuppressed(outcome.bundle.findings, triage).active }, rules, outcome);
    rows.push(row);
    fatal ||= !!outcome.bundle.fatal;
    failing ||= session.failing(result, opts.failOn);
    done++;
    if (!opts.quiet) process.stderr.write(errorLine(`[${done}/${items.length}] ${bundle.name}: ${statusOf(row)}`));
  });

  rows.sort((a, b) => compareNames(a.bundle, b.bundle));
  await writeReportFile(join(outDir, 'summary.json'), summaryToJson(rows));
  await writeReportFile(join(outDir, 'summary.csv'), summaryToCsv(rows));
  const written = mine.map((b) => perBundle.get(b.name)!);
  if (combined) written.push(...(await writeCombined(mine, perBundle, combined)));

  const stale = [...unused].filter(([, n]) => n === mine.length).map(([fp]) => fp);
  if (stale.length && mine.length && !opts.quiet) {
    process.stderr.write(errorLine(`${stale.length} suppression(s) in the config matched no finding of ${shard ? 'this shard' : 'this batch'} (first: ${stale[0]})`));
  }
  process.stdout.write(safeLines(textSummary(rows, outDir)));
  const exitCode = fatal ? 2 : failing ? 1 : 0;
  return { rows, written, exitCode };
}

/**
 * A bundle's baseline: its report in the earlier batch's folder. A bundle new to the audit has an empty one (every
 * finding is new); an unreadable one is said in the bundle's notifications and treated the same way.
 */
function bundleBaseline(file: string, cwd: string, bundle: BundleResult): Baseline {
  const empty: Baseline = { file, results: new Map() };
  if (!existsSync(file)) return empty;
  try {
    return readBaseline(file, relative(cwd, file) || file);
  } catch (e) {
    if (!(e instanceof BaselineError)) throw e;
    bundle.notices.push({ level: 'error', id: 'baseline/unreadable', message: `${e.message}; every finding of this bundle counts as new`, artifact: bundle.input });
    return empty;
  }
}

/** `--jobs`: a positive whole number; default one per available core. */
function parseJobs(text: string | undefined): number {
  if (text === undefined) return Math.max(1, availableParallelism());
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1) throw new BatchUsageError(`--jobs takes a positive whole number, not ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * The per-bundle runs in one file, or — above GitHub's 20 runs per upload — in `name-1.sarif`, `name-2.sarif` …
 * of at most 20 runs each. Read back from the per-bundle files so the whole audit is never in memory at once.
 */
async function writeCombined(bundles: BatchBundle[], perBundle: Map<string, string>, target: string): Promise<string[]> {
  const groups = chunk(bundles, GITHUB_MAX_RUNS);
  const stem = target.slice(0, -extname(target).length);
  const out: string[] = [];
  for (const [i, group] of groups.entries()) {
    const runs: Sarif.Run[] = [];
    for (const b of group) {
      const file = perBundle.get(b.name)!;
      runs.push(...parseSarif(await readFile(file, 'utf8'), file).runs);
    }
    const path = groups.length === 1 ? target : `${stem}-${i + 1}.sarif`;
    await writeReportFile(path, jsonTerminalSafe(JSON.stringify(sarifLog(runs), null, 2)) + '\n');
    out.push(path);
  }
  if (groups.length === 0) {
    await writeReportFile(target, JSON.stringify(sarifLog([]), null, 2) + '\n');
    out.push(target);
  }
  return out;
}

function statusOf(r: SummaryRow): string {
  if (!r.readable) return `unreadable (${r.firstUnreadable ?? 'no reason recorded'})`;
  const vendors = r.vendors.length ? r.vendors.map((v) => v.name).join(', ') : 'no RTC vendor';
  return `${r.levels.error} error, ${r.levels.warning} warning, ${r.levels.note} note; ${vendors}`;
}

function textSummary(rows: SummaryRow[], outDir: string): string {
  // `bundle:` first on the line: a bundle name is a file name the audited folder chose, never the start of a line.
  const lines = rows.map((r) => oneLine(`  bundle ${r.bundle}: ${statusOf(r)}`));
  return `${rows.length} bundle(s) scanned; reports and summary.csv in ${oneLine(outDir)}\n${lines.join('\n')}${lines.length ? '\n' : ''}`;
}

