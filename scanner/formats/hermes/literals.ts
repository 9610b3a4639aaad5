// Serialized literal buffers (SerializedLiteralGenerator): runs of same-typed values, each run headed by a tag
// byte `0ttt llll` (or two bytes `1ttt llll llllllll` for runs over 15). Object literal keys and constant values
// (e.g. `{appId: '…'}`) live here, not in instruction operands, so string ids are collected from them too.
import type { Section } from './layout.js';

const TAG_MASK = 0x70;
const LONG_RUN = 0x80;

/** Bytes per element for each tag type; `modern` (v97+) turned the byte-string tag into `undefined`. */
function elementSize(type: number, modern: boolean): number {
  switch (type) {
    case 0x30: return 8; // double
    case 0x40: return 4; // string id, u32
    case 0x50: return 2; // string id, u16
    case 0x60: return modern ? 0 : 1; // undefined (v97+) | string id, u8 (before)
    case 0x70: return 4; // int32
    default: return 0; // null / true / false / private name
  }
}

function isStringType(type: number, modern: boolean): boolean {
  return type === 0x40 || type === 0x50 || (type === 0x60 && !modern);
}

/**
 * Appends to `out` the string ids among `count` literals starting `start` bytes into `section`.
 * Returns a problem description when the buffer ends before `count` literals were read.
 */
export function literalStringIds(
  data: Buffer, section: Section, start: number, count: number, modern: boolean, out: number[],
): string | undefined {
  const end = section.offset + section.size;
  let p = section.offset + start;
  let left = count;
  while (left > 0) {
    if (p >= end) return `literal buffer ends with ${left} of ${count} values unread`;
    const tag = data[p]!;
    let run = tag & 0x0f;
    p += 1;
    if (tag & LONG_RUN) {
      if (p >= end) return 'literal buffer ends inside a run tag';
      run = (run << 8) | data[p]!;
      p += 1;
    }
    const type = tag & TAG_MASK;
    const size = elementSize(type, modern);
    const take = Math.min(run, left);
    if (p + take * size > end) return 'literal buffer ends inside a run';
    if (isStringType(type, modern)) {
      for (let k = 0; k < take; k++) {
        const q = p + k * size;
        out.push(size === 4 ? data.readUInt32LE(q) : size === 2 ? data.readUInt16LE(q) : data[q]!);
      }
    }
    p += run * size;
    left -= take;
  }
  return undefined;
}

export type LiteralValue = { kind: 'string'; value: string } | { kind: 'number'; value: number } | { kind: 'boolean'; value: boolean } | { kind: 'null' } | { kind: 'undefined' } | { kind: 'unknown'; text: string };

/** The `count` literal values starting `start` bytes into `section` (constants of object/array literals), or undefined. */
export function literalValues(
  data: Buffer, section: Section, start: number, count: number, modern: boolean, stringAt: (id: number) => string | undefined,
): LiteralValue[] | undefined {
  const end = section.offset + section.size;
  let p = section.offset + start;
  const out: LiteralValue[] = [];
  while (out.length < count) {
    if (p >= end) return undefined;
    const tag = data[p]!;
    let run = tag & 0x0f;
    p += 1;
    if (tag & LONG_RUN) {
      if (p >= end) return undefined;
      run = (run << 8) | data[p]!;
      p += 1;
    }
    const type = tag & TAG_MASK;
    const size = elementSize(type, modern);
    if (p + run * size > end) return undefined;
    for (let k = 0; k < run && out.length < count; k++) {
      const q = p + k * size;
      if (isStringType(type, modern)) {
        const id = size === 4 ? data.readUInt32LE(q) : size === 2 ? data.readUInt16LE(q) : data[q]!;
        const s = stringAt(id);
        out.push(s === undefined ? { kind: 'unknown', text: `string #${id}` } : { kind: 'string', value: s });
      } else if (type === 0x30) out.push({ kind: 'number', value: data.readDoubleLE(q) });
      else if (type === 0x70) out.push({ kind: 'number', value: data.readInt32LE(q) });
      else if (type === 0x00) out.push({ kind: 'null' });
      else if (type === 0x10) out.push({ kind: 'boolean', value: true });
      else if (type === 0x20) out.push({ kind: 'boolean', value: false });
      else if (type === 0x60) out.push({ kind: 'undefined' });
      else out.push({ kind: 'unknown', text: 'literal' });
    }
    p += run * size;
  }
  return out;
}
