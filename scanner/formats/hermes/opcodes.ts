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
}

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
    return { code, name, types, operandOffsets, length, stringOperands };
  });
  cache.set(version, table);
  return table;
}

/** Reads operand `i` of the instruction at `at` (caller has checked the instruction fits in the buffer). */
export function readOperand(data: Buffer, at: number, op: OpInfo, i: number): number {
  const p = at + op.operandOffsets[i]!;
  switch (op.types[i]) {
    case 'Reg8':
    case 'UInt8':
      return data[p]!;
    case 'Addr8':
      return data.readInt8(p);
    case 'UInt16':
      return data.readUInt16LE(p);
    case 'Reg32':
    case 'UInt32':
      return data.readUInt32LE(p);
    case 'Addr32':
    case 'Imm32':
      return data.readInt32LE(p);
    case 'Double':
      return data.readDoubleLE(p);
    default:
      return NaN;
  }
}
