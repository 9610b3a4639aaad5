// Builder blocks in the arm64 code model: `[TVIConnectOptions optionsWithToken:t block:^(builder){ builder.roomName
// = r; }]` gives an object with the factory's keyword argument and what the block sets on its parameter (a captured
// variable resolved to its value where the block was made, or a literal), and that object is the argument of
// `[TwilioVideoSDK connectWithOptions:delegate:]`. Fixture: test/fixtures/macho-builder/Connect (build.sh: clang 14
// + ld64.lld, ARC, -O1) from src/Connect.m.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../core/facts.js';
import type { RulePack } from '../../rules/pack.js';
import { machoReader } from './index.js';
import { ROOT, runCli } from '../../../test/helpers/cli.js';

const FILE = 'test/fixtures/macho-builder/Connect';

describe('Mach-O code model: objects configured by a builder block', () => {
  const f = machoReader.read(readFileSync(FILE), 'Connect', { rules: {} as RulePack, maxStrings: 1_000_000 }) as Facts;
  const connect = (fn: string) => {
    const calls = f.code!.calls.filter((c) => c.method === 'connectWithOptions:delegate:' && f.code!.functions[c.fn]!.name === fn);
    expect(calls).toHaveLength(1);
    return calls[0]!;
  };

  it('a captured variable set on the builder is the value the block captured (the method’s parameter)', () => {
    const options = connect('-[CallModule connect:roomName:]').args[0]!;
    expect(options.kind).toBe('object');
    const props = (options as { props: Record<string, unknown> }).props;
    expect(props.token).toMatchObject({ kind: 'unknown', origin: { kind: 'param', fn: '-[CallModule connect:roomName:]', index: 0 } });
    expect(props.roomName).toMatchObject({ kind: 'unknown', origin: { kind: 'param', fn: '-[CallModule connect:roomName:]', index: 1 } });
    expect(props.networkQualityEnabled).toEqual({ kind: 'number', value: 1 });
  });

  it('a literal set inside a block that captures nothing (a constant block literal)', () => {
    const options = connect('-[CallModule joinLobby:]').args[0]!;
    expect((options as { props: Record<string, unknown> }).props.roomName).toEqual({ kind: 'string', value: 'lobby' });
  });

  it('a call whose block configures nothing keeps an unknown result', () => {
    const setRoom = f.code!.calls.filter((c) => c.method === 'setRoom:');
    expect(setRoom).toHaveLength(2);
    for (const c of setRoom) expect(c.args[0]!.kind).toBe('unknown');
  });

  it('end to end: both joins are Twilio sessions with their token and room roles (RTC102)', () => {
    const r = runCli(['scan', FILE, '--format', 'json', '--fail-on', 'none', '--quiet'], ROOT);
    expect(r.code, r.stderr).toBe(0);
    const findings: Array<{ ruleId: string; message: string; properties: Record<string, unknown> }> = JSON.parse(r.stdout).bundles[0].findings;
    const joins = findings.filter((x) => x.ruleId === 'RTC102' && x.properties.api === 'ios-connect');
    expect(joins).toHaveLength(2);
    const lobby = joins.find((j) => j.message.includes('joinLobby'))!;
    expect(lobby.message).toMatch(/channel="lobby"/);
    expect(lobby.message).toMatch(/token=<param 0 of -\[CallModule joinLobby:\]>/);
    const connectJoin = joins.find((j) => j.message.includes('connect:roomName:'))!;
    expect(connectJoin.message).toMatch(/channel=<param 1 of/);
  });
});
