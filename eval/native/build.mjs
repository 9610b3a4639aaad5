#!/usr/bin/env node
// Builds the real native code of third-party React Native wrappers (from npm, pinned versions) into the binary
// formats rtcscan reads: Java → .class (javac) → DEX (AOSP dx, built here from its source), Objective-C → arm64
// Mach-O (clang -target arm64-apple-ios + ld64.lld). Nothing built here is committed: the outputs go to --out.
//   node eval/native/build.mjs --dalvik DIR [--out DIR] [--only id,id]
// DIR is a checkout of AOSP platform/dalvik (see README.md for the commit used). Needs npm (registry access), javac,
// java, clang, ld64.lld (LLVM 14), llvm-nm, llvm-lipo.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGETS } from './targets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, def) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : def);
const out = resolve(arg('--out', '/tmp/rtcscan-native'));
const dalvik = arg('--dalvik');
const only = arg('--only')?.split(',');
const work = join(out, 'work');
mkdirSync(work, { recursive: true });

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 6).join(' ')} …: exit ${r.status}\n${(r.stderr || r.stdout).slice(0, 4000)}`);
  return r.stdout;
};
const walk = (dir) => (statSync(dir).isDirectory() ? readdirSync(dir).flatMap((n) => walk(join(dir, n))) : [dir]);
const tool = (names) => names.find((n) => spawnSync('sh', ['-c', `command -v ${n}`]).status === 0) ?? names[0];
const LD = tool(['ld64.lld-14', 'ld64.lld']);
const NM = tool(['llvm-nm-14', 'llvm-nm']);
const LIPO = tool(['llvm-lipo-14', 'llvm-lipo']);

/** The package as published on npm, unpacked once under work/. */
function unpack(pkg, version) {
  const dir = join(work, `${pkg.replace('/', '+')}@${version}`);
  if (!existsSync(join(dir, 'package'))) {
    mkdirSync(dir, { recursive: true });
    const tgz = run('npm', ['pack', `${pkg}@${version}`, '--silent', '--pack-destination', dir]).trim().split('\n').pop();
    run('tar', ['xzf', join(dir, tgz), '-C', dir]);
  }
  return join(dir, 'package');
}

/** AOSP dx compiled from source (the pre-d8 Android dexer: class files in, DEX out). */
function dx() {
  const classes = join(work, 'dx-classes');
  if (!existsSync(join(classes, 'com/android/dx/command/Main.class'))) {
    if (!dalvik) throw new Error('--dalvik DIR (a checkout of AOSP platform/dalvik) is needed to build dx');
    const srcs = walk(join(dalvik, 'dx/src')).filter((f) => f.endsWith('.java') && !f.includes('/junit/'));
    writeFileSync(join(work, 'dx-srcs.txt'), srcs.join('\n'));
    run('javac', ['-nowarn', '-encoding', 'UTF-8', '-d', classes, `@${join(work, 'dx-srcs.txt')}`]);
  }
  return classes;
}

function buildAndroid(t, pkgDir) {
  const stubDirs = t.stubs.map((s) => join(here, 'stubs/java', s));
  const stubClasses = join(work, `${t.id}-stubs`);
  const classes = join(work, `${t.id}-classes`);
  rmSync(classes, { recursive: true, force: true });
  rmSync(stubClasses, { recursive: true, force: true });
  run('javac', ['--release', '8', '-nowarn', '-encoding', 'UTF-8', '-d', stubClasses, ...stubDirs.flatMap((d) => walk(d)).filter((f) => f.endsWith('.java'))]);
  const srcs = t.sources.flatMap((s) => walk(join(pkgDir, s))).filter((f) => f.endsWith('.java'));
  run('javac', ['--release', '8', '-nowarn', '-encoding', 'UTF-8', '-proc:none', '-cp', stubClasses, '-d', classes, ...srcs]);
  // Only the wrapper's own classes go into the DEX: the stand-ins are compile-time declarations.
  const own = walk(classes).filter((f) => f.endsWith('.class')).map((f) => relative(classes, f));
  const dexFile = join(out, `${t.id}.dex`);
  run('java', ['-cp', dx(), 'com.android.dx.command.Main', '--dex', '--min-sdk-version=26', `--output=${dexFile}`, ...own], { cwd: classes });
  return dexFile;
}

// Where an undefined symbol of the linked app would come from on iOS: one stand-in dylib per framework, so the
// executable binds two-level like an Xcode build (class refs to Foundation, UIKit, React, …).
const FRAMEWORKS = [
  [/^_OBJC_(META)?CLASS_\$_NSObject$|^_objc_|^__objc_|^_object_|^_class_|^_sel_|^_ivar_|^_protocol_|^_method_/, '/usr/lib/libobjc.A.dylib'],
  [/^_OBJC_(META)?CLASS_\$_RCT|^_RCT/, '@rpath/React.framework/React'],
  [/^_OBJC_(META)?CLASS_\$_UI|^_UI/, '/System/Library/Frameworks/UIKit.framework/UIKit'],
  [/^_OBJC_(META)?CLASS_\$_NS|^_NS|^___NS|^_kNS/, '/System/Library/Frameworks/Foundation.framework/Foundation'],
  [/^_OBJC_(META)?CLASS_\$_AV|^_AV/, '/System/Library/Frameworks/AVFoundation.framework/AVFoundation'],
  [/^_OBJC_(META)?CLASS_\$_(CA|EAGL)|^_CA/, '/System/Library/Frameworks/QuartzCore.framework/QuartzCore'],
  [/^_OBJC_(META)?CLASS_\$_CT|^_CT/, '/System/Library/Frameworks/CoreTelephony.framework/CoreTelephony'],
  [/^_CF|^_kCF|^___CF/, '/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation'],
  [/^_CG/, '/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics'],
  [/^_CM/, '/System/Library/Frameworks/CoreMedia.framework/CoreMedia'],
  [/^_CV|^_kCV/, '/System/Library/Frameworks/CoreVideo.framework/CoreVideo'],
  [/^_VT|^_kVT/, '/System/Library/Frameworks/VideoToolbox.framework/VideoToolbox'],
  [/^_Audio|^_kAudio|^_ExtAudio/, '/System/Library/Frameworks/AudioToolbox.framework/AudioToolbox'],
  [/^_gl|^_OBJC_(META)?CLASS_\$_EAGL/, '/System/Library/Frameworks/OpenGLES.framework/OpenGLES'],
  [/^_SC|^_CN/, '/System/Library/Frameworks/SystemConfiguration.framework/SystemConfiguration'],
  [/^__Z|^___cxa|^___gxx|^___cxx|^__Unwind/, '/usr/lib/libc++.1.dylib'],
  [/^_OBJC_(META)?CLASS_\$_/, '@rpath/Vendor.framework/Vendor'], // any other class: a vendor framework
  [/./, '/usr/lib/libSystem.B.dylib'],
];

function standInDylibs(undefinedSymbols, dir, own = []) {
  const groups = new Map();
  for (const s of undefinedSymbols) {
    const lib = [...own, ...FRAMEWORKS].find(([re]) => re.test(s))[1];
    groups.set(lib, [...(groups.get(lib) ?? []), s]);
  }
  const libs = [];
  for (const [lib, syms] of groups) {
    const name = basename(lib).replace(/\W/g, '_');
    const c = join(dir, `${name}.c`);
    writeFileSync(c, syms.map((s, i) => `char s${i} __asm__("${s}");`).join('\n') + '\n');
    run('clang', ['-target', 'arm64-apple-ios14.0', '-c', c, '-o', `${c}.o`]);
    run(LD, ['-arch', 'arm64', '-platform_version', 'ios', '14.0', '14.0', '-dylib', '-install_name', lib, `${c}.o`, '-o', join(dir, name)]);
    libs.push(join(dir, name));
  }
  return libs;
}

function buildIos(t, pkgDir) {
  const dir = join(work, `${t.id}-objc`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const stubs = join(here, 'stubs/objc');
  const flags = ['-target', 'arm64-apple-ios14.0', '-fobjc-arc', '-O1', '-fno-modules', '-nostdlibinc', '-w', `-I${stubs}`, `-I${join(stubs, 'React')}`,
    ...(t.headers ?? []).map((h) => `-I${join(stubs, h)}`), ...(t.frameworkDirs ?? []).map((f) => `-F${join(pkgDir, f)}`), ...(t.includeDirs ?? []).map((f) => `-I${join(pkgDir, f)}`)];
  const objs = [];
  for (const src of t.sources.flatMap((s) => walk(join(pkgDir, s))).filter((f) => f.endsWith('.m'))) {
    const o = join(dir, basename(src, '.m') + '.o');
    run('clang', [...flags, '-c', src, '-o', o]);
    objs.push(o);
  }
  writeFileSync(join(dir, 'main.c'), 'int main(void) { return 0; }\n');
  run('clang', ['-target', 'arm64-apple-ios14.0', '-nostdlibinc', '-c', join(dir, 'main.c'), '-o', join(dir, 'main.o')]);
  // Vendor static libraries shipped inside the npm package are linked in as an app build would (arm64 slice).
  const archives = (t.staticLibs ?? []).map((lib, i) => {
    const a = join(dir, `vendor${i}.a`);
    run(LIPO, [join(pkgDir, lib), '-thin', 'arm64', '-output', a]);
    return a;
  });
  const ld = ['-arch', 'arm64', '-platform_version', 'ios', '14.0', '14.0', '-execute', '-rpath', '@executable_path/Frameworks'];
  const probe = join(dir, 'probe');
  run(LD, [...ld, '-undefined', 'dynamic_lookup', join(dir, 'main.o'), ...objs, ...archives, '-o', probe]);
  const undef = run(NM, ['-u', probe]).split('\n').map((s) => s.trim()).filter(Boolean);
  const machO = join(out, t.id);
  run(LD, [...ld, join(dir, 'main.o'), ...objs, ...archives, ...standInDylibs(undef, dir, t.frameworks ?? []), '-o', machO]);
  return machO;
}

for (const t of TARGETS) {
  if (only && !only.includes(t.id)) continue;
  const pkgDir = unpack(t.pkg, t.version);
  const file = t.platform === 'android' ? buildAndroid(t, pkgDir) : buildIos(t, pkgDir);
  console.log(`${t.id}\t${t.pkg}@${t.version}\t${t.platform}\t${file}\t${statSync(file).size} bytes`);
}
