// The HTML report: one self-contained page for people who read rather than parse. No scripts, no external assets,
// and a Content-Security-Policy that forbids both, so even a bundle string that slipped past escaping could neither
// run nor phone home.
import type { Notice } from '../core/facts.js';
import type { Finding } from '../core/finding.js';
import type { BundleResult, ScanResult } from '../engine/scan.js';
import type { ArtifactRecord } from '../input/artifact.js';
import type { RulePack } from '../rules/pack.js';
import { ATTRIBUTION as IP_DATA_ATTRIBUTION } from '../jurisdiction/ip-country.js';
import { html, join, Raw } from './html-escape.js';
import { HTML_STYLE } from './html-style.js';
import { filesLine, formatBytes, levelOf } from './text.js';
import { country, LEVELS, levelBadge, location, section, sortByLevel, type HtmlContext, type HtmlSection } from './html-parts.js';
import { endpointsSection } from './html-endpoints.js';
import { flowMap } from './html-flowmap.js';
import { overviewOf, VERDICT_TEXT } from './overview.js';
import { TOOL } from './tool.js';
import { concernSection } from './html-concern.js';
import { splitSuppressed, type ReportTriage } from './triage.js';

const TRANSPORT_RULES = new Set(['RTC311', 'RTC312', 'RTC313']);
/** Artifacts listed per bundle; an APK can hold tens of thousands of members. */
const MAX_TREE_NODES = 5000;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * The page's sections in order: verdict and errors first, the picture, then the detail an auditor digs into.
 * Another view (e.g. a countries-of-concern section) plugs in by adding an HtmlSection here.
 */
export const HTML_SECTIONS: HtmlSection[] = [
  { id: 'summary', title: 'Summary', render: summary },
  { id: 'dataflow', title: 'Data flow', render: (ctx) => section('dataflow', 'Data flow', 'Where the app’s traffic goes and which identifiers travel there.', flowMap(ctx), '') },
  { id: 'flows', title: 'Errors and warnings', render: issues },
  { id: 'concern', title: 'Countries of concern', render: (ctx) => concernSection(ctx.result, ctx.rules) },
  { id: 'endpoints', title: 'Endpoints', render: endpointsSection },
  { id: 'transport', title: 'Transport policy', render: (ctx) => section('transport', 'Transport policy', 'App-wide cleartext permissions (iOS App Transport Security, Android cleartext and network security config).', findingsTable(ctx.findings.filter((f) => TRANSPORT_RULES.has(f.ruleId)), ctx.rules, ctx.triage), 'No transport-policy findings.') },
  { id: 'credentials', title: 'Credentials', render: (ctx) => section('credentials', 'Credentials', 'Secrets, tokens and App IDs found in the bundle, masked as the findings give them.', findingsTable(ctx.findings.filter((f) => f.properties.category === 'credential'), ctx.rules, ctx.triage), 'No credentials found.') },
  { id: 'findings', title: 'All findings', render: allFindings },
  { id: 'notifications', title: 'Notifications', render: (ctx) => notifications(ctx.result.bundles.flatMap((b) => b.notices)) },
  { id: 'artifacts', title: 'Artifacts', render: (ctx) => artifacts(ctx.result.bundles) },
];

export function toHtml(result: ScanResult, rules: RulePack, triage: ReportTriage = {}, sections: HtmlSection[] = HTML_SECTIONS): string {
  // Accepted (suppressed) findings appear only in "All findings", after the rest; counts and sections show what
  // is left to act on.
  const { active: findings, suppressed } = splitSuppressed(
    result.bundles.flatMap((b) => b.findings),
    triage,
  );
  const ctx: HtmlContext = { result, rules, triage, findings, suppressed, overview: overviewOf(result, findings, rules) };
  const usesIpData = findings.some((f) => ipCountryOf(f) !== undefined);
  const o = ctx.overview;
  // A section with nothing to say (e.g. no vendor a policy flags) renders empty and gets no link.
  const rendered = sections.map((sec) => ({ sec, body: sec.render(ctx) })).filter((r) => String(r.body) !== '');
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${TOOL.name} report: ${result.bundles.map((b) => b.input).join(', ')}</title>
<style>${new Raw(HTML_STYLE)}</style>
</head>
<body>
<main>
<header class="page-head">
<h1>${TOOL.name} report</h1>
<p class="lead">${TOOL.name} ${TOOL.version} · ${filesLine(result.files, o.artifacts)}, ${formatBytes(result.bytes)} from ${result.bundles.length} input(s)</p>
<p id="verdict" class="verdict verdict-${o.verdict}"><b>${o.verdict.toUpperCase()}</b> ${VERDICT_TEXT[o.verdict]} <span class="verdict-counts">${o.levels.error} error · ${o.levels.warning} warning · ${o.levels.note} note</span></p>
<nav class="muted">${join(
    rendered.map(({ sec }) => html`<a href="#${sec.id}">${sec.title}</a>`),
    ' · ',
  )}</nav>
</header>
${join(rendered.map((r) => r.body), '\n')}
<footer>Generated by ${TOOL.name} ${TOOL.version}. Positions are 1-based lines and columns for text, byte offsets (0x…) for binaries; “source” is the original position a source map traced back to.${usesIpData ? html`<br>${IP_DATA_ATTRIBUTION}` : ''}</footer>
</main>
</body>
</html>
`;
  return page.html;
}

function summary(ctx: HtmlContext): Raw {
  const { result, findings, rules, suppressed, overview: o } = ctx;
  const baseline = ctx.triage.baseline;
  const vendors = new Map<string, { routes: Set<string>; version?: string }>();
  for (const f of findings) {
    if (f.ruleId !== 'RTC101' || !f.properties.vendor) continue;
    const entry = vendors.get(f.properties.vendor) ?? { routes: new Set<string>() };
    const routes = f.properties.routes;
    for (const r of Array.isArray(routes) ? routes : routes ? [String(routes)] : []) entry.routes.add(r);
    if (typeof f.properties.version === 'string') entry.version ??= f.properties.version;
    vendors.set(f.properties.vendor, entry);
  }
  const vendorRows = [...vendors].sort(([a], [b]) => a.localeCompare(b)).map(([id, v]) => {
    const rule = rules.vendorById.get(id);
    const j = rule?.jurisdiction;
    const protocol = rule?.entity === 'protocol';
    return html`<tr class="vendor-row"><td>${rule?.name ?? id}${v.version ? html` <span class="muted">${v.version}</span>` : ''}</td><td>${protocol ? html`<span class="muted">none: an open protocol, servers are whoever the app configures</span>` : j ? country(j.country) : ''}</td><td>${protocol ? '' : j?.headquarters}</td><td>${protocol ? '' : j?.regime ?? ''}</td><td class="mono">${[...v.routes].sort().join(', ')}</td></tr>`;
  });
  const inputs = result.bundles.map(
    (b) => html`<li><code>${b.input}</code> — ${new Set(b.artifacts.map((a) => a.path)).size} artifact(s) with the archives that hold them, ${b.findings.length} finding(s)${b.fatal ? html` — <b>could not be read:</b> ${b.fatal.message}` : ''}</li>`,
  );
  const c = o.credentials;
  const facts: Array<[string, number, string]> = [
    ['sessions', o.sessions, 'session start(s) in app code'],
    ['cleartext-flows', o.cleartextFlows, 'identifier flow(s) in cleartext'],
    ['cleartext-endpoints', o.cleartextEndpoints, 'cleartext endpoint(s)'],
    ['credentials', c.appIds + c.secrets + c.tokens, 'credential(s) in the build'],
    ['residency', o.residency, 'data-residency finding(s)'],
    ['denied', o.denied, 'denied by the policy'],
  ];
  return html`<section id="summary">
<h2>Summary</h2>
<div class="cards">${LEVELS.map((l) => html`<div class="card count-${l}"><b>${o.levels[l]}</b><span class="level level-${l}">${l}</span></div>`)}<div class="card"><b>${vendors.size}</b>RTC vendor(s)</div>${suppressed.length ? html`<div class="card count-suppressed"><b>${suppressed.length}</b>suppressed</div>` : ''}</div>
<ul class="facts">${facts.map(([id, n, label]) => html`<li class="fact fact-${id}${n ? ' fact-some' : ''}"><b>${n}</b> ${label}</li>`)}</ul>${baseline ? html`
<p class="baseline">Against the baseline: ${baseline.new} new, ${baseline.unchanged} unchanged, ${baseline.updated} updated, ${baseline.absent} absent.</p>` : ''}
<h3>RTC vendors found</h3>
${vendorRows.length ? html`<table id="vendors"><thead><tr><th>Vendor</th><th>Jurisdiction</th><th>Headquarters</th><th>Regime</th><th>Found by</th></tr></thead><tbody>${vendorRows}</tbody></table>` : html`<p class="empty">No RTC SDK found.</p>`}
<h3>Inputs</h3>
<ul>${inputs}</ul>
</section>`;
}

/** Errors and warnings, most severe first: identifier flows step by step, then the rest in a table. */
function issues(ctx: HtmlContext): Raw {
  const { findings, rules, triage } = ctx;
  const serious = sortByLevel(findings.filter((f) => levelOf(f, rules) !== 'note'), rules);
  const withFlow = serious.filter((f) => f.flow?.length).map(
    (f) => html`<div class="flow">
<div>${levelBadge(levelOf(f, rules))} <b>${f.ruleId}</b> ${f.message}</div>
<div class="where">at ${location(f.location)}</div>
<ol>${f.flow!.map((s) => html`<li>${s.message}<br><span class="where">${location(s)}</span></li>`)}</ol>
</div>`,
  );
  const rest = findingsTable(serious.filter((f) => !f.flow?.length), rules, triage);
  const body = withFlow.length || rest ? html`${withFlow.length ? html`<h3>Identifier flows</h3>${join(withFlow, '\n')}` : ''}${rest ? html`<h3 id="issues">Other errors and warnings</h3>${rest}` : ''}` : undefined;
  return section('flows', 'Errors and warnings', 'What to act on, most severe first: user and room identifiers traced from their source to a network sink, then every other error and warning.', body, 'No errors or warnings.');
}

function allFindings(ctx: HtmlContext): Raw {
  const { findings, suppressed, rules, triage } = ctx;
  const table = findingsTable([...sortByLevel(findings, rules), ...sortByLevel(suppressed, rules)], rules, triage);
  return section('findings', 'All findings', `Every finding, notes included, most severe first${suppressed.length ? '; suppressed ones (accepted in the config) last' : ''}.`, table ? html`<details class="all-findings"><summary>${findings.length + suppressed.length} finding(s)</summary>${table}</details>` : undefined, 'No findings.');
}

function findingsTable(list: Finding[], rules: RulePack, triage: ReportTriage): Raw | undefined {
  if (!list.length) return undefined;
  const rows = list.map((f) => {
    const rule = rules.checkById.get(f.ruleId);
    const accepted = triage.suppression?.(f);
    const state = triage.baselineState?.(f);
    return html`<tr class="finding-row${accepted ? ' suppressed' : ''}"><td>${levelBadge(levelOf(f, rules))}</td><td class="rule"><b>${f.ruleId}</b>${state ? html` <span class="state state-${state}">${state}</span>` : ''}<br><span class="muted">${rule?.name ?? ''}</span></td><td>${f.message}${accepted ? html`<br><span class="muted">Suppressed: ${accepted.justification ?? ''}</span>` : ''}</td><td>${location(f.location)}</td></tr>`;
  });
  return html`<table><thead><tr><th>Level</th><th>Rule</th><th>Message</th><th>Location</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function notifications(notices: Notice[]): Raw {
  const rows = notices.map((n) => html`<tr class="notice-row"><td>${levelBadge(n.level)}</td><td class="mono">${n.id}</td><td class="mono">${n.artifact ?? ''}</td><td>${n.message}</td></tr>`);
  return section(
    'notifications',
    'Notifications',
    'What could not be read, and why. Findings may be missing for these parts.',
    rows.length ? html`<table><thead><tr><th>Level</th><th>Id</th><th>Artifact</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table>` : undefined,
    'Everything was read.',
  );
}

/** Each bundle's artifacts as a tree: archives contain their members (parent links from the input layer). */
function artifacts(bundles: BundleResult[]): Raw {
  const trees = bundles.map((b) => {
    const byPath = new Map<string, ArtifactRecord>();
    for (const a of b.artifacts) byPath.set(a.path, { ...byPath.get(a.path), ...a });
    const children = new Map<string | undefined, ArtifactRecord[]>();
    for (const a of byPath.values()) {
      const parent = a.parent !== undefined && byPath.has(a.parent) && a.parent !== a.path ? a.parent : undefined;
      const list = children.get(parent) ?? [];
      list.push(a);
      children.set(parent, list);
    }
    let budget = MAX_TREE_NODES;
    const seen = new Set<string>();
    const render = (parent: string | undefined): Raw => {
      const list = (children.get(parent) ?? []).sort((x, y) => x.path.localeCompare(y.path));
      const items: Raw[] = [];
      for (const a of list) {
        if (budget <= 0 || seen.has(a.path)) continue;
        seen.add(a.path);
        budget--;
        const name = parent !== undefined && a.path.startsWith(`${parent}!/`) ? a.path.slice(parent.length + 2) : a.path;
        const sub = children.has(a.path) ? render(a.path) : undefined;
        items.push(html`<li class="artifact"><span class="fmt">${a.format}</span> <code>${name}</code> <span class="muted">${formatBytes(a.size)}</span>${sub ? html`<ul>${sub}</ul>` : ''}</li>`);
      }
      return join(items, '\n');
    };
    const tree = render(undefined);
    const cut = byPath.size > MAX_TREE_NODES ? html`<p class="muted">Showing ${MAX_TREE_NODES} of ${byPath.size} artifacts.</p>` : '';
    // Closed: an APK can list thousands of members; the summary line says how many.
    return html`<details class="artifact-tree"><summary><code>${b.input}</code> <span class="muted">· ${byPath.size} artifact(s)</span></summary>${byPath.size ? html`<ul class="tree">${tree}</ul>${cut}` : html`<p class="empty">No artifacts were read.</p>`}</details>`;
  });
  return section('artifacts', 'Artifacts', 'What was looked at in each input: archives and their members, with the format recognised and the size.', join(trees, '\n'), '');
}

/** Country of an IP literal's registration: `ipCountry` on vendor-owned RTC203, `country` on unattributed ones. */
function ipCountryOf(f: Finding): string | undefined {
  if (f.ruleId !== 'RTC203') return undefined;
  const c = f.properties.vendor ? f.properties.ipCountry : f.properties.country;
  return typeof c === 'string' ? c : undefined;
}




