// Identifier flows across app modules (test/fixtures/realapp-crossmodule, written for these tests with made-up
// values in the patterns of eval/realapps `JANnessA/Chat-App`): screens call exported helpers of another module whose
// requests go through a shared wrapper to `axios(options)`, to a cleartext LAN backend.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';

const DIR = join(ROOT, 'test/fixtures/realapp-crossmodule');
let findings: Finding[] = [];

beforeAll(async () => {
  const r = await scan({ inputs: [DIR], rules: defaultRulePack(), workers: 0 });
  findings = r.bundles.flatMap((b) => b.findings);
}, 300_000);

const file = (a: string | undefined) => (a ?? '').replace(/^.*realapp-crossmodule\//, '');
const flows = () =>
  findings
    .filter((f) => f.ruleId === 'RTC301')
    .map((f) => `${file(f.location?.artifact)}:${f.location?.line} ${f.properties?.identifier} ${String(f.message.match(/\(([^)]*)\)/)?.[1] ?? '')}`)
    .sort();

describe('cleartext flows across app modules', () => {
  it('follows an RTC channel argument into an exported helper of another module and its shared request wrapper', () => {
    expect(flows()).toContain('src/helpers/network.js:21 channel http://10.20.30.40:8080/v1/calls/leave');
    const f = findings.find((x) => x.ruleId === 'RTC301' && file(x.location?.artifact) === 'src/helpers/network.js' && x.location?.line === 21)!;
    // The codeFlow starts at the join in the screen and ends at the wrapper's axios call.
    const steps = f.flow!.map((s) => `${file(s.artifact)}:${s.line}`);
    expect(steps[0]).toBe('src/screens/RoomCall.js:16');
    expect(steps[steps.length - 1]).toBe('src/helpers/api.js:11');
    expect(steps).toContain('src/screens/RoomCall.js:20');
    // Located at the call of the shared wrapper, where this request's URL and data are written.
    expect(f.flow![f.flow!.length - 2]!.message).toBe('channel sent through Client.send');
  });

  it('a name the app passes to the SDK as the channel (threadId, not in the vocabulary) is an identifier in every file', () => {
    expect(flows()).toEqual([
      'src/helpers/network.js:13 threadId the app passes it to RtcEngine.joinChannel as channel',
      'src/helpers/network.js:21 channel http://10.20.30.40:8080/v1/calls/leave',
      'src/helpers/network.js:5 threadId the app passes it to RtcEngine.joinChannel as channel',
    ]);
    const begin = findings.find((x) => x.ruleId === 'RTC301' && x.location?.line === 13)!;
    expect(begin.message).toContain('http://10.20.30.40:8080/v1/calls/begin');
    expect(file(begin.flow![0]!.artifact)).toBe('src/screens/Thread.js');
  });

  it('an identifier-shaped name the app never gives the SDK (themeId) stays out', () => {
    expect(findings.filter((x) => x.ruleId === 'RTC301' && /themeId|\/theme/.test(x.message))).toEqual([]);
  });
});
