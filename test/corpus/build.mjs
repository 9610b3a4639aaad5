#!/usr/bin/env node
// Builds the JS dev corpus into test/corpus/out/ (gitignored) from the apps in test/corpus/apps/:
//  - one esbuild bundle per web app, minified, with the real npm SDKs and a source map: linked (`app.js.map` plus a
//    `sourceMappingURL` comment) for most, inline for `twilio`, hidden (no comment) for `hms`;
//    `agora-aliases` is an IIFE, the rest are ES modules;
//  - `rn-agora`: a Metro-format bundle (`__d(factory, id, deps, name)` modules, `__r(0)` entry) made by the small
//    packer below, because installing Metro and React Native for one fixture is impractical;
//  - `manifest.json` listing every artifact with the SDK versions used.
// Deterministic: same inputs give byte-identical output. Skips work when out/stamp matches the inputs' hash.
// Usage: node test/corpus/build.mjs [--force]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const appsDir = join(here, 'apps');
const outDir = join(here, 'out');
const require = createRequire(join(root, 'package.json'));
const esbuild = require('esbuild');

/** App → bundling options. `sdk` lists the npm packages whose versions go into the manifest. */
const WEB_APPS = {
  agora: { sdk: ['agora-rtc-sdk-ng'] },
  'agora-aliases': { sdk: ['agora-rtc-sdk-ng'], format: 'iife' },
  'tencent-trtc': { sdk: ['trtc-sdk-v5'] },
  twilio: { sdk: ['twilio-video'], sourcemap: 'inline' },
  livekit: { sdk: ['livekit-client'] },
  daily: { sdk: ['@daily-co/daily-js'] },
  hms: { sdk: ['@100mslive/hms-video-store'], sourcemap: 'external' },
  opentok: { sdk: ['@opentok/client'] },
  sendbird: { sdk: ['sendbird-calls'] },
  jitsi: { sdk: ['lib-jitsi-meet'] },
  nertc: { sdk: ['nertc-web-sdk'] },
  'clean-bait': { sdk: [] },
};

function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

function sdkVersion(pkg) {
  return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

function inputsHash() {
  const h = createHash('sha256');
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const f of filesUnder(appsDir)) h.update(relative(here, f)).update(readFileSync(f));
  h.update(`esbuild ${esbuild.version}`);
  for (const app of Object.values(WEB_APPS)) for (const p of app.sdk) h.update(`${p}@${sdkVersion(p)}`);
  return h.digest('hex');
}

async function buildWebApp(name, cfg, dest) {
  const outfile = join(dest, name, 'app.js');
  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: [join(appsDir, name, 'index.js')],
    bundle: true,
    minify: true,
    format: cfg.format ?? 'esm',
    platform: 'browser',
    target: 'es2020',
    sourcemap: cfg.sourcemap ?? 'linked',
    sourcesContent: false,
    legalComments: 'eof',
    outfile,
    nodePaths: [join(root, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'silent',
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs).length;
  return {
    name,
    file: `${name}/app.js`,
    map: cfg.sourcemap === 'inline' ? 'inline' : `${name}/app.js.map`,
    mapComment: cfg.sourcemap === 'inline' ? 'inline' : cfg.sourcemap === 'external' ? 'none' : 'linked',
    format: cfg.format ?? 'esm',
    bytes: statSync(outfile).size,
    modules: inputs,
    sdk: Object.fromEntries(cfg.sdk.map((p) => [p, sdkVersion(p)])),
  };
}

// ------------------------------------------------------------------------------------------------ Metro packer

const METRO_STUBS = {
  'react-native-agora': { file: 'stubs/react-native-agora/lib/module/index.js', name: 'node_modules/react-native-agora/lib/module/index.js' },
  'react-native': { file: 'stubs/react-native/index.js', name: 'node_modules/react-native/index.js' },
};

/** Metro's module system, reduced to what a production bundle needs to run: define, require, entry. */
const METRO_PRELUDE = `var __BUNDLE_START_TIME__=this.nativePerformanceNow?nativePerformanceNow():Date.now(),__DEV__=false,process=this.process||{};process.env=process.env||{};process.env.NODE_ENV=process.env.NODE_ENV||"production";
(function (global) {
  var modules = Object.create(null);
  function define(factory, moduleId, dependencyMap) {
    modules[moduleId] = { factory: factory, dependencyMap: dependencyMap, isInitialized: false, publicModule: { exports: {} } };
  }
  function metroRequire(moduleId) {
    var m = modules[moduleId];
    if (!m) throw new Error("Requiring unknown module " + moduleId);
    if (!m.isInitialized) {
      m.isInitialized = true;
      m.factory(global, metroRequire, metroRequire, metroRequire, m.publicModule, m.publicModule.exports, m.dependencyMap);
    }
    return m.publicModule.exports;
  }
  global.__d = define;
  global.__r = metroRequire;
})(typeof globalThis !== "undefined" ? globalThis : this);
`;

function buildMetro(appName) {
  const appDir = join(appsDir, appName);
  const modules = []; // { id, name, file, deps: [] , code }
  const byFile = new Map();
  const resolveSpec = (spec, fromFile) => {
    if (METRO_STUBS[spec]) return { file: join(appDir, METRO_STUBS[spec].file), name: METRO_STUBS[spec].name };
    if (spec.startsWith('.')) {
      let f = resolve(dirname(fromFile), spec);
      if (!existsSync(f)) f += '.js';
      return { file: f, name: relative(appDir, f).split('\\').join('/') };
    }
    throw new Error(`metro packer: cannot resolve ${spec} from ${fromFile}`);
  };
  const add = (file, name) => {
    if (byFile.has(file)) return byFile.get(file);
    const mod = { id: modules.length, name, file, deps: [], code: '' };
    modules.push(mod);
    byFile.set(file, mod);
    const cjs = esbuild.transformSync(readFileSync(file, 'utf8'), { loader: 'js', format: 'cjs', target: 'es2019' }).code;
    const specs = [];
    mod.code = cjs.replace(/\brequire\("([^"]+)"\)/g, (_m, spec) => {
      let i = specs.indexOf(spec);
      if (i < 0) i = specs.push(spec) - 1;
      return `_$$_REQUIRE(_dependencyMap[${i}])`;
    });
    for (const spec of specs) {
      const r = resolveSpec(spec, file);
      mod.deps.push(add(r.file, r.name).id);
    }
    return mod;
  };
  add(join(appDir, 'index.js'), 'index.js');
  let bundle = METRO_PRELUDE;
  for (const m of modules) {
    bundle += `__d(function (global, _$$_REQUIRE, _$$_IMPORT_DEFAULT, _$$_IMPORT_ALL, module, exports, _dependencyMap) {\n${m.code}},${m.id},[${m.deps.join(',')}],${JSON.stringify(m.name)});\n`;
  }
  bundle += '__r(0);\n';
  // Production Metro output is minified; keep the module names (dev-style verbose names) as the 4th argument.
  return esbuild.transformSync(bundle, { loader: 'js', minify: true, target: 'es2019' }).code;
}

// ------------------------------------------------------------------------------------------------ main

export async function buildCorpus({ force = false } = {}) {
  const hash = inputsHash();
  const stampFile = join(outDir, 'stamp');
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return { built: false, outDir };
  // Serialise concurrent builders (vitest runs test files in parallel processes).
  const lock = join(here, '.build-lock');
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return { built: false, outDir };
    const tmp = join(here, `out.tmp-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const artifacts = [];
    for (const [name, cfg] of Object.entries(WEB_APPS)) artifacts.push(await buildWebApp(name, cfg, tmp));
    mkdirSync(join(tmp, 'rn-agora'), { recursive: true });
    writeFileSync(join(tmp, 'rn-agora', 'index.android.bundle'), buildMetro('rn-agora'));
    artifacts.push({ name: 'rn-agora', file: 'rn-agora/index.android.bundle', map: null, format: 'metro', sdk: {} });
    writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify({ artifacts }, null, 2)}\n`);
    writeFileSync(join(tmp, 'stamp'), hash);
    rmSync(outDir, { recursive: true, force: true });
    renameSync(tmp, outDir);
    return { built: true, outDir };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const r = await buildCorpus({ force: process.argv.includes('--force') });
  console.log(`${r.built ? 'built' : 'up to date'}: ${relative(process.cwd(), r.outDir)} (${Date.now() - t0} ms)`);
}
