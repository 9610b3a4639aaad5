// The code model (scanner/model) of a Hermes bytecode file: per function, an abstract interpretation over registers.
// Register states meet at block entries (every jump carries its state forward; a loop head forgets what the loop
// body writes; an exception handler keeps only environment registers): constants, Mov, GetById/TryGetById on the
// global object, on modules and on objects, object literals (NewObjectWithBuffer + PutOwnBySlotIdx /
// PutNewOwnById), string `+` (Add/AddS) and template literals (HermesInternal.concat), LoadParam/LoadThisNS,
// closure environments (Store(NP)/LoadFromEnvironment(L) through CreateFunctionEnvironment, CreateEnvironment,
// CreateInnerEnvironment, CreateTopLevelEnvironment, GetParentEnvironment, GetEnvironment (both forms) and
// GetClosureEnvironment), `this.x = call()` fields, and Metro modules: `__d(factory, id, [deps])` in the global
// function, `require(dependencyMap[i])` inside factories. Metro keeps no module paths in release builds, so a module
// is mapped to its npm package by the compiled-wrapper markers of the vendor rules (strings its code and its inner
// functions use); functions of such modules are vendor code.
// Calls: CallN (N counts `this`), Call/Construct with the argument window at the top of the frame (`this` at
// frameSize-8 from v97, -7 before), CallDirect, Construct.
import type { CodeModel, ModelCall, ModelFunction, ModelValue, Receiver, ValueOrigin } from '../../model/types.js';
import type { RulePack } from '../../rules/pack.js';
import type { BytecodeContext } from './bytecode.js';
import { literalValues } from './literals.js';
import { readOperand, type OpInfo } from './opcodes.js';
import { functionLabel, type HermesFile, type HermesFunctionInfo } from './parse.js';

/** What a register is known to hold. */
interface Abs {
  /** The value as an argument. */
  v: ModelValue;
  /** The value as a receiver of a call on it. */
  as: Receiver;
  /** Readable qualified text (`fetch`, `react-native-agora.createAgoraRtcEngine`, `engine`). */
  name?: string;
  /** Loaded as a property: what it was loaded from (for the callee's receiver and method). */
  member?: { of: Receiver; ofName?: string; prop: string };
  closure?: number;
  special?: 'global' | 'require' | 'depmap' | 'concat';
  /** Metro: dependency map of the factory (depmap), or the module id a dependency entry names. */
  deps?: number[];
  moduleId?: number;
  /** An npm package (a required module, a global SDK object). */
  module?: string;
  env?: string;
  /** Object literal under construction: keys by slot (v97+). */
  keys?: string[];
  /** The emitted call this value is the result of. */
  call?: ModelCall;
}

const UNKNOWN: Receiver = { kind: 'unknown' };
/** The global object (shared: never mutated). */
const GLOBAL_ABS: Abs = Object.freeze({ v: Object.freeze({ kind: 'unknown', text: 'global' }), as: UNKNOWN, special: 'global' }) as Abs;
/** A register nothing is known about (shared: never mutated). */
const UNKNOWN_ABS: Abs = Object.freeze({ v: Object.freeze({ kind: 'unknown', text: '?' }), as: UNKNOWN }) as Abs;
const unknownAbs = (text: string, origin?: ValueOrigin): Abs => ({ v: origin ? { kind: 'unknown', text, origin } : { kind: 'unknown', text }, as: UNKNOWN });
const constAbs = (v: ModelValue): Abs => ({ v, as: UNKNOWN });

const ENDS = new Set(['Ret', 'Throw', 'Unreachable']);
const CALL_N = /^Call([1-4])$/;
const GET_BY_ID = new Set(['GetByIdShort', 'GetById', 'GetByIdLong', 'TryGetById', 'TryGetByIdLong']);
const CLOSURE = /^Create(Async|Generator)?Closure(LongIndex)?$|^CreateGenerator(LongIndex)?$/;
const ENV_STORE = /^Store(NP)?ToEnvironmentL?$/;
const ENV_LOAD = /^LoadFromEnvironmentL?$/;
const MAX_CALLS = 200_000;
/** Instructions that write more than operand 0 (iterators, property-name lists). */
const MULTI_WRITE = /^(IteratorNext|IteratorBegin|GetNextPName|GetPNameList)/;
const ENV_MAKER = /^(CreateFunctionEnvironment|CreateTopLevelEnvironment|CreateEnvironment|CreateInnerEnvironment|GetParentEnvironment|GetEnvironment|GetClosureEnvironment)$/;
const NO_WRITE = /^(Put|TryPut|DefineOwn|Store|Ret|Throw|Jmp|J[A-Z]|Switch|UIntSwitch|StringSwitch|IteratorClose|Debugger|AsyncBreakCheck|ProfilePoint|Unreachable|DeclareGlobalVar|ThrowIf)/;

/** What the walk does with an opcode: one dispatch per instruction instead of name tests. */
const enum K {
  Other, LoadThis, LoadString, LoadNumber, LoadConst, Mov, LoadParam, Global, GetById, GetByIndex, GetByVal, Closure, FunctionEnv,
  InnerEnv, ParentEnv, EnvOf, ClosureEnv, EnvStore, EnvLoad, NewObjectBuffer, NewObject, NewArrayBuffer, PutSlot, PutById, Add, AddEmpty,
  CallN, Call, Construct, CallDirect, CreateThis, Select, Ret, Catch,
}
interface OpClass {
  kind: K;
  /** Operand indices that are jump addresses. */
  addrs: number[];
  /** Operand 0 is a register the instruction writes. */
  writes0: boolean;
  multiWrite: boolean;
  envMaker: boolean;
  /** Control does not fall through (Ret, Throw, unconditional jump, switch). */
  ends: boolean;
  /** CallN: N (arguments counting `this`). */
  count?: number;
  value?: ModelValue;
}
const classCache = new WeakMap<OpInfo[], OpClass[]>();

function classify(table: OpInfo[], modern: boolean): OpClass[] {
  const hit = classCache.get(table);
  if (hit) return hit;
  const out = table.map((op): OpClass => {
    const n = op.name;
    const addrs: number[] = [];
    op.types.forEach((t, i) => (t === 'Addr8' || t === 'Addr32') && addrs.push(i));
    const writes0 = (op.types[0] === 'Reg8' || op.types[0] === 'Reg32') && !NO_WRITE.test(n);
    const c: OpClass = { kind: K.Other, addrs, writes0, multiWrite: MULTI_WRITE.test(n), envMaker: ENV_MAKER.test(n), ends: ENDS.has(n) || n === 'Jmp' || n === 'JmpLong' || n.endsWith('SwitchImm') };
    const callN = CALL_N.exec(n);
    if (n === 'LoadConstString' || n === 'LoadConstStringLongIndex') c.kind = K.LoadString;
    else if (n === 'LoadConstUInt8' || n === 'LoadConstInt' || n === 'LoadConstDouble') c.kind = K.LoadNumber;
    else if (n === 'LoadConstZero') (c.kind = K.LoadConst), (c.value = { kind: 'number', value: 0 });
    else if (n === 'LoadConstNull') (c.kind = K.LoadConst), (c.value = { kind: 'null' });
    else if (n === 'LoadConstUndefined' || n === 'LoadConstEmpty') (c.kind = K.LoadConst), (c.value = { kind: 'undefined' });
    else if (n === 'LoadConstTrue' || n === 'LoadConstFalse') (c.kind = K.LoadConst), (c.value = { kind: 'boolean', value: n === 'LoadConstTrue' });
    else if (n === 'Mov' || n === 'MovLong') c.kind = K.Mov;
    else if (n === 'LoadParam' || n === 'LoadParamLong') c.kind = K.LoadParam;
    else if (n === 'LoadThisNS') c.kind = K.LoadThis;
    else if (n === 'GetGlobalObject') c.kind = K.Global;
    else if (GET_BY_ID.has(n)) c.kind = K.GetById;
    else if (n === 'GetByIndex') c.kind = K.GetByIndex;
    else if (n === 'GetByVal') c.kind = K.GetByVal;
    else if (CLOSURE.test(n)) c.kind = K.Closure;
    else if (n === 'CreateFunctionEnvironment' || (n === 'CreateEnvironment' && !modern) || n === 'CreateTopLevelEnvironment') c.kind = K.FunctionEnv;
    else if (n === 'CreateEnvironment' || n === 'CreateInnerEnvironment') c.kind = K.InnerEnv;
    else if (n === 'GetParentEnvironment' || (n === 'GetEnvironment' && !modern)) c.kind = K.ParentEnv;
    else if (n === 'GetEnvironment') c.kind = K.EnvOf;
    else if (n === 'GetClosureEnvironment') c.kind = K.ClosureEnv;
    else if (ENV_STORE.test(n)) c.kind = K.EnvStore;
    else if (ENV_LOAD.test(n)) c.kind = K.EnvLoad;
    else if (n === 'NewObjectWithBuffer' || n === 'NewObjectWithBufferLong') c.kind = K.NewObjectBuffer;
    else if (n === 'NewObject') c.kind = K.NewObject;
    else if (n === 'NewArrayWithBuffer' || n === 'NewArrayWithBufferLong') c.kind = K.NewArrayBuffer;
    else if (n === 'PutOwnBySlotIdx' || n === 'PutOwnBySlotIdxLong') c.kind = K.PutSlot;
    else if (/^(PutNewOwn(NE)?ById|DefineOwnById|PutById|PutByIdLoose|PutByIdStrict)/.test(n) && op.types.length >= 3) c.kind = K.PutById;
    else if (n === 'Add' || n === 'AddS') c.kind = K.Add;
    else if (n === 'AddEmptyString') c.kind = K.AddEmpty;
    else if (callN) (c.kind = K.CallN), (c.count = Number(callN[1]));
    else if (n === 'Call' || n === 'CallLong') c.kind = K.Call;
    else if (n === 'Construct' || n === 'ConstructLong') c.kind = K.Construct;
    else if (n === 'CallDirect' || n === 'CallDirectLongIndex') c.kind = K.CallDirect;
    else if (n === 'CreateThis' || n === 'CreateThisForNew') c.kind = K.CreateThis;
    else if (n === 'SelectObject') c.kind = K.Select;
    else if (n === 'Ret') c.kind = K.Ret;
    else if (n === 'Catch') c.kind = K.Catch;
    return c;
  });
  classCache.set(table, out);
  return out;
}

/** Same abstract value: the register states of two ways into a block agree on it. */
function sameAbs(a: Abs, b: Abs): boolean {
  if (a === b) return true;
  if (a.v.kind !== b.v.kind || a.env !== b.env || a.special !== b.special || a.closure !== b.closure || a.module !== b.module || a.moduleId !== b.moduleId) return false;
  return a.name === b.name && a.member?.prop === b.member?.prop && sameValue(a.v, b.v, 0) && sameValue(a.as, b.as, 0);
}

/** Structural equality of plain model values (bounded depth; deeper means "not known to be the same"). */
function sameValue(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 8) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i], depth + 1)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!(k in y) || !sameValue(x[k], y[k], depth + 1)) return false;
  return true;
}

type Regs = (Abs | undefined)[];

/** What every incoming register state agrees on. */
function meet(states: Regs[]): Regs {
  if (!states.length) return [];
  const first = states[0]!;
  if (states.length === 1) return first.slice();
  const out: Regs = new Array(first.length);
  for (let r = 0; r < first.length; r++) {
    const a = first[r];
    if (!a) continue;
    let all = true;
    for (let k = 1; k < states.length && all; k++) {
      const b = states[k]![r];
      all = b !== undefined && sameAbs(a, b);
    }
    if (all) out[r] = a;
  }
  return out;
}

/** True when a sorted list of write offsets has one in [from, to]. */
function writtenIn(writes: number[] | undefined, from: number, to: number): boolean {
  if (!writes) return false;
  let lo = 0;
  let hi = writes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (writes[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < writes.length && writes[lo]! <= to;
}

export interface HermesModelOptions {
  rules?: RulePack;
  maxCalls?: number;
}

/** package → markers of its compiled wrapper code (rules: sdk.js.compiled), plus the vendors' JS markers. */
function markerTable(rules: RulePack | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const v of rules?.vendors ?? []) {
    for (const c of v.sdk.js?.compiled ?? []) for (const marker of c.markers) m.set(marker, c.package);
  }
  return m;
}

export function buildHermesModel(ctx: BytecodeContext, file: HermesFile, opts: HermesModelOptions = {}): CodeModel {
  const { data, table, header, layout } = ctx;
  const modern = header.version >= 97;
  const classes = classify(table, modern);
  const fns = file.functions;
  const stringAt = (id: number) => file.strings[id]?.value;
  const labels = fns.map((f) => functionLabel(file, f.index));
  const label = (i: number) => labels[i] ?? functionLabel(file, i);
  const maxCalls = opts.maxCalls ?? MAX_CALLS;

  // Closure structure: which function created each function (parent) and with which environment.
  const parentFn = new Int32Array(fns.length).fill(-1);
  const closureEnv = new Map<number, string>();
  const envParent = new Map<string, string>();
  // null: stored more than one different value. Each round stores afresh (values improve as modules resolve) and
  // reads what this round stored so far, else what the previous round stored.
  let envSlots = new Map<string, Abs | null>();
  let prevSlots = new Map<string, Abs | null>();
  const modules = new Map<number, { id: number; deps: number[] }>(); // factory fn → Metro module
  const moduleOfId = new Map<number, number>(); // module id → factory fn

  // A `let engine;` slot starts undefined and is reset to null on teardown: those stores do not make the one object
  // it holds otherwise ambiguous (a call on it runs only when it holds that object).
  const nullish = (a: Abs) => a.v.kind === 'undefined' || a.v.kind === 'null';
  const storeSlot = (key: string, a: Abs) => {
    const old = envSlots.get(key);
    if (old === undefined) envSlots.set(key, a);
    else if (old && !nullish(old) && !nullish(a) && !sameAbs(old, a)) envSlots.set(key, null);
    else if (old && nullish(old) && !nullish(a)) envSlots.set(key, a);
  };

  // What a function returns when every `Ret` returns the same string building (`${BASE}/presence?uid=${uid}`):
  // calls substitute their arguments for its parameters. Linked by function name (Hermes keeps names), only when
  // the name is unique among functions with a summary.
  const returns = new Map<number, ModelValue | null>();
  const noteReturn = (f: number, v: ModelValue | undefined) => {
    const old = returns.get(f);
    if (v === undefined || (old !== undefined && (old === null || !sameValue(old, v, 0)))) returns.set(f, null);
    else returns.set(f, v);
  };
  let summaryByName: Map<string, ModelValue | null> | undefined;
  const summaryOf = (nameOrFn: string | number): ModelValue | undefined => {
    if (typeof nameOrFn === 'number') return returns.get(nameOrFn) ?? undefined;
    if (!summaryByName) {
      summaryByName = new Map();
      for (const [f, v] of returns) {
        if (!v) continue;
        const n = fns[f]!.name;
        if (!n) continue;
        summaryByName.set(n, summaryByName.has(n) ? null : v);
      }
    }
    return summaryByName.get(nameOrFn) ?? undefined;
  };
  const substitute = (v: ModelValue, fnName: string, args: ModelValue[], depth = 0): ModelValue => {
    if (depth > 6) return v;
    if (v.kind === 'unknown' && 'origin' in v && v.origin?.kind === 'param' && v.origin.fn === fnName) return args[v.origin.index - 1] ?? { kind: 'undefined' };
    if (v.kind === 'concat') return { kind: 'concat', parts: v.parts.map((p) => substitute(p, fnName, args, depth + 1)) };
    return v;
  };

  const calls: ModelCall[] = [];
  // Logical locations name the function and its Hermes index (names repeat: an async function and its body, `""`).
  const functions: ModelFunction[] = fns.map((f) => ({ name: label(f.index), index: f.index, params: Math.max(0, f.paramCount - 1), offset: f.offset, length: f.size, context: `${label(f.index)} [function ${f.index}]` }));

  // What each function's code looks like to the walk, computed once (the walk runs three rounds).
  interface Shape {
    targets: Set<number>;
    /** Loop heads → the last back-edge source. */
    loopEnd: Map<number, number>;
    /** Every write of each register, in offset order (loop heads forget what the loop body writes). */
    allWrites: Map<number, number[]>;
    /** Writes other than environment makers (environment registers survive blocks no other write touches). */
    otherWrites: Map<number, number[]>;
    /** Has call instructions / environment stores (what later rounds need a function for). */
    calls: boolean;
    stores: boolean;
  }
  const shapes: (Shape | null | undefined)[] = new Array(fns.length);
  const note = (m: Map<number, number[]>, r: number, at: number) => {
    const l = m.get(r);
    if (l) l.push(at);
    else m.set(r, [at]);
  };
  function shapeOf(fn: HermesFunctionInfo): Shape | null {
    const end = fn.offset + fn.size;
    const s: Shape = { targets: new Set(), loopEnd: new Map(), allWrites: new Map(), otherWrites: new Map(), calls: false, stores: false };
    for (let at = fn.offset; at < end;) {
      const op = table[data[at]!];
      if (!op || at + op.length > end) return null;
      const c = classes[op.code]!;
      if (c.kind === K.CallN || c.kind === K.Call || c.kind === K.Construct || c.kind === K.CallDirect) s.calls = true;
      else if (c.kind === K.EnvStore) s.stores = true;
      for (const i of c.addrs) {
        const to = at + readOperand(data, at, op, i);
        s.targets.add(to);
        if (to <= at) s.loopEnd.set(to, Math.max(s.loopEnd.get(to) ?? 0, at));
      }
      if (c.writes0) {
        const r = readOperand(data, at, op, 0);
        note(s.allWrites, r, at);
        if (!c.envMaker) note(s.otherWrites, r, at);
      }
      if (c.multiWrite) for (let i = 1; i < op.types.length; i++) if (op.types[i] === 'Reg8' || op.types[i] === 'Reg32') note(s.allWrites, readOperand(data, at, op, i), at);
      at += op.length;
    }
    return s;
  }

  function run(fn: HermesFunctionInfo, round: number): void {
    if (!fn.size) return;
    let shape = shapes[fn.index];
    if (shape === undefined) shape = shapes[fn.index] = shapeOf(fn);
    if (!shape) return;
    // Later rounds only need what can change: slot stores, string return summaries (a function whose return was
    // not one stays so), and, when emitting, calls. What round 0 learnt of closures and modules is kept.
    if (round === 1 && !shape.stores && returns.get(fn.index) === null) return;
    if (round === 2 && !shape.stores && !shape.calls) return;
    const emit = round === 2;
    const { targets, loopEnd, allWrites, otherWrites } = shape;
    // Registers as an array (copied at every edge: cheaper than a Map), undefined = not known.
    let regs: Regs = [];
    const end = fn.offset + fn.size;
    const name = label(fn.index);
    const thisOffset = modern ? 8 : 7;
    const get = (r: number): Abs => regs[r] ?? UNKNOWN_ABS;
    const envAt = new Map<number, number>();
    const keepsEnv = (r: number, a: Abs, now: number) => {
      if (a.env === undefined) return false;
      const since = envAt.get(r);
      return since !== undefined && !writtenIn(otherWrites.get(r), since + 1, now - 1);
    };
    const clear = (now: number) => {
      for (let r = 0; r < regs.length; r++) {
        const a = regs[r];
        if (a && !keepsEnv(r, a, now)) regs[r] = undefined;
      }
    };
    // Register states carried by jumps to the blocks they enter; a block starts with what every way in agrees on.
    const pending = new Map<number, Regs[]>();
    let live = true;
    const enter = (at: number) => {
      const ins = pending.get(at) ?? [];
      pending.delete(at);
      if (live) ins.push(regs);
      const merged = meet(ins);
      for (let r = 0; r < regs.length; r++) {
        const a = regs[r];
        if (a && !merged[r] && keepsEnv(r, a, at)) merged[r] = a;
      }
      const last = loopEnd.get(at);
      // A loop head: what the loop body writes is not known on the back edge.
      if (last !== undefined) {
        for (let r = 0; r < merged.length; r++) {
          const a = merged[r];
          if (a && writtenIn(allWrites.get(r), at, last) && !keepsEnv(r, a, last + 1)) merged[r] = undefined;
        }
      }
      regs = merged;
    };
    let at = fn.offset;
    let op = table[data[at]!]!;
    const arg = (i: number) => readOperand(data, at, op, i);
    const set = (a: Abs) => {
      regs[arg(0)] = a;
    };
    for (; at < end; at += op.length) {
      op = table[data[at]!]!;
      const c = classes[op.code]!;
      if (targets.has(at)) enter(at);
      else if (!live || c.kind === K.Catch) clear(at);
      live = true;
      switch (c.kind) {
        case K.LoadString: {
          const s = stringAt(arg(1));
          set(s === undefined ? unknownAbs('string') : constAbs({ kind: 'string', value: s }));
          break;
        }
        case K.LoadNumber:
          set(constAbs({ kind: 'number', value: arg(1) }));
          break;
        case K.LoadConst:
          set(constAbs(c.value!));
          break;
        case K.Mov:
          regs[arg(0)] = regs[arg(1)];
          break;
        case K.LoadParam: {
          const i = arg(1);
          const factory = modules.get(fn.index);
          if (factory && i === 2) set({ ...unknownAbs('require'), special: 'require' });
          else if (factory && i === 7) set({ ...unknownAbs('dependencyMap'), special: 'depmap', deps: factory.deps });
          else if (i === 0) set({ ...unknownAbs('this'), as: { kind: 'this' } });
          else set({ v: { kind: 'unknown', text: '', origin: { kind: 'param', fn: name, index: i } }, as: { kind: 'param', fn: name, index: i } });
          break;
        }
        case K.Global:
          set(GLOBAL_ABS);
          break;
        case K.LoadThis:
          set({ ...unknownAbs('this'), as: { kind: 'this' } });
          break;
        case K.GetById:
          set(member(get(arg(1)), stringAt(arg(3)) ?? '?'));
          break;
        case K.GetByIndex: {
          const o = get(arg(1));
          set(o.special === 'depmap' && o.deps ? { ...unknownAbs('dep'), moduleId: o.deps[arg(2)] } : UNKNOWN_ABS);
          break;
        }
        case K.GetByVal: {
          const o = get(arg(1));
          const k = get(arg(2)).v;
          if (o.special === 'depmap' && o.deps && k.kind === 'number') set({ ...unknownAbs('dep'), moduleId: o.deps[k.value] });
          else if (k.kind === 'string') set(member(o, k.value));
          else set(UNKNOWN_ABS);
          break;
        }
        case K.Closure: {
          const target = arg(2);
          if (target < fns.length) {
            if (parentFn[target] === -1) parentFn[target] = fn.index;
            const env = get(arg(1)).env;
            if (env && !closureEnv.has(target)) closureEnv.set(target, env);
            set({ ...unknownAbs(label(target)), closure: target, name: label(target) });
          } else set(UNKNOWN_ABS);
          break;
        }
        case K.FunctionEnv: {
          const id = `${fn.index}`;
          const parent = closureEnv.get(fn.index);
          if (parent && !envParent.has(id)) envParent.set(id, parent);
          set({ ...unknownAbs('env'), env: id });
          break;
        }
        case K.InnerEnv: {
          const id = `${fn.index}@${at - fn.offset}`;
          const parent = get(arg(1)).env;
          if (parent && !envParent.has(id)) envParent.set(id, parent);
          set({ ...unknownAbs('env'), env: id });
          break;
        }
        case K.ParentEnv: {
          // v97+: GetParentEnvironment d, depth; before: GetEnvironment d, depth. 0 = the closure's captured env.
          let env = closureEnv.get(fn.index);
          for (let k = arg(1); k > 0 && env; k--) env = envParent.get(env);
          set(env ? { ...unknownAbs('env'), env } : unknownAbs('env'));
          break;
        }
        case K.EnvOf: {
          // v97+: GetEnvironment d, env, depth: the environment `depth` levels above the one in register env.
          let env = get(arg(1)).env;
          for (let k = arg(2); k > 0 && env; k--) env = envParent.get(env);
          set(env ? { ...unknownAbs('env'), env } : unknownAbs('env'));
          break;
        }
        case K.ClosureEnv: {
          // GetClosureEnvironment d, closure: the environment the closure captured.
          const target = get(arg(1)).closure;
          const env = target !== undefined ? closureEnv.get(target) : undefined;
          set(env ? { ...unknownAbs('env'), env } : unknownAbs('env'));
          break;
        }
        case K.EnvStore: {
          const env = get(arg(0)).env;
          if (env) storeSlot(`${env}:${arg(1)}`, get(arg(2)));
          break;
        }
        case K.EnvLoad: {
          const env = get(arg(1)).env;
          const key = env ? `${env}:${arg(2)}` : '';
          const slot = env ? (envSlots.has(key) ? envSlots.get(key) : prevSlots.get(key)) : undefined;
          set(slot ?? unknownAbs('', { kind: 'other', text: env ? `closure variable ${arg(2)}` : 'closure variable' }));
          break;
        }
        case K.NewObjectBuffer:
          set(objectLiteral(arg(1), arg(2), modern ? undefined : arg(3), modern ? undefined : arg(4)));
          break;
        case K.NewObject:
          set({ v: { kind: 'object', props: {} }, as: UNKNOWN, keys: [] });
          break;
        case K.NewArrayBuffer: {
          const items = literalValues(data, layout.valueBuffer, arg(3), arg(2), modern, stringAt);
          set(items ? constAbs({ kind: 'array', items }) : unknownAbs('array'));
          break;
        }
        case K.PutSlot: {
          const o = get(arg(0));
          const key = o.keys?.[arg(2)];
          const val = get(arg(1));
          if (key !== undefined && o.v.kind === 'object') o.v.props[key] = val.v;
          // `this.engine = createAgoraRtcEngine()`: later `this.engine.joinChannel(…)` in another method names the
          // field, so the call says where its result went (the checks give the field the result's type).
          if (key !== undefined && val.call && o.as.kind === 'this') val.call.resultTo ??= `this.${key}`;
          break;
        }
        case K.PutById: {
          const o = get(arg(0));
          const strIdx = op.stringOperands[0];
          const key = strIdx !== undefined ? stringAt(arg(strIdx)) : undefined;
          const val = get(arg(1));
          if (key !== undefined && o.v.kind === 'object') o.v.props[key] = val.v;
          // `this.engine = createAgoraRtcEngine()`: later `this.engine.joinChannel(…)` in another method names the
          // field, so the call says where its result went (the checks give the field the result's type).
          if (key !== undefined && val.call && o.as.kind === 'this') val.call.resultTo ??= `this.${key}`;
          break;
        }
        case K.Add: {
          const a = get(arg(1)).v;
          const b = get(arg(2)).v;
          if (a.kind === 'string' || b.kind === 'string' || a.kind === 'concat' || b.kind === 'concat') set(constAbs({ kind: 'concat', parts: [a, b] }));
          else set(UNKNOWN_ABS);
          break;
        }
        case K.AddEmpty:
          set(constAbs({ kind: 'concat', parts: [{ kind: 'string', value: '' }, get(arg(1)).v] }));
          break;
        case K.CallN: {
          const argRegs: Abs[] = [];
          for (let i = 0; i < c.count! - 1; i++) argRegs.push(get(arg(3 + i)));
          set(call(fn, at, op.length, get(arg(1)), get(arg(2)), argRegs, false, emit));
          break;
        }
        case K.Call:
        case K.Construct: {
          const argc = arg(2);
          const thisReg = fn.frameSize - thisOffset;
          const argRegs: Abs[] = [];
          for (let i = 0; i < argc - 1; i++) argRegs.push(get(thisReg - 1 - i));
          set(call(fn, at, op.length, get(arg(1)), get(thisReg), argRegs, c.kind === K.Construct, emit));
          break;
        }
        case K.CallDirect: {
          const argc = arg(1);
          const thisReg = fn.frameSize - thisOffset;
          const callee: Abs = { ...unknownAbs(label(arg(2))), closure: arg(2), name: label(arg(2)) };
          const argRegs: Abs[] = [];
          for (let i = 0; i < argc - 1; i++) argRegs.push(get(thisReg - 1 - i));
          set(call(fn, at, op.length, callee, get(thisReg), argRegs, false, emit));
          break;
        }
        case K.CreateThis:
          set(unknownAbs('this'));
          break;
        case K.Select: {
          const r = get(arg(2));
          set(r.as.kind === 'new' ? r : get(arg(1)));
          break;
        }
        default:
          if (c.writes0) regs[arg(0)] = undefined;
          // Iterators and property-name lists write more than operand 0.
          if (c.multiWrite) for (let i = 0; i < op.types.length; i++) if (op.types[i] === 'Reg8' || op.types[i] === 'Reg32') regs[arg(i)] = undefined;
          if (c.kind === K.Ret) {
            const r = get(arg(0)).v;
            noteReturn(fn.index, r.kind === 'concat' || r.kind === 'string' ? r : undefined);
          }
      }
      if (c.envMaker) envAt.set(arg(0), at);
      // Edges: every address operand (jumps, switch defaults, generator resume points) carries this state forward.
      for (const i of c.addrs) {
        const to = at + arg(i);
        if (to <= at) continue;
        const l = pending.get(to);
        if (l) l.push(regs.slice());
        else pending.set(to, [regs.slice()]);
      }
      if (c.ends) live = false;
    }
  }

  // A property read of the global object or of a module (long-lived, read often) gives the same value: computed
  // once. Other objects are short-lived: a memo would cost more than it saves.
  const members = new WeakMap<Abs, Map<string, Abs>>();
  function member(o: Abs, prop: string): Abs {
    if (o !== GLOBAL_ABS && o.module === undefined) return memberOf(o, prop);
    let m = members.get(o);
    if (!m) members.set(o, (m = new Map()));
    let r = m.get(prop);
    if (!r) m.set(prop, (r = memberOf(o, prop)));
    return r;
  }

  function memberOf(o: Abs, prop: string): Abs {
    if (o.special === 'global') {
      if (prop === 'HermesInternal') return { ...unknownAbs('HermesInternal'), name: 'HermesInternal', as: { kind: 'global', name: 'HermesInternal' } };
      return { v: { kind: 'unknown', text: prop, origin: { kind: 'global', name: prop } }, as: { kind: 'global', name: prop }, name: prop, member: { of: { kind: 'global', name: 'globalThis' }, prop } };
    }
    if (o.name === 'HermesInternal' && prop === 'concat') return { ...unknownAbs('concat'), special: 'concat', name: 'HermesInternal.concat' };
    if (o.v.kind === 'object' && prop in o.v.props) {
      const pv = o.v.props[prop] as ModelValue;
      return { v: pv, as: UNKNOWN, name: `${o.name ?? '?'}.${prop}` };
    }
    const ofName = o.name ?? (o.as.kind === 'call' ? o.as.callee : undefined);
    const text = ofName ? `${ofName}.${prop}` : prop;
    // A property of an object read as a value: a field (`engine.uid`), named so flows can use the name.
    return { v: { kind: 'unknown', text, origin: { kind: 'field', ...(ofName ? { owner: ofName } : {}), name: prop } }, as: { kind: 'field', ...(ofName ? { owner: ofName } : {}), name: prop }, name: text, member: { of: o.as, ...(ofName ? { ofName } : {}), prop } };
  }

  function objectLiteral(a: number, b: number, keyOff?: number, valOff?: number): Abs {
    if (modern) {
      // shapeIndex, valueBufferOffset: the shape gives the key offset and the property count.
      if (a >= header.objShapeTableCount) return unknownAbs('object');
      const s = layout.objShapeTable.offset + a * 8;
      const keys = literalValues(data, layout.objKeyBuffer, data.readUInt32LE(s), data.readUInt32LE(s + 4), true, stringAt);
      const values = keys ? literalValues(data, layout.valueBuffer, b, keys.length, true, stringAt) : undefined;
      if (!keys || !values) return unknownAbs('object');
      const props: Record<string, ModelValue> = {};
      const names = keys.map((k) => (k.kind === 'string' ? k.value : k.kind === 'number' ? String(k.value) : '?'));
      names.forEach((k, i) => (props[k] = values[i]!));
      return { v: { kind: 'object', props }, as: UNKNOWN, keys: names };
    }
    // v<97: sizeHint, count, keyBufferOffset, valueBufferOffset.
    const keys = literalValues(data, layout.objKeyBuffer, keyOff!, b, false, stringAt);
    const values = keys ? literalValues(data, layout.objValueBuffer, valOff!, b, false, stringAt) : undefined;
    if (!keys || !values) return unknownAbs('object');
    const props: Record<string, ModelValue> = {};
    keys.forEach((k, i) => (props[k.kind === 'string' ? k.value : String((k as { value?: unknown }).value)] = values[i]!));
    return { v: { kind: 'object', props }, as: UNKNOWN, keys: [] };
  }

  /** Models one call; returns what the result register holds. */
  function call(fn: HermesFunctionInfo, at: number, length: number, callee: Abs, thisV: Abs, args: Abs[], construct: boolean, emit: boolean): Abs {
    // Metro: `__d(factory, id, [deps])` registers a module; `require(dependencyMap[i])` yields it.
    if (callee.name === '__d' && args[0]?.closure !== undefined && args[1]?.v.kind === 'number') {
      const deps = args[2]?.v.kind === 'array' ? args[2].v.items.map((x) => (x.kind === 'number' ? x.value : -1)) : [];
      modules.set(args[0].closure, { id: args[1].v.value, deps });
      moduleOfId.set(args[1].v.value, args[0].closure);
      return UNKNOWN_ABS;
    }
    if (callee.special === 'require') {
      const id = args[0]?.moduleId;
      const pkg = id !== undefined ? packageOfModule(id) : undefined;
      if (pkg) return { v: { kind: 'unknown', text: pkg, origin: { kind: 'global', name: pkg } }, as: { kind: 'module', name: pkg }, name: pkg, module: pkg };
      return unknownAbs('module');
    }
    // Interop helpers (`__toESM(m)`, `_interopRequireDefault(m)`) hand the module through.
    if (!callee.member && args[0]?.module && callee.closure !== undefined) return args[0];
    if (callee.special === 'concat') {
      const parts = [thisV.v, ...args.map((a) => a.v)];
      return constAbs({ kind: 'concat', parts });
    }
    const m = callee.member;
    const methodName = m?.prop ?? callee.name ?? '?';
    let receiver: Receiver;
    let calleeText: string;
    if (m) {
      receiver = m.of.kind === 'global' && m.of.name === 'globalThis' ? { kind: 'global', name: 'globalThis' } : m.of;
      calleeText = callee.name ?? `${m.ofName ?? '?'}.${m.prop}`;
    } else {
      receiver = { kind: 'none' };
      calleeText = callee.name ?? '?';
    }
    if (construct) receiver = callee.as.kind === 'global' ? { kind: 'global', name: callee.as.name } : receiver;
    let emitted: ModelCall | undefined;
    if (emit && calls.length < maxCalls) {
      calls.push(emitted = {
        fn: fn.index, callee: calleeText, method: construct ? '<init>' : methodName, receiver, args: args.map((a) => a.v),
        offset: at, length, context: `${label(fn.index)} [function ${fn.index} +0x${(at - fn.offset).toString(16)}]`,
        ...(construct ? { construct: true, receiverType: callee.name ?? methodName } : {}),
      });
    }
    if (!construct) {
      const target = callee.closure ?? (m ? undefined : undefined);
      const summary = target !== undefined ? summaryOf(target) : m?.prop ? summaryOf(m.prop) : callee.name ? summaryOf(callee.name) : undefined;
      const owner = target !== undefined ? label(target) : m?.prop ?? callee.name;
      if (summary && owner) {
        // The summary's params are named after the function that returned it.
        return constAbs(substitute(summary, owner, args.map((a) => a.v)));
      }
    }
    void thisV;
    if (construct) return { v: { kind: 'unknown', text: `new ${calleeText}`, origin: { kind: 'call', callee: calleeText } }, as: { kind: 'new', type: callee.name ?? methodName } };
    return { v: { kind: 'unknown', text: `${calleeText}()`, origin: { kind: 'call', callee: calleeText } }, as: { kind: 'call', callee: calleeText }, name: `${calleeText}()`, ...(emitted ? { call: emitted } : {}) };
  }

  // Module → package, by the markers its functions use (the factory and every function created inside it).
  const markers = markerTable(opts.rules);
  const pkgCache = new Map<number, string | undefined>();
  let moduleFns: Map<number, number[]> | undefined;
  function packageOfModule(id: number): string | undefined {
    if (pkgCache.has(id)) return pkgCache.get(id);
    const factory = moduleOfId.get(id);
    let pkg: string | undefined;
    if (factory !== undefined && markers.size) {
      moduleFns ??= groupByFactory();
      for (const f of moduleFns.get(factory) ?? [factory]) {
        for (const sid of fns[f]!.stringIds) {
          const s = stringAt(sid);
          const hit = s !== undefined ? markers.get(s) : undefined;
          if (hit) {
            pkg = hit;
            break;
          }
        }
        if (pkg) break;
      }
    }
    pkgCache.set(id, pkg);
    return pkg;
  }
  function factoryOf(i: number): number | undefined {
    for (let f = i, k = 0; f >= 0 && k < 64; f = parentFn[f]!, k++) if (modules.has(f)) return f;
    return undefined;
  }
  function groupByFactory(): Map<number, number[]> {
    const g = new Map<number, number[]>();
    for (const f of fns) {
      const fac = factoryOf(f.index);
      if (fac === undefined) continue;
      const l = g.get(fac);
      if (l) l.push(f.index);
      else g.set(fac, [f.index]);
    }
    return g;
  }

  // Pass 1 (twice, so closures created by later functions are known): modules, closure parents, environments and
  // what their slots hold. Pass 2: the same walk, emitting calls.
  // Module packages depend on closure parents, so what pass 1 derived from them is recomputed after each round.
  for (let round = 0; round < 3; round++) {
    moduleFns = undefined;
    summaryByName = undefined;
    pkgCache.clear();
    if (round > 0) {
      prevSlots = envSlots;
      envSlots = new Map();
    }
    for (const fn of fns) run(fn, round);
  }

  // Vendor code: functions of modules whose package is an SDK wrapper.
  for (const [factory, m] of modules) {
    if (!packageOfModule(m.id)) continue;
    moduleFns ??= groupByFactory();
    for (const f of moduleFns.get(factory) ?? [factory]) functions[f]!.inVendorCode = true;
  }
  return { functions, calls };
}
