// SDK detection through cross-platform wrappers (rules: sdk.wrappers; scanner/checks/sdk-wrappers.ts), end to end
// over the fixtures of test/fixtures/wrappers (binaries built by its build.sh with clang/ld.lld and smali; text
// files in the formats the platforms' tools generate): the vendor, the platform and the version where the build
// states it — and no vendor from a plugin id, URI or generic name outside the places that declare a plugin.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { sdkCheck } from '../../scanner/checks/sdk.js';
import { runChecks, facts, byRule } from './harness.js';

const ROOT = join(import.meta.dirname, '../..');
const FIX = join(ROOT, 'test/fixtures/wrappers');
const rules = defaultRulePack();

async function sdks(input: string): Promise<Finding[]> {
  const r = await scan({ inputs: [join(FIX, input)], rules, cwd: ROOT, workers: 0 });
  return r.bundles.flatMap((b) => b.findings).filter((f) => f.ruleId === 'RTC101');
}

const props = (f: Finding) => f.properties as { vendor: string; routes: string[]; platforms?: string[]; version?: string; packages?: string[] };

describe('RTC101 through cross-platform wrappers', () => {
  it('Flutter release APK: the Dart snapshot (libapp.so), the plugin registrant and the plugin class name Agora', async () => {
    const found = await sdks('flutter-agora.apk');
    expect(found.map((f) => props(f).vendor)).toEqual(['agora']);
    const p = props(found[0]!);
    expect(p.platforms).toEqual(['flutter']);
    expect(p.routes).toEqual(expect.arrayContaining(['wrapper-package', 'wrapper-class', 'wrapper-marker']));
    expect(p.packages).toContain('pub/agora_rtc_engine');
    const where = [found[0]!.location, ...(found[0]!.related ?? [])].map((l) => l.artifact);
    expect(where).toEqual(expect.arrayContaining(['test/fixtures/wrappers/flutter-agora.apk!/classes.dex', 'test/fixtures/wrappers/flutter-agora.apk!/lib/arm64-v8a/libapp.so']));
    // The snapshot's undelimited strings carry object-header bytes in front: matched as substrings of the run.
    const snapshot = [found[0]!.location, ...(found[0]!.related ?? [])].filter((l) => l.artifact.endsWith('libapp.so')).map((l) => l.message ?? '');
    expect(snapshot.join('\n')).toMatch(/package:agora_rtc_engine\/|agora_rtc_ng/);
  });

  it('Flutter iOS Runner (clang + ld64.lld): the plugin class in the ObjC runtime and the registrant key name Agora', async () => {
    const found = await sdks('flutter-agora-ios');
    expect(found.map((f) => props(f).vendor)).toEqual(['agora']);
    expect(props(found[0]!)).toMatchObject({ platforms: ['flutter'], routes: ['wrapper-class'] });
    const whats = [found[0]!.message, ...(found[0]!.related ?? []).map((l) => l.message ?? '')].join('\n');
    expect(whats).toMatch(/AgoraRtcNgPlugin/);
  });

  it('Flutter snapshot with only generic method and channel names: no vendor', async () => {
    expect(await sdks('flutter-generic')).toEqual([]);
  });

  it('Flutter sources: pubspec.yaml dependency with its version and the Dart import (dev_dependencies never count)', async () => {
    const found = await sdks('flutter-source');
    expect(found.map((f) => props(f).vendor)).toEqual(['zegocloud']);
    expect(props(found[0]!)).toMatchObject({ platforms: ['flutter'], version: '3.19.1', routes: ['wrapper-package', 'wrapper-marker'] });
  });

  it('Cordova: cordova_plugins.js (plugin id and version), the plugin folder, config.xml plugin and class', async () => {
    const found = await sdks('cordova-app');
    expect(found.map((f) => props(f).vendor)).toEqual(['vonage']);
    expect(props(found[0]!)).toMatchObject({ platforms: ['cordova'], version: '3.4.3', packages: ['npm/cordova-plugin-opentok'] });
    expect(props(found[0]!).routes).toEqual(expect.arrayContaining(['wrapper-package', 'wrapper-class']));
    const whats = [found[0]!.message, ...(found[0]!.related ?? []).map((l) => l.message ?? '')].join('\n');
    expect(whats).toMatch(/cordova_plugins\.js/);
    expect(whats).toMatch(/com\.tokbox\.cordova\.OpenTokAndroidPlugin/);
  });

  it('Capacitor: capacitor.plugins.json (package and class) and the package.json dependency with its version', async () => {
    const found = await sdks('capacitor-app');
    expect(found.map((f) => props(f).vendor)).toEqual(['jitsi']);
    expect(props(found[0]!)).toMatchObject({ platforms: ['capacitor'], version: '8.0.0' });
    expect(props(found[0]!).routes).toEqual(expect.arrayContaining(['js-package', 'wrapper-package', 'wrapper-class']));
  });

  it('uni-app: manifest.json nativePlugins and the module name the compiled app service requires', async () => {
    const found = await sdks('uni-app');
    expect(found.map((f) => props(f).vendor)).toEqual(['tencent-trtc']);
    expect(props(found[0]!)).toMatchObject({ platforms: ['uni-app'], routes: ['wrapper-package', 'wrapper-marker'] });
  });

  it('uni-app build: dcloud_uniplugins.json module names and classes', async () => {
    const found = await sdks('uni-app-apk');
    expect(found.map((f) => props(f).vendor)).toEqual(['agora']);
    expect(props(found[0]!)).toMatchObject({ platforms: ['uni-app'] });
    expect(props(found[0]!).routes).toEqual(expect.arrayContaining(['wrapper-class', 'wrapper-marker']));
  });

  it('Electron: app.asar (packed by @electron/asar) is opened; package.json names the wrapper and its version', async () => {
    const r = await scan({ inputs: [join(FIX, 'electron-app')], rules, cwd: ROOT, workers: 0 });
    const found = r.bundles.flatMap((b) => b.findings).filter((f) => f.ruleId === 'RTC101');
    expect(found.map((f) => props(f).vendor)).toEqual(['agora']);
    expect(props(found[0]!)).toMatchObject({ platforms: ['electron'], version: '4.6.2', packages: ['npm/agora-electron-sdk'] });
    expect(props(found[0]!).routes).toEqual(expect.arrayContaining(['native-library', 'js-package']));
    const where = [found[0]!.location, ...(found[0]!.related ?? [])].map((l) => l.artifact);
    expect(where).toContain('test/fixtures/wrappers/electron-app/resources/app.asar!/node_modules/agora-electron-sdk/package.json');
    // The packager left the native addon beside the archive: said once, as a note.
    expect(r.bundles.flatMap((b) => b.notices).filter((n) => n.id === 'input/asar-unpacked')).toHaveLength(1);
  });

  it('plugin ids, pub names and Dart URIs outside the files that declare plugins name no vendor', async () => {
    expect(await sdks('unrelated')).toEqual([]);
  });
});

describe('wrapper evidence from facts (the compiled string kinds)', () => {
  it('a Hermes string table naming a React Native module gives the vendor and the platform', () => {
    const f = runChecks([sdkCheck], [facts('index.android.bundle', 'hermes', { strings: [{ value: 'RNSendbirdCalls', kind: 'hermes-string', offset: 10 }] })], { pack: rules });
    expect(byRule(f, 'RTC101').map((x) => x.properties)).toEqual([expect.objectContaining({ vendor: 'sendbird-calls', platforms: ['react-native'], routes: ['wrapper-marker'] })]);
  });

  it('an ObjC plugin class in an iOS Flutter Runner, registered by name', () => {
    const f = runChecks([sdkCheck], [
      facts('Runner.app/Runner', 'macho', {
        strings: [
          { value: 'ZegoExpressEnginePlugin', kind: 'objc-class', offset: 100 },
          { value: 'ZegoExpressEnginePlugin', kind: 'cfstring', offset: 200 },
        ],
      }),
    ], { pack: rules });
    expect(byRule(f, 'RTC101').map((x) => x.properties)).toEqual([expect.objectContaining({ vendor: 'zegocloud', platforms: ['flutter'], routes: ['wrapper-class'] })]);
  });

  it('a Flutter plugin framework in an IPA (use_frameworks!) is named by its pub package', () => {
    const f = runChecks([sdkCheck], [facts('app.ipa!/Payload/Runner.app/Frameworks/zego_express_engine.framework/zego_express_engine', 'macho', {})], { pack: rules });
    expect(byRule(f, 'RTC101').map((x) => x.properties)).toEqual([expect.objectContaining({ vendor: 'zegocloud', platforms: ['flutter'], routes: ['wrapper-package'], packages: ['pub/zego_express_engine'] })]);
    // A framework named like a pub package that no rule lists, or a Cordova plugin id as a framework: nothing.
    const g = runChecks([sdkCheck], [facts('app.ipa!/Payload/Runner.app/Frameworks/url_launcher_ios.framework/url_launcher_ios', 'macho', {}), facts('app.ipa!/Payload/Runner.app/Frameworks/cordova-plugin-opentok.framework/x', 'macho', {})], { pack: rules });
    expect(byRule(g, 'RTC101')).toEqual([]);
  });

  it('a uni-app project\'s local native plugin folder (nativeplugins/<id>/) is named by its plugin id', () => {
    const f = runChecks([sdkCheck], [facts('club/nativeplugins/Agora-RTC/package.json', 'json', {})], { pack: rules });
    expect(byRule(f, 'RTC101').map((x) => x.properties)).toEqual([expect.objectContaining({ vendor: 'agora', platforms: ['uni-app'], routes: ['wrapper-package'] })]);
  });

  it('a registrant line of a pub package no rule knows, or in a comment, names nothing', () => {
    const f = runChecks([sdkCheck], [
      facts('classes.dex', 'dex', {
        strings: [
          { value: 'Error registering plugin shared_preferences_android, io.flutter.plugins.sharedpreferences.SharedPreferencesPlugin', kind: 'dex-string', offset: 1 },
          { value: 'Error registering plugin agora_rtc_engine, io.agora.agora_rtc_ng.AgoraRtcNgPlugin', kind: 'comment', offset: 2 },
        ],
      }),
    ], { pack: rules });
    expect(byRule(f, 'RTC101')).toEqual([]);
  });
});

describe('wrapper rules', () => {
  it('every marker and class names one vendor, and no marker is an API method name of any vendor', () => {
    const owner = new Map<string, string>();
    const methods = new Set(rules.vendors.flatMap((v) => v.apis.map((a) => a.method).filter((m): m is string => !!m)));
    for (const v of rules.vendors) {
      for (const w of v.sdk.wrappers) {
        for (const m of [...w.markers, ...w.classes]) {
          expect(owner.get(m) ?? v.id, `${m} is listed by two vendors`).toBe(v.id);
          owner.set(m, v.id);
        }
        for (const m of w.markers) expect(methods.has(m), `${v.id} marker ${m} is an API method name`).toBe(false);
      }
    }
    expect(owner.size).toBeGreaterThan(50);
  });
});
