// rtcscan's own JSON report: findings, notices and artifacts in a flat shape that is easy to script against.
import type { ScanResult } from '../engine/scan.js';
import type { RulePack } from '../rules/pack.js';
import { fingerprint } from './fingerprint.js';
import { levelOf } from './text.js';
import { TOOL } from './tool.js';
import { concernEntries } from './concern.js';
import type { ReportTriage } from './triage.js';

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

export function toJson(result: ScanResult, rules: RulePack, triage: ReportTriage = {}) {
  return {
    tool: { name: TOOL.name, version: TOOL.version },
    ...(triage.baseline ? { baseline: triage.baseline } : {}),
    concerns: concernEntries(result, rules),
    bundles: result.bundles.map((b) => ({
      input: b.input,
      readable: !b.fatal,
      findings: b.findings.map((f) => ({
        ruleId: f.ruleId,
        name: rules.checkById.get(f.ruleId)?.name,
        level: levelOf(f, rules),
        message: f.message,
        location: f.location,
        ...(f.flow ? { flow: f.flow } : {}),
        properties: f.properties,
        fingerprint: fingerprint(f),
        ...optional('suppression', triage.suppression?.(f)),
        ...optional('baselineState', triage.baselineState?.(f)),
      })),
      notices: b.notices,
      artifacts: b.artifacts,
    })),
  };
}
