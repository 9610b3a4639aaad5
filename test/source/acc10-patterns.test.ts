// Patterns of the tenth accuracy session (test/fixtures/acc10-patterns, made-up values, each folder scanned as a
// folder as the real apps were).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/acc10-patterns');
const run = async (dir: string) => (await scan({ inputs: [join(FIX, dir)], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
const file = (f: Finding) => `${String(f.location?.artifact.split('/').pop())}:${String(f.location?.line)}`;
const sessions = (found: Finding[]) =>
  found
    .filter((f) => f.ruleId === 'RTC102')
    .map((f) => `${file(f)} ${String(f.properties.vendor)} ${String(f.properties.api)}`)
    .sort();
const credentials = (found: Finding[]) =>
  found
    .filter((f) => /^RTC40[123]$/.test(f.ruleId))
    .map((f) => `${f.ruleId} ${file(f)}`)
    .sort();

describe("ZEGO's prebuilt call kit", () => {
  it('finds the Kotlin service and invitation inits (a soft keyword after a dot is a method name) and the JitPack kit', async () => {
    const found = await run('kotlin-zego-kit');
    expect(sessions(found)).toEqual(['CallSetup.kt:14 zegocloud android-prebuilt-call-service-init', 'CallSetup.kt:18 zegocloud android-prebuilt-call-invitation-init']);
    expect(credentials(found)).toEqual(['RTC401 CallSetup.kt:14', 'RTC402 CallSetup.kt:14']);
    expect(found.filter((f) => f.ruleId === 'RTC101').map((f) => `${file(f)} ${String(f.properties.vendor)}`)).toEqual(['build.gradle:13 zegocloud']);
  }, 120_000);

  it("finds the Flutter invitation service's init with its literal App ID and AppSign", async () => {
    const found = await run('flutter-zego-invite');
    expect(sessions(found)).toEqual(['sign_in.dart:7 zegocloud flutter-prebuilt-call-invitation-init']);
    expect(credentials(found)).toEqual(['RTC401 sign_in.dart:7', 'RTC402 sign_in.dart:7']);
  }, 120_000);

  it("finds the React Native package's default export (the call service) initialised in a component", async () => {
    const found = await run('rn-zego-service');
    expect(sessions(found)).toEqual(['Lobby.tsx:8 zegocloud rn-prebuilt-call-service-init']);
    expect(credentials(found)).toEqual(['RTC401 keys.ts:1', 'RTC402 keys.ts:2']);
  }, 120_000);
});

describe('LiveKit in Flutter', () => {
  it("finds Room(…) and room.connect(url, token) of livekit_client; the self-hosted server is the app's host", async () => {
    const found = await run('flutter-livekit');
    expect(sessions(found)).toEqual(['join.dart:7 livekit flutter-room', 'join.dart:8 livekit flutter-connect']);
    expect(found.filter((f) => /^RTC20\d$/.test(f.ruleId)).map((f) => `${f.ruleId} ${String(f.properties.host)}`)).toEqual(['RTC202 rooms.example-fixture.io']);
  }, 120_000);
});

describe("electron-builder's package metadata", () => {
  it("reports the update feed's host, not the Linux maintainer's domain", async () => {
    const found = await run('electron-maintainer');
    expect(found.filter((f) => /^RTC20\d$/.test(f.ruleId)).map((f) => `${f.ruleId} ${String(f.properties.host)}`)).toEqual(['RTC202 updates.example-fixture.io']);
  }, 120_000);
});

describe('a socket URL derived from an http origin', () => {
  it("follows `env || 'http://…'` and `.replace(/^http/, 'ws')` to the room id sent over ws://", async () => {
    const found = await run('ws-replace');
    const flows = found.filter((f) => f.ruleId === 'RTC301').map((f) => `${file(f)} ${String(f.properties.host)}`);
    expect(flows).toEqual(['roomSocket.ts:13 10.20.30.40']);
  }, 120_000);
});
