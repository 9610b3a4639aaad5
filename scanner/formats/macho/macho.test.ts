// The Mach-O reader on real binaries built by test/fixtures/macho/build.sh (clang + ld64.lld), checked against the
// bytes themselves and against what llvm-nm / llvm-otool said about the same files (expected/*.txt).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Facts } from '../../core/facts.js';
import type { RulePack } from '../../rules/pack.js';
import type { ReaderContext } from '../reader.js';
import { machoReader } from './index.js';
import { swiftTypeNames } from './swift.js';

const DIR = join(import.meta.dirname, '../../../test/fixtures/macho');
const ctx: ReaderContext = { rules: {} as RulePack, maxStrings: 1_000_000 };
const load = (name: string) => readFileSync(join(DIR, name));
const read = (data: Buffer, path = 'x') => machoReader.read(data, path, ctx) as Facts;

/** Every position must point at the bytes it names. */
function expectOffsetsMatchBytes(facts: Facts, data: Buffer): void {
  for (const s of facts.strings) {
    const bytes = data.subarray(s.offset!, s.offset! + s.length!);
    if (s.kind === 'swift-type') {
      // The value is demangled; the bytes are the mangled reference, kept as the snippet.
      expect(bytes.toString('latin1')).toBe(s.snippet);
    } else if (s.kind === 'cfstring' && /[^\x00-\x7f]/.test(s.value)) {
      expect(bytes.toString('utf16le')).toBe(s.value);
    } else {
      expect(bytes.toString('utf8'), `${s.kind} at ${s.offset}`).toBe(s.value);
    }
  }
  for (const s of facts.symbols) expect(data.toString('utf8', s.offset!, s.offset! + s.length!)).toBe(s.name);
  for (const l of facts.libraries) expect(data.toString('utf8', l.offset!, l.offset! + l.length!)).toBe(l.name);
}

/** llvm-nm output: arch → { imports, exports, all } (external undefined, external defined, every name). */
function parseNm(text: string): Map<string, { imports: Set<string>; exports: Set<string>; all: Set<string> }> {
  const out = new Map<string, { imports: Set<string>; exports: Set<string>; all: Set<string> }>();
  let arch = 'thin';
  for (const line of text.split('\n')) {
    const a = /\(for architecture (\S+)\):$/.exec(line);
    if (a) arch = a[1]!;
    const m = /^(?:[0-9a-f]{8,16}| {8,16}) ([A-Za-z]) (.+)$/.exec(line);
    if (!m) continue;
    if (!out.has(arch)) out.set(arch, { imports: new Set(), exports: new Set(), all: new Set() });
    const e = out.get(arch)!;
    e.all.add(m[2]!);
    if (m[1] === 'U') e.imports.add(m[2]!);
    else if (m[1] === m[1]!.toUpperCase()) e.exports.add(m[2]!);
  }
  return out;
}

/** Dylib and rpath names from `llvm-otool -l`, per load command name. */
function parseOtoolLibraries(text: string): Array<{ cmd: string; name: string }> {
  const out: Array<{ cmd: string; name: string }> = [];
  let cmd = '';
  for (const line of text.split('\n')) {
    const c = /^\s+cmd (\S+)$/.exec(line);
    if (c) cmd = c[1]!;
    const n = /^\s+(?:name|path) (.+) \(offset \d+\)$/.exec(line);
    if (n && cmd !== 'LC_ID_DYLIB' && cmd !== 'LC_LOAD_DYLINKER') out.push({ cmd, name: n[1]! });
  }
  return out;
}

const strings = (f: Facts, kind: string) => f.strings.filter((s) => s.kind === kind).map((s) => s.value);
const symbols = (f: Facts, kind: string) => f.symbols.filter((s) => s.kind === kind).map((s) => s.name);

describe('machoReader on the app executable (thin arm64)', () => {
  const data = load('App');
  const facts = read(data, 'App');

  it('sniffs Mach-O and fat magic but not Java class files', () => {
    expect(machoReader.sniff(data.subarray(0, 64), 'App')).toBe(true);
    expect(machoReader.sniff(load('AgoraRtcKit.framework/AgoraRtcKit').subarray(0, 64), 'x')).toBe(true);
    expect(machoReader.sniff(load('AgoraRtcKit-fat64').subarray(0, 64), 'x')).toBe(true);
    const javaClass = Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x3d]); // Java 17 class file
    expect(machoReader.sniff(javaClass, 'A.class')).toBe(false);
    expect(machoReader.sniff(Buffer.from('\x7fELF\x02\x01\x01\x00'), 'x')).toBe(false);
  });

  it('reads meta from the header and LC_BUILD_VERSION', () => {
    expect(facts.meta).toMatchObject({ arch: 'arm64', filetype: 'execute', encrypted: 'false', minOS: 'ios 14.0' });
    expect(facts.notices).toEqual([]);
  });

  it('lists linked dylibs, the weak dylib and the rpath exactly as llvm-otool does', () => {
    const otool = parseOtoolLibraries(readFileSync(join(DIR, 'expected/App.otool-l.txt'), 'utf8'));
    const kindOf = { LC_LOAD_DYLIB: 'dylib', LC_LOAD_WEAK_DYLIB: 'weak-dylib', LC_RPATH: 'rpath' } as Record<string, string>;
    expect(facts.libraries.map((l) => `${l.kind} ${l.name}`).sort()).toEqual(otool.map((o) => `${kindOf[o.cmd]} ${o.name}`).sort());
    expect(facts.libraries).toContainEqual(expect.objectContaining({ name: '@rpath/AgoraRtcKit.framework/AgoraRtcKit', kind: 'dylib', version: '4.3.0' }));
    expect(facts.libraries).toContainEqual(expect.objectContaining({ name: '@rpath/TXLiteAVSDK_TRTC.framework/TXLiteAVSDK_TRTC', kind: 'weak-dylib' }));
    expect(facts.libraries).toContainEqual(expect.objectContaining({ name: '@executable_path/Frameworks', kind: 'rpath' }));
  });

  it('reads C strings, CFStrings, ObjC names and Swift type references', () => {
    expect(strings(facts, 'cstring')).toEqual(['http://api.example.com/room?uid=%d', 'https://api.example.com/token?channel=%s&uid=%u']);
    // CFString literals are reported once, as cfstring, although their bytes sit in __cstring.
    expect(strings(facts, 'cfstring').sort()).toEqual(['0123456789abcdef0123456789abcdef', 'lobby', 'room-info']);
    expect(strings(facts, 'objc-class')).toEqual(['RoomViewController']);
    expect(strings(facts, 'objc-method')).toEqual(expect.arrayContaining(['sharedEngineWithAppId:delegate:', 'joinChannelByToken:channelId:info:uid:joinSuccess:', 'joinRoom:uid:']));
    expect(strings(facts, 'swift-type')).toEqual(['__C.AgoraRtcEngineKit', 'RoomKit.RoomController', 'RoomKit.CallSessionID', 'RoomKit.Participant']);
  });

  it('places every string where llvm-objdump saw it in __cstring', () => {
    // expected/App.cstring.txt lists "<vmaddr>  <string>"; __TEXT starts at vmaddr 0x100000000, file offset 0.
    const dump = readFileSync(join(DIR, 'expected/App.cstring.txt'), 'utf8');
    const seen = [...dump.matchAll(/^([0-9a-f]{16})  (.+)$/gm)].map((m) => ({ offset: Number(BigInt(`0x${m[1]}`) - 0x100000000n), value: m[2]! }));
    expect(seen.length).toBe(5);
    for (const s of seen) expect(facts.strings).toContainEqual(expect.objectContaining({ value: s.value, offset: s.offset, length: Buffer.byteLength(s.value) }));
  });

  it('reports symbols as llvm-nm does: imports, exports, ObjC classes and methods', () => {
    const nm = parseNm(readFileSync(join(DIR, 'expected/App.nm.txt'), 'utf8')).get('thin')!;
    expect(new Set(symbols(facts, 'import'))).toEqual(nm.imports);
    expect(new Set(symbols(facts, 'export'))).toEqual(nm.exports);
    expect(new Set(strings(facts, 'symbol'))).toEqual(nm.all);
    expect(symbols(facts, 'import')).toContain('_OBJC_CLASS_$_AgoraRtcEngineKit');
    expect(symbols(facts, 'class').sort()).toEqual(['AgoraRtcEngineKit', 'NSObject', 'RoomViewController']);
    expect(symbols(facts, 'method')).toEqual(['-[RoomViewController joinRoom:uid:]']);
  });

  it('gives offsets that point at the bytes of every fact', () => {
    expectOffsetsMatchBytes(facts, data);
  });

  it('stops at maxStrings with a notice', () => {
    const capped = machoReader.read(data, 'App', { ...ctx, maxStrings: 3 }) as Facts;
    expect(capped.strings).toHaveLength(3);
    expect(capped.notices.map((n) => n.id)).toContain('macho/too-many-strings');
  });
});

describe('machoReader on the vendor framework (fat: x86_64 + arm64)', () => {
  const data = load('AgoraRtcKit.framework/AgoraRtcKit');
  const facts = read(data, 'AgoraRtcKit');

  it('reads both slices and describes them in meta', () => {
    expect(facts.meta).toMatchObject({
      universal: 'fat',
      arch: 'x86_64,arm64',
      filetype: 'dylib',
      encrypted: 'false',
      minOS: 'iossimulator 14.0,ios 14.0',
      installName: '@rpath/AgoraRtcKit.framework/AgoraRtcKit',
    });
    expect(facts.notices).toEqual([]);
  });

  it('dedupes identical facts across slices and keeps the first slice offsets', () => {
    const wss = facts.strings.filter((s) => s.value === 'wss://webrtc2-ap-web-1.agora.io');
    expect(wss).toHaveLength(1);
    const firstSliceOffset = data.readUInt32BE(8 + 8); // fat_arch[0].offset
    const secondSliceOffset = data.readUInt32BE(8 + 20 + 8);
    expect(firstSliceOffset).toBeLessThan(secondSliceOffset);
    expect(wss[0]!.offset).toBeGreaterThanOrEqual(firstSliceOffset);
    expect(wss[0]!.offset).toBeLessThan(secondSliceOffset);
    // The string is in both slices: the arm64 slice alone yields it at its own offset.
    const arm64 = read(data.subarray(secondSliceOffset), 'arm64');
    expect(arm64.strings.some((s) => s.value === 'wss://webrtc2-ap-web-1.agora.io')).toBe(true);
  });

  it('finds the vendor strings, ObjC class, UTF-16 CFString and re-exported library', () => {
    expect(strings(facts, 'cstring')).toEqual(expect.arrayContaining(['wss://webrtc2-ap-web-1.agora.io', 'AgoraRtcKit 4.3.0 build 20240101']));
    expect(strings(facts, 'cfstring').sort()).toEqual(['Agora \u00e9dge', 'https://statscollector.sd-rtn.com/events/report']);
    expect(strings(facts, 'objc-class')).toEqual(['AgoraRtcEngineKit']);
    expect(symbols(facts, 'class')).toContain('AgoraRtcEngineKit');
    expect(symbols(facts, 'export')).toEqual(expect.arrayContaining(['_OBJC_CLASS_$_AgoraRtcEngineKit', '_agora_default_server']));
    expect(facts.libraries).toContainEqual(expect.objectContaining({ name: '@rpath/AgoraCore.framework/AgoraCore', snippet: 'LC_REEXPORT_DYLIB' }));
    expect(facts.libraries).toContainEqual(expect.objectContaining({ name: '@loader_path/Frameworks', kind: 'rpath' }));
  });

  it('matches llvm-nm over all architectures', () => {
    const nm = parseNm(readFileSync(join(DIR, 'expected/AgoraRtcKit.nm.txt'), 'utf8'));
    const union = (k: 'imports' | 'exports') => new Set([...nm.values()].flatMap((e) => [...e[k]]));
    expect(nm.size).toBe(2);
    expect(new Set(symbols(facts, 'import'))).toEqual(union('imports'));
    expect(new Set(symbols(facts, 'export'))).toEqual(union('exports'));
  });

  it('gives offsets that point at the bytes of every fact', () => {
    expectOffsetsMatchBytes(facts, data);
  });
});

describe('machoReader on FAT_MAGIC_64 with a 32-bit slice (x86_64 + arm64_32)', () => {
  const data = load('AgoraRtcKit-fat64');
  const facts = read(data, 'fat64');

  it('reads both slices of a fat64 file', () => {
    expect(facts.meta).toMatchObject({ universal: 'fat64', arch: 'x86_64,arm64_32', minOS: 'iossimulator 14.0,watchos 7.0' });
    expect(facts.notices).toEqual([]);
    expectOffsetsMatchBytes(facts, data);
  });

  it('reads the 32-bit arm64_32 slice on its own (MH_MAGIC, LC_SEGMENT, nlist, 16-byte CFStrings)', () => {
    const off = Number(data.readBigUInt64BE(8 + 32 + 8)); // fat_arch_64[1].offset
    const slice = data.subarray(off);
    expect(slice.readUInt32LE(0)).toBe(0xfeedface);
    const f = read(slice, 'arm64_32');
    expect(f.meta).toMatchObject({ arch: 'arm64_32', filetype: 'dylib', minOS: 'watchos 7.0' });
    expect(f.notices).toEqual([]);
    expect(strings(f, 'cfstring').sort()).toEqual(['Agora \u00e9dge', 'https://statscollector.sd-rtn.com/events/report']);
    expect(strings(f, 'cstring')).toContain('wss://webrtc2-ap-web-1.agora.io');
    expect(strings(f, 'objc-class')).toEqual(['AgoraRtcEngineKit']);
    const nm = parseNm(readFileSync(join(DIR, 'expected/AgoraRtcKit-arm64_32.nm.txt'), 'utf8')).get('thin')!;
    expect(new Set(symbols(f, 'export'))).toEqual(nm.exports);
    expect(new Set(symbols(f, 'import'))).toEqual(nm.imports);
    expectOffsetsMatchBytes(f, slice);
  });
});

describe('machoReader on an encrypted (FairPlay) binary', () => {
  const plain = read(load('App'), 'App');
  const data = load('App-encrypted');
  const facts = read(data, 'App-encrypted');
  const CRYPT_START = 0x4000;
  const CRYPT_END = 0x8000; // cryptoff 16384, cryptsize 16384 (expected/App-encrypted.otool-l.txt)

  it('says so in a warning notice and in meta', () => {
    expect(readFileSync(join(DIR, 'expected/App-encrypted.otool-l.txt'), 'utf8')).toMatch(/cryptoff 16384\n\s+cryptsize 16384\n\s+cryptid 1/);
    expect(facts.meta.encrypted).toBe('true');
    const n = facts.notices.find((x) => x.id === 'macho/encrypted');
    expect(n).toMatchObject({ level: 'warning', artifact: 'App-encrypted' });
    expect(n!.message).toMatch(/FairPlay/);
    expect(n!.message).toMatch(/0x4000-0x8000/);
  });

  it('reports no string from the encrypted range, though the plain build has them there', () => {
    const inRange = (f: Facts) => f.strings.filter((s) => s.offset! < CRYPT_END && s.offset! + s.length! > CRYPT_START);
    expect(inRange(plain).length).toBeGreaterThan(10);
    expect(inRange(facts)).toEqual([]);
    for (const k of ['cstring', 'cfstring', 'objc-class', 'objc-method', 'swift-type']) expect(strings(facts, k)).toEqual([]);
  });

  it('still reads load commands and the symbol table', () => {
    expect(facts.libraries).toEqual(plain.libraries);
    expect(facts.symbols).toEqual(plain.symbols);
    expect(symbols(facts, 'import')).toContain('_OBJC_CLASS_$_AgoraRtcEngineKit');
  });
});

describe('CFString pointers written as chained fixups', () => {
  // ld64.lld 14 cannot emit chained fixups, so the test rewrites the real rebased pointers of App's __cfstring
  // into the chained encodings dyld documents (<mach-o/fixup-chains.h>) and checks they still resolve.
  const original = load('App');
  const TEXT_BASE = 0x100000000n;
  const cfstringSection = (() => {
    const i = original.indexOf(Buffer.from('__cfstring\0'));
    return { offset: original.readUInt32LE(i + 48), size: Number(original.readBigUInt64LE(i + 40)) };
  })();
  const rewrite = (encode: (vmaddr: bigint) => bigint) => {
    const b = Buffer.from(original);
    for (let p = cfstringSection.offset; p < cfstringSection.offset + cfstringSection.size; p += 32) {
      b.writeBigUInt64LE(encode(b.readBigUInt64LE(p + 16)), p + 16);
    }
    return b;
  };
  const expected = ['0123456789abcdef0123456789abcdef', 'lobby', 'room-info'];

  it('resolves DYLD_CHAINED_PTR_64 rebases (36-bit target, next-in-chain bits set)', () => {
    const f = read(rewrite((va) => va | (3n << 51n)));
    expect(strings(f, 'cfstring').sort()).toEqual(expected);
  });

  it('resolves DYLD_CHAINED_PTR_64_OFFSET rebases (target relative to the image base)', () => {
    const f = read(rewrite((va) => (va - TEXT_BASE) | (1n << 51n)));
    expect(strings(f, 'cfstring').sort()).toEqual(expected);
  });

  it('resolves arm64e authenticated rebases (auth bit, diversity, 32-bit runtime offset)', () => {
    const f = read(rewrite((va) => (1n << 63n) | (0x2an << 32n) | (va - TEXT_BASE)));
    expect(strings(f, 'cfstring').sort()).toEqual(expected);
  });

  it('falls back to plain cstrings with a note when a pointer cannot be resolved (a bind)', () => {
    const f = read(rewrite(() => (1n << 63n) | (1n << 62n) | 7n));
    expect(strings(f, 'cfstring')).toEqual([]);
    expect(strings(f, 'cstring')).toEqual(expect.arrayContaining(expected));
    expect(f.notices.map((n) => n.id)).toContain('macho/cfstring-unresolved');
  });
});

describe('swiftTypeNames', () => {
  it('recovers nominal type paths from mangled references', () => {
    expect(swiftTypeNames('So17AgoraRtcEngineKitC')).toEqual(['__C.AgoraRtcEngineKit']);
    expect(swiftTypeNames('7RoomKit4CallC5StateO')).toEqual(['RoomKit.Call', 'RoomKit.Call.State']);
    expect(swiftTypeNames('7RoomKit0A10ControllerC')).toEqual(['RoomKit.RoomController']); // word substitution
    expect(swiftTypeNames('SDySS7RoomKit1AVG')).toEqual(['RoomKit.A']);
    expect(swiftTypeNames('SS')).toEqual([]);
    expect(swiftTypeNames('\x01\x00\x00\x00\x005StateO')).toEqual([]); // context is an unnamed symbolic reference
  });

  it('never throws or loops on junk', () => {
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      let s = '';
      for (let j = 0; j < 24; j++) {
        x = (x * 1103515245 + 12345) >>> 0;
        s += '0123456789CVOPSoa_yGZz\x01\x1f'[x % 24];
      }
      expect(Array.isArray(swiftTypeNames(s))).toBe(true);
    }
  });
});
