#!/usr/bin/env node
// What the checks cost, warm, apart from reading: reads an input once (the engine with a check that keeps every
// artifact's facts), then runs the real checks over those facts `--rounds` times, as the engine does (per artifact,
// every check in order; a fresh bundle each round). Prints the main thread's CPU per round (from /proc, Linux),
// the time per check and class of artifact (the last round; performance.now), and a digest of the findings, so two
// builds can be compared on the same facts: `node bench/checks-cost.mjs [--root other/checkout] [--ipa x.ipa]`.
// `--rounds N` (default 5); `--uniform`: every string fact rebuilt in one object shape first (an experiment: the
// checks' loops see ~14 shapes from the readers; measured −8% of check time, not adopted).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const root = resolve(opt('--root', resolve(import.meta.dirname, '..')));
const input = resolve(opt('--ipa', join(import.meta.dirname, '../.bench/big.ipa')));
const rounds = Number(opt('--rounds', '5'));
const load = async (p) => import(pathToFileURL(join(root, 'dist/scanner', p)).href);
const { scan } = await load('engine/scan.js');
const { ALL_CHECKS } = await load('checks/index.js');
const { defaultRulePack } = await load('rules/pack.js');
const { costClass } = await load('engine/costs.js');
const rules = defaultRulePack();

/** CPU seconds of this (the main) thread. */
const threadCpu = () => {
  const stat = readFileSync('/proc/thread-self/stat', 'latin1');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

const all = [];
const keep = { id: 'keep', reports: [], create: () => ({ artifact: (facts) => all.push(facts) }) };
await scan({ inputs: [input], rules, checks: [keep] });
if (argv.includes('--uniform')) {
  // Experiment: every string fact with one shape (all optional fields present, same order).
  const F = ['value', 'kind', 'line', 'column', 'endLine', 'endColumn', 'offset', 'length', 'snippet', 'original', 'context', 'binding', 'argumentOf', 'module', 'vendorCode'];
  for (const f of all) f.strings = f.strings.map((s) => { const o = {}; for (const k of F) o[k] = s[k]; return o; });
}
const size = (f) => f.strings.reduce((n, s) => n + s.value.length, 0);
const classes = all.map((f) => costClass(f, size(f)));
console.log(`${input}: ${all.length} artifacts, ${all.reduce((n, f) => n + f.strings.length, 0)} strings; root ${root}; load ${loadavg()[0].toFixed(1)}`);

let last;
for (let r = 0; r < rounds; r++) {
  const findings = [];
  const seen = new Set();
  const ctx = {
    rules,
    showSecrets: false,
    report(f) {
      const key = `${f.ruleId}\u0000${f.location.artifact}\u0000${f.identity}`;
      if (!seen.has(key)) seen.add(key), findings.push(f);
    },
    notify() {},
    reported: () => findings,
  };
  const visitors = ALL_CHECKS.map((c) => c.create(ctx));
  // Fresh facts objects each round: nothing a check memoised per facts object in an earlier round is reused.
  const round = all.map((f) => ({ ...f }));
  const ms = new Map();
  const cpu0 = threadCpu();
  const t0 = performance.now();
  for (let a = 0; a < all.length; a++) {
    for (let i = 0; i < visitors.length; i++) {
      const t = performance.now();
      visitors[i].artifact?.(round[a]);
      const k = `${ALL_CHECKS[i].id}\t${classes[a]}`;
      ms.set(k, (ms.get(k) ?? 0) + performance.now() - t);
    }
  }
  for (const v of visitors) v.end?.();
  const cpu = threadCpu() - cpu0;
  const digest = createHash('sha256').update(JSON.stringify(findings)).digest('hex').slice(0, 16);
  console.log(`round ${r + 1}: main thread CPU ${cpu.toFixed(2)} s, wall ${((performance.now() - t0) / 1000).toFixed(2)} s, ${findings.length} findings, digest ${digest}, load ${loadavg()[0].toFixed(1)}`);
  last = ms;
}
const byCheck = new Map();
for (const [k, v] of last) {
  const [id] = k.split('\t');
  byCheck.set(id, (byCheck.get(id) ?? 0) + v);
}
console.log('\nlast round, ms by check:', [...byCheck].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
console.log('largest cells (check, class, ms):');
for (const [k, v] of [...last].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`  ${k.replace('\t', ' · ')} ${v.toFixed(0)}`);
