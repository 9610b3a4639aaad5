// End to end through the CLI on DEX code: the Android sample's call screen (classes3.dex, smali-built from
// test/fixtures/dex/model) seen through the code model and the shared checks, and a differential test against
// the same app logic written as JavaScript on react-native-agora.
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

interface JsonFinding {
  ruleId: string;
  message: string;
  properties: Record<string, any>;
  location: { artifact: string; offset?: number; context?: string };
  flow?: Array<{ message: string; artifact?: string; offset?: number }>;
}

function scan(input: string, format: 'json' | 'sarif') {
  const r = runCli(['scan', input, '--format', format, '--fail-on', 'none', '--quiet'], ROOT);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

const SCREEN = 'samples/android/club.apk!/classes3.dex';
const START = 'Lcom/example/club/CallActivity;->startCall(Ljava/lang/String;I)V';

describe('samples/android: the DEX call screen through the code model', () => {
  const findings: JsonFinding[] = scan('samples/android/club.apk', 'json').bundles[0].findings;
  const screen = findings.filter((f) => f.location.artifact === SCREEN);
  const one = (ruleId: string, pred: (f: JsonFinding) => boolean = () => true) => {
    const hits = screen.filter((f) => f.ruleId === ruleId && pred(f));
    expect(hits, `${ruleId} in ${SCREEN}`).toHaveLength(1);
    return hits[0]!;
  };

  it('shows the session with its arguments: App ID (masked) from the static final, token null, channel a parameter', () => {
    const init = one('RTC102', (f) => f.properties.api === 'android-create');
    expect(init.message).toContain('appId="b7e1…0a24"');
    expect(init.message).not.toContain('b7e1c04a9f2d4c6e8a1f3d5b7c9e0a24');
    const join = one('RTC102', (f) => f.properties.api === 'android-join-channel');
    expect(join.message).toContain('token=null');
    expect(join.message).toContain('channel=arg0');
    expect(join.message).toContain(START);
  });

  it('reports the credential, App-ID-only auth, missing encryption and residency on the screen', () => {
    expect(one('RTC401').message).toContain('appId argument of io/agora/rtc2/RtcEngine.create');
    expect(one('RTC404').properties.vendor).toBe('agora');
    expect(one('RTC304').properties.vendor).toBe('agora');
    // residency is one finding per vendor and bundle (it sits at the first session, in classes.dex)
    expect(findings.filter((f) => f.ruleId === 'RTC501' && f.properties.vendor === 'agora')).toHaveLength(1);
  });

  it('traces the channel into both cleartext URLs (StringBuilder and String.format) with their steps', () => {
    const flows = screen.filter((f) => f.ruleId === 'RTC301');
    const urls = flows.map((f) => /\((http:[^)]*)\)/.exec(f.message)?.[1]).sort();
    expect(urls).toEqual([
      'http://api.example.com/presence?room=${channel}&uid=${…}',
      'http://api.example.com/rooms/${channel}/join?uid=${…}',
    ]);
    const rooms = flows.find((f) => f.message.includes('/rooms/'))!;
    expect(rooms.properties).toMatchObject({ identifier: 'channel', sink: 'url-connection', host: 'api.example.com', scheme: 'http' });
    expect(rooms.flow!.length).toBeGreaterThanOrEqual(2);
    expect(rooms.flow![0]!.message).toContain(`param 0 of ${START}`);
  });

  it('SARIF: byte offsets of the invokes, the method as logical location, codeFlows for the flow', () => {
    const run = scan('samples/android/club.apk', 'sarif').runs[0];
    const inScreen = run.results.filter((r: any) => r.locations[0].physicalLocation.artifactLocation.uri === SCREEN);
    const join = inScreen.find((r: any) => r.ruleId === 'RTC404');
    expect(join.locations[0].logicalLocations[0].fullyQualifiedName).toBe(START);
    expect(typeof join.locations[0].physicalLocation.region.byteOffset).toBe('number');
    const flow = inScreen.find((r: any) => r.ruleId === 'RTC301' && r.message.text.includes('/rooms/'));
    const steps = flow.codeFlows[0].threadFlows[0].locations;
    expect(steps.length).toBeGreaterThanOrEqual(2);
    expect(steps[0].location.logicalLocations[0].fullyQualifiedName).toBe(START);
  });
});

describe('differential: the same app logic as JavaScript (react-native-agora) and as DEX', () => {
  const RULES = ['RTC102', 'RTC301', 'RTC302', 'RTC304', 'RTC401', 'RTC404', 'RTC501'];
  const js: JsonFinding[] = scan('test/fixtures/differential/call-screen.js', 'json').bundles[0].findings;
  const dex: JsonFinding[] = scan('test/fixtures/dex/model/app.dex', 'json').bundles[0].findings;
  const kinds = (fs: JsonFinding[]) => new Set(fs.filter((f) => RULES.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.properties.vendor ?? f.properties.host}`));
  /** Roles named in a session message: `via x.joinChannel(channel=…, token=null)` → [channel, token]. */
  const roles = (fs: JsonFinding[], kind: string) =>
    fs
      .filter((f) => f.ruleId === 'RTC102' && f.properties.kind === kind)
      .map((f) => [...(/ via [^(]*\(([^)]*)\)/.exec(f.message)?.[1] ?? '').matchAll(/(\w+)=/g)].map((m) => m[1]).sort());
  const urlShapes = (fs: JsonFinding[]) =>
    new Set(fs.filter((f) => f.ruleId === 'RTC301').map((f) => /\((http:[^)]*)\)/.exec(f.message)?.[1]?.replace(/\$\{[^}]*\}/g, '${}')));

  it('gives the same rules per vendor / host', () => {
    expect(kinds(dex)).toEqual(kinds(js));
  });

  it('names the same App ID and token roles; the channel in both', () => {
    expect(roles(dex, 'init')).toEqual(roles(js, 'init'));
    expect(roles(js, 'init')).toEqual([['appId']]);
    // The uid sits at a different position in each Android joinChannel overload: the rule's `overloads` give the
    // roles by the invoke's parameter descriptor, so the DEX session names it as the JS one does.
    expect(roles(js, 'join')).toEqual([['channel', 'token', 'uid']]);
    expect(roles(dex, 'join')).toEqual([['channel', 'token', 'uid']]);
  });

  it('finds cleartext flows into the same two URL shapes', () => {
    expect(urlShapes(dex)).toEqual(urlShapes(js));
    expect(urlShapes(js).size).toBe(2);
  });
});
