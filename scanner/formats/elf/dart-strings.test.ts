// Dart AOT snapshot strings read as string objects (dart-strings.ts), on snapshots built with clang + ld.lld in the
// layouts of real arm64 snapshots (test/fixtures/dart-aot/build.sh) and the 32-bit-style layout of the wrapper
// fixtures (test/fixtures/wrappers/build.sh), against the string lists they were built from.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { elfReader } from './index.js';
import { dartStringIn } from './dart-strings.js';

const ROOT = join(import.meta.dirname, '../../..');
const ctx = { maxStrings: 100_000 } as Parameters<typeof elfReader.read>[2];

function stringsOf(path: string): string[] {
  const facts = elfReader.read(readFileSync(join(ROOT, path)), 'libapp.so', ctx);
  expect(facts.meta.snapshot).toBe('dart-aot');
  return facts.strings.filter((s) => s.kind === 'cstring').map((s) => s.value);
}
const listed = (path: string) =>
  readFileSync(join(ROOT, path), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && l.length >= 4);

describe('Dart AOT snapshot strings', () => {
  it.each([
    ['64-bit', 'test/fixtures/dart-aot/agora4-calls/lib/arm64-v8a/libapp.so', 'test/fixtures/dart-aot/src/agora4-calls.txt'],
    ['64-bit compressed, a string that runs into the next object', 'test/fixtures/dart-aot/agora6-calls/lib/arm64-v8a/libapp.so', 'test/fixtures/dart-aot/src/agora6-calls.txt'],
    ['32-bit style, printable hash before the bytes', 'test/fixtures/wrappers/flutter-generic/lib/arm64-v8a/libapp.so', 'test/fixtures/wrappers/src/libapp-generic.txt'],
  ])('%s: exactly the string objects', (_, so, txt) => {
    expect(stringsOf(so)).toEqual(listed(txt));
  });

  it('a printable run without its length before it is no string', () => {
    const buf = Buffer.alloc(48);
    buf.write('j.jpx', 20, 'latin1'); // chance bytes of the serialized stream
    expect(dartStringIn(buf, 20, 25)).toBeUndefined();
    buf.writeUInt32LE(5 * 2, 16); // now a compressed-layout length
    expect(dartStringIn(buf, 20, 25)).toEqual([20, 25]);
  });

  it('the same bytes outside a snapshot are plain printable runs', () => {
    const facts = elfReader.read(readFileSync(join(ROOT, 'test/fixtures/dart-aot/not-a-snapshot/lib/arm64-v8a/libapp.so')), 'libapp.so', ctx);
    expect(facts.meta.snapshot).toBeUndefined();
    expect(facts.strings.some((s) => s.value === 'joinChannel')).toBe(true);
  });
});
