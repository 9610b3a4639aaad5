// Printable ASCII runs inside binary data (the strings(1) idea), shared by readers that fall back to it.

export interface PrintableRun {
  value: string;
  offset: number;
}

/** Bytes per block whose entropy decides whether it is opaque (compressed or encrypted) data. */
const BLOCK = 4096;
/** Bits per byte from which a block counts as opaque: code and text stay well below, deflate and ciphertext near 8. */
const OPAQUE_BITS = 7.5;
/** Bytes of a block that enter the estimate (a shorter block is never opaque). */
const SAMPLES = 1024;
const MAX_RUN = 4096;

/**
 * `(c / n) * Math.log2(c / n)` for the usual n of SAMPLES, computed by the same expression, so sums of table
 * entries are bit for bit the sums of the direct terms: ~250 log2 calls per block of opaque data were most of the
 * estimate's cost (109 MiB of blobs in the benchmark IPA: ~28,000 blocks).
 */
const TERM = new Float64Array(SAMPLES + 1);
for (let c = 1; c <= SAMPLES; c++) TERM[c] = (c / SAMPLES) * Math.log2(c / SAMPLES);

const PRINTABLE = new Uint8Array(256);
for (let b = 0; b < 256; b++) PRINTABLE[b] = (b >= 0x20 && b < 0x7f) || b === 0x09 ? 1 : 0;

/** One flag per 4 KiB block: 1 when its byte entropy says compressed or encrypted data. */
export function opaqueBlocks(data: Buffer): Uint8Array {
  const blocks = Math.ceil(data.length / BLOCK);
  const opaque = new Uint8Array(blocks);
  const counts = new Uint32Array(256);
  for (let b = 0; b < blocks; b++) {
    const start = b * BLOCK;
    const end = Math.min(data.length, start + BLOCK);
    if (end - start < SAMPLES) continue; // too few bytes for a meaningful estimate
    // 1,024 evenly spaced bytes estimate a block's entropy well enough for this threshold (noise and deflate
    // output still measure ≈ 7.8 bits, code and text far below) at a quarter of the cost of counting them all.
    const step = Math.floor((end - start) / SAMPLES);
    counts.fill(0);
    let n = 0;
    for (let i = start; i < end; i += step, n++) counts[data[i]!]!++;
    let bits = 0;
    if (n === SAMPLES) {
      for (let v = 0; v < 256; v++) {
        const c = counts[v]!;
        if (c) bits -= TERM[c]!;
      }
    } else {
      for (let v = 0; v < 256; v++) {
        const c = counts[v]!;
        if (c) bits -= (c / n) * Math.log2(c / n);
      }
    }
    if (bits >= OPAQUE_BITS) opaque[b] = 1;
  }
  return opaque;
}

/**
 * Runs of at least `min` printable ASCII bytes (space..~ and tab), each cut into pieces of at most 4 KiB, except that a run starting inside an opaque block must be at least
 * `opaqueMin` long: there printable runs are noise (random bytes give one run of 6 every ~400 bytes, one of 16 every
 * ~10 MB) while a URL or key stored in the clear next to compressed data still passes. Opaque stretches are
 * scanned by probing every `opaqueMin`-th byte, so they cost a fraction of a byte-by-byte scan. `emit` returns
 * false to stop.
 */
export function forEachPrintableRun(data: Buffer, min: number, opaqueMin: number, emit: (run: PrintableRun) => boolean): void {
  const opaque = opaqueBlocks(data);
  const n = data.length;
  // Emits [s, e) in chunks of at most MAX_RUN, the last one only when long enough.
  const flush = (s: number, e: number): boolean => {
    let c = s;
    for (; e - c > MAX_RUN; c += MAX_RUN) if (!emit({ value: data.toString('latin1', c, c + MAX_RUN), offset: c })) return false;
    const need = opaque[Math.floor(c / BLOCK)] ? opaqueMin : min;
    return e - c < need || emit({ value: data.toString('latin1', c, e), offset: c });
  };
  let i = 0;
  while (i < n) {
    const block = Math.floor(i / BLOCK);
    const blockEnd = Math.min(n, (block + 1) * BLOCK);
    if (!opaque[block]) {
      if (!PRINTABLE[data[i]!]) {
        // The gap to the next printable byte, in a loop of its own (no block arithmetic per byte).
        i++;
        while (i < blockEnd && !PRINTABLE[data[i]!]) i++;
        continue;
      }
      let e = i + 1;
      while (e < n && PRINTABLE[data[e]!]) e++;
      if (!flush(i, e)) return;
      i = e + 1;
      continue;
    }
    // Opaque block: a run of opaqueMin starting at or after i covers byte i + opaqueMin - 1. The probes that miss
    // (most of them: ~5/8 of random bytes are not printable) step on in a loop of their own: ~110 MiB of stored
    // media and models in the benchmark IPA are probed this way, and the loop below cost ~4 ms per MiB.
    let j = i + opaqueMin - 1;
    while (j < blockEnd && !PRINTABLE[data[j]!]) j += opaqueMin;
    i = j - opaqueMin + 1;
    if (j >= blockEnd) {
      // Too close to the block's end to probe: step byte by byte into the next block.
      if (PRINTABLE[data[i]!]) {
        let e = i + 1;
        while (e < n && PRINTABLE[data[e]!]) e++;
        if (!flush(i, e)) return;
        i = e + 1;
      } else i++;
      continue;
    }
    // data[j] is printable: the run around it.
    let s = j;
    while (s > i && PRINTABLE[data[s - 1]!]) s--;
    let e = j + 1;
    while (e < n && PRINTABLE[data[e]!]) e++;
    // (s is in this opaque block, so a run shorter than opaqueMin is one flush would not emit.)
    if (e - s >= opaqueMin && !flush(s, e)) return;
    i = e + 1;
  }
}
