// Decodes a binary plist that `checkBinaryPlist` accepted, each object ONCE: an object referenced from many places
// (the format shares objects by reference) becomes one JS value shared by every place. bplist-parser decodes an
// object again at every reference, so 180,000 references to one 100 KB string built 18 GB of strings. The values
// match bplist-parser's (numbers, bigint past 2^53, Date, Buffer for data, `{ UID }`), except that dictionaries
// have no prototype (a `__proto__` key is a key, not a prototype).

export class Uid {
  constructor(readonly UID: number) {}
}

/** The top object's value. The caller has run `checkBinaryPlist` (every offset, length and reference is in range). */
export function decodeBinaryPlist(buf: Buffer): unknown {
  const t = buf.length - 32;
  const offsetSize = buf[t + 6]!;
  const refSize = buf[t + 7]!;
  const numObjects = readUInt(buf, t + 8, 8);
  const top = readUInt(buf, t + 16, 8);
  const tableAt = readUInt(buf, t + 24, 8);
  const values = new Array<unknown>(numObjects);
  const done = new Uint8Array(numObjects);
  // The guard proved the graph acyclic and at most MAX_DEPTH deep, so recursion is bounded.
  const decode = (i: number): unknown => {
    if (done[i]) return values[i];
    const at = readUInt(buf, tableAt + i * offsetSize, offsetSize);
    const v = decodeAt(at);
    values[i] = v;
    done[i] = 1;
    return v;
  };
  const length = (at: number, info: number): [number, number] => {
    if (info !== 0x0f) return [info, at + 1];
    const n = 1 << (buf[at + 1]! & 0x0f);
    return [readUInt(buf, at + 2, n), at + 2 + n];
  };
  const decodeAt = (at: number): unknown => {
    const marker = buf[at]!;
    const info = marker & 0x0f;
    switch (marker >> 4) {
      case 0x0:
        return info === 0x08 ? false : info === 0x09 ? true : null;
      case 0x1:
        return readInteger(buf.subarray(at + 1, at + 1 + (1 << info)));
      case 0x2:
        return info === 2 ? buf.readFloatBE(at + 1) : buf.readDoubleBE(at + 1);
      case 0x3:
        return new Date(978307200000 + 1000 * buf.readDoubleBE(at + 1));
      case 0x8:
        return new Uid(readUInt(buf, at + 1, info + 1));
      case 0x4: {
        const [n, p] = length(at, info);
        return buf.subarray(p, p + n);
      }
      case 0x5: {
        const [n, p] = length(at, info);
        return buf.toString('utf8', p, p + n);
      }
      case 0x6: {
        const [n, p] = length(at, info);
        return Buffer.from(buf.subarray(p, p + 2 * n)).swap16().toString('utf16le');
      }
      case 0xa: {
        const [n, p] = length(at, info);
        const out = new Array<unknown>(n);
        for (let k = 0; k < n; k++) out[k] = decode(readUInt(buf, p + k * refSize, refSize));
        return out;
      }
      case 0xd: {
        const [n, p] = length(at, info);
        const out: Record<string, unknown> = Object.create(null);
        for (let k = 0; k < n; k++) {
          const key = decode(readUInt(buf, p + k * refSize, refSize));
          out[String(key)] = decode(readUInt(buf, p + (n + k) * refSize, refSize));
        }
        return out;
      }
      default:
        return null; // unreachable: the guard rejects other types
    }
  };
  return decode(top);
}

function readUInt(buf: Buffer, at: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + buf[at + i]!;
  return v;
}

/** Big-endian integer; 8-byte values are signed; past 2^53 a bigint (as bplist-parser does). */
function readInteger(bytes: Buffer): number | bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  if (bytes.length === 8 && bytes[0]! & 0x80) v -= 1n << 64n;
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}
