// The asar lister on archives written by the real packager (@electron/asar, test/fixtures/wrappers/build.sh) and
// on damaged copies of them: every damage is one AsarError, never an exception of another kind or a read outside.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsarError, listAsar, looksLikeAsar } from './asar.js';
import { bufferSource } from './source.js';

const asar = readFileSync(join(import.meta.dirname, '../../test/fixtures/wrappers/electron-app/resources/app.asar'));

/** The archive with its JSON header replaced (the Pickle sizes recomputed, the data kept after it). */
function withHeader(json: string): Buffer {
  const oldSize = asar.readUInt32LE(4);
  const data = asar.subarray(8 + oldSize);
  const body = Buffer.from(json);
  const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
  const head = Buffer.alloc(16);
  head.writeUInt32LE(4, 0);
  head.writeUInt32LE(padded.length + 8, 4);
  head.writeUInt32LE(padded.length + 4, 8);
  head.writeUInt32LE(body.length, 12);
  return Buffer.concat([head, padded, data]);
}

describe('asar listing', () => {
  it('lists the packed files with their offsets, and counts the unpacked addon', async () => {
    expect(looksLikeAsar(asar.subarray(0, 17))).toBe(true);
    const l = await listAsar(bufferSource(asar), 1000);
    expect(l.entries.map((e) => e.name).sort()).toEqual(['node_modules/agora-electron-sdk/package.json', 'package.json', 'src/main.js']);
    expect(l.unpacked).toBe(1);
    const main = l.entries.find((e) => e.name === 'src/main.js')!;
    expect(asar.subarray(main.start, main.start + main.size).toString()).toMatch(/^\/\/ The app's main process/);
  });

  it('rejects members outside the archive, unsafe names, non-JSON headers and stops at maxEntries', async () => {
    const bad = async (buf: Buffer) => listAsar(bufferSource(buf), 1000).then(() => 'listed', (e: unknown) => (e instanceof AsarError ? e.id : `other: ${String(e)}`));
    expect(await bad(withHeader('{"files":{"a.js":{"size":10,"offset":"999999999"}}}'))).toBe('input/corrupt-asar');
    expect(await bad(withHeader('{"files":{"..":{"files":{"x":{"size":1,"offset":"0"}}}}}'))).toBe('input/corrupt-asar');
    expect(await bad(withHeader('{"files":{"a/b":{"size":1,"offset":"0"}}}'))).toBe('input/corrupt-asar');
    expect(await bad(withHeader('{"files":{"a":{"size":-1,"offset":"0"}}}'))).toBe('input/corrupt-asar');
    expect(await bad(withHeader('{"files": nope}'))).toBe('input/corrupt-asar');
    expect(await bad(asar.subarray(0, 40))).toBe('input/corrupt-asar');
    const many = await listAsar(bufferSource(asar), 2);
    expect(many.entries).toHaveLength(2);
    expect(many.truncated).toMatch(/maxEntries/);
  });

  it('is not fooled by other files starting with 04 00 00 00', () => {
    expect(looksLikeAsar(Buffer.from('0400000010000000ffffffff00000000', 'hex'))).toBe(false);
    expect(looksLikeAsar(Buffer.from('04000000'))).toBe(false);
  });
});
