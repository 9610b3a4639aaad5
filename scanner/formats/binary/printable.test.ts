import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { forEachPrintableRun, opaqueBlocks, type PrintableRun } from './printable.js';
import { binaryReader } from './index.js';

/** Deterministic incompressible bytes (SHA-256 in counter mode). */
function noise(bytes: number, seed = 'seed'): Buffer {
  const out = Buffer.alloc(bytes);
  for (let i = 0, off = 0; off < bytes; i++, off += 32) createHash('sha256').update(`${seed}-${i}`).digest().copy(out, off);
  return out;
}

/**
 * Reference definition, byte by byte: yields runs of at least `min` printable ASCII bytes (space..~ and tab), each capped at 4 KiB. `min` may depend
 * on where the run starts (see `opaqueAwareMin`).
 */
function* printableRuns(data: Buffer, min: number | ((offset: number) => number), from = 0, to = data.length): Generator<PrintableRun> {
  const minAt = typeof min === 'number' ? () => min : min;
  let start = -1;
  const end = Math.min(to, data.length);
  for (let i = Math.max(0, from); i <= end; i++) {
    const b = i < end ? data[i] : 0;
    const printable = (b >= 0x20 && b < 0x7f) || b === 0x09;
    if (printable) {
      if (start < 0) start = i;
      if (i - start >= 4096) {
        yield { value: data.toString('latin1', start, i), offset: start };
        start = i;
      }
    } else if (start >= 0) {
      if (i - start >= minAt(start)) yield { value: data.toString('latin1', start, i), offset: start };
      start = -1;
    }
  }
}


function fast(data: Buffer): PrintableRun[] {
  const out: PrintableRun[] = [];
  forEachPrintableRun(data, 6, 16, (r) => (out.push(r), true));
  return out;
}

/** The definition, byte by byte: minimum 16 for runs starting in an opaque block, 6 elsewhere. */
function reference(data: Buffer): PrintableRun[] {
  const opaque = opaqueBlocks(data);
  return [...printableRuns(data, (off) => (opaque[Math.floor(off / 4096)] ? 16 : 6))];
}

describe('printable runs in opaque data', () => {
  it('drops the noise of compressed/encrypted stretches but keeps a URL stored in the clear among them', async () => {
    const data = noise(2 << 20);
    Buffer.from('https://rtc.vendor-example.cn/join?uid=').copy(data, 1_000_000);
    const plain = [...printableRuns(data, 6)].length;
    const facts = await binaryReader.read(data, 'blob.bin', { maxStrings: 100_000 } as never);
    expect(plain).toBeGreaterThan(3000); // what strings(1)-style extraction yields from noise
    expect(facts.strings.length).toBeLessThan(10);
    expect(facts.strings.map((s) => s.value)).toContain('https://rtc.vendor-example.cn/join?uid=');
  });

  it('tells compressed data from code and text by sampled byte entropy', () => {
    const text = readFileSync(new URL('../../../README.md', import.meta.url));
    const macho = readFileSync(new URL('../../../test/fixtures/macho/App', import.meta.url));
    const all = (b: Uint8Array) => b.length > 0 && b.every((x) => x === 1);
    expect(all(opaqueBlocks(deflateRawSync(Buffer.concat([text, macho]), { level: 9 }).subarray(0, 4 * 4096)))).toBe(true);
    expect(all(opaqueBlocks(noise(64 * 1024)))).toBe(true);
    expect(opaqueBlocks(text).some((x) => x === 1)).toBe(false);
    expect(opaqueBlocks(macho).some((x) => x === 1)).toBe(false);
  });

  it('leaves ordinary binaries alone (a real Mach-O)', () => {
    const macho = readFileSync(new URL('../../../test/fixtures/macho/App', import.meta.url));
    expect(fast(macho)).toEqual([...printableRuns(macho, 6)]);
  });

  it('keeps short strings in text-like stretches next to noise', () => {
    const data = Buffer.concat([noise(64 * 1024), Buffer.from('\0agora.io\0'.repeat(500)), noise(64 * 1024)]);
    expect(fast(data).filter((r) => r.value === 'agora.io').length).toBeGreaterThan(400);
  });

  it('skipping through opaque blocks finds exactly the runs a byte-by-byte scan finds', () => {
    for (let seed = 0; seed < 40; seed++) {
      // Noise, text, long printable stretches (> 4 KiB chunks) and runs straddling block edges, mixed per seed.
      const parts: Buffer[] = [];
      const h = createHash('sha256').update(`mix-${seed}`).digest();
      for (let k = 0; k < 12; k++) {
        const kind = h[k]! % 4;
        const len = 500 + h[k + 12]! * 40;
        if (kind === 0) parts.push(noise(len, `n${seed}-${k}`));
        else if (kind === 1) parts.push(Buffer.from('GET /v1/join?uid=42 HTTP/1.1\0'.repeat(Math.ceil(len / 29))));
        else if (kind === 2) parts.push(Buffer.alloc(len + 4096, 'a'));
        else parts.push(Buffer.concat([noise(4096 - 7, `e${seed}-${k}`), Buffer.from('wss://edge.example.cn/x\0')]));
      }
      const data = Buffer.concat(parts);
      expect(fast(data), `seed ${seed}`).toEqual(reference(data));
    }
  });

  it('stops when told to', () => {
    let n = 0;
    forEachPrintableRun(Buffer.from('abcdefgh\0ijklmnop\0qrstuvwx'), 6, 16, () => ++n < 2);
    expect(n).toBe(2);
  });
});
