#!/usr/bin/env node
// Part of `npm run build` (run by scripts/bundle.mjs in a process of its own, after the bundle): V8's code cache of
// the bin's Babel file, dist/cli/babel.cjs → babel.cjs.v8cache (scanner/core/code-cache.ts loads it). V8 compiles
// a function when it first runs, so the cache is taken after a warm run: the compiled JS reader, on the bundle's
// Babel, reads app sources of this repository (JS, JSX, Flow, TypeScript) as a scan reads app code; whatever it compiled
// is in the cache, the rest compiles on first use as without one. A process of its own: its V8 flags are the
// ones a scan runs with, cli/v8-flags.ts (V8 refuses a cache made under other flags; the bin then compiles as before).
// The commands' file, dist/cli/commands.cjs → commands.cjs.v8cache, is warmed by a scan as the bin runs it: the
// samples' web app sources (JS files, each parsed as app code), text and SARIF reports; where the checkout has no
// samples (the GitHub Action's install), the CLI's own TypeScript sources.
// Usage: node scripts/code-cache.mjs <bundle.cjs>
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
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

const { useBabelPackages } = await load('formats/js/babel-packages.js');
const { readArtifactFacts } = await load('engine/read.js');
const { loadShippedRulePack } = await load('rules/rule-pack.js');

const out = codeCacheFile(file);
rmSync(out, { force: true });
const loaded = loadCommonJs(file, out);
useBabelPackages(loaded.exports);

/** App sources of the samples (committed with the repository, so a clean clone and the Action's checkout have them). */
function warmInputs() {
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
      else if (/\.(?:[cm]?[jt]sx?)$/.test(d.name)) files.push(p);
    }
  };
  // The samples' apps (JS, JSX, Flow) where the checkout has them, and TypeScript: the JS reader's own sources.
  for (const dir of ['samples/web/src', 'samples/hermes-rn/src', 'samples/clean/src', 'test/corpus/apps', 'scanner/formats/js']) walk(resolve(ROOT, dir));
  return files.filter((f) => !f.endsWith('.test.ts'));
}

const rules = await loadShippedRulePack();
let read = 0;
for (const f of warmInputs()) {
  let data;
  try {
    data = readFileSync(f);
  } catch {
    continue;
  }
  await readArtifactFacts(data, f, { rules, maxStrings: 100_000 }, { prefilter: false });
  read++;
}
const bytes = codeCacheBytes(loaded.source, loaded.script.createCachedData());
writeFileSync(out, bytes);
console.log(`code cache: ${out} (${Math.round(bytes.length / 1024)} KiB after reading ${read} files)`);
