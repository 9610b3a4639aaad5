// Function headers: a fixed-size small header per function, or, when a field did not fit its bit width, a small
// header flagged `overflowed` that points at a full-width (large) header elsewhere in the file.
import { fits } from './bounded.js';
import type { HbcHeader } from './header.js';
import type { HbcLayout } from './layout.js';

export interface HermesFunction {
  index: number;
  /** String id of the name (may be the empty string for anonymous functions). */
  nameId: number;
  /** File offset of the function's bytecode. */
  offset: number;
  /** Bytes of bytecode (jump tables appended after the code are not included). */
  size: number;
  paramCount: number;
  /** Registers in the frame (the outgoing call window sits at its top). */
  frameSize: number;
  /** True when the small header overflowed and the values came from the large header. */
  large: boolean;
}

export interface FunctionTableResult {
  functions: HermesFunction[];
  problem?: string;
}

const OVERFLOWED_FLAG = 1 << 5; // FunctionHeaderFlag bit 5 in every version read
/** Bytes of the large header that the reader needs (the leading u32 fields up to frameSize). */
const LARGE_PREFIX = 32;

function readSmall(data: Buffer, at: number, modern: boolean) {
  const w1 = data.readUInt32LE(at);
  const w2 = data.readUInt32LE(at + 4);
  if (modern) {
    // v97+: w1 = offset:25 paramCount:5 loopDepth:2; w2 = size:14 name:8 numberRegs:5 nonPtrRegs:5; flags at byte 11.
    // Byte 8 = frameSize (checked against `hermesc -dump-bytecode` register counts, v99).
    const flags = data[at + 11]!;
    const offset = w1 & 0x1ffffff;
    const nameId = (w2 >>> 14) & 0xff;
    return {
      flags, offset, nameId, size: w2 & 0x3fff, paramCount: (w1 >>> 25) & 0x1f, frameSize: data[at + 8]!,
      largeAt: nameId * 0x1000000 + offset,
    };
  }
  // v<97: w1 = offset:25 paramCount:7; w2 = size:15 name:17; w3 = infoOffset:25 frameSize:7; flags at byte 15.
  const w3 = data.readUInt32LE(at + 8);
  const flags = data[at + 15]!;
  const offset = w1 & 0x1ffffff;
  const infoOffset = w3 & 0x1ffffff;
  return {
    flags, offset, nameId: w2 >>> 15, size: w2 & 0x7fff, paramCount: w1 >>> 25, frameSize: w3 >>> 25,
    largeAt: infoOffset * 0x10000 + (offset & 0xffff),
  };
}

/** Reads all function headers; stops at the first one whose code or large header lies outside the file. */
export function readFunctionTable(data: Buffer, h: HbcHeader, l: HbcLayout): FunctionTableResult {
  const modern = h.version >= 97;
  const functions: HermesFunction[] = [];
  for (let i = 0; i < h.functionCount; i++) {
    const s = readSmall(data, l.functionHeaders.offset + i * l.smallFuncHeaderSize, modern);
    let { offset, nameId, size, paramCount, frameSize } = s;
    const large = (s.flags & OVERFLOWED_FLAG) !== 0;
    if (large) {
      if (!fits(data, s.largeAt, LARGE_PREFIX)) {
        return { functions, problem: `function ${i}: large header at ${s.largeAt} lies outside the file` };
      }
      offset = data.readUInt32LE(s.largeAt);
      paramCount = data.readUInt32LE(s.largeAt + 4);
      // v97+ has loopDepth between paramCount and the size.
      const f = modern ? 12 : 8;
      size = data.readUInt32LE(s.largeAt + f);
      nameId = data.readUInt32LE(s.largeAt + f + 4);
      // v97+: …, functionName, numberRegCount, nonPtrRegCount, frameSize; before: …, functionName, infoOffset, frameSize.
      frameSize = data.readUInt32LE(s.largeAt + (modern ? 28 : 20));
    }
    if (!fits(data, offset, size)) {
      return { functions, problem: `function ${i}: bytecode ${offset}+${size} lies outside the file` };
    }
    functions.push({ index: i, nameId, offset, size, paramCount, frameSize, large });
  }
  return { functions };
}
