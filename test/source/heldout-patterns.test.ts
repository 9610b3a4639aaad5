// Vendor APIs of the third (held-out) labelling round's public apps, on source written in their shapes
// (test/fixtures/heldout-patterns, made-up values): ZEGO and 100ms Flutter plugins (static factories, the
// `ZegoExpressEngine.instance` singleton, the prebuilt call widget, an HMSSDK held in a field) and LiveKit Android's
// `LiveKit.create`. Each folder is scanned as a folder, as the real apps were.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/heldout-patterns');
const run = async (dir: string) => (await scan({ inputs: [join(FIX, dir)], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
const of = (f: Finding[], rule: string) => f.filter((x) => x.ruleId === rule);
const session = (f: Finding) => `${f.location?.artifact.split('/').pop()}:${f.location?.line} ${String(f.properties.api)}`;

describe('held-out round: Flutter and Android vendor APIs', () => {
  it('ZEGO Flutter: createEngineWithProfile, loginRoom on the instance singleton, the prebuilt call widget with its roles', async () => {
    const f = await run('flutter-zego');
    expect(of(f, 'RTC102').map(session).sort()).toEqual([
      'call_widget.dart:14 flutter-prebuilt-call',
      'main.dart:22 flutter-login-room',
      'main.dart:8 flutter-create-engine-with-profile',
    ]);
    const widget = of(f, 'RTC102').find((x) => x.properties.api === 'flutter-prebuilt-call')!;
    expect(widget.message).toContain('channel=callID');
    expect(widget.message).toContain('uid=userId');
  }, 120_000);

  it('100ms Flutter: HMSSDK() in a field is the init, join(config:) the session, preview is not one', async () => {
    const f = await run('flutter-hms');
    expect(of(f, 'RTC102').map(session)).toEqual(['room_notifier.dart:7 flutter-sdk', 'room_notifier.dart:13 flutter-join']);
  }, 120_000);

  it('LiveKit Android: LiveKit.create with named arguments types the Room that connects', async () => {
    const f = await run('kotlin-livekit');
    expect(of(f, 'RTC102').map(session)).toEqual(['CallActivity.kt:16 android-create', 'CallActivity.kt:24 android-connect']);
  }, 120_000);
});
