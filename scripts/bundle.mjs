#!/usr/bin/env node
// Part of `npm run build`, after tsc: the CLI the package's bin runs, as few files as possible (dist/cli/). A cold
// start of the compiled tree resolves, reads and links ~100 of our modules one by one, ~40% of a one-file scan's
// CPU; one entry module and a few chunks cost a fraction of that. Input is tsc's output (dist/scanner/), so the
// code is the type-checked build's, byte for byte, only joined: what runs, and every test of the CLI, is this.
// - Modules a command or a format reader imports dynamically (scan, merge, diff, rules, batch, each reader, each
//   report format) become chunks of their own, loaded when needed: `--version` loads the entry alone.
// - The worker entry points sit beside the chunks, where engine/pool.ts, engine/blob-lane.ts and batch/pool.ts
//   look for them.
// - npm packages stay external (node_modules, as installed): their own file layouts (piscina's worker, the IP
//   data) keep working, and packages loaded on first use (core/lazy.ts) stay unloaded until then. Except the
//   CommonJS packages every run or every scan imports statically (INLINE: commander, yauzl): imported from an ES
//   module, each file of theirs is resolved, read and scanned by Node's CommonJS export lexer (~10 ms of a cold
//   start); bundled, they are code in a chunk. Their require() of Node's modules goes through a `require` made by
//   createRequire at the top of each output file (the banner).
// - Babel's parser (CommonJS) is the one package a scan of app code always loads: it becomes one CommonJS file
//   beside the chunks (babel.cjs), run on first use (scanner/formats/js/babel-packages.ts). @babel/types is not
//   in it: the AST walks use its tables as data (scanner/formats/js/babel-tables.ts).
// - babel.cjs gets V8's code cache (babel.cjs.v8cache, scripts/code-cache.mjs: a warm run in a process of its
//   own), which the bin uses while valid (scanner/core/code-cache.ts).
// - The schema modules are no separate files inside the bundle: the rules snapshot's digest gets their digest as
//   a constant (scanner/rules/snapshot.ts), computed here from the modules bundled.
// The esbuild module is `esbuild` from node_modules, or RTCSCAN_ESBUILD (the GitHub Action's install step, which
// has no devDependencies, passes a copy checked against package-lock.json).
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(ROOT, 'dist/scanner');
const OUT = resolve(ROOT, 'dist/cli');

const esbuild = await import(process.env.RTCSCAN_ESBUILD ? pathToFileURL(process.env.RTCSCAN_ESBUILD).href : 'esbuild');
const { schemaModulesDigest } = await import(pathToFileURL(resolve(DIST, 'rules/snapshot.js')).href);

/** Packages bundled into the chunks (see above); every other dependency stays in node_modules. */
const INLINE = new Set(['commander', 'yauzl']);
const dependencies = Object.keys(JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).dependencies);
const external = dependencies.filter((d) => !INLINE.has(d)).flatMap((d) => [d, `${d}/*`]);

rmSync(OUT, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: {
    rtcscan: resolve(DIST, 'cli/main.js'),
    'read-worker': resolve(DIST, 'engine/read-worker.js'),
    'blob-worker': resolve(DIST, 'engine/blob-worker.js'),
    'script-worker': resolve(DIST, 'engine/script-worker.js'),
    worker: resolve(DIST, 'batch/worker.js'),
  },
  outdir: OUT,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external,
  banner: { js: "import { createRequire as __rtcscanCreateRequire } from 'node:module';\nconst require = __rtcscanCreateRequire(import.meta.url);" },
  define: { RTCSCAN_SCHEMA_DIGEST: JSON.stringify(schemaModulesDigest()), RTCSCAN_BABEL_BUNDLE: JSON.stringify('./babel.cjs') },
  legalComments: 'none',
  logLevel: 'warning',
});
await esbuild.build({
  absWorkingDir: ROOT,
  stdin: {
    contents: [
      'module.exports = {',
      "  get parser() { return require('@babel/parser'); },",
      '};',
    ].join('\n'),
    resolveDir: ROOT,
    sourcefile: 'babel-packages.cjs',
  },
  outfile: resolve(OUT, 'babel.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  legalComments: 'eof',
  logLevel: 'warning',
});
const cache = spawnSync(process.execPath, [resolve(ROOT, 'scripts/code-cache.mjs'), resolve(OUT, 'babel.cjs')], { stdio: 'inherit' });
if (cache.status !== 0) throw new Error(`scripts/code-cache.mjs failed (${cache.status ?? cache.signal})`);
// The batch pool's CommonJS task entry (scanner/batch/worker-entry.cts) imports ./worker.js beside it.
copyFileSync(resolve(DIST, 'batch/worker-entry.cjs'), resolve(OUT, 'worker-entry.cjs'));
console.log(`cli bundle: ${OUT}`);
