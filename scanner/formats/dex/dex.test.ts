import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../core/facts.js';
import { buildPack } from '../../rules/pack.js';
import { VendorRule } from '../../rules/schema.js';
import { dexReader, readDex } from './index.js';
import { walkInstructions } from './code.js';
import { decodeMutf8 } from './mutf8.js';
import { readHeader } from './header.js';
import { DexTables } from './tables.js';

const FIX = 'test/fixtures/dex';
const classes = readFileSync(`${FIX}/classes.dex`);
const classes2 = readFileSync(`${FIX}/classes2.dex`);
// A vendor rule naming io.agora.rtc2 lets the reader prefer app methods as string contexts.
const agora = VendorRule.parse({
  id: 'agora',
  name: 'Agora',
  jurisdiction: { country: 'CN', headquarters: 'Shanghai', sources: ['test'] },
  endpoints: { domains: ['agora.io'], sources: ['test'] },
  sdk: { android: { packages: ['io.agora.rtc2'] }, sources: ['test'] },
});
const ctx = { rules: buildPack([agora], [], { identifiers: [] }), maxStrings: 100_000 };
const read = (buf: Buffer, path = 'app.apk!/classes.dex'): Facts => readDex(buf, path, ctx);

const ROOM = 'Lcom/example/club/RoomActivity;';
const JOIN = `${ROOM}->join(Ljava/lang/String;)V`;
const CREATE =
  'Lio/agora/rtc2/RtcEngine;->create(Landroid/content/Context;Ljava/lang/String;Lio/agora/rtc2/IRtcEngineEventHandler;)Lio/agora/rtc2/RtcEngine;';
const JOIN_CHANNEL = 'Lio/agora/rtc2/RtcEngine;->joinChannel(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;I)I';

/** Instructions from `baksmali dump` (committed beside the fixture): offset → instruction text. */
function baksmaliInstructions(dump: string): Map<number, string> {
  const out = new Map<number, string>();
  let current: number | undefined;
  for (const line of dump.split('\n')) {
    const head = /^([0-9a-f]{6}): [0-9a-f ]*\|(.*)$/.exec(line);
    if (head) {
      current = parseInt(head[1]!, 16);
      out.set(current, head[2]!.trim());
      continue;
    }
    const cont = /^\s+\|(.*)$/.exec(line);
    if (cont && current !== undefined) out.set(current, out.get(current)! + cont[1]!);
  }
  return out;
}

/** Code items from `baksmali dump`: where their instructions start, how many units, and each instruction start. */
function baksmaliCodeItems(dump: string): Array<{ start: number; units: number; starts: number[] }> {
  const items: Array<{ start: number; units: number; starts: number[] }> = [];
  for (const line of dump.split('\n')) {
    const size = /^([0-9a-f]{6}): [0-9a-f ]*\|  insns_size = 0x([0-9a-f]+)$/.exec(line);
    if (size) {
      items.push({ start: parseInt(size[1]!, 16) + 4, units: parseInt(size[2]!, 16), starts: [] });
      continue;
    }
    // Instructions and payload headers are indented by exactly four spaces; payload fields by more.
    const insn = /^([0-9a-f]{6}): [0-9a-f ]*\| {4}\S/.exec(line);
    if (insn && items.length > 0) items[items.length - 1]!.starts.push(parseInt(insn[1]!, 16));
  }
  return items;
}

describe('dexReader on smali-built fixtures', () => {
  it('steps over every instruction and payload exactly where baksmali does', () => {
    for (const name of ['classes', 'classes2']) {
      const buf = readFileSync(`${FIX}/${name}.dex`);
      const items = baksmaliCodeItems(readFileSync(`${FIX}/${name}.dump.txt`, 'utf8'));
      expect(items.length).toBeGreaterThan(2);
      for (const item of items) {
        const seen: number[] = [];
        const r = walkInstructions(buf, item.start, item.units, (o) => seen.push(o));
        expect(r.error).toBeUndefined();
        expect(seen).toEqual(item.starts);
      }
    }
  });

  it('sniffs DEX magic and nothing else', () => {
    expect(dexReader.sniff(classes.subarray(0, 16), 'classes.dex')).toBe(true);
    expect(dexReader.sniff(Buffer.from('dex\n03x\0'), 'classes.dex')).toBe(false);
    expect(dexReader.sniff(Buffer.from('PK\x03\x04'), 'classes.dex')).toBe(false);
  });

  it('finds the app calls into the Agora SDK, with the calling method', () => {
    const f = read(classes);
    expect(f.notices).toEqual([]);
    expect(f.meta.dexVersion).toBe('038');
    const fromJoin = f.calls.filter((c) => c.caller === JOIN).map((c) => c.callee);
    expect(fromJoin).toEqual([CREATE, JOIN_CHANNEL, `${ROOM}->report(Ljava/lang/String;Ljava/lang/String;)V`]);
    // invoke-static/range with six registers, placed between switch and array payloads
    expect(f.calls.map((c) => c.callee)).toContain(
      'Lio/agora/rtc2/RtcEngine;->setParameters(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)I',
    );
    for (const c of f.calls) expect(c.context).toBe(c.caller);
  });

  it('agrees with baksmali on every invoke and const-string offset', () => {
    for (const [name, buf] of [['classes', classes], ['classes2', classes2]] as const) {
      const oracle = baksmaliInstructions(readFileSync(`${FIX}/${name}.dump.txt`, 'utf8'));
      const f = read(buf, `${name}.dex`);
      const invokes = [...oracle].filter(([, t]) => t.startsWith('invoke-'));
      expect(invokes.length).toBeGreaterThan(0);
      expect(f.calls.map((c) => c.offset).sort()).toEqual(invokes.map(([o]) => o).sort());
      for (const c of f.calls) expect(oracle.get(c.offset!)!.endsWith(`}, ${c.callee}`)).toBe(true);
      // each const-string the oracle shows is a string fact whose value matches and whose context is a method
      for (const [, text] of oracle) {
        const m = /^const-string(?:\/jumbo)? v\d+, (".*")$/.exec(text);
        if (!m) continue;
        const value = JSON.parse(m[1]!) as string;
        const fact = f.strings.find((s) => s.kind === 'dex-string' && s.value === value);
        expect(fact, value).toBeDefined();
        expect(fact!.context).toMatch(/->/);
      }
    }
  });

  it('reports strings with their file offsets and the method that loads them', () => {
    const f = read(classes);
    const byValue = new Map(f.strings.filter((s) => s.kind === 'dex-string').map((s) => [s.value, s]));
    for (const v of ['room-42', 'http://api.example.com/join', '0123456789abcdef0123456789abcdef']) {
      const s = byValue.get(v)!;
      expect(s.context).toBe(JOIN);
      expect(classes.toString('utf8', s.offset!, s.offset! + s.length!)).toBe(v);
    }
    expect(byValue.get('h264')!.context).toBe(`${ROOM}->codec(I)Ljava/lang/String;`);
    expect(byValue.get('joinChannel')!.context).toBeUndefined(); // a method name, not a const-string
  });

  it('decodes MUTF-8 surrogate pairs and the C0 80 form of NUL', () => {
    const f = read(classes);
    const s = f.strings.find((x) => x.value.startsWith('caf'))!;
    expect(s.value).toBe('café 😀 nul\u0000end');
    // bytes: é = C3 A9, 😀 = two 3-byte surrogates, NUL = C0 80
    const raw = classes.subarray(s.offset!, s.offset! + s.length!);
    expect(raw.includes(Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]))).toBe(true);
    expect(raw.includes(Buffer.from([0xc0, 0x80]))).toBe(true);
  });

  it('lists types, classes and method references', () => {
    const f = read(classes);
    expect(f.strings.filter((s) => s.kind === 'dex-type').map((s) => s.value)).toContain('Lio/agora/rtc2/RtcEngine;');
    expect(f.symbols.filter((s) => s.kind === 'class').map((s) => s.name)).toEqual([ROOM]);
    const methods = f.symbols.filter((s) => s.kind === 'method').map((s) => s.name);
    expect(methods).toContain(JOIN_CHANNEL);
    expect(methods).toContain(`${ROOM}->nativeHook()V`);
  });

  it('reads the second dex of a multidex app the same way', () => {
    const f = read(classes2, 'app.apk!/classes2.dex');
    expect(f.notices).toEqual([]);
    expect(f.symbols.filter((s) => s.kind === 'class').map((s) => s.name)).toEqual(['Lio/agora/rtc2/RtcEngine;']);
    const url = f.strings.find((s) => s.value === 'https://api.agora.io')!;
    expect(url.context).toBe(CREATE);
  });

  it('honours maxStrings with a notice, keeping types before literals', () => {
    const types = read(classes).strings.filter((s) => s.kind === 'dex-type').length;
    const f = readDex(classes, 'c.dex', { ...ctx, maxStrings: types + 5 });
    expect(f.strings.filter((s) => s.kind === 'dex-type')).toHaveLength(types);
    expect(f.strings.filter((s) => s.kind === 'dex-string')).toHaveLength(5);
    expect(f.notices.map((n) => n.id)).toEqual(['dex/too-many-strings']);
    const g = readDex(classes, 'c.dex', { ...ctx, maxStrings: 3 });
    expect(g.strings.map((s) => s.kind)).toEqual(['dex-type', 'dex-type', 'dex-type']);
    expect(g.notices.map((n) => n.id)).toEqual(['dex/too-many-strings']);
  });
});

describe('dexReader on damaged files', () => {
  const patch = (at: number, bytes: number[] | ((b: Buffer) => void)): Buffer => {
    const b = Buffer.from(classes);
    if (typeof bytes === 'function') bytes(b);
    else Buffer.from(bytes).copy(b, at);
    return b;
  };
  const ids = (f: Facts) => f.notices.map((n) => n.id);

  it('survives every truncation of the real file', () => {
    for (let len = 0; len < classes.length; len += 7) {
      const f = read(classes.subarray(0, len));
      if (len < classes.length) expect(f.notices.length, `length ${len}`).toBeGreaterThan(0);
    }
  });

  it('rejects a lying string count without allocating for it', () => {
    const f = read(patch(56, [0xff, 0xff, 0xff, 0x7f]));
    expect(ids(f)).toContain('dex/malformed');
    expect(f.notices.find((n) => n.id === 'dex/malformed')!.message).toMatch(/string_ids/);
    expect(f.strings).toEqual([]);
  });

  it('stops at a string data offset beyond EOF', () => {
    const b = patch(0, (buf) => buf.writeUInt32LE(0x7fff0000, buf.readUInt32LE(60) + 3 * 4));
    const f = read(b);
    expect(f.notices.some((n) => /past the end/.test(n.message))).toBe(true);
  });

  it('flags invalid MUTF-8 and keeps going', () => {
    const b = Buffer.from(classes);
    const at = b.indexOf('room-42');
    b[at + 2] = 0xff; // a byte no MUTF-8 sequence starts with
    const f = read(b);
    expect(ids(f)).toContain('dex/bad-mutf8');
    expect(f.strings.some((s) => s.value === 'ro\ufffdm-42')).toBe(true);
    expect(f.calls.length).toBeGreaterThan(0);
  });

  it('stops at a code item whose size runs past the end', () => {
    // insns_size of the first code item (the one of <init>, right after the class data)
    const b = Buffer.from(classes);
    const firstInvoke = read(classes).calls[0]!.offset!;
    b.writeUInt32LE(0x40000000, firstInvoke - 16 + 12);
    const f = read(b);
    expect(f.notices.some((n) => /code units past the end/.test(n.message))).toBe(true);
  });

  it('reports invokes whose method index is out of range', () => {
    const f0 = read(classes);
    const call = f0.calls.find((c) => c.callee === JOIN_CHANNEL)!;
    const b = Buffer.from(classes);
    b.writeUInt16LE(0xfff0, call.offset! + 2);
    const f = read(b);
    expect(ids(f)).toContain('dex/bad-code');
    expect(f.calls.some((c) => c.callee === JOIN_CHANNEL)).toBe(false);
    expect(f.calls.some((c) => c.callee === CREATE)).toBe(true);
  });

  it('rejects class_data with member counts the file cannot hold', () => {
    const b = Buffer.from(classes);
    const classDefs = b.readUInt32LE(100);
    const classData = b.readUInt32LE(classDefs + 24);
    Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]).copy(b, classData); // static_fields_size = 2^32-1
    const f = read(b);
    expect(f.notices.some((n) => /more members than the file holds/.test(n.message))).toBe(true);
  });

  it('never throws on random corruption', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 0x1000000;
    const started = Date.now();
    for (let i = 0; i < 400; i++) {
      const b = Buffer.from(classes);
      for (let k = 0; k < 1 + Math.floor(rnd() * 8); k++) b[8 + Math.floor(rnd() * (b.length - 8))] = Math.floor(rnd() * 256);
      expect(() => read(b)).not.toThrow();
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('mutf8 decoder stops at the declared length when the terminator is missing', () => {
    const r = decodeMutf8(Buffer.from('abcdefgh'), 0, 3);
    expect(r.value).toBe('abc');
    expect(r.error).toMatch(/longer than its declared length/);
  });

  it('looks strings up by id alone when no two ids can share string data, and by data offset when they can', () => {
    // d8 writes string data in id order; a string id pointing back at an earlier string's data is read as that string.
    expect(new DexTables(classes, readHeader(classes)).sharesStringData).toBe(false);
    const b = Buffer.from(classes);
    const h = readHeader(b);
    b.writeUInt32LE(b.readUInt32LE(h.stringIds.off), h.stringIds.off + 4);
    const t = new DexTables(b, h);
    expect(t.sharesStringData).toBe(true);
    expect(t.string(1)).toBe(t.string(0));
  });

  it('mutf8 decoder reads standard UTF-8 natively and what only modified UTF-8 allows code unit by code unit', () => {
    const z = (hex: string): Buffer => Buffer.from(`${hex}00`, 'hex');
    // é and € (2- and 3-byte forms), a leading U+FEFF kept as a unit
    expect(decodeMutf8(z('c3a9e282ac'), 0, 2)).toEqual({ value: 'é€', byteLength: 5, error: undefined });
    expect(decodeMutf8(z('efbbbf41'), 0, 2)).toEqual({ value: '\ufeffA', byteLength: 4, error: undefined });
    // NUL as C0 80, and U+1F600 as two 3-byte surrogates (CESU-8): both rejected by standard UTF-8
    expect(decodeMutf8(z('41c080'), 0, 2).value).toBe('A\u0000');
    expect(decodeMutf8(z('eda0bdedb880'), 0, 2).value).toBe('\u{1F600}');
    // a 4-byte form is not modified UTF-8, and a BOM beyond the declared length is no shortcut
    expect(decodeMutf8(z('f09f9880'), 0, 2).error).toMatch(/cannot start/);
    const long = decodeMutf8(z('efbbbf4142'), 0, 2);
    expect(long.value).toBe('\ufeffA');
    expect(long.error).toMatch(/longer than its declared length/);
  });
});
