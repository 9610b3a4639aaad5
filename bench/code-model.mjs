// Code-model throughput (DEX and Hermes) on real third-party inputs, for `npm run bench` (and `--model-only`).
// Reports wall time and this process's CPU time (user+sys): on a shared machine the CPU figure is the stable one.
// MiB = 2^20 bytes; the first pass warms the JIT, medians of the rest.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './measure.mjs';

const mib = (n) => n / 1024 / 1024;
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

function timed(fn, runs) {
  const walls = [];
  const cpus = [];
  let last;
  for (let i = 0; i < Math.max(2, Math.min(runs, 5) + 1); i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    last = fn();
    walls.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1e6);
  }
  return { s: median(walls.slice(1)), cpu: median(cpus.slice(1)), last };
}

/** `--dex FILE`, else the largest dex of the APK that npm appium-uiautomator2-server@10.6.6 ships (npm pack once). */
function realDex(bench, argv) {
  const given = argv.includes('--dex') ? argv[argv.indexOf('--dex') + 1] : undefined;
  if (given) return { path: given, label: given };
  const dir = join(bench, 'dex');
  const out = join(dir, 'classes.dex');
  const label = 'classes.dex of appium-uiautomator2-server-v10.6.6.apk (npm appium-uiautomator2-server@10.6.6)';
  if (existsSync(out)) return { path: out, label };
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['pack', 'appium-uiautomator2-server@10.6.6', '--pack-destination', dir], { stdio: 'ignore' });
    execFileSync('tar', ['xzf', join(dir, 'appium-uiautomator2-server-10.6.6.tgz'), '-C', dir]);
    execFileSync('unzip', ['-q', '-o', join(dir, 'package/apks/appium-uiautomator2-server-v10.6.6.apk'), 'classes.dex', '-d', dir]);
    return { path: out, label };
  } catch (e) {
    console.log(`note: no real DEX for the code-model line (${String(e).split('\n')[0]})`);
    return undefined;
  }
}

/**
 * The React Native sample (app code on the real react-native-agora 4.6.4, Metro format, hermesc -O) and the real
 * Agora Web SDK (npm agora-rtc-sdk-ng, AgoraRTC_N-production.js) compiled by the npm hermes-compiler into the
 * bench folder: third-party code at a real app's size.
 */
function hermesInputs(root, bench) {
  const list = [{ path: join(root, 'samples/hermes-rn/dist/app.hbc'), label: 'samples/hermes-rn/dist/app.hbc (app on the real react-native-agora 4.6.4)' }];
  const hermesc = join(root, 'node_modules/hermes-compiler/hermesc', process.platform === 'darwin' ? 'osx-bin/hermesc' : 'linux64-bin/hermesc');
  const src = join(root, 'node_modules/agora-rtc-sdk-ng/AgoraRTC_N-production.js');
  const out = join(bench, 'agora-rtc-sdk-ng.hbc');
  if (!existsSync(out) && existsSync(hermesc) && existsSync(src)) {
    mkdirSync(bench, { recursive: true });
    spawnSync(hermesc, ['-emit-binary', '-O', '-w', '-out', out, src], { stdio: 'ignore' });
  }
  if (existsSync(out)) {
    const v = JSON.parse(readFileSync(join(root, 'node_modules/agora-rtc-sdk-ng/package.json'), 'utf8')).version;
    list.push({ path: out, label: `agora-rtc-sdk-ng@${v} AgoraRTC_N-production.js compiled by hermesc -O` });
  }
  return list;
}

export async function codeModelLines({ root, bench, runs, argv }) {
  const { defaultRulePack } = await import(join(root, 'dist/scanner/rules/pack.js'));
  const ctx = { rules: defaultRulePack(), maxStrings: 500_000 };
  const out = [];
  const dexInput = realDex(bench, argv);
  if (dexInput) {
    const { readDex } = await import(join(root, 'dist/scanner/formats/dex/index.js'));
    const { DexTables } = await import(join(root, 'dist/scanner/formats/dex/tables.js'));
    const { readHeader } = await import(join(root, 'dist/scanner/formats/dex/header.js'));
    const { scanClasses } = await import(join(root, 'dist/scanner/formats/dex/classes.js'));
    const { buildDexModel } = await import(join(root, 'dist/scanner/formats/dex/model.js'));
    const data = readFileSync(dexInput.path);
    const reader = timed(() => readDex(data, 'classes.dex', ctx), runs);
    // The model stage alone, on tables the reader has decoded (as inside readDex).
    const t = new DexTables(data, readHeader(data));
    const scan = scanClasses(t);
    const model = timed(() => buildDexModel(t, scan.classes, scan.methods, () => false), runs);
    out.push(
      `DEX code model on ${dexInput.label} (${fmt(mib(data.length), 1)} MiB, ${model.last.model.functions.length} methods, ${model.last.model.calls.length} call sites): ` +
        `model stage ${fmt(mib(data.length) / model.s, 1)} MiB/s wall, ${fmt(mib(data.length) / model.cpu, 1)} MiB/s CPU; whole DEX reader with the model ${fmt(mib(data.length) / reader.s, 1)} MiB/s wall (single thread).`,
    );
  }
  const { parseHermes } = await import(join(root, 'dist/scanner/formats/hermes/parse.js'));
  const { buildHermesModel } = await import(join(root, 'dist/scanner/formats/hermes/model.js'));
  const { opcodeTable } = await import(join(root, 'dist/scanner/formats/hermes/opcodes.js'));
  const { hermesReader } = await import(join(root, 'dist/scanner/formats/hermes/index.js'));
  for (const h of hermesInputs(root, bench)) {
    const data = readFileSync(h.path);
    const file = parseHermes(data, { maxStrings: 1e7 });
    const table = opcodeTable(file.header.version);
    const model = timed(() => buildHermesModel({ data, header: file.header, layout: file.layout, table }, file, { rules: ctx.rules }), runs);
    const reader = timed(() => hermesReader.read(data, 'app.hbc', ctx), runs);
    out.push(
      `Hermes code model on ${h.label} (${fmt(mib(data.length), 2)} MiB, bytecode v${file.header.version}, ${model.last.functions.length} functions, ${model.last.calls.length} call sites): ` +
        `model stage ${fmt(mib(data.length) / model.s, 2)} MiB/s wall, ${fmt(mib(data.length) / model.cpu, 2)} MiB/s CPU; whole Hermes reader with the model ${fmt(mib(data.length) / reader.s, 2)} MiB/s wall (single thread).`,
    );
  }
  return out;
}
