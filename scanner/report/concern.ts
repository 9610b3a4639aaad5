// Countries-of-concern view: for each vendor a policy flags (RTC502: denied vendor, jurisdiction or preset), what an
// auditor files — who the vendor is and where it sits (rules/vendors), the evidence in this build (SDK and version,
// endpoints, region settings), which identifiers reach it, and what a static scan cannot show.
import type { Finding } from '../core/finding.js';
import type { ScanResult } from '../engine/scan.js';
import type { RulePack } from '../rules/pack.js';

export interface ConcernEntry {
  vendor: string;
  name: string;
  country: string;
  headquarters?: string;
  regime?: string;
  notes?: string;
  sources: string[];
  deniedBy: string[];
  versions: string[];
  endpoints: string[];
  /** RTC501 findings: the region setting that lets sessions route through the vendor's home jurisdiction. */
  residency: string[];
  /** Identifier kinds seen reaching the vendor: session arguments (RTC102), flows to its hosts (RTC301/303). */
  identifiers: string[];
  sessions: number;
  credentials: number;
}

/** Stated in every view: the limits of static analysis for a jurisdiction question. */
export const CONCERN_LIMITS =
  'Static analysis shows what the build contains and can send; it cannot show data volumes, whether a code path runs for a given user, where the vendor stores or processes data, or whether anyone accessed it.';

export function concernEntries(result: ScanResult, rules: RulePack): ConcernEntry[] {
  const findings: Finding[] = result.bundles.flatMap((b) => b.findings);
  const entries = new Map<string, ConcernEntry>();
  for (const f of findings) {
    if (f.ruleId !== 'RTC502' || typeof f.properties.vendor !== 'string') continue;
    const v = rules.vendorById.get(f.properties.vendor);
    if (!v || entries.has(v.id)) continue;
    entries.set(v.id, {
      vendor: v.id,
      name: v.name,
      country: v.jurisdiction.country,
      ...(v.jurisdiction.headquarters ? { headquarters: v.jurisdiction.headquarters } : {}),
      ...(v.jurisdiction.regime ? { regime: v.jurisdiction.regime } : {}),
      ...(v.jurisdiction.notes ? { notes: v.jurisdiction.notes.trim() } : {}),
      sources: v.jurisdiction.sources ?? [],
      deniedBy: Array.isArray(f.properties.deniedBy) ? f.properties.deniedBy : [],
      versions: [],
      endpoints: [],
      residency: [],
      identifiers: [],
      sessions: 0,
      credentials: 0,
    });
  }
  const add = (list: string[], v: unknown) => {
    if (typeof v === 'string' && v && !list.includes(v)) list.push(v);
  };
  for (const f of findings) {
    const p = f.properties;
    const e = typeof p.vendor === 'string' ? entries.get(p.vendor) : undefined;
    if (!e) continue;
    switch (f.ruleId) {
      case 'RTC101':
        add(e.versions, p.version);
        break;
      case 'RTC201':
      case 'RTC203':
        add(e.endpoints, p.host);
        for (const h of Array.isArray(p.vendorHosts) ? p.vendorHosts : []) add(e.endpoints, h);
        break;
      case 'RTC501':
        add(e.residency, `${String(p.reason ?? 'region')}: ${String(p.setting ?? p.api ?? '')}`);
        break;
      case 'RTC102':
        e.sessions++;
        if (p.kind === 'join') for (const r of ['channel', 'uid']) add(e.identifiers, `${r} (session argument)`);
        break;
      case 'RTC301':
      case 'RTC303':
        add(e.identifiers, `${String(p.identifier ?? 'identifier')} (${f.ruleId === 'RTC301' ? 'cleartext' : 'encrypted'} ${String(p.sink ?? 'request')} to ${String(p.host ?? 'the vendor')})`);
        break;
      case 'RTC401':
      case 'RTC402':
      case 'RTC403':
        e.credentials++;
        break;
    }
  }
  for (const e of entries.values()) {
    e.endpoints.sort();
    e.identifiers.sort();
  }
  return [...entries.values()].sort((a, b) => a.vendor.localeCompare(b.vendor));
}

/** Text lines of the view (empty when no vendor is flagged). Values are hostile: the caller's line guard applies. */
export function concernText(entries: ConcernEntry[]): string[] {
  if (!entries.length) return [];
  const out = ['', 'Countries of concern:'];
  for (const e of entries) {
    out.push(`  - ${e.name} (${e.country}${e.regime ? `, ${e.regime}` : ''}${e.headquarters ? `; headquarters ${e.headquarters}` : ''}) — flagged by ${e.deniedBy.join(', ') || 'policy'}`);
    if (e.notes) out.push(`      entity: ${e.notes.replace(/\s+/g, ' ')}`);
    out.push(`      SDK${e.versions.length ? ` ${e.versions.join(', ')}` : ''}; ${e.sessions} session start(s); ${e.endpoints.length} vendor endpoint(s)${e.endpoints.length ? `: ${e.endpoints.slice(0, 5).join(', ')}${e.endpoints.length > 5 ? ', …' : ''}` : ''}`);
    out.push(`      region settings: ${e.residency.length ? e.residency.join('; ') : 'none that keep traffic out of this jurisdiction were found'}`);
    out.push(`      identifiers reaching it: ${e.identifiers.length ? e.identifiers.join('; ') : 'none seen'}${e.credentials ? `; ${e.credentials} credential(s) in the build` : ''}`);
    if (e.sources.length) out.push(`      sources: ${e.sources.join(' ')}`);
  }
  out.push(`  ${CONCERN_LIMITS}`);
  return out;
}
