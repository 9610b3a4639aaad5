// The report's only stylesheet, inlined so the file reads the same offline, from an e-mail or an archive.
// Full page width (tables of hosts and positions need it), badges that never break, and a print layout.
export const HTML_STYLE = `
:root { color-scheme: light; --fg:#1d2330; --muted:#5b6475; --line:#d9dee7; --bg:#ffffff; --panel:#f6f8fb;
  --error:#b3261e; --warning:#9a6700; --note:#3b5bdb; --ok:#1e7a34; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg); background: var(--bg); }
main { width: 100%; margin: 0; padding: 20px clamp(12px, 2.5vw, 40px); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 16px 0 6px; }
p.lead, .muted { color: var(--muted); }
code, .mono { font: 12.5px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; table-layout: auto; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; }
td { overflow-wrap: anywhere; }
td.nowrap, td:first-child:has(> .level:only-child) { white-space: nowrap; }
td.rule { white-space: nowrap; font-size: 12.5px; }
td.rule b { font-size: 14px; }
.verdict { margin: 10px 0; padding: 10px 14px; border-radius: 6px; border: 1px solid var(--line); font-size: 15px; }
.verdict b { display: inline-block; min-width: 64px; }
.verdict-fail { background: #fdecea; border-color: var(--error); } .verdict-fail b { color: var(--error); }
.verdict-review { background: #fff6e0; border-color: var(--warning); } .verdict-review b { color: var(--warning); }
.verdict-pass { background: #e9f6ec; border-color: var(--ok); } .verdict-pass b { color: var(--ok); }
.verdict-counts { color: var(--muted); margin-left: 8px; white-space: nowrap; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 120px; }
.card b { display: block; font-size: 22px; }
ul.facts { display: flex; flex-wrap: wrap; gap: 6px 18px; list-style: none; padding: 0; margin: 4px 0 12px; }
.fact b { font-size: 16px; } .fact-some b { color: var(--error); } .fact-sessions b { color: var(--fg); }
/* A badge is one word: it never wraps and keeps its width in any column. */
.level { display: inline-block; white-space: nowrap; word-break: keep-all; overflow-wrap: normal; flex: none; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 600; color: #fff; }
.level-error { background: var(--error); } .level-warning { background: var(--warning); } .level-note { background: var(--note); }
.state { font-size: 12px; border: 1px solid var(--muted); border-radius: 4px; padding: 0 4px; white-space: nowrap; } .state-new { font-weight: 600; }
tr.suppressed td { opacity: .65; }
.flow { border: 1px solid var(--line); border-left: 4px solid var(--error); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.flow ol { margin: 6px 0 0; padding-left: 22px; }
.flow li { margin: 4px 0; }
.where { color: var(--muted); }
.snippet { display: block; background: var(--panel); padding: 2px 6px; margin-top: 2px; white-space: pre-wrap; }
details { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; padding: 0 10px; }
details > summary { cursor: pointer; padding: 8px 0; }
details[open] > summary { border-bottom: 1px solid var(--line); margin-bottom: 6px; }
figure.flowmap { margin: 8px 0 4px; }
figure.flowmap svg { display: block; width: 100%; height: auto; max-height: 80vh; }
.flowmap .node rect { fill: var(--panel); stroke: #8a94a6; stroke-width: 1; }
.flowmap .node-app rect { fill: #e7ecf7; stroke: #3b5bdb; }
.flowmap .node-vendor rect { fill: #fff; stroke: #1d2330; }
.flowmap .node-host rect { fill: #fff; stroke: #8a94a6; stroke-dasharray: 4 3; }
.flowmap .node-ids rect { fill: #f2f4f8; }
.flowmap .node-cleartext rect, .flowmap .node.cleartext rect { fill: #fdecea; stroke: var(--error); }
.flowmap .node-label { font: 600 13px system-ui, sans-serif; fill: var(--fg); }
.flowmap .node-sub { font: 11px system-ui, sans-serif; fill: var(--muted); }
.flowmap .edge { fill: none; stroke: #5b6475; stroke-width: 1.6; }
.flowmap .edge.cleartext { stroke: var(--error); stroke-width: 2.2; stroke-dasharray: 7 4; }
.flowmap .edge-label { font: 600 11px system-ui, sans-serif; fill: var(--error); }
.flowmap .arrowhead { fill: #5b6475; }
ul.tree, ul.tree ul { list-style: none; margin: 0; padding-left: 18px; }
ul.tree { padding-left: 0; }
ul.tree li { margin: 2px 0; }
ul.tree .fmt { display: inline-block; min-width: 64px; color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  @page { margin: 12mm; }
  body { font-size: 11px; }
  main { padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; }
  .flow, tr, figure.flowmap { break-inside: avoid; }
  .verdict, .level, .card, .flowmap rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  /* Closed sections print open: paper cannot be clicked. */
  details::details-content { content-visibility: visible; display: contents; }
  details > summary { border-bottom: 1px solid var(--line); }
  code, .mono { font-size: 10px; }
}
`;
