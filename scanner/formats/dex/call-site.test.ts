// DEX call sites keep their shared fields on the prototype (call-site.ts): the checks, JSON and a worker's
// structured clone must still see every ModelCall field, in the order the model wrote them before.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withPlainCalls } from './call-site.js';
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
});
