#!/usr/bin/env node
// Builds samples/hermes-rn/dist/app.hbc: the sample app plus the real react-native-agora package (devDependency)
// in Metro's production module format, compiled by hermesc from the npm `hermes-compiler` package (devDependency).
// Metro itself is not a dependency; this does what its release build does to module code:
//   - resolves imports with Metro's main fields (`react-native`, `browser`, `main`), so react-native-agora's
//     TypeScript sources (`"react-native": "src/index"`) are what gets bundled, as in a real RN app;
//   - compiles each module to CommonJS (esbuild here, Babel in Metro) and wraps it as
//     `__d(function (global, require, importDefault, importAll, module, exports, dependencyMap) {…}, id, [deps])`
//     with `require(dependencyMap[i])` — numeric ids, no module paths (Metro keeps names only in dev builds);
//   - prepends a minimal `__d`/`__r` module system and ends with `__r(0)`.
// `react-native` and `react` are not bundled (the real ones need the app's native side): tiny shims stand in.
//   node samples/hermes-rn/build.mjs [--entry app.js] [--out file] [--keep-js] [--shim-missing]
// (--entry: the differential fixtures in test/fixtures/differential/ are built the same way: build-hermes.sh)
import { transform } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const require = createRequire(join(root, 'package.json'));
const EXTS = ['.ts', '.tsx', '.js', '.jsx', '.json'];
const SHIMS = { 'react-native': join(here, 'shims/react-native.js'), react: join(here, 'shims/react.js'), empty: join(here, 'shims/empty.js') };
// --shim-missing: a module that is not installed (an example app's UI kit, its untracked config file) is an empty
// module, so third-party example screens bundle with only the SDK package real.
const shimMissing = process.argv.includes('--shim-missing');

function isFile(p) {
  return existsSync(p) && statSync(p).isFile();
}

function withExtensions(base) {
  if (isFile(base)) return base;
  for (const e of EXTS) if (isFile(base + e)) return base + e;
  for (const e of EXTS) if (isFile(join(base, 'index' + e))) return join(base, 'index' + e);
  return undefined;
}

/** Metro-style resolution: relative paths with RN extensions, packages by `react-native`/`browser`/`main`. */
function resolveModule(spec, from) {
  const top = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  if (SHIMS[top]) return SHIMS[top];
  if (shimMissing) {
    try {
      return resolveReal(spec, from, top) ?? SHIMS.empty;
    } catch {
      return SHIMS.empty;
    }
  }
  return resolveReal(spec, from, top);
}

function resolveReal(spec, from, top) {
  if (spec.startsWith('.')) return withExtensions(resolve(dirname(from), spec));
  const pkgJson = require.resolve(`${top}/package.json`, { paths: [dirname(from), root] });
  const pkgDir = dirname(pkgJson);
  const sub = spec.slice(top.length);
  if (sub) return withExtensions(join(pkgDir, sub));
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
  for (const field of ['react-native', 'browser', 'main']) {
    if (typeof pkg[field] === 'string') {
      const hit = withExtensions(join(pkgDir, pkg[field]));
      if (hit) return hit;
    }
  }
  return withExtensions(join(pkgDir, 'index'));
}

const LOADERS = { '.ts': 'ts', '.tsx': 'tsx', '.js': 'jsx', '.jsx': 'jsx', '.json': 'json' };

async function metroBundle(entry) {
  const ids = new Map();
  const order = [];
  const queue = [entry];
  ids.set(entry, 0);
  order.push(entry);
  const wrapped = [];
  while (queue.length) {
    const file = queue.shift();
    const src = readFileSync(file, 'utf8');
    const { code } = await transform(src, {
      loader: LOADERS[extname(file)] ?? 'js', format: 'cjs', target: 'es2019', jsx: 'transform',
      define: { __DEV__: 'false', 'process.env.NODE_ENV': '"production"' }, sourcefile: relative(root, file),
    });
    const deps = [];
    const body = code.replace(/\brequire\(("(?:[^"\\]|\\.)*")\)/g, (_m, lit) => {
      const spec = JSON.parse(lit);
      const target = resolveModule(spec, file);
      if (!target && !shimMissing) throw new Error(`cannot resolve ${spec} from ${relative(root, file)}`);
      if (!ids.has(target)) {
        ids.set(target, order.length);
        order.push(target);
        queue.push(target);
      }
      let i = deps.indexOf(ids.get(target));
      if (i < 0) i = deps.push(ids.get(target)) - 1;
      return `_$$_REQUIRE(_dependencyMap[${i}])`;
    });
    wrapped[ids.get(file)] =
      `__d(function (global, _$$_REQUIRE, _$$_IMPORT_DEFAULT, _$$_IMPORT_ALL, module, exports, _dependencyMap) {\n${body}\n}, ${ids.get(file)}, [${deps.join(',')}]);`;
  }
  const prelude = `var __DEV__ = false, global = globalThis, process = { env: { NODE_ENV: 'production' } };
var __modules = Object.create(null);
function __d(factory, moduleId, dependencyMap) {
  __modules[moduleId] = { factory: factory, dependencyMap: dependencyMap, isInitialized: false, publicModule: { exports: {} } };
}
function __r(moduleId) {
  var m = __modules[moduleId];
  if (!m.isInitialized) {
    m.isInitialized = true;
    m.factory(global, __r, __r, __r, m.publicModule, m.publicModule.exports, m.dependencyMap);
  }
  return m.publicModule.exports;
}
`;
  return { js: `${prelude}${wrapped.join('\n')}\n__r(0);\n`, modules: order.length };
}

const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const out = outArg >= 0 ? resolve(args[outArg + 1]) : join(here, 'dist/app.hbc');
const entryArg = args.indexOf('--entry');
const entry = entryArg >= 0 ? resolve(args[entryArg + 1]) : join(here, 'src/App.js');
const { js, modules } = await metroBundle(entry);
mkdirSync(dirname(out), { recursive: true });
const jsFile = out.replace(/\.hbc$/, '') + '.bundle.js';
writeFileSync(jsFile, js);
const hermesc = join(dirname(require.resolve('hermes-compiler/package.json')), 'hermesc', process.platform === 'darwin' ? 'osx-bin/hermesc' : 'linux64-bin/hermesc');
// -O as the React Native release build runs it (react-native/scripts/react-native-xcode.sh: hermesc -emit-binary -O).
execFileSync(hermesc, ['-emit-binary', '-O', '-out', out, jsFile], { stdio: 'inherit' });
if (!args.includes('--keep-js')) execFileSync('rm', ['-f', jsFile]);
console.log(`${relative(root, out)}: ${modules} modules, ${statSync(out).size} bytes`);
