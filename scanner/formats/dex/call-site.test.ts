// DEX call sites keep their shared fields on the prototype (call-site.ts): the checks, JSON and a worker's
// structured clone must still see every ModelCall field, in the order the model wrote them before.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callPosition, DexCall, withPlainCalls } from './call-site.js';
import { readDex } from './index.js';
import { defaultRulePack } from '../../rules/pack.js';

const KEYS = ['fn', 'callee', 'method', 'receiverType', 'signature', 'receiver', 'args', 'offset', 'length', 'context', 'snippet', 'construct', 'resultTo'];
const model = readDex(readFileSync('test/fixtures/dex/model/app.dex'), 'app.dex', { rules: defaultRulePack(), maxStrings: 100_000 }).code!;

describe('DEX call sites', () => {
  it('read as every ModelCall field, and JSON writes them in the model order', () => {
    expect(model.calls.length).toBeGreaterThan(10);
    const join = model.calls.find((c) => c.method === 'joinChannel')!;
    expect(join.callee).toBe('io/agora/rtc2/RtcEngine.joinChannel');
    expect(join.receiverType).toBe('io/agora/rtc2/RtcEngine');
    expect(join.context).toBe(model.functions[join.fn]!.name);
    expect(join.snippet).toMatch(/^Lio\/agora\/rtc2\/RtcEngine;->joinChannel\(/);
    for (const c of model.calls) {
      const keys = Object.keys(JSON.parse(JSON.stringify(c)));
      expect(keys).toEqual(KEYS.filter((k) => (c as unknown as Record<string, unknown>)[k] !== undefined));
    }
    expect(model.calls.some((c) => c.construct)).toBe(true);
    expect(model.calls.some((c) => c.resultTo)).toBe(true);
  });

  it('cross to another thread as plain objects: a clone keeps own fields only, withPlainCalls gives all', () => {
    const raw = structuredClone(model);
    expect(raw.calls[0]!.callee).toBeUndefined(); // why the read pool's worker converts them
    const cloned = structuredClone(withPlainCalls(model));
    expect(cloned.calls.map((c) => Object.keys(c))).toEqual(model.calls.map(() => KEYS));
    expect(JSON.stringify(cloned)).toBe(JSON.stringify(model));
    expect(withPlainCalls({ functions: [], calls: [] }).calls).toEqual([]);
  });

  it('keep offset, length and construct in one number, exact past 32-bit offsets', () => {
    const site = model.calls[0] as DexCall;
    for (const [offset, length, construct] of [[0, 6, false], [112, 6, true], [2 ** 31 + 6, 8, true], [2 ** 40 + 2, 6, false]] as const) {
      const c = new DexCall(site.caller, site.site, site.receiver, [], callPosition(offset, length, construct), undefined);
      expect([c.offset, c.length, c.construct]).toEqual([offset, length, construct ? true : undefined]);
    }
    // the real call sites: every invoke is 3 code units, at an even offset inside the file
    expect(new Set(model.calls.map((c) => c.length))).toEqual(new Set([6]));
    expect(model.calls.every((c) => c.offset % 2 === 0 && c.offset > 0 && c.offset < 2568)).toBe(true);
  });
});
