// Walks a function's instructions with the version's opcode table and collects the string ids it uses: string
// operands (LoadConstString, GetById/PutById family, …), literal buffers of NewObject/NewArrayWithBuffer, and the
// case labels of StringSwitchImm tables (v98+).
import { align4, fits } from './bounded.js';
import type { HbcHeader } from './header.js';
import type { HbcLayout } from './layout.js';
import type { HermesFunction } from './functions.js';
import { literalStringIds } from './literals.js';
import { readOperand, type OpInfo } from './opcodes.js';

export interface Instruction {
  /** Offset from the start of the function's bytecode. */
  offset: number;
  name: string;
  operands: number[];
}

export interface FunctionScan {
  /** String ids the function uses, in first-use order, without duplicates. */
  stringIds: number[];
  /** Filled only when asked for (tests, tools): every decoded instruction. */
  instructions?: Instruction[];
  problem?: string;
}

export interface BytecodeContext {
  data: Buffer;
  header: HbcHeader;
  layout: HbcLayout;
  table: OpInfo[];
}

/** String ids referenced from literal buffers or switch tables by the instruction at `at`, if any. */
function indirectStringIds(ctx: BytecodeContext, op: OpInfo, at: number, out: number[]): string | undefined {
  const { data, header: h, layout: l } = ctx;
  const modern = h.version >= 97;
  const arg = (i: number) => readOperand(data, at, op, i);
  switch (op.name) {
    case 'NewObjectWithBuffer':
    case 'NewObjectWithBufferLong':
    case 'NewObjectWithBufferAndParent': {
      if (!modern) {
        // v<97: dst, sizeHint, count, keyBufferOffset, valueBufferOffset
        const count = arg(2);
        return literalStringIds(data, l.objKeyBuffer, arg(3), count, false, out) ??
          literalStringIds(data, l.objValueBuffer, arg(4), count, false, out);
      }
      // v97+: dst, [parent,] shapeIndex, valueBufferOffset; the shape gives key offset and property count.
      const shift = op.name === 'NewObjectWithBufferAndParent' ? 1 : 0;
      const shape = arg(1 + shift);
      if (shape >= h.objShapeTableCount) return `shape ${shape} of ${h.objShapeTableCount}`;
      const s = l.objShapeTable.offset + shape * 8;
      const keyOffset = data.readUInt32LE(s);
      const count = data.readUInt32LE(s + 4);
      return literalStringIds(data, l.objKeyBuffer, keyOffset, count, true, out) ??
        literalStringIds(data, l.valueBuffer, arg(2 + shift), count, true, out);
    }
    case 'NewArrayWithBuffer':
    case 'NewArrayWithBufferLong':
      // dst, sizeHint, count, valueBufferOffset
      return literalStringIds(data, l.valueBuffer, arg(3), arg(2), modern, out);
    case 'StringSwitchImm': {
      // value, globalIndex, tableOffset (from this instruction, then aligned), default, caseCount
      const table = align4(at + arg(2));
      const cases = arg(4);
      if (!fits(data, table, cases * 8)) return `string switch table at ${table} (${cases} cases) lies outside the file`;
      for (let k = 0; k < cases; k++) out.push(data.readUInt32LE(table + k * 8));
      return undefined;
    }
    default:
      return undefined;
  }
}

const INDIRECT = new Set([
  'NewObjectWithBuffer', 'NewObjectWithBufferLong', 'NewObjectWithBufferAndParent',
  'NewArrayWithBuffer', 'NewArrayWithBufferLong', 'StringSwitchImm',
]);
/** 1 for each opcode of a table that is in INDIRECT (computed once per table, not per instruction). */
const indirectCache = new WeakMap<OpInfo[], Uint8Array>();
function indirectOf(table: OpInfo[]): Uint8Array {
  let f = indirectCache.get(table);
  if (!f) indirectCache.set(table, (f = Uint8Array.from(table, (op) => (INDIRECT.has(op.name) ? 1 : 0))));
  return f;
}

/** Decodes one function; stops at the first unknown opcode, truncated instruction or out-of-range string id. */
export function scanFunction(ctx: BytecodeContext, fn: HermesFunction, keepInstructions = false): FunctionScan {
  const stringIds: number[] = [];
  const instructions: Instruction[] | undefined = keepInstructions ? [] : undefined;
  const problem = decodeFunction(ctx, fn, stringIds, instructions);
  return { stringIds, instructions, problem };
}

/**
 * scanFunction's loop, apart from building its result: the first call can be optimised on stack, in its long loop,
 * before any call has reached the code after the loop; that code then had no type feedback, and V8 deoptimised at
 * the end of every later function (thousands of deoptimisations per file). Returns the problem, if any.
 */
function decodeFunction(ctx: BytecodeContext, fn: HermesFunction, stringIds: number[], instructions: Instruction[] | undefined): string | undefined {
  const { data, table, header } = ctx;
  const seen = new Set<number>();
  const end = fn.offset + fn.size;
  const indirect = indirectOf(table);
  for (let at = fn.offset; at < end;) {
    const op = table[data[at]!];
    if (!op) return `unknown opcode 0x${data[at]!.toString(16)} at ${at}`;
    if (at + op.length > end) return `${op.name} at ${at} runs past the function's end`;
    if (indirect[op.code] === 0) {
      // Most instructions: only direct string operands (no scratch list).
      const ops = op.stringOperands;
      for (let k = 0; k < ops.length; k++) {
        const id = readOperand(data, at, op, ops[k]!);
        if (id >= header.stringCount) return `${op.name} at ${at} names string ${id} of ${header.stringCount}`;
        if (!seen.has(id)) {
          seen.add(id);
          stringIds.push(id);
        }
      }
      if (instructions) {
        const operands = op.types.map((_, i) => readOperand(data, at, op, i));
        instructions.push({ offset: at - fn.offset, name: op.name, operands });
      }
      at += op.length;
      continue;
    }
    // Literal buffers and switch tables: the ids they name, after the direct operands.
    const ids: number[] = [];
    const ops = op.stringOperands;
    for (let k = 0; k < ops.length; k++) ids.push(readOperand(data, at, op, ops[k]!));
    const problem = indirectStringIds(ctx, op, at, ids);
    if (problem) return `${op.name} at ${at}: ${problem}`;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (id >= header.stringCount) return `${op.name} at ${at} names string ${id} of ${header.stringCount}`;
      if (!seen.has(id)) {
        seen.add(id);
        stringIds.push(id);
      }
    }
    if (instructions) {
      const operands = op.types.map((_, i) => readOperand(data, at, op, i));
      instructions.push({ offset: at - fn.offset, name: op.name, operands });
    }
    at += op.length;
  }
  return undefined;
}
