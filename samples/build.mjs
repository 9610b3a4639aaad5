#!/usr/bin/env node
// Rebuilds the sample bundles in samples/ from their sources. The built files are committed so that scanning the
// samples needs no toolchain; run this after changing a source (it needs the devDependencies, and for ios/ and
// android/ the fixtures under test/fixtures/, which their own build.sh scripts make with clang, hermesc, apktool).
//   node samples/build.mjs [web] [clean] [ios] [android]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import yauzl from 'yauzl';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const samples = join(root, 'samples');
const fixtures = join(root, 'test/fixtures');
// Fixed timestamps keep archives byte-identical from build to build.
const MTIME = new Date('2026-01-01T00:00:00Z');

async function bundle(name) {
  await build({
    entryPoints: [join(samples, name, 'src/main.js')],
    outfile: join(samples, name, 'dist/app.js'),
    bundle: true,
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    format: 'iife',
    target: 'es2020',
    legalComments: 'inline',
    logLevel: 'warning',
    absWorkingDir: root,
  });
}

/** Writes a zip whose members are [name, Buffer, {store?}] in the given order. */
function writeZip(path, members) {
  return new Promise((resolvePromise, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, data, opts = {}] of members) zip.addBuffer(data, name, { mtime: MTIME, mode: opts.mode ?? 0o100644, compress: !opts.store });
    zip.end();
    const chunks = [];
    zip.outputStream.on('data', (c) => chunks.push(c));
    zip.outputStream.on('end', () => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, Buffer.concat(chunks));
      resolvePromise();
    });
    zip.outputStream.on('error', reject);
  });
}

function binaryPlist(xmlPath) {
  // plistlib writes the binary format Apple's tools write; python3 is only needed to rebuild samples.
  return execFileSync('python3', ['-c', 'import plistlib,sys; sys.stdout.buffer.write(plistlib.dumps(plistlib.load(open(sys.argv[1],"rb")), fmt=plistlib.FMT_BINARY))', xmlPath]);
}

async function readZipMembers(path) {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const members = [];
  await new Promise((res, rej) => {
    zip.on('entry', async (e) => {
      if (!e.fileName.endsWith('/')) {
        const stream = await zip.openReadStreamPromise(e);
        const chunks = [];
        for await (const c of stream) chunks.push(c);
        members.push([e.fileName, Buffer.concat(chunks), { store: e.compressionMethod === 0 }]);
      }
      zip.readEntry();
    });
    zip.on('end', res);
    zip.on('error', rej);
    zip.readEntry();
  });
  zip.close();
  return members;
}

async function ios() {
  const app = 'Payload/Club.app/';
  const fw = `${app}Frameworks/AgoraRtcKit.framework/`;
  const core = `${app}Frameworks/ClubCore.framework/`;
  // Privacy manifests (issue #19): the app's (XML, as Xcode copies it) under-declares — no UserID although a uid
  // leaves the device; ClubCore's (binary, made by plistlib) declares boot time but not the file timestamps its
  // binary reads (samples/ios/core, built by its build.sh); the vendor framework AgoraRtcKit ships none.
  await writeZip(join(samples, 'ios/Club.ipa'), [
    // The app binary: Objective-C built as Xcode 14+ builds it (selector stubs), see test/fixtures/macho-app.
    [`${app}Club`, readFileSync(join(fixtures, 'macho-app/Club-selstubs')), { mode: 0o100755 }],
    [`${app}Info.plist`, binaryPlist(join(samples, 'ios/src/Info.plist'))],
    [`${app}main.jsbundle`, readFileSync(join(fixtures, 'hermes/app-v96.hbc'))],
    [`${fw}AgoraRtcKit`, readFileSync(join(fixtures, 'macho/AgoraRtcKit.framework/AgoraRtcKit')), { mode: 0o100755 }],
    [`${fw}Info.plist`, binaryPlist(join(samples, 'ios/src/AgoraRtcKit-Info.plist'))],
    [`${app}PrivacyInfo.xcprivacy`, readFileSync(join(samples, 'ios/src/PrivacyInfo.xcprivacy'))],
    [`${core}ClubCore`, readFileSync(join(samples, 'ios/core/ClubCore')), { mode: 0o100755 }],
    [`${core}Info.plist`, binaryPlist(join(samples, 'ios/core/Info.plist'))],
    [`${core}PrivacyInfo.xcprivacy`, binaryPlist(join(samples, 'ios/core/PrivacyInfo.plist'))],
  ]);
}

async function android() {
  // The apktool-built APK of test/fixtures/axml (binary manifest, network security config, DEX), plus the
  // native library built by test/fixtures/elf, plus the call screen of test/fixtures/dex/model (smali: Agora
  // create/joinChannel with a static-final App ID and no token, StringBuilder and String.format http URLs) as a
  // third dex of the multidex app.
  const members = await readZipMembers(join(fixtures, 'axml/club.apk'));
  members.push(['classes3.dex', readFileSync(join(fixtures, 'dex/model/app.dex'))]);
  members.push(['lib/arm64-v8a/libagora-rtc-sdk.so', readFileSync(join(fixtures, 'elf/arm64-v8a/libagora-rtc-sdk.so')), { store: true }]);
  members.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  await writeZip(join(samples, 'android/club.apk'), members);
}

const targets = { web: () => bundle('web'), 'web-1.0': () => bundle('web-1.0'), clean: () => bundle('clean'), ios, android };
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(targets);
for (const name of wanted) {
  if (!targets[name]) throw new Error(`unknown sample ${name}; known: ${Object.keys(targets).join(', ')}`);
  await targets[name]();
  console.log(`built samples/${name}`);
}
