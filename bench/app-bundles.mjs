#!/usr/bin/env node
// Per-file JS analysis throughput on app bundles: the benchmark's eight esbuild IIFE bundles of RTC SDKs
// (bench/build-ipa.mjs), plus real apps' sources bundled the same way when their checkouts are present
// (`--apps /tmp/realapps`, see eval/realapps/README.md). Each file is read through the engine's read path, warm,
// MB/s of CPU time (MB = 10^6 bytes). Several `--dist DIR` (compiled trees, e.g. a checkout of the base commit and
// this one) are measured in alternation, A B A B, so a shared machine's drift hits both alike.
//
//   node bench/app-bundles.mjs [--dist dist --dist /tmp/base/dist] [--runs 3] [--apps /tmp/realapps] [--only livekit]
//   node bench/app-bundles.mjs --why [--only …]   what stays parsed after elision, region by region, and why
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { SDK_PACKAGES, bundleSdk } from './build-ipa.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const all = (flag) => argv.flatMap((a, i) => (a === flag && argv[i + 1] ? [argv[i + 1]] : []));
const one = (flag) => all(flag)[0];
const runs = Number(one('--runs')) || 3;
const dists = (all('--dist').length ? all('--dist') : ['dist']).map((d) => resolve(ROOT, d));
const only = one('--only');

/**
 * Real apps' sources (from their checkouts, labelled in eval/realapps/ground-truth.yaml), bundled with esbuild
 * against this repository's node_modules; frameworks are left external as an app's page chunk would reference them.
 */
const REAL_APPS = [
  { name: 'jlengstorf/twilio-gatsby-video-chat', dir: 'jlengstorf+twilio-gatsby-video-chat', entry: 'src/pages/room.js', external: ['react', 'react-dom', 'gatsby', '@reach/router'] },
  { name: 'maxphillipsdev/firebase-twilio-video-chat', dir: 'maxphillipsdev+firebase-twilio-video-chat', entry: 'src/index.js', external: ['react', 'react-dom', 'firebase', 'firebase/*', 'react-router-dom'] },
  { name: 'alekben/displayCallStats', dir: 'alekben+displayCallStats', entry: 'basicVideoCall.js', external: [] },
];

async function bundleApp(app, appsDir, cacheDir) {
  const file = join(cacheDir, `app-${app.dir}.min.js`);
  if (existsSync(file)) return readFileSync(file);
  const entry = join(appsDir, app.dir, app.entry);
  if (!existsSync(entry)) return undefined;
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    loader: { '.js': 'jsx' },
    jsx: 'transform',
    external: [...app.external, '*.css'],
    nodePaths: [join(ROOT, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
  }).catch(() => undefined);
  if (!r) return undefined;
  const out = Buffer.from(r.outputFiles[0].contents);
  writeFileSync(file, out);
  return out;
}

const cache = join(ROOT, '.bench', 'sdk');
mkdirSync(cache, { recursive: true });
const inputs = [];
for (const pkg of SDK_PACKAGES) inputs.push({ name: pkg, path: `www/${pkg.replace(/[@/]/g, '_')}.min.js`, data: await bundleSdk(pkg, cache) });
const appsDir = one('--apps');
if (appsDir) {
  for (const app of REAL_APPS) {
    const data = await bundleApp(app, appsDir, cache);
    if (data) inputs.push({ name: `real app: ${app.name} ${app.entry}`, path: `www/${app.dir}.min.js`, data });
  }
}
const selected = only ? inputs.filter((x) => x.name.includes(only)) : inputs;

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function load(dist) {
  const { defaultRulePack } = await import(join(dist, 'scanner/rules/pack.js'));
  const { readArtifactFacts } = await import(join(dist, 'scanner/engine/read.js'));
  const js = await import(join(dist, 'scanner/formats/js/index.js'));
  const rules = defaultRulePack();
  return { dist, rules, read: (data, path) => readArtifactFacts(data, path, { rules, maxStrings: 500_000 }), js };
}

// Reads run under the V8 settings a scan runs with (scanner/cli/v8-flags.ts, from the first tree; V8 takes them
// process-wide): under V8's defaults TurboFan's background compiles were most of an app bundle's CPU in the few
// reads measured. `RTCSCAN_V8_DEFAULTS=1` measures under V8's defaults.
const flags = join(dists[0], 'scanner/cli/v8-flags.js');
if (existsSync(flags)) (await import(flags)).applyV8Flags();
const trees = [];
for (const d of dists) trees.push(await load(d));

if (argv.includes('--why')) {
  const tree = trees[0];
  if (!tree.js.explainScript) throw new Error(`${tree.dist} has no explainElision (built before it existed)`);
  for (const x of selected) {
    const e = tree.js.explainScript(x.data, x.path, tree.rules);
    if (!e) continue;
    console.log(`\n## ${x.name} (${(x.data.length / 1e6).toFixed(2)} MB): ${(100 * e.parsedChars / x.data.length).toFixed(1)}% parsed (${e.parsedChars} characters of code left)`);
    for (const r of e.regions) console.log(`- ${r.start}…${r.end} ${r.chars} chars: ${r.why}${r.snippet ? ` — ${JSON.stringify(r.snippet)}` : ''}`);
  }
  process.exit(0);
}

console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join('/')}; ${runs} reads per cell after a warm-up; MB/s of CPU; V8 ${process.env.RTCSCAN_V8_DEFAULTS === '1' ? 'defaults' : 'flags of the CLI'}`);
console.log(`| input | MB | ${trees.map((t) => t.dist.replace(ROOT + '/', '')).join(' | ')} | parsed (last tree) |`);
console.log(`|---|---:|${trees.map(() => '---:|').join('')}---:|`);
for (const x of selected) {
  const cells = trees.map(() => []);
  let facts;
  for (const t of trees) await t.read(x.data, x.path);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < trees.length; k++) {
      const t0 = cpuNow();
      facts = await trees[k].read(x.data, x.path);
      cells[k].push(x.data.length / 1e6 / (cpuNow() - t0));
    }
  }
  const elided = Number(/^(\d+) characters/.exec(facts?.meta?.elided ?? '')?.[1] ?? 0);
  console.log(`| ${x.name} | ${(x.data.length / 1e6).toFixed(2)} | ${cells.map((c) => `${median(c).toFixed(1)} (${c.map((v) => v.toFixed(1)).join(', ')})`).join(' | ')} | ${(100 - (100 * elided) / x.data.length).toFixed(1)}% |`);
}
