// Builds the benchmark IPA (~250 MB) deterministically from real parts: minified bundles of real RTC web SDKs
// (bundled with esbuild from the installed devDependencies), the Hermes, Mach-O and ELF fixtures, thousands of small
// resources and incompressible blobs from a seeded AES-CTR keystream. Same seed → same bytes (mtimes are fixed).
import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { build } from 'esbuild';
import yazl from 'yazl';
import * as plist from 'plist';
import { installedBuilds } from './vendor-builds.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const MTIME = new Date('2026-01-01T00:00:00Z');

/** The SDK packages bundled into the app's JS; each becomes one minified bundle. */
export const SDK_PACKAGES = ['agora-rtc-sdk-ng', 'twilio-video', 'livekit-client', 'trtc-sdk-v5', '@daily-co/daily-js', '@opentok/client', 'sendbird-calls', 'nertc-web-sdk'];

/** Seeded keystream: AES-128-CTR over zeros, key and IV derived from the seed and a label. */
export function seededBytes(seed, label, n) {
  const k = createHash('sha256').update(`${seed}:${label}`).digest();
  const c = createCipheriv('aes-128-ctr', k.subarray(0, 16), k.subarray(16, 32));
  return c.update(Buffer.alloc(n));
}

/** Small deterministic integer PRNG (mulberry32) for sizes and names. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Minified IIFE bundle of one npm package, as an app bundler would ship it. Cached in `.bench/sdk/`. */
export async function bundleSdk(pkg, cacheDir) {
  const file = join(cacheDir, `${pkg.replace(/[@/]/g, '_')}.min.js`);
  if (existsSync(file)) return readFileSync(file);
  const r = await build({
    stdin: { contents: `import * as sdk from ${JSON.stringify(pkg)}; globalThis.__sdk = sdk;`, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const out = Buffer.from(r.outputFiles[0].contents);
  writeFileSync(file, out);
  return out;
}

function png(rand, seed, i) {
  const w = 16 + Math.floor(rand() * 48);
  const h = 16 + Math.floor(rand() * 48);
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = [];
  const px = seededBytes(seed, `png${i}`, w * 3);
  for (let y = 0; y < h; y++) rows.push(Buffer.from([0]), px);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * Writes `<dir>/big.ipa` unless an IPA with the same recipe exists. Returns its path and a manifest
 * (entries, stored and deflated byte totals, the JS bundles for the throughput measurement).
 */
export async function buildBenchIpa(dir, { seed = 1, storedMiB = 194, smallFiles = 4000, name = 'big', dataSets = 8 } = {}) {
  mkdirSync(join(dir, 'sdk'), { recursive: true });
  const vendorFiles = installedBuilds();
  const recipe = JSON.stringify({ v: 4, seed, storedMiB, smallFiles, dataSets, SDK_PACKAGES, vendorFiles: vendorFiles.map((b) => `${b.pkg}/${b.file}`) });
  const ipa = join(dir, `${name}.ipa`);
  const manifestFile = join(dir, `${name}.manifest.json`);
  const sdks = [];
  for (const pkg of SDK_PACKAGES) sdks.push({ pkg, data: await bundleSdk(pkg, join(dir, 'sdk')) });
  if (existsSync(ipa) && existsSync(manifestFile)) {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (m.recipe === recipe) return { ipa, manifest: m, sdks, vendorFiles };
  }
  const rand = prng(seed);
  const zip = new yazl.ZipFile();
  const app = 'Payload/Bench.app';
  const entries = [];
  const add = (path, data, compress) => {
    zip.addBuffer(data, path, { mtime: MTIME, mode: 0o100644, compress });
    entries.push({ path, size: data.length, compress });
  };
  // Info.plist and a real Mach-O main executable, frameworks from the Mach-O fixture.
  add(`${app}/Info.plist`, Buffer.from(plist.build({ CFBundleIdentifier: 'com.example.bench', CFBundleExecutable: 'Bench', NSAppTransportSecurity: { NSAllowsArbitraryLoads: true } })), true);
  add(`${app}/Bench`, readFileSync(join(ROOT, 'test/fixtures/macho/App')), true);
  add(`${app}/Frameworks/AgoraRtcKit.framework/AgoraRtcKit`, readFileSync(join(ROOT, 'test/fixtures/macho/AgoraRtcKit.framework/AgoraRtcKit')), true);
  // React Native: Hermes bytecode of the app, and one plain-JS web view bundle per SDK (deflated, as Xcode does).
  add(`${app}/main.jsbundle`, readFileSync(join(ROOT, 'test/fixtures/hermes/big-v96.hbc')), true);
  add(`${app}/hermes-v99.jsbundle`, readFileSync(join(ROOT, 'test/fixtures/hermes/big-v99.hbc')), true);
  for (const { pkg, data } of sdks) add(`${app}/www/sdk/${pkg.replace(/[@/]/g, '_')}.min.js`, data, true);
  // The same Agora bundle shipped again by a second web view (apps do ship duplicate copies).
  add(`${app}/PlugIns/Share.appex/www/AgoraRTC_N-production.js`, sdks[0].data, true);
  // The vendors' own production files, unmodified, as hybrid apps ship them (copied into the web root under their
  // own names), and one vendored into a static folder under a versioned name.
  for (const b of vendorFiles) add(`${app}/public/lib/${b.pkg.replace(/[@/]/g, '_')}/${b.file.split('/').pop()}`, readFileSync(b.path), true);
  const agora = vendorFiles.find((b) => b.file === 'AgoraRTC_N-production.js');
  if (agora) add(`${app}/www/static/vendor/AgoraRTC_N-4.24.8.js`, readFileSync(agora.path), true);
  // ELF libraries as shipped by cross-platform plugins.
  for (const abi of ['arm64-v8a', 'armeabi-v7a']) {
    for (const so of ['libagora-core.so', 'libagora-rtc-sdk.so']) add(`${app}/jniLibs/${abi}/${so}`, readFileSync(join(ROOT, 'test/fixtures/elf', abi, so)), true);
  }
  // Thousands of small resources: localisation JSON, plists, PNG images.
  for (let i = 0; i < smallFiles; i++) {
    const kind = i % 3;
    if (kind === 0) {
      const obj = {};
      const n = 5 + Math.floor(rand() * 40);
      for (let k = 0; k < n; k++) obj[`key_${i}_${k}`] = `Text ${Math.floor(rand() * 1e9).toString(36)} for screen ${k}`;
      add(`${app}/Resources/l10n/strings_${i}.json`, Buffer.from(JSON.stringify(obj, null, 1)), true);
    } else if (kind === 1) {
      add(`${app}/Resources/config/settings_${i}.plist`, Buffer.from(plist.build({ Name: `item${i}`, Size: Math.floor(rand() * 1000), Enabled: rand() < 0.5 })), true);
    } else {
      add(`${app}/Resources/images/icon_${i}.png`, png(rand, seed, i), false);
    }
  }
  // Incompressible blobs (video, asset catalogues, ML models) stored: 194 MiB in blobs of 2–16 MiB.
  let stored = storedMiB * 1024 * 1024;
  for (let i = 0; stored > 0; i++) {
    const n = Math.min(stored, (2 + Math.floor(rand() * 15)) * 1024 * 1024);
    const name = ['Assets.car', `media/intro_${i}.mp4`, `models/model_${i}.mlmodelc`][i % 3];
    add(`${app}/${i === 0 ? name : name.replace('Assets.car', `Assets_${i}.car`)}`, seededBytes(seed, `blob${i}`, n), false);
    stored -= n;
  }
  // Compressible bulk: deflated log-like text and JSON data sets (~40 MiB uncompressed).
  for (let i = 0; i < dataSets; i++) {
    const lines = [];
    for (let k = 0; k < 60000; k++) lines.push(`{"id":${k},"name":"row ${k} of set ${i}","score":${Math.floor(rand() * 1e6)},"tag":"${Math.floor(rand() * 1e12).toString(36)}"}`);
    add(`${app}/Resources/data/set_${i}.json`, Buffer.from(`[${lines.join(',\n')}]`), true);
  }
  zip.end();
  await new Promise((res, rej) => zip.outputStream.pipe(createWriteStream(ipa)).on('close', res).on('error', rej));
  const manifest = {
    recipe,
    entries: entries.length,
    storedBytes: entries.filter((e) => !e.compress).reduce((a, e) => a + e.size, 0),
    deflatedBytes: entries.filter((e) => e.compress).reduce((a, e) => a + e.size, 0),
  };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 1));
  return { ipa, manifest, sdks, vendorFiles };
}
