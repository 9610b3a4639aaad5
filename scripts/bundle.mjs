#!/usr/bin/env node
// Part of `npm run build`, after tsc: the CLI the package's bin runs, as few files as possible (dist/cli/). A cold
// start of the compiled tree resolves, reads and links ~100 of our modules one by one, ~40% of a one-file scan's
// CPU; a few files run from V8's code cache cost a fraction of that. Input is tsc's output (dist/scanner/), so the
// code is the type-checked build's, byte for byte, only joined: what runs, and every test of the CLI, is this.
// - The entry (rtcscan.cjs, the bin) is the argument parsing alone: `--version` loads nothing else. It is
//   CommonJS (below) and so is everything a scan on the main thread runs.
// - What the commands run (scanner/cli/commands.ts: scan, batch, merge, diff, rules) is one CommonJS file,
//   commands.cjs, with V8's code cache (commands.cjs.v8cache, scripts/code-cache.mjs: a warm scan in a process of
//   its own), which the entry runs through scanner/core/code-cache.ts while the cache is valid. Node 20 has no code
//   cache for ES modules: as ~35 ES module chunks a one-file scan resolved, read, linked and compiled each of them
//   and compiled every function it ran anew. Each module inside still runs on its first use (esbuild's lazy module
//   wrappers for dynamic imports): each command, each format reader, each report format. `import.meta.url` is the
//   file's URL (so files beside it are found as from a chunk); `import.meta.resolve` (packages only published as ES
//   modules, core/lazy.ts) goes through esm-resolve.mjs beside it, an ES module resolving from the same folder.
//   npm packages imported by value are require()d from it: their CommonJS builds (the same versions).
// - The lanes' workers (engine/script-lane.ts, engine/blob-lane.ts; engine/worker-file.ts picks the file) are
//   CommonJS too: <name>.cjs runs <name>.body.cjs from its code cache (made after the worker's own warm read, see
//   below). The read pool's and the batch's workers (engine/pool.ts, batch/pool.ts: piscina starts them) stay ES
//   modules with chunks.
// - npm packages stay external (node_modules, as installed): their own file layouts (piscina's worker, the IP
//   data) keep working, and packages loaded on first use (core/lazy.ts) stay unloaded until then. Except the
//   CommonJS packages every run or every scan imports statically (INLINE: commander, yauzl): imported from an ES
//   module, each file of theirs is resolved, read and scanned by Node's CommonJS export lexer (~10 ms of a cold
//   start); bundled, they are code in a chunk. Their require() of Node's modules goes through a `require` made by
//   createRequire at the top of each ES module output file (the banner).
// - Babel's parser (CommonJS) is the one package a scan of app code always loads: it becomes one CommonJS file
//   beside the chunks (babel.cjs), run on first use (scanner/formats/js/babel-packages.ts). @babel/types is not
//   in it: the AST walks use its tables as data (scanner/formats/js/babel-tables.ts).
// - babel.cjs gets V8's code cache too (babel.cjs.v8cache: a warm run of the JS reader on this repository's app
//   sources), made before the commands' (whose warm scan runs Babel from it).
// - The schema modules are no separate files inside the bundle: the rules snapshot's digest gets their digest as
//   a constant (scanner/rules/snapshot.ts), computed here from the modules bundled.
// The esbuild module is `esbuild` from node_modules, or RTCSCAN_ESBUILD (the GitHub Action's install step, which
// has no devDependencies, passes a copy checked against package-lock.json).
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(ROOT, 'dist/scanner');
const OUT = resolve(ROOT, 'dist/cli');

const esbuild = await import(process.env.RTCSCAN_ESBUILD ? pathToFileURL(process.env.RTCSCAN_ESBUILD).href : 'esbuild');
const { schemaModulesDigest } = await import(pathToFileURL(resolve(DIST, 'rules/snapshot.js')).href);

/** `text` with each UTF-16 unit above U+007F written as a \\uXXXX escape (see the ASCII pass below). */
function asciiOnly(text) {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Packages bundled into the chunks (see above); every other dependency stays in node_modules. */
const INLINE = new Set(['commander', 'yauzl']);
const dependencies = Object.keys(JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).dependencies);
const external = dependencies.filter((d) => !INLINE.has(d)).flatMap((d) => [d, `${d}/*`]);

rmSync(OUT, { recursive: true, force: true });
const define = { RTCSCAN_SCHEMA_DIGEST: JSON.stringify(schemaModulesDigest()), RTCSCAN_BABEL_BUNDLE: JSON.stringify('./babel.cjs') };
const COMMANDS = resolve(DIST, 'cli/commands.js');
const commandNames = Object.keys(await import(pathToFileURL(COMMANDS).href));
/** The entry's `import('./commands.js')` becomes a run of commands.cjs (with its code cache) beside the chunk. */
const commandsFromCache = {
  name: 'commands-from-code-cache',
  setup(build) {
    // A path relative to the checkout: the output (its chunk's name and comment) must not depend on where it is.
    build.onResolve({ filter: /^\.\/commands\.js$/ }, (args) => (resolve(args.resolveDir, args.path) === COMMANDS ? { path: 'dist/cli/commands.cjs', namespace: 'commands-cjs' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'commands-cjs' }, () => ({
      resolveDir: DIST,
      contents: [
        "import { fileURLToPath } from 'node:url';",
        "import { loadCommonJs } from './core/code-cache.js';",
        "const commands = loadCommonJs(fileURLToPath(new URL('./commands.cjs', import.meta.url))).exports;",
        `export const { ${commandNames.join(', ')} } = commands;`,
      ].join('\n'),
    }));
  },
};
// The entry: argument parsing, and the commands' file run from its code cache. CommonJS, so that a run that needs
// no ES module never starts Node's ES module loader (its own internal modules, resolution and linking: ~20 ms of
// `rtcscan --version`, which was 30-40 ms above `node -e 0` as an ES module).
// Node's modules that only some runs use, loaded on first use of one of their exports instead of when the module
// importing them starts: commander's node:child_process (subcommands run as executables, which rtcscan has none of;
// it pulls in net, dgram and the process wrappers), and what only archives, worker lanes, batches, report files
// or IP literals need (worker_threads, zlib, os, net, fs/promises: ~10 ms of a one-file scan's start, measured in
// docs/performance.md). Each import becomes an object with a getter per export that require()s the module then;
// the export names are this Node's (the build runs on the Node it ships for: engines). Code that reads an export
// at its module's start still loads the module then, as before.
const LAZY_BUILTINS = ['child_process', 'worker_threads', 'zlib', 'os', 'net', 'fs/promises'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    const names = LAZY_BUILTINS.map((m) => m.replace('/', '\\/')).join('|');
    build.onResolve({ filter: new RegExp(`^(?:node:)?(?:${names})$`) }, (args) => (args.namespace === 'lazy-builtin' ? undefined : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const id = JSON.stringify(`node:${args.path}`);
      const getters = Object.keys(createRequire(import.meta.url)(`node:${args.path}`))
        .filter((k) => k !== 'default')
        .map((k) => `  get ${JSON.stringify(k)}() { return require(${id})[${JSON.stringify(k)}]; },`);
      return { contents: ['module.exports = {', ...getters, '};'].join('\n'), loader: 'js' };
    });
  },
};
const importMetaBanner = "const __rtcscanImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";
/** What the two CommonJS files (the entry and the commands) are built with. */
const commonJs = { absWorkingDir: ROOT, outdir: OUT, entryNames: '[name]', outExtension: { '.js': '.cjs' }, bundle: true, format: 'cjs', platform: 'node', target: 'node20.19', external };
await esbuild.build({
  ...commonJs,
  entryPoints: { rtcscan: resolve(DIST, 'cli/main.js') },
  plugins: [commandsFromCache, lazyBuiltins],
  banner: { js: importMetaBanner },
  define: { ...define, 'import.meta.url': '__rtcscanImportMetaUrl' },
  legalComments: 'none',
  logLevel: 'warning',
});
await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: {
    'read-worker': resolve(DIST, 'engine/read-worker.js'),
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
  plugins: [commandsFromCache],
  banner: { js: "import { createRequire as __rtcscanCreateRequire } from 'node:module';\nconst require = __rtcscanCreateRequire(import.meta.url);" },
  define,
  legalComments: 'none',
  logLevel: 'warning',
});
await esbuild.build({
  ...commonJs,
  entryPoints: { commands: COMMANDS },
  plugins: [lazyBuiltins],
  banner: {
    js: [
      importMetaBanner,
      "const __rtcscanImportMetaResolve = (specifier) => require('./esm-resolve.mjs').resolve(specifier);",
    ].join('\n'),
  },
  define: { ...define, 'import.meta.url': '__rtcscanImportMetaUrl', 'import.meta.resolve': '__rtcscanImportMetaResolve' },
  // Without comments and indentation: every start reads, hashes and copies this file (1.57 → 1.10 MB).
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
});
// The lanes' workers (engine/worker-file.ts): each one's code as one CommonJS file, <name>.body.cjs, with V8's code
// cache as the commands have, run by the worker's entry <name>.cjs through code-cache.cjs. As ES modules with chunks
// each worker started Node's ES module loader and compiled every function anew: on the benchmark IPA the script
// lane's worker is the critical path, and its first reads were its coldest. (The read pool's and the batch's
// workers stay ES modules: piscina starts them.)
const LANE_WORKERS = ['script-worker', 'blob-worker'];
await esbuild.build({
  ...commonJs,
  entryPoints: { ...Object.fromEntries(LANE_WORKERS.map((w) => [`${w}.body`, resolve(DIST, `engine/${w}.js`)])), 'code-cache': resolve(DIST, 'core/code-cache.js') },
  plugins: [lazyBuiltins],
  banner: { js: [importMetaBanner, "const __rtcscanImportMetaResolve = (specifier) => require('./esm-resolve.mjs').resolve(specifier);"].join('\n') },
  define: { ...define, 'import.meta.url': '__rtcscanImportMetaUrl', 'import.meta.resolve': '__rtcscanImportMetaResolve' },
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
});
for (const w of LANE_WORKERS) {
  writeFileSync(
    resolve(OUT, `${w}.cjs`),
    `// A lane's worker (scripts/bundle.mjs): its code run from V8's code cache when the cache is valid for it.\nrequire('./code-cache.cjs').loadCommonJs(require('node:path').join(__dirname, '${w}.body.cjs'));\n`,
  );
}
writeFileSync(resolve(OUT, 'esm-resolve.mjs'), '// import.meta.resolve for commands.cjs (scripts/bundle.mjs): resolved from this folder, as an ES module would.\nexport const resolve = (specifier) => import.meta.resolve(specifier);\n');
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
// Every output file ASCII, before the caches bind to its bytes. esbuild escapes non-ASCII characters in code
// (its default charset) but keeps comments as written, and one dash or arrow in a comment made Node decode the
// 1.5 MB commands.cjs as UTF-8 into a two-byte string (3 MB to decode, flatten and page in at every start) where
// an ASCII file is read as Latin-1 (core/code-cache.ts). A \uXXXX escape means the same character in a string,
// template, regular expression or identifier; in a comment it only changes how the comment reads.
for (const file of readdirSync(OUT)) {
  if (!/\.(?:c|m)?js$/.test(file)) continue;
  const path = resolve(OUT, file);
  const text = readFileSync(path, 'utf8');
  // A line separator ends a line comment; written as an escape it would not (esbuild escapes those in code).
  if (/[\u2028\u2029]/.test(text)) throw new Error(`${file}: a raw U+2028/U+2029 in esbuild's output`);
  const ascii = asciiOnly(text);
  if (ascii !== text) writeFileSync(path, ascii);
}
// Babel's first: the commands' warm scan runs Babel from it.
for (const file of ['babel.cjs', 'commands.cjs', ...LANE_WORKERS.map((w) => `${w}.body.cjs`)]) {
  const cache = spawnSync(process.execPath, [resolve(ROOT, 'scripts/code-cache.mjs'), resolve(OUT, file)], { stdio: 'inherit' });
  if (cache.status !== 0) throw new Error(`scripts/code-cache.mjs ${file} failed (${cache.status ?? cache.signal})`);
}
// The bin's path before it was CommonJS, for scripts and CI jobs that run `node dist/cli/rtcscan.js`.
writeFileSync(resolve(OUT, 'rtcscan.js'), '// The bin is rtcscan.cjs (package.json); this path runs it for scripts written before it was CommonJS.\nimport \'./rtcscan.cjs\';\n');
// The batch pool's CommonJS task entry (scanner/batch/worker-entry.cts) imports ./worker.js beside it.
copyFileSync(resolve(DIST, 'batch/worker-entry.cjs'), resolve(OUT, 'worker-entry.cjs'));
console.log(`cli bundle: ${OUT}`);
