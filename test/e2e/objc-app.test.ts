// End to end on the native Objective-C app (test/fixtures/macho-app, clang 14 + ld64.lld, both send styles) and
// the iOS sample that ships it: sessions with their arguments, credentials, App-ID-only join, missing encryption
// and the cleartext flow with its steps — and the same findings from the same app logic written in JS.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

function scan(input: string, format: 'json' | 'sarif') {
  const r = runCli(['scan', input, '--format', format, '--fail-on', 'none', '--quiet'], ROOT);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** rule, vendor, API kind and session argument roles (value class: null / literal / unknown) of each finding. */
function signature(findings: any[], kindOf: (api: string) => string): string[] {
  return findings
    .filter((f) => f.ruleId !== 'RTC101' && !f.location.artifact.endsWith('.plist'))
    .map((f) => {
      const roles = [...(f.message as string).matchAll(/\b(appId|token|channel|uid)=("[^"]*"|null|\d+|<[^,)]*|[^,)\s]+)/g)]
        .map(([, role, v]) => `${role}:${v === 'null' ? 'null' : /^("|\d)/.test(v!) ? 'literal' : 'unknown'}`)
        .sort()
        .join(',');
      return [f.ruleId, f.properties.vendor ?? '-', f.properties.api ? kindOf(f.properties.api) : '-', f.properties.identifier, roles].filter(Boolean).join(' ');
    })
    .sort();
}

describe('native Objective-C app (arm64 code model)', () => {
  for (const bin of ['Club', 'Club-selstubs']) {
    it(`${bin}: SARIF results at their send, with logical locations, masked App ID and the flow's steps`, () => {
      const run = scan(`test/fixtures/macho-app/${bin}`, 'sarif').runs[0];
      const results = run.results as any[];
      const rules = results.map((r) => r.ruleId).sort();
      expect(rules).toEqual(['RTC101', 'RTC102', 'RTC102', 'RTC102', 'RTC301', 'RTC304', 'RTC304', 'RTC401', 'RTC403', 'RTC404', 'RTC501']);
      const init = results.find((r) => r.ruleId === 'RTC102' && r.properties.api === 'ios-shared-engine-app-id');
      expect(init.message.text).toContain('appId="5f3c…3e60"');
      expect(init.message.text).not.toContain('5f3c7e21a9b84d06b2e1c4f7a8d93e60');
      expect(init.locations[0].logicalLocations[0].fullyQualifiedName).toBe('-[RoomViewController viewDidLoad]');
      const join = results.find((r) => r.ruleId === 'RTC404');
      expect(join.message.text).toMatch(/channel=<param 0 of -\[RoomViewController join.*token=null/);
      expect(join.locations[0].logicalLocations[0].fullyQualifiedName).toBe('-[RoomViewController joinRoom:uid:]');
      const flow = results.find((r) => r.ruleId === 'RTC301');
      expect(flow.properties).toMatchObject({ identifier: 'uid', sink: 'nsurl', host: 'api.clubrooms.example', scheme: 'http' });
      const steps = flow.codeFlows[0].threadFlows[0].locations.map((l: any) => l.location);
      expect(steps.map((s: any) => s.logicalLocations[0].fullyQualifiedName)).toEqual(Array(3).fill('-[RoomViewController reportPresence:]'));
      // source (the method's parameter) → the stringWithFormat: send → the URLWithString: send, in code order
      const offsets = steps.map((s: any) => s.physicalLocation.region.byteOffset);
      expect(offsets[0]).toBeLessThan(offsets[1]);
      expect(offsets[1]).toBeLessThan(offsets[2]);
      expect(steps[1].message.text).toContain('"http://api.clubrooms.example/presence?uid=" + <param 0 of -[RoomViewController reportPresence:]>');
    });
  }

  it('samples/ios/Club.ipa reports the native session, credential, App-ID-only join, encryption and flow', () => {
    const b = scan('samples/ios/Club.ipa', 'json').bundles[0];
    const app = (b.findings as any[]).filter((f) => f.location.artifact.endsWith('/Club.app/Club'));
    const ids = new Set(app.map((f) => f.ruleId));
    for (const id of ['RTC102', 'RTC401', 'RTC403', 'RTC404', 'RTC304', 'RTC301']) expect(ids).toContain(id);
    expect(app.filter((f) => f.ruleId === 'RTC102').map((f) => f.properties.route)).toEqual(['objc-call', 'objc-call', 'objc-call']);
    // The framework's own code is the vendor's: nothing from it is an app session.
    expect((b.findings as any[]).filter((f) => f.ruleId === 'RTC102' && f.location.artifact.includes('.framework/'))).toEqual([]);
  });

  it('differential: the same logic in JS (react-native-agora) gives the same rules, vendors, API kinds and argument roles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-objc-js-'));
    copyFileSync(join(ROOT, 'test/fixtures/macho-app/src/club.js'), join(dir, 'club.js'));
    const js = scan(dir, 'json').bundles[0].findings;
    const objc = scan('test/fixtures/macho-app/Club-selstubs', 'json').bundles[0].findings;
    const kind = (api: string) => (/init|shared-engine|create/.test(api) ? 'init' : /join/.test(api) ? 'join' : api);
    expect(signature(objc, kind)).toEqual(signature(js, kind));
    expect(signature(objc, kind)).toEqual([
      'RTC102 agora init appId:literal',
      'RTC102 agora join channel:unknown,token:literal,uid:literal',
      'RTC102 agora join channel:unknown,token:null,uid:unknown',
      'RTC301 - - uid uid:unknown',
      'RTC304 agora join channel:unknown,token:literal,uid:literal',
      'RTC304 agora join channel:unknown,token:null,uid:unknown',
      'RTC401 agora -',
      'RTC403 agora -',
      'RTC404 agora join channel:unknown,token:null,uid:unknown',
      'RTC501 agora init',
    ]);
  });
});
