// Build-variant awareness (debug/test source sets are labelled, not app-wide policy) and SDK versions from
// package.json, on real reader output of test/fixtures/variant.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readFacts } from '../../scanner/formats/index.js';
import { loadRulePack } from '../../scanner/rules/pack.js';
import { transportCheck } from '../../scanner/checks/transport.js';
import { sdkCheck } from '../../scanner/checks/sdk.js';
import { buildVariantOf } from '../../scanner/checks/variant.js';
import { runChecks } from './harness.js';

const pack = loadRulePack();
const read = (f: string) => readFacts(readFileSync(fileURLToPath(new URL(`../fixtures/variant/${f}`, import.meta.url))), f, { rules: pack, maxStrings: 100_000 });

describe('build variants', () => {
  it.each([
    ['app/src/debug/AndroidManifest.xml', 'debug'], ['app/src/freeDebug/AndroidManifest.xml', 'debug'], ['app/src/androidTest/AndroidManifest.xml', 'test'],
    ['app/src/test/res/xml/nsc.xml', 'test'], ['ios/Config/Debug.xcconfig', 'debug'], ['ios/Club-Debug.plist', 'debug'], ['web/.env.development', 'debug'],
    ['app/src/main/AndroidManifest.xml', undefined], ['ios/Release.xcconfig', undefined], ['club.apk!/AndroidManifest.xml', undefined],
  ])('%s → %s', (path, variant) => expect(buildVariantOf(path)).toBe(variant));

  it('src/debug/AndroidManifest.xml cleartext is a labelled note; src/main stays app-wide', async () => {
    const f = runChecks([transportCheck], [await read('app/src/main/AndroidManifest.xml'), await read('app/src/debug/AndroidManifest.xml')], { pack });
    expect(f.map((x) => [x.ruleId, x.location.artifact, x.level ?? 'default', x.properties.variant])).toEqual([
      ['RTC313', 'app/src/main/AndroidManifest.xml', 'default', undefined],
      ['RTC313', 'app/src/debug/AndroidManifest.xml', 'note', 'debug'],
    ]);
  });
});

describe('SDK version from package.json', () => {
  it("the app's dependency range and node_modules/<pkg>/package.json both give the vendor and version", async () => {
    const f = runChecks([sdkCheck], [await read('electron/package.json'), await read('electron/node_modules/agora-electron-sdk/package.json')], { pack });
    // One result per vendor per bundle; the package's own package.json is a related location.
    expect(f.map((x) => [x.ruleId, x.location.artifact, x.properties.vendor, x.properties.version, x.properties.artifacts])).toEqual([['RTC101', 'electron/package.json', 'agora', '4.6.2', 2]]);
    expect(f[0]!.related!.map((l) => l.artifact)).toContain('electron/node_modules/agora-electron-sdk/package.json');
  });
});
