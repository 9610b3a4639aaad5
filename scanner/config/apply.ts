// Applies a config to a finished scan, in this order: policy findings (RTC502), requireMediaEncryption, rule
// overrides (`off` drops, a level replaces the per-result level; rule metadata in SARIF is unchanged), then
// suppressions (allowedEndpoints and fingerprints). Suppressed findings stay in the results, marked, and do not
// count for --fail-on.
import type { Finding } from '../core/finding.js';
import type { ScanResult } from '../engine/scan.js';
import { compareFindings } from '../engine/order.js';
import type { RulePack } from '../rules/pack.js';
import { fingerprint } from '../report/fingerprint.js';
import type { RtcscanConfig, SuppressionEntry } from './load.js';
import { denialOf, deniedVendorFinding, hasDenials } from './policy.js';

/** Rules whose findings name a host that `policy.allowedEndpoints` can accept. */
export const ENDPOINT_RULES: ReadonlySet<string> = new Set(['RTC201', 'RTC202', 'RTC203', 'RTC302']);
export const ALLOWED_BY_POLICY = 'allowed by policy';

export interface Suppression {
  kind: 'external' | 'inSource';
  status: 'accepted';
  justification: string;
}

export interface Triage {
  /** The suppression of a finding (by its fingerprint), if any. */
  suppression(fp: string): Suppression | undefined;
  isSuppressed(f: Finding): boolean;
  /** Config suppressions that matched no finding (stale entries worth removing). */
  unused: SuppressionEntry[];
}

export function applyConfig(result: ScanResult, rules: RulePack, config: RtcscanConfig): Triage {
  const { policy } = config;
  for (const b of result.bundles) {
    let findings = b.findings;
    if (hasDenials(policy)) {
      const added: Finding[] = [];
      for (const f of findings) {
        const v = f.ruleId === 'RTC101' && f.properties.vendor ? rules.vendorById.get(f.properties.vendor) : undefined;
        const denial = v && denialOf(v, policy);
        if (v && denial) added.push(deniedVendorFinding(f, v, denial));
      }
      findings = [...findings, ...added];
    }
    if (policy.requireMediaEncryption === false) findings = findings.filter((f) => f.ruleId !== 'RTC304');
    if (policy.requireMediaEncryption === true) for (const f of findings) if (f.ruleId === 'RTC304') f.level = 'error';
    if (config.rules.size) {
      findings = findings.filter((f) => config.rules.get(f.ruleId) !== 'off');
      for (const f of findings) {
        const setting = config.rules.get(f.ruleId);
        if (setting !== undefined && setting !== 'off') f.level = setting;
      }
    }
    b.findings = findings.sort(compareFindings);
  }

  const byFingerprint = new Map<string, Suppression>();
  const wanted = new Map(config.suppressions.map((s) => [s.fingerprint, s]));
  const used = new Set<string>();
  for (const f of result.bundles.flatMap((b) => b.findings)) {
    const fp = fingerprint(f);
    const entry = wanted.get(fp);
    if (entry) {
      used.add(fp);
      byFingerprint.set(fp, { kind: entry.kind, status: 'accepted', justification: entry.justification });
    } else if (ENDPOINT_RULES.has(f.ruleId) && typeof f.properties.host === 'string' && hostAllowed(f.properties.host, config.policy.allowedEndpoints)) {
      byFingerprint.set(fp, { kind: 'external', status: 'accepted', justification: ALLOWED_BY_POLICY });
    }
  }
  return {
    suppression: (fp) => byFingerprint.get(fp),
    isSuppressed: (f) => byFingerprint.has(fingerprint(f)),
    unused: config.suppressions.filter((s) => !used.has(s.fingerprint)),
  };
}

/** `rtc.example.com` matches itself; `.example.com` matches example.com and every subdomain. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowed.some((a) => (a.startsWith('.') ? h === a.slice(1) || h.endsWith(a) : h === a));
}
