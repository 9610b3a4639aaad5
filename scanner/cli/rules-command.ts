// `rtcscan rules`: every rule with its level and short description; help text in json/markdown.
import { loadShippedRulePack } from '../rules/rule-pack.js';

export async function runRules(format: string): Promise<number> {
  const rules = await loadShippedRulePack();
  if (format === 'json') {
    process.stdout.write(JSON.stringify(rules.checks, null, 2) + '\n');
    return 0;
  }
  if (format === 'markdown') {
    const lines = ['| id | level | name | category | description |', '|---|---|---|---|---|'];
    for (const r of rules.checks) lines.push(`| ${r.id} | ${r.level} | ${r.name} | ${r.category} | ${r.shortDescription} |`);
    for (const r of rules.checks) lines.push('', `## ${r.id} ${r.name}`, '', r.fullDescription, '', r.help.trim());
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  }
  const width = Math.max(...rules.checks.map((r) => r.name.length));
  for (const r of rules.checks) process.stdout.write(`${r.id}  ${r.level.padEnd(7)}  ${r.name.padEnd(width)}  ${r.shortDescription}\n`);
  process.stdout.write(`\n${rules.checks.length} rules, ${rules.vendors.length} vendor packs. Help for each rule: rtcscan rules --format markdown|json\n`);
  return 0;
}
