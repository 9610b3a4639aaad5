// String facts in columns for a worker's answer. `postMessage` clones an array of objects key by key: for the
// ~285,000 string facts of the benchmark IPA's vendor builds that was ~0.3 s of serialising on the worker and
// ~0.5–0.9 s of deserialising on the main thread (micro-benchmark), against ~0.1 s for the same data as one array
// of values, one of kinds and one Int32Array of numbers. Facts are packed only when every key after `value` and
// `kind` holds an int32 and the keys come in the order of the first such fact (the layout); any other fact travels
// as the object it is, at its index. Unpacking builds objects with the same keys in the same order, so the
// facts the checks see are the ones the reader made (and share one hidden class, as the reader's literals did).
import type { Facts, StringFact, StringKind } from '../core/facts.js';
import { adoptStringScan, type StringScan } from '../checks/string-scan.js';

export interface PackedStrings {
  /** Keys of a packed fact after `value` and `kind`, in order. */
  layout: string[];
  count: number;
  values: string[];
  kinds: StringKind[];
  /** Per packed fact: index into `kinds`. */
  kindOf: Uint8Array;
  /** Per packed fact: `layout.length` numbers. */
  numbers: Int32Array;
  /** Facts that do not fit the layout: their index in the list and the fact itself. */
  others: Array<[number, StringFact]>;
}

/** The numeric keys of `s` after `value` and `kind` when it can be packed, else undefined. */
function layoutOf(s: StringFact): string[] | undefined {
  const keys = Object.keys(s);
  if (keys.length < 2 || keys[0] !== 'value' || keys[1] !== 'kind' || typeof s.value !== 'string') return undefined;
  const rest = keys.slice(2);
  return rest.every((k) => isInt32((s as unknown as Record<string, unknown>)[k])) ? rest : undefined;
}

function isInt32(v: unknown): boolean {
  return typeof v === 'number' && (v | 0) === v && !Object.is(v, -0);
}

function fits(s: StringFact, layout: readonly string[]): boolean {
  if (typeof s.value !== 'string') return false;
  let n = 0;
  for (const k in s) {
    const i = n++;
    if (i === 0 ? k !== 'value' : i === 1 ? k !== 'kind' : k !== layout[i - 2] || !isInt32((s as unknown as Record<string, unknown>)[k])) return false;
  }
  return n === layout.length + 2;
}

export function packStrings(strings: readonly StringFact[]): PackedStrings {
  let layout: string[] | undefined;
  for (const s of strings) if ((layout = layoutOf(s))) break;
  layout ??= [];
  const width = layout.length;
  const values: string[] = [];
  const kindOf: number[] = [];
  const numbers = new Int32Array(strings.length * width);
  const kinds: StringKind[] = [];
  const kindIndex = new Map<StringKind, number>();
  const others: Array<[number, StringFact]> = [];
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    let k = kindIndex.get(s.kind);
    if (k === undefined && kinds.length < 255) kindIndex.set(s.kind, (k = kinds.push(s.kind) - 1));
    if (k === undefined || !fits(s, layout)) {
      others.push([i, s]);
      continue;
    }
    const at = values.length * width;
    for (let j = 0; j < width; j++) numbers[at + j] = (s as unknown as Record<string, number>)[layout[j]!]!;
    values.push(s.value);
    kindOf.push(k);
  }
  return { layout, count: strings.length, values, kinds, kindOf: Uint8Array.from(kindOf), numbers: numbers.slice(0, values.length * width), others };
}

export function unpackStrings(p: PackedStrings): StringFact[] {
  const out = new Array<StringFact>(p.count);
  const make = maker(p.layout);
  let other = 0;
  let packed = 0;
  for (let i = 0; i < p.count; i++) {
    if (other < p.others.length && p.others[other]![0] === i) out[i] = p.others[other++]![1];
    else {
      out[i] = make(p.values[packed]!, p.kinds[p.kindOf[packed]!]!, p.numbers, packed * p.layout.length);
      packed++;
    }
  }
  return out;
}

type Make = (value: string, kind: StringKind, n: Int32Array, at: number) => StringFact;

/** The usual layouts as literals (one hidden class each, no per-key work); any other key by key, in order. */
function maker(layout: readonly string[]): Make {
  switch (layout.join()) {
    case 'line,column,endLine,endColumn':
      return (value, kind, n, at) => ({ value, kind, line: n[at]!, column: n[at + 1]!, endLine: n[at + 2]!, endColumn: n[at + 3]! });
    case 'line,column':
      return (value, kind, n, at) => ({ value, kind, line: n[at]!, column: n[at + 1]! });
    case 'offset,length':
      return (value, kind, n, at) => ({ value, kind, offset: n[at]!, length: n[at + 1]! });
    default:
      return (value, kind, n, at) => {
        const s: Record<string, unknown> = { value, kind };
        for (let j = 0; j < layout.length; j++) s[layout[j]!] = n[at + j];
        return s as unknown as StringFact;
      };
  }
}

/** Facts as a worker posts them: the string facts packed, the rest as is. */
export interface PackedFacts {
  facts: Facts;
  strings: PackedStrings;
  /** The checks' shared pass over the strings (checks/string-scan.ts), when the worker ran it. */
  stringScan?: StringScan;
}

export function packFacts(facts: Facts, scan?: StringScan): PackedFacts {
  return { facts: { ...facts, strings: [] }, strings: packStrings(facts.strings), ...(scan ? { stringScan: scan } : {}) };
}

export function unpackFacts(p: PackedFacts): Facts {
  p.facts.strings = unpackStrings(p.strings);
  if (p.stringScan) adoptStringScan(p.facts, p.stringScan);
  return p.facts;
}
