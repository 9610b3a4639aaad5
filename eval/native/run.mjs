#!/usr/bin/env node
// Scans the builds of eval/native/build.mjs with rtcscan and compares the app-level findings with the hand labels
// in ground-truth.yaml: precision and recall per target and per format (DEX, Mach-O).
//   node eval/native/run.mjs [--out DIR] [--details]        (needs dist/: npm run build)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { TARGETS } from './targets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const arg = (name, def) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : def);
const out = resolve(arg('--out', '/tmp/rtcscan-native'));
const truth = YAML.parse(readFileSync(join(here, 'ground-truth.yaml'), 'utf8')).targets;
const RULES = new Set(['RTC102', 'RTC301', 'RTC304', 'RTC401', 'RTC402', 'RTC403', 'RTC404', 'RTC501']);

/** API id → kind (init / join / encryption / region / other), from the vendor rules. */
const kinds = new Map();
for (const f of readdirSync(join(root, 'rules/vendors'))) {
  const v = YAML.parse(readFileSync(join(root, 'rules/vendors', f), 'utf8'));
  for (const a of v.apis ?? []) kinds.set(`${v.id}/${a.id}`, a.kind);
}

function scan(file) {
  const r = spawnSync(process.execPath, [join(root, 'dist/scanner/cli/main.js'), 'scan', file, '--format', 'json', '--fail-on', 'none', '--quiet'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`scan ${file}: exit ${r.status}: ${r.stderr.split('\n')[0]}`);
  return JSON.parse(r.stdout).bundles.flatMap((b) => b.findings);
}

/** As scripts/model-accuracy.mjs: rule, vendor, API kind, argument roles with value kinds (each role once). */
function signature(f) {
  if (f.ruleId === 'RTC301') return `RTC301 ${(/\((https?:[^)]*)\)/.exec(f.message)?.[1] ?? '?').replace(/\$\{[^}]*\}/g, '${}')}`;
  const roles = [...new Set([...f.message.matchAll(/\b(appId|token|channel|uid)=("[^"]*"|null|\d+|<[^,)]*>|[^,)\s]+)/g)]
    .map(([, role, v]) => `${role}:${v === 'null' ? 'null' : /^("|\d)/.test(v) ? 'literal' : 'unknown'}`))]
    .sort()
    .join(',');
  const vendor = f.properties?.vendor ?? '-';
  const kind = f.properties?.api ? kinds.get(`${vendor}/${f.properties.api}`) ?? f.properties.api : '-';
  return [f.ruleId, vendor, kind, roles].filter(Boolean).join(' ');
}

const rows = [];
for (const t of TARGETS) {
  const file = join(out, t.platform === 'android' ? `${t.id}.dex` : t.id);
  const label = truth[t.id];
  if (!existsSync(file) || !label) {
    rows.push({ t, skipped: existsSync(file) ? 'no labels' : 'not built' });
    continue;
  }
  const findings = scan(file).filter((f) => RULES.has(f.ruleId));
  const got = findings.map(signature);
  const want = [...label.expected];
  const optional = new Set((label.optional ?? []).map((s) => s.replace(/\s+#.*$/, '')));
  // Multiset matching: two identical calls are two expected findings.
  const left = [...want];
  const fp = [];
  let tp = 0;
  for (const s of got) {
    const i = left.indexOf(s);
    if (i >= 0) {
      left.splice(i, 1);
      tp++;
    } else if (!optional.has(s)) fp.push(s);
  }
  rows.push({ t, expected: want.length, reported: tp + fp.length, tp, fp, fn: left, findings });
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(0)}%` : 'n/a');
const fmt = (t) => (t.platform === 'android' ? 'DEX' : 'Mach-O');
console.log('| format | input | expected | reported | true pos. | precision | recall |\n|---|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  if (r.skipped) console.log(`| ${fmt(r.t)} | ${r.t.pkg}@${r.t.version} ${r.t.platform} | — | — | — | ${r.skipped} | |`);
  else console.log(`| ${fmt(r.t)} | ${r.t.pkg}@${r.t.version} ${r.t.platform} | ${r.expected} | ${r.reported} | ${r.tp} | ${pct(r.tp, r.reported)} | ${pct(r.tp, r.expected)} |`);
}
console.log('\n| format | expected | reported | true pos. | precision | recall |\n|---|---:|---:|---:|---:|---:|');
for (const format of ['DEX', 'Mach-O']) {
  const rs = rows.filter((r) => !r.skipped && fmt(r.t) === format);
  const [e, p, t] = ['expected', 'reported', 'tp'].map((k) => rs.reduce((n, r) => n + r[k], 0));
  console.log(`| ${format} | ${e} | ${p} | ${t} | ${pct(t, p)} | ${pct(t, e)} |`);
}
for (const r of rows) {
  if (r.skipped) continue;
  for (const s of r.fp) console.log(`false positive  ${r.t.id}: ${s}`);
  for (const s of r.fn) console.log(`missed          ${r.t.id}: ${s}`);
  if (process.argv.includes('--details')) for (const f of r.findings) console.log(`  ${r.t.id}: ${f.ruleId} ${f.message.slice(0, 200)}`);
}
