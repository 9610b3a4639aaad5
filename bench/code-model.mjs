// Code-model throughput (DEX, Mach-O and Hermes) on real third-party inputs, for `npm run bench` (and `--model-only`).
// The figure is MiB per second of this process's CPU time (user+sys): the model stage is single-threaded, and on a
// shared machine CPU time is the stable measure (wall time grows with other jobs' load). MiB = 2^20 bytes (the
// 20 MB/s target = 19.1 MiB/s). Each stage is warmed up (at least two passes and one second of CPU: the JIT compiles
// the interpreter), then the median of the next N (`--runs`, at least 5) is reported, and the first, cold pass too:
// a scan meets each file once.
// `--digest` also prints a SHA-256 of each input's model and facts (JSON), to compare two builds' outputs.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './measure.mjs';

const mib = (n) => n / 1024 / 1024;
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
/**
 * A digest of a value's structure (keys in order, undefined properties left out, a cycle as a back reference), the
 * same for equal structures whatever the objects' sharing: JSON.stringify throws on the Hermes models of real SDK
 * builds (receiver terms refer back to themselves through `this.x` alternatives), and equal values must give equal
 * digests when one build shares an object that another makes twice. Hash-consed: each distinct node's text is made
 * once from its children's ids, so a value shared many times stays linear.
 */
export function digest(x) {
  const table = new Map();
  const memo = new Map();
  const contextual = new Set();
  const id = (v, stack) => {
    if (typeof v !== 'object' || v === null) return JSON.stringify(v) ?? 'undefined';
    const hit = memo.get(v);
    if (hit) return hit;
    const back = stack.indexOf(v);
    if (back >= 0) return `^${stack.length - back}`;
    stack.push(v);
    // An object that says how it is written as JSON (a DEX call site keeps shared fields on its prototype) is that.
    const o = typeof v.toJSON === 'function' ? v.toJSON() : v;
    const parts = Array.isArray(o) ? o.map((e) => id(e, stack)) : Object.keys(o).filter((k) => o[k] !== undefined).map((k) => `${k}:${id(o[k], stack)}`);
    stack.pop();
    const text = Array.isArray(v) ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
    let i = table.get(text);
    if (!i) table.set(text, (i = `#${table.size}`));
    // An id whose text holds a back reference depends on the path to it: not memoised.
    if (parts.some((p) => p.includes('^') || contextual.has(p.slice(p.lastIndexOf(':') + 1)))) contextual.add(i);
    else memo.set(v, i);
    return i;
  };
  const root = id(x, []);
  const h = createHash('sha256');
  for (const t of table.keys()) h.update(t + '\n');
  return h.update(root).digest('hex').slice(0, 16);
}

function timed(fn, runs) {
  // Warm-up: at least two passes and one second of CPU (a small input needs many passes before the JIT settles).
  const c0 = cpuNow();
  const w0 = cpuNow();
  let last = fn();
  const cold = cpuNow() - w0;
  for (let i = 1; i < 40 && (i < 2 || cpuNow() - c0 < 1); i++) last = fn();
  const cpus = [];
  for (let i = 0; i < Math.max(5, runs); i++) {
    const t0 = cpuNow();
    last = fn();
    cpus.push(cpuNow() - t0);
  }
  return { cold, cpu: median(cpus), last };
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
 * `--macho FILE` (a thin arm64 image), else the arm64 slice of Google's WebRTC.framework (a vendor's dynamic iOS
 * framework: Objective-C over C++, 16 MiB) that npm cordova-plugin-iosrtc@8.0.4 ships in lib/WebRTC.xcframework.
 */
function realMachO(bench, argv) {
  const given = argv.includes('--macho') ? argv[argv.indexOf('--macho') + 1] : undefined;
  if (given) return { data: readFileSync(given), label: given };
  const dir = join(bench, 'macho');
  const fw = join(dir, 'package/lib/WebRTC.xcframework/ios-arm64_armv7/WebRTC.framework/WebRTC');
  const label = 'the arm64 slice of WebRTC.framework/WebRTC (npm cordova-plugin-iosrtc@8.0.4 lib/WebRTC.xcframework)';
  try {
    if (!existsSync(fw)) {
      mkdirSync(dir, { recursive: true });
      execFileSync('npm', ['pack', 'cordova-plugin-iosrtc@8.0.4', '--pack-destination', dir], { stdio: 'ignore' });
      execFileSync('tar', ['xzf', join(dir, 'cordova-plugin-iosrtc-8.0.4.tgz'), '-C', dir, 'package/lib/WebRTC.xcframework/ios-arm64_armv7/WebRTC.framework/WebRTC']);
    }
    const fat = readFileSync(fw);
    // fat_header (big-endian): magic, nfat_arch, then fat_arch {cputype, cpusubtype, offset, size, align}.
    if (fat.readUInt32BE(0) !== 0xcafebabe) return { data: fat, label };
    for (let i = 0; i < fat.readUInt32BE(4); i++) {
      const p = 8 + i * 20;
      if (fat.readUInt32BE(p) === 0x0100000c) return { data: fat.subarray(fat.readUInt32BE(p + 8), fat.readUInt32BE(p + 8) + fat.readUInt32BE(p + 12)), label };
    }
    console.log('note: no arm64 slice in WebRTC.framework for the Mach-O code-model line');
  } catch (e) {
    console.log(`note: no real Mach-O for the code-model line (${String(e).split('\n')[0]})`);
  }
  return undefined;
}

/**
 * The React Native sample (app code on the real react-native-agora 4.6.4, Metro format, hermesc -O; and the same app
 * built by Metro with the React Native Babel preset) and real vendor
 * Web SDK builds from npm (agora-rtc-sdk-ng, livekit-client, twilio-video, trtc-sdk-v5) compiled by the npm
 * hermes-compiler into the bench folder: third-party code at a real app's size.
 */
export function hermesInputs(root, bench) {
  const list = [
    { path: join(root, 'samples/hermes-rn/dist/app.hbc'), label: 'samples/hermes-rn/dist/app.hbc (app on the real react-native-agora 4.6.4)' },
    { path: join(root, 'samples/hermes-rn/dist/metro/app.hbc'), label: 'samples/hermes-rn/dist/metro/app.hbc (the same app through Metro and the RN Babel preset)' },
  ].filter((h) => existsSync(h.path));
  const hermesc = join(root, 'node_modules/hermes-compiler/hermesc', process.platform === 'darwin' ? 'osx-bin/hermesc' : 'linux64-bin/hermesc');
  const builds = [
    ['agora-rtc-sdk-ng', 'AgoraRTC_N-production.js'],
    ['livekit-client', 'dist/livekit-client.umd.js'],
    ['twilio-video', 'dist/twilio-video.min.js'],
    ['trtc-sdk-v5', 'trtc.js'],
  ];
  for (const [pkg, file] of builds) {
    const src = join(root, 'node_modules', pkg, file);
    const out = join(bench, `${pkg}.hbc`);
    if (!existsSync(out) && existsSync(hermesc) && existsSync(src)) {
      mkdirSync(bench, { recursive: true });
      spawnSync(hermesc, ['-emit-binary', '-O', '-w', '-out', out, src], { stdio: 'ignore' });
    }
    if (existsSync(out)) {
      const v = JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
      list.push({ path: out, label: `${pkg}@${v} ${file.split('/').pop()} compiled by hermesc -O` });
    }
  }
  return list;
}

export async function codeModelLines({ root, bench, runs, argv }) {
  const { defaultRulePack } = await import(join(root, 'dist/scanner/rules/pack.js'));
  const ctx = { rules: defaultRulePack(), maxStrings: 500_000 };
  const withDigest = argv.includes('--digest');
  const out = [];
  const line = (what, label, data, detail, model, reader, digests) =>
    `${what} on ${label} (${fmt(mib(data.length), 2)} MiB, ${detail}): model stage ${fmt(mib(data.length) / model.cpu, 1)} MiB/s of CPU time ` +
    `(first, cold pass ${fmt(mib(data.length) / model.cold, 1)}); whole reader with the model ${fmt(mib(data.length) / reader.cpu, 1)} MiB/s of CPU time` +
    (withDigest ? `; digests: model ${digest(digests.model)}, facts ${digest(digests.facts)}` : '') + '.';
  // Hermes first: the DEX model leaves a large heap behind, whose collection would be charged to what runs next.
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
    const m = model.last;
    out.push(line('Hermes code model', h.label, data, `bytecode v${file.header.version}, ${m.functions.length} functions, ${m.calls.length} call sites`, model, reader, { model: m, facts: reader.last }));
  }
  const machoInput = realMachO(bench, argv);
  if (machoInput) {
    const { emptyFacts } = await import(join(root, 'dist/scanner/core/facts.js'));
    const { FactSink } = await import(join(root, 'dist/scanner/formats/macho/sink.js'));
    const { SliceReader } = await import(join(root, 'dist/scanner/formats/macho/slice.js'));
    const { buildCodeModel } = await import(join(root, 'dist/scanner/formats/macho/code.js'));
    const { machoReader } = await import(join(root, 'dist/scanner/formats/macho/index.js'));
    const data = machoInput.data;
    // The model stage alone, on the load commands the slice reader has parsed (as inside the reader).
    const slice = new SliceReader(data, 0, new FactSink(emptyFacts('WebRTC', 'macho', false), 1e7, 'macho'), 'image');
    slice.read();
    const model = timed(() => buildCodeModel(slice.image.buf, slice.image.base, slice.commands, () => {}), runs);
    const reader = timed(() => machoReader.read(data, 'WebRTC', ctx), runs);
    const m = model.last.model;
    out.push(line('Mach-O code model', machoInput.label, data, `arm64, ${m.functions.length} functions, ${m.calls.length} call sites`, model, reader, { model: m, facts: reader.last }));
  }
  const dexInput = realDex(bench, argv);
  if (dexInput) {
    const { readDex } = await import(join(root, 'dist/scanner/formats/dex/index.js'));
    const { DexTables } = await import(join(root, 'dist/scanner/formats/dex/tables.js'));
    const { readHeader } = await import(join(root, 'dist/scanner/formats/dex/header.js'));
    const { scanClasses } = await import(join(root, 'dist/scanner/formats/dex/classes.js'));
    const { buildDexModel } = await import(join(root, 'dist/scanner/formats/dex/model.js'));
    const data = readFileSync(dexInput.path);
    // The model stage alone, on tables the reader has decoded (as inside readDex).
    const t = new DexTables(data, readHeader(data));
    const scan = scanClasses(t);
    const model = timed(() => buildDexModel(t, scan.classes, scan.methods, () => false), runs);
    const reader = timed(() => readDex(data, 'classes.dex', ctx), runs);
    const m = model.last.model;
    out.push(line('DEX code model', dexInput.label, data, `${m.functions.length} methods, ${m.calls.length} call sites`, model, reader, { model: m, facts: reader.last }));
  }
  return out;
}
