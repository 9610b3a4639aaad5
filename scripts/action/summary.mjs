// For the GitHub Action (scripts/action/scan.sh), from a SARIF report rtcscan wrote:
//   node summary.mjs counts   report.sarif              → step outputs: results=, errors=, warnings=, notes=, new=
//   node summary.mjs markdown report.sarif report.txt   → the job summary: counts by level and by rule, the text report
// Counted: results without an accepted suppression and not `absent` (gone since the baseline).
import { readFileSync } from 'node:fs';

/** GitHub's job summary takes 1 MiB per step; the text report gets at most this much of it. */
const MAX_REPORT_CHARS = 200_000;

const [mode, sarifPath, textPath] = process.argv.slice(2);
const log = JSON.parse(readFileSync(sarifPath, 'utf8'));
const runs = log.runs ?? [];
const rules = new Map(runs.flatMap((r) => r.tool?.driver?.rules ?? []).map((r) => [r.id, r]));
const live = runs.flatMap((r) => r.results ?? []).filter((x) => x.baselineState !== 'absent' && !(x.suppressions ?? []).some((s) => (s.status ?? 'accepted') === 'accepted'));
const levelOf = (x) => x.level ?? rules.get(x.ruleId)?.defaultConfiguration?.level ?? 'warning';
const count = (level) => live.filter((x) => levelOf(x) === level).length;
const counts = { results: live.length, errors: count('error'), warnings: count('warning'), notes: count('note'), new: live.filter((x) => x.baselineState === 'new').length };

if (mode === 'counts') {
  for (const [k, v] of Object.entries(counts)) process.stdout.write(`${k}=${v}\n`);
} else if (mode === 'markdown') {
  process.stdout.write(markdown());
} else {
  console.error('usage: summary.mjs counts|markdown report.sarif [report.txt]');
  process.exit(2);
}

/** Text of a table cell: no pipe, no line break, no HTML. */
function cell(s) {
  return String(s ?? '').replace(/[|\r\n]/g, ' ').replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]);
}

function markdown() {
  const out = ['### rtcscan', ''];
  const failedToRead = runs.some((r) => (r.invocations ?? []).some((i) => i.executionSuccessful === false));
  out.push(`**${counts.errors} error(s), ${counts.warnings} warning(s), ${counts.notes} note(s)** in ${runs.map((r) => `\`${cell(r.automationDetails?.id ?? 'rtcscan')}\``).join(', ')}${failedToRead ? ' — an input could not be read (see the report\'s notifications)' : ''}`, '');
  // By rule and by the level each result has (a result may be raised above its rule's default level).
  const byRule = new Map();
  for (const x of live) {
    const key = `${x.ruleId}\u0000${levelOf(x)}`;
    byRule.set(key, (byRule.get(key) ?? 0) + 1);
  }
  if (byRule.size) {
    out.push('| rule | level | results |', '|---|---|---:|');
    const rank = { error: 0, warning: 1, note: 2 };
    const rows = [...byRule].map(([key, n]) => {
      const [id, level] = key.split('\u0000');
      return { id, level, n, rule: rules.get(id) };
    });
    rows.sort((a, b) => (rank[a.level] ?? 3) - (rank[b.level] ?? 3) || b.n - a.n || a.id.localeCompare(b.id));
    for (const { id, level, n, rule } of rows) out.push(`| ${cell(id)} ${cell(rule?.name)} — ${cell(rule?.shortDescription?.text)} | ${cell(level)} | ${n} |`);
    out.push('');
  }
  if (textPath) {
    let text = readFileSync(textPath, 'utf8');
    if (text.length > MAX_REPORT_CHARS) text = `${text.slice(0, MAX_REPORT_CHARS)}\n… (cut at ${MAX_REPORT_CHARS} characters: the whole report is in the SARIF file)\n`;
    // A fence longer than any run of backticks in the report: text from a scanned build cannot close it.
    const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
    const fence = '`'.repeat(longest + 1);
    out.push('<details><summary>Text report</summary>', '', `${fence}text`, text.trimEnd(), fence, '', '</details>', '');
  }
  return out.join('\n') + '\n';
}
