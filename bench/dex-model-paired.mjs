#!/usr/bin/env node
// Paired CPU-time comparison of the DEX code-model stage between two builds (this checkout's dist/ and another
// checkout's, e.g. the base commit built under /tmp), with digests of both builds' model and whole-reader facts.
// On a shared machine single figures move ±25%: the builds alternate in fresh processes (`--pairs`, default 3), each
// process warms up and takes the median of `--runs` passes (default 7) per input, and the verdict is the median of
// the per-pair ratios. MiB/s of CPU time (user+sys), as bench/code-model.mjs. The first build of each process (cold:
// what a scan pays, which builds each dex's model once) is reported beside the warm median.
//   node bench/dex-model-paired.mjs --base /tmp/base [--pairs 3] [--runs 7] file.dex…
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

if (argv[0] === '--child') {
  // One build, one process: `--child ROOT RUNS file…` prints one JSON line per input.
  const [, root, runs, ...files] = argv;
  const { DexTables } = await import(join(root, 'dist/scanner/formats/dex/tables.js'));
  const { readHeader } = await import(join(root, 'dist/scanner/formats/dex/header.js'));
  const { scanClasses } = await import(join(root, 'dist/scanner/formats/dex/classes.js'));
  const { buildDexModel } = await import(join(root, 'dist/scanner/formats/dex/model.js'));
  const { readDex } = await import(join(root, 'dist/scanner/formats/dex/index.js'));
  const { defaultRulePack } = await import(join(root, 'dist/scanner/rules/pack.js'));
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const digest = (x) => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);
  for (const file of files) {
    const data = readFileSync(file);
    const t = new DexTables(data, readHeader(data));
    const scan = scanClasses(t);
    const build = () => buildDexModel(t, scan.classes, scan.methods, () => false);
    const c0 = cpu();
    let last = build();
    const cold = cpu() - c0;
    last = build();
    const times = [];
    for (let i = 0; i < Number(runs); i++) {
      const c = cpu();
      last = build();
      times.push(cpu() - c);
    }
    const facts = readDex(data, 'classes.dex', { rules: defaultRulePack(), maxStrings: 500_000 });
    const mib = data.length / 2 ** 20;
    console.log(JSON.stringify({ file, mibs: mib / median(times), cold: mib / cold, model: digest(last.model), facts: digest(facts) }));
  }
  process.exit(0);
}

const base = opt('--base');
const pairs = Number(opt('--pairs', '3'));
const runs = opt('--runs', '7');
const files = argv.filter((a, i) => !a.startsWith('--') && !['--base', '--pairs', '--runs'].includes(argv[i - 1]));
if (!base || !files.length) {
  console.error('usage: node bench/dex-model-paired.mjs --base DIR [--pairs N] [--runs N] file.dex…');
  process.exit(2);
}
const here = resolve(import.meta.dirname, '..');
const run = (root) => {
  const r = spawnSync(process.execPath, [import.meta.filename, '--child', resolve(root), runs, ...files], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr.split('\n').slice(0, 3).join(' '));
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
};
const loads = [loadavg()[0]];
const rows = files.map((file) => ({ file, base: [], head: [], ratios: [], coldBase: [], coldHead: [], coldRatios: [], digests: new Set() }));
for (let p = 0; p < pairs; p++) {
  const b = run(base);
  const h = run(here);
  loads.push(loadavg()[0]);
  b.forEach((x, i) => {
    const row = rows[i];
    row.base.push(x.mibs);
    row.head.push(h[i].mibs);
    row.ratios.push(h[i].mibs / x.mibs);
    row.coldBase.push(x.cold);
    row.coldHead.push(h[i].cold);
    row.coldRatios.push(h[i].cold / x.cold);
    row.digests.add(`${x.model}/${x.facts}`).add(`${h[i].model}/${h[i].facts}`);
  });
}
console.log(`load average (1 min) during the runs: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
for (const r of rows) {
  const same = r.digests.size === 1 ? 'model and facts digests identical' : `DIGESTS DIFFER: ${[...r.digests].join(' ')}`;
  console.log(
    `${r.file}: base ${r.base.map((x) => x.toFixed(1)).join(' / ')} MiB/s, this ${r.head.map((x) => x.toFixed(1)).join(' / ')} MiB/s; ` +
      `paired ratio median x${median(r.ratios).toFixed(2)}; cold (first build) base ${r.coldBase.map((x) => x.toFixed(1)).join(' / ')}, ` +
      `this ${r.coldHead.map((x) => x.toFixed(1)).join(' / ')} MiB/s, paired x${median(r.coldRatios).toFixed(2)}; ${same}`,
  );
}
