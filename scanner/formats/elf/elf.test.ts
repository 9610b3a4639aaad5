// The ELF reader on real shared objects built by test/fixtures/elf/build.sh (clang + ld.lld), checked against the
// bytes and against llvm-readelf's view of the same files (expected/*.txt).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Facts } from '../../core/facts.js';
import type { RulePack } from '../../rules/pack.js';
import type { ReaderContext } from '../reader.js';
import { elfReader } from './index.js';

const DIR = join(import.meta.dirname, '../../../test/fixtures/elf');
const ctx: ReaderContext = { rules: {} as RulePack, maxStrings: 1_000_000 };
const load = (name: string) => readFileSync(join(DIR, name));
const read = (data: Buffer, path = 'x') => elfReader.read(data, path, ctx) as Facts;
const strings = (f: Facts, kind: string) => f.strings.filter((s) => s.kind === kind).map((s) => s.value);
const symbols = (f: Facts, kind: string) => f.symbols.filter((s) => s.kind === kind).map((s) => s.name);

function expectOffsetsMatchBytes(facts: Facts, data: Buffer): void {
  for (const s of facts.strings) expect(data.toString('latin1', s.offset!, s.offset! + s.length!)).toBe(s.value);
  for (const s of facts.symbols) expect(data.toString('latin1', s.offset!, s.offset! + s.length!)).toBe(s.name);
  for (const l of facts.libraries) expect(data.toString('latin1', l.offset!, l.offset! + l.length!)).toBe(l.name);
}

/** What llvm-readelf printed: dynamic symbols, DT_NEEDED, SONAME, .rodata offset and its strings. */
function parseReadelf(abi: string) {
  const text = readFileSync(join(DIR, `expected/${abi}.readelf.txt`), 'utf8');
  const dynsym = text.slice(text.indexOf("Symbol table '.dynsym'"));
  const imports = new Set<string>();
  const exports = new Set<string>();
  for (const m of dynsym.matchAll(/^\s+\d+: [0-9a-f]+\s+\d+ (\w+)\s+(\w+)\s+\w+\s+(\w+) (\S+)$/gm)) {
    if (m[3] === 'UND') imports.add(m[4]!);
    else if (m[2] === 'GLOBAL' || m[2] === 'WEAK') exports.add(m[4]!);
  }
  const needed = [...text.matchAll(/\(NEEDED\)\s+Shared library: \[(.+)\]/g)].map((m) => m[1]!);
  const soname = /\(SONAME\)\s+Library soname: \[(.+)\]/.exec(text)?.[1];
  const rodataOff = parseInt(/\] \.rodata\s+PROGBITS\s+[0-9a-f]+ ([0-9a-f]+)/.exec(text)![1]!, 16);
  const dump = readFileSync(join(DIR, `expected/${abi}.rodata.txt`), 'utf8');
  const rodata = [...dump.matchAll(/^\s*\[\s*([0-9a-f]+)\] (.+)$/gm)].map((m) => ({ offset: rodataOff + parseInt(m[1]!, 16), value: m[2]! }));
  return { imports, exports, needed, soname, rodata };
}

const ABIS = [
  { abi: 'arm64-v8a', meta: { class: 'elf64', endian: 'little', arch: 'aarch64' } },
  { abi: 'armeabi-v7a', meta: { class: 'elf32', endian: 'little', arch: 'arm' } },
  { abi: 'mips-be', meta: { class: 'elf32', endian: 'big', arch: 'mips' } },
];

describe.each(ABIS)('elfReader on $abi/libagora-rtc-sdk.so', ({ abi, meta }) => {
  const data = load(`${abi}/libagora-rtc-sdk.so`);
  const facts = read(data, `${abi}/libagora-rtc-sdk.so`);
  const oracle = parseReadelf(abi);

  it('sniffs ELF', () => {
    expect(elfReader.sniff(data.subarray(0, 64), 'lib.so')).toBe(true);
  });

  it('reads class, byte order, machine and SONAME', () => {
    expect(facts.meta).toEqual({ ...meta, type: 'dyn', soname: oracle.soname });
    expect(facts.meta.soname).toBe('libagora-rtc-sdk.so');
    expect(facts.notices).toEqual([]);
  });

  it('lists DT_NEEDED in order, as llvm-readelf does', () => {
    expect(oracle.needed).toEqual(['libagora-core.so', 'liblog.so']);
    expect(facts.libraries.map((l) => [l.kind, l.name])).toEqual(oracle.needed.map((n) => ['needed', n]));
  });

  it('classifies dynamic symbols: imports, exports and JNI exports', () => {
    expect(new Set(symbols(facts, 'import'))).toEqual(oracle.imports);
    expect(new Set([...symbols(facts, 'export'), ...symbols(facts, 'jni')])).toEqual(oracle.exports);
    expect(symbols(facts, 'jni').sort()).toEqual([
      'Java_io_agora_rtc2_internal_RtcEngineImpl_nativeJoinChannel',
      'Java_io_agora_rtc2_internal_RtcEngineImpl_nativeSetAppId',
    ]);
    expect(symbols(facts, 'export')).toContain('JNI_OnLoad');
    // A hidden-visibility function is not in .dynsym, so it must not be reported.
    expect(facts.symbols.map((s) => s.name)).not.toContain('agora_internal_helper');
  });

  it('reads .rodata strings at the offsets llvm-readelf shows', () => {
    expect(oracle.rodata.length).toBe(5);
    const cstrings = facts.strings.filter((s) => s.kind === 'cstring');
    expect(cstrings.map((s) => ({ offset: s.offset, value: s.value }))).toEqual(oracle.rodata);
    expect(strings(facts, 'cstring')).toContain('wss://webrtc2-ap-web-1.agora.io');
  });

  it('gives offsets that point at the bytes of every fact', () => {
    expectOffsetsMatchBytes(facts, data);
  });
});

describe.each(['arm64-v8a', 'mips-be'])('elfReader without section headers (%s, via PT_DYNAMIC)', (abi) => {
  const full = read(load(`${abi}/libagora-rtc-sdk.so`));
  const data = load(`${abi}/libagora-rtc-sdk-nosections.so`);
  const facts = read(data);

  it('has really lost its section headers', () => {
    const is64 = data[4] === 2;
    const shnum = is64 ? data.readUInt16LE(60) : data.readUInt16BE(48);
    expect(shnum).toBe(0);
  });

  it('still finds DT_NEEDED, SONAME and every dynamic symbol', () => {
    expect(facts.meta.soname).toBe('libagora-rtc-sdk.so');
    expect(facts.libraries.map((l) => l.name)).toEqual(['libagora-core.so', 'liblog.so']);
    // arm64 counts symbols through DT_GNU_HASH, mips through DT_HASH (see build.sh).
    expect(new Set(facts.symbols.map((s) => `${s.kind} ${s.name}`))).toEqual(new Set(full.symbols.map((s) => `${s.kind} ${s.name}`)));
  });

  it('reports the read-only segment text as printable runs, with a note', () => {
    expect(facts.notices.map((n) => [n.level, n.id])).toEqual([['note', 'elf/no-section-headers']]);
    expect(strings(facts, 'printable')).toEqual(expect.arrayContaining(strings(full, 'cstring')));
    expect(strings(facts, 'printable')).not.toContain('libagora-core.so'); // the dynamic string table is skipped
    expectOffsetsMatchBytes(facts, data);
  });
});

describe('elfReader limits', () => {
  it('stops at maxStrings with a notice', () => {
    const f = elfReader.read(load('arm64-v8a/libagora-rtc-sdk.so'), 'x', { ...ctx, maxStrings: 2 }) as Facts;
    expect(f.strings).toHaveLength(2);
    expect(f.notices.map((n) => n.id)).toContain('elf/too-many-strings');
  });

  it('does not sniff Mach-O or text', () => {
    expect(elfReader.sniff(load('../macho/App').subarray(0, 64), 'App')).toBe(false);
    expect(elfReader.sniff(Buffer.from('ELF file'), 'x')).toBe(false);
  });
});
