// Modified UTF-8 as DEX stores strings: NUL is encoded as C0 80, supplementary characters as two 3-byte
// surrogates (CESU-8 style), and no 4-byte forms exist. Node's utf8 decoder gets both wrong, hence this decoder.

export interface Mutf8Result {
  value: string;
  /** Bytes consumed, not counting the terminating NUL. */
  byteLength: number;
  /** Why the bytes were not valid MUTF-8 (bad sequences are decoded as U+FFFD). */
  error?: string;
}

/**
 * Decodes the NUL-terminated MUTF-8 string at `off`, reading at most `maxUnits` UTF-16 code units (the string's
 * declared length) plus slack, so a missing terminator cannot make it scan the rest of the file.
 */
export function decodeMutf8(buf: Buffer, off: number, maxUnits: number): Mutf8Result {
  // Nearly every string of real DEX files is ASCII (72,437 of 73,788 in the benchmark's classes.dex): those are
  // their bytes, decoded by one native call instead of a code unit at a time.
  const end = Math.min(buf.length, off + maxUnits);
  let q = off;
  while (q < end && ((buf[q]! - 1) >>> 0) < 0x7f) q++; // bytes 0x01–0x7f
  if (q === off + maxUnits && q < buf.length && buf[q] === 0) return { value: buf.toString('latin1', off, q), byteLength: maxUnits, error: undefined };
  return decodeUtf8(buf, off, q, maxUnits) ?? decodeSlow(buf, off, maxUnits);
}

// ignoreBOM: a leading U+FEFF is one of the string's units, as decodeSlow reads it.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The string when its bytes are also well-formed standard UTF-8 of at most 3-byte sequences (the other non-ASCII
 * strings of real files: 1,351 in the benchmark dex, 465k code units), decoded natively; undefined otherwise, and
 * decodeSlow decides. Standard UTF-8 rejects what only modified UTF-8 allows (C0 80 for NUL, surrogates as 3-byte
 * sequences, overlong forms), and for what it accepts below 0xF0 both give the same code units. `q` is where the
 * ASCII prefix ended.
 */
function decodeUtf8(buf: Buffer, off: number, q: number, maxUnits: number): Mutf8Result | undefined {
  // A string of maxUnits units takes at most 3 bytes per unit: its terminator lies within that bound.
  const end = Math.min(buf.length, off + maxUnits * 3 + 1);
  let nul = q;
  while (nul < end && buf[nul] !== 0) {
    if (buf[nul]! >= 0xf0) return undefined; // 4-byte forms: not modified UTF-8
    nul++;
  }
  if (nul >= end) return undefined;
  let value: string;
  try {
    value = UTF8.decode(buf.subarray(off, nul));
  } catch {
    return undefined;
  }
  return value.length === maxUnits ? { value, byteLength: nul - off, error: undefined } : undefined;
}

function decodeSlow(buf: Buffer, off: number, maxUnits: number): Mutf8Result {
  const units: number[] = [];
  let error: string | undefined;
  let p = off;
  const bad = (why: string): void => {
    error ??= `${why} at 0x${p.toString(16)}`;
    units.push(0xfffd);
  };
  while (p < buf.length && units.length <= maxUnits) {
    const a = buf[p]!;
    if (a === 0) {
      if (units.length !== maxUnits) error ??= `declared ${maxUnits} UTF-16 units but decoded ${units.length}`;
      return { value: decodeUnits(units), byteLength: p - off, error };
    }
    if (a < 0x80) {
      units.push(a);
      p += 1;
    } else if ((a & 0xe0) === 0xc0) {
      const b = buf[p + 1];
      if (b === undefined || (b & 0xc0) !== 0x80) {
        bad('bad 2-byte sequence');
        p += 1;
        continue;
      }
      units.push(((a & 0x1f) << 6) | (b & 0x3f));
      p += 2;
    } else if ((a & 0xf0) === 0xe0) {
      const b = buf[p + 1];
      const c = buf[p + 2];
      if (b === undefined || c === undefined || (b & 0xc0) !== 0x80 || (c & 0xc0) !== 0x80) {
        bad('bad 3-byte sequence');
        p += 1;
        continue;
      }
      units.push(((a & 0x0f) << 12) | ((b & 0x3f) << 6) | (c & 0x3f));
      p += 3;
    } else {
      bad(`byte 0x${a.toString(16)} cannot start a MUTF-8 sequence`);
      p += 1;
    }
  }
  // No terminator within the declared length (or the file ended): keep what was read, say so.
  error ??= p >= buf.length ? 'string runs past the end of the file' : 'string is longer than its declared length';
  return { value: decodeUnits(units.slice(0, maxUnits)), byteLength: p - off, error };
}

function decodeUnits(units: number[]): string {
  // String.fromCharCode with a spread is limited by the argument count; chunk long strings.
  let s = '';
  for (let i = 0; i < units.length; i += 8192) s += String.fromCharCode(...units.slice(i, i + 8192));
  return s;
}
