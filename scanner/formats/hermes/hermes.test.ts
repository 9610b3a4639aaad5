// Tests the Hermes reader on real hermesc output (test/fixtures/hermes, rebuilt by build.sh) for every bytecode
// version React Native shipped from 0.64 on (HBC 84-99), using hermesc's own raw disassembly of the same compilation as the
// oracle, plus truncated, lying and randomly corrupted variants made here from those files.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RulePack } from '../../rules/pack.js';
import type { ReaderContext } from '../reader.js';
import { hermesFacts, hermesReader, parseHermes, type HermesFile } from './index.js';
import { headerFields } from './header.js';
import { opcodeTable } from './opcodes.js';

const dir = fileURLToPath(new URL('../../../test/fixtures/hermes/', import.meta.url));
const VERSIONS = [84, 85, 89, 90, 94, 96, 98, 99];
const ctx: ReaderContext = { rules: {} as RulePack, maxStrings: 1_000_000 };
const load = (name: string) => readFileSync(dir + name);

// ---- oracle: hermesc -dump-bytecode -pretty=false ----
interface DumpString { id: number; identifier: boolean; utf16: boolean; start: number; length: number; text: string }
interface DumpFunction { name: string; instructions: Array<{ offset: number; name: string; operands: number[] }> }

function parseDump(text: string) {
  const strings: DumpString[] = [];
  const functions: DumpFunction[] = [];
  const info: Record<string, number> = {};
  let fn: DumpFunction | undefined;
  for (const line of text.split('\n')) {
    let m = /^\s+(Function count|String count|Bytecode version number): (\d+)/.exec(line);
    if (m) info[m[1]!] = Number(m[2]);
    m = /^([si])(\d+)\[(ASCII|UTF-16), (\d+)\.\.(-?\d+)\](?: #[0-9A-F]+)?: (.*)$/.exec(line);
    if (m) {
      const start = Number(m[4]);
      strings.push({
        id: Number(m[2]), identifier: m[1] === 'i', utf16: m[3] === 'UTF-16', start,
        length: Number(m[5]) - start + 1, text: m[6]!,
      });
      continue;
    }
    m = /^(?:NC)?Function<(.*)>\(/.exec(line);
    if (m) {
      fn = { name: m[1]!, instructions: [] };
      functions.push(fn);
      continue;
    }
    m = /^\[@ (\d+)\] (\w+)(?: (.*))?$/.exec(line);
    if (m && fn) {
      const operands = m[3] ? m[3].split(', ').map((o) => Number(/^(-?[\d.e+-]+)</.exec(o)![1])) : [];
      fn.instructions.push({ offset: Number(m[1]), name: m[2]!, operands });
    }
  }
  return { strings, functions, info };
}

function refs(file: HermesFile, fnName: string): string[] {
  const fn = file.functions.find((f) => f.name === fnName);
  expect(fn, `function ${fnName}`).toBeDefined();
  return fn!.stringIds.map((id) => file.strings[id]!.value);
}

const ROLES = ['host', 'broadcaster', 'presenter', 'speaker', 'moderator', 'audience', 'viewer', 'listener', 'guest', 'observer'];
const LONG = /^ This is a deliberately long string literal .* every bytecode version\.$/;

describe.each(VERSIONS)('HBC %i fixture', (v) => {
  const data = load(`app-v${v}.hbc`);
  const dump = parseDump(readFileSync(dir + `app-v${v}.dump.txt`, 'utf8'));
  const file = parseHermes(data, { keepInstructions: true });

  it('is sniffed and read without notices', () => {
    expect(hermesReader.sniff(data.subarray(0, 16), 'main.jsbundle')).toBe(true);
    const facts = hermesReader.read(data, 'app.ipa!/Payload/App.app/main.jsbundle', ctx) as ReturnType<typeof hermesReader.read>;
    expect(facts).not.toBeInstanceOf(Promise);
    expect(file.notices).toEqual([]);
    expect(file.header!.version).toBe(v);
    expect(dump.info['Bytecode version number']).toBe(v);
    expect(file.functions).toHaveLength(dump.info['Function count']!);
    expect(file.strings).toHaveLength(dump.info['String count']!);
    expect(file.bytecodeDecoded).toBe(true);
  });

  it('reads every string with the storage offset, length and kind hermesc reports', () => {
    const storage = file.layout!.stringStorage.offset;
    expect(dump.strings).toHaveLength(file.strings.length);
    for (const d of dump.strings) {
      const s = file.strings[d.id]!;
      expect({ id: s.id, identifier: s.identifier, utf16: s.utf16, start: s.offset - storage, length: s.byteLength })
        .toEqual({ id: d.id, identifier: d.identifier, utf16: d.utf16, start: d.start, length: d.length });
      if (!d.utf16) expect(s.value).toBe(d.text);
      // The bytes at the reported offset are the string itself.
      const bytes = data.subarray(s.offset, s.offset + s.byteLength);
      expect(bytes.toString(s.utf16 ? 'utf16le' : 'latin1')).toBe(s.value);
    }
    const values = file.strings.map((s) => s.value);
    expect(values).toContain('Привет, 世界');
    expect(file.strings.find((s) => s.value === 'Привет, 世界')!.utf16).toBe(true);
    expect(values.some((s) => LONG.test(s))).toBe(true);
    expect(file.header!.overflowStringCount).toBeGreaterThanOrEqual(1);
  });

  it('decodes every instruction exactly as hermesc disassembles it', () => {
    expect(dump.functions.reduce((n, f) => n + f.instructions.length, 0)).toBeGreaterThan(100);
    expect(dump.functions.map((f) => f.name).sort()).toEqual(file.functions.map((f) => f.name).sort());
    for (const d of dump.functions) {
      const fn = file.functions.find((f) => f.name === d.name)!;
      expect(fn.instructions, d.name).toEqual(d.instructions);
    }
  });

  it('maps functions to the strings their code uses, including literal buffers and switch labels', () => {
    expect(refs(file, 'startCall')).toEqual(expect.arrayContaining([
      'createAgoraRtcEngine', 'initialize', 'joinChannel', 'ROOM', 'fetch', 'http://api.example.com/join?uid=',
      // from the object literal {appId: '…', channelProfile: 1, audioScenario: 'chatroom'}
      'appId', 'a1b2c3d4e5f60718293a4b5c6d7e8f90', 'channelProfile', 'audioScenario', 'chatroom',
    ]));
    expect(refs(file, 'startCall')).not.toContain('room-42');
    expect(refs(file, 'global')).toEqual(expect.arrayContaining(['room-42', 'Привет, 世界', 'startCall']));
    expect(refs(file, 'onLeave')).toEqual(expect.arrayContaining(['https://api.example.com/leave', 'POST', 'method', 'body']));
    expect(refs(file, 'isRoomName')).toEqual(expect.arrayContaining(['^room-\\d+$', 'i', 'test']));
    expect(refs(file, 'clientRoleFor')).toEqual(expect.arrayContaining(ROLES));
    expect(refs(file, 'joinChannel')).toEqual([]);
    expect(refs(file, 'describe').some((s) => LONG.test(s))).toBe(true);
  });

  it('finds call sites with statically known callees, and none across a control-flow merge', () => {
    const expected: Record<string, string[]> = {
      global: ['clientRoleFor', 'describe', 'print', 'startCall'],
      startCall: ['createAgoraRtcEngine', 'fetch', 'initialize', 'isRoomName', 'joinChannel'],
      onLeave: ['fetch'],
      isRoomName: ['test'],
      createWebClient: ['AgoraRTC.createClient'],
      pickSender: [], // `send` is sendBeacon or fetch depending on the branch
      createAgoraRtcEngine: [], initialize: [], joinChannel: [], clientRoleFor: [], describe: [],
    };
    expect(file.functions.map((f) => f.name).sort()).toEqual(Object.keys(expected).sort());
    for (const fn of file.functions) {
      expect(fn.calls.map((c) => c.callee).sort(), fn.name).toEqual(expected[fn.name]);
      const insns = dump.functions.find((d) => d.name === fn.name)!.instructions;
      for (const c of fn.calls) {
        // every reported site is a call instruction in hermesc's own disassembly
        expect(insns.find((i) => i.offset === c.offset - fn.offset)?.name).toMatch(/^(Call|Construct)/);
      }
    }
  });

  it('yields facts: strings with offsets and function context, function symbols, meta', () => {
    const facts = hermesReader.read(data, 'bundle.hbc', ctx) as Awaited<ReturnType<typeof hermesReader.read>>;
    expect(facts.format).toBe('hermes');
    expect(facts.textual).toBe(false);
    expect(facts.meta).toMatchObject({
      hermesVersion: String(v), functionCount: String(file.functions.length), stringCount: String(file.strings.length),
    });
    const fact = (value: string) => facts.strings.find((s) => s.value === value)!;
    expect(fact('http://api.example.com/join?uid=')).toMatchObject({ kind: 'hermes-string', context: 'startCall', length: 32 });
    expect(fact('a1b2c3d4e5f60718293a4b5c6d7e8f90')).toMatchObject({ kind: 'hermes-string', context: 'startCall' });
    expect(fact('room-42')).toMatchObject({ kind: 'hermes-string', context: 'global' });
    expect(fact('POST')).toMatchObject({ context: 'onLeave' });
    expect(fact('joinChannel').kind).toBe('hermes-identifier');
    const url = fact('http://api.example.com/join?uid=');
    expect(data.subarray(url.offset!, url.offset! + url.length!).toString('latin1')).toBe(url.value);
    const sym = facts.symbols.find((s) => s.name === 'startCall')!;
    expect(sym.kind).toBe('function');
    expect(sym.offset).toBe(file.functions.find((f) => f.name === 'startCall')!.offset);
    expect(facts.calls).toContainEqual(expect.objectContaining({ caller: 'startCall', callee: 'joinChannel', context: 'startCall' }));
    expect(facts.calls).toContainEqual(expect.objectContaining({ caller: 'createWebClient', callee: 'AgoraRTC.createClient' }));
    expect(facts.notices).toEqual([]);
  });
});

describe.each([96, 99])('HBC %i large function headers', (v) => {
  const data = load(`big-v${v}.hbc`);
  const file = parseHermes(data);
  it('follows overflowed headers to the large header and decodes the functions behind it', () => {
    expect(file.notices).toEqual([]);
    const big = file.functions.find((f) => f.name === 'zzzBigRoutine')!;
    expect(big.large).toBe(true);
    expect(big.size).toBeGreaterThan(v >= 97 ? 0x3fff : 0x7fff); // past the small header's size field
    expect(refs(file, 'zzzBigRoutine')).toEqual(expect.arrayContaining(['http://big.example.com/report?uid=', 'push', 'field49']));
    expect(refs(file, 'zzzSmall')).toEqual(['small-marker']);
    expect(file.bytecodeDecoded).toBe(true);
  });
});

// ---- malformed input ----
const base = load('app-v96.hbc');
const base99 = load('app-v99.hbc');
const fieldOffset = (version: number, name: string) => 32 + headerFields(version).indexOf(name as never) * 4;
function patched(src: Buffer, edits: Array<[offset: number, value: number]>): Buffer {
  const b = Buffer.from(src);
  for (const [o, value] of edits) b.writeUInt32LE(value >>> 0, o);
  return b;
}
const ids = (file: HermesFile) => file.notices.map((n) => n.id);

describe('unknown versions', () => {
  it('reads strings and functions of a version without an opcode table, with a notice', () => {
    const file = parseHermes(patched(base, [[8, 95]]));
    expect(ids(file)).toContain('hermes/unknown-version');
    expect(file.strings.map((s) => s.value)).toEqual(parseHermes(base).strings.map((s) => s.value));
    expect(file.functions.map((f) => f.name)).toContain('startCall');
    expect(file.bytecodeDecoded).toBe(false);
    const facts = hermesReader.read(patched(base, [[8, 95]]), 'x.hbc', ctx) as Awaited<ReturnType<typeof hermesReader.read>>;
    expect(facts.meta.hermesVersion).toBe('95');
    expect(facts.notices.find((n) => n.id === 'hermes/unknown-version')).toMatchObject({ artifact: 'x.hbc' });
  });
  it('reads a future version with the newest layout and an old one not at all, never throwing', () => {
    const future = parseHermes(patched(base99, [[8, 130]]));
    expect(ids(future)).toContain('hermes/unknown-version');
    expect(future.strings.map((s) => s.value)).toContain('http://api.example.com/join?uid=');
    const old = parseHermes(patched(base, [[8, 59]]));
    expect(ids(old)).toEqual(['hermes/unknown-version']);
    expect(old.strings).toEqual([]);
  });
});

describe('corrupted and truncated files', () => {
  it('notices truncation at every cut point and never throws', () => {
    for (let cut = 0; cut < base.length; cut += 3) {
      const file = parseHermes(base.subarray(0, cut));
      expect(file.notices.length, `cut at ${cut}`).toBeGreaterThan(0);
    }
    expect(ids(parseHermes(base.subarray(0, 100)))).toEqual(['hermes/truncated']);
    expect(hermesReader.sniff(base.subarray(0, 4), 'x')).toBe(false);
  });

  it.each([
    ['functionCount'], ['stringKindCount'], ['identifierCount'], ['stringCount'], ['overflowStringCount'],
    ['stringStorageSize'], ['valueBufferSize'], ['objKeyBufferSize'],
  ])('rejects a huge %s without allocating for it', (field) => {
    for (const v of [base, base99]) {
      const version = v.readUInt32LE(8);
      const t = Date.now();
      const file = parseHermes(patched(v, [[fieldOffset(version, field), 0xfffffff0]]));
      expect(Date.now() - t).toBeLessThan(1000);
      expect(ids(file)).toContain('hermes/truncated');
    }
  });

  it('stops at string entries and kinds that point outside the table', () => {
    const layout = parseHermes(base).layout!;
    const entry = layout.smallStringTable.offset + 3 * 4;
    // offset field = 0x7fffff, length 10
    let file = parseHermes(patched(base, [[entry, (10 << 24) | (0x7fffff << 1)]]));
    expect(ids(file)).toContain('hermes/bad-string-table');
    expect(file.strings).toHaveLength(3); // the strings before the bad one are kept
    // overflowed entry naming overflow slot 1000
    file = parseHermes(patched(base, [[entry, (255 << 24) | (1000 << 1)]]));
    expect(ids(file)).toContain('hermes/bad-string-table');
    // a kind run that claims more strings than exist
    file = parseHermes(patched(base, [[layout.stringKinds.offset, 0x7fffffff]]));
    expect(ids(file)).toContain('hermes/bad-string-table');
  });

  it('stops at function headers whose code or large header lies outside the file', () => {
    const good = parseHermes(base);
    const l = good.layout!;
    // v96 small header word 0: offset (25 bits); put function 2's code past the end
    let file = parseHermes(patched(base, [[l.functionHeaders.offset + 2 * 16, 0x1ffffff]]));
    expect(ids(file)).toContain('hermes/bad-function-table');
    expect(file.functions).toHaveLength(2);
    expect(file.strings.length).toBe(good.strings.length);
    // v99: an overflowed header (global) pointing at a large header outside the file
    const g = parseHermes(base99).layout!;
    const b = Buffer.from(base99);
    b.writeUInt32LE(0x1ffffff, g.functionHeaders.offset); // offset bits of the large-header pointer
    b[g.functionHeaders.offset + 11] = b[g.functionHeaders.offset + 11]! | 0x20;
    file = parseHermes(b);
    expect(ids(file)).toContain('hermes/bad-function-table');
  });

  it('stops decoding at an unknown opcode or an out-of-range string operand', () => {
    const good = parseHermes(base, { keepInstructions: true });
    const fn = good.functions.find((f) => f.name === 'startCall')!;
    let b = Buffer.from(base);
    b[fn.offset] = 0xff; // past the 206 opcodes of v96
    let file = parseHermes(b);
    expect(ids(file)).toContain('hermes/bad-bytecode');
    expect(file.strings.length).toBe(good.strings.length);
    const load = fn.instructions!.find((i) => i.name === 'LoadConstString')!;
    b = Buffer.from(base);
    b.writeUInt16LE(0xfff0, fn.offset + load.offset + 2);
    file = parseHermes(b);
    expect(file.notices.find((n) => n.id === 'hermes/bad-bytecode')!.message).toMatch(/names string 65520/);
  });

  it('flags a modified file through its SHA-1 footer and a wrong length', () => {
    const b = Buffer.from(base);
    const s = parseHermes(base).strings.find((x) => x.value === 'room-42')!;
    b.write('ROOM', s.offset, 'latin1');
    expect(ids(parseHermes(b))).toEqual(['hermes/bad-checksum']);
    expect(ids(parseHermes(Buffer.concat([base, Buffer.alloc(8)])))).toEqual(['hermes/length-mismatch']);
  });

  it('stops decoding when the bytecode budget is spent (overlapping functions)', () => {
    const file = parseHermes(load('big-v96.hbc'), { decodeBudget: 20_000 });
    expect(ids(file)).toEqual(['hermes/decode-budget']);
    expect(file.functions.find((f) => f.name === 'zzzSmall')!.stringIds).toEqual([]);
  });

  it('reads the strings of a delta-prepped file but does not decode its bytecode', () => {
    const b = Buffer.from(base);
    for (let i = 0; i < 8; i++) b[i] = ~b[i]! & 0xff;
    expect(hermesReader.sniff(b.subarray(0, 8), 'x')).toBe(true);
    const file = parseHermes(b);
    expect(ids(file)).toContain('hermes/delta-form');
    expect(file.strings.map((s) => s.value)).toContain('room-42');
    expect(file.bytecodeDecoded).toBe(false);
  });

  it('caps the strings kept at maxStrings', () => {
    const facts = hermesReader.read(base, 'x', { ...ctx, maxStrings: 5 }) as Awaited<ReturnType<typeof hermesReader.read>>;
    expect(facts.strings).toHaveLength(5);
    expect(facts.notices.map((n) => n.id)).toEqual(['hermes/too-many-strings']);
    const capped = hermesFacts(parseHermes(base), 'x', 3);
    expect(capped.calls).toHaveLength(3);
    expect(capped.notices.map((n) => n.id)).toEqual(['hermes/too-many-calls']);
  });

  it('models a call whose 32-bit argument count reaches past the frame (CallLong, v96) in bounded time', () => {
    const b = Buffer.from(load('big-v96.hbc'));
    const table = opcodeTable(96)!;
    const callLong = table.find((o) => o.name === 'CallLong')!;
    const pad = table.find((o) => o.name === 'Debugger')!;
    const fn = parseHermes(b).functions.find((f) => f.size >= 16)!;
    // The first instructions (7 bytes or more, up to an instruction boundary) become `CallLong r0, r0, 0xfffffff0`
    // and one-byte Debugger instructions: the rest of the function decodes as before.
    let end = fn.offset;
    while (end - fn.offset < callLong.length) end += table[b[end]!]!.length;
    b.fill(pad.code, fn.offset, end);
    b[fn.offset] = callLong.code;
    b[fn.offset + 1] = 0;
    b[fn.offset + 2] = 0;
    b.writeUInt32LE(0xfffffff0, fn.offset + 3);
    const t = Date.now();
    const facts = hermesReader.read(b, 'x.hbc', ctx);
    expect(Date.now() - t).toBeLessThan(20_000);
    expect(facts.meta.bytecodeDecoded).toBe('true');
    const call = facts.code!.calls.find((c) => c.offset === fn.offset)!;
    // The arguments are the registers below `this` at the top of the frame, and no more.
    expect(call.args.length).toBeLessThan(fn.frameSize);
  });

  it('survives random corruption of every fixture in bounded time', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const t = Date.now();
    for (const v of VERSIONS) {
      const src = load(`app-v${v}.hbc`);
      for (let round = 0; round < 300; round++) {
        const b = Buffer.from(src);
        const n = 1 + Math.floor(rand() * 8);
        for (let k = 0; k < n; k++) {
          // bias towards the header and tables, where a flip changes offsets and counts
          const at = rand() < 0.6 ? Math.floor(rand() * Math.min(b.length, 600)) : Math.floor(rand() * b.length);
          b[at] = Math.floor(rand() * 256);
        }
        const cut = rand() < 0.2 ? Math.floor(rand() * b.length) : b.length;
        expect(() => parseHermes(b.subarray(0, cut))).not.toThrow();
      }
    }
    for (const name of ['big-v96.hbc', 'big-v99.hbc']) {
      const src = load(name);
      for (let round = 0; round < 25; round++) {
        const b = Buffer.from(src);
        for (let k = 0; k < 4; k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
        expect(() => parseHermes(b)).not.toThrow();
      }
    }
    expect(Date.now() - t).toBeLessThan(20_000);
  });
});
