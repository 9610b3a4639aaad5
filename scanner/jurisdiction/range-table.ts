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
  /** Index + 1 of each code by its two capitals (`(c1 - 65) * 26 + c2 - 65`); 0: not seen yet. */
  private readonly index = new Uint16Array(26 * 26);
  /** The code of the two capitals at `csv[at]` (rangeTable checked them): the string is made once per country. */
  idOf(csv: string, at: number): number {
    const key = (csv.charCodeAt(at) - 65) * 26 + csv.charCodeAt(at + 1) - 65;
    let i = this.index[key]! - 1;
    if (i < 0) {
      i = this.codes.length;
      this.codes.push(csv.slice(at, at + 2));
      this.index[key] = i + 1;
    }
    return i;
  }
}

/** How one address family stores its bounds: typed arrays sized for `rows` lines. */
interface Layout<P extends ParsedIp> {
  /**
   * Stores the range of a line at row `n` when its bounds parse, are ordered and start after row `n - 1`. The bounds
   * are the digits `csv[from, comma1)` and `csv(comma1, comma2)`; `s` and `e` are their values as `Number(digits)`
   * gives them (exact up to 2^53; a longer run only grows past 2^32, where every IPv4 bound is refused either way).
   */
  add(n: number, csv: string, from: number, comma1: number, comma2: number, s: number, e: number): boolean;
  /** Where `ip` lies relative to row `i`: -1 before it, 0 inside, 1 after it. */
  compare(ip: P, i: number): number;
}

export function ipv4Table(csv: string): RangeTable {
  return rangeTable(csv, 4, (rows) => {
    const starts = new Uint32Array(rows);
    const ends = new Uint32Array(rows);
    return {
      add(n, _csv, _from, _comma1, _comma2, s, e) {
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
      add(n, csv, from, comma1, comma2) {
        if (comma1 - from > 39 || comma2 - comma1 - 1 > 39) return false;
        const start = csv.slice(from, comma1);
        const end = csv.slice(comma1 + 1, comma2);
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
  // Lines are taken apart by hand, not split and matched with a regex: the IPv4 table's 142,000 lines were ~200 ms of
  // the scan's main thread on the first IP literal (an array of lines and a match per line). One loop reads each
  // line's fields and values (what /^(\d+),(\d+),([A-Z]{2})\r?$/ matches: digits, digits, two capitals, a CR at
  // most) without a call, an object or a string per line: a function per field (fieldsOf, Number of a slice) was
  // still 60–100 ms, cold code called 142,000 times and not inlined under the CLI's inlining budget (cli/v8-flags.ts).
  const len = csv.length;
  for (let i = 0, start = 0; start < len; i++) {
    let end = csv.indexOf('\n', start);
    if (end < 0) end = len;
    let last = end;
    if (last > start && csv.charCodeAt(last - 1) === 13) last--;
    let at = start;
    let sv = 0;
    let ev = 0;
    let c = at < last ? csv.charCodeAt(at) : -1;
    while (c >= 48 && c <= 57) {
      sv = sv * 10 + (c - 48);
      c = ++at < last ? csv.charCodeAt(at) : -1;
    }
    const comma1 = at;
    let ok = comma1 > start && csv.charCodeAt(comma1) === 44;
    let comma2 = -1;
    if (ok) {
      c = ++at < last ? csv.charCodeAt(at) : -1;
      while (c >= 48 && c <= 57) {
        ev = ev * 10 + (c - 48);
        c = ++at < last ? csv.charCodeAt(at) : -1;
      }
      comma2 = at;
      const c1 = csv.charCodeAt(comma2 + 1);
      const c2 = csv.charCodeAt(comma2 + 2);
      ok = comma2 > comma1 + 1 && csv.charCodeAt(comma2) === 44 && last === comma2 + 3 && c1 >= 65 && c1 <= 90 && c2 >= 65 && c2 <= 90;
    }
    if (!ok || !rows.add(n, csv, start, comma1, comma2, sv, ev)) {
      problem = `IPv${v} table line ${i + 1} is malformed or out of order: ${JSON.stringify(csv.slice(start, end).slice(0, 60))}`;
      break;
    }
    cc[n] = countries.idOf(csv, comma2 + 1);
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
