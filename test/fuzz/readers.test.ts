// Property-based fuzzing of every format reader on mutated real fixtures: a reader never throws, returns within a
// time bound, and keeps its output bounded (maxStrings, facts proportional to the input).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { READERS } from '../../scanner/formats/index.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Facts } from '../../scanner/core/facts.js';
import { applyMutations, FUZZ_RUNS, fuzzParams, mutations } from './mutate.js';

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
  text: [['notes.txt', fx('test/fixtures/macho/expected/App.cstring.txt')]],
  binary: [['blob.bin', fx('test/fixtures/macho/App').subarray(0, 4096)]],
};

const MAX_STRINGS = 2000;
/** Per-input bound; generous because the machine running CI may be loaded. */
const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS) || 5000;

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
            for (const n of facts.notices) expect(typeof n.message).toBe('string');
          }),
          fuzzParams(),
        );
      }, Math.min(2 ** 31 - 1, 60_000 + FUZZ_RUNS * TIME_LIMIT_MS));
    }
  }
});
