// Malformed ELF input made by this test from the real fixtures: truncations, lying counts and offsets, random
// byte damage. The reader must return facts with notices: never throw, never hang, never report bytes it lacks.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Facts } from '../../core/facts.js';
import type { RulePack } from '../../rules/pack.js';
import type { ReaderContext } from '../reader.js';
import { elfReader } from './index.js';
import { mergeRanges } from './ranges.js';

const DIR = join(import.meta.dirname, '../../../test/fixtures/elf');
const ctx: ReaderContext = { rules: {} as RulePack, maxStrings: 1_000_000 };
const load = (name: string) => readFileSync(join(DIR, name));
const arm64 = load('arm64-v8a/libagora-rtc-sdk.so');
const arm64NoSections = load('arm64-v8a/libagora-rtc-sdk-nosections.so');
const mipsNoSections = load('mips-be/libagora-rtc-sdk-nosections.so');
const FILES = {
  'arm64-v8a': arm64,
  'armeabi-v7a': load('armeabi-v7a/libagora-rtc-sdk.so'),
  'mips-be': load('mips-be/libagora-rtc-sdk.so'),
  'arm64-v8a nosections': arm64NoSections,
  'mips-be nosections': mipsNoSections,
};

function read(data: Buffer): Facts {
  const t0 = performance.now();
  const facts = elfReader.read(data, 'bad.so', ctx) as Facts;
  expect(performance.now() - t0).toBeLessThan(2000);
  expect(facts.format).toBe('elf');
  return facts;
}

const ids = (f: Facts) => f.notices.map((n) => n.id);
const needed = (f: Facts) => f.libraries.filter((l) => l.kind === 'needed').map((l) => l.name);

function expectWithin(f: Facts, data: Buffer): void {
  for (const x of [...f.strings, ...f.symbols, ...f.libraries]) {
    expect(x.offset!).toBeGreaterThanOrEqual(0);
    expect(x.offset! + x.length!).toBeLessThanOrEqual(data.length);
  }
  for (const s of f.strings) expect(asText(data.subarray(s.offset!, s.offset! + s.length!))).toBe(s.value);
}

/** UTF-8 when valid, else Latin-1, as the reader decodes names. */
function asText(b: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return b.toString('latin1');
  }
}

const patched = (b: Buffer, edit: (c: Buffer) => void) => {
  const c = Buffer.from(b);
  edit(c);
  return c;
};

/** Section header offset of the arm64 (ELF64 LE) fixture's section named `name`. */
function shdr(name: string): number {
  const shoff = Number(arm64.readBigUInt64LE(40));
  const shnum = arm64.readUInt16LE(60);
  const strtab = shoff + arm64.readUInt16LE(62) * 64;
  const strOff = Number(arm64.readBigUInt64LE(strtab + 24));
  for (let i = 0; i < shnum; i++) {
    const p = shoff + i * 64;
    const n = arm64.toString('latin1', strOff + arm64.readUInt32LE(p), arm64.indexOf(0, strOff + arm64.readUInt32LE(p)));
    if (n === name) return p;
  }
  throw new Error(`no section ${name}`);
}

/** File offset of the dynamic entry with `tag` in an ELF file (PT_DYNAMIC walk), for either layout. */
function dynEntry(b: Buffer, tag: number, nth = 0): number {
  const is64 = b[4] === 2;
  const le = b[5] === 1;
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const word = (o: number) => (is64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(o));
  const phoff = word(is64 ? 32 : 28);
  const phnum = u16(is64 ? 56 : 44);
  const phent = is64 ? 56 : 32;
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phent;
    if (u32(p) !== 2) continue;
    const off = word(p + (is64 ? 8 : 4));
    const ent = is64 ? 16 : 8;
    let seen = 0;
    for (let q = off; ; q += ent) {
      if (word(q) === tag && seen++ === nth) return q;
      if (word(q) === 0) break;
    }
  }
  throw new Error(`no dynamic tag ${tag}`);
}

describe('truncated ELF files', () => {
  for (const [name, data] of Object.entries(FILES)) {
    it(`${name}: every cut yields notices and only facts inside the remaining bytes`, () => {
      for (let n = 0; n < data.length; n += 13) {
        const cut = data.subarray(0, n);
        const f = read(cut);
        expect(f.notices.length, `cut at ${n}`).toBeGreaterThan(0);
        expectWithin(f, cut);
      }
    });
  }
});

describe('lying ELF headers', () => {
  it('e_shnum larger than the file: notice, then PT_DYNAMIC still gives DT_NEEDED', () => {
    const f = read(patched(arm64, (c) => c.writeUInt16LE(0x7fff, 60)));
    expect(ids(f)).toContain('elf/bad-section-headers');
    expect(needed(f)).toEqual(['libagora-core.so', 'liblog.so']);
    expect(f.symbols.some((s) => s.kind === 'jni')).toBe(true);
  });

  it('e_shoff beyond the end of the file', () => {
    const f = read(patched(arm64, (c) => c.writeBigUInt64LE(0xffffffffffn, 40)));
    expect(ids(f)).toContain('elf/bad-section-headers');
    expect(needed(f)).toEqual(['libagora-core.so', 'liblog.so']);
  });

  it('e_shentsize that is not an ELF64 section header', () => {
    const f = read(patched(arm64, (c) => c.writeUInt16LE(12, 58)));
    expect(ids(f)).toContain('elf/bad-section-headers');
  });

  it('e_shstrndx out of range: names unknown, dynamic info still read', () => {
    const f = read(patched(arm64, (c) => c.writeUInt16LE(999, 62)));
    expect(ids(f)).toContain('elf/bad-section-headers');
    expect(needed(f)).toEqual(['libagora-core.so', 'liblog.so']);
  });

  it('e_phnum larger than the file', () => {
    const f = read(patched(arm64NoSections, (c) => c.writeUInt16LE(0xffff, 56)));
    expect(ids(f)).toContain('elf/bad-program-headers');
    expect(f.libraries).toEqual([]);
  });

  it('an unknown ELF class', () => {
    const f = read(patched(arm64, (c) => (c[4] = 3)));
    expect(ids(f)).toEqual(['elf/bad-header']);
  });
});

describe('lying sections and dynamic tables', () => {
  it('.dynstr offset beyond the file: no names, a notice', () => {
    const p = shdr('.dynstr');
    const f = read(patched(arm64, (c) => c.writeBigUInt64LE(0xfffffff0n, p + 24)));
    expect(ids(f)).toEqual(expect.arrayContaining(['elf/section-out-of-range', 'elf/bad-dynamic']));
    expect(f.libraries).toEqual([]);
    expect(f.symbols).toEqual([]);
  });

  it('.rodata size beyond the file: no rodata strings, a notice', () => {
    const p = shdr('.rodata');
    const f = read(patched(arm64, (c) => c.writeBigUInt64LE(0xffffffffn, p + 32)));
    expect(ids(f)).toContain('elf/section-out-of-range');
    expect(f.strings.filter((s) => s.kind === 'cstring')).toEqual([]);
  });

  it('.dynamic size beyond the file', () => {
    const p = shdr('.dynamic');
    const f = read(patched(arm64, (c) => c.writeBigUInt64LE(0x7fffffffn, p + 32)));
    expect(ids(f)).toContain('elf/bad-dynamic');
  });

  it('a DT_NEEDED string offset past the string table', () => {
    const e = dynEntry(arm64, 1);
    const f = read(patched(arm64, (c) => c.writeBigUInt64LE(0xffffffn, e + 8)));
    expect(ids(f)).toContain('elf/bad-dynamic');
    expect(needed(f)).toEqual(['liblog.so']);
  });

  it('a dynamic symbol name offset past the string table', () => {
    const sym = Number(arm64.readBigUInt64LE(shdr('.dynsym') + 24)) + 24; // symbol 1
    const f = read(patched(arm64, (c) => c.writeUInt32LE(0x7fffffff, sym)));
    expect(ids(f)).toContain('elf/bad-dynamic');
    expect(f.symbols.length).toBe(7);
  });

  it('a .dynsym section larger than the file', () => {
    const p = shdr('.dynsym');
    const f = read(patched(arm64, (c) => c.writeBigUInt64LE(0xffffffffffn, p + 32)));
    expect(ids(f)).toContain('elf/bad-dynamic');
    expect(needed(f)).toEqual(['libagora-core.so', 'liblog.so']);
  });

  it('PT_DYNAMIC beyond the file (no section headers)', () => {
    const f = read(patched(arm64NoSections, (c) => {
      const phoff = Number(c.readBigUInt64LE(32));
      for (let i = 0; i < c.readUInt16LE(56); i++) if (c.readUInt32LE(phoff + i * 56) === 2) c.writeBigUInt64LE(0xffffff00n, phoff + i * 56 + 8);
    }));
    expect(ids(f)).toContain('elf/bad-dynamic');
    expect(f.libraries).toEqual([]);
  });

  it('a DT_HASH chain count that lies (big-endian, no section headers)', () => {
    const hashVaddr = mipsNoSections.readUInt32BE(dynEntry(mipsNoSections, 4) + 4); // DT_HASH; vaddr == offset here
    const f = read(patched(mipsNoSections, (c) => c.writeUInt32BE(0x0fffffff, hashVaddr + 4)));
    expect(ids(f)).toContain('elf/bad-dynamic');
    expect(f.symbols).toEqual([]);
    expect(needed(f)).toEqual(['libagora-core.so', 'liblog.so']);
  });

  it('a DT_GNU_HASH bucket count that lies (no section headers)', () => {
    const gnu = Number(arm64NoSections.readBigUInt64LE(dynEntry(arm64NoSections, 0x6ffffef5) + 8));
    const f = read(patched(arm64NoSections, (c) => c.writeUInt32LE(0x0fffffff, gnu)));
    expect(ids(f)).toContain('elf/bad-dynamic');
    expect(f.symbols).toEqual([]);
  });

  it('DT_STRSZ beyond the file (no section headers)', () => {
    const e = dynEntry(arm64NoSections, 10);
    const f = read(patched(arm64NoSections, (c) => c.writeBigUInt64LE(0xffffffffn, e + 8)));
    expect(ids(f)).toContain('elf/bad-dynamic');
    expect(f.libraries).toEqual([]);
  });

  it('many section headers all claiming to be .rodata over the whole file', () => {
    const c = Buffer.from(arm64);
    const shoff = Number(c.readBigUInt64LE(40));
    const rodata = shdr('.rodata');
    for (let i = 1; i < c.readUInt16LE(60); i++) {
      const p = shoff + i * 64;
      if (p === shoff + c.readUInt16LE(62) * 64) continue; // keep the name table
      c.copy(c, p, rodata, rodata + 64);
      c.writeBigUInt64LE(0n, p + 24);
      c.writeBigUInt64LE(BigInt(shoff), p + 32);
    }
    const f = read(c);
    const runs = f.strings.filter((s) => s.kind === 'cstring');
    expect(runs.length).toBeGreaterThan(5);
    expect(new Set(runs.map((s) => s.offset)).size).toBe(runs.length);
  });
});

describe('mergeRanges', () => {
  it('scans each byte once however sections repeat or overlap', () => {
    expect(mergeRanges([{ offset: 10, size: 5 }, { offset: 0, size: 100 }, { offset: 0, size: 100 }, { offset: 200, size: 1 }])).toEqual([
      { start: 0, end: 100 },
      { start: 200, end: 201 },
    ]);
    expect(mergeRanges([{ offset: 0, size: 10 }, { offset: 10, size: 10 }])).toEqual([{ start: 0, end: 20 }]);
    expect(mergeRanges([])).toEqual([]);
  });
});

describe('random damage', () => {
  it('never throws on 1000 randomly corrupted copies (fixed seed)', () => {
    let x = 0x2545f491;
    const rand = (n: number) => {
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      return x % n;
    };
    const all = Object.values(FILES);
    for (let i = 0; i < 1000; i++) {
      const c = Buffer.from(all[i % all.length]!);
      for (let k = 1 + rand(6); k > 0; k--) {
        const at = rand(c.length);
        if (rand(2) && at + 4 <= c.length) c.writeUInt32LE((rand(0x10000) * 0x10000 + rand(0x10000)) >>> 0, at & ~3);
        else c[at] = rand(256);
      }
      const f = read(c);
      expectWithin(f, c);
      expect(ids(f)).not.toContain('elf/malformed');
    }
  });

  it('handles empty and tiny input', () => {
    for (const b of [Buffer.alloc(0), Buffer.from('\x7fELF'), Buffer.from('\x7fELF\x02\x01\x01\x00'), arm64.subarray(0, 63)]) {
      expect(read(b).notices.length).toBeGreaterThan(0);
    }
  });
});
