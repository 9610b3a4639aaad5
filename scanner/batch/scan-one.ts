// Scans one bundle of a batch: the unit of work a pool worker (or the main thread, with --jobs 1) runs. The
// outcome is plain data so it crosses the worker boundary by structured clone unchanged.
import { isMainThread } from 'node:worker_threads';
import { scan, type BundleResult } from '../engine/scan.js';
import type { InputLimits } from '../input/limits.js';
import { defaultRulePack, loadRulePack, type RulePack } from '../rules/pack.js';
import { ConfigSession } from '../config/session.js';

export interface BundleTask {
  /** Path of the bundle, as given to scan(). */
  path: string;
  cwd: string;
  limits: InputLimits;
  showSecrets: boolean;
  /** Rules folder; the shipped rules when absent. A RulePack holds Maps and functions, so workers load their own. */
  rulesDir?: string;
  /** Config file whose ignore globs and policy checks apply while scanning (validated by the caller). */
  configFile?: string;
}

export interface BundleOutcome {
  bundle: BundleResult;
  files: number;
  bytes: number;
  /** ISO 8601 times of this bundle's scan. */
  startTime: string;
  endTime: string;
}

const packs = new Map<string, RulePack>();
export function rulePackFor(rulesDir: string | undefined): RulePack {
  if (rulesDir === undefined) return defaultRulePack();
  let pack = packs.get(rulesDir);
  if (!pack) packs.set(rulesDir, (pack = loadRulePack(rulesDir)));
  return pack;
}

const sessions = new Map<string, ConfigSession>();
function sessionFor(file: string, cwd: string, rules: RulePack): ConfigSession {
  let session = sessions.get(file);
  if (!session) sessions.set(file, (session = ConfigSession.open({ config: file, cwd, rules })));
  return session;
}

export async function scanOne(task: BundleTask): Promise<BundleOutcome> {
  const started = new Date();
  try {
    // In a batch worker the batch already spreads bundles over the cores: no read pool inside it.
    const workers = isMainThread ? undefined : 0;
    const rules = rulePackFor(task.rulesDir);
    const session = task.configFile ? sessionFor(task.configFile, task.cwd, rules) : undefined;
    const result = await scan({
      inputs: [task.path],
      rules,
      cwd: task.cwd,
      limits: task.limits,
      showSecrets: task.showSecrets,
      workers,
      ...(session?.ignore ? { ignore: session.ignore } : {}),
      ...(session?.checks ? { checks: session.checks } : {}),
    });
    return { bundle: result.bundles[0], files: result.files, bytes: result.bytes, startTime: result.startTime.toISOString(), endTime: result.endTime.toISOString() };
  } catch (e) {
    // A bug in a reader or check must cost the audit one bundle, not the whole batch: the bundle is reported as
    // unreadable with the first line of the error.
    const message = `internal error while scanning: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
    const fatal = { level: 'error' as const, id: 'batch/internal-error', message, artifact: task.path };
    return { bundle: { input: task.path, findings: [], notices: [fatal], artifacts: [], fatal }, files: 0, bytes: 0, startTime: started.toISOString(), endTime: new Date().toISOString() };
  }
}
