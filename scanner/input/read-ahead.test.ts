// Members read ahead on libuv's thread pool (walk.ts READ_AHEAD_BYTES) must arrive exactly as a synchronous read
// gives them: same bytes, the SHA-256 of those bytes, and for a broken member the very notice readZipEntry's error
// gives — also when the broken member is the one read ahead.
import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { Notice } from '../core/facts.js';
import type { MemberLane } from './artifact.js';
import { DEFAULT_LIMITS } from './limits.js';
import { fileSource } from './source.js';
import { walkInput } from './walk.js';
import { listZip, readZipEntry, ZipError } from './zip.js';
import { buildZip } from '../../test/helpers/zip-writer.mjs';

const text = (n: number, seed: string) => Buffer.from(Array.from({ length: Math.ceil(n / 40) }, (_, i) => `${seed} line ${i} of the member\n`).join('').slice(0, n));

describe('read-ahead of large archive members', () => {
  it('yields the bytes, hashes and errors of synchronous reads', async () => {
    const deflated = text(600 * 1024, 'deflated');
    const stored = randomBytes(300 * 1024);
    const big = text(400 * 1024, 'lying');
    const members = [
      { name: 'a/small.txt', data: Buffer.from('hello') },
      { name: 'b/deflated.json', data: deflated },
      { name: 'c/stored.bin', data: stored, method: 0 as const },
      // Declares more than it inflates to, and a deflate stream cut in half: both read ahead, both must fail as
      // readZipEntry fails.
      { name: 'd/lying.txt', data: big, declaredSize: big.length + 10 },
      { name: 'e/cut.txt', raw: deflateRawSync(text(500 * 1024, 'cut')).subarray(0, 2000), declaredSize: 500 * 1024 },
      { name: 'f/after.bin', data: randomBytes(280 * 1024), method: 0 as const },
      { name: 'g/last.txt', data: Buffer.from('bye') },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-ahead-'));
    const path = join(dir, 'app.zip');
    writeFileSync(path, buildZip(members));
    try {
      const notices: Notice[] = [];
      const got = new Map<string, { data: Buffer; sha256?: string }>();
      for await (const a of walkInput(path, { limits: DEFAULT_LIMITS, cwd: dir, notify: (n) => notices.push(n), record: () => {} })) got.set(a.path, { data: a.data, sha256: a.sha256 });

      // What synchronous reads give, member by member.
      const source = await fileSource(path);
      const expected = new Map<string, Buffer | string>();
      try {
        for (const e of (await listZip(source, 100)).entries) {
          try {
            expected.set(e.name, await readZipEntry(source, e, DEFAULT_LIMITS.maxEntryBytes));
          } catch (err) {
            expected.set(e.name, `${(err as ZipError).id}: ${(err as ZipError).message}`);
          }
        }
      } finally {
        await source.close();
      }
      expect([...got.keys()]).toEqual(['app.zip!/a/small.txt', 'app.zip!/b/deflated.json', 'app.zip!/c/stored.bin', 'app.zip!/f/after.bin', 'app.zip!/g/last.txt']);
      for (const [p, a] of got) {
        const want = expected.get(p.slice('app.zip!/'.length));
        expect(Buffer.isBuffer(want) && a.data.equals(want)).toBe(true);
        // Large members come with their hash from the pool; it must be the hash of the bytes.
        if (a.data.length >= 256 * 1024) expect(a.sha256).toBe(createHash('sha256').update(a.data).digest('hex'));
        else expect(a.sha256).toBeUndefined();
      }
      expect(got.get('app.zip!/b/deflated.json')!.data.equals(deflated)).toBe(true);
      expect(got.get('app.zip!/c/stored.bin')!.data.equals(stored)).toBe(true);
      expect(notices.map((n) => `${n.artifact}: ${n.id}: ${n.message}`)).toEqual([
        `app.zip!/d/lying.txt: ${String(expected.get('d/lying.txt'))}`,
        `app.zip!/e/cut.txt: ${String(expected.get('e/cut.txt'))}`,
      ]);
      expect(String(expected.get('d/lying.txt'))).toMatch(/^input\/size-mismatch/);
      expect(String(expected.get('e/cut.txt'))).toMatch(/^input\/corrupt-member/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('defers large stored members when asked, unless another member may hold the same bytes', async () => {
    const unique = randomBytes(1_200_000);
    const twin = randomBytes(1_100_000);
    const zipInside = buildZip([{ name: 'x.txt', data: text(1_100_000, 'inner'), method: 0 as const }]);
    const members = [
      { name: 'a/unique.bin', data: unique, method: 0 as const },
      { name: 'b/twin1.bin', data: twin, method: 0 as const },
      { name: 'b/twin2.bin', data: twin, method: 0 as const },
      { name: 'c/small.bin', data: randomBytes(200_000), method: 0 as const },
      { name: 'd/deflated.txt', data: text(1_300_000, 'deflated') },
      { name: 'e/inner.zip', data: zipInside, method: 0 as const },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-defer-'));
    const path = join(dir, 'app.zip');
    writeFileSync(path, buildZip(members));
    try {
      const got = new Map<string, { data: Buffer; size: number; loaded?: Buffer; fd?: number; offset?: number }>();
      for await (const a of walkInput(path, { limits: DEFAULT_LIMITS, cwd: dir, notify: () => {}, record: () => {}, deferStoredBytes: 1024 * 1024 })) {
        got.set(a.path, { data: a.data, size: a.size, loaded: a.deferred && (await a.deferred.load()), fd: a.deferred?.fd, offset: a.deferred?.offset });
      }
      // Only the unique stored member is deferred: its first bytes, its size, and what load() and the fd give.
      const u = got.get('app.zip!/a/unique.bin')!;
      expect(u.size).toBe(unique.length);
      expect(u.data.equals(unique.subarray(0, 8192))).toBe(true);
      expect(u.loaded!.equals(unique)).toBe(true);
      for (const p of ['b/twin1.bin', 'b/twin2.bin', 'c/small.bin', 'd/deflated.txt']) expect(got.get(`app.zip!/${p}`)!.loaded, p).toBeUndefined();
      expect(got.get('app.zip!/b/twin2.bin')!.data.equals(twin)).toBe(true);
      // The stored archive is opened as an archive, not deferred.
      expect(got.has('app.zip!/e/inner.zip!/x.txt')).toBe(true);
      expect(u.fd).toBeTypeOf('number');
      expect(readFileSync(path).subarray(u.offset!, u.offset! + unique.length).equals(unique)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('marks a lane member with a twin as repeating, so its facts are cached from its first sighting', async () => {
    const twin = Buffer.from('var twin = 1;\n'.repeat(5_000));
    const unique = Buffer.from('var unique = 2;\n'.repeat(5_000));
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-lane-twin-'));
    const path = join(dir, 'app.zip');
    writeFileSync(path, buildZip([
      { name: 'a/twin.js', data: twin },
      { name: 'b/unique.js', data: unique },
      { name: 'c/twin.js', data: twin },
    ]));
    // A lane that "reads" every script: its tickets answer with the member's hash, as the script lane's do.
    const lane: MemberLane = {
      wants: (name) => name.endsWith('.js'),
      open: (archive) =>
        archive.members.map((m) => {
          const data = m.entry.name.includes('twin') ? twin : unique;
          return { bytes: async () => ({ sha256: createHash('sha256').update(data).digest('hex') }), cancel: () => {}, settled: Promise.resolve() };
        }),
    };
    try {
      const got = new Map<string, { laned: boolean; repeats?: boolean; data: Buffer }>();
      for await (const a of walkInput(path, { limits: DEFAULT_LIMITS, cwd: dir, notify: () => {}, record: () => {}, lane })) got.set(a.path, { laned: !!a.laned, repeats: a.repeats, data: a.data });
      // Only the first of the two twins goes to the lane; the second is read by the walk and finds the first's
      // facts in the engine's cache, which keeps them from the first sighting because of `repeats`.
      expect(got.get('app.zip!/a/twin.js')).toMatchObject({ laned: true, repeats: true });
      expect(got.get('app.zip!/b/unique.js')).toMatchObject({ laned: true, repeats: false });
      expect(got.get('app.zip!/c/twin.js')!.laned).toBe(false);
      expect(got.get('app.zip!/c/twin.js')!.data.equals(twin)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
