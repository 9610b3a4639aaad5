#!/usr/bin/env node
// Validates SARIF files as GitHub code scanning ingests them, with the Microsoft SARIF Multitool and the GH10xx
// rules switched on (scripts/sarif-policy.xml). The Multitool exits 0 even when it reports errors, so this reads
// its log and counts. Exit 0 when every file has 0 errors and 0 warnings.
// Usage: node scripts/validate-sarif.mjs [--json] FILE.sarif...
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tool = process.env.MULTITOOL ?? join(root, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
const policy = join(root, 'scripts/sarif-policy.xml');

export function validate(file) {
  if (!existsSync(tool)) throw new Error(`no Sarif.Multitool at ${tool} (npm ci installs it)`);
  if (!(statSync(tool).mode & 0o100)) chmodSync(tool, 0o755);
  const dir = mkdtempSync(join(tmpdir(), 'sarif-validate-'));
  const out = join(dir, 'log.sarif');
  try {
    const r = spawnSync(tool, ['validate', file, '-o', out, '-c', policy, '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning;Note'], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    if (!existsSync(out)) throw new Error(`the Multitool wrote no log for ${file}: ${(r.stderr || r.stdout).split('\n')[0]}`);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    const results = log.runs.flatMap((run) => run.results ?? []);
    const rules = Object.fromEntries(log.runs.flatMap((run) => run.tool.driver.rules ?? []).map((d) => [d.id, d]));
    const say = (res) => {
      if (res.message.text) return res.message.text;
      const fmt = rules[res.ruleId]?.messageStrings?.[res.message.id]?.text ?? res.message.id ?? '';
      return fmt.replace(/\{(\d+)\}/g, (_, i) => (res.message.arguments ?? [])[i] ?? '');
    };
    const count = (level) => results.filter((res) => (res.level ?? 'warning') === level);
    return {
      file,
      errors: count('error').map((res) => `${res.ruleId}: ${say(res)}`),
      warnings: count('warning').map((res) => `${res.ruleId}: ${say(res)}`),
      notes: count('note').map((res) => res.ruleId),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2).filter((a) => a !== '--json');
  if (files.length === 0) {
    console.error('usage: validate-sarif.mjs FILE.sarif...');
    process.exit(2);
  }
  let bad = false;
  for (const f of files) {
    const v = validate(f);
    for (const e of v.errors) console.log(`${f}: error ${e}`);
    for (const w of v.warnings) console.log(`${f}: warning ${w}`);
    const noteKinds = [...new Set(v.notes)].sort().join(', ');
    console.log(`${f}: ${v.errors.length} errors, ${v.warnings.length} warnings, ${v.notes.length} notes${noteKinds ? ` (${noteKinds})` : ''}`);
    bad ||= v.errors.length + v.warnings.length > 0;
  }
  process.exit(bad ? 1 : 0);
}
