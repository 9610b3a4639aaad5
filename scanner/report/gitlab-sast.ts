// GitLab's SAST report (security report schema 15.0.7, `artifacts: reports: sast:` in .gitlab-ci.yml), made from the
// SARIF log of the same scan, so it carries exactly what SARIF carries: the same results after config, baseline
// and size limits, credentials masked the same way. Suppressed (accepted) results and results a baseline says went
// away are left out: GitLab has no place for either. Severity: a security rule's security-severity on GitHub's
// scale (≥ 9 Critical, ≥ 7 High, ≥ 4 Medium, else Low); other rules by level (error Medium, warning Low, note Info).
import type * as Sarif from 'sarif';
import type { RulePack } from '../rules/pack.js';
import { TOOL } from './tool.js';

export const GITLAB_SAST_SCHEMA_VERSION = '15.0.7';
const SCHEMA_URL = `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_SAST_SCHEMA_VERSION}/dist/sast-report-format.json`;
/** The schema's limits on the text fields. */
const MAX_NAME = 255;
const MAX_DESCRIPTION = 1_048_576;
const MAX_SOLUTION = 7_000;

type Severity = 'Critical' | 'High' | 'Medium' | 'Low' | 'Info';

/** `2026-12-06T02:10:00` (UTC, seconds): the only time form the schema accepts. */
function gitlabTime(d: Date): string {
  return d.toISOString().slice(0, 19);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A stable UUID-shaped id from the result's fingerprint (same finding, same id across pipelines). */
function uuidOf(hex: string): string {
  const h = hex.padEnd(32, '0').slice(0, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function severityOf(result: Sarif.Result, rule: Sarif.ReportingDescriptor | undefined): Severity {
  const security = Number(rule?.properties?.['security-severity']);
  if (Number.isFinite(security) && security > 0) return security >= 9 ? 'Critical' : security >= 7 ? 'High' : security >= 4 ? 'Medium' : 'Low';
  const level = result.level ?? rule?.defaultConfiguration?.level ?? 'warning';
  return level === 'error' ? 'Medium' : level === 'warning' ? 'Low' : 'Info';
}

function fileOf(result: Sarif.Result): { file: string; start_line: number } {
  const phys = result.locations?.[0]?.physicalLocation;
  const uri = phys?.artifactLocation?.uri ?? '';
  let file = uri;
  try {
    file = decodeURIComponent(uri);
  } catch {
    // Keep the encoded form when it does not decode.
  }
  return { file, start_line: phys?.region?.startLine ?? 1 };
}

export interface GitlabSastTimes {
  start: Date;
  end: Date;
}

export function toGitlabSast(log: Sarif.Log, rules: RulePack, times: GitlabSastTimes): object {
  const run = log.runs[0];
  const descriptors = new Map((run?.tool.driver.rules ?? []).map((r) => [r.id, r]));
  const vulnerabilities = [];
  for (const result of run?.results ?? []) {
    if (result.suppressions?.some((s) => s.status === undefined || s.status === 'accepted')) continue;
    if (result.baselineState === 'absent') continue;
    const ruleId = result.ruleId ?? 'unknown';
    const rule = descriptors.get(ruleId);
    const check = rules.checkById.get(ruleId);
    const cwes = (check?.tags ?? []).map((t) => /^external\/cwe\/cwe-(\d+)$/i.exec(t)?.[1]).filter((n): n is string => !!n);
    const fp = result.partialFingerprints?.['rtcscanFindingHash/v1'] ?? '';
    vulnerabilities.push({
      id: uuidOf(fp),
      category: 'sast',
      name: clip(rule?.shortDescription?.text ?? ruleId, MAX_NAME),
      description: clip(result.message.text ?? '', MAX_DESCRIPTION),
      severity: severityOf(result, rule),
      ...(check?.help ? { solution: clip(check.help.trim(), MAX_SOLUTION) } : {}),
      location: fileOf(result),
      identifiers: [
        { type: 'rtcscan_rule_id', name: `rtcscan ${ruleId}${check ? ` ${check.name}` : ''}`, value: ruleId },
        ...cwes.map((n) => ({ type: 'cwe', name: `CWE-${n}`, value: n, url: `https://cwe.mitre.org/data/definitions/${n}.html` })),
      ],
    });
  }
  const invocation = run?.invocations?.[0];
  const messages = (invocation?.toolExecutionNotifications ?? [])
    .filter((n) => n.level === 'error')
    .map((n) => ({ level: 'warn' as const, value: clip(`${n.descriptor?.id ?? ''}${n.descriptor?.id ? ': ' : ''}${n.message.text ?? ''}`, 10_000) || 'error' }));
  const component = { id: TOOL.name, name: TOOL.name, version: TOOL.version, url: TOOL.informationUri, vendor: { name: TOOL.name } };
  return {
    version: GITLAB_SAST_SCHEMA_VERSION,
    schema: SCHEMA_URL,
    scan: {
      analyzer: component,
      scanner: component,
      type: 'sast',
      start_time: gitlabTime(times.start),
      end_time: gitlabTime(times.end),
      status: invocation?.executionSuccessful === false ? 'failure' : 'success',
      ...(messages.length ? { messages } : {}),
    },
    vulnerabilities,
  };
}
