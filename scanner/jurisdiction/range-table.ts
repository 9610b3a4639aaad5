// Compact in-memory range tables (typed arrays + binary search) built from `start,end,CC` CSV lines, the format of
// the @ip-location-db "-num" files. Lines that do not parse, overlap or go backwards end the table early: a
// truncated table answers "unknown" for the rest, never a wrong country.
import type { ParsedIp } from './ip-address.js';

export interface RangeTable {
  /** ISO 3166-1 alpha-2 code of the range holding `ip`, or undefined. */
  lookup(ip: ParsedIp): string | undefined;
  readonly size: number;
  /** Why loading stopped before the end of the data, if it did. */
  readonly problem?: string;
}

const LINE = /^(\d+),(\d+),([A-Z]{2})\r?$/;
const MAX_V4 = 0xffffffff;
const MASK64 = (1n << 64n) - 1n;

/** Country codes are stored as indexes into one list, so a range costs 2 bytes for its country. */
class Countries {
  readonly codes: string[] = [];
  private readonly index = new Map<string, number>();
  id(code: string): number {
    let i = this.index.get(code);
    if (i === undefined) {
      i = this.codes.length;
      this.codes.push(code);
      this.index.set(code, i);
    }
    return i;
  }
}

export function ipv4Table(csv: string): RangeTable {
  const lines = splitLines(csv);
  const starts = new Uint32Array(lines.length);
  const ends = new Uint32Array(lines.length);
  const cc = new Uint16Array(lines.length);
  const countries = new Countries();
  let n = 0;
  let problem: string | undefined;
  for (const [i, line] of lines.entries()) {
    const m = LINE.exec(line);
    const s = m ? Number(m[1]) : NaN;
    const e = m ? Number(m[2]) : NaN;
    if (!m || !(s <= e && e <= MAX_V4) || (n > 0 && s <= ends[n - 1])) {
      problem = `IPv4 table line ${i + 1} is malformed or out of order: ${JSON.stringify(line.slice(0, 60))}`;
      break;
    }
    starts[n] = s;
    ends[n] = e;
    cc[n] = countries.id(m[3]);
    n++;
  }
  return {
    size: n,
    problem,
    lookup(ip) {
      if (ip.v !== 4) return undefined;
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (ip.n < starts[mid]) hi = mid - 1;
        else if (ip.n > ends[mid]) lo = mid + 1;
        else return countries.codes[cc[mid]];
      }
      return undefined;
    },
  };
}

/** IPv6 bounds are 128-bit; each is kept as two 64-bit halves and compared half by half. */
export function ipv6Table(csv: string): RangeTable {
  const lines = splitLines(csv);
  const sHi = new BigUint64Array(lines.length);
  const sLo = new BigUint64Array(lines.length);
  const eHi = new BigUint64Array(lines.length);
  const eLo = new BigUint64Array(lines.length);
  const cc = new Uint16Array(lines.length);
  const countries = new Countries();
  const cmp = (aHi: bigint, aLo: bigint, bHi: bigint, bLo: bigint) => (aHi < bHi ? -1 : aHi > bHi ? 1 : aLo < bLo ? -1 : aLo > bLo ? 1 : 0);
  let n = 0;
  let problem: string | undefined;
  for (const [i, line] of lines.entries()) {
    const m = LINE.exec(line);
    const s = m && m[1].length <= 39 ? BigInt(m[1]) : -1n;
    const e = m && m[2].length <= 39 ? BigInt(m[2]) : -1n;
    const ok = s >= 0n && e >= s && e >> 128n === 0n;
    if (!m || !ok || (n > 0 && cmp(s >> 64n, s & MASK64, eHi[n - 1], eLo[n - 1]) <= 0)) {
      problem = `IPv6 table line ${i + 1} is malformed or out of order: ${JSON.stringify(line.slice(0, 60))}`;
      break;
    }
    sHi[n] = s >> 64n;
    sLo[n] = s & MASK64;
    eHi[n] = e >> 64n;
    eLo[n] = e & MASK64;
    cc[n] = countries.id(m[3]);
    n++;
  }
  return {
    size: n,
    problem,
    lookup(ip) {
      if (ip.v !== 6) return undefined;
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (cmp(ip.hi, ip.lo, sHi[mid], sLo[mid]) < 0) hi = mid - 1;
        else if (cmp(ip.hi, ip.lo, eHi[mid], eLo[mid]) > 0) lo = mid + 1;
        else return countries.codes[cc[mid]];
      }
      return undefined;
    },
  };
}

function splitLines(csv: string): string[] {
  const lines = csv.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
