// The scan command's batch branch: checks the flags that only make sense together, then runs the batch.
import { parseLimits, type ScanCliOptions } from '../cli/scan-command.js';
import { UsageError } from '../cli/errors.js';
import { BatchUsageError, runBatch, type BatchOptions } from './command.js';

export type BatchCliOptions = ScanCliOptions & { batch?: boolean; outDir?: string; jobs?: string; shard?: string; combined?: string };

/** Batch flags without --batch are a mistake, not something to ignore. Returns undefined when not in batch mode. */
export async function maybeRunBatch(paths: string[], opts: BatchCliOptions): Promise<number | undefined> {
  const batchOnly = (['outDir', 'jobs', 'shard', 'combined'] as const).filter((k) => opts[k] !== undefined);
  if (!opts.batch) {
    if (batchOnly.length) throw new UsageError(`--${batchOnly[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --batch`);
    return undefined;
  }
  // Config files and baselines apply to one report; batch mode does not thread them through to the workers yet.
  for (const flag of ['config', 'baseline'] as const) {
    if ((opts as unknown as Record<string, unknown>)[flag] !== undefined) throw new UsageError(`--${flag} is not supported with --batch yet`);
  }
  if (opts.output.length) throw new UsageError('--batch writes one report per bundle into --out-dir; -o is for single scans (use --combined FILE.sarif for one SARIF file)');
  try {
    const report = await runBatch(paths, opts as BatchOptions, parseLimits(opts));
    return report.exitCode;
  } catch (e) {
    if (e instanceof BatchUsageError) throw new UsageError(e.message);
    throw e;
  }
}
