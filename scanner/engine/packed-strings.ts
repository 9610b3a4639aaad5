// String facts in columns for a worker's answer. `postMessage` clones an array of objects key by key — every
// object's key names written, read back and looked up again: for the ~285,000 string facts of the benchmark IPA's
// vendor builds that was ~0.3 s of serialising on the worker and ~0.5–0.9 s of deserialising on the main thread
// (micro-benchmark), against ~0.1 s for the same data as one array of values, one of kinds and one Int32Array of
// numbers. A fact is packed when its keys after `value` and `kind` each hold an int32 or a string: its shape (those
// keys, in order, and which of them hold strings) is stored once, a string in a key other than `value` as an index
// into a table of such strings (an app bundle's literals name their vendor's code in `vendorCode`: ~20 distinct
// values for 21,000 facts; their `binding`). Any other fact travels as the object it is, at its index. Unpacking
// builds objects with the same keys in the same order, so the facts the checks see are the ones the reader made.
import type { Facts, StringFact, StringKind } from '../core/facts.js';
import { adoptStringScan, type StringScan } from '../checks/string-scan.js';

/** The keys of packed facts after `value` and `kind`, in order, and per key whether it holds a string. */
export interface FactShape {
  keys: string[];
  strings: boolean[];
}

export interface PackedStrings {
  count: number;
  values: string[];
  kinds: StringKind[];
  /** Per packed fact: index into `kinds`. */
  kindOf: Uint8Array;
  shapes: FactShape[];
  /** Per packed fact: index into `shapes`. */
  shapeOf: Uint8Array;
  /** The packed facts' numbers, fact after fact, one per key of its shape (a string key: its index in `texts`). */
  numbers: Int32Array;
  /** The strings of keys other than `value`, each once. */
  texts: string[];
  /** Facts that do not fit: their index in the list and the fact itself. */
  others: Array<[number, StringFact]>;
}

/** At most this many shapes and kinds (one byte each per fact); facts of others travel as objects. */
const MAX_TABLE = 255;

function isInt32(v: unknown): boolean {
  return typeof v === 'number' && (v | 0) === v && !Object.is(v, -0);
}

/** The shape of `s` when it can be packed, else undefined. */
function shapeOf(s: StringFact): FactShape | undefined {
  const keys = Object.keys(s);
  if (keys.length < 2 || keys[0] !== 'value' || keys[1] !== 'kind' || typeof s.value !== 'string' || typeof s.kind !== 'string') return undefined;
  const rest = keys.slice(2);
  const strings: boolean[] = [];
  for (const k of rest) {
    const v = (s as unknown as Record<string, unknown>)[k];
    if (typeof v === 'string') strings.push(true);
    else if (isInt32(v)) strings.push(false);
    else return undefined;
  }
  return { keys: rest, strings };
}

function fits(s: StringFact, shape: FactShape): boolean {
  if (typeof s.value !== 'string' || typeof s.kind !== 'string') return false;
  const { keys, strings } = shape;
  let n = 0;
  for (const k in s) {
    const i = n++;
    if (i === 0 ? k !== 'value' : i === 1 ? k !== 'kind' : k !== keys[i - 2] || !(strings[i - 2] ? typeof (s as unknown as Record<string, unknown>)[k] === 'string' : isInt32((s as unknown as Record<string, unknown>)[k]))) return false;
  }
  return n === keys.length + 2;
}

export function packStrings(strings: readonly StringFact[]): PackedStrings {
  const values: string[] = [];
  const kindOf: number[] = [];
  const shapeIndex: number[] = [];
  let numbers = new Int32Array(Math.max(16, strings.length * 4));
  let used = 0;
  const kinds: StringKind[] = [];
  const kindIndex = new Map<StringKind, number>();
  const shapes: FactShape[] = [];
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const others: Array<[number, StringFact]> = [];
  let last = -1;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    let k = kindIndex.get(s.kind);
    if (k === undefined && kinds.length < MAX_TABLE) kindIndex.set(s.kind, (k = kinds.push(s.kind) - 1));
    // Runs of facts share a shape: the last one is tried first, then the others, then the fact's own.
    let sh = last >= 0 && fits(s, shapes[last]!) ? last : shapes.findIndex((x) => fits(s, x));
    if (sh < 0 && shapes.length < MAX_TABLE) {
      const own = shapeOf(s);
      if (own) sh = shapes.push(own) - 1;
    }
    if (k === undefined || sh < 0) {
      others.push([i, s]);
      continue;
    }
    last = sh;
    const { keys, strings: isText } = shapes[sh]!;
    if (used + keys.length > numbers.length) {
      const grown = new Int32Array(numbers.length * 2 + keys.length);
      grown.set(numbers);
      numbers = grown;
    }
    for (let j = 0; j < keys.length; j++) {
      const v = (s as unknown as Record<string, unknown>)[keys[j]!];
      if (isText[j]) {
        let t = textIndex.get(v as string);
        if (t === undefined) textIndex.set(v as string, (t = texts.push(v as string) - 1));
        numbers[used++] = t;
      } else numbers[used++] = v as number;
    }
    values.push(s.value);
    kindOf.push(k);
    shapeIndex.push(sh);
  }
  return { count: strings.length, values, kinds, kindOf: Uint8Array.from(kindOf), shapes, shapeOf: Uint8Array.from(shapeIndex), numbers: numbers.slice(0, used), texts, others };
}

export function unpackStrings(p: PackedStrings): StringFact[] {
  const out = new Array<StringFact>(p.count);
  const makers = p.shapes.map(maker);
  let other = 0;
  let packed = 0;
  let at = 0;
  for (let i = 0; i < p.count; i++) {
    if (other < p.others.length && p.others[other]![0] === i) out[i] = p.others[other++]![1];
    else {
      const sh = p.shapeOf[packed]!;
      out[i] = makers[sh]!(p.values[packed]!, p.kinds[p.kindOf[packed]!]!, p.numbers, at, p.texts);
      at += p.shapes[sh]!.keys.length;
      packed++;
    }
  }
  return out;
}

type Make = (value: string, kind: StringKind, n: Int32Array, at: number, texts: readonly string[]) => StringFact;

/** The usual shapes as literals (one hidden class each, no per-key work); any other key by key, in order. */
function maker({ keys, strings }: FactShape): Make {
  switch (strings.some(Boolean) ? '' : keys.join()) {
    case 'line,column,endLine,endColumn':
      return (value, kind, n, at) => ({ value, kind, line: n[at]!, column: n[at + 1]!, endLine: n[at + 2]!, endColumn: n[at + 3]! });
    case 'line,column':
      return (value, kind, n, at) => ({ value, kind, line: n[at]!, column: n[at + 1]! });
    case 'offset,length':
      return (value, kind, n, at) => ({ value, kind, offset: n[at]!, length: n[at + 1]! });
    default:
      return (value, kind, n, at, texts) => {
        const s: Record<string, unknown> = { value, kind };
        for (let j = 0; j < keys.length; j++) s[keys[j]!] = strings[j] ? texts[n[at + j]!] : n[at + j];
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
