// Position-free matching of a compiled binary's findings against source labels (eval/realapps/match.mjs, used by
// run-binaries.mjs). Findings here are shaped as the CLI's JSON reports them for an APK: member paths, no lines.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper of the eval scripts, no type declarations
import { scoreBinary } from '../../eval/realapps/match.mjs';

const finding = (ruleId: string, file: string, message: string, properties: Record<string, unknown> = {}) => ({ ruleId, file, message, properties, location: {} });

describe('scoreBinary', () => {
  const app = {
    vendors: ['agora'],
    session: [
      { kind: 'init', file: 'app/src/main/java/A.java', line: 10 },
      { kind: 'join', file: 'app/src/main/java/A.java', line: 20 },
      { kind: 'join', file: 'app/src/main/java/B.java', line: 5 },
    ],
    credentials: [{ rule: 'RTC401', value: '0123…cdef' }],
    flows: [{ rule: 'RTC302', file: 'app/src/main/java/A.java', line: 30 }],
    endpoints: [{ rule: 'RTC202', host: 'api.example.com' }],
    policy: [{ rule: 'RTC313', file: 'app/src/main/AndroidManifest.xml', line: 3 }],
  };

  it('counts two joins in one dex member as two (told apart by message), policy and flows by rule', () => {
    const findings = [
      finding('RTC101', 'lib/arm64-v8a/libagora-rtc-sdk.so', 'Agora RTC SDK is bundled', { vendor: 'agora' }),
      finding('RTC102', 'classes.dex', 'initialises … create(appId="0123…cdef")', { vendor: 'agora', kind: 'init' }),
      finding('RTC102', 'classes.dex', 'joins … joinChannel(channel="room-42")', { vendor: 'agora', kind: 'join' }),
      finding('RTC102', 'classes.dex', 'joins … joinChannel(channel=arg0)', { vendor: 'agora', kind: 'join' }),
      finding('RTC401', 'classes.dex', 'Agora App ID 0123…cdef', { vendor: 'agora' }),
      finding('RTC302', 'classes.dex', 'Cleartext endpoint http://api.example.com', { host: 'api.example.com' }),
      finding('RTC202', 'classes.dex', 'Hardcoded endpoint api.example.com', { host: 'api.example.com' }),
      finding('RTC313', 'AndroidManifest.xml', 'usesCleartextTraffic="true"'),
      finding('RTC313', 'res/xml/network_security_config.xml', 'cleartextTrafficPermitted="true"'),
    ];
    const res = scoreBinary(app, findings);
    expect([res.vendor.tp, res.vendor.fp, res.vendor.fn]).toEqual([1, 0, 0]);
    expect([res.session.tp, res.session.fp, res.session.fn]).toEqual([3, 0, 0]);
    expect([res.credential.tp, res.credential.fp, res.credential.fn]).toEqual([1, 0, 0]);
    expect([res.flow.tp, res.flow.fp, res.flow.fn]).toEqual([1, 0, 0]);
    expect([res.endpoint.tp, res.endpoint.fp, res.endpoint.fn]).toEqual([1, 0, 0]);
    // One labelled manifest flag, two reported places (manifest and network_security_config): one is extra.
    expect([res.policy.tp, res.policy.fp, res.policy.fn]).toEqual([1, 1, 0]);
  });

  it('reports a missed join and a vendor the source does not use', () => {
    const findings = [
      finding('RTC102', 'classes.dex', 'initialises … create', { vendor: 'agora', kind: 'init' }),
      finding('RTC102', 'classes.dex', 'joins … joinChannel', { vendor: 'agora', kind: 'join' }),
      finding('RTC101', 'classes2.dex', 'ZEGO SDK is bundled', { vendor: 'zegocloud' }),
    ];
    const res = scoreBinary(app, findings);
    expect([res.session.tp, res.session.fp, res.session.fn]).toEqual([2, 0, 1]);
    expect(res.vendor.fps).toEqual(['zegocloud']);
    expect([res.policy.fn, res.credential.fn]).toEqual([1, 1]);
  });

  it('lets a value only the binary holds (binary_only) count neither way', () => {
    const scrubbed = { vendors: ['agora'], session: [], credentials: [], binary_only: [{ rule: 'RTC401', value: 'fef8…e792' }] };
    const findings = [
      finding('RTC401', 'lib/arm64-v8a/libapp.so', 'Agora App ID fef8…e792', { vendor: 'agora' }),
      finding('RTC401', 'lib/arm64-v8a/libapp.so', 'Agora App ID e4a0…a0dc', { vendor: 'agora' }),
    ];
    const res = scoreBinary(scrubbed, findings);
    expect([res.credential.tp, res.credential.fp, res.credential.fn]).toEqual([0, 1, 0]);
    expect(res.credential.fps[0]).toContain('e4a0…a0dc');
  });
});
