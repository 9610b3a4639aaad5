// The zip reader on a file: the central directory listed through positioned synchronous reads must equal the
// in-memory listing, and yauzl's own stream entry point over the same reader must yield the member's bytes.
import { describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { bufferSource, fileSource } from './source.js';
import { listZip, positionedReaderFor, readZipEntry } from './zip.js';
import { buildZip } from '../../test/helpers/zip-writer.mjs';

const APK = join(import.meta.dirname, '../../test/fixtures/axml/club.apk');

describe('zip over a file source', () => {
  it('lists and reads the same members as over a buffer', async () => {
    const file = await fileSource(APK);
    try {
      const fromFile = await listZip(file, 1000);
      const fromBuffer = await listZip(bufferSource(readFileSync(APK)), 1000);
      expect(fromFile.entries.length).toBeGreaterThan(3);
      expect(fromFile).toEqual(fromBuffer);
      for (const e of fromFile.entries.filter((x) => !x.isDirectory)) {
        expect(await readZipEntry(file, e, 1 << 24)).toEqual(await readZipEntry(bufferSource(readFileSync(APK)), e, 1 << 24));
      }
    } finally {
      await file.close();
    }
  });

  it("serves yauzl's read streams in chunks", async () => {
    // A stored member of 200 KiB: the stream hands it over in several 64 KiB reads.
    const big = Buffer.from(Array.from({ length: 200 * 1024 }, (_, i) => (i * 7) & 0xff));
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-zip-'));
    const path = join(dir, 'big.zip');
    writeFileSync(path, buildZip([{ name: 'a.txt', data: Buffer.from('hello') }, { name: 'big.bin', data: big, method: 0 }]));
    const fd = openSync(path, 'r');
    try {
      const reader = await positionedReaderFor(fd);
      const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
        yauzl.fromRandomAccessReader(reader, statSync(path).size, { lazyEntries: true, autoClose: false }, (err, z) => (err || !z ? reject(err) : resolve(z))),
      );
      const entries: yauzl.Entry[] = [];
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (e: yauzl.Entry) => (entries.push(e), zip.readEntry()));
        zip.on('end', resolve);
        zip.on('error', reject);
        zip.readEntry();
      });
      const member = entries.find((e) => e.fileName === 'big.bin')!;
      const chunks = await new Promise<Buffer[]>((resolve, reject) =>
        zip.openReadStream(member, (err, stream) => {
          if (err || !stream) return reject(err);
          const parts: Buffer[] = [];
          stream.on('data', (c: Buffer) => parts.push(c));
          stream.on('end', () => resolve(parts));
          stream.on('error', reject);
        }),
      );
      expect(Buffer.concat(chunks).equals(big)).toBe(true);
      expect(chunks.length).toBeGreaterThanOrEqual(4);
      expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(64 * 1024);
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
