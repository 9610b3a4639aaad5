// End to end on samples/hermes-rn/dist/app.hbc (hermesc -O, bytecode v99, the real react-native-agora 4.6.4 in
// Metro's release module format): what an auditor must see in the SARIF of a compiled React Native bundle.
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const r = runCli(['scan', 'samples/hermes-rn/dist/app.hbc', '--format', 'sarif', '--fail-on', 'none', '--quiet'], ROOT);
const run = r.code === 0 ? JSON.parse(r.stdout).runs[0] : undefined;
const results = (id: string) => (run?.results ?? []).filter((x: any) => x.ruleId === id);
/** `startCall [function 1234 +0x4e]` → { name, index, delta }. */
const logical = (x: any) => {
  const m = /^(.+) \[function (\d+)(?: \+0x([0-9a-f]+))?\]$/.exec(x.locations[0].logicalLocations?.[0]?.fullyQualifiedName ?? '');
  return m ? { name: m[1], index: Number(m[2]), delta: m[3] === undefined ? undefined : parseInt(m[3], 16) } : undefined;
};

describe('samples/hermes-rn (Hermes bytecode, real react-native-agora)', () => {
  it('scans cleanly', () => {
    expect(r.code, r.stderr).toBe(0);
  });

  it('shows the session with its arguments: App ID masked at initialize, token "" / channel and uid provenance at joinChannel', () => {
    const sessions = results('RTC102');
    const init = sessions.find((x: any) => x.properties.api === 'rn-initialize');
    const join = sessions.find((x: any) => x.properties.api === 'rn-join-channel');
    expect(init.message.text).toContain('appId="5b8e…8d7c"');
    expect(JSON.stringify(run.results)).not.toContain('5b8e2c7d91f04a6e8c3d2b1a0f9e8d7c');
    expect(join.message.text).toContain('joinChannel(channel=<param 1 of startCall>, uid=<param 2 of startCall>, token="")');
    // Position: the call instruction's byte offset in the file, and the function by name and Hermes index.
    for (const x of [init, join]) {
      const l = logical(x)!;
      expect(l.name).toBe('startCall');
      expect(x.locations[0].physicalLocation.region.byteOffset).toBeGreaterThan(0);
      expect(l.delta).toBeLessThan(x.locations[0].physicalLocation.region.byteOffset);
    }
    expect(logical(init)!.index).toBe(logical(join)!.index);
    expect(logical(join)!.delta! - logical(init)!.delta!).toBe(join.locations[0].physicalLocation.region.byteOffset - init.locations[0].physicalLocation.region.byteOffset);
  });

  it('reports the credential, the App-ID-only join and the missing encryption once each', () => {
    expect(results('RTC401').map((x: any) => x.properties.vendor)).toEqual(['agora']);
    expect(results('RTC404')).toHaveLength(1);
    expect(results('RTC404')[0].message.text).toContain('token ""');
    expect(results('RTC304')).toHaveLength(1);
  });

  it('traces uid into the cleartext fetch with its steps at bytecode positions, and reports the cleartext endpoint', () => {
    const flow = results('RTC301')[0];
    expect(flow.properties).toMatchObject({ identifier: 'uid', host: 'api.example.com', scheme: 'http', sink: 'fetch' });
    const steps = flow.codeFlows[0].threadFlows[0].locations;
    expect(steps.map((s: any) => s.location.message.text)).toEqual([
      'uid: <param 2 of startCall>',
      'concatenated into the URL "http://api.example.com/v1/presence?uid=" + <param 2 of startCall>',
      'sent by fetch (fetch)',
    ]);
    for (const s of steps) {
      expect(s.location.physicalLocation.region.byteOffset).toBeGreaterThan(0);
      expect(s.location.logicalLocations[0].fullyQualifiedName).toMatch(/^startCall \[function \d+/);
    }
    expect(results('RTC302').map((x: any) => x.message.text)).toEqual([expect.stringContaining('http://api.example.com')]);
  });
});
