// Property-based fuzzing of the zip reader: listing and reading mutated archives either works or fails with a
// ZipError (which the walker turns into a notice) — never another exception, never more than the byte limit.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bufferSource } from '../../scanner/input/source.js';
import { listZip, readZipEntry, ZipError } from '../../scanner/input/zip.js';
import { buildZip } from '../helpers/zip-writer.mjs';
import { applyMutations, FUZZ_RUNS, fuzzParams, mutations } from './mutate.js';

const ROOT = join(import.meta.dirname, '../..');
const MAX_BYTES = 1 << 20;

const SEEDS: Array<[string, Buffer]> = [
  [
    'hand-built (stored + deflated)',
    buildZip([
      { name: 'Payload/X.app/Info.plist', data: readFileSync(join(ROOT, 'test/fixtures/plist/Info.plist')) },
      { name: 'Payload/X.app/main.jsbundle', data: readFileSync(join(ROOT, 'test/fixtures/hermes/app-v96.hbc')), method: 0 },
      { name: 'Payload/X.app/X', data: readFileSync(join(ROOT, 'test/fixtures/macho/App')).subarray(0, 8192) },
    ]),
  ],
  ['apktool/aapt-built APK', readFileSync(join(ROOT, 'test/fixtures/axml/club.apk'))],
];

describe('zip reader under mutation', () => {
  for (const [name, seed] of SEEDS) {
    it(`${name} (${seed.length} bytes)`, async () => {
      await fc.assert(
        fc.asyncProperty(mutations, async (muts) => {
          const source = bufferSource(applyMutations(seed, muts));
          const t0 = performance.now();
          try {
            const listing = await listZip(source, 1000);
            expect(listing.entries.length).toBeLessThanOrEqual(1000);
            for (const e of listing.entries.slice(0, 50)) {
              try {
                const data = await readZipEntry(source, e, MAX_BYTES);
                expect(data.length).toBeLessThanOrEqual(MAX_BYTES);
              } catch (err) {
                if (!(err instanceof ZipError)) throw err;
              }
            }
          } catch (err) {
            if (!(err instanceof ZipError)) throw err;
          }
          expect(performance.now() - t0).toBeLessThan(5000);
        }),
        fuzzParams(),
      );
    }, Math.min(2 ** 31 - 1, 60_000 + FUZZ_RUNS * 5000));
  }
});
