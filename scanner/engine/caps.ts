// Caps on what one bundle reports: findings per rule and notifications per id. A hostile input can make one rule
// fire hundreds of thousands of times (a text file of 200,000 URLs) or one notice repeat for every member of a
// nested archive (65,536 traversal names from 5 KB), and every report format would carry them all. Past the cap
// the rest are counted, and one summary notification per capped rule or id says how many were left out.
import type { Notice } from '../core/facts.js';
import type { Finding } from '../core/finding.js';

export interface OutputCapLimits {
  /** Findings kept per rule id in one bundle. */
  findingsPerRule: number;
  /** Notifications kept per notice id in one bundle. */
  noticesPerId: number;
}

/** Far above real builds (the samples and vendor SDKs report at most a few dozen findings per rule). */
export const DEFAULT_OUTPUT_CAPS: Readonly<OutputCapLimits> = Object.freeze({ findingsPerRule: 1000, noticesPerId: 100 });

export class OutputCaps {
  private readonly findings = new Map<string, { kept: number; dropped: number }>();
  private readonly notices = new Map<string, { kept: number; dropped: number; level: Notice['level'] }>();

  constructor(private readonly limits: OutputCapLimits) {}

  /** True when `f` is within its rule's cap; otherwise it is counted. */
  keepFinding(f: Finding): boolean {
    return bump(this.findings, f.ruleId, this.limits.findingsPerRule, {});
  }

  keepNotice(n: Notice): boolean {
    return bump(this.notices, n.id, this.limits.noticesPerId, { level: n.level });
  }

  /** One notification per capped rule and per capped notice id, saying how many were left out. */
  summaries(): Notice[] {
    const out: Notice[] = [];
    for (const [ruleId, c] of this.findings) {
      if (c.dropped) {
        out.push({ level: 'warning', id: 'engine/findings-capped', message: `${ruleId}: ${c.kept} findings reported and ${c.dropped} more not listed (limit ${this.limits.findingsPerRule} per rule)` });
      }
    }
    for (const [id, c] of this.notices) {
      if (c.dropped) out.push({ level: c.level, id, message: `… and ${c.dropped} more notifications like this (${id}) not listed (limit ${this.limits.noticesPerId} per id)` });
    }
    return out;
  }
}

function bump<T extends { kept: number; dropped: number }>(counts: Map<string, T>, key: string, limit: number, init: Omit<T, 'kept' | 'dropped'>): boolean {
  let c = counts.get(key);
  if (!c) counts.set(key, (c = { ...init, kept: 0, dropped: 0 } as T));
  if (c.kept < limit) {
    c.kept++;
    return true;
  }
  c.dropped++;
  return false;
}
