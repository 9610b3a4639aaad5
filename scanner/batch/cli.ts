// The scan command's batch branch: checks the flags that only make sense together, then runs the batch.
import { parseLimits, type ScanCliOptions } from '../cli/scan-command.js';
import { UsageError } from '../cli/errors.js';
import { BatchUsageError, runBatch, type BatchOptions } from './command.js';
import { emptyConfig, loadConfig } from '../config/load.js';
import { errorLine } from '../report/escape.js';
import { defaultRulePack } from '../rules/pack.js';

export type BatchCliOptions = ScanCliOptions & { batch?: boolean; outDir?: string; jobs?: string; shard?: string; combined?: string };

/** Batch flags without --batch are a mistake, not something to ignore. Returns undefined when not in batch mode. */
export async function maybeRunBatch(paths: string[], opts: BatchCliOptions): Promise<number | undefined> {
  const batchOnly = (['outDir', 'jobs', 'shard', 'combined'] as const).filter((k) => opts[k] !== undefined);
  if (!opts.batch) {
    if (batchOnly.length) throw new UsageError(`--${batchOnly[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --batch`);
    return undefined;
  }
  if (opts.output.length) throw new UsageError('--batch writes one report per bundle into --out-dir; -o is for single scans (use --combined FILE.sarif for one SARIF file)');
  if (opts.failOn === 'new' && opts.baseline === undefined) throw new UsageError('--fail-on new needs --baseline DIR (the --out-dir of an earlier batch)');
  // The config (given or discovered) is read and validated once here; workers read the same file for what they
  // apply while scanning (ignore globs, policy checks).
  const config = opts.config === false ? emptyConfig() : loadConfig({ file: opts.config, cwd: process.cwd(), rules: defaultRulePack() });
  if (config.file) process.stderr.write(errorLine(`using config ${config.file}`));
  try {
    const batch: BatchOptions = { ...(opts as BatchOptions), configFile: config.file, baselineDir: opts.baseline };
    const report = await runBatch(paths, batch, parseLimits(opts, config.limits));
    return report.exitCode;
  } catch (e) {
    if (e instanceof BatchUsageError) throw new UsageError(e.message);
    throw e;
  }
}
