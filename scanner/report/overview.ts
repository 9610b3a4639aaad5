// What a reader needs first, computed once for every human report (text, HTML): the verdict, the vendors with
// their jurisdiction (a protocol has none), and the counts that matter — sessions, cleartext identifier flows,
// credentials, data residency, policy — before any single finding.
import type { Finding } from '../core/finding.js';
import type { ScanResult } from '../engine/scan.js';
import type { RulePack } from '../rules/pack.js';
import { countryName } from '../jurisdiction/cctld.js';
import { levelOf } from './text.js';

export type Level = 'error' | 'warning' | 'note';

export interface OverviewVendor {
  id: string;
  name: string;
  /** Absent for a protocol (plain WebRTC): it has no operator and no jurisdiction. */
  country?: string;
  regime?: string;
  headquarters?: string;
  protocol: boolean;
  versions: string[];
  routes: string[];
  /** Hosts of the vendor found in the build (its own code and the app's). */
  hosts: number;
  sessions: number;
  /** Identifier kinds that reach this vendor (session arguments, flows to its hosts). */
  identifiers: string[];
}

export interface Overview {
  levels: Record<Level, number>;
  /** `fail` when any error is left, `review` for warnings only, `pass` otherwise. */
  verdict: 'fail' | 'review' | 'pass';
  vendors: OverviewVendor[];
  sessions: number;
  /** RTC301: identifier → cleartext network sink. */
  cleartextFlows: number;
  /** RTC303: identifier → vendor or third party over TLS (still leaves the device). */
  otherFlows: number;
  cleartextEndpoints: number;
  credentials: { appIds: number; secrets: number; tokens: number; tokenlessJoins: number };
  residency: number;
  denied: number;
  /** Artifacts read (files and archive members) over all inputs, as the reports count them everywhere. */
  artifacts: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function overviewOf(result: ScanResult, findings: Finding[], rules: RulePack): Overview {
  const levels: Record<Level, number> = { error: 0, warning: 0, note: 0 };
  const vendors = new Map<string, OverviewVendor>();
  const vendor = (id: string): OverviewVendor | undefined => {
    let v = vendors.get(id);
    if (v) return v;
    const rule = rules.vendorById.get(id);
    if (!rule) return undefined;
    const protocol = rule.entity === 'protocol';
    v = {
      id,
      name: rule.name,
      ...(protocol ? {} : { country: rule.jurisdiction.country, headquarters: rule.jurisdiction.headquarters, ...(rule.jurisdiction.regime ? { regime: rule.jurisdiction.regime } : {}) }),
      protocol,
      versions: [],
      routes: [],
      hosts: 0,
      sessions: 0,
      identifiers: [],
    };
    vendors.set(id, v);
    return v;
  };
  const add = (list: string[], x: unknown) => {
    for (const s of Array.isArray(x) ? x : [x]) if (str(s) && !list.includes(s)) list.push(s);
  };
  const o: Overview = {
    levels,
    verdict: 'pass',
    vendors: [],
    sessions: 0,
    cleartextFlows: 0,
    otherFlows: 0,
    cleartextEndpoints: 0,
    credentials: { appIds: 0, secrets: 0, tokens: 0, tokenlessJoins: 0 },
    residency: 0,
    denied: 0,
    artifacts: result.bundles.reduce((n, b) => n + new Set(b.artifacts.map((a) => a.path)).size, 0),
  };
  for (const f of findings) {
    levels[levelOf(f, rules)]++;
    const p = f.properties;
    const v = str(p.vendor) ? vendor(p.vendor!) : undefined;
    switch (f.ruleId) {
      case 'RTC101':
        if (v) {
          add(v.versions, p.version);
          add(v.versions, p.versions);
          add(v.routes, p.routes);
        }
        break;
      case 'RTC102':
        o.sessions++;
        if (v) {
          v.sessions++;
          if (p.kind === 'join') add(v.identifiers, ['channel', 'uid']);
        }
        break;
      case 'RTC201':
      case 'RTC203':
        if (v) v.hosts += Array.isArray(p.vendorHosts) ? p.vendorHosts.length : 1;
        break;
      case 'RTC301':
        o.cleartextFlows++;
        if (v) add(v.identifiers, p.identifier);
        break;
      case 'RTC303':
        o.otherFlows++;
        if (v) add(v.identifiers, p.identifier);
        break;
      case 'RTC302':
        o.cleartextEndpoints++;
        break;
      case 'RTC401':
        o.credentials.appIds++;
        break;
      case 'RTC402':
        o.credentials.secrets++;
        break;
      case 'RTC403':
        o.credentials.tokens++;
        break;
      case 'RTC404':
        o.credentials.tokenlessJoins++;
        break;
      case 'RTC501':
        o.residency++;
        break;
      case 'RTC502':
        o.denied++;
        break;
    }
  }
  // Only vendors whose SDK is bundled or whose hosts/sessions are found are listed; every one has an RTC101 or more.
  o.vendors = [...vendors.values()].sort((a, b) => Number(a.protocol) - Number(b.protocol) || a.name.localeCompare(b.name));
  for (const v of o.vendors) v.identifiers.sort();
  o.verdict = levels.error ? 'fail' : levels.warning ? 'review' : 'pass';
  return o;
}

/** `China (CN), PRC law` or `an open protocol, no jurisdiction`. */
export function jurisdictionLabel(v: OverviewVendor): string {
  if (v.protocol || !v.country) return 'an open protocol, no jurisdiction of its own';
  const name = countryName(v.country);
  return `${name === v.country ? v.country : `${name} (${v.country})`}${v.regime ? `, ${v.regime} law` : ''}`;
}

export const VERDICT_TEXT: Record<Overview['verdict'], string> = {
  fail: 'Errors to fix: identifiers or credentials are exposed.',
  review: 'Warnings to review; no errors.',
  pass: 'Nothing to act on: notes only.',
};
