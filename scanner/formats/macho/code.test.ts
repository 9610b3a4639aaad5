// The arm64 code model on real binaries built by test/fixtures/macho-app/build.sh (clang 14 + ld64.lld, ARC, -O1):
// the decoder against llvm-objdump's disassembly of the same bytes, and the call sites the model reports against
// the source (src/Club.m), for both send styles (`bl objc_msgSend` stubs and Xcode 14+ selector stubs).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Facts } from '../../core/facts.js';
import type { RulePack } from '../../rules/pack.js';
import type { ModelCall, ModelValue } from '../../model/types.js';
import type { ReaderContext } from '../reader.js';
import { decode } from './arm64.js';
import { CODE_LIMITS, formatHoles } from './code.js';
import { machoReader } from './index.js';

const DIR = join(import.meta.dirname, '../../../test/fixtures/macho-app');
const ctx: ReaderContext = { rules: {} as RulePack, maxStrings: 1_000_000 };
const load = (name: string) => readFileSync(join(DIR, name));
const read = (data: Buffer) => machoReader.read(data, 'Club', ctx) as Facts;

/** A call as a line of text: callee, receiver, arguments. */
function show(c: ModelCall): string {
  const v = (x: ModelValue): string => {
    switch (x.kind) {
      case 'string':
        return JSON.stringify(x.value);
      case 'number':
        return String(x.value);
      case 'null':
        return 'nil';
      case 'format':
        return `format(${JSON.stringify(x.format)}; ${x.args.map(v).join(', ')})`;
      case 'unknown':
        return x.origin?.kind === 'param' ? `param${x.origin.index}` : x.origin?.kind === 'call' ? `${x.origin.callee}()` : x.text;
      default:
        return x.kind;
    }
  };
  const r = c.receiver;
  const recv = r.kind === 'class' ? `class ${r.name}` : r.kind === 'field' ? `field ${r.owner}.${r.name}` : r.kind === 'call' ? `call ${r.callee}` : r.kind === 'new' ? `new ${r.type}` : r.kind;
  return `${c.context}: ${c.callee} on ${recv} (${c.args.map(v).join(', ')})`;
}

const EXPECTED = [
  '-[RoomViewController viewDidLoad]: AgoraRtcEngineKit.sharedEngineWithAppId:delegate: on class AgoraRtcEngineKit ("5f3c7e21a9b84d06b2e1c4f7a8d93e60", self)',
  '-[RoomViewController joinRoom:uid:]: AgoraRtcEngineKit.joinChannelByToken:channelId:info:uid:joinSuccess: on field RoomViewController._engine (nil, param0, nil, param1, nil)',
  '-[RoomViewController joinStage:uid:]: AgoraRtcChannelMediaOptions.init on new AgoraRtcChannelMediaOptions ()',
  '-[RoomViewController joinStage:uid:]: AgoraRtcEngineKit.joinChannelByToken:channelId:uid:mediaOptions:joinSuccess: on field RoomViewController._engine ' +
    '("006a1b2c3d4e5f60718293a4b5c6d7e8f9aIAB3xZwq1kVtOJc2lQ8vR0sYh4mN7pT5gK9dF6jE2aW1uX0", param0, 7, AgoraRtcChannelMediaOptions.init(), nil)',
  '-[RoomViewController reportPresence:]: NSString.stringWithFormat: on class NSString (format("http://api.clubrooms.example/presence?uid=%@"; param0))',
  '-[RoomViewController reportPresence:]: NSURL.URLWithString: on class NSURL (format("http://api.clubrooms.example/presence?uid=%@"; param0))',
  '-[RoomViewController reportPresence:]: NSURLSession.sharedSession on class NSURLSession ()',
  '-[RoomViewController reportPresence:]: NSURLSession.dataTaskWithURL:completionHandler: on call NSURLSession.sharedSession (format("http://api.clubrooms.example/presence?uid=%@"; param0), nil)',
  '-[RoomViewController reportPresence:]: id.resume on call NSURLSession.dataTaskWithURL:completionHandler: ()',
  'main: RoomViewController.new on class RoomViewController ()',
  'main: RoomViewController.viewDidLoad on call RoomViewController.new ()',
  'main: RoomViewController.joinRoom:uid: on call RoomViewController.new ("lobby", 42)',
  'main: RoomViewController.reportPresence: on call RoomViewController.new ("42")',
];

/** llvm-objdump --macho -d: address → instruction text. */
function objdump(name: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of readFileSync(join(DIR, `expected/${name}.objdump.txt`), 'utf8').split('\n')) {
    const m = /^([0-9a-f]+):\s+(.*)$/.exec(line);
    if (m) out.set(parseInt(m[1]!, 16), m[2]!);
  }
  return out;
}

describe('arm64 decoder vs llvm-objdump', () => {
  for (const name of ['Club', 'Club-selstubs']) {
    it(`${name}: every adrp, add, ldr, mov, movz and branch decodes as llvm-objdump prints it`, () => {
      const data = load(name);
      const text = objdump(name);
      expect(text.size).toBeGreaterThan(100);
      let checked = 0;
      for (const [addr, asm] of text) {
        const off = addr - 0x100000000; // __TEXT maps file offset 0 at 0x100000000
        const insn = decode(data.readUInt32LE(off), addr);
        const [op, ...rest] = asm.split(/\s+/);
        const ops = rest.join(' ').replace(/\s*;.*$/, '');
        const reg = (s: string) => (s === 'sp' || s === 'xzr' || s === 'wzr' ? 31 : Number(s.slice(1)));
        let m: RegExpExecArray | null;
        if (op === 'adrp') {
          expect(insn).toMatchObject({ op: 'adrp', rd: reg(ops.split(',')[0]!), target: parseInt(/0x([0-9a-f]+)/.exec(asm)![1]!, 16) });
        } else if (op === 'bl' || op === 'b') {
          expect(insn).toMatchObject({ op, target: parseInt(ops, 16) });
        } else if (op === 'add' && (m = /^x(\d+), x(\d+), #(\d+)$/.exec(ops))) {
          expect(insn).toMatchObject({ op: 'addi', rd: +m[1]!, rn: +m[2]!, imm: +m[3]! });
        } else if (op === 'ldr' && (m = /^x(\d+), \[(x\d+|sp), #(\d+)\]$/.exec(ops))) {
          expect(insn).toMatchObject({ op: 'ldr', rd: +m[1]!, rn: reg(m[2]!), imm: +m[3]!, size: 8 });
        } else if (op === 'mov' && (m = /^([xw])(\d+), ([xw]\d+|xzr)$/.exec(ops))) {
          expect(insn).toMatchObject({ op: 'mov', rd: +m[2]!, rm: reg(m[3]!), wide: m[1] === 'x' });
        } else if (op === 'mov' && (m = /^[xw](\d+), #(-?\d+)$/.exec(ops))) {
          expect(insn.op === 'movz' || insn.op === 'orri').toBe(true);
          expect(BigInt.asIntN(32, (insn as { value: bigint }).value)).toBe(BigInt(m[2]!));
        } else if (op === 'ret') {
          expect(insn).toMatchObject({ op: 'ret', rn: 30 });
        } else if (op === 'br') {
          expect(insn).toMatchObject({ op: 'br', rn: reg(ops) });
        } else continue;
        checked++;
      }
      expect(checked).toBeGreaterThan(100);
    });
  }
});

describe('code model of the clang-built Objective-C app', () => {
  for (const name of ['Club', 'Club-selstubs']) {
    it(`${name}: every send with its receiver and argument values, in code order`, () => {
      const facts = read(load(name));
      const code = facts.code!;
      expect(code.calls.map(show)).toEqual(EXPECTED);
      expect(facts.notices).toEqual([]);
      expect(facts.meta).toMatchObject({ codeFunctions: '6', codeSends: '13' });
      expect(facts.meta.codeUnresolvedSends).toBeUndefined();
    });
  }

  it('the two send styles differ in bytes but not in the model', () => {
    const a = load('Club');
    const b = load('Club-selstubs');
    expect(a.equals(b)).toBe(false);
    // The selector-stub build has no `ldr x1, selref` before its sends and calls into __objc_stubs instead.
    const stubs = [...objdump('Club-selstubs').values()].filter((s) => s.startsWith('bl') && !s.includes('symbol stub'));
    expect(stubs.length).toBe(12); // the 13th send is objc_alloc_init, an ordinary symbol stub
    const strip = (f: Facts) => f.code!.calls.map((c) => ({ ...c, offset: undefined }));
    expect(strip(read(b))).toEqual(strip(read(a)));
  });

  it('functions come from LC_FUNCTION_STARTS with names from the symbol table, calls point at their bl', () => {
    const data = load('Club-selstubs');
    const code = read(data).code!;
    expect(code.functions.map((f) => f.name)).toEqual([
      '-[RoomViewController viewDidLoad]',
      '-[RoomViewController joinRoom:uid:]',
      '-[RoomViewController joinStage:uid:]',
      '-[RoomViewController reportPresence:]',
      '-[RoomViewController .cxx_destruct]',
      'main',
    ]);
    const text = objdump('Club-selstubs');
    for (const c of code.calls) {
      expect(text.get(0x100000000 + c.offset!), c.callee).toMatch(/^bl\s/);
      const fn = code.functions[c.fn]!;
      expect(c.offset!).toBeGreaterThanOrEqual(fn.offset!);
      expect(c.offset!).toBeLessThan(fn.offset! + fn.length!);
    }
  });

  it('names methods from the ObjC class data when the symbol table is stripped', () => {
    const data = Buffer.from(load('Club'));
    // Blank every symbol name (LC_SYMTAB string table) as `strip` would leave method IMPs unnamed.
    const facts0 = read(data);
    const names = facts0.symbols.filter((s) => s.kind !== 'import');
    for (const s of names) data.fill(0, s.offset!, s.offset! + s.length!);
    const code = read(data).code!;
    expect(code.functions.map((f) => f.name).slice(0, 4)).toEqual([
      '-[RoomViewController viewDidLoad]',
      '-[RoomViewController joinRoom:uid:]',
      '-[RoomViewController joinStage:uid:]',
      '-[RoomViewController reportPresence:]',
    ]);
    expect(code.calls.map(show).slice(0, 2)).toEqual(EXPECTED.slice(0, 2));
  });

  it('stops at its instruction cap with a notice', () => {
    const saved = { ...CODE_LIMITS };
    CODE_LIMITS.insnsPerImage = 40;
    try {
      const facts = read(load('Club'));
      expect(facts.code!.calls.length).toBeLessThan(EXPECTED.length);
      expect(facts.notices.map((n) => n.id)).toContain('macho/code-truncated');
    } finally {
      Object.assign(CODE_LIMITS, saved);
    }
  });

  it('survives flipped bytes in code and data without throwing', () => {
    const base = load('Club-selstubs');
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 0x10000) / 0x10000;
    for (let i = 0; i < 60; i++) {
      const d = Buffer.from(base);
      for (let k = 0; k < 40; k++) d[Math.floor(rnd() * d.length)] = Math.floor(rnd() * 256);
      const facts = read(d);
      expect(facts.code === undefined || facts.code.calls.length < 10_000).toBe(true);
    }
  });
});

describe('format holes', () => {
  it('counts the arguments a format consumes', () => {
    expect(formatHoles('http://x/presence?uid=%@')).toBe(1);
    expect(formatHoles('%d%% of %@ (%.*f)')).toBe(4);
    expect(formatHoles('%lu-%lld-%s')).toBe(3);
    expect(formatHoles('no holes %%')).toBe(0);
  });
});
