// The HBC string table: run-length string kinds, small entries (4 bytes) and overflow entries (8 bytes), and the
// storage blob. Strings are Latin-1 or UTF-16LE; Hermes overlaps them in storage where a suffix equals a prefix.
import type { FactBudget } from '../../core/budget.js';
import { fits } from './bounded.js';
import type { HbcHeader } from './header.js';
import type { HbcLayout } from './layout.js';

export interface HermesString {
  id: number;
  value: string;
  /** Identifiers are property names / variable names (string kind `Identifier`). */
  identifier: boolean;
  utf16: boolean;
  /** Byte offset of the string's storage in the file. */
  offset: number;
  /** Bytes of storage (UTF-16: twice the code units). */
  byteLength: number;
}

export interface StringTableResult {
  strings: HermesString[];
  /** Why reading stopped early, when it did. */
  problem?: string;
}

const KIND_IDENTIFIER_BIT = 0x80000000;
const COUNT_MASK = 0x7fffffff;
/** A small entry's 8-bit length of 255 means "see the overflow table at index `offset`". */
const OVERFLOW_LENGTH = 255;

/** Expands the run-length kinds into one flag per string, or says why the runs do not add up to stringCount. */
function identifierFlags(data: Buffer, h: HbcHeader, l: HbcLayout): Uint8Array | string {
  const flags = new Uint8Array(h.stringCount); // stringCount already checked against the file size
  let at = 0;
  for (let i = 0; i < h.stringKindCount; i++) {
    const entry = data.readUInt32LE(l.stringKinds.offset + i * 4);
    const count = entry & COUNT_MASK;
    if (count > h.stringCount - at) return `string kind runs exceed the ${h.stringCount} strings`;
    if (entry & KIND_IDENTIFIER_BIT) flags.fill(1, at, at + count);
    at += count;
  }
  if (at !== h.stringCount) return `string kind runs cover ${at} of ${h.stringCount} strings`;
  return flags;
}

/**
 * Reads strings in id order up to `limit`; stops at the first entry pointing outside the storage, or when the
 * strings it creates pass `budget` (entries naming the same storage share one string and are charged once).
 */
export function readStringTable(data: Buffer, h: HbcHeader, l: HbcLayout, limit: number, budget?: FactBudget): StringTableResult {
  const flags = identifierFlags(data, h, l);
  if (typeof flags === 'string') return { strings: [], problem: flags };
  const strings: HermesString[] = [];
  const storage = l.stringStorage;
  const n = Math.min(h.stringCount, limit);
  const interned = new Map<string, string>();
  for (let id = 0; id < n; id++) {
    const word = data.readUInt32LE(l.smallStringTable.offset + id * 4);
    const utf16 = (word & 1) === 1;
    let offset = (word >>> 1) & 0x7fffff;
    let length = word >>> 24;
    if (length === OVERFLOW_LENGTH) {
      if (offset >= h.overflowStringCount) {
        return { strings, problem: `string ${id} names overflow entry ${offset} of ${h.overflowStringCount}` };
      }
      const o = l.overflowStringTable.offset + offset * 8;
      offset = data.readUInt32LE(o);
      length = data.readUInt32LE(o + 4);
    }
    const byteLength = utf16 ? length * 2 : length;
    if (!fits({ length: storage.size }, offset, byteLength)) {
      return { strings, problem: `string ${id} (${offset}+${byteLength}) lies outside the ${storage.size}-byte storage` };
    }
    const start = storage.offset + offset;
    // Entries naming the same storage share one string: a million entries on one long run stay one string.
    // Each new string is charged to the budget; a shared one costs nothing more.
    const key = `${start},${byteLength},${utf16 ? 1 : 0}`;
    let value = interned.get(key);
    if (value === undefined) {
      if (budget && !budget.take(length)) return { strings };
      const bytes = data.subarray(start, start + byteLength);
      value = utf16 ? bytes.toString('utf16le') : bytes.toString('latin1');
      interned.set(key, value);
    }
    strings.push({
      id,
      value,
      identifier: flags[id] === 1,
      utf16,
      offset: start,
      byteLength,
    });
  }
  return { strings };
}
