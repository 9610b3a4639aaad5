#!/usr/bin/env node
// Precision and recall of the app-level findings (sessions with argument roles, credentials, App-ID-only joins,
// missing encryption, residency, cleartext flows) per code format, against the ground truth written down from each
// app's source (test/fixtures/differential/ground-truth.json). Apps are small and ours; the SDK code they are
// compiled with is the real npm package. Vendor-only inputs (real SDK builds, a real app without RTC) have no
// expected finding: whatever they report is a false positive.
// `--rn-examples DIR` (a checkout of AgoraIO-Extensions/react-native-agora) adds app code we did not write: five
// example screens, scanned as their TSX source and as Hermes bytecode (samples/hermes-rn/build.mjs --shim-missing:
// the real react-native-agora from npm, the examples' UI packages as empty modules).
// `--metro` adds the same React Native apps built by the real RN release toolchain (samples/hermes-rn/build-metro.mjs:
// Metro + @react-native/babel-preset, then hermesc), as rows of their own: `Hermes (Metro)` for the bytecode and
// `JS (Metro)` for the minified JSC-style bundle.
// `--rn068` adds the same apps built with React Native 0.68's transform (build-metro.mjs --rn068:
// metro-react-native-babel-preset 0.67.0, async functions as regenerator state machines), as `Hermes (RN 0.68)` and
// `JS (RN 0.68)` rows, plus the await-screen fixture (a session that starts after awaits).
//   node scripts/model-accuracy.mjs [--rn-examples DIR] [--metro] [--rn068]      (needs dist/: npm run build)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const truth = JSON.parse(readFileSync(join(root, 'test/fixtures/differential/ground-truth.json'), 'utf8')).apps;
const RULES = new Set(['RTC102', 'RTC301', 'RTC304', 'RTC401', 'RTC402', 'RTC403', 'RTC404', 'RTC501']);
const kindOf = (api) => (/init|shared-engine|create/.test(api) ? 'init' : /join/.test(api) ? 'join' : api);

/** Files of one app, scanned together in their own folder layout (relative imports between them resolve). */
function inTree(base, ...files) {
  const dir = mkdtempSync(join(tmpdir(), 'rtcscan-acc-'));
  for (const file of files) {
    const to = join(dir, relative(base, file));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(file, to);
  }
  return dir;
}

/** JS files scanned alone, as an app's source files (nothing else in the folder). */
function alone(...files) {
  const dir = mkdtempSync(join(tmpdir(), 'rtcscan-acc-'));
  for (const file of files) copyFileSync(resolve(root, file), join(dir, file.split('/').pop()));
  return dir;
}

function scan(input) {
  const r = spawnSync(process.execPath, [join(root, 'dist/scanner/cli/main.js'), 'scan', input, '--format', 'json', '--fail-on', 'none', '--quiet'], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`scan ${input}: exit ${r.status}: ${r.stderr.split('\n')[0]}`);
  return JSON.parse(r.stdout).bundles.flatMap((b) => b.findings);
}

/** The same signature the differential test compares; flows by URL shape (one per URL: formats differ in how many identifiers per URL they name). */
function signatures(findings) {
  const out = new Set();
  for (const f of findings) {
    if (!RULES.has(f.ruleId) || f.location.artifact.endsWith('.plist')) continue;
    if (f.ruleId === 'RTC301') {
      out.add(`RTC301 ${(/\((https?:[^)]*)\)/.exec(f.message)?.[1] ?? '?').replace(/\$\{[^}]*\}/g, '${}')}`);
      continue;
    }
    const roles = [...f.message.matchAll(/\b(appId|token|channel|uid)=("[^"]*"|null|\d+|<[^,)]*>|[^,)\s]+)/g)]
      .map(([, role, v]) => `${role}:${v === 'null' ? 'null' : /^("|\d)/.test(v) ? 'literal' : 'unknown'}`)
      .sort()
      .join(',');
    out.add([f.ruleId, f.properties.vendor ?? '-', f.properties.api ? kindOf(f.properties.api) : '-', roles].filter(Boolean).join(' '));
  }
  return out;
}

const hermesc = join(root, 'node_modules/hermes-compiler/hermesc', process.platform === 'darwin' ? 'osx-bin/hermesc' : 'linux64-bin/hermesc');
/** A real vendor SDK build compiled by hermesc (no app code in it). */
function hermesOf(src) {
  const dir = join(tmpdir(), 'rtcscan-acc-hbc');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, src.replace(/[^\w.-]+/g, '_') + '.hbc');
  if (!existsSync(out)) spawnSync(hermesc, ['-emit-binary', '-O', '-w', '-out', out, join(root, src)], { stdio: 'ignore' });
  return existsSync(out) ? out : undefined;
}

const inputs = [
  { format: 'JS', app: 'call-screen', input: () => alone('test/fixtures/differential/call-screen.js'), name: 'call-screen.js' },
  { format: 'JS', app: 'club', input: () => alone('test/fixtures/macho-app/src/club.js'), name: 'club.js' },
  { format: 'JS', app: 'voice-room', input: () => 'samples/hermes-rn/src', name: 'samples/hermes-rn/src' },
  { format: 'JS', app: 'class-screen', input: () => alone('test/fixtures/differential/class-screen.js'), name: 'class-screen.js (class components, class-property arrows)' },
  { format: 'JS', app: 'hook-screen', input: () => 'test/fixtures/differential/hook-screen', name: 'hook-screen/ (a hook module returning the engine, a screen using it)' },
  { format: 'JS', app: 'none', input: () => 'node_modules/react-native-agora/src', name: 'react-native-agora@4.6.4 src (real)' },
  { format: 'JS', app: 'none', input: () => 'node_modules/agora-rtc-sdk-ng/AgoraRTC_N-production.js', name: 'agora-rtc-sdk-ng production build (real)' },
  { format: 'JS', app: 'none', input: () => 'node_modules/livekit-client/dist/livekit-client.umd.js', name: 'livekit-client UMD build (real)' },
  { format: 'Hermes', app: 'call-screen', input: () => 'test/fixtures/differential/call-screen.hbc', name: 'call-screen.hbc (+ real react-native-agora)' },
  { format: 'Hermes', app: 'club', input: () => 'test/fixtures/differential/club.hbc', name: 'club.hbc (+ real react-native-agora)' },
  { format: 'Hermes', app: 'voice-room', input: () => 'samples/hermes-rn/dist/app.hbc', name: 'samples/hermes-rn app.hbc (+ real react-native-agora)' },
  { format: 'Hermes', app: 'class-screen', input: () => 'test/fixtures/differential/class-screen.hbc', name: 'class-screen.hbc (+ real react-native-agora)' },
  { format: 'Hermes', app: 'hook-screen', input: () => 'test/fixtures/differential/hook-screen.hbc', name: 'hook-screen.hbc (+ real react-native-agora)' },
  { format: 'Hermes', app: 'none', input: () => hermesOf('node_modules/agora-rtc-sdk-ng/AgoraRTC_N-production.js'), name: 'agora-rtc-sdk-ng production build, hermesc -O (real)' },
  { format: 'Hermes', app: 'none', input: () => hermesOf('node_modules/livekit-client/dist/livekit-client.umd.js'), name: 'livekit-client UMD build, hermesc -O (real)' },
  { format: 'DEX', app: 'call-screen', input: () => 'test/fixtures/dex/model/app.dex', name: 'app.dex (smali, vendor names real)' },
  { format: 'DEX', app: 'none', input: () => (existsSync(join(root, '.bench/dex/classes.dex')) ? '.bench/dex/classes.dex' : undefined), name: 'appium-uiautomator2-server 10.6.6 classes.dex (real app, no RTC)' },
  { format: 'Mach-O', app: 'club', input: () => 'test/fixtures/macho-app/Club', name: 'Club (clang + ld64.lld, __stubs)' },
  { format: 'Mach-O', app: 'club', input: () => 'test/fixtures/macho-app/Club-selstubs', name: 'Club-selstubs (objc_msgSend$sel stubs)' },
];

const metro = process.argv.includes('--metro');
if (metro) {
  for (const [app, dir] of [['voice-room', 'samples/hermes-rn/dist/metro'], ['class-screen', 'test/fixtures/differential/metro/class-screen'], ['hook-screen', 'test/fixtures/differential/metro/hook-screen']]) {
    inputs.push({ format: 'Hermes (Metro)', app, input: () => `${dir}/app.hbc`, name: `${dir}/app.hbc (Metro + Babel preset, hermesc -O)` });
    inputs.push({ format: 'JS (Metro)', app, input: () => `${dir}/index.android.bundle`, name: `${dir}/index.android.bundle (Metro + Babel preset, minified)` });
  }
}

const rn068 = process.argv.includes('--rn068');
if (rn068) {
  for (const app of ['voice-room', 'class-screen', 'hook-screen', 'await-screen']) {
    const dir = `test/fixtures/differential/rn068/${app}`;
    inputs.push({ format: 'Hermes (RN 0.68)', app, input: () => `${dir}/app.hbc`, name: `${dir}/app.hbc (RN 0.68 preset, hermesc -O)` });
    if (existsSync(join(root, dir, 'app.v90.hbc'))) inputs.push({ format: 'Hermes (RN 0.68)', app, input: () => `${dir}/app.v90.hbc`, name: `${dir}/app.v90.hbc (RN 0.68 preset, RN 0.71's hermesc, bytecode v90)` });
    inputs.push({ format: 'JS (RN 0.68)', app, input: () => `${dir}/index.android.bundle`, name: `${dir}/index.android.bundle (RN 0.68 preset, minified)` });
  }
}

const ex = process.argv.includes('--rn-examples') ? resolve(process.argv[process.argv.indexOf('--rn-examples') + 1], 'examples/expo/app/examples') : undefined;
if (ex) {
  const screens = [
    ['rna-basic-JoinChannelAudio', 'basic/JoinChannelAudio/JoinChannelAudio.tsx'],
    ['rna-basic-JoinChannelVideo', 'basic/JoinChannelVideo/JoinChannelVideo.tsx'],
    ['rna-basic-StringUid', 'basic/StringUid/StringUid.tsx'],
    ['rna-advanced-Encryption', 'advanced/Encryption/Encryption.tsx'],
    ['rna-hook-JoinChannelAudio', 'hook/JoinChannelAudio/JoinChannelAudio.tsx', 'hook/hooks/useInitRtcEngine.tsx'],
  ];
  const out = mkdtempSync(join(tmpdir(), 'rtcscan-acc-rn-'));
  for (const [app, file, ...more] of screens) {
    const name = `react-native-agora example ${file.replace(/\.tsx$/, '').split('/').slice(0, 2).join('/')}`;
    inputs.push({ format: 'JS', app, input: () => inTree(ex, join(ex, file), ...more.map((m) => join(ex, m))), name: `${name} (TSX)` });
    inputs.push({
      format: 'Hermes', app, name: `${name} (hermesc -O)`,
      input: () => {
        const hbc = join(out, `${app}.hbc`);
        const r = spawnSync(process.execPath, [join(root, 'samples/hermes-rn/build.mjs'), '--shim-missing', '--entry', join(ex, file), '--out', hbc], { encoding: 'utf8' });
        return r.status === 0 ? hbc : undefined;
      },
    });
    if (!metro) continue;
    // The real toolchain: one Metro build gives both artifacts.
    const dir = join(out, `${app}-metro`);
    const built = () => existsSync(join(dir, 'app.hbc')) || spawnSync(process.execPath, [join(root, 'samples/hermes-rn/build-metro.mjs'), '--shim-missing', '--entry', join(ex, file), '--out-dir', dir], { encoding: 'utf8' }).status === 0;
    inputs.push({ format: 'Hermes (Metro)', app, name: `${name} (Metro + Babel preset, hermesc -O)`, input: () => (built() ? join(dir, 'app.hbc') : undefined) });
    inputs.push({ format: 'JS (Metro)', app, name: `${name} (Metro + Babel preset, minified bundle)`, input: () => (built() && existsSync(join(dir, 'index.android.bundle')) ? join(dir, 'index.android.bundle') : undefined) });
    if (!rn068) continue;
    const old = join(out, `${app}-rn068`);
    const builtOld = () => existsSync(join(old, 'app.hbc')) || spawnSync(process.execPath, [join(root, 'samples/hermes-rn/build-metro.mjs'), '--rn068', '--shim-missing', '--entry', join(ex, file), '--out-dir', old], { encoding: 'utf8' }).status === 0;
    inputs.push({ format: 'Hermes (RN 0.68)', app, name: `${name} (RN 0.68 preset, hermesc -O)`, input: () => (builtOld() ? join(old, 'app.hbc') : undefined) });
    inputs.push({ format: 'JS (RN 0.68)', app, name: `${name} (RN 0.68 preset, minified bundle)`, input: () => (builtOld() && existsSync(join(old, 'index.android.bundle')) ? join(old, 'index.android.bundle') : undefined) });
  }
}

const rows = [];
for (const i of inputs) {
  const input = i.input();
  if (!input) {
    rows.push({ ...i, skipped: true });
    continue;
  }
  const got = signatures(scan(input));
  const want = new Set(truth[i.app].expected);
  const tp = [...got].filter((s) => want.has(s));
  rows.push({ ...i, expected: want.size, reported: got.size, tp: tp.length, fp: [...got].filter((s) => !want.has(s)), fn: [...want].filter((s) => !got.has(s)) });
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(0)}%` : 'n/a');
const lines = ['| format | input | expected | reported | true pos. | precision | recall |', '|---|---|---:|---:|---:|---:|---:|'];
for (const r of rows) {
  if (r.skipped) {
    lines.push(`| ${r.format} | ${r.name} | — | — | — | not available here | |`);
    continue;
  }
  lines.push(`| ${r.format} | ${r.name} | ${r.expected} | ${r.reported} | ${r.tp} | ${pct(r.tp, r.reported)} | ${pct(r.tp, r.expected)} |`);
}
lines.push('', '| format | expected | reported | true pos. | precision | recall |', '|---|---:|---:|---:|---:|---:|');
for (const format of ['JS', 'Hermes', 'DEX', 'Mach-O', ...(metro ? ['Hermes (Metro)', 'JS (Metro)'] : []), ...(rn068 ? ['Hermes (RN 0.68)', 'JS (RN 0.68)'] : [])]) {
  const rs = rows.filter((r) => r.format === format && !r.skipped);
  const e = rs.reduce((n, r) => n + r.expected, 0);
  const p = rs.reduce((n, r) => n + r.reported, 0);
  const t = rs.reduce((n, r) => n + r.tp, 0);
  lines.push(`| ${format} | ${e} | ${p} | ${t} | ${pct(t, p)} | ${pct(t, e)} |`);
}
console.log(lines.join('\n'));
for (const r of rows) {
  if (r.skipped) continue;
  for (const s of r.fp) console.log(`false positive  ${r.format} ${r.name}: ${s}`);
  for (const s of r.fn) console.log(`missed          ${r.format} ${r.name}: ${s}`);
}
