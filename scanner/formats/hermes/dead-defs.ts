// Dead register values of a Hermes function, for the code model's walk (model.ts): instructions that only make a
// value (a property read, a constant, a string `+`, …) whose register no modelled use reads before it is written
// again, on any path. The walk stores "nothing known" there instead of building the value: the value could reach no
// call, store, return, environment or state-machine test, so the model is the same (the reference walk, which does
// not use this, checks it: test/e2e/hermes-model-reference.test.ts). Backward liveness over the function's blocks,
// where an instruction that only makes a value reads its operands only when its result is live ("strong"
// liveness: a property read feeding only a condition or arithmetic is dead, and so are the reads that fed it).
import { readOperand, type OpInfo } from './opcodes.js';

/** What the walk reads and writes per opcode (model.ts fills it from its dispatch table). */
export interface RegisterUse {
  /** Operand indices of the registers the walk reads for this opcode. */
  reads: number[];
  /** The instruction only makes the value of operand 0 (no other effect): its reads count only when that is live. */
  pure: boolean;
  /** Reads the call frame's top (`this` and the argument window): 1 Call/Construct (argc = operand 2), 2 CallDirect
   * (argc = operand 1), 3 CallBuiltin (the register three below `this`). */
  frame: 0 | 1 | 2 | 3;
  writes0: boolean;
  /** Writes every register operand (iterators, property-name lists). */
  multiWrite: boolean;
  /** Operand indices that are jump addresses. */
  addrs: number[];
  /** SwitchImm / UIntSwitchImm: a jump table. */
  switchTable: boolean;
}

/** Bound on the analysis per function (blocks × bitset words): beyond it every value is kept. */
const MAX_WORK = 1 << 22;

/**
 * Marks `dead[at] = 1` for each instruction at `at` of the function whose value is dead. `targetsOf(at)` gives the
 * case targets of a switch at `at` (inside the function). Returns false (nothing marked) when the function is too big.
 */
export function markDeadDefs(
  data: Buffer, table: OpInfo[], uses: RegisterUse[], start: number, size: number, frameSize: number, thisOffset: number,
  switchTargets: (at: number, op: OpInfo) => number[], dead: Uint8Array,
): boolean {
  const end = start + size;
  // Pass 1: instruction offsets, block leaders, and the highest register named (malformed frames name more).
  let n = 0;
  let maxReg = frameSize;
  const leader = new Uint8Array(size + 1);
  leader[0] = 1;
  for (let at = start; at < end;) {
    const op = table[data[at]!]!;
    const u = uses[op.code]!;
    for (let i = 0; i < op.types.length; i++) {
      const t = op.types[i];
      if (t === 'Reg8' || t === 'Reg32') {
        const r = readOperand(data, at, op, i);
        if (r >= maxReg) maxReg = r + 1;
      }
    }
    const next = at + op.length;
    let jumps = false;
    for (let k = 0; k < u.addrs.length; k++) {
      const to = at + readOperand(data, at, op, u.addrs[k]!);
      if (to >= start && to < end) leader[to - start] = 1;
      jumps = true;
    }
    if (u.switchTable) {
      for (const to of switchTargets(at, op)) if (to >= 0) leader[to - start] = 1;
      jumps = true;
    }
    if (jumps && next < end) leader[next - start] = 1;
    n++;
    at = next;
  }
  if (maxReg > 1 << 20) return false;
  const words = (maxReg + 31) >>> 5;
  // Blocks: start offsets (relative), in order.
  const blockOf = new Int32Array(size + 1).fill(-1);
  const starts: number[] = [];
  for (let i = 0; i < size; i++) {
    if (leader[i]) {
      blockOf[i] = starts.length;
      starts.push(i);
    }
  }
  const nb = starts.length;
  if (nb * words > MAX_WORK) return false;
  // Successors: the next block (always: the walk's fall-through, and the state an exception handler keeps, come
  // from the instruction before; more edges only keep more values) and every jump and case target.
  const succ: number[][] = new Array(nb);
  for (let b = 0; b < nb; b++) {
    const list: number[] = b + 1 < nb ? [b + 1] : [];
    const bEnd = b + 1 < nb ? start + starts[b + 1]! : end;
    for (let at = start + starts[b]!; at < bEnd;) {
      const op = table[data[at]!]!;
      const u = uses[op.code]!;
      for (let k = 0; k < u.addrs.length; k++) {
        const to = at + readOperand(data, at, op, u.addrs[k]!);
        if (to >= start && to < end && !list.includes(blockOf[to - start]!)) list.push(blockOf[to - start]!);
      }
      if (u.switchTable) for (const to of switchTargets(at, op)) if (to >= 0 && !list.includes(blockOf[to - start]!)) list.push(blockOf[to - start]!);
      at += op.length;
    }
    succ[b] = list;
  }
  const liveIn = new Int32Array(nb * words);
  const cur = new Int32Array(words);
  const has = (r: number) => (cur[r >>> 5]! & (1 << (r & 31))) !== 0;
  const add = (r: number) => {
    if (r >= 0 && r < maxReg) cur[r >>> 5]! |= 1 << (r & 31);
  };
  const kill = (r: number) => {
    if (r >= 0 && r < maxReg) cur[r >>> 5]! &= ~(1 << (r & 31));
  };
  const thisReg = frameSize - thisOffset;
  // Offsets of the block's instructions (walked backwards).
  const offs: number[] = [];
  /** The block's transfer, backwards from `cur` = live out; marks dead values when `mark`. */
  const transfer = (b: number, mark: boolean) => {
    offs.length = 0;
    const bEnd = b + 1 < nb ? start + starts[b + 1]! : end;
    for (let at = start + starts[b]!; at < bEnd; at += table[data[at]!]!.length) offs.push(at);
    for (let i = offs.length - 1; i >= 0; i--) {
      const at = offs[i]!;
      const op = table[data[at]!]!;
      const u = uses[op.code]!;
      if (u.pure) {
        const d = readOperand(data, at, op, 0);
        if (!has(d)) {
          if (mark) dead[at] = 1;
          continue;
        }
        kill(d);
        for (let k = 0; k < u.reads.length; k++) add(readOperand(data, at, op, u.reads[k]!));
        continue;
      }
      if (u.writes0) kill(readOperand(data, at, op, 0));
      if (u.multiWrite) for (let k = 0; k < op.types.length; k++) if (op.types[k] === 'Reg8' || op.types[k] === 'Reg32') kill(readOperand(data, at, op, k));
      for (let k = 0; k < u.reads.length; k++) add(readOperand(data, at, op, u.reads[k]!));
      if (u.frame === 1 || u.frame === 2) {
        add(thisReg);
        const argc = readOperand(data, at, op, u.frame === 1 ? 2 : 1);
        const m = Math.min(argc - 1, thisReg);
        for (let k = 0; k < m; k++) add(thisReg - 1 - k);
      } else if (u.frame === 3) add(thisReg - 3);
    }
  };
  // Iterate to the fixed point, last block first (most edges go forward).
  for (let changed = true; changed;) {
    changed = false;
    for (let b = nb - 1; b >= 0; b--) {
      cur.fill(0);
      for (const s of succ[b]!) for (let w = 0; w < words; w++) cur[w]! |= liveIn[s * words + w]!;
      transfer(b, false);
      for (let w = 0; w < words; w++) {
        if (liveIn[b * words + w] !== cur[w]) {
          liveIn[b * words + w] = cur[w]!;
          changed = true;
        }
      }
    }
  }
  for (let b = 0; b < nb; b++) {
    cur.fill(0);
    for (const s of succ[b]!) for (let w = 0; w < words; w++) cur[w]! |= liveIn[s * words + w]!;
    transfer(b, true);
  }
  void n;
  return true;
}
