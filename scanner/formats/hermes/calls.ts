// Call sites with a statically known callee, found by following registers within straight-line code:
//   GetGlobalObject r0; GetById r1, r0, 'fetch'; Call2 r2, r1, …           → callee `fetch`
//   GetById r3, r0, 'AgoraRTC'; GetById r4, r3, 'createClient'; Call1 …   → callee `AgoraRTC.createClient`
//   GetById r5, r7, 'joinChannel' (r7 = some object); Call r1, r5, 5       → callee `joinChannel`
//   CreateClosure r2, env, fn#4; Call1 …, r2, … / CallDirect …, fn#4       → callee = name of function 4
// What a register holds is forgotten at every jump target, switch-table target and exception handler, and after every
// jump/return/throw, so a reported callee is never a guess across control-flow merges. An instruction overwrites its
// operand 0 (Hermes puts the destination first); only for instructions known to write nothing or only operand 0 are
// the other register operands taken as mere reads; any other instruction is assumed to clobber all of them.
import { align4, fits } from './bounded.js';
import type { BytecodeContext } from './bytecode.js';
import type { HermesFunction } from './functions.js';
import { readOperand, type OpInfo } from './opcodes.js';

export interface HermesCall {
  /** File offset of the call instruction. */
  offset: number;
  length: number;
  callee: string;
}

const GET_BY_ID = new Set(['GetByIdShort', 'GetById', 'GetByIdLong', 'TryGetById', 'TryGetByIdLong']);
/** Calls whose operand 1 is the closure register. */
const CALL_VIA_REGISTER = new Set([
  'Call', 'Call1', 'Call2', 'Call3', 'Call4', 'CallLong', 'Construct', 'ConstructLong',
  'CallWithNewTarget', 'CallWithNewTargetLong', 'CallRequire',
]);
/** Calls whose operand 2 is a function index. */
const CALL_DIRECT = new Set(['CallDirect', 'CallDirectLongIndex']);
/** Instructions putting a closure of function (operand 2) into register operand 0. */
const CREATE_CLOSURE = new Set([
  'CreateClosure', 'CreateClosureLongIndex', 'CreateAsyncClosure', 'CreateAsyncClosureLongIndex',
  'CreateGeneratorClosure', 'CreateGeneratorClosureLongIndex',
]);
const ENDS_BLOCK = new Set(['Ret', 'Throw', 'Unreachable']);
/** Store into objects or environments; no register changes. */
const WRITES_NOTHING = /^(Put|TryPut|DefineOwn|Store(NP)?ToEnvironment|DeclareGlobalVar|Ret$|Throw$)/;
/** Write operand 0 only; other register operands are read. */
const WRITES_FIRST = new Set([
  ...GET_BY_ID, ...CALL_VIA_REGISTER, ...CALL_DIRECT, ...CREATE_CLOSURE, 'Mov', 'MovLong', 'GetGlobalObject',
  'Add', 'AddN', 'Sub', 'SubN', 'Mul', 'MulN', 'Div', 'DivN', 'Mod', 'Eq', 'StrictEq', 'Neq', 'StrictNeq', 'Less',
  'LessEq', 'Greater', 'GreaterEq', 'BitAnd', 'BitOr', 'BitXor', 'LShift', 'RShift', 'URshift', 'Not', 'Negate',
  'BitNot', 'TypeOf', 'Inc', 'Dec', 'GetByVal', 'LoadFromEnvironment', 'LoadFromEnvironmentL', 'GetEnvironment',
  'CreateEnvironment', 'AddEmptyString', 'ToNumber', 'ToNumeric', 'ToInt32',
]);
const writesFirstOnly = (name: string) =>
  WRITES_FIRST.has(name) || /^(LoadConst|LoadParam|NewObject|NewArray)/.test(name);
const GLOBAL = '\u0000global';

/** What callSites needs to know of an opcode, computed once per opcode table (not per instruction). */
interface CallOpFlags {
  viaRegister: boolean;
  direct: boolean;
  getById: boolean;
  closure: boolean;
  mov: boolean;
  global: boolean;
  writesNothing: boolean;
  writesFirstOnly: boolean;
  ends: boolean;
  catch: boolean;
  /** Operand indices that are registers. */
  regs: number[];
  /** Operand indices that are jump addresses. */
  addrs: number[];
  /** 1: SwitchImm/UIntSwitchImm, 2: StringSwitchImm (jump tables after the code). */
  switchKind: number;
}
const flagCache = new WeakMap<OpInfo[], CallOpFlags[]>();
function flagsOf(table: OpInfo[]): CallOpFlags[] {
  let f = flagCache.get(table);
  if (!f) {
    f = table.map((op) => ({
      viaRegister: CALL_VIA_REGISTER.has(op.name),
      direct: CALL_DIRECT.has(op.name),
      getById: GET_BY_ID.has(op.name),
      closure: CREATE_CLOSURE.has(op.name),
      mov: op.name === 'Mov' || op.name === 'MovLong',
      global: op.name === 'GetGlobalObject',
      writesNothing: WRITES_NOTHING.test(op.name),
      writesFirstOnly: writesFirstOnly(op.name),
      ends: endsBlock(op),
      catch: op.name === 'Catch',
      regs: op.types.flatMap((t, i) => (t === 'Reg8' || t === 'Reg32' ? [i] : [])),
      addrs: op.types.flatMap((t, i) => (t === 'Addr8' || t === 'Addr32' ? [i] : [])),
      switchKind: op.name === 'SwitchImm' || op.name === 'UIntSwitchImm' ? 1 : op.name === 'StringSwitchImm' ? 2 : 0,
    }));
    flagCache.set(table, f);
  }
  return f;
}

/** Offsets (from the function start) where control flow can enter other than by falling through. */
function jumpTargets(ctx: BytecodeContext, fn: HermesFunction): Uint8Array | undefined {
  const { data, table } = ctx;
  const flags = flagsOf(table);
  // 1 at each offset inside the function where a jump lands (targets outside it are never an instruction's).
  const flagged = new Uint8Array(fn.size);
  const mark = (rel: number) => {
    if (rel >= 0 && rel < fn.size) flagged[rel] = 1;
  };
  const end = fn.offset + fn.size;
  for (let at = fn.offset; at < end;) {
    const op = table[data[at]!];
    if (!op || at + op.length > end) return undefined;
    const f = flags[op.code]!;
    for (let k = 0; k < f.addrs.length; k++) mark(at - fn.offset + readOperand(data, at, op, f.addrs[k]!));
    if (f.switchKind === 0) {
      at += op.length;
      continue;
    }
    const rel = at - fn.offset;
    if (f.switchKind === 1) {
      // value, tableOffset, default, min, max: (max - min + 1) int32 targets relative to the instruction
      const base = align4(at + readOperand(data, at, op, 1));
      const n = readOperand(data, at, op, 4) - readOperand(data, at, op, 3) + 1;
      if (n < 0 || !fits(data, base, n * 4)) return undefined;
      for (let k = 0; k < n; k++) mark(rel + data.readInt32LE(base + k * 4));
    } else {
      // value, globalIndex, tableOffset, default, count: {u32 string id, int32 target} pairs
      const base = align4(at + readOperand(data, at, op, 2));
      const n = readOperand(data, at, op, 4);
      if (!fits(data, base, n * 8)) return undefined;
      for (let k = 0; k < n; k++) mark(rel + data.readInt32LE(base + k * 8 + 4));
    }
    at += op.length;
  }
  return flagged;
}

function endsBlock(op: OpInfo): boolean {
  return ENDS_BLOCK.has(op.name) || op.name.endsWith('SwitchImm') || op.types.some((t) => t === 'Addr8' || t === 'Addr32');
}

/** What registers are known to name: an array by register with a count (a Map per function cost more). */
class RegisterNames {
  // Emptied in place, never replaced: a field assigned after construction stops being a constant to V8, and the
  // optimised callSites that assumed it was would be thrown away ("code dependencies") in every scan.
  private readonly names: (string | undefined)[] = [];
  size = 0;
  get(r: number): string | undefined {
    return this.names[r];
  }
  set(r: number, name: string): void {
    if (this.names[r] === undefined) this.size++;
    this.names[r] = name;
  }
  delete(r: number): void {
    if (this.names[r] === undefined) return;
    this.size--;
    this.names[r] = undefined;
  }
  clear(): void {
    this.names.length = 0;
    this.size = 0;
  }
}

/**
 * Call sites of `fn` whose callee is known. `stringAt(id)` and `functionName(index)` resolve operands; either may
 * return undefined (string beyond the kept ones, anonymous function), in which case no callee is recorded.
 */
export function callSites(
  ctx: BytecodeContext, fn: HermesFunction,
  stringAt: (id: number) => string | undefined, functionName: (index: number) => string | undefined,
): HermesCall[] {
  const { data, table } = ctx;
  const targets = jumpTargets(ctx, fn);
  if (!targets) return [];
  const calls: HermesCall[] = [];
  const regs = new RegisterNames();
  const flags = flagsOf(table);
  const end = fn.offset + fn.size;
  for (let at = fn.offset; at < end;) {
    const op = table[data[at]!]!; // jumpTargets walked the same code, so every opcode is known and in range
    const f = flags[op.code]!;
    if (regs.size > 0 && (f.catch || targets[at - fn.offset] === 1)) regs.clear();
    let callee: string | undefined;
    if (f.viaRegister) callee = regs.get(readOperand(data, at, op, 1));
    else if (f.direct) callee = functionName(readOperand(data, at, op, 2));
    if (callee && callee !== GLOBAL) calls.push({ offset: at, length: op.length, callee });

    // What the instruction leaves in its destination register (operand 0), if it is something we name.
    let value: string | undefined;
    if (f.global) value = GLOBAL;
    else if (f.getById) {
      const prop = stringAt(readOperand(data, at, op, 3));
      const obj = regs.get(readOperand(data, at, op, 1));
      if (prop !== undefined) value = obj === GLOBAL ? prop : obj !== undefined ? `${obj}.${prop}` : prop;
    } else if (f.mov) value = regs.get(readOperand(data, at, op, 1));
    else if (f.closure) value = functionName(readOperand(data, at, op, 2));

    if (!f.writesNothing && regs.size > 0) {
      if (f.writesFirstOnly) {
        if (f.regs[0] === 0) regs.delete(readOperand(data, at, op, 0));
      } else {
        for (let k = 0; k < f.regs.length; k++) regs.delete(readOperand(data, at, op, f.regs[k]!));
      }
    }
    if (value !== undefined) regs.set(readOperand(data, at, op, 0), value);
    if (f.ends && regs.size > 0) regs.clear();
    at += op.length;
  }
  return calls;
}
