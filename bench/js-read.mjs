#!/usr/bin/env node
// Per-file JS analysis throughput, quicker than `npm run bench`: each file is read through the engine's read path
// (as a scan reads it) once to warm up, then `--runs` times; prints the median MB/s of CPU time (MB = 10^6 bytes).
// `--root DIR`: the checkout whose dist/ is measured (default: this one), for paired before/after runs. A folder
// is one row: every JS/TS file under it (no node_modules, .git or declaration files), summed.
//   node bench/js-read.mjs [--root DIR] [--runs 3] file-or-folder…
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadavg } from 'node:os';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  if (i < 0) return dflt;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
};
const root = resolve(opt('--root', join(import.meta.dirname, '..')));
const runs = Number(opt('--runs', '3'));
const { defaultRulePack } = await import(join(root, 'dist/scanner/rules/pack.js'));
const engineRead = await import(join(root, 'dist/scanner/engine/read.js'));
const ctx = { rules: defaultRulePack(), maxStrings: 500_000 };
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
console.log(`# ${root} (load ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
const JS_FILE = /\.(?:[cm]?jsx?|tsx?)$/;
function filesOf(p) {
  if (!statSync(p).isDirectory()) return [p];
  const out = [];
  for (const name of readdirSync(p).sort()) {
    if (name === 'node_modules' || name === '.git') continue;
    const q = join(p, name);
    if (statSync(q).isDirectory()) out.push(...filesOf(q));
    else if (JS_FILE.test(name) && !name.endsWith('.d.ts')) out.push(q);
  }
  return out;
}
for (const arg of argv) {
  const inputs = filesOf(arg).map((f) => ({ data: readFileSync(f), name: `www/${basename(f)}` }));
  const bytes = inputs.reduce((n, i) => n + i.data.length, 0);
  const readAll = async () => {
    let last;
    for (const i of inputs) last = await engineRead.readArtifactFacts(i.data, i.name, ctx);
    return last;
  };
  const first = await readAll();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = cpu();
    await readAll();
    times.push(cpu() - t0);
  }
  times.sort((a, b) => a - b);
  const how = inputs.length > 1 ? `${inputs.length} files` : first?.meta?.vendorBuild ? 'vendor build' : first?.meta?.elided ? 'elided' : 'parsed';
  console.log(`${basename(arg).padEnd(40)} ${(bytes / 1e6).toFixed(2).padStart(6)} MB ${(bytes / 1e6 / times[times.length >> 1]).toFixed(2).padStart(7)} MB/s  ${how}`);
}
