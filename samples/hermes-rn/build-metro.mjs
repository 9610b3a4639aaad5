#!/usr/bin/env node
// Builds samples/hermes-rn/dist/metro/: the SAME app source as build.mjs (src/App.js + the real react-native-agora),
// but through the real React Native release toolchain instead of esbuild — Metro (`metro` devDependency) running
// `@react-native/metro-babel-transformer` with `@react-native/babel-preset` (the transform every RN app gets from
// @react-native/metro-config), Metro's own serializer (metro-runtime's `__d`/`__r` prelude, numeric module ids,
// `_$$_REQUIRE(_dependencyMap[n])`, RN's default `inlineRequires`), then hermesc:
//   - index.android.bundle: `--minify true`, what a JSC (non-Hermes) release build ships, terser-minified;
//   - app.hbc: the `--minify false` bundle compiled by `hermesc -emit-binary -O` (the RN build scripts do not
//     minify the JS that hermesc compiles).
// The Babel shapes real apps ship are in both: classes lowered to `_classCallCheck`/`_createClass`/`_callSuper`/
// `_inherits` from @babel/runtime, async functions to `_asyncToGenerator(function* …)`, imports to
// `_interopRequireDefault(require(…))` and `(0, _x.fn)(…)` calls.
// Metro's config is RN's defaults (@react-native/metro-config 0.86: resolver main fields and platforms,
// inlineRequires), minus InitializeCore and the js-polyfills: `react-native` and `react` are the same shims as
// build.mjs (the real ones need the app's native side).
// --rn068: the transform of a React Native 0.68 app instead (rn068/babel-transformer.cjs with the devDependency
// metro-react-native-babel-preset 0.67.0, the last preset that lowers async functions to regenerator state
// machines); the bundler stays Metro 0.84.6, whose module format (`__d(factory, id, deps)`, `r(d[i])`) RN 0.68's
// Metro 0.67 already wrote. RN 0.68 compiled it with hermesc from npm `hermes-engine` 0.11.0 (bytecode v84), not a
// devDependency (15 MB with the Android AARs): `npm pack hermes-engine@0.11.0` into /tmp, unpack, and pass
// `--hermesc /tmp/…/package/linux64-bin/hermesc`. `--also-hbc NAME` also compiles the bundle with the repo's
// hermes-compiler into NAME (the same JS at the newest bytecode version).
//   node samples/hermes-rn/build-metro.mjs [--entry app.js] [--out-dir dir] [--package name]… [--shim-missing] [--no-js]
//                                          [--keep-js] [--rn068] [--hermesc path] [--also-hbc name]
// (--package: the installed SDK package(s) the app imports, watched with their dependencies; react-native-agora
// when none is given. test/fixtures/rn-wrappers/build.mjs builds other vendors' wrappers this way.)
// (--keep-js keeps app.unminified.js, the bundle hermesc compiled)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const require = createRequire(join(root, 'package.json'));
const Metro = require('metro');
const { getDefaultConfig, mergeConfig } = require('metro-config');
const SHIMS = { 'react-native': join(here, 'shims/react-native.js'), react: join(here, 'shims/react.js'), empty: join(here, 'shims/empty.js') };

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? resolve(args[args.indexOf(name) + 1]) : undefined);
const entry = opt('--entry') ?? join(here, 'src/App.js');
const outDir = opt('--out-dir') ?? join(here, 'dist/metro');
// --shim-missing: a module that is not installed (an example app's UI kit) is an empty module, as in build.mjs.
const shimMissing = args.includes('--shim-missing');
const rn068 = args.includes('--rn068');
const babelTransformer = rn068 ? join(here, 'rn068/babel-transformer.cjs') : require.resolve('@react-native/metro-babel-transformer');
const alsoHbc = args.includes('--also-hbc') ? args[args.indexOf('--also-hbc') + 1] : undefined;
const packages = args.flatMap((a, i) => (a === '--package' ? [args[i + 1]] : []));

/** The installed packages' folders some packages need at run time, transitively: Metro only bundles files it
 * watches. Each dependency is resolved from the package that needs it (npm may nest a version under it). */
function closure(names, from = require, seen = new Set()) {
  for (const name of names) {
    let pj;
    try {
      pj = from.resolve(`${name}/package.json`);
    } catch {
      continue;
    }
    if (seen.has(dirname(pj))) continue;
    seen.add(dirname(pj));
    closure(Object.keys(JSON.parse(readFileSync(pj, 'utf8')).dependencies ?? {}), createRequire(pj), seen);
  }
  return seen;
}
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));
// Watching all of node_modules would crawl hundreds of MB; the SDK, Babel's runtime helpers and Metro's runtime do.
const watched = [...closure([...(packages.length ? packages : ['react-native-agora']), '@babel/runtime', 'metro-runtime'])];
/** The app's own files: the entry's folder here, or for an app outside this repository its root (package.json). */
function appRoot() {
  if (!relative(root, entry).startsWith('..')) return dirname(entry);
  for (let d = dirname(entry); d !== dirname(d); d = dirname(d)) if (existsSync(join(d, 'package.json'))) return d;
  return dirname(entry);
}

async function config() {
  const defaults = await getDefaultConfig.getDefaultValues(root);
  return mergeConfig(defaults, {
    projectRoot: root,
    watchFolders: [here, appRoot(), ...watched],
    cacheStores: [],
    resetCache: true,
    reporter: { update() {} },
    resolver: {
      useWatchman: false,
      resolverMainFields: ['react-native', 'browser', 'main'],
      platforms: ['android', 'ios'],
      unstable_conditionNames: ['react-native'],
      // Packages come from this repository's node_modules (an app outside it has none installed).
      nodeModulesPaths: [join(root, 'node_modules')],
      resolveRequest(context, spec, platform) {
        const top = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (SHIMS[top]) return { type: 'sourceFile', filePath: SHIMS[top] };
        try {
          return context.resolveRequest(context, spec, platform);
        } catch (e) {
          if (shimMissing) return { type: 'sourceFile', filePath: SHIMS.empty };
          throw e;
        }
      },
    },
    serializer: { getPolyfills: () => [], getModulesRunBeforeMainModule: () => [] },
    transformer: {
      asyncRequireModulePath: require.resolve('metro-runtime/src/modules/asyncRequire'),
      babelTransformerPath: babelTransformer,
      getTransformOptions: async () => ({ transform: { experimentalImportSupport: false, inlineRequires: true } }),
    },
  });
}

async function bundle(out, minify) {
  // runBuild writes `${out minus .js}.js`; RN names the Android bundle without the extension.
  const js = out.replace(/(\.js)?$/, '.js');
  await Metro.runBuild(await config(), { entry, dev: false, minify, platform: 'android', out: js });
  if (js !== out) renameSync(js, out);
  return out;
}

mkdirSync(outDir, { recursive: true });
const hbc = join(outDir, 'app.hbc');
const plain = await bundle(join(outDir, 'app.unminified.js'), false);
const npmHermesc = join(packageDir('hermes-compiler'), 'hermesc', process.platform === 'darwin' ? 'osx-bin/hermesc' : 'linux64-bin/hermesc');
const hermesc = opt('--hermesc') ?? npmHermesc;
// Relative names: hermesc records the source file name in the bytecode, so the output does not depend on the folder.
execFileSync(hermesc, ['-emit-binary', '-O', '-w', '-out', 'app.hbc', 'app.unminified.js'], { stdio: 'inherit', cwd: outDir });
const made = [hbc];
if (alsoHbc) {
  execFileSync(npmHermesc, ['-emit-binary', '-O', '-w', '-out', alsoHbc, 'app.unminified.js'], { stdio: 'inherit', cwd: outDir });
  made.push(join(outDir, alsoHbc));
}
if (!args.includes('--keep-js')) rmSync(plain);
if (!args.includes('--no-js')) made.push(await bundle(join(outDir, 'index.android.bundle'), true));
for (const f of made) if (existsSync(f)) console.log(`${relative(root, f)}: ${statSync(f).size} bytes`);
