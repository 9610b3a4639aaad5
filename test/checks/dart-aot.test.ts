// Session starts in a Dart AOT snapshot (Flutter's release libapp.so), read from the plugin code it keeps
// (scanner/checks/dart-aot.ts; rules: `dartAot` of the flutter APIs). Fixtures: test/fixtures/dart-aot (clang +
// ld.lld, build.sh), in the string layouts of real arm64 snapshots; the mechanism is measured on third-party release
// snapshots in eval/realapps/binaries.yaml.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';

const ROOT = join(import.meta.dirname, '../..');
const DIR = join(ROOT, 'test/fixtures/dart-aot');

async function findingsOf(name: string): Promise<Finding[]> {
  const r = await scan({ inputs: [join(DIR, name)], rules: defaultRulePack(), cwd: ROOT, workers: 0 });
  return r.bundles.flatMap((b) => b.findings);
}
const props = (f: Finding) => f.properties as Record<string, unknown>;
const sessions = (fs: Finding[]) =>
  fs
    .filter((f) => f.ruleId === 'RTC102')
    .map((f) => `${props(f).vendor}/${props(f).kind}/${props(f).api}/${props(f).route}/${f.level ?? ''}`)
    .sort();

describe('Dart AOT snapshot: sessions from the plugin code it keeps', () => {
  it('agora_rtc_engine 4.x: create and joinChannel kept → init and join, notes without arguments', async () => {
    const fs = await findingsOf('agora4-calls');
    expect(sessions(fs)).toEqual(['agora/init/flutter4-create-with-context/dart-aot/note', 'agora/join/flutter4-join-channel/dart-aot/note']);
    const join = fs.find((f) => f.ruleId === 'RTC102' && props(f).kind === 'join')!;
    expect(join.message).toContain('RtcEngine.joinChannel');
    expect(join.message).toContain('(joinChannel, optionalUid)');
    // At the kept method-channel name in .rodata.
    expect(join.location?.offset).toBeGreaterThan(0);
    // No encryption API kept: the session has no app-controlled media encryption.
    const noEnc = fs.filter((f) => f.ruleId === 'RTC304');
    expect(noEnc.map((f) => props(f).api)).toEqual(['flutter4-join-channel']);
    expect(noEnc[0]!.message).toContain('Dart AOT snapshot');
    // The residency note names the Flutter setting.
    const residency = fs.find((f) => f.ruleId === 'RTC501');
    expect(residency?.message).toContain('RtcEngine.createWithContext in 4.x');
    expect(residency?.message).toContain('a region passed in their arguments would not be seen');
    expect(residency?.level).toBe('note');
  });

  it('enableEncryption kept → no missing-encryption finding', async () => {
    const fs = await findingsOf('agora4-encrypted');
    expect(sessions(fs)).toEqual(['agora/init/flutter4-create-with-context/dart-aot/note', 'agora/join/flutter4-join-channel/dart-aot/note']);
    expect(fs.filter((f) => f.ruleId === 'RTC304')).toEqual([]);
  });

  it('the plugin as a dependency with no session API called → the vendor, no session', async () => {
    const fs = await findingsOf('agora4-nocalls');
    expect(fs.some((f) => f.ruleId === 'RTC101' && props(f).vendor === 'agora')).toBe(true);
    expect(sessions(fs)).toEqual([]);
  });

  it('agora_rtc_engine 6.x API-type names, including one that runs into the next object', async () => {
    const fs = await findingsOf('agora6-calls');
    expect(sessions(fs)).toEqual(['agora/init/flutter-initialize/dart-aot/note', 'agora/join/flutter-join-channel/dart-aot/note']);
  });

  it('zego_express_engine: createEngineWithProfile and loginRoom kept → init and join without stream encryption', async () => {
    const fs = await findingsOf('zego-calls');
    expect(sessions(fs)).toEqual(['zegocloud/init/flutter-create-engine-with-profile/dart-aot/note', 'zegocloud/join/flutter-login-room/dart-aot/note']);
    expect(fs.filter((f) => f.ruleId === 'RTC304').map((f) => props(f).api)).toEqual(['flutter-login-room']);
  });

  it('tencent_trtc_cloud: enterRoom kept → a join (sharedInstance starts no session)', async () => {
    const fs = await findingsOf('trtc-calls');
    expect(sessions(fs)).toEqual(['tencent-trtc/join/flutter-enter-room/dart-aot/note']);
  });

  it('the same strings outside a Dart snapshot are no session', async () => {
    const fs = await findingsOf('not-a-snapshot');
    expect(sessions(fs)).toEqual([]);
  });
});
