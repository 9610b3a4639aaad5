#!/usr/bin/env node
// Where a scan of the benchmark IPA spends its time: runs the bin with RTCSCAN_COSTS=1 (scanner/engine/costs.ts)
// and prints the main thread's time by stage (walk, SHA-256, reader, checks) and class of artifact, the checks by
// class, and CPU by thread (the main thread is the critical path; the others are V8's compiler and collector and
// libuv's pool; bench/thread-cpu.cjs, preloaded), beside `unzip -p` of the same IPA in the same minutes.
//   node bench/ipa-costs.mjs [--ipa .bench/big.ipa] [--runs 1] [--base /path/to/other/checkout]
// `--base`: a second checkout (built) run alternately with this one (base, this, unzip, base, this, unzip …), both
// from the same working directory, with a check that their SARIF is identical (invocations and tool aside).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measureOnce } from './measure.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const ipa = resolve(opt('--ipa', join(ROOT, '.bench/big.ipa')));
const runs = Number(opt('--runs', '1'));
const base = opt('--base');
if (!existsSync(ipa)) throw new Error(`${ipa} is missing: run \`npm run bench\` (or bench/build-ipa.mjs) first`);
const builds = [...(base ? [['base', resolve(base)]] : []), ['this', ROOT]];
// The bin: rtcscan.cjs since the fifteenth session, rtcscan.js in older builds (a base may be one).
const binOf = (root) => ['dist/cli/rtcscan.cjs', 'dist/cli/rtcscan.js'].map((f) => join(root, f)).find((f) => existsSync(f));
for (const [, root] of builds) if (!binOf(root)) throw new Error(`${root}/dist is missing: npm run build`);
// Same working directory for every build: the SARIF's paths (and fingerprints) then match.
const cwd = mkdtempSync(join(tmpdir(), 'rtcscan-costs-'));

/** One scan under /usr/bin/time with the ledger on: { wall, cpu, rssMiB, main, other, table }. */
async function scanOnce(root, sarif) {
  const bin = binOf(root);
  const prev = process.env.RTCSCAN_COSTS;
  process.env.RTCSCAN_COSTS = '1';
  try {
    const r = await measureOnce(process.execPath, ['-r', join(import.meta.dirname, 'thread-cpu.cjs'), bin, 'scan', ipa, '-o', sarif, '-q', '--fail-on', 'none'], { cwd });
    const start = r.stderr.indexOf('| class |');
    const table = start >= 0 ? r.stderr.slice(start, r.stderr.indexOf('\tCommand being timed') >= 0 ? r.stderr.indexOf('\tCommand being timed') : undefined).trim() : '(no ledger: this build has no RTCSCAN_COSTS)';
    const threads = /thread CPU: main ([\d.]+) s, other ([\d.]+) s(?:, workers ([\d.]+) s)?/.exec(r.stderr);
    return { ...r, table, main: threads ? Number(threads[1]) : NaN, other: threads ? Number(threads[2]) : NaN, workers: threads?.[3] ? Number(threads[3]) : NaN };
  } finally {
    if (prev === undefined) delete process.env.RTCSCAN_COSTS;
    else process.env.RTCSCAN_COSTS = prev;
  }
}

const norm = (f) => execFileSync('jq', ['-S', 'del(.runs[].invocations, .runs[].tool)', f], { maxBuffer: 1 << 30 }).toString();
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const last = new Map();
console.log(`| run | build | wall (s) | CPU (s) | main thread CPU (s) | worker threads CPU (s) | other threads CPU (s) | peak RSS (MiB) | unzip -p wall / CPU (s) | wall / unzip | load |`);
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
try {
  for (let i = 0; i < runs; i++) {
    for (const [name, root] of builds) {
      const s = await scanOnce(root, join(cwd, `${name}.sarif`));
      if (s.code !== 0) console.warn(`${name}: exit ${s.code}: ${s.stderr.split('\n')[0]}`);
      const u = await measureOnce('unzip', ['-p', ipa], { cwd });
      last.set(name, s);
      console.log(`| ${i + 1} | ${name} | ${f2(s.wall)} | ${f2(s.cpu)} | ${f2(s.main)} | ${f2(s.workers)} | ${f2(s.other)} | ${s.rssMiB.toFixed(0)} | ${f2(u.wall)} / ${f2(u.cpu)} | ${f2(s.wall / u.wall)}× | ${loadavg()[0].toFixed(1)} |`);
    }
    if (base) console.log(`SARIF of base and this identical (invocations and tool aside): ${norm(join(cwd, 'base.sarif')) === norm(join(cwd, 'this.sarif'))}`);
  }
  console.log(`\nMain thread by stage and class of artifact (this build, last run; ms of wall time on the main thread):\n\n${last.get('this').table}`);
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
