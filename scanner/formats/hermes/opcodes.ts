// Per-version opcode tables, expanded from the compact generated form (opcode-tables.ts) into operand layouts.
import { OPCODE_TABLES } from './opcode-tables.js';

export type OperandType = 'Reg8' | 'Reg32' | 'UInt8' | 'UInt16' | 'UInt32' | 'Addr8' | 'Addr32' | 'Imm32' | 'Double';

const TYPES: Record<string, { type: OperandType; size: number }> = {
  r: { type: 'Reg8', size: 1 },
  R: { type: 'Reg32', size: 4 },
  b: { type: 'UInt8', size: 1 },
  h: { type: 'UInt16', size: 2 },
  w: { type: 'UInt32', size: 4 },
  a: { type: 'Addr8', size: 1 },
  A: { type: 'Addr32', size: 4 },
  i: { type: 'Imm32', size: 4 },
  d: { type: 'Double', size: 8 },
};

export interface OpInfo {
  code: number;
  name: string;
  types: OperandType[];
  /** Byte offset of each operand from the opcode byte. */
  operandOffsets: number[];
  /** Instruction length in bytes, opcode included. */
  length: number;
  /** 0-based indices of operands that are string-table ids. */
  stringOperands: number[];
  /** Each operand's encoding as a small number (readOperand dispatches on it: cheaper than comparing names). */
  codes: Uint8Array;
}

const enum Enc { U8, I8, U16, U32, I32, F64 }
const ENCODING: Record<OperandType, Enc> = {
  Reg8: Enc.U8, UInt8: Enc.U8, Addr8: Enc.I8, UInt16: Enc.U16, Reg32: Enc.U32, UInt32: Enc.U32, Addr32: Enc.I32, Imm32: Enc.I32, Double: Enc.F64,
};

const cache = new Map<number, OpInfo[]>();

export function knownBytecodeVersions(): number[] {
  return Object.keys(OPCODE_TABLES).map(Number);
}

/** The opcode table of bytecode version `version`, or undefined when this reader has none for it. */
export function opcodeTable(version: number): OpInfo[] | undefined {
  const hit = cache.get(version);
  if (hit) return hit;
  const raw = OPCODE_TABLES[version];
  if (!raw) return undefined;
  const table = raw.map((entry, code): OpInfo => {
    const [name = '', letters = '', strings = ''] = entry.split(':');
    const types: OperandType[] = [];
    const operandOffsets: number[] = [];
    let length = 1;
    for (const ch of letters) {
      const t = TYPES[ch]!;
      types.push(t.type);
      operandOffsets.push(length);
      length += t.size;
    }
    const stringOperands = strings ? strings.split(',').map((n) => Number(n) - 1) : [];
    return { code, name, types, operandOffsets, length, stringOperands, codes: Uint8Array.from(types, (t) => ENCODING[t]) };
  });
  cache.set(version, table);
  return table;
}

/** Reads operand `i` of the instruction at `at` (caller has checked the instruction fits in the buffer). */
export function readOperand(data: Buffer, at: number, op: OpInfo, i: number): number {
  const p = at + op.operandOffsets[i]!;
  switch (op.codes[i]) {
    case Enc.U8:
      return data[p]!;
    case Enc.I8:
      return (data[p]! << 24) >> 24;
    case Enc.U16:
      return data[p]! | (data[p + 1]! << 8);
    case Enc.U32:
      return (data[p]! | (data[p + 1]! << 8) | (data[p + 2]! << 16)) + data[p + 3]! * 0x1000000;
    case Enc.I32:
      return data[p]! | (data[p + 1]! << 8) | (data[p + 2]! << 16) | (data[p + 3]! << 24);
    case Enc.F64:
      return data.readDoubleLE(p);
    default:
      return NaN;
  }
}
