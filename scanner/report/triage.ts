// What a config and a baseline add to the human and JSON reports: which findings are accepted (suppressed, with
// their justification) and how each compares with the baseline. SARIF carries the same through its own fields.
import type { Finding } from '../core/finding.js';

export interface ReportTriage {
  /** Accepted findings: shown apart, with their justification, and left out of the counts. */
  suppression?(f: Finding): { kind?: string; status?: string; justification?: string } | undefined;
  /** `new`, `unchanged` or `updated` against --baseline. */
  baselineState?(f: Finding): string | undefined;
  baseline?: { new: number; unchanged: number; updated: number; absent: number };
}

/** Findings split into those to act on and the accepted ones. */
export function splitSuppressed(findings: Finding[], triage: ReportTriage): { active: Finding[]; suppressed: Finding[] } {
  if (!triage.suppression) return { active: findings, suppressed: [] };
  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) (triage.suppression(f) ? suppressed : active).push(f);
  return { active, suppressed };
}
