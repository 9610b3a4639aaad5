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

/** How one address family stores its bounds: typed arrays sized for `rows` lines. */
interface Layout<P extends ParsedIp> {
  /** Stores the range of a line at row `n` when its bounds parse, are ordered and start after row `n - 1`. */
  add(n: number, start: string, end: string): boolean;
  /** Where `ip` lies relative to row `i`: -1 before it, 0 inside, 1 after it. */
  compare(ip: P, i: number): number;
}

export function ipv4Table(csv: string): RangeTable {
  return rangeTable(csv, 4, (rows) => {
    const starts = new Uint32Array(rows);
    const ends = new Uint32Array(rows);
    return {
      add(n, start, end) {
        const s = Number(start);
        const e = Number(end);
        if (!(s <= e && e <= MAX_V4) || (n > 0 && s <= ends[n - 1]!)) return false;
        starts[n] = s;
        ends[n] = e;
        return true;
      },
      compare: (ip, i) => (ip.n < starts[i]! ? -1 : ip.n > ends[i]! ? 1 : 0),
    };
  });
}

/** IPv6 bounds are 128-bit; each is kept as two 64-bit halves and compared half by half. */
export function ipv6Table(csv: string): RangeTable {
  const cmp = (aHi: bigint, aLo: bigint, bHi: bigint, bLo: bigint) => (aHi < bHi ? -1 : aHi > bHi ? 1 : aLo < bLo ? -1 : aLo > bLo ? 1 : 0);
  return rangeTable(csv, 6, (rows) => {
    const sHi = new BigUint64Array(rows);
    const sLo = new BigUint64Array(rows);
    const eHi = new BigUint64Array(rows);
    const eLo = new BigUint64Array(rows);
    return {
      add(n, start, end) {
        if (start.length > 39 || end.length > 39) return false;
        const s = BigInt(start);
        const e = BigInt(end);
        if (!(e >= s && e >> 128n === 0n) || (n > 0 && cmp(s >> 64n, s & MASK64, eHi[n - 1]!, eLo[n - 1]!) <= 0)) return false;
        sHi[n] = s >> 64n;
        sLo[n] = s & MASK64;
        eHi[n] = e >> 64n;
        eLo[n] = e & MASK64;
        return true;
      },
      compare: (ip, i) => (cmp(ip.hi, ip.lo, sHi[i]!, sLo[i]!) < 0 ? -1 : cmp(ip.hi, ip.lo, eHi[i]!, eLo[i]!) > 0 ? 1 : 0),
    };
  });
}

type Family<V extends ParsedIp['v']> = Extract<ParsedIp, { v: V }>;

function rangeTable<V extends ParsedIp['v']>(csv: string, v: V, layout: (rows: number) => Layout<Family<V>>): RangeTable {
  const count = lineCount(csv);
  const rows = layout(count);
  const cc = new Uint16Array(count);
  const countries = new Countries();
  let n = 0;
  let problem: string | undefined;
  // Lines are taken apart by hand (fieldsOf), not split and matched with a regex: the IPv4 table's 142,000 lines were ~200 ms of
  // the scan's main thread on the first IP literal (an array of lines and a match per line); the same fields now.
  for (let i = 0, start = 0; start < csv.length; i++) {
    let end = csv.indexOf('\n', start);
    if (end < 0) end = csv.length;
    const f = fieldsOf(csv, start, end);
    if (!f || !rows.add(n, csv.slice(start, f.comma1), csv.slice(f.comma1 + 1, f.comma2))) {
      problem = `IPv${v} table line ${i + 1} is malformed or out of order: ${JSON.stringify(csv.slice(start, end).slice(0, 60))}`;
      break;
    }
    cc[n] = countries.id(csv.slice(f.comma2 + 1, f.comma2 + 3));
    n++;
    start = end + 1;
  }
  return {
    size: n,
    problem,
    lookup(ip) {
      if (ip.v !== v) return undefined;
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = rows.compare(ip as Family<V>, mid);
        if (c < 0) hi = mid - 1;
        else if (c > 0) lo = mid + 1;
        else return countries.codes[cc[mid]!];
      }
      return undefined;
    },
  };
}

/** The lines `csv.split('\n')` gives, without the empty one after a last newline. */
function lineCount(csv: string): number {
  let lines = 0;
  for (let at = csv.indexOf('\n'); at >= 0; at = csv.indexOf('\n', at + 1)) lines++;
  return csv.length === 0 || csv.endsWith('\n') ? lines : lines + 1;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;

/**
 * Where the commas of a line `start,end,CC` are (what /^(\d+),(\d+),([A-Z]{2})\r?$/ matches: digits, digits, two
 * capitals, a CR at most); undefined when it is not one.
 */
function fieldsOf(csv: string, from: number, to: number): { comma1: number; comma2: number } | undefined {
  let end = to;
  if (end > from && csv.charCodeAt(end - 1) === 13) end--;
  let at = from;
  while (at < end && isDigit(csv.charCodeAt(at))) at++;
  if (at === from || csv.charCodeAt(at) !== 44) return undefined;
  const comma1 = at++;
  while (at < end && isDigit(csv.charCodeAt(at))) at++;
  if (at === comma1 + 1 || csv.charCodeAt(at) !== 44) return undefined;
  const comma2 = at;
  return end === comma2 + 3 && isUpper(csv.charCodeAt(comma2 + 1)) && isUpper(csv.charCodeAt(comma2 + 2)) ? { comma1, comma2 } : undefined;
}
