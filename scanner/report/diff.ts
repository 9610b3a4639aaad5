// Release diff: what changed between two rtcscan SARIF reports of the same app (an earlier release and this one).
// Results are matched by rtcscan's own fingerprint (what was found, not where), so a rebuilt or renamed artifact
// does not count as a change. Everything here comes from the reports, i.e. from scanned builds: hostile text.
import type * as Sarif from 'sarif';

/** How release managers read a diff: by what the change means, not by rule number. */
export const DIFF_SECTIONS = [
  { id: 'vendors', title: 'RTC vendors', rules: ['RTC101'] },
  { id: 'sessions', title: 'RTC sessions', rules: ['RTC102', 'RTC304'] },
  { id: 'flows', title: 'Identifier flows', rules: ['RTC301', 'RTC302', 'RTC303'] },
  { id: 'credentials', title: 'Credentials', rules: ['RTC401', 'RTC402', 'RTC403', 'RTC404'] },
  { id: 'endpoints', title: 'Endpoints', rules: ['RTC201', 'RTC202', 'RTC203'] },
  { id: 'policy', title: 'Policy and residency', rules: ['RTC311', 'RTC312', 'RTC313', 'RTC501', 'RTC502'] },
] as const;

export type SectionId = (typeof DIFF_SECTIONS)[number]['id'] | 'other';

export interface DiffItem {
  ruleId: string;
  level: 'error' | 'warning' | 'note' | 'none';
  message: string;
  /** Virtual path of the primary location's artifact. */
  artifact?: string;
  vendor?: string;
  host?: string;
  /** Jurisdiction of an endpoint or vendor (ISO country code), when the report states it. */
  country?: string;
  suppressed: boolean;
}

export interface DiffSection {
  id: SectionId;
  title: string;
  appeared: DiffItem[];
  disappeared: DiffItem[];
  unchanged: number;
}

export interface ReleaseDiff {
  old: { file: string; results: number; tool?: string };
  new: { file: string; results: number; tool?: string };
  sections: DiffSection[];
  /** Vendors present in one report and not the other (from RTC101 / any result's vendor property). */
  vendors: { appeared: string[]; disappeared: string[] };
  /** Endpoint jurisdictions (country codes) that appeared or went away. */
  jurisdictions: { appeared: string[]; disappeared: string[] };
}

const RULE_SECTION = new Map<string, SectionId>(DIFF_SECTIONS.flatMap((s) => s.rules.map((r) => [r, s.id] as const)));

/** rtcscan's fingerprint; reports of other tools fall back to rule + message + artifact. */
function keyOf(r: Sarif.Result): string {
  const fp = r.partialFingerprints?.['rtcscanFindingHash/v1'];
  if (fp) return `${r.ruleId}|${fp}`;
  const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
  return `${r.ruleId}|${r.message?.text ?? ''}|${uri}`;
}

/** Path-independent key: the same finding in a build that moved (release folders, renamed archives). */
function identityKeyOf(r: Sarif.Result): string | undefined {
  const id = r.partialFingerprints?.['rtcscanIdentityHash/v1'];
  return id ? `${r.ruleId}|${id}` : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function itemOf(r: Sarif.Result, run: Sarif.Run): DiffItem {
  const props = (r.properties ?? {}) as Record<string, unknown>;
  const ruleIndex = r.ruleIndex;
  const rule = ruleIndex !== undefined ? run.tool.driver.rules?.[ruleIndex] : run.tool.driver.rules?.find((x) => x.id === r.ruleId);
  const level = (r.level ?? rule?.defaultConfiguration?.level ?? 'warning') as DiffItem['level'];
  const item: DiffItem = {
    ruleId: r.ruleId ?? rule?.id ?? '?',
    level,
    message: r.message?.text ?? '',
    suppressed: (r.suppressions ?? []).some((s) => s.status === undefined || s.status === 'accepted'),
  };
  const artifact = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
  if (artifact) item.artifact = artifact;
  const vendor = str(props.vendor);
  if (vendor) item.vendor = vendor;
  const host = str(props.host);
  if (host) item.host = host;
  const country = str(props.country) ?? str(props.jurisdiction);
  if (country) item.country = country;
  return item;
}

/** Hosts of a grouped endpoint result (RTC201 for a vendor's own code: `properties.hosts`), else none. */
function groupedHosts(r: Sarif.Result): string[] {
  const hosts = (r.properties as Record<string, unknown> | undefined)?.hosts;
  return Array.isArray(hosts) ? [...new Set(hosts.filter((h): h is string => typeof h === 'string' && h !== ''))] : [];
}

interface Indexed {
  item: DiffItem;
  identity?: string;
}

/** Results of every run, keyed; `absent` results of a baseline comparison are not part of a report's state. */
function indexResults(log: Sarif.Log): Map<string, Indexed> {
  const out = new Map<string, Indexed>();
  for (const run of log.runs) {
    for (const r of run.results ?? []) {
      if (r.baselineState === 'absent') continue;
      const key = keyOf(r);
      const item = itemOf(r, run);
      const identity = identityKeyOf(r);
      const listed = groupedHosts(r);
      if (!listed.length) {
        if (!out.has(key)) out.set(key, { item, identity });
        continue;
      }
      // One result lists every host in a vendor's own code: compared host by host, so a host an SDK update adds
      // or drops is a change of its own.
      for (const host of listed) {
        const k = `${key}|${host}`;
        if (!out.has(k)) out.set(k, { item: { ...item, host, message: `${host} (in ${item.vendor ?? 'a vendor'}'s own code)` }, identity: identity && `${identity}|${host}` });
      }
    }
  }
  return out;
}

/**
 * Pairs results of the two reports: by fingerprint, then what is left by identity (one to one), so that a build
 * scanned at another path is not reported as everything gone and everything new.
 */
function pairResults(before: Map<string, Indexed>, after: Map<string, Indexed>): { appeared: DiffItem[]; disappeared: DiffItem[]; unchanged: DiffItem[] } {
  const unchanged: DiffItem[] = [];
  const leftBefore = new Map<string, Indexed[]>();
  const restBefore: DiffItem[] = [];
  for (const [key, b] of before) {
    if (after.has(key)) continue;
    if (b.identity) leftBefore.set(b.identity, [...(leftBefore.get(b.identity) ?? []), b]);
    else restBefore.push(b.item);
  }
  const appeared: DiffItem[] = [];
  for (const [key, a] of after) {
    if (before.has(key)) {
      unchanged.push(a.item);
      continue;
    }
    const twin = a.identity ? leftBefore.get(a.identity)?.shift() : undefined;
    if (twin) unchanged.push(a.item);
    else appeared.push(a.item);
  }
  const disappeared = [...restBefore, ...[...leftBefore.values()].flat().map((b) => b.item)];
  return { appeared, disappeared, unchanged };
}

const LEVEL_ORDER = { error: 0, warning: 1, note: 2, none: 3 } as const;
const byLevel = (a: DiffItem, b: DiffItem) =>
  LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);

function setDiff(a: Set<string>, b: Set<string>): string[] {
  return [...b].filter((x) => !a.has(x)).sort();
}

export function diffReports(oldLog: Sarif.Log, newLog: Sarif.Log, files: { old: string; new: string }): ReleaseDiff {
  const before = indexResults(oldLog);
  const after = indexResults(newLog);
  const sections = new Map<SectionId, DiffSection>();
  for (const s of DIFF_SECTIONS) sections.set(s.id, { id: s.id, title: s.title, appeared: [], disappeared: [], unchanged: 0 });
  sections.set('other', { id: 'other', title: 'Other results', appeared: [], disappeared: [], unchanged: 0 });
  const sectionOf = (i: DiffItem) => sections.get(RULE_SECTION.get(i.ruleId) ?? 'other')!;
  const paired = pairResults(before, after);
  for (const item of paired.unchanged) sectionOf(item).unchanged++;
  for (const item of paired.appeared) sectionOf(item).appeared.push(item);
  for (const item of paired.disappeared) sectionOf(item).disappeared.push(item);
  for (const s of sections.values()) {
    s.appeared.sort(byLevel);
    s.disappeared.sort(byLevel);
  }
  const vendorsOf = (m: Map<string, Indexed>) => new Set([...m.values()].flatMap(({ item: i }) => (i.vendor ? [i.vendor] : [])));
  const countriesOf = (m: Map<string, Indexed>) =>
    new Set([...m.values()].flatMap(({ item: i }) => (i.country && RULE_SECTION.get(i.ruleId) === 'endpoints' ? [i.country] : [])));
  const toolOf = (l: Sarif.Log) => {
    const d = l.runs[0]?.tool.driver;
    return d ? [d.name, d.semanticVersion ?? d.version].filter(Boolean).join(' ') : undefined;
  };
  return {
    old: { file: files.old, results: before.size, ...(toolOf(oldLog) ? { tool: toolOf(oldLog) } : {}) },
    new: { file: files.new, results: after.size, ...(toolOf(newLog) ? { tool: toolOf(newLog) } : {}) },
    sections: [...sections.values()].filter((s) => s.id !== 'other' || s.appeared.length || s.disappeared.length || s.unchanged),
    vendors: { appeared: setDiff(vendorsOf(before), vendorsOf(after)), disappeared: setDiff(vendorsOf(after), vendorsOf(before)) },
    jurisdictions: {
      appeared: setDiff(countriesOf(before), countriesOf(after)),
      disappeared: setDiff(countriesOf(after), countriesOf(before)),
    },
  };
}

/** True when any unsuppressed result at or above `level` appeared. */
export function hasNewAtOrAbove(diff: ReleaseDiff, level: 'error' | 'warning' | 'note'): boolean {
  return diff.sections.some((s) => s.appeared.some((i) => !i.suppressed && LEVEL_ORDER[i.level] <= LEVEL_ORDER[level]));
}

export function countChanges(diff: ReleaseDiff): { appeared: number; disappeared: number; unchanged: number } {
  let appeared = 0;
  let disappeared = 0;
  let unchanged = 0;
  for (const s of diff.sections) {
    appeared += s.appeared.length;
    disappeared += s.disappeared.length;
    unchanged += s.unchanged;
  }
  return { appeared, disappeared, unchanged };
}
