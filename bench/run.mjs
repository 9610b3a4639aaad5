#!/usr/bin/env node
// `npm run bench`: builds the seeded ~250 MB benchmark IPA in .bench/ and measures, in the same run, the scanner
// against two floors (decompression with unzip, a grep of the rule packs' domains with rg), plus the JS analysis
// throughput on the minified SDK bundles. `--runs N` (default 3), `--write` updates README.md between
// <!-- bench:start --> and <!-- bench:end -->. `--packs DIR` adds vendor builds from unpacked npm tarballs to the
// per-file table. `--model-only`: just the code-model throughput lines (Hermes, Mach-O, DEX). `--files-only`: just the
// per-file table (no IPA is built or scanned).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SDK_PACKAGES, buildBenchIpa, bundleSdk } from './build-ipa.mjs';
import { VENDOR_BUILDS, VENDOR_FILES, installedBuilds } from './vendor-builds.mjs';
import { measure, measureOnce, median } from './measure.mjs';
import { codeModelLines } from './code-model.mjs';
import { coldStart, coldStartTable } from './cold-start.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BENCH = join(ROOT, '.bench');
/** The package's bin: the bundled CLI (scripts/bundle.mjs). */
const CLI = join(ROOT, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin.rtcscan);
// In-process reads (the JS rows, the code-model lines) run under the V8 settings a scan runs with
// (scanner/cli/v8-flags.ts): under V8's defaults TurboFan's background compiles were most of an app bundle's CPU in
// the few reads measured. `RTCSCAN_V8_DEFAULTS=1` measures under V8's defaults.
(await import(join(ROOT, 'dist/scanner/cli/v8-flags.js'))).applyV8Flags();
const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1]) || 3;
const write = argv.includes('--write');
const sizes = argv.includes('--sizes');

if (!existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first');
if (argv.includes('--model-only')) {
  // Only the code-model throughput lines (Hermes, Mach-O, DEX): no benchmark IPA.
  console.log((await codeModelLines({ root: ROOT, bench: BENCH, runs, argv })).join('\n\n'));
  process.exit(0);
}
const mib = (n) => n / 1024 / 1024;
// In-process throughput is timed by this thread's CPU time (process.cpuUsage: the reading is single-threaded, so CPU
// time is its busy time; a shared machine's load does not inflate it as it does wall time).
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const packsAt = argv.indexOf('--packs');
const packs = packsAt >= 0 ? resolve(argv[packsAt + 1]) : undefined;
if (argv.includes('--files-only')) {
  // The per-file table alone: the same files, read the same way, without the benchmark IPA.
  mkdirSync(join(BENCH, 'sdk'), { recursive: true });
  const sdks = [];
  for (const pkg of SDK_PACKAGES) sdks.push({ pkg, data: await bundleSdk(pkg, join(BENCH, 'sdk')) });
  const { defaultRulePack } = await import(join(ROOT, 'dist/scanner/rules/pack.js'));
  const perFile = await perFileThroughput(installedBuilds(), sdks, { rules: defaultRulePack(), maxStrings: 500_000 });
  console.log([...perFileTable(perFile), '', `load average at end ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join('/')}`].join('\n'));
  process.exit(0);
}
const { ipa, manifest, sdks, vendorFiles } = await buildBenchIpa(BENCH);
console.log(`benchmark IPA: ${ipa} — ${manifest.entries} entries, ${mib(manifest.storedBytes).toFixed(0)} MiB stored, ${mib(manifest.deflatedBytes).toFixed(0)} MiB deflated (uncompressed sizes)`);

// Extracted copy for the grep floor (not timed).
const tree = join(BENCH, 'tree');
if (!existsSync(join(tree, '.done'))) {
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  execFileSync('unzip', ['-q', '-o', ipa, '-d', tree]);
  writeFileSync(join(tree, '.done'), '');
}
const { defaultRulePack } = await import(join(ROOT, 'dist/scanner/rules/pack.js'));
const rules = defaultRulePack();
const domains = [...new Set(rules.vendors.flatMap((v) => v.endpoints?.domains ?? []))].sort();
const patterns = join(BENCH, 'domains.txt');
writeFileSync(patterns, domains.join('\n') + '\n');

const rows = [];
const sarif = join(BENCH, 'out.sarif');
console.log(`measuring ${runs} run(s) each…`);
// The scan and its decompression floor alternate (A B A B …) so both see the same machine state; the ratios are
// taken pair by pair and their median reported (a shared machine's speed drifts within minutes).
const [scanM, unzipM, pairs] = await measurePairs([process.execPath, [CLI, 'scan', ipa, '-o', sarif, '-q', '--fail-on', 'none']], ['unzip', ['-p', ipa]], runs, { cwd: ROOT });
if (scanM.runs.some((r) => r.code !== 0)) console.warn(`rtcscan exited with ${scanM.runs.map((r) => r.code).join(',')}: ${scanM.runs[0].stderr.split('\n')[0]}`);
rows.push({ name: '`rtcscan scan big.ipa -o out.sarif`', ...scanM, pairs });
rows.push({ name: 'floor: `unzip -p big.ipa > /dev/null`', ...unzipM });
const rg = spawnSync('rg', ['--version']).status === 0;
if (rg) {
  const rgM = await measure('rg', ['-a', '-c', '--no-ignore', '--hidden', '-F', '-f', patterns, tree], runs, { cwd: ROOT });
  rows.push({ name: `floor: \`rg -a -F\` (${domains.length} vendor domains) over the extracted tree`, ...rgM });
} else {
  console.log('note: rg not found; grep floor skipped');
}

/** `runs` alternating runs of two commands; per-pair ratios of wall and CPU time. */
async function measurePairs([cmdA, argsA], [cmdB, argsB], n, opts) {
  const a = [];
  const b = [];
  for (let i = 0; i < n; i++) {
    a.push(await measureOnce(cmdA, argsA, opts));
    b.push(await measureOnce(cmdB, argsB, opts));
  }
  const sum = (xs) => ({ wall: median(xs.map((r) => r.wall)), cpu: median(xs.map((r) => r.cpu)), rssMiB: median(xs.map((r) => r.rssMiB)), runs: xs });
  return [sum(a), sum(b), { wall: median(a.map((r, i) => r.wall / b[i].wall)), cpu: median(a.map((r, i) => r.cpu / b[i].cpu)) }];
}

// Cold start: whole processes, the bin and the compiled tree alternating (bench/cold-start.mjs).
const coldRuns = Math.max(5, runs);
const cold = await coldStart(coldRuns);

// JS analysis throughput: the engine's read path (prefilter, cache off) and the JS reader alone, in this process.
const { readFacts } = await import(join(ROOT, 'dist/scanner/formats/index.js'));
const engineRead = await import(join(ROOT, 'dist/scanner/engine/read.js')).catch(() => undefined);
const totalJs = sdks.reduce((a, s) => a + s.data.length, 0);
async function throughput(fn) {
  const times = [];
  for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
    const t0 = cpuNow();
    for (const s of sdks) await fn(s);
    times.push(cpuNow() - t0);
  }
  return mib(totalJs) / median(times);
}
const ctx = { rules, maxStrings: 500_000 };
const jsReader = await throughput((s) => readFacts(s.data, `${s.pkg}.min.js`, ctx));
const jsEngine = engineRead ? await throughput((s) => engineRead.readArtifactFacts(s.data, `${s.pkg}.min.js`, ctx)) : undefined;

const perFile = await perFileThroughput(vendorFiles, sdks, ctx);

/**
 * Per file: each vendor's own production build from npm, unmodified, read as the engine reads it (median of the
 * passes after a warm-up; MB = 10^6 bytes as in the targets). Named by content only (no node_modules path).
 * `--packs DIR`: also the builds of packages that cannot be devDependencies, from unpacked npm tarballs
 * (`DIR/<name>/package/…`; bench/vendor-builds.mjs), in this table only (the IPA stays reproducible from the lock file).
 */
async function perFileThroughput(vendorFiles, sdks, ctx) {
  const { readFacts } = await import(join(ROOT, 'dist/scanner/formats/index.js'));
  const engineRead = await import(join(ROOT, 'dist/scanner/engine/read.js')).catch(() => undefined);
  const out = [];
  const appBundles = sdks.map((x) => ({ pkg: x.pkg, file: `app bundle (esbuild IIFE of ${x.pkg})`, data: x.data }));
  const packed = packs ? installedBuilds(VENDOR_BUILDS, packs).filter((b) => !vendorFiles.some((v) => v.path === b.path)) : [];
  const served = installedBuilds(VENDOR_FILES, packs);
  for (const b of [...vendorFiles, ...packed, ...served, ...appBundles]) {
    const data = b.data ?? readFileSync(b.path);
    const name = b.data ? `www/${b.pkg.replace(/[@/]/g, '_')}.min.js` : `static/${b.file.split('/').pop()}`;
    const read = (d) => (engineRead ? engineRead.readArtifactFacts(d, name, ctx) : readFacts(d, name, ctx));
    await read(data);
    const times = [];
    let facts;
    for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
      const t0 = cpuNow();
      facts = await read(data);
      times.push(cpuNow() - t0);
    }
    out.push({ pkg: b.pkg, file: b.file, bytes: data.length, mbs: data.length / 1e6 / median(times), how: facts?.meta.vendorBuild ? 'vendor build' : facts?.meta.elided ? 'elided' : 'parsed' });
  }
  return out;
}

function perFileTable(perFile) {
  return [
    `Vendors' own production builds from npm, unmodified, then the files they ship beside them (plugins, workers, services, extensions: \`VENDOR_FILES\` in bench/vendor-builds.mjs), then the benchmark's app bundles (read single-threaded as the engine reads them, under a static/ path, warm; MB/s of CPU time; MB = 10^6 bytes):`,
    '',
    '| build | size (MB) | MB/s (CPU) | read as |',
    '|---|---:|---:|---|',
    ...perFile.map((b) => `| ${b.pkg}/${b.file} | ${fmt(b.bytes / 1e6, 2)} | ${fmt(b.mbs, 1)} | ${b.how} |`),
  ];
}

// Cost against input size: the same recipe scaled to about 25, 50, 100 and 250 MB (one run each).
const scaling = [];
if (sizes) {
  for (const target of [25, 50, 100, 250]) {
    const f = target / 250;
    const built = await buildBenchIpa(BENCH, { name: `size-${target}`, storedMiB: Math.round(194 * f), smallFiles: Math.round(4000 * f), dataSets: Math.max(1, Math.round(8 * f)) });
    const m = await measure(process.execPath, [CLI, 'scan', built.ipa, '-o', join(BENCH, `size-${target}.sarif`), '-q', '--fail-on', 'none'], 1, { cwd: ROOT });
    const u = await measure('unzip', ['-p', built.ipa], 1, { cwd: ROOT });
    const { statSync } = await import('node:fs');
    scaling.push({ target, bytes: statSync(built.ipa).size, wall: m.wall, cpu: m.cpu, rss: m.rssMiB, unzip: u.wall, unzipCpu: u.cpu });
  }
}

const modelLines = await codeModelLines({ root: ROOT, bench: BENCH, runs, argv });
const floor = unzipM.wall;
const lines = [
  '| Command | wall (s) | CPU user+sys (s) | peak RSS (MiB) | wall / unzip (paired) | CPU / unzip CPU (paired) |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.name} | ${fmt(r.wall, 2)} | ${fmt(r.cpu, 2)} | ${fmt(r.rssMiB, 0)} | ${fmt(r.pairs?.wall ?? r.wall / floor, 2)}× | ${fmt(r.pairs?.cpu ?? r.cpu / unzipM.cpu, 2)}× |`),
  '',
  coldStartTable(cold, coldRuns),
  '',
  ...perFileTable(perFile),
  '',
  ...(scaling.length
    ? [
        '| IPA (target) | size (MB) | rtcscan wall (s) | rtcscan CPU (s) | peak RSS (MiB) | unzip -p wall / CPU (s) | CPU / unzip CPU | CPU s per 100 MB |',
        '|---|---:|---:|---:|---:|---:|---:|---:|',
        ...scaling.map((x) => `| ${x.target} MB | ${fmt(x.bytes / 1e6, 0)} | ${fmt(x.wall, 2)} | ${fmt(x.cpu, 2)} | ${fmt(x.rss, 0)} | ${fmt(x.unzip, 2)} / ${fmt(x.unzipCpu, 2)} | ${fmt(x.cpu / x.unzipCpu, 2)}× | ${fmt((x.cpu / x.bytes) * 1e8, 2)} |`),
        '',
      ]
    : []),
  `JS analysis throughput on ${sdks.length} minified SDK bundles (${fmt(mib(totalJs), 1)} MiB: ${sdks.map((s) => s.pkg).join(', ')}): ` +
    `JS reader ${fmt(jsReader, 2)} MiB/s` + (jsEngine !== undefined ? `, engine read path (prefilter) ${fmt(jsEngine, 2)} MiB/s` : '') + ' of CPU time (single thread).',
  '',
  ...modelLines.flatMap((l) => [l, '']),
  `Input: seeded IPA, ${manifest.entries} entries, ${fmt(mib(manifest.storedBytes), 0)} MiB stored + ${fmt(mib(manifest.deflatedBytes), 0)} MiB deflated (uncompressed). ` +
    `Medians of ${runs} runs. Machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, ${fmt(totalmem() / 1024 ** 3, 1)} GiB RAM, Node ${process.version}, ` +
    `load average at start ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join('/')}.`,
];
const table = lines.join('\n');
console.log('\n' + table);
for (const r of rows) console.log(`raw ${r.name}: wall ${r.runs.map((x) => fmt(x.wall, 2)).join(', ')}; cpu ${r.runs.map((x) => fmt(x.cpu, 2)).join(', ')}; rss ${r.runs.map((x) => fmt(x.rssMiB, 0)).join(', ')}`);
writeFileSync(join(BENCH, 'result.md'), table + '\n');

if (write) {
  const readme = join(ROOT, 'README.md');
  const text = readFileSync(readme, 'utf8');
  // The markers count only on lines of their own (the README also mentions them in prose).
  const start = text.search(/^<!-- bench:start -->$/m);
  const end = text.search(/^<!-- bench:end -->$/m);
  if (start < 0 || end < start) {
    console.log('README.md has no <!-- bench:start --> … <!-- bench:end --> region; not written');
  } else {
    writeFileSync(readme, text.slice(0, start) + '<!-- bench:start -->\n' + table + '\n' + text.slice(end));
    console.log('README.md updated');
  }
}
