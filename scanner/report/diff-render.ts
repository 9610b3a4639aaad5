// Renderings of a release diff: text for terminals and CI logs, markdown for a pull-request comment or
// $GITHUB_STEP_SUMMARY, HTML for auditors, JSON for scripts. Items are capped per section so a comment stays within
// GitHub's 65,536-character limit; the counts always tell the whole.
import { countChanges, type DiffItem, type ReleaseDiff } from './diff.js';
import { esc } from './html-escape.js';
import { oneLine as visibleText } from './escape.js';

/** Items listed per section and direction; the rest is counted. */
export const DIFF_LIST_CAP = 50;
const MESSAGE_CAP = 240;

function short(message: string): string {
  return message.length > MESSAGE_CAP ? `${message.slice(0, MESSAGE_CAP - 1)}…` : message;
}

/** Markdown code span that no backtick run, newline or control character in the text can close or break. */
export function codeSpan(text: string): string {
  const t = visibleText(short(text));
  let fence = '`';
  for (const run of t.match(/`+/g) ?? []) if (run.length >= fence.length) fence = '`'.repeat(run.length + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || t.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

function headline(diff: ReleaseDiff): string {
  const c = countChanges(diff);
  return `${c.appeared} appeared, ${c.disappeared} went away, ${c.unchanged} unchanged`;
}

function itemLine(i: DiffItem, render: (s: string) => string): string {
  const tags = [i.level, i.ruleId, i.vendor, i.country, i.suppressed ? 'suppressed' : undefined].filter(Boolean).join(', ');
  return `[${tags}] ${render(i.message)}`;
}

export function diffToText(diff: ReleaseDiff): string {
  const out: string[] = [];
  out.push(`rtcscan release diff: ${visibleText(diff.old.file)} -> ${visibleText(diff.new.file)}`);
  out.push(`  ${headline(diff)}`);
  if (diff.vendors.appeared.length) out.push(`  vendors added: ${diff.vendors.appeared.map(visibleText).join(', ')}`);
  if (diff.vendors.disappeared.length) out.push(`  vendors removed: ${diff.vendors.disappeared.map(visibleText).join(', ')}`);
  if (diff.jurisdictions.appeared.length) out.push(`  endpoint jurisdictions added: ${diff.jurisdictions.appeared.map(visibleText).join(', ')}`);
  if (diff.jurisdictions.disappeared.length) out.push(`  endpoint jurisdictions removed: ${diff.jurisdictions.disappeared.map(visibleText).join(', ')}`);
  for (const s of diff.sections) {
    if (!s.appeared.length && !s.disappeared.length) continue;
    out.push('', `${s.title}: +${s.appeared.length} -${s.disappeared.length} (=${s.unchanged})`);
    for (const [sign, items] of [['+', s.appeared], ['-', s.disappeared]] as const) {
      for (const i of items.slice(0, DIFF_LIST_CAP)) out.push(`  ${sign} ${itemLine(i, (m) => visibleText(short(m)))}`);
      if (items.length > DIFF_LIST_CAP) out.push(`  ${sign} … and ${items.length - DIFF_LIST_CAP} more`);
    }
  }
  return out.join('\n') + '\n';
}

export function diffToMarkdown(diff: ReleaseDiff): string {
  const out: string[] = [];
  out.push('### rtcscan release diff', '');
  out.push(`${codeSpan(diff.old.file)} → ${codeSpan(diff.new.file)}: **${headline(diff)}**`, '');
  const facts: string[] = [];
  if (diff.vendors.appeared.length) facts.push(`- Vendors added: ${diff.vendors.appeared.map(codeSpan).join(', ')}`);
  if (diff.vendors.disappeared.length) facts.push(`- Vendors removed: ${diff.vendors.disappeared.map(codeSpan).join(', ')}`);
  if (diff.jurisdictions.appeared.length) facts.push(`- Endpoint jurisdictions added: ${diff.jurisdictions.appeared.map(codeSpan).join(', ')}`);
  if (diff.jurisdictions.disappeared.length) facts.push(`- Endpoint jurisdictions removed: ${diff.jurisdictions.disappeared.map(codeSpan).join(', ')}`);
  if (facts.length) out.push(...facts, '');
  out.push('| | appeared | went away | unchanged |', '|---|---:|---:|---:|');
  for (const s of diff.sections) out.push(`| ${s.title} | ${s.appeared.length} | ${s.disappeared.length} | ${s.unchanged} |`);
  for (const s of diff.sections) {
    if (!s.appeared.length && !s.disappeared.length) continue;
    out.push('', `#### ${s.title}`, '');
    for (const [label, items] of [['Appeared', s.appeared], ['Went away', s.disappeared]] as const) {
      if (!items.length) continue;
      out.push(`<details${label === 'Appeared' ? ' open' : ''}><summary>${label} (${items.length})</summary>`, '');
      for (const i of items.slice(0, DIFF_LIST_CAP)) out.push(`- ${itemLine(i, codeSpan)}`);
      if (items.length > DIFF_LIST_CAP) out.push(`- … and ${items.length - DIFF_LIST_CAP} more`);
      out.push('', '</details>');
    }
  }
  return out.join('\n') + '\n';
}

export function diffToJson(diff: ReleaseDiff): string {
  return JSON.stringify({ ...diff, counts: countChanges(diff) }, null, 2) + '\n';
}

export function diffToHtml(diff: ReleaseDiff): string {
  const rows = diff.sections
    .map((s) => `<tr><th scope="row">${esc(s.title)}</th><td>${s.appeared.length}</td><td>${s.disappeared.length}</td><td>${s.unchanged}</td></tr>`)
    .join('');
  const list = (items: DiffItem[]) =>
    `<ul>${items
      .slice(0, DIFF_LIST_CAP)
      .map((i) => `<li><span class="lvl ${esc(i.level)}">${esc(i.level)}</span> <code>${esc(i.ruleId)}</code> ${i.vendor ? `<b>${esc(i.vendor)}</b> ` : ''}${esc(short(i.message))}${i.suppressed ? ' <em>(suppressed)</em>' : ''}</li>`)
      .join('')}${items.length > DIFF_LIST_CAP ? `<li>… and ${items.length - DIFF_LIST_CAP} more</li>` : ''}</ul>`;
  const sections = diff.sections
    .filter((s) => s.appeared.length || s.disappeared.length)
    .map(
      (s) =>
        `<section><h2>${esc(s.title)}</h2>${s.appeared.length ? `<h3>Appeared (${s.appeared.length})</h3>${list(s.appeared)}` : ''}${
          s.disappeared.length ? `<h3>Went away (${s.disappeared.length})</h3>${list(s.disappeared)}` : ''
        }</section>`,
    )
    .join('');
  const facts = [
    ['Vendors added', diff.vendors.appeared],
    ['Vendors removed', diff.vendors.disappeared],
    ['Endpoint jurisdictions added', diff.jurisdictions.appeared],
    ['Endpoint jurisdictions removed', diff.jurisdictions.disappeared],
  ]
    .filter(([, v]) => (v as string[]).length)
    .map(([k, v]) => `<li>${esc(k)}: ${(v as string[]).map((x) => `<code>${esc(x)}</code>`).join(', ')}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>rtcscan release diff</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1b1f24}table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:.25rem .6rem;text-align:right}th[scope=row]{text-align:left}
.lvl{display:inline-block;white-space:nowrap;border-radius:3px;padding:0 .35rem;font-size:12px;background:#eee}.lvl.error{background:#fdd}.lvl.warning{background:#ffe9b3}code{word-break:break-all}</style>
</head><body>
<h1>rtcscan release diff</h1>
<p><code>${esc(diff.old.file)}</code> → <code>${esc(diff.new.file)}</code>: <strong>${esc(headline(diff))}</strong></p>
${facts ? `<ul>${facts}</ul>` : ''}
<table><thead><tr><th></th><th>appeared</th><th>went away</th><th>unchanged</th></tr></thead><tbody>${rows}</tbody></table>
${sections}
</body></html>
`;
}
