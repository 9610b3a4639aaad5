// The data-flow picture: the app, where its traffic goes (each RTC vendor with its country, or the hosts app code
// sends identifiers to) and which identifiers travel there; cleartext edges drawn red and dashed. Inline SVG, no
// script, sized by its viewBox so it fills the page width and prints.
import type { Finding } from '../core/finding.js';
import { html, join, Raw } from './html-escape.js';
import type { HtmlContext } from './html-parts.js';
import { jurisdictionLabel } from './overview.js';

interface Destination {
  key: string;
  label: string;
  sub: string;
  identifiers: Set<string>;
  cleartext: boolean;
  kind: 'vendor' | 'protocol' | 'host';
}

const ROW = 64;
const BOX_H = 46;
const W = 1000;
const COL = { app: 20, dest: 330, ids: 720 } as const;
const BOX_W = { app: 170, dest: 300, ids: 260 } as const;

export function destinations(ctx: HtmlContext): Destination[] {
  const out = new Map<string, Destination>();
  for (const v of ctx.overview.vendors) {
    out.set(`vendor:${v.id}`, { key: `vendor:${v.id}`, label: v.name, sub: jurisdictionLabel(v), identifiers: new Set(v.identifiers), cleartext: false, kind: v.protocol ? 'protocol' : 'vendor' });
  }
  const flows = ctx.findings.filter((f: Finding) => f.ruleId === 'RTC301' || f.ruleId === 'RTC303');
  for (const f of flows) {
    const p = f.properties;
    const vendor = typeof p.vendor === 'string' ? out.get(`vendor:${p.vendor}`) : undefined;
    const host = typeof p.host === 'string' ? p.host : 'unknown host';
    const d = vendor ?? out.get(`host:${host}`) ?? { key: `host:${host}`, label: host, sub: 'not an RTC vendor: the app’s back-end or a third party', identifiers: new Set<string>(), cleartext: false, kind: 'host' as const };
    out.set(d.key, d);
    if (typeof p.identifier === 'string') d.identifiers.add(p.identifier);
    if (f.ruleId === 'RTC301') d.cleartext = true;
  }
  return [...out.values()];
}

export function flowMap(ctx: HtmlContext): Raw {
  const dests = destinations(ctx);
  if (!dests.length) return html`<p class="empty">No RTC vendor and no identifier flow found: nothing to draw.</p>`;
  const height = Math.max(1, dests.length) * ROW + 40;
  const appY = height / 2 - BOX_H / 2;
  const rowY = (i: number) => 20 + i * ROW + (ROW - BOX_H) / 2;
  const nodes: Raw[] = [];
  const edges: Raw[] = [];
  nodes.push(node('app', COL.app, appY, BOX_W.app, 'The app', 'code in this build', 'app'));
  dests.forEach((d, i) => {
    const y = rowY(i);
    const cls = d.cleartext ? 'edge cleartext' : 'edge';
    const x1 = COL.app + BOX_W.app;
    const y1 = appY + BOX_H / 2;
    const y2 = y + BOX_H / 2;
    edges.push(html`<path class="${cls}" data-edge="${d.key}" d="M${x1},${y1} C${x1 + 70},${y1} ${COL.dest - 70},${y2} ${COL.dest},${y2}" marker-end="url(#arrow)"/>`);
    if (d.cleartext) edges.push(html`<text class="edge-label" x="${COL.dest - 8}" y="${y2 - 6}" text-anchor="end">cleartext</text>`);
    nodes.push(node(d.key, COL.dest, y, BOX_W.dest, d.label, d.sub, d.cleartext ? `${d.kind} cleartext` : d.kind));
    const ids = [...d.identifiers].sort();
    if (ids.length) {
      edges.push(html`<path class="${cls}" d="M${COL.dest + BOX_W.dest},${y2} L${COL.ids},${y2}" marker-end="url(#arrow)"/>`);
      nodes.push(node(`ids:${d.key}`, COL.ids, y, BOX_W.ids, ids.join(', '), d.cleartext ? 'identifiers, some in cleartext' : 'identifiers sent', d.cleartext ? 'ids cleartext' : 'ids'));
    }
  });
  return html`<figure class="flowmap"><svg role="img" aria-labelledby="flowmap-title" viewBox="0 0 ${W} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="flowmap-title">Data flow: the app, the vendors and hosts it talks to, and the identifiers it sends them</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>
${join(edges, '\n')}
${join(nodes, '\n')}
</svg><figcaption class="muted">Red dashed edges carry identifiers in cleartext (RTC301). Vendors are shown with their headquarters’ country; an open protocol has none. Edges show what the build contains and can send, not traffic observed.</figcaption></figure>`;
}

function node(key: string, x: number, y: number, w: number, label: string, sub: string, kind: string): Raw {
  const max = Math.floor(w / 7.4);
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  return html`<g class="node node-${kind}" data-node="${key}"><title>${label} — ${sub}</title><rect x="${x}" y="${y}" width="${w}" height="${BOX_H}" rx="6"/><text x="${x + 10}" y="${y + 19}" class="node-label">${cut(label, max)}</text><text x="${x + 10}" y="${y + 36}" class="node-sub">${cut(sub, Math.floor(w / 6.2))}</text></g>`;
}
