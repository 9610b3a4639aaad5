// What a DEX model build makes once per invoked method and per field (model.ts `Callees`, `FieldUse`): the objects
// every use shares, made at the first use that needs them and per build (a second build on the same tables makes its
// own, equal ones). Fixtures: test/fixtures/dex/model/app.dex (smali) and test/fixtures/dex/javac/rooms.dex (javac + dx).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CodeModel, ModelCall } from '../../model/types.js';
import { scanClasses } from './classes.js';
import { readHeader } from './header.js';
import { buildDexModel } from './model.js';
import { DexTables } from './tables.js';

function twoBuilds(file: string): [CodeModel, CodeModel] {
  const data = readFileSync(file);
  const t = new DexTables(data, readHeader(data));
  const scan = scanClasses(t);
  return [buildDexModel(t, scan.classes, scan.methods, () => false).model, buildDexModel(t, scan.classes, scan.methods, () => false).model];
}

const on = (m: CodeModel, callee: string): ModelCall[] => m.calls.filter((c) => c.callee === callee);

describe('DEX model build state', () => {
  it('calls on the result of one invoked method share one receiver, its result origin, per build', () => {
    const [a, b] = twoBuilds('test/fixtures/dex/model/app.dex');
    const onConnection = a.calls.filter((c) => c.receiver.kind === 'call' && c.receiver.callee === 'java/net/URL.openConnection');
    expect(onConnection.map((c) => c.method).sort()).toEqual(['connect', 'getResponseCode', 'setRequestMethod']);
    expect(new Set(onConnection.map((c) => c.receiver)).size).toBe(1);
    expect(onConnection[0]!.receiver).toEqual({ kind: 'call', callee: 'java/net/URL.openConnection' });
    // `new X(…)` values take the constructor's origin, the same object a call on the constructor's result would have
    const create = on(a, 'io/agora/rtc2/RtcEngine.create')[0]!;
    expect(create.args[2]).toEqual({ kind: 'unknown', text: 'new CallActivity$1(…)', origin: { kind: 'call', callee: 'com/example/club/CallActivity$1.<init>' } });
    // The second build equals the first and shares none of its per-callee objects.
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const again = b.calls.find((c) => c.receiver.kind === 'call' && c.receiver.callee === 'java/net/URL.openConnection')!;
    expect(again.receiver).toEqual(onConnection[0]!.receiver);
    expect(again.receiver).not.toBe(onConnection[0]!.receiver);
    expect(on(b, 'io/agora/rtc2/RtcEngine.create')[0]!.receiver).not.toBe(create.receiver);
  });

  it('calls on one field share one receiver across methods, per build', () => {
    const [a, b] = twoBuilds('test/fixtures/dex/javac/rooms.dex');
    const onEngine = a.calls.filter((c) => c.receiver.kind === 'field' && c.receiver.name === 'engine');
    expect(onEngine.map((c) => c.method).sort()).toEqual(['joinChannel', 'setEncryptionSecret']);
    expect(new Set(onEngine.map((c) => a.functions[c.fn]!.name)).size).toBe(2);
    expect(onEngine[0]!.receiver).toBe(onEngine[1]!.receiver);
    expect(onEngine[0]!.receiver).toEqual({ kind: 'field', owner: 'com/example/rooms/Engine', name: 'engine' });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const again = b.calls.find((c) => c.receiver.kind === 'field' && c.receiver.name === 'engine')!;
    expect(again.receiver).not.toBe(onEngine[0]!.receiver);
  });

  it('a call result stored to a field names it (this.f), made at that store', () => {
    const [a] = twoBuilds('test/fixtures/dex/model/app.dex');
    expect(a.calls.filter((c) => c.resultTo !== undefined && !/^v\d+$/.test(c.resultTo)).map((c) => [c.callee, c.resultTo])).toEqual([
      ['io/agora/rtc2/RtcEngine.create', 'this.engine'],
    ]);
  });
});
