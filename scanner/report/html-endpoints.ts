// Endpoints grouped by the vendor that owns each host, one <details> per vendor (closed: a vendor's own SDK can
// name hundreds of hosts), app-code hosts first and open. Hosts listed by a grouped RTC201 (a vendor's own code)
// appear in their owner's group, marked as SDK code.
import type { Finding, Location } from '../core/finding.js';
import type { VendorRule } from '../rules/schema.js';
import { html, join, Raw } from './html-escape.js';
import { country, location, section, type HtmlContext } from './html-parts.js';

const ENDPOINT_RULES = new Set(['RTC201', 'RTC202', 'RTC203']);

interface Row {
  host: string;
  vendor?: VendorRule;
  ruleId: string;
  occurrences: number;
  where: Location;
  /** Whose own code holds the host (`Agora SDK`, a dependency's package), for hosts listed by a grouped result. */
  inCodeOf?: string;
  countryCell: Raw;
}

export function endpointsSection(ctx: HtmlContext): Raw {
  const rows: Row[] = [];
  for (const f of ctx.findings.filter((x) => ENDPOINT_RULES.has(x.ruleId))) {
    const p = f.properties;
    if (f.listsRelated && Array.isArray(p.hosts)) {
      const owner = typeof p.vendor === 'string' ? ctx.rules.vendorById.get(p.vendor) : undefined;
      // A vendor SDK's own code, or a non-RTC dependency's (RTC202 `dependency`).
      const inCodeOf = owner ? `${owner.name} SDK` : typeof p.dependency === 'string' ? p.dependency : undefined;
      p.hosts.forEach((host, i) => {
        const v = ctx.rules.vendorForHost(host.replace(/^\*/, '')) ?? (host.startsWith('*') ? owner : undefined);
        const at = f.related?.[i] ?? f.location;
        const times = /×(\d+)$/.exec(at.message ?? '')?.[1];
        rows.push({ host, vendor: v, ruleId: f.ruleId, occurrences: times ? Number(times) : 1, where: at, inCodeOf, countryCell: countryOf(f, v) });
      });
      continue;
    }
    const v = typeof p.vendor === 'string' ? ctx.rules.vendorById.get(p.vendor) : undefined;
    rows.push({ host: String(p.host), vendor: v, ruleId: f.ruleId, occurrences: typeof p.occurrences === 'number' ? p.occurrences : 1, where: f.location, countryCell: countryOf(f, v) });
  }
  if (!rows.length) return section('endpoints', 'Endpoints', '', undefined, 'No hardcoded endpoints.');
  const groups = new Map<string, { title: string; rows: Row[]; vendor?: VendorRule }>();
  for (const r of rows) {
    const key = r.vendor && r.vendor.entity !== 'protocol' ? r.vendor.id : '';
    const g = groups.get(key) ?? { title: key ? r.vendor!.name : 'Hosts of no RTC vendor (the app’s back-ends and third parties)', rows: [], vendor: key ? r.vendor : undefined };
    g.rows.push(r);
    groups.set(key, g);
  }
  // App-code hosts first (they are what the app chose), then vendors by name.
  const ordered = [...groups].sort(([a, x], [b, y]) => (a === '' ? -1 : b === '' ? 1 : x.title.localeCompare(y.title)));
  const blocks = ordered.map(([key, g]) => {
    const inSdk = g.rows.filter((r) => r.inCodeOf).length;
    const v = g.vendor;
    const head = html`<summary><b>${g.title}</b>${v ? html` — ${country(v.jurisdiction.country)}${v.jurisdiction.regime ? `, ${v.jurisdiction.regime} law` : ''}` : ''} <span class="muted">· ${g.rows.length} host(s)${inSdk ? `, ${inSdk} in SDK code` : ''}</span></summary>`;
    const body = g.rows
      .sort((a, b) => Number(!!a.inCodeOf) - Number(!!b.inCodeOf) || a.host.localeCompare(b.host))
      .map((r) => html`<tr class="endpoint-row"><td class="mono">${r.host}</td><td>${r.inCodeOf ? html`<span class="muted">${r.inCodeOf} code</span>` : 'app code'}</td><td>${r.countryCell}</td><td>${r.occurrences}</td><td class="nowrap">${r.ruleId}</td><td>${location(r.where)}</td></tr>`);
    // App-code hosts and small groups open; a vendor SDK's long own list closed.
    const open = key === '' || g.rows.length - inSdk > 0 || g.rows.length <= 5;
    return html`<details class="vendor-endpoints" data-vendor="${key || 'none'}"${open ? new Raw(' open') : ''}>${head}<table><thead><tr><th>Host</th><th>In</th><th>Country (source)</th><th>Seen</th><th>Rule</th><th>First location</th></tr></thead><tbody>${body}</tbody></table></details>`;
  });
  return section('endpoints', 'Endpoints', 'Hardcoded hosts and IP addresses by the vendor that owns them (RTC201 vendor-owned, RTC202 unattributed, RTC203 IP literals). A vendor SDK’s own hosts are listed under it, marked “SDK code”.', join(blocks, '\n'), '');
}

/** The vendor's headquarters for its hosts; the registry country for IP literals; the TLD's country as a hint. */
function countryOf(f: Finding, v: VendorRule | undefined): Raw {
  const p = f.properties;
  const ip = f.ruleId === 'RTC203' ? (typeof (v ? p.ipCountry : p.country) === 'string' ? String(v ? p.ipCountry : p.country) : undefined) : undefined;
  if (ip) return html`${country(ip)} <span class="muted">(IP registry)</span>`;
  if (v && v.entity !== 'protocol') return html`${country(v.jurisdiction.country)} <span class="muted">(vendor HQ)</span>`;
  if (!f.listsRelated && typeof p.countryHint === 'string') return html`${country(p.countryHint)} <span class="muted">(TLD hint)</span>`;
  return html`<span class="muted">not known (generic TLD, no vendor)</span>`;
}
