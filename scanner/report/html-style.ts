// The report's only stylesheet, inlined so the file reads the same offline, from an e-mail or an archive.
export const HTML_STYLE = `
:root { color-scheme: light; --fg:#1d2330; --muted:#5b6475; --line:#d9dee7; --bg:#ffffff; --panel:#f6f8fb;
  --error:#b3261e; --warning:#9a6700; --note:#3b5bdb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 16px 0 6px; }
p.lead, .muted { color: var(--muted); }
code, .mono { font: 12.5px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; }
td { overflow-wrap: anywhere; }
td.nowrap { white-space: nowrap; }
td.rule { white-space: nowrap; font-size: 12.5px; }
td.rule b { font-size: 14px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 120px; }
.card b { display: block; font-size: 22px; }
.level { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 600; color: #fff; }
.level-error { background: var(--error); } .level-warning { background: var(--warning); } .level-note { background: var(--note); }
.state { font-size: 12px; border: 1px solid var(--muted); border-radius: 4px; padding: 0 4px; } .state-new { font-weight: 600; }
tr.suppressed td { opacity: .65; }
.flow { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.flow ol { margin: 6px 0 0; padding-left: 22px; }
.flow li { margin: 4px 0; }
.where { color: var(--muted); }
.snippet { display: block; background: var(--panel); padding: 2px 6px; margin-top: 2px; white-space: pre-wrap; }
ul.tree, ul.tree ul { list-style: none; margin: 0; padding-left: 18px; }
ul.tree { padding-left: 0; }
ul.tree li { margin: 2px 0; }
ul.tree .fmt { display: inline-block; min-width: 64px; color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
`;
