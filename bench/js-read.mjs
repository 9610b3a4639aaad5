#!/usr/bin/env node
// Per-file JS analysis throughput, quicker than `npm run bench`: each file is read through the engine's read path
// (as a scan reads it) once to warm up, then `--runs` times; prints the median MB/s of CPU time (MB = 10^6 bytes).
// `--root DIR`: the checkout whose dist/ is measured (default: this one), for paired before/after runs.
//   node bench/js-read.mjs [--root DIR] [--runs 3] [--as www/NAME] file…
import { readFileSync } from 'node:fs';
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
for (const file of argv) {
  const data = readFileSync(file);
  const name = `www/${basename(file)}`;
  const first = await engineRead.readArtifactFacts(data, name, ctx);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = cpu();
    await engineRead.readArtifactFacts(data, name, ctx);
    times.push(cpu() - t0);
  }
  times.sort((a, b) => a - b);
  const how = first.meta?.vendorBuild ? 'vendor build' : first.meta?.elided ? 'elided' : 'parsed';
  console.log(`${basename(file).padEnd(40)} ${(data.length / 1e6).toFixed(2).padStart(6)} MB ${(data.length / 1e6 / times[times.length >> 1]).toFixed(2).padStart(7)} MB/s  ${how}`);
}
