// The DEX code model on smali-built DEX (test/fixtures/dex/model/build.sh): call sites with their decoded
// receivers and argument values, checked against baksmali's independent dump of the same bytes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../core/facts.js';
import type { ModelCall, ModelValue } from '../../model/types.js';
import { buildPack } from '../../rules/pack.js';
import { VendorRule } from '../../rules/schema.js';
import { scanClasses } from './classes.js';
import { readHeader } from './header.js';
import { readDex } from './index.js';
import { buildDexModel, DEX_MODEL_LIMITS } from './model.js';
import { DexTables } from './tables.js';

const FIX = 'test/fixtures/dex/model';
const app = readFileSync(`${FIX}/app.dex`);
const edge = readFileSync(`${FIX}/edge.dex`);
const agora = VendorRule.parse({
  id: 'agora',
  name: 'Agora',
  jurisdiction: { country: 'CN', headquarters: 'Shanghai', sources: ['test'] },
  endpoints: { domains: ['agora.io'], sources: ['test'] },
  sdk: { android: { packages: ['io.agora.rtc2'] }, sources: ['test'] },
});
const ctx = { rules: buildPack([agora], [], { identifiers: [] }), maxStrings: 100_000 };
const read = (buf: Buffer): Facts => readDex(buf, 'app.apk!/classes3.dex', ctx);

const START = 'Lcom/example/club/CallActivity;->startCall(Ljava/lang/String;I)V';
const PRESENCE = 'Lcom/example/club/CallActivity;->presence(Ljava/lang/String;I)V';
const param = (fn: string, index: number): ModelValue => ({ kind: 'unknown', text: `arg${index}`, origin: { kind: 'param', fn, index } });

function callsOf(f: Facts, fn: string): ModelCall[] {
  const idx = f.code!.functions.findIndex((x) => x.name === fn);
  expect(idx, fn).toBeGreaterThanOrEqual(0);
  return f.code!.calls.filter((c) => c.fn === idx);
}

function only(calls: ModelCall[], callee: string): ModelCall {
  const found = calls.filter((c) => c.callee === callee);
  expect(found, callee).toHaveLength(1);
  return found[0]!;
}

/** offset → instruction text from `baksmali dump` (an independent decoder). */
function dumpInstructions(file: string): Map<number, string> {
  const out = new Map<number, string>();
  let current: number | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const head = /^([0-9a-f]{6}): [0-9a-f ]*\|(.*)$/.exec(line);
    if (head) {
      current = parseInt(head[1]!, 16);
      out.set(current, head[2]!.trim());
    } else {
      const cont = /^\s+\|(.*)$/.exec(line);
      if (cont && current !== undefined) out.set(current, out.get(current)! + cont[1]!);
    }
  }
  return out;
}

describe('DEX code model: the Agora sample screen (app.dex)', () => {
  const f = read(app);
  const start = callsOf(f, START);

  it('reads without notices and models every app method', () => {
    expect(f.notices).toEqual([]);
    const names = f.code!.functions.map((x) => x.name);
    expect(names).toEqual(expect.arrayContaining([START, PRESENCE, 'Lcom/example/club/Config;-><clinit>()V']));
    const fn = f.code!.functions.find((x) => x.name === START)!;
    expect(fn.params).toBe(2);
    expect(fn.offset! % 2).toBe(0);
  });

  it('puts every call site on an invoke that baksmali decodes to the same method', () => {
    const dump = dumpInstructions(`${FIX}/app.dump.txt`);
    for (const c of f.code!.calls) {
      const text = dump.get(c.offset!);
      expect(text, `${c.callee} @${c.offset}`).toMatch(/^invoke-/);
      expect(text!.endsWith(`}, ${c.snippet}`)).toBe(true);
      expect(c.length).toBe(6);
    }
    // StringBuilder and String.format are folded into values, not reported as calls
    expect(f.code!.calls.some((c) => /StringBuilder|String\.format|Integer\.valueOf/.test(c.callee))).toBe(false);
  });

  it('RtcEngine.create gets the App ID from the static final (static_values), not from a const-string', () => {
    const create = only(start, 'io/agora/rtc2/RtcEngine.create');
    expect(create.receiver).toEqual({ kind: 'class', name: 'io/agora/rtc2/RtcEngine' });
    expect(create.receiverType).toBe('io/agora/rtc2/RtcEngine');
    expect(create.args[1]).toEqual({ kind: 'string', value: 'b7e1c04a9f2d4c6e8a1f3d5b7c9e0a24' });
    expect(create.args[2]).toMatchObject({ kind: 'unknown', origin: { kind: 'call', callee: 'com/example/club/CallActivity$1.<init>' } });
    expect(create.resultTo).toBe('this.engine');
    // the value is not loaded by any instruction: only the field's static value holds it
    expect([...dumpInstructions(`${FIX}/app.dump.txt`).values()].some((t) => /^const-string/.test(t) && t.includes('b7e1c04a'))).toBe(false);
  });

  it('joinChannel: token null, channel and uid are the parameters, receiver is the create() result', () => {
    const join = only(start, 'io/agora/rtc2/RtcEngine.joinChannel');
    expect(join.method).toBe('joinChannel');
    expect(join.snippet).toBe('Lio/agora/rtc2/RtcEngine;->joinChannel(Ljava/lang/String;Ljava/lang/String;ILio/agora/rtc2/ChannelMediaOptions;)I');
    expect(join.receiver).toEqual({ kind: 'call', callee: 'io/agora/rtc2/RtcEngine.create' });
    expect(join.args.slice(0, 3)).toEqual([{ kind: 'null' }, param(START, 0), param(START, 1)]);
    expect(join.args[3]).toMatchObject({ origin: { kind: 'call', callee: 'io/agora/rtc2/ChannelMediaOptions.<init>' } });
    const opts = only(start, 'io/agora/rtc2/ChannelMediaOptions.<init>');
    expect(opts).toMatchObject({ construct: true, receiver: { kind: 'new', type: 'io/agora/rtc2/ChannelMediaOptions' } });
  });

  it('folds the StringBuilder URL (with the <clinit> constant) into a concat reaching new URL(…)', () => {
    const url = only(start, 'java/net/URL.<init>');
    expect(url.construct).toBe(true);
    expect(url.receiver).toEqual({ kind: 'new', type: 'java/net/URL' });
    expect(url.args).toEqual([
      {
        kind: 'concat',
        parts: [
          { kind: 'string', value: 'http://api.example.com/rooms/' },
          param(START, 0),
          { kind: 'string', value: '/join?uid=' },
          param(START, 1),
        ],
      },
    ]);
    expect(only(start, 'java/net/URL.openConnection').receiver).toEqual({ kind: 'new', type: 'java/net/URL' });
    const post = only(start, 'java/net/HttpURLConnection.setRequestMethod');
    expect(post.receiver).toEqual({ kind: 'call', callee: 'java/net/URL.openConnection' });
    expect(post.args).toEqual([{ kind: 'string', value: 'POST' }]);
  });

  it('String.format with a new-array + aput-object varargs array and a boxed int', () => {
    const calls = callsOf(f, PRESENCE);
    const url = only(calls, 'java/net/URL.<init>');
    expect(url.args).toEqual([
      { kind: 'format', format: 'http://api.example.com/presence?room=%s&uid=%d', args: [param(PRESENCE, 0), param(PRESENCE, 1)] },
    ]);
    // the catch handler starts with nothing known but what it defines
    const log = only(calls, 'android/util/Log.w');
    expect(log.args[0]).toEqual({ kind: 'string', value: 'club' });
    expect(log.args[1]).toMatchObject({ kind: 'unknown', origin: { kind: 'other', text: 'caught exception' } });
  });
});

describe('DEX code model: bytecode shapes (edge.dex)', () => {
  const f = read(edge);
  const fn = (name: string) => `Lcom/example/edge/Shapes;->${name}`;

  it('a register with two definitions at a join is unknown; equal constants stay known', () => {
    const use = only(callsOf(f, fn('branch(Z)V')), 'com/example/edge/Sink.use2');
    expect(use.args[0]).toMatchObject({ kind: 'unknown', origin: { kind: 'other', text: 'several definitions' } });
    expect(use.args[1]).toEqual({ kind: 'string', value: 'same' });
    const sw = only(callsOf(f, fn('choose(I)V')), 'com/example/edge/Sink.use2');
    expect(sw.args[0]).toMatchObject({ kind: 'unknown' });
    expect(sw.args[1]).toEqual({ kind: 'string', value: 'after' });
  });

  it('a builder appended in a loop is not one known string', () => {
    const use = only(callsOf(f, fn('loop(I)V')), 'com/example/edge/Sink.use1');
    expect(use.args[0]!.kind).toBe('unknown');
  });

  it('invoke-virtual/range on high registers maps words to parameters', () => {
    const join = only(callsOf(f, fn('range(Lio/agora/rtc/RtcEngine;)V')), 'io/agora/rtc/RtcEngine.joinChannel');
    expect(join.receiver).toEqual({ kind: 'param', fn: fn('range(Lio/agora/rtc/RtcEngine;)V'), index: 0 });
    expect(join.args).toEqual([
      { kind: 'string', value: 'tok-123' },
      { kind: 'string', value: 'lobby' },
      { kind: 'null' },
      { kind: 'number', value: 42 },
    ]);
  });

  it('a long takes two argument words', () => {
    const use = only(callsOf(f, fn('wide()V')), 'com/example/edge/Sink.useWide');
    expect(use.args).toEqual([
      { kind: 'string', value: 'w' },
      { kind: 'number', value: 0x112210f47de },
      { kind: 'number', value: -5 },
    ]);
  });

  it('filled-new-array format, String.valueOf, concat, StringBuffer(char) and Kotlin stringPlus', () => {
    const p = param(fn('strings(Ljava/lang/String;)V'), 0);
    const use = only(callsOf(f, fn('strings(Ljava/lang/String;)V')), 'com/example/edge/Sink.use3');
    expect(use.args).toEqual([
      { kind: 'format', format: '%s:%d', args: [p, { kind: 'number', value: 7 }] },
      { kind: 'concat', parts: [{ kind: 'string', value: 'http://h:80/' }, p] },
      { kind: 'concat', parts: [{ kind: 'string', value: 'k=' }, p] },
    ]);
  });

  it('receivers: an instance field, a call result; constants read by parameter type', () => {
    const calls = callsOf(f, fn('receivers()V'));
    const audio = only(calls, 'io/agora/rtc2/RtcEngine.enableAudio');
    expect(audio.receiver).toEqual({ kind: 'field', owner: 'com/example/edge/Shapes', name: 'engine' });
    expect(audio.args).toEqual([{ kind: 'boolean', value: true }]);
    const take = only(calls, 'com/example/edge/Sink.take');
    expect(take.receiver).toEqual({ kind: 'call', callee: 'com/example/edge/Sink.make' });
    expect(take.args).toEqual([{ kind: 'null' }]);
  });
});

describe('DEX code model: scope and bounds', () => {
  it('leaves SDK internals out of the model (their calls stay in facts.calls)', () => {
    const f = read(readFileSync('test/fixtures/dex/classes2.dex'));
    expect(f.calls.length).toBeGreaterThan(0);
    expect(f.code!.functions.filter((x) => x.name.startsWith('Lio/agora/rtc2/'))).toEqual([]);
  });

  it('caps call sites per method and per file, and says so', () => {
    const t = new DexTables(app, readHeader(app));
    const scan = scanClasses(t);
    const full = buildDexModel(t, scan.classes, scan.methods, () => false);
    expect(full.truncated).toBeUndefined();
    const perMethod = buildDexModel(t, scan.classes, scan.methods, () => false, { ...DEX_MODEL_LIMITS, maxCallsPerMethod: 2 });
    expect(perMethod.model.calls.length).toBeLessThan(full.model.calls.length);
    expect(perMethod.truncated).toMatch(/call sites over the per-method cap \(2\)/);
    const perFile = buildDexModel(t, scan.classes, scan.methods, () => false, { ...DEX_MODEL_LIMITS, maxCallsPerFile: 3 });
    expect(perFile.model.calls.length).toBe(3);
    expect(perFile.truncated).toMatch(/per-file cap \(3 call sites\)/);
    const copies = buildDexModel(t, scan.classes, scan.methods, () => false, { ...DEX_MODEL_LIMITS, maxStateCopies: 1 });
    expect(copies.warnings.some((w) => /too large to model/.test(w))).toBe(true);
  });

  it('a cap that bites becomes a dex/model-budget notice', () => {
    expect(read(edge).notices).toEqual([]);
    const f = readDex(edge, 'edge.dex', ctx, { ...DEX_MODEL_LIMITS, maxCallsPerFile: 4 });
    expect(f.code!.calls).toHaveLength(4);
    expect(f.notices.map((n) => n.id)).toEqual(['dex/model-budget']);
    expect(f.notices[0]!.message).toMatch(/methods after the per-file cap \(4 call sites\)/);
  });

  it('never throws and stays bounded on corrupted bytes', () => {
    let seed = 777;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 0x1000000;
    const started = Date.now();
    for (const base of [app, edge]) {
      for (let i = 0; i < 300; i++) {
        const b = Buffer.from(base);
        for (let k = 0; k < 1 + Math.floor(rnd() * 8); k++) b[8 + Math.floor(rnd() * (b.length - 8))] = Math.floor(rnd() * 256);
        expect(() => read(b)).not.toThrow();
      }
      for (let len = 0; len < base.length; len += 11) expect(() => read(base.subarray(0, len))).not.toThrow();
    }
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
