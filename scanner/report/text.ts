// The human report: what a person reads in a terminal or a CI log.
import { concernEntries, concernText } from './concern.js';
import type { Finding, Location } from '../core/finding.js';
import type { ScanResult } from '../engine/scan.js';
import type { RulePack } from '../rules/pack.js';
import { TOOL } from './tool.js';
import { splitSuppressed, type ReportTriage } from './triage.js';
import { oneLine } from './escape.js';

const ORDER = { error: 0, warning: 1, note: 2 } as const;

export function levelOf(f: Finding, rules: RulePack): 'error' | 'warning' | 'note' {
  return f.level ?? rules.checkById.get(f.ruleId)?.level ?? 'warning';
}

export function where(l: Location): string {
  const pos = l.line !== undefined ? `:${l.line}${l.column !== undefined ? `:${l.column}` : ''}` : l.offset !== undefined ? ` @0x${l.offset.toString(16)}` : '';
  const orig = l.original ? ` (source ${l.original.path ?? l.original.source}:${l.original.line}:${l.original.column})` : '';
  return `${l.artifact}${pos}${orig}`;
}

export function toText(result: ScanResult, rules: RulePack, opts: ReportTriage = {}): string {
  const out: string[] = [];
  const findings = result.bundles.flatMap((b) => b.findings);
  const notices = result.bundles.flatMap((b) => b.notices);
  out.push(`${TOOL.name} ${TOOL.version}: ${result.files} files, ${formatBytes(result.bytes)} read from ${result.bundles.length} input(s)`);

  const vendors = new Map<string, { name: string; country?: string; routes: Set<string> }>();
  for (const f of findings) {
    if (f.ruleId !== 'RTC101' || !f.properties.vendor) continue;
    const v = rules.vendorById.get(f.properties.vendor);
    const entry = vendors.get(f.properties.vendor) ?? { name: v?.name ?? f.properties.vendor, country: v?.jurisdiction.country, routes: new Set() };
    const routes = f.properties.routes;
    for (const r of Array.isArray(routes) ? routes : routes ? [String(routes)] : []) entry.routes.add(r);
    vendors.set(f.properties.vendor, entry);
  }
  out.push('');
  out.push(vendors.size ? 'RTC vendors found:' : 'RTC vendors found: none');
  for (const [, v] of [...vendors].sort()) {
    out.push(`  - ${v.name}${v.country ? ` (${v.country})` : ''}${v.routes.size ? ` via ${[...v.routes].sort().join(', ')}` : ''}`);
  }

  out.push(...concernText(concernEntries(result, rules)));

  const { active, suppressed } = splitSuppressed(findings, opts);
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of active) counts[levelOf(f, rules)]++;
  out.push('');
  out.push(`Findings: ${counts.error} error, ${counts.warning} warning, ${counts.note} note${suppressed.length ? ` (${suppressed.length} suppressed, listed at the end)` : ''}`);
  const b = opts.baseline;
  if (b) out.push(`Baseline: ${b.new} new, ${b.unchanged} unchanged, ${b.updated} updated, ${b.absent} absent`);
  const print = (f: Finding) => {
    const rule = rules.checkById.get(f.ruleId);
    const state = opts.baselineState?.(f);
    out.push('');
    out.push(`${levelOf(f, rules).toUpperCase()} ${f.ruleId} ${rule?.name ?? ''}${state ? ` [${state}]` : ''}: ${f.message}`);
    out.push(`    at ${where(f.location)}`);
    if (f.location.snippet) out.push(`    | ${f.location.snippet}`);
    for (const [i, s] of (f.flow ?? []).entries()) out.push(`    ${i + 1}. ${s.message} — ${where(s)}`);
  };
  const sorted = [...active].sort((a, b) => ORDER[levelOf(a, rules)] - ORDER[levelOf(b, rules)]);
  for (const f of sorted) print(f);
  if (suppressed.length) {
    out.push('');
    out.push(`Suppressed (${suppressed.length}; not counted for --fail-on):`);
    for (const f of suppressed) {
      print(f);
      out.push(`    suppressed: ${opts.suppression!(f)?.justification ?? ''}`);
    }
  }
  if (notices.length) {
    out.push('');
    out.push('Notifications (what could not be read, and why):');
    for (const n of notices) out.push(`  ${n.level}: ${n.id}: ${n.artifact ? `${n.artifact}: ` : ''}${n.message}`);
  }
  // Each entry is one line of ours around scanned text: escaping it whole keeps a newline or a control character
  // inside a file name, literal or message from splitting the line or acting on the terminal.
  return out.map(oneLine).join('\n') + '\n';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
