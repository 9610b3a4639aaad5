// Parameter objects in the DEX code model: an object made by new-instance and filled field by field (iput) reaches
// the call it is passed to as an object value with those properties, as the JS model gives an object literal.
// Fixture: test/fixtures/dex/javac/rooms.dex, built by javac + AOSP dx (build.sh) from our own Java source.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPack } from '../../rules/pack.js';
import { readDex } from './index.js';
import { ROOT, runCli } from '../../../test/helpers/cli.js';

const FILE = 'test/fixtures/dex/javac/rooms.dex';
const ENTER = 'Lcom/example/rooms/RoomModule;->enter(Ljava/lang/String;Ljava/lang/String;I)V';

describe('DEX code model: parameter objects filled by iput (javac + dx)', () => {
  const f = readDex(readFileSync(FILE), 'rooms.dex', { rules: buildPack([], [], { identifiers: [] }), maxStrings: 100_000 });
  const fnOf = (name: string) => f.code!.functions.findIndex((x) => x.name === name);

  it('passes the fields set before the call as properties, parameters with their origin', () => {
    const enter = f.code!.calls.filter((c) => c.fn === fnOf(ENTER) && c.method === 'enterRoom');
    expect(enter).toHaveLength(1);
    const arg = enter[0]!.args[0]!;
    expect(arg.kind).toBe('object');
    if (arg.kind !== 'object') return;
    expect(arg.props.sdkAppId).toEqual({ kind: 'number', value: 1400123456 });
    expect(arg.props.userId).toMatchObject({ kind: 'unknown', origin: { kind: 'param', fn: ENTER, index: 0 } });
    expect(arg.props.userSig).toMatchObject({ kind: 'unknown', origin: { kind: 'param', fn: ENTER, index: 1 } });
    expect(arg.props.roomId).toMatchObject({ kind: 'unknown', origin: { kind: 'param', fn: ENTER, index: 2 } });
    // the field written after the call does not travel back into it
    expect(JSON.stringify(arg)).not.toContain('changed after the call');
  });

  it('a StringBuilder stays string building, not an object', () => {
    const label = 'Lcom/example/rooms/RoomModule;->label(Ljava/lang/String;)Ljava/lang/String;';
    expect(f.code!.calls.filter((c) => c.fn === fnOf(label))).toEqual([]);
  });

  it('end to end: the TRTC join gets its argument roles from the object, and the SDKAppID drives residency', () => {
    const r = runCli(['scan', FILE, '--format', 'json', '--fail-on', 'none', '--quiet'], ROOT);
    expect(r.code, r.stderr).toBe(0);
    const findings: Array<{ ruleId: string; message: string; properties: Record<string, unknown> }> = JSON.parse(r.stdout).bundles[0].findings;
    const join = findings.filter((x) => x.ruleId === 'RTC102' && x.properties.api === 'android-enter-room');
    expect(join).toHaveLength(1);
    expect(join[0]!.message).toContain('appId=14…56'); // a literal SDKAppID, masked
    expect(join[0]!.message).not.toContain('1400123456');
    expect(join[0]!.message).toMatch(/uid=arg0/);
    expect(join[0]!.message).toMatch(/token=arg1/);
    expect(join[0]!.message).toMatch(/channel=arg2/);
    expect(findings.filter((x) => x.ruleId === 'RTC501' && x.properties.vendor === 'tencent-trtc')).toHaveLength(1);
  });
});

describe('Agora 2.x through the subclass RtcEngineEx (javac names the subclass in the invoke)', () => {
  const r = runCli(['scan', FILE, '--format', 'json', '--fail-on', 'none', '--quiet'], ROOT);
  const findings: Array<{ ruleId: string; message: string; properties: Record<string, unknown> }> = JSON.parse(r.stdout).bundles[0].findings;
  const agora = (rule: string) => findings.filter((x) => x.ruleId === rule && x.properties.vendor === 'agora');

  it('RtcEngineEx.create and RtcEngineEx.joinChannel are sessions with their argument roles', () => {
    expect(agora('RTC102').map((x) => x.properties.api).sort()).toEqual(['android3-create', 'android3-ex-create', 'android3-ex-join-channel']);
    const join = agora('RTC102').find((x) => x.properties.api === 'android3-ex-join-channel')!;
    expect(join.message).toContain('token=null');
    expect(join.message).toContain('channel=arg0');
    expect(agora('RTC404')).toHaveLength(1);
  });

  it('RtcEngineEx.setEncryptionSecret counts as the encryption API: no RTC304 for Agora', () => {
    expect(agora('RTC304')).toEqual([]);
  });
});
