// Property getters in the arm64 code model: `[self.engine join…]` sends to the result of `[self engine]`, whose class
// is the declared type of the ivar backing the property. Fixture: test/fixtures/macho-getter/Room (build.sh:
// clang 14 + ld64.lld, ARC, -O1) from src/Room.m.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../core/facts.js';
import type { RulePack } from '../../rules/pack.js';
import { machoReader } from './index.js';
import { ROOT, runCli } from '../../../test/helpers/cli.js';

const FILE = 'test/fixtures/macho-getter/Room';

describe('Mach-O code model: the class of a property getter’s result', () => {
  const f = machoReader.read(readFileSync(FILE), 'Room', { rules: {} as RulePack, maxStrings: 1_000_000 }) as Facts;
  const send = (sel: string) => f.code!.calls.filter((c) => c.method === sel);

  it('types the receiver of a send to self.engine by the ivar _engine (@"AgoraRtcEngineKit")', () => {
    const join = send('joinChannelByToken:channelId:info:uid:joinSuccess:');
    expect(join).toHaveLength(1);
    expect(join[0]!.receiver).toEqual({ kind: 'call', callee: 'RoomModule.engine' });
    expect(join[0]!.receiverType).toBe('AgoraRtcEngineKit');
    expect(join[0]!.args[0]).toEqual({ kind: 'null' });
  });

  it('a getter of another declared class gives that class', () => {
    expect(send('stringByAppendingString:')[0]!.receiverType).toBe('NSString');
    expect(send('startWithAppId:')[0]!.receiverType).toBe('RoomModule'); // +new: the class itself, as before
  });

  it('end to end: the join through the getter is a session with token nil (RTC102, RTC404)', () => {
    const r = runCli(['scan', FILE, '--format', 'json', '--fail-on', 'none', '--quiet'], ROOT);
    expect(r.code, r.stderr).toBe(0);
    const findings: Array<{ ruleId: string; message: string; properties: Record<string, unknown> }> = JSON.parse(r.stdout).bundles[0].findings;
    const join = findings.filter((x) => x.ruleId === 'RTC102' && x.properties.api === 'ios-join-3x');
    expect(join).toHaveLength(1);
    expect(join[0]!.message).toContain('token=null');
    expect(findings.filter((x) => x.ruleId === 'RTC404')).toHaveLength(1);
  });
});
