#!/usr/bin/env node
// Part of `npm run build` (run by scripts/bundle.mjs in a process of its own, after the bundle): V8's code cache of
// the bin's Babel file, dist/cli/babel.cjs → babel.cjs.v8cache (scanner/core/code-cache.ts loads it). V8 compiles
// a function when it first runs, so the cache is taken after a warm run: the compiled JS reader, on the bundle's
// Babel, reads app sources of this repository (JS, JSX, Flow, TypeScript) as a scan reads app code; whatever it compiled
// is in the cache, the rest compiles on first use as without one. A process of its own: its V8 flags are the
// ones a scan runs with, cli/v8-flags.ts (V8 refuses a cache made under other flags; the bin then compiles as before).
// The commands' file, dist/cli/commands.cjs → commands.cjs.v8cache, is warmed by a scan as the bin runs it: the
// samples' web app sources (JS files, each parsed as app code), text and SARIF reports; where the checkout has no
// samples (the GitHub Action's install), the CLI's own TypeScript sources. The lanes' workers' files,
// dist/cli/<name>.body.cjs, by their own read of the checkout's files (laneWorkers below); where the checkout has none
// of those files, the cache holds what loading the worker compiled.
// Usage: node scripts/code-cache.mjs <bundle.cjs>
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(ROOT, 'dist/scanner');
const file = resolve(process.argv[2] ?? resolve(ROOT, 'dist/cli/babel.cjs'));
const load = (m) => import(pathToFileURL(resolve(DIST, m)).href);

// The bin's V8 flags (cli/v8-flags.ts) first: V8 refuses a cache made under other flags.
(await load('cli/v8-flags.js')).applyV8Flags();
const { loadCommonJs, codeCacheFile, codeCacheBytes } = await load('core/code-cache.js');

if (basename(file) === 'commands.cjs') {
  const out = codeCacheFile(file);
  rmSync(out, { force: true });
  const loaded = loadCommonJs(file, out);
  const { runScan } = await loaded.exports.scanCommand();
  const input = ['samples/web/src', 'scanner/cli'].map((d) => resolve(ROOT, d)).find((d) => existsSync(d));
  const reports = mkdtempSync(join(tmpdir(), 'rtcscan-code-cache-'));
  try {
    const output = [join(reports, 'warm.sarif'), join(reports, 'warm.txt')];
    const code = await runScan([input], { output, format: 'text', failOn: 'none', config: false, showSecrets: false, quiet: true });
    if (code !== 0) throw new Error(`the warm scan exited with ${code}`);
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
  const bytes = codeCacheBytes(loaded.source, loaded.script.createCachedData());
  writeFileSync(out, bytes);
  console.log(`code cache: ${out} (${Math.round(bytes.length / 1024)} KiB after a scan of ${input})`);
  process.exit(0);
}

/**
 * The lanes' workers (scripts/bundle.mjs): each one's own code (loaded here, on the main thread, where it waits for no
 * messages) reads the checkout's files as the lane reads an archive's members, through the function the worker
 * answers with, so that what a scan's worker compiles on its first members is in the cache. The script lane reads
 * with the scan's checks' literal declarations (the drop) and the default budgets; the blob lane's binary reader
 * reads any bytes.
 */
const laneWorkers = {
  'script-worker.body.cjs': {
    files: () => warmInputs(['samples/web/dist', 'samples/web-1.0/dist', 'samples/hermes-rn/dist']),
    async reader(exports) {
      const { ALL_CHECKS } = await load('checks/index.js');
      const { literalReadsOf } = await load('checks/string-reads.js');
      const { DEFAULT_FACT_LIMITS } = await load('core/budget.js');
      const literalReads = literalReadsOf(ALL_CHECKS);
      const task = { factLimit: DEFAULT_FACT_LIMITS.artifactBytes, factScope: 'artifact', maxStrings: 500_000, prefilter: true, ...(literalReads ? { literalReads } : {}) };
      return (data, path) => exports.memberFacts(data, { ...task, path }, async () => undefined);
    },
  },
  'blob-worker.body.cjs': {
    files: () => walkFiles(['samples/ios', 'samples/android', 'samples/hermes-rn/dist'], /\.(?:ipa|apk|hbc)$/),
    reader: async (exports) => (data, path) => exports.blobFacts(data, path, 500_000),
  },
};
const laneWorker = laneWorkers[basename(file)];
if (laneWorker) {
  const out = codeCacheFile(file);
  rmSync(out, { force: true });
  const loaded = loadCommonJs(file, out);
  const read = await laneWorker.reader(loaded.exports);
  let n = 0;
  for (const f of laneWorker.files()) {
    const data = readOptional(f);
    if (!data) continue;
    await read(data, relative(ROOT, f));
    n++;
  }
  const bytes = codeCacheBytes(loaded.source, loaded.script.createCachedData());
  writeFileSync(out, bytes);
  console.log(`code cache: ${out} (${Math.round(bytes.length / 1024)} KiB after reading ${n} files)`);
  process.exit(0);
}

const { useBabelPackages } = await load('formats/js/babel-packages.js');
const { readArtifactFacts } = await load('engine/read.js');
const { loadShippedRulePack } = await load('rules/rule-pack.js');

const out = codeCacheFile(file);
rmSync(out, { force: true });
const loaded = loadCommonJs(file, out);
useBabelPackages(loaded.exports);

function readOptional(f) {
  try {
    return readFileSync(f);
  } catch {
    return undefined;
  }
}

/** Files under the checkout's folders `dirs` (those it has) whose names match `name`. */
function walkFiles(dirs, name) {
  const files = [];
  const walk = (dir) => {
    let names;
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of names) {
      const p = join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (name.test(d.name)) files.push(p);
    }
  };
  for (const dir of dirs) walk(resolve(ROOT, dir));
  return files;
}

/**
 * App sources of the samples (committed with the repository, so a clean clone and the Action's checkout have them):
 * the samples' apps (JS, JSX, Flow) and TypeScript (the JS reader's own sources); then `more` folders' scripts.
 */
function warmInputs(more = []) {
  const sources = walkFiles(['samples/web/src', 'samples/hermes-rn/src', 'samples/clean/src', 'test/corpus/apps', 'scanner/formats/js'], /\.(?:[cm]?[jt]sx?)$/);
  return [...sources.filter((f) => !f.endsWith('.test.ts')), ...walkFiles(more, /\.(?:[cm]?[jt]sx?|bundle|jsbundle|hbc)$/)];
}

const rules = await loadShippedRulePack();
let read = 0;
for (const f of warmInputs()) {
  const data = readOptional(f);
  if (!data) continue;
  await readArtifactFacts(data, f, { rules, maxStrings: 100_000 }, { prefilter: false });
  read++;
}
const bytes = codeCacheBytes(loaded.source, loaded.script.createCachedData());
writeFileSync(out, bytes);
console.log(`code cache: ${out} (${Math.round(bytes.length / 1024)} KiB after reading ${read} files)`);
