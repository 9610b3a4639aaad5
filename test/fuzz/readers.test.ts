// Property-based fuzzing of every format reader on mutated real fixtures: a reader never throws, returns within a
// time bound, and keeps its output bounded (maxStrings, facts proportional to the input).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { READERS } from '../../scanner/formats/index.js';
import { createJsReader } from '../../scanner/formats/js/index.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Facts } from '../../scanner/core/facts.js';
import { factBytes } from '../../scanner/core/budget.js';
import { applyMutations, FUZZ_RUNS, fuzzParams, mutations } from './mutate.js';
import { HOISTED_BUNDLE } from '../js/hoisted-bundle.js';

const ROOT = join(import.meta.dirname, '../..');
const fx = (p: string) => readFileSync(join(ROOT, p));

/** Reader id → seeds (virtual name, bytes). Names matter: some readers sniff by name. */
const SEEDS: Record<string, Array<[string, Buffer]>> = {
  hermes: [['main.jsbundle', fx('test/fixtures/hermes/app-v96.hbc')], ['index.android.bundle', fx('test/fixtures/hermes/app-v84.hbc')]],
  macho: [['App', fx('test/fixtures/macho/App')]],
  elf: [['libagora-rtc-sdk.so', fx('test/fixtures/elf/arm64-v8a/libagora-rtc-sdk.so')], ['libagora-core.so', fx('test/fixtures/elf/armeabi-v7a/libagora-core.so')]],
  dex: [['classes.dex', fx('test/fixtures/dex/classes.dex')]],
  axml: [['AndroidManifest.xml', fx('test/fixtures/axml/out/AndroidManifest.xml')]],
  plist: [['Info.plist', fx('test/fixtures/plist/Info.binary.plist')], ['Info.plist', fx('test/fixtures/plist/Info.plist')]],
  mobileprovision: [['embedded.mobileprovision', fx('test/fixtures/plist/embedded.mobileprovision')]],
  sourcemap: [['app.js.map', fx('samples/clean/dist/app.js.map')]],
  js: [['app.js', fx('test/flow/fixtures/prop-objects.js')]],
  xml: [['res/xml/network_security_config.xml', fx('test/fixtures/axml/app/res/xml/network_security_config.xml')]],
  text: [
    ['notes.txt', fx('test/fixtures/macho/expected/App.cstring.txt')],
    // Source with a code model (scanner/formats/source): Java, Kotlin, Dart, Swift, Objective-C
    ['HuddleActivity.java', fx('test/fixtures/source-model/java-appid-only/app/src/main/java/com/example/huddle/HuddleActivity.java')],
    ['StudioCall.kt', fx('test/fixtures/source-model/kotlin-encrypted/app/src/main/java/com/example/studio/StudioCall.kt')],
    ['call_service.dart', fx('test/fixtures/source-model/flutter6/lib/services/call_service.dart')],
    ['ClassroomViewController.swift', fx('test/fixtures/source-model/swift-app/Classroom/ClassroomViewController.swift')],
    ['ConsultViewController.m', fx('test/fixtures/source-model/objc-app/Clinic/ConsultViewController.m')],
  ],
  binary: [['blob.bin', fx('test/fixtures/macho/App').subarray(0, 4096)]],
};

const MAX_STRINGS = 2000;
/** Per-input bound; generous because the machine running CI may be loaded. */
const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS) || 5000;

/** facts bytes <= K x input bytes + C (scanner/core/budget.ts counts the bytes). */
const AMPLIFICATION_K = 32;
const AMPLIFICATION_C = 1024 * 1024;

function factCount(f: Facts): number {
  return f.symbols.length + f.libraries.length + f.config.length + f.calls.length + f.apiCalls.length + f.flows.length + f.notices.length;
}

describe('format readers under mutation', () => {
  const rules = defaultRulePack();
  const ctx = { rules, maxStrings: MAX_STRINGS };
  it('every reader has fuzz seeds', () => {
    expect(READERS.map((r) => r.id).filter((id) => !SEEDS[id])).toEqual([]);
  });
  for (const reader of READERS) {
    for (const [name, seed] of SEEDS[reader.id] ?? []) {
      it(`${reader.id}: ${name} (${seed.length} bytes)`, async () => {
        // The unmutated seed is recognised by this reader: the fuzzing exercises the right code.
        expect(reader.sniff(seed.subarray(0, 8192), name)).toBe(true);
        await fc.assert(
          fc.asyncProperty(mutations, async (muts) => {
            const data = applyMutations(seed, muts);
            const t0 = performance.now();
            const facts = await reader.read(data, name, ctx); // must not throw
            const ms = performance.now() - t0;
            expect(ms).toBeLessThan(TIME_LIMIT_MS);
            expect(facts.strings.length).toBeLessThanOrEqual(MAX_STRINGS);
            expect(factCount(facts)).toBeLessThanOrEqual(4 * data.length + 100);
            // Amplification: what a reader produces (bytes of strings and facts) is linear in what it reads, with a
            // small factor, however the mutation rewires references (issue 14: shared references made 3 GB).
            expect(factBytes(facts)).toBeLessThanOrEqual(AMPLIFICATION_K * data.length + AMPLIFICATION_C);
            for (const n of facts.notices) expect(typeof n.message).toBe('string');
          }),
          fuzzParams(),
        );
      }, Math.min(2 ** 31 - 1, 60_000 + FUZZ_RUNS * TIME_LIMIT_MS));
    }
  }

  // The JS reader's elision path (outline, skeleton parse, blanking) normally starts at 64 KiB: forced here on a
  // vendor-marked bundle with app code, so every mutation goes through it.
  const forced = createJsReader({ elideMinBytes: 0 });
  const bundle = Buffer.from(
    [
      'var __commonJS = (cb, mod) => function () { return mod || cb((mod = { exports: {} }).exports, mod), mod.exports; };',
      'var require_sdk = __commonJS((exports, module) => {',
      '  var tag = "AgoraRTCException", api = "https://gateway.agora.io/api";',
      `  function helper(o) { var x = [${Array.from({ length: 60 }, (_, i) => i).join(',')}]; return { name: "agora-rtc-sdk-ng", version: "4.20.0", n: x.length + o }; }`,
      '  function signal(uid) { const ws = new WebSocket("ws://gateway.agora.io/join?uid=" + uid); return ws; }',
      '  module.exports = { createClient: () => ({ join: (a, c, t, u) => signal(u) }), helper };',
      '});',
      'var AgoraRTC = require_sdk();',
      'const client = AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });',
      'async function enter(roomId, userId) { await client.join("0123456789abcdef0123456789abcdef", roomId, null, userId); fetch(`http://api.example.com/rooms/${roomId}?uid=${userId}`); }',
      '',
    ].join('\n'),
  );
  // A scope-hoisted bundle (esbuild/Rollup): library statements blanked whole, a class kept for the app with its
  // body blanked.
  const hoisted = Buffer.from(HOISTED_BUNDLE);
  it.each([
    ['bundle.js', bundle],
    ['hoisted.js', hoisted],
  ])(`js with elision forced: %s`, async (name, seed) => {
    expect((await forced.read(seed, name, ctx)).meta.elided).toBeDefined();
    await fc.assert(
      fc.asyncProperty(mutations, async (muts) => {
        const data = applyMutations(seed, muts);
        const t0 = performance.now();
        const facts = await forced.read(data, name, ctx); // must not throw
        expect(performance.now() - t0).toBeLessThan(TIME_LIMIT_MS);
        expect(facts.strings.length).toBeLessThanOrEqual(MAX_STRINGS);
        expect(factCount(facts)).toBeLessThanOrEqual(4 * data.length + 100);
      }),
      fuzzParams(),
    );
  }, Math.min(2 ** 31 - 1, 60_000 + FUZZ_RUNS * TIME_LIMIT_MS));
});
