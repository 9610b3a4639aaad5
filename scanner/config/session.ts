// Everything `rtcscan scan` does with a config file and a baseline, behind one object so the CLI stays a thin
// caller: what to ignore and which extra checks to run before the scan, then suppressions, baseline states and
// the exit decision after it.
import { relative } from 'node:path';
import type * as Sarif from 'sarif';
import type { Check, Finding } from '../core/finding.js';
import type { ScanResult } from '../engine/scan.js';
import type { RulePack } from '../rules/pack.js';
import { ALL_CHECKS } from '../checks/index.js';
import { fingerprint } from '../report/fingerprint.js';
import { addAbsentResults, baselineState, readBaseline, type Baseline, type BaselineState } from '../report/baseline.js';
import { displayFile, emptyConfig, loadConfig, type RtcscanConfig } from './load.js';
import { ignoreMatcher } from './ignore.js';
import { hasDenials, policyCheck } from './policy.js';
import { applyConfig, type Suppression, type Triage } from './apply.js';
import type { ReportTriage } from '../report/triage.js';

export type FailOn = 'error' | 'warning' | 'note' | 'none' | 'new';
const RANK = { note: 1, warning: 2, error: 3 } as const;

export interface BaselineCounts {
  new: number;
  unchanged: number;
  updated: number;
  absent: number;
}

export class ConfigSession {
  readonly ignore?: (virtualPath: string) => boolean;
  /** The checks to run: all of them, plus the policy check when the policy denies something. */
  readonly checks?: readonly Check[];
  private triage?: Triage;

  constructor(
    readonly config: RtcscanConfig,
    private readonly rules: RulePack,
    readonly baseline?: Baseline,
  ) {
    this.ignore = ignoreMatcher(config.ignore);
    if (hasDenials(config.policy)) this.checks = [...ALL_CHECKS, policyCheck(config.policy)];
  }

  /** Reads the config (`--config FILE` or the discovered one) and the baseline; throws ConfigError/BaselineError. */
  static open(opts: { config?: string | false; baseline?: string; cwd: string; rules: RulePack }): ConfigSession {
    const config = opts.config === false ? emptyConfig() : loadConfig({ file: opts.config, cwd: opts.cwd, rules: opts.rules });
    const baseline = opts.baseline !== undefined ? readBaseline(opts.baseline, relative(opts.cwd, opts.baseline) || opts.baseline) : undefined;
    return new ConfigSession(config, opts.rules, baseline);
  }

  /**
   * Applies policy, rule overrides and suppressions to the scan's findings (in place). Suppressions that matched
   * nothing are noted in the report unless the caller judges that over several reports (batch mode).
   */
  finish(result: ScanResult, opts: { noteUnused?: boolean } = {}): void {
    this.triage = applyConfig(result, this.rules, this.config);
    if (opts.noteUnused !== false && this.triage.unused.length && result.bundles.length) {
      result.bundles[0].notices.push({
        level: 'note',
        id: 'config/unused-suppression',
        message: `${this.triage.unused.length} suppression(s) in the config matched no finding (first: ${this.triage.unused[0].fingerprint}); they can be removed`,
      });
    }
  }

  /** Fingerprints of the config's suppressions that matched no finding (after finish). */
  unusedSuppressions(): string[] {
    return this.triage?.unused.map((u) => u.fingerprint) ?? [];
  }

  suppression(f: Finding): Suppression | undefined {
    return this.triage?.suppression(fingerprint(f));
  }

  baselineStateOf(f: Finding): BaselineState | undefined {
    return this.baseline && baselineState(this.baseline, f.ruleId, fingerprint(f), f.message, this.levelOf(f));
  }

  /** What the text, JSON and HTML reports show of the config and baseline (after finish). */
  reportTriage(result: ScanResult): ReportTriage {
    return { suppression: (f) => this.suppression(f), baselineState: (f) => this.baselineStateOf(f), baseline: this.counts(result) };
  }

  /** The hooks toSarif takes. */
  sarifHooks(): { suppression: (f: Finding, fp: string) => Sarif.Suppression | undefined; baselineState?: (f: Finding, fp: string) => Sarif.Result.baselineState | undefined } {
    const b = this.baseline;
    return {
      suppression: (_f, fp) => this.triage?.suppression(fp),
      ...(b ? { baselineState: (f: Finding, fp: string) => baselineState(b, f.ruleId, fp, f.message, this.levelOf(f)) } : {}),
    };
  }

  /** Adds the baseline's vanished results to a log written by toSarif. */
  completeSarif(log: Sarif.Log): void {
    // The config in force is part of how the results came about (it can suppress and re-level them).
    const inv = log.runs[0]?.invocations?.[0];
    // Relative to the working directory when inside it: a report names no local absolute path it need not.
    if (inv) inv.properties = { ...inv.properties, config: this.config.file ? displayFile(this.config.file) : null };
    if (this.baseline) addAbsentResults(log, this.baseline);
  }

  counts(result: ScanResult): BaselineCounts | undefined {
    const b = this.baseline;
    if (!b) return undefined;
    const c: BaselineCounts = { new: 0, unchanged: 0, updated: 0, absent: 0 };
    const present = new Set<string>();
    for (const f of result.bundles.flatMap((x) => x.findings)) {
      c[this.baselineStateOf(f)!]++;
      present.add(`${f.ruleId}\u0000${fingerprint(f)}`);
    }
    for (const k of b.results.keys()) if (!present.has(k)) c.absent++;
    return c;
  }

  /**
   * Whether the exit code is 1. Suppressed findings never count. `new`: a finding the baseline does not have, at
   * error or warning level (after overrides). Otherwise: a finding at or above the level.
   */
  failing(result: ScanResult, failOn: FailOn): boolean {
    if (failOn === 'none') return false;
    const findings = result.bundles.flatMap((b) => b.findings).filter((f) => !this.triage?.isSuppressed(f));
    if (failOn === 'new') return findings.some((f) => RANK[this.levelOf(f)] >= RANK.warning && this.baselineStateOf(f) === 'new');
    return findings.some((f) => RANK[this.levelOf(f)] >= RANK[failOn]);
  }

  private levelOf(f: Finding): 'error' | 'warning' | 'note' {
    return f.level ?? this.rules.checkById.get(f.ruleId)?.level ?? 'warning';
  }
}
