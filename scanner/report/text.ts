// The human report: what a person reads in a terminal or a CI log.
import { concernEntries, concernText } from './concern.js';
import type { Finding, Location } from '../core/finding.js';
import type { ScanResult } from '../engine/scan.js';
import type { RulePack } from '../rules/pack.js';
import { TOOL } from './tool.js';
import { splitSuppressed, type ReportTriage } from './triage.js';
import { oneLine } from './escape.js';
import { jurisdictionLabel, overviewOf, VERDICT_TEXT } from './overview.js';

const ORDER = { error: 0, warning: 1, note: 2 } as const;

export function levelOf(f: Finding, rules: RulePack): 'error' | 'warning' | 'note' {
  return f.level ?? rules.checkById.get(f.ruleId)?.level ?? 'warning';
}

export function where(l: Location): string {
  const pos = l.line !== undefined ? `:${l.line}${l.column !== undefined ? `:${l.column}` : ''}` : l.offset !== undefined ? ` @0x${l.offset.toString(16)}` : '';
  const orig = l.original ? ` (source ${l.original.path ?? l.original.source}:${l.original.line}:${l.original.column})` : '';
  return `${l.artifact}${pos}${orig}`;
}

export interface TextOptions {
  /** List every note (and note-level notification) one by one instead of counting them. */
  verbose?: boolean;
}

export function toText(result: ScanResult, rules: RulePack, opts: ReportTriage = {}, text: TextOptions = {}): string {
  const out: string[] = [];
  const notices = result.bundles.flatMap((b) => b.notices);
  const { active, suppressed } = splitSuppressed(
    result.bundles.flatMap((b) => b.findings),
    opts,
  );
  const o = overviewOf(result, active, rules);
  out.push(`${TOOL.name} ${TOOL.version}: ${filesLine(result.files, o.artifacts)}, ${formatBytes(result.bytes)} read from ${result.bundles.length} input(s)`);

  // The summary first: what a reader decides on, before any single finding.
  out.push('');
  out.push(`Verdict: ${o.verdict.toUpperCase()} — ${VERDICT_TEXT[o.verdict]} ${o.levels.error} error, ${o.levels.warning} warning, ${o.levels.note} note${suppressed.length ? ` (${suppressed.length} suppressed, listed at the end)` : ''}.`);
  out.push(o.vendors.length ? 'RTC vendors:' : 'RTC vendors: none found');
  for (const v of o.vendors) {
    const version = v.versions.length ? ` ${v.versions.slice(0, 3).join(', ')}` : '';
    const what = [v.sessions ? `${v.sessions} session start(s)` : '', v.hosts ? `${v.hosts} host(s)` : '', v.identifiers.length ? `identifiers: ${v.identifiers.join(', ')}` : ''].filter(Boolean).join('; ');
    out.push(`  - ${v.name}${version} — ${jurisdictionLabel(v)}${what ? `; ${what}` : ''}${v.routes.length ? ` (found by ${v.routes.join(', ')})` : ''}`);
  }
  const c = o.credentials;
  out.push(`Sessions: ${o.sessions} start(s) in app code (RTC102)`);
  out.push(`Identifier flows: ${o.cleartextFlows} in cleartext (RTC301)${o.otherFlows ? `, ${o.otherFlows} over TLS to a vendor (RTC303)` : ''}; ${o.cleartextEndpoints} cleartext endpoint(s) (RTC302)`);
  out.push(`Credentials: ${c.appIds} App ID(s) (RTC401), ${c.secrets} secret(s) (RTC402), ${c.tokens} token(s) (RTC403), ${c.tokenlessJoins} join(s) without a token (RTC404)`);
  out.push(`Policy: ${o.residency} data-residency finding(s) (RTC501); ${o.denied ? `${o.denied} denied by the policy (RTC502)` : 'nothing denied by a policy (RTC502)'}`);
  const b = opts.baseline;
  if (b) out.push(`Baseline: ${b.new} new, ${b.unchanged} unchanged, ${b.updated} updated, ${b.absent} absent`);

  out.push(...concernText(concernEntries(result, rules)));

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
  const notes = sorted.filter((f) => levelOf(f, rules) === 'note');
  for (const f of text.verbose ? sorted : sorted.filter((x) => levelOf(x, rules) !== 'note')) print(f);
  if (!text.verbose && notes.length) {
    out.push('');
    out.push(`Notes: ${notes.length} (${countBy(notes.map((f) => `${f.ruleId} ${rules.checkById.get(f.ruleId)?.name ?? ''}`.trim()))}); --verbose lists them.`);
  }
  if (suppressed.length) {
    out.push('');
    out.push(`Suppressed (${suppressed.length}; not counted for --fail-on):`);
    for (const f of suppressed) {
      print(f);
      out.push(`    suppressed: ${opts.suppression!(f)?.justification ?? ''}`);
    }
  }
  const shown = text.verbose ? notices : notices.filter((n) => n.level !== 'note');
  if (shown.length) {
    out.push('');
    out.push('Notifications (what could not be read, and why):');
    for (const n of shown) out.push(`  ${n.level}: ${n.id}: ${n.artifact ? `${n.artifact}: ` : ''}${n.message}`);
  }
  const hidden = notices.length - shown.length;
  if (hidden) {
    out.push('');
    out.push(`Notification notes: ${hidden} (${countBy(notices.filter((n) => n.level === 'note').map((n) => n.id))}); --verbose lists them.`);
  }
  // Each entry is one line of ours around scanned text: escaping it whole keeps a newline or a control character
  // inside a file name, literal or message from splitting the line or acting on the terminal.
  return out.map(oneLine).join('\n') + '\n';
}

/**
 * `7 files read (8 artifacts with the archives that hold them)`: the two counts differ by the containers, so both
 * are named for what they count wherever a report shows them.
 */
export function filesLine(files: number, artifacts: number): string {
  return `${files} file(s) read${artifacts !== files ? ` (${artifacts} artifacts with the archives that hold them)` : ''}`;
}

/** `RTC201 VendorEndpoint ×3, RTC202 UnattributedEndpoint ×2`, most frequent first. */
function countBy(keys: string[]): string {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${k} ×${n}`).join(', ');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
