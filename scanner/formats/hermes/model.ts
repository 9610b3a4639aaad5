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
import type { Section } from './layout.js';
import { literalValues, type LiteralValue } from './literals.js';
import { readOperand, type OpInfo } from './opcodes.js';
import { functionLabel, type HermesFile, type HermesFunctionInfo } from './parse.js';
import { LoweredConstructors } from './lowered-this.js';
import { Suspensions } from './suspensions.js';
import { SelfBindings } from './self-binding.js';

/** A closure environment (interned: one object per creating function or inner-scope instruction). */
interface Env {
  parent?: Env;
  /** Slot values stored this round, by slot index (a 16-bit operand); null: more than one different value. */
  slots?: (Abs | null | undefined)[];
  /** What the previous round stored (read when this round has not stored the slot yet). */
  prev?: (Abs | null | undefined)[];
  /** The register value holding this environment (one per environment: values are never mutated once set). */
  abs?: Abs;
}

type Special = 'global' | 'require' | 'importDefault' | 'depmap' | 'concat' | 'appModule' | 'exports';
/** The fields few register values have (closures, Metro and package modules, environments, object literals). */
class Rare {
  closure: number | undefined = undefined;
  /** `appModule`: a required Metro module of the app's own code (moduleId); `exports`: a factory's exports object. */
  special: Special | undefined = undefined;
  /** Metro: dependency map of the factory (depmap), the module id a dependency entry or an app module names. */
  deps: number[] | undefined = undefined;
  moduleId: number | undefined = undefined;
  /** An npm package (a required module, a global SDK object). */
  module: string | undefined = undefined;
  env: Env | undefined = undefined;
  /** Object literal under construction: keys by slot (v97+). */
  keys: string[] | undefined = undefined;
  /**
   * The value's memoised property reads (`member`), valid in the build numbered `memoBuild` only (values such as
   * `this` are shared by every build).
   */
  members: Map<string, Abs> | undefined = undefined;
  memoBuild = 0;
}

/**
 * What a register is known to hold. A class with every field present: one hidden class for every register value
 * keeps the walk's property reads monomorphic. The rare fields sit behind one reference (`rare`, made on the first
 * write of one): most values are constants, fields and call results, and a value is allocated per read and per call
 * in every round, so its size is most of what the walk allocates.
 */
class Abs {
  /** Readable qualified text (`fetch`, `react-native-agora.createAgoraRtcEngine`, `engine`). */
  name: string | undefined = undefined;
  /** Loaded as a property: what it was loaded from (for the callee's receiver and method). */
  member: { of: Receiver; ofName?: string; prop: string } | undefined = undefined;
  /** The emitted call this value is the result of. */
  call: ModelCall | undefined = undefined;
  rare: Rare | undefined = undefined;
  constructor(
    /** The value as an argument. */
    public v: ModelValue,
    /** The value as a receiver of a call on it. */
    public as: Receiver,
  ) {}
  /** The rare fields, made on the first write of one. */
  own(): Rare {
    return (this.rare ??= new Rare());
  }
  get closure(): number | undefined {
    return this.rare?.closure;
  }
  set closure(x: number | undefined) {
    this.own().closure = x;
  }
  get special(): Special | undefined {
    return this.rare?.special;
  }
  set special(x: Special | undefined) {
    this.own().special = x;
  }
  get deps(): number[] | undefined {
    return this.rare?.deps;
  }
  set deps(x: number[] | undefined) {
    this.own().deps = x;
  }
  get moduleId(): number | undefined {
    return this.rare?.moduleId;
  }
  set moduleId(x: number | undefined) {
    this.own().moduleId = x;
  }
  get module(): string | undefined {
    return this.rare?.module;
  }
  set module(x: string | undefined) {
    this.own().module = x;
  }
  get env(): Env | undefined {
    return this.rare?.env;
  }
  set env(x: Env | undefined) {
    this.own().env = x;
  }
  get keys(): string[] | undefined {
    return this.rare?.keys;
  }
  set keys(x: string[] | undefined) {
    this.own().keys = x;
  }
}

const UNKNOWN: Receiver = { kind: 'unknown' };
/** Unknown values that carry only a text (shared: never mutated). */
const unknownText = new Map<string, ModelValue>();
const textValue = (text: string): ModelValue => {
  let v = unknownText.get(text);
  if (!v) unknownText.set(text, (v = Object.freeze({ kind: 'unknown', text }) as ModelValue));
  return v;
};
/** The global object (shared: never mutated). */
const GLOBAL_ABS: Abs = Object.freeze(Object.assign(new Abs(textValue('global'), UNKNOWN), { special: 'global' as const }));
/** A register nothing is known about (shared: never mutated). */
const UNKNOWN_ABS: Abs = Object.freeze(Object.assign(new Abs(textValue('?'), UNKNOWN), { rare: new Rare() }));
const unknownAbs = (text: string, origin?: ValueOrigin): Abs => new Abs(origin ? { kind: 'unknown', text, origin } : { kind: 'unknown', text }, UNKNOWN);
const constAbs = (v: ModelValue): Abs => new Abs(v, UNKNOWN);
const THIS: Receiver = Object.freeze({ kind: 'this' });
/** Call receivers that carry nothing of their own (shared by every call that has them). */
const NONE: Receiver = Object.freeze({ kind: 'none' });
const GLOBAL_THIS: Receiver = Object.freeze({ kind: 'global', name: 'globalThis' });
/** A receiver term that says something (the checks can type it): not unknown, not a bare `this`. */
const informative = (r: Receiver | undefined): r is Receiver => r !== undefined && r.kind !== 'unknown' && r.kind !== 'this';
/** Bound on what one `this.x`, ref or function return is known to hold (each round adds its own terms). */
const MAX_ALTERNATIVES = 8;
/** True when term `r` holds `list` (within a few levels): `this.x = this.x.then(…)` would make a cycle. */
function holds(r: unknown, list: Receiver[], depth: number): boolean {
  if (r === list) return true;
  if (typeof r !== 'object' || r === null || depth > 10) return false;
  // Index loop or for…in, not Object.values: no array made per object visited (model values and receivers are plain
  // objects and arrays, so both see the same properties).
  if (Array.isArray(r)) {
    for (let i = 0; i < r.length; i++) {
      const v: unknown = r[i];
      if (typeof v === 'object' && v !== null && holds(v, list, depth + 1)) return true;
    }
    return false;
  }
  const o = r as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    if (typeof v === 'object' && v !== null && holds(v, list, depth + 1)) return true;
  }
  return false;
}
/** Adds a term to what a binding may hold (structurally new ones only, bounded, never one that holds the list). */
function addAlternative(list: Receiver[], r: Receiver): void {
  if (list.length >= MAX_ALTERNATIVES) return;
  // A term the list has already is the common case (every round adds its terms again): found before the walk of
  // the whole term that `holds` makes (either test alone means no change, so their order changes nothing else).
  for (const x of list) if (x === r || sameValue(x, r)) return;
  if (!holds(r, list, 0)) list.push(r);
}
/** A required module: a vendor package or a module of the app's own code. */
const isModule = (a: Abs): boolean => a.module !== undefined || a.special === 'appModule';
/** React's ref makers: `useRef(x)` / `createRef()` give an object whose `.current` is x or what is assigned to it. */
const REF_MAKERS = new Set(['useRef', 'createRef']);
const withText = (text: string, as: Receiver = UNKNOWN): Abs => new Abs(textValue(text), as);
// Register values are never mutated once a register holds them (only fresh ones are filled in), so values that
// depend on nothing but their instruction are shared: the walk allocates per instruction only what is new.
/** An unknown environment. */
const UNKNOWN_ENV_ABS = withText('env');
/** A register holding environment `env` (or an unknown environment). */
const envAbs = (env: Env | undefined): Abs => {
  if (!env) return UNKNOWN_ENV_ABS;
  if (!env.abs) {
    env.abs = withText('env');
    env.abs.env = env;
  }
  return env.abs;
};
/** `this` (LoadThisNS, parameter 0). */
const THIS_ABS = withText('this', THIS);
/** The isReturn flag a ResumeGenerator writes (shared: never mutated). */
const RESUME_FLAG = withText('resumed');
/** The object CreateThis makes. */
const CREATED_THIS_ABS = unknownAbs('this');
/**
 * `this` of a derived class constructor (CreateThisForSuper): the instance, as `this` in the class's methods. It is
 * also what `super(…)` gives: SelectObject(this, result) and HermesBuiltin.applyWithNewTarget(fn, args, this,
 * newTarget) (`super(...args)`) return it (a parent constructor returning another object is not modelled).
 */
const SUPER_THIS_ABS = withText('this', THIS);

const ENDS = new Set(['Ret', 'Throw', 'Unreachable']);
const CALL_N = /^Call([1-4])$/;
const GET_BY_ID = new Set(['GetByIdShort', 'GetById', 'GetByIdLong', 'TryGetById', 'TryGetByIdLong']);
const CLOSURE = /^Create(Async|Generator)?Closure(LongIndex)?$|^CreateGenerator(LongIndex)?$/;
const ENV_STORE = /^Store(NP)?ToEnvironmentL?$/;
const ENV_LOAD = /^LoadFromEnvironmentL?$/;
const MAX_CALLS = 200_000;
/** Bytes per chunk of jump-target marks (see targetMarks). */
const MARK_CHUNK = 1 << 16;
/** Instructions that write more than operand 0 (iterators, property-name lists). */
const MULTI_WRITE = /^(IteratorNext|IteratorBegin|GetNextPName|GetPNameList)/;
const ENV_MAKER = /^(CreateFunctionEnvironment|CreateTopLevelEnvironment|CreateEnvironment|CreateInnerEnvironment|GetParentEnvironment|GetEnvironment|GetClosureEnvironment)$/;
const NO_WRITE = /^(Put|TryPut|DefineOwn|Store|Ret|Throw|Jmp|J[A-Z]|Switch|UIntSwitch|StringSwitch|IteratorClose|Debugger|AsyncBreakCheck|ProfilePoint|Unreachable|DeclareGlobalVar|ThrowIfThis|ThrowIfHas)/;

/** What the walk does with an opcode: one dispatch per instruction instead of name tests. */
const enum K {
  Other, LoadThis, LoadString, LoadNumber, LoadConst, Mov, LoadParam, Global, GetById, GetByIndex, GetByVal, Closure, FunctionEnv,
  InnerEnv, ParentEnv, EnvOf, ClosureEnv, EnvStore, EnvLoad, NewObjectBuffer, NewObject, NewArrayBuffer, PutSlot, PutById, Add, AddEmpty,
  CallN, Call, Construct, CallDirect, CreateThis, Select, Ret, Catch, SuperThis, CallBuiltin, StrictEqJump, SwitchImm,
  SaveGenerator, ResumeGenerator, JmpBuiltinIs,
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
  /** LoadConst: the value (shared by every load). */
  abs?: Abs;
  /** CreateGenerator: the function it makes is a generator body (suspensions.ts). */
  makesGenerator: boolean;
  /** JmpTrue: a generator's isReturn flag can lead to a protocol path (suspensions.ts). */
  jumpIfTrue: boolean;
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
    const c: OpClass = {
      kind: K.Other, addrs, writes0, multiWrite: MULTI_WRITE.test(n), envMaker: ENV_MAKER.test(n), ends: ENDS.has(n) || n === 'Jmp' || n === 'JmpLong' || n.endsWith('SwitchImm'),
      makesGenerator: n === 'CreateGenerator' || n === 'CreateGeneratorLongIndex', jumpIfTrue: n === 'JmpTrue' || n === 'JmpTrueLong',
    };
    const callN = CALL_N.exec(n);
    if (n === 'LoadConstString' || n === 'LoadConstStringLongIndex') c.kind = K.LoadString;
    else if (n === 'LoadConstUInt8' || n === 'LoadConstInt' || n === 'LoadConstDouble') c.kind = K.LoadNumber;
    else if (n === 'LoadConstZero') (c.kind = K.LoadConst), (c.abs = constAbs({ kind: 'number', value: 0 }));
    else if (n === 'LoadConstNull') (c.kind = K.LoadConst), (c.abs = constAbs({ kind: 'null' }));
    else if (n === 'LoadConstUndefined' || n === 'LoadConstEmpty') (c.kind = K.LoadConst), (c.abs = constAbs({ kind: 'undefined' }));
    else if (n === 'LoadConstTrue' || n === 'LoadConstFalse') (c.kind = K.LoadConst), (c.abs = constAbs({ kind: 'boolean', value: n === 'LoadConstTrue' }));
    // ThrowIfEmpty/ThrowIfUndefined d, s: a TDZ check (`let`, a derived constructor's `this`) that passes s on.
    // CoerceThisNS d, s: a generator body's `this` (its wrapper keeps parameter 0 in an environment slot), as is.
    else if (n === 'Mov' || n === 'MovLong' || n === 'ThrowIfEmpty' || n === 'ThrowIfUndefined' || n === 'CoerceThisNS') c.kind = K.Mov;
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
    else if (n === 'CreateThisForSuper') c.kind = K.SuperThis;
    else if (n === 'CallBuiltin' || n === 'CallBuiltinLong') c.kind = K.CallBuiltin;
    else if (n === 'SelectObject') c.kind = K.Select;
    else if (n === 'Ret') c.kind = K.Ret;
    else if (n === 'Catch') c.kind = K.Catch;
    else if (n === 'JStrictEqual' || n === 'JStrictEqualLong') c.kind = K.StrictEqJump;
    else if (n === 'SwitchImm' || n === 'UIntSwitchImm') c.kind = K.SwitchImm;
    else if (n === 'SaveGenerator' || n === 'SaveGeneratorLong') c.kind = K.SaveGenerator;
    else if (n === 'ResumeGenerator') c.kind = K.ResumeGenerator;
    else if (n === 'JmpBuiltinIs' || n === 'JmpBuiltinIsLong') c.kind = K.JmpBuiltinIs;
    return c;
  });
  classCache.set(table, out);
  return out;
}

/**
 * The case targets of a SwitchImm/UIntSwitchImm (`r, table offset, default, min, max`): a 4-byte-aligned table of
 * offsets relative to the instruction, one per value from min to max; those inside [at, end), at most 1024.
 */
function switchTargets(data: Buffer, at: number, op: OpInfo, end: number): number[] {
  const jt = (at + readOperand(data, at, op, 1) + 3) & ~3;
  const min = readOperand(data, at, op, 3);
  const max = readOperand(data, at, op, 4);
  const out: number[] = [];
  for (let v = min; v <= max && v - min < 1024 && jt + 4 * (v - min) + 4 <= data.length; v++) {
    const to = at + data.readInt32LE(jt + 4 * (v - min));
    out.push(to > at && to < end ? to : -1);
  }
  return out;
}

/** Same abstract value: the register states of two ways into a block agree on it. */
function sameAbs(a: Abs, b: Abs): boolean {
  if (a === b) return true;
  if (a.v.kind !== b.v.kind || (a.rare !== b.rare && !sameRare(a.rare, b.rare))) return false;
  return a.name === b.name && a.member?.prop === b.member?.prop && sameValue(a.v, b.v) && sameValue(a.as, b.as);
}

/** The rare fields the meet compares agree (keys and deps are not compared). */
function sameRare(a: Rare | undefined, b: Rare | undefined): boolean {
  if (!a || !b) {
    const r = a ?? b!;
    return r.env === undefined && r.special === undefined && r.closure === undefined && r.module === undefined && r.moduleId === undefined;
  }
  return a.env === b.env && a.special === b.special && a.closure === b.closure && a.module === b.module && a.moduleId === b.moduleId;
}

/**
 * Structural equality of plain model values, exact at any depth: the same object and two equal objects made apart
 * compare alike (a bound would make the answer depend on whether a term was shared or rebuilt). Terms can share
 * subterms and, through the mutable `either` lists, contain cycles; deeper than 8 levels each pair of objects is
 * compared once, and a pair met again while it is being compared is taken as equal (the greatest fixed point: two cyclic
 * terms are the same when no finite path tells them apart). There is no "or" in the comparison, so one difference
 * anywhere makes the answer false and the pairs assumed on the way cannot make a wrong "true".
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  assumed = undefined;
  return sameAt(a, b, 0);
}
/** Pairs of objects compared deeper than 8 levels in the current `sameValue` (most comparisons need none). */
let assumed: Map<object, object[]> | undefined;
/**
 * A pair met deeper than 8 levels: true when it is being compared already (taken as equal), else noted. Apart from
 * sameAt, which reaches it rarely: when it first did after V8 had optimised sameAt, that code was thrown away.
 */
function assume(a: object, b: object): boolean {
  const seen = (assumed ??= new Map()).get(a);
  if (seen?.includes(b)) return true;
  if (seen) seen.push(b);
  else assumed.set(a, [b]);
  return false;
}
function sameAt(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (depth > 8 && assume(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameAt(a[i], b[i], depth + 1)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // for…in counts and visits the keys without the two arrays Object.keys would make (plain objects: no inherited
  // enumerable properties, so the same keys).
  let n = 0;
  for (const k in x) {
    if (!(k in y) || !sameAt(x[k], y[k], depth + 1)) return false;
    n++;
  }
  for (const _ in y) n--;
  return n === 0;
}

/** A property read's text, its field term (receiver and origin) and its value (see fieldReads). */
interface FieldRead {
  text: string;
  field: Extract<Receiver, { kind: 'field' }>;
  v: ModelValue;
}
function newFieldRead(ofName: string | undefined, prop: string): FieldRead {
  const text = ofName !== undefined ? `${ofName}.${prop}` : prop;
  const field: Extract<Receiver, { kind: 'field' }> = ofName !== undefined ? { kind: 'field', owner: ofName, name: prop } : { kind: 'field', name: prop };
  return { text, field, v: { kind: 'unknown', text, origin: field } };
}

type Regs = (Abs | undefined)[];
const NO_TARGETS = new Int32Array(0);

/**
 * What every incoming register state agrees on (a new array: the caller may write it). One exception: a vendor
 * package module met with values that are neither constants nor other modules stays the module — Babel's
 * `_interopRequireWildcard(require(d[i]))`, which hermesc -O inlines, returns the module itself (`__esModule`), a
 * cached copy or a fresh object holding its exports, all of which the app reads the package's exports from.
 */
function meet(states: Regs[], copy: boolean): Regs {
  if (!states.length) return [];
  const first = states[0]!;
  if (states.length === 1) return first.slice();
  // Most block entries change nothing: the first state itself is the meet until a register differs (then a copy).
  let out: Regs | undefined = copy ? new Array(first.length) : undefined;
  for (let r = 0; r < first.length; r++) {
    const a = first[r];
    let all = a !== undefined;
    for (let k = 1; k < states.length && all; k++) {
      const b = states[k]![r];
      all = b !== undefined && sameAbs(a!, b);
    }
    const m = all ? a : packageThroughInterop(states, r);
    if (out) out[r] = m;
    else if (m !== a) {
      out = new Array(first.length);
      for (let i = 0; i < r; i++) out[i] = first[i];
      out[r] = m;
    }
  }
  return out ?? first;
}
function packageThroughInterop(states: Regs[], r: number): Abs | undefined {
  let pkg: Abs | undefined;
  for (const st of states) {
    const b = st[r];
    if (b?.module === undefined) continue;
    if (pkg && pkg.module !== b.module) return undefined;
    pkg = b;
  }
  if (!pkg) return undefined;
  for (const st of states) {
    const b = st[r];
    if (!b || b === pkg || b.module === pkg.module) continue;
    if (isModule(b) || (b.v.kind !== 'unknown' && b.v.kind !== 'object')) return undefined;
  }
  return pkg;
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
  /**
   * Tests only: the straightforward walk, with every speed device off — register states copied at every jump and
   * block entry instead of shared copy-on-write, jump states by offset instead of by target rank, function shapes
   * and register writes recomputed at every walk, no member memo, no interned string or number values, literal
   * buffers decoded afresh, no shared literal templates. Its model must equal the fast walk's.
   */
  reference?: boolean;
}

/**
 * marker → package of its compiled wrapper code (rules: sdk.js.compiled). Markers are literals: an app module that
 * only reads a property of that name (`GetById …, "ZegoTextureView"` on the package's exports) is not the package.
 * Member names count wherever they are used.
 */
function markerTable(rules: RulePack | undefined): Map<string, { pkg: string; member: boolean }> {
  const m = new Map<string, { pkg: string; member: boolean }>();
  for (const v of rules?.vendors ?? []) {
    for (const c of v.sdk.js?.compiled ?? []) {
      for (const marker of c.markers) m.set(marker, { pkg: c.package, member: false });
      for (const marker of c.members) m.set(marker, { pkg: c.package, member: true });
    }
  }
  return m;
}

/** The vendor whose compiled wrapper package this is (rules: sdk.js.compiled). */
function vendorOfPackage(rules: RulePack | undefined, pkg: string): string | undefined {
  return rules?.vendors.find((v) => v.sdk.js?.compiled?.some((c) => c.package === pkg))?.id;
}

/**
 * The builder's functions are made once per process, not per file: made per file, each file's walk started with
 * call targets the optimised code had not seen, and V8 threw that code away (a deoptimisation per file and per
 * round). Its state is set per build and released after it (builds never nest: the walk is synchronous).
 */
function makeBuilder(): (ctx: BytecodeContext, file: HermesFile, opts: HermesModelOptions) => CodeModel {
  let data!: Buffer;
  let table!: OpInfo[];
  let header!: BytecodeContext['header'];
  let layout!: BytecodeContext['layout'];
  let modern = false;
  let classes!: OpClass[];
  let file!: HermesFile;
  let fns!: HermesFunctionInfo[];
  let texts!: string[];
  let labels!: string[];
  let maxCalls = MAX_CALLS;
  let reference = false;
  /** Reference walk: jump states by target offset. */
  const pendingAt = new Map<number, Regs[]>();
  // Closure structure: which function created each function (parent) and with which environment.
  let parentFn!: Int32Array;
  let closureEnv!: (Env | undefined)[];
  // Environments, interned: a function's own (by function index) and inner scopes (by function and offset).
  let functionEnvs!: (Env | undefined)[];
  let innerEnvs!: Map<number, Env>; // by function index * 2^32 + offset in the function
  let envs!: Env[];
  // Slot values (Env.slots; null: stored more than one different value). Each round stores afresh (values improve
  // as modules resolve) and reads what this round stored so far, else what the previous round stored (Env.prev).
  let modules!: Map<number, { id: number; deps: number[] }>; // factory fn → Metro module
  let moduleOfId!: Map<number, number>; // module id → factory fn
  // String return summaries by function index; undefined: no Ret seen yet, null: not one string building.
  let returns!: (ModelValue | null | undefined)[];
  let summaryByName: Map<string, ModelValue | null> | undefined;
  // Register values made once per build (closures and parameters per function, small integers, unknown slots).
  let closures!: (Abs | undefined)[];
  let smallNumbers!: (Abs | undefined)[];
  let paramAbs!: Abs[][];
  let slotUnknown!: Map<number, Abs>;
  let noEnvSlot!: Abs;
  /** LoadConstString results by string id (constant: shared by every load of the string). */
  let stringAbs!: (Abs | undefined)[];
  let calls!: ModelCall[];
  /** Per function, the start of its calls' context text (`name [function N +0x`), made once. */
  let callContext!: (string | undefined)[];
  let functions!: ModelFunction[];
  let shapes!: (Shape | null | undefined)[];
  let markChunk = new Int32Array(0);
  let markUsed = 0;
  /** A call result's text and value, one per callee text in a build (every round models every call). */
  let callResults!: Map<string, { text: string; v: ModelValue }>;
  /**
   * A property read's text and value (`engine.uid`: the field is both the value's origin and its receiver), one per
   * owner text and property in a build: every round reads the same properties, and the text made once is also the
   * callee text a call on it looks its result up by (a text concatenated per read was hashed afresh per call). Values
   * are never mutated, and the meet's comparison is exact, so a shared value compares as the copies it replaces.
   */
  let fieldReads!: Map<string, Map<string, FieldRead>>;
  /** The same for reads from an unnamed value (`prop` alone). */
  let bareFieldReads!: Map<string, FieldRead>;
  /** This build's number (memoised property reads are kept on the values read from, by build: Rare.members). */
  let buildNo = 0;
  let literalCache!: Map<Section, Map<number, Map<number, LiteralValue[] | undefined>>>;
  let literalFlat!: Map<Section, Map<number, LiteralValue[] | undefined>>;
  let templates!: WeakMap<LiteralValue[], WeakMap<LiteralValue[], Template>>;
  /** Templates by NewObjectWithBuffer offset (null: buffers not readable). */
  let siteTemplates!: Map<number, Template | null>;
  // Module → package, by the markers its functions use (the factory and every function created inside it).
  let markers!: Map<string, { pkg: string; member: boolean }>;
  let pkgCache!: Map<number, string | undefined>;
  let moduleFns: Map<number, number[]> | undefined;
  // Receiver def-use for the checks' typing (scanner/checks/model-types.ts): what `this.x` is assigned anywhere in
  // the file (by field name: Hermes keeps no classes) and what each function returns, as `either` alternatives.
  let thisFields!: Map<string, Receiver>;
  let returnedAs!: (Receiver[] | undefined)[];
  // Exports of the app's own Metro modules, by factory: Babel's `exports.name = f`, or esbuild's getter object
  // (`__export(m_exports, { name: () => f })`); null: more than one function. What a getter returns: retClosure.
  let moduleExports!: Map<number, Map<string, { fn: number; getter: boolean } | null>>;
  let retClosure!: (number | null | undefined)[];
  // Babel-lowered class constructors seen so far (by function index): their helper calls give `this` back.
  const lowered = new LoweredConstructors();
  // Regenerator state machines (Babel's async functions before native generators, React Native <= 0.68: the body is
  // `R.async(function (ctx) { while (1) switch (ctx.prev = ctx.next) {…} }, null, this, null, Promise)`), found by
  // shape: a function whose parameter 1's state field (`next`, Babel 7.28+: `n`) is compared with case labels.
  // Per function: the labels of each case block (by offset in the function), what each step awaited before
  // resuming at a label (`ctx.next = 3; return R.awrap(x)`: x, by the Ret's offset), and what it returns
  // (`ctx.abrupt("return", v)`, `ctx.a(2, v)`); `ctx.sent` (`ctx.v`) in a case block is the awaited value.
  let smCases!: Map<number, Map<number, number[]>>;
  let smAwaited!: Map<number, Map<number, Map<number, Abs>>>;
  let smReturned!: (Receiver[] | undefined)[];
  /** State machines run by an async runtime call (five arguments, the last the Promise): awaited values come wrapped. */
  let smAsync!: Set<number>;
  // Generator bodies compiled by hermesc (native generator instructions, or its lowering to a state machine): what
  // resumes after a suspension is the value it handed out (an async body: the awaited value), and what the body
  // returns is what its wrapper's runner gives (suspensions.ts). Functions that overwrite their own binding (Babel's
  // `_getEngine = _asyncToGenerator(…)`) keep it (self-binding.ts).
  const susp = new Suspensions<Abs, Receiver>();
  const selfBindings = new SelfBindings();

  function start(ctx: BytecodeContext, f: HermesFile, opts: HermesModelOptions): void {
    lowered.reset();
    susp.reset();
    selfBindings.reset();
    ({ data, table, header, layout } = ctx);
    modern = header.version >= 97;
    thisOffset = modern ? 8 : 7;
    classes = classify(table, modern);
    file = f;
    fns = f.functions;
    texts = f.strings.map((s) => s.value);
    labels = fns.map((fn) => functionLabel(f, fn.index));
    maxCalls = opts.maxCalls ?? MAX_CALLS;
    reference = opts.reference === true;
    pendingAt.clear();
    parentFn = new Int32Array(fns.length).fill(-1);
    closureEnv = new Array(fns.length);
    functionEnvs = new Array(fns.length);
    innerEnvs = new Map();
    envs = [];
    modules = new Map();
    moduleOfId = new Map();
    returns = new Array(fns.length);
    summaryByName = undefined;
    closures = new Array(fns.length);
    smallNumbers = new Array(256);
    paramAbs = new Array(fns.length);
    slotUnknown = new Map();
    noEnvSlot = unknownAbs('', { kind: 'other', text: 'closure variable' });
    stringAbs = new Array(header.stringCount);
    calls = [];
    callContext = new Array(fns.length);
    // Logical locations name the function and its Hermes index (names repeat: an async function and its body, `""`).
    functions = fns.map((fn) => ({ name: label(fn.index), index: fn.index, params: Math.max(0, fn.paramCount - 1), offset: fn.offset, length: fn.size, context: `${label(fn.index)} [function ${fn.index}]` }));
    shapes = new Array(fns.length);
    markChunk = new Int32Array(0);
    markUsed = 0;
    buildNo++;
    callResults = new Map();
    fieldReads = new Map();
    bareFieldReads = new Map();
    literalCache = new Map();
    literalFlat = new Map();
    templates = new WeakMap();
    siteTemplates = new Map();
    markers = markerTable(opts.rules);
    pkgCache = new Map();
    moduleFns = undefined;
    thisFields = new Map();
    returnedAs = new Array(fns.length);
    moduleExports = new Map();
    retClosure = new Array(fns.length);
    smCases = new Map();
    smAwaited = new Map();
    smReturned = new Array(fns.length);
    smAsync = new Set();
  }

  /** Drops the build's state (the builder outlives it: it must not keep the file, its model or its caches alive). */
  function release(): void {
    data = undefined!;
    file = undefined!;
    fns = undefined!;
    texts = labels = undefined!;
    closureEnv = functionEnvs = undefined!;
    innerEnvs = undefined!;
    envs = undefined!;
    modules = undefined!;
    moduleOfId = undefined!;
    returns = undefined!;
    summaryByName = undefined;
    closures = smallNumbers = stringAbs = undefined!;
    paramAbs = undefined!;
    slotUnknown = undefined!;
    calls = undefined!;
    callResults = undefined!;
    fieldReads = undefined!;
    bareFieldReads = undefined!;
    callContext = undefined!;
    functions = undefined!;
    shapes = undefined!;
    markChunk = new Int32Array(0);
    literalCache = literalFlat = undefined!;
    templates = undefined!;
    siteTemplates = undefined!;
    pkgCache = undefined!;
    moduleFns = undefined;
    thisFields = undefined!;
    returnedAs = undefined!;
    moduleExports = undefined!;
    retClosure = undefined!;
    smCases = smAwaited = undefined!;
    smReturned = undefined!;
    smAsync = undefined!;
    susp.reset();
    selfBindings.reset();
    // The walk's state (it would keep the last function's values alive).
    wFn = undefined!;
    wShape = undefined!;
    regs = [];
    envRegs = envSince = undefined;
    pending.length = 0;
    pendingAt.clear();
  }
  /** `this.x` as a receiver: whatever the file assigns to `this.x` (filled as the walk meets assignments). */
  const thisField = (prop: string): Receiver => {
    let r = thisFields.get(prop);
    if (!r) thisFields.set(prop, (r = { kind: 'either', of: [] }));
    return r;
  };
  /** `o.key = val`: `this.key` and a React ref's `.current` hold val from now on (for receivers). */
  const assigned = (o: Abs, key: string, val: Abs) => {
    if (!informative(val.as)) return;
    if (o.as.kind === 'this') addAlternative((thisField(key) as Extract<Receiver, { kind: 'either' }>).of, val.as);
    else if (o.as.kind === 'ref' && key === 'current' && o.as.value.kind === 'either') addAlternative(o.as.value.of, val.as);
    else if (o.keys !== undefined && o.v.kind === 'object') {
      // An object literal holding a receiver (a hook's `return { engine, … }`): its property is that receiver.
      if (o.as.kind !== 'object') o.as = { kind: 'object', props: {} };
      o.as.props[key] = val.as;
    }
  };
  /** `exports.key = f` in a Metro factory, or `{ key: () => f }` (esbuild's export getters) made in one. */
  const exported = (fn: number, o: Abs, key: string, val: Abs) => {
    if (val.closure === undefined) return;
    let factory: number | undefined;
    if (o.special === 'exports') factory = moduleOfId.get(o.moduleId!);
    else if (o.keys !== undefined && o.v.kind === 'object' && modules.has(fn)) factory = fn;
    if (factory === undefined) return;
    let m = moduleExports.get(factory);
    if (!m) moduleExports.set(factory, (m = new Map()));
    const old = m.get(key);
    const getter = o.special !== 'exports';
    if (old === undefined) m.set(key, { fn: val.closure, getter });
    else if (old && (old.fn !== val.closure || old.getter !== getter)) m.set(key, null);
  };
  /** The function an app module exports under `key` (a register value of its closure), when known. */
  const exportOf = (moduleId: number, key: string): Abs | undefined => {
    const factory = moduleOfId.get(moduleId);
    const e = factory !== undefined ? moduleExports.get(factory)?.get(key) : undefined;
    if (!e) return undefined;
    const target = e.getter ? retClosure[e.fn] : e.fn;
    return typeof target === 'number' ? closureAbs(target) : undefined;
  };
  const stringAt = (id: number): string | undefined => texts[id];
  const label = (i: number) => labels[i] ?? functionLabel(file, i);

  // Closure structure: which function created each function (parent) and with which environment.
  // Environments, interned: a function's own (by function index) and inner scopes (by function and offset).
  const newEnv = (): Env => {
    const e: Env = { parent: undefined, slots: undefined, prev: undefined, abs: undefined };
    envs.push(e);
    return e;
  };
  // Slot values (Env.slots; null: stored more than one different value). Each round stores afresh (values improve
  // as modules resolve) and reads what this round stored so far, else what the previous round stored (Env.prev).

  // A `let engine;` slot starts undefined and is reset to null on teardown: those stores do not make the one object
  // it holds otherwise ambiguous (a call on it runs only when it holds that object).
  const nullish = (a: Abs) => a.v.kind === 'undefined' || a.v.kind === 'null';
  const storeSlot = (env: Env, slot: number, a: Abs) => {
    const slots = (env.slots ??= []);
    const old = slots[slot];
    if (old === undefined) slots[slot] = a;
    else if (old && !nullish(old) && !nullish(a) && !sameAbs(old, a)) slots[slot] = null;
    else if (old && nullish(old) && !nullish(a)) slots[slot] = a;
  };

  // What a function returns when every `Ret` returns the same string building (`${BASE}/presence?uid=${uid}`):
  // calls substitute their arguments for its parameters. Linked by function name (Hermes keeps names), only when
  // the name is unique among functions with a summary.
  // By function index; undefined: no Ret seen yet, null: not one string building.
  const noteReturn = (f: number, v: ModelValue | undefined) => {
    const old = returns[f];
    if (v === undefined || (old !== undefined && (old === null || !sameValue(old, v)))) returns[f] = null;
    else returns[f] = v;
  };
  const summaryOf = (nameOrFn: string | number): ModelValue | undefined => {
    if (typeof nameOrFn === 'number') return returns[nameOrFn] ?? undefined;
    if (!summaryByName) {
      summaryByName = new Map();
      for (let f = 0; f < returns.length; f++) {
        const v = returns[f];
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

  /** A register holding the closure of function `target` (one per function). */
  const closureAbs = (target: number): Abs => {
    let a = closures[target];
    if (a) return a;
    a = unknownAbs(label(target));
    a.closure = target;
    a.name = label(target);
    if (target < fns.length) closures[target] = a;
    return a;
  };
  /** Small integer constants (LoadConstUInt8 and the like), and each function's parameters, made once. */
  /** What a closure-variable load gives when the slot holds nothing known, per slot index (and unknown env). */
  /** A Metro dependency-map entry: the module id it names. */
  const depAbs = (moduleId: number | undefined): Abs => {
    const a = withText('dep');
    a.moduleId = moduleId;
    return a;
  };


  /** LoadConstString results by string id (constant: shared by every load of the string). */

  // Logical locations name the function and its Hermes index (names repeat: an async function and its body, `""`).

  // What each function's code looks like to the walk, computed once (the walk runs three rounds).
  interface Shape {
    /** At each offset (from the function start, plus `base`) where a jump lands, its rank in targetList + 1; else 0. */
    targets: Int32Array;
    base: number;
    /** The same offsets in order: a jump's state waits in the slot of its target's rank. */
    targetList: Int32Array;
    /** Loop heads → the last back-edge source (undefined: no loops). */
    loopEnd: Map<number, number> | undefined;
    /** The other writes of environment registers, listed when one is first asked about (see envWritesOf). */
    envWrites?: Map<number, number[]>;
    /** Loop head → the registers its body writes (filled as the walk meets the heads). */
    loopWrites?: Map<number, number[]>;
    /** Has call instructions / environment stores (what later rounds need a function for). */
    calls: boolean;
    stores: boolean;
  }
  /**
   * Zeroed room for a function's jump-target marks, cut from shared chunks: a typed array per function was an
   * ArrayBuffer (and a runtime call) per function per build. Rooms are never reused within a build (shapes are kept;
   * the reference walk, which recomputes shapes per walk, gets fresh rooms too).
   */
  function targetMarks(size: number): { buf: Int32Array; at: number } {
    if (markUsed + size > markChunk.length) {
      markChunk = new Int32Array(Math.max(MARK_CHUNK, size));
      markUsed = 0;
    }
    const at = markUsed;
    markUsed += size;
    return { buf: markChunk, at };
  }
  function shapeOf(fn: HermesFunctionInfo): Shape | null {
    const end = fn.offset + fn.size;
    const { buf, at: tb } = targetMarks(fn.size);
    const s: Shape = { targets: buf, base: tb, targetList: NO_TARGETS, loopEnd: undefined, envWrites: undefined, loopWrites: undefined, calls: false, stores: false };
    let count = 0;
    for (let at = fn.offset; at < end;) {
      const op = table[data[at]!];
      if (!op || at + op.length > end) return null;
      const c = classes[op.code]!;
      if (c.kind === K.CallN || c.kind === K.Call || c.kind === K.Construct || c.kind === K.CallDirect) s.calls = true;
      else if (c.kind === K.EnvStore) s.stores = true;
      for (let k = 0; k < c.addrs.length; k++) {
        const to = at + readOperand(data, at, op, c.addrs[k]!);
        if (to >= fn.offset && to < end && buf[tb + to - fn.offset] === 0) {
          buf[tb + to - fn.offset] = 1;
          count++;
        }
        if (to <= at) (s.loopEnd ??= new Map()).set(to, Math.max(s.loopEnd.get(to) ?? 0, at));
      }
      // A switch's cases are jump targets too (their blocks start with the switch's register state).
      if (c.kind === K.SwitchImm) {
        for (const to of switchTargets(data, at, op, end)) {
          if (to >= 0 && buf[tb + to - fn.offset] === 0) {
            buf[tb + to - fn.offset] = 1;
            count++;
          }
        }
      }
      at += op.length;
    }
    if (count) {
      s.targetList = new Int32Array(count);
      for (let i = 0, k = 0; k < count; i++) {
        if (buf[tb + i] !== 0) {
          s.targetList[k++] = i;
          // The mark becomes the target's rank + 1: a jump finds its pending slot without a search.
          buf[tb + i] = k;
        }
      }
    }
    return s;
  }
  // Register writes are looked up for two questions only, so only their answers are kept (a list of write offsets
  // per register of every function was half of what a build kept alive, all of it copied by the collector).
  /**
   * For each register an environment maker writes, the offsets (in order) where another instruction writes it: an
   * environment register survives the blocks no such write touches (keepsEnv asks only about these registers).
   */
  function envWritesOf(fn: HermesFunctionInfo): Map<number, number[]> {
    const end = fn.offset + fn.size;
    const m = new Map<number, number[]>();
    for (let at = fn.offset; at < end;) {
      const op = table[data[at]!]!;
      if (classes[op.code]!.envMaker) {
        const r = readOperand(data, at, op, 0);
        if (!m.has(r)) m.set(r, []);
      }
      at += op.length;
    }
    if (!m.size) return m;
    for (let at = fn.offset; at < end;) {
      const op = table[data[at]!]!;
      const c = classes[op.code]!;
      if (c.writes0 && !c.envMaker) m.get(readOperand(data, at, op, 0))?.push(at);
      at += op.length;
    }
    return m;
  }
  /** The registers the instructions in [from, last] write (a loop body: from its head to its last back edge). */
  function writtenBetween(from: number, last: number): number[] {
    const seen = new Set<number>();
    // The shape decoded every instruction of the function, and `from` starts one.
    for (let at = from; at <= last;) {
      const op = table[data[at]!]!;
      const c = classes[op.code]!;
      if (c.writes0) seen.add(readOperand(data, at, op, 0));
      if (c.multiWrite) for (let i = 1; i < op.types.length; i++) if (op.types[i] === 'Reg8' || op.types[i] === 'Reg32') seen.add(readOperand(data, at, op, i));
      at += op.length;
    }
    return [...seen];
  }

  // The walk's state: one function is walked at a time (builds never nest, and nothing the walk calls walks), so
  // it lives here instead of in closures made per walk (a dozen per function and round were a sixth of what a
  // build allocated).
  let wFn!: HermesFunctionInfo;
  let wShape!: Shape;
  /** Registers as an array, undefined = not known. Jumps hand the array itself to their targets and mark it shared;
   * the first write after that copies it (most edges are followed by a write, some by more edges). */
  let regs: Regs = [];
  let shared = false;
  // Registers an environment maker wrote, in first-write order, and the offset of its latest write (few per
  // function: two short lists instead of a Map per walk).
  let envRegs: number[] | undefined;
  let envSince: number[] | undefined;
  // Register states carried by jumps to the blocks they enter; a block starts with what every way in agrees on.
  // By the rank of the target in targetList (the shape's marks give it).
  // One array for every walk: each walk clears the ranks it uses.
  const pending: (Regs[] | undefined)[] = [];
  let live = true;
  // The walked function as a state machine: its case labels, the labels of the block being walked, the label the
  // current step resumes at (`ctx.next = N`), and the last one-argument call (an awaited value's wrapper, `R.awrap(x)`).
  let wCases: Map<number, number[]> | undefined;
  let curLabels: number[] | undefined;
  let pendingNext: number | undefined;
  let lastUnary: Abs | undefined;
  let lastUnaryArg: Abs | undefined;
  /** Parameter 1 of the walked function (a state machine's context). */
  const isCtx = (a: Abs, name: string): boolean => a.as.kind === 'param' && a.as.index === 1 && a.as.fn === name;
  /** `ctx.next` (`ctx.n`) read from parameter 1: a state machine's state. */
  const isState = (a: Abs, name: string): boolean => (a.member?.prop === 'next' || a.member?.prop === 'n') && a.member.of.kind === 'param' && a.member.of.index === 1 && a.member.of.fn === name;
  const addCase = (fnIndex: number, rel: number, label: number) => {
    let m = smCases.get(fnIndex);
    if (!m) smCases.set(fnIndex, (m = new Map()));
    if (wFn.index === fnIndex) wCases = m;
    const l = m.get(rel);
    if (!l) m.set(rel, [label]);
    else if (!l.includes(label) && l.length < 8) l.push(label);
  };
  /** What the steps resuming at these labels awaited (one value, or their alternatives as a receiver). */
  const awaitedAt = (fnIndex: number, labels: number[]): Abs | undefined => {
    const byLabel = smAwaited.get(fnIndex);
    if (!byLabel) return undefined;
    const found: Abs[] = [];
    for (const l of labels) for (const a of byLabel.get(l)?.values() ?? []) if (!found.includes(a)) found.push(a);
    if (found.length <= 1) return found[0];
    const alts: Receiver[] = [];
    for (const a of found) if (informative(a.as)) addAlternative(alts, a.as);
    return new Abs(found[0]!.v, alts.length ? { kind: 'either', of: alts } : UNKNOWN);
  };

  /** One value for what several suspensions handed out (their alternatives as a receiver). */
  const oneOf = (found: Abs[]): Abs => {
    if (found.length === 1) return found[0]!;
    const alts: Receiver[] = [];
    for (const a of found) if (informative(a.as)) addAlternative(alts, a.as);
    return new Abs(found[0]!.v, alts.length ? { kind: 'either', of: alts } : UNKNOWN);
  };
  /** A lowered generator body resumes at `at`: the sent value (parameter 2) is what the suspension handed out. */
  const resumeSent = (fnIndex: number, at: number) => {
    const sent = paramAbs[fnIndex]?.[2];
    const found = sent ? susp.awaitedAt(at) : undefined;
    if (!found) return;
    const v = oneOf(found);
    for (let r = 0; r < regs.length; r++) if (regs[r] === sent) setReg(r, v);
  };
  /** `{value: v, done: b}` returned by a lowered generator body: v (the register value stored there, if seen). */
  let yieldObj: Abs | undefined;
  let yieldVal: Abs | undefined;
  const iterResult = (ret: Abs): { value: Abs; done: boolean } | undefined => {
    if (ret.v.kind !== 'object') return undefined;
    const done = ret.v.props.done;
    if (done?.kind !== 'boolean' || !Object.hasOwn(ret.v.props, 'value')) return undefined;
    if (ret === yieldObj && yieldVal) return { value: yieldVal, done: done.value };
    const as = ret.as.kind === 'object' ? ret.as.props.value : undefined;
    return { value: new Abs(ret.v.props.value as ModelValue, as ?? UNKNOWN), done: done.value };
  };
  const addReturn = (list: Receiver[], v: Abs) => {
    if (informative(v.as)) addAlternative(list, v.as);
  };

  const own = () => {
    if (shared) {
      regs = regs.slice();
      shared = false;
    }
  };
  const getReg = (r: number): Abs => regs[r] ?? UNKNOWN_ABS;
  const setReg = (r: number, a: Abs | undefined) => {
    own();
    regs[r] = a;
  };
  const envAt = (r: number): number | undefined => {
    if (envRegs) for (let i = 0; i < envRegs.length; i++) if (envRegs[i] === r) return envSince![i];
    return undefined;
  };
  const noteEnv = (r: number, at: number) => {
    if (!envRegs) {
      envRegs = [r];
      envSince = [at];
      return;
    }
    for (let i = 0; i < envRegs.length; i++) {
      if (envRegs[i] === r) {
        envSince![i] = at;
        return;
      }
    }
    envRegs.push(r);
    envSince!.push(at);
  };
  const keepsEnv = (r: number, a: Abs, now: number) => {
    if (a.env === undefined) return false;
    const since = envAt(r);
    return since !== undefined && !writtenIn((wShape.envWrites ??= envWritesOf(wFn)).get(r), since + 1, now - 1);
  };
  const clear = (now: number) => {
    // Only registers an environment maker wrote can be kept (keepsEnv).
    if (!envRegs) {
      regs = [];
      shared = false;
      return;
    }
    for (let r = 0; r < regs.length; r++) {
      const a = regs[r];
      if (a && !keepsEnv(r, a, now)) {
        own();
        regs[r] = undefined;
      }
    }
  };
  /** A block entry at `at`, the target of rank `rank` (its slot in `pending`). */
  const enter = (at: number, rank: number) => {
    const sh = wShape;
    let ins: Regs[] | undefined;
    if (reference) {
      ins = pendingAt.get(at);
      pendingAt.delete(at);
    } else {
      ins = pending[rank];
      pending[rank] = undefined;
    }
    if (live) {
      if (ins) ins.push(regs);
      else ins = [regs];
    }
    // One way in: its state as it is (shared with whoever else holds it); several (or none): their meet (a new
    // array).
    const count = ins ? ins.length : 0;
    let merged = count === 1 ? (reference ? ins![0]!.slice() : ins![0]!) : count ? meet(ins!, reference) : [];
    // `fresh`: merged is ours to write (else copied before the first write). A meet that changed nothing is the
    // first way in's state, shared.
    let fresh = reference || count === 0 || (count !== 1 && merged !== ins![0]);
    // Environment registers the meet lost but no other write touched since they were made stay (keepsEnv needs
    // an envAt entry, so only those registers are looked at).
    if (envRegs) {
      for (let i = 0; i < envRegs.length; i++) {
        const r = envRegs[i]!;
        const a = regs[r];
        if (a && !merged[r] && keepsEnv(r, a, at)) {
          if (!fresh) {
            merged = merged.slice();
            fresh = true;
          }
          merged[r] = a;
        }
      }
    }
    const last = sh.loopEnd?.get(at);
    // A loop head: what the loop body writes is not known on the back edge.
    if (last !== undefined) {
      let body = sh.loopWrites?.get(at);
      if (!body) {
        // The registers written between the head and the last back edge, found once per loop (rounds repeat).
        body = writtenBetween(at, last);
        (sh.loopWrites ??= new Map()).set(at, body);
      }
      for (const r of body) {
        const a = merged[r];
        if (a && !keepsEnv(r, a, last + 1)) {
          if (!fresh) {
            merged = merged.slice();
            fresh = true;
          }
          merged[r] = undefined;
        }
      }
    }
    regs = merged;
    shared = !fresh;
  };
  /**
   * The arguments of Call/Construct/CallDirect: below `this` at the top of the frame. A count past the frame's
   * registers (malformed bytecode: CallLong/ConstructLong carry a 32-bit count) stops at register 0.
   */
  const argWindow = (argc: number, thisReg: number): Abs[] => {
    const n = Math.min(argc - 1, thisReg);
    if (n <= 0) return [];
    const out: Abs[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = getReg(thisReg - 1 - i);
    return out;
  };

  // The walk of one function: a loop that finds block entries and hands each instruction to the handler of its kind
  // (a table of small functions, not one switch): V8 optimises each handler soon after the walk starts and keeps it
  // optimised, where one function with every case inside took seconds of TurboFan compile time, was thrown away on
  // every new value shape and ran in the baseline tier until then — which is most of a scan, as a scan meets each
  // file once. What a handler needs of the walked function is in the walk's state (wFn, wName, …).
  let wName = '';
  let wEnd = 0;
  let wGen = false;
  let wEmit = false;
  let thisOffset = 8;
  // The block being walked, and the fast path of an `f.apply(this, arguments)` (JmpBuiltinIs) with the register
  // holding `apply`.
  let blockAt = 0;
  let fastApplyAt = -1;
  let fastApplyReg = 0;
  type Handler = (at: number, op: OpInfo, c: OpClass) => void;
  const handlers: Handler[] = [];

  function run(fn: HermesFunctionInfo, round: number): void {
    if (!fn.size) return;
    let shape = reference ? shapeOf(fn) : shapes[fn.index];
    if (shape === undefined) shape = shapes[fn.index] = shapeOf(fn);
    if (!shape) return;
    // Later rounds only need what can change: slot stores, string return summaries (a function whose return was
    // not one stays so), and, when emitting, calls. What round 0 learnt of closures and modules is kept.
    if (round === 1 && !shape.stores && returns[fn.index] === null) return;
    if (round === 2 && !shape.stores && !shape.calls) return;
    wEmit = round === 2;
    const { targets, targetList } = shape;
    const tbase = shape.base - fn.offset;
    wFn = fn;
    wShape = shape;
    regs = [];
    shared = false;
    envRegs = envSince = undefined;
    for (let i = 0; i < targetList.length; i++) pending[i] = undefined;
    // (Map.clear makes a new table: only the reference walk uses this one.)
    if (reference) pendingAt.clear();
    live = true;
    wCases = smCases.get(fn.index);
    curLabels = pendingNext = lastUnary = lastUnaryArg = undefined;
    const gen = (wGen = susp.begin(fn.index, closureEnv[fn.index]));
    yieldObj = yieldVal = undefined;
    blockAt = fn.offset;
    fastApplyAt = -1;
    fastApplyReg = 0;
    const end = (wEnd = fn.offset + fn.size);
    wName = label(fn.index);
    let at = fn.offset;
    let op = table[data[at]!]!;
    for (; at < end; at += op.length) {
      op = table[data[at]!]!;
      const c = classes[op.code]!;
      const mark = targets[tbase + at]!;
      if (mark !== 0 || !live) {
        if (mark !== 0) enter(at, mark - 1);
        else clear(at);
        if (wCases) {
          curLabels = wCases.get(at - fn.offset);
          pendingNext = undefined;
        }
        blockAt = at;
        if (gen) susp.blockStart(at);
      } else if (c.kind === K.Catch) clear(at);
      live = true;
      if (gen && susp.resumesAt(at)) resumeSent(fn.index, at);
      handlers[c.kind]!(at, op, c);
      if (c.envMaker) noteEnv(readOperand(data, at, op, 0), at);
      if (c.addrs.length !== 0 || c.kind === K.SwitchImm) edges(at, op, c);
      if (c.ends) live = false;
    }
  }

  /**
   * Edges: every address operand (jumps, switch defaults, generator resume points) carries this state forward (to a
   * target inside the function: the walk never enters others); a switch's case targets get its state as jumps do.
   */
  function edges(at: number, op: OpInfo, c: OpClass): void {
    const end = wEnd;
    for (let k = 0; k < c.addrs.length; k++) {
      const to = at + readOperand(data, at, op, c.addrs[k]!);
      if (to <= at) continue;
      if (to < end) carry(to);
      else if (!reference) shared = true;
    }
    // `JmpTrue L, isReturn` after a ResumeGenerator: L answers `gen.return(x)`.
    if (wGen && c.jumpIfTrue && getReg(readOperand(data, at, op, 1)) === RESUME_FLAG) susp.protocolPath(at + readOperand(data, at, op, 0));
    if (c.kind === K.SwitchImm) for (const to of switchTargets(data, at, op, end)) if (to >= 0) carry(to);
  }
  /** Hands the current register state to the block at `to` (shared; the reference walk hands each jump a copy). */
  function carry(to: number): void {
    if (reference) {
      const l = pendingAt.get(to);
      if (l) l.push(regs.slice());
      else pendingAt.set(to, [regs.slice()]);
      return;
    }
    const rank = wShape.targets[wShape.base - wFn.offset + to]! - 1;
    const l = pending[rank];
    if (l) l.push(regs);
    else pending[rank] = [regs];
    shared = true;
  }

  // The handlers, by opcode kind (K).
  const reg0 = (at: number, op: OpInfo) => readOperand(data, at, op, 0);
  handlers[K.LoadString] = (at, op) => {
    const id = readOperand(data, at, op, 1);
    let a = reference ? undefined : stringAbs[id];
    if (!a) {
      const s = stringAt(id);
      a = s === undefined ? unknownAbs('string') : constAbs({ kind: 'string', value: s });
      if (id < stringAbs.length) stringAbs[id] = a;
    }
    setReg(reg0(at, op), a);
  };
  handlers[K.LoadNumber] = (at, op) => {
    const n = readOperand(data, at, op, 1);
    let a = n >= 0 && n < 256 && n === (n | 0) && !reference ? smallNumbers[n] : undefined;
    if (!a) {
      a = constAbs({ kind: 'number', value: n });
      if (n >= 0 && n < 256 && n === (n | 0)) smallNumbers[n] = a;
    }
    setReg(reg0(at, op), a);
  };
  handlers[K.LoadConst] = (at, op, c) => setReg(reg0(at, op), c.abs!);
  handlers[K.Mov] = (at, op) => {
    own();
    regs[reg0(at, op)] = regs[readOperand(data, at, op, 1)];
  };
  handlers[K.LoadParam] = (at, op) => {
    const fn = wFn;
    const i = readOperand(data, at, op, 1);
    const factory = modules.get(fn.index);
    let a: Abs;
    if (factory && (i === 2 || i === 3 || i === 4)) {
      // Metro's factory parameters: require, importDefault (the module's default export), importAll.
      a = withText('require');
      a.special = i === 3 ? 'importDefault' : 'require';
    } else if (factory && (i === 5 || i === 6)) {
      // Metro's `module` (5: `module.exports = f`) and `exports` (6; Babel: `exports.default = useEngine`).
      a = withText('exports');
      a.special = 'exports';
      a.moduleId = factory.id;
    } else if (factory && i === 7) {
      a = withText('dependencyMap');
      a.special = 'depmap';
      a.deps = factory.deps;
    } else if (i === 0) a = THIS_ABS;
    else {
      const mine = (paramAbs[fn.index] ??= []);
      if (!mine[i]) {
        // The origin and the receiver are the same term (one object for both: values are never mutated).
        const param = { kind: 'param' as const, fn: wName, index: i };
        mine[i] = new Abs({ kind: 'unknown', text: '', origin: param }, param);
      }
      a = mine[i]!;
    }
    setReg(reg0(at, op), a);
  };
  handlers[K.Global] = (at, op) => setReg(reg0(at, op), GLOBAL_ABS);
  handlers[K.LoadThis] = (at, op) => setReg(reg0(at, op), THIS_ABS);
  handlers[K.GetById] = (at, op) => {
    const o = getReg(readOperand(data, at, op, 1));
    const prop = stringAt(readOperand(data, at, op, 3)) ?? '?';
    // `ctx.sent` in a state machine's case block: what the step resuming there awaited.
    const sent = curLabels && (prop === 'sent' || prop === 'v') && isCtx(o, wName) ? awaitedAt(wFn.index, curLabels) : undefined;
    setReg(reg0(at, op), sent ?? member(o, prop));
  };
  handlers[K.StrictEqJump] = (at, op) => {
    // `switch (ctx.prev = ctx.next)` compiled to a chain of `JStrictEqual L, label, state`.
    const fn = wFn;
    const a = getReg(readOperand(data, at, op, 1));
    const b = getReg(readOperand(data, at, op, 2));
    const v = isState(a, wName) ? b.v : isState(b, wName) ? a.v : undefined;
    if (v?.kind === 'number') addCase(fn.index, at + readOperand(data, at, op, 0) - fn.offset, v.value);
    if (wGen) susp.compare(a, b, a.v.kind === 'number' ? a.v.value : undefined, b.v.kind === 'number' ? b.v.value : undefined, at + readOperand(data, at, op, 0), at + op.length, isCtx(a, wName) || isCtx(b, wName));
  };
  handlers[K.SwitchImm] = (at, op) => {
    // A dense switch on the state: a jump table (4-byte aligned, relative to the instruction) from min to max.
    const fn = wFn;
    if (wGen) susp.switchOn(getReg(reg0(at, op)), readOperand(data, at, op, 3), switchTargets(data, at, op, wEnd), at + readOperand(data, at, op, 2));
    if (!isState(getReg(reg0(at, op)), wName)) return;
    const min = readOperand(data, at, op, 3);
    const tos = switchTargets(data, at, op, wEnd);
    for (let i = 0; i < tos.length; i++) if (tos[i]! >= 0) addCase(fn.index, tos[i]! - fn.offset, min + i);
  };
  handlers[K.GetByIndex] = (at, op) => {
    const o = getReg(readOperand(data, at, op, 1));
    setReg(reg0(at, op), o.special === 'depmap' && o.deps ? depAbs(o.deps[readOperand(data, at, op, 2)]) : UNKNOWN_ABS);
  };
  handlers[K.GetByVal] = (at, op) => {
    const o = getReg(readOperand(data, at, op, 1));
    const k = getReg(readOperand(data, at, op, 2)).v;
    let a: Abs;
    if (o.special === 'depmap' && o.deps && k.kind === 'number') a = depAbs(o.deps[k.value]);
    else if (k.kind === 'string') a = member(o, k.value);
    else a = UNKNOWN_ABS;
    setReg(reg0(at, op), a);
  };
  handlers[K.Closure] = (at, op, c) => {
    const fn = wFn;
    const target = readOperand(data, at, op, 2);
    if (target < fns.length) {
      if (parentFn[target] === -1) parentFn[target] = fn.index;
      const env = getReg(readOperand(data, at, op, 1)).env;
      if (env && !closureEnv[target]) closureEnv[target] = env;
      if (c.makesGenerator) susp.created(fn.index, target);
      setReg(reg0(at, op), closureAbs(target));
    } else setReg(reg0(at, op), UNKNOWN_ABS);
  };
  handlers[K.FunctionEnv] = (at, op) => {
    const fn = wFn;
    const env = (functionEnvs[fn.index] ??= newEnv());
    const parent = closureEnv[fn.index];
    if (parent && !env.parent) env.parent = parent;
    setReg(reg0(at, op), envAbs(env));
  };
  handlers[K.InnerEnv] = (at, op) => {
    const fn = wFn;
    const id = fn.index * 0x100000000 + (at - fn.offset);
    let env = innerEnvs.get(id);
    if (!env) innerEnvs.set(id, (env = newEnv()));
    const parent = getReg(readOperand(data, at, op, 1)).env;
    if (parent && !env.parent) env.parent = parent;
    setReg(reg0(at, op), envAbs(env));
  };
  handlers[K.ParentEnv] = (at, op) => {
    // v97+: GetParentEnvironment d, depth; before: GetEnvironment d, depth. 0 = the closure's captured env.
    let env = closureEnv[wFn.index];
    for (let k = readOperand(data, at, op, 1); k > 0 && env; k--) env = env.parent;
    setReg(reg0(at, op), envAbs(env));
  };
  handlers[K.EnvOf] = (at, op) => {
    // v97+: GetEnvironment d, env, depth: the environment `depth` levels above the one in register env.
    let env = getReg(readOperand(data, at, op, 1)).env;
    for (let k = readOperand(data, at, op, 2); k > 0 && env; k--) env = env.parent;
    setReg(reg0(at, op), envAbs(env));
  };
  handlers[K.ClosureEnv] = (at, op) => {
    // GetClosureEnvironment d, closure: the environment the closure captured.
    const target = getReg(readOperand(data, at, op, 1)).closure;
    const env = target !== undefined ? closureEnv[target] : undefined;
    setReg(reg0(at, op), envAbs(env));
  };
  handlers[K.EnvStore] = (at, op) => {
    const env = getReg(reg0(at, op)).env;
    if (!env) return;
    const slot = readOperand(data, at, op, 1);
    const val = getReg(readOperand(data, at, op, 2));
    if (val.closure !== undefined) selfBindings.stored(val.closure, env, slot);
    if (wGen && val.v.kind === 'number') susp.stored(env, slot, val.v.value);
    if (!selfBindings.isOwn(wFn.index, env, slot)) storeSlot(env, slot, val);
  };
  handlers[K.EnvLoad] = (at, op) => {
    const env = getReg(readOperand(data, at, op, 1)).env;
    const index = readOperand(data, at, op, 2);
    const here = env?.slots?.[index];
    // Only `undefined`/`null` stored so far this round (a hoisted `var` the code reaching it first clears, as
    // a regenerator state machine's later case blocks come first in the bytecode): what the last round stored.
    const before = env && (here === undefined || (here !== null && nullish(here))) ? env.prev?.[index] : undefined;
    const slot = env ? (here === undefined || (before && !nullish(before)) ? before ?? here : here) : undefined;
    let a = slot ?? (env ? slotUnknown.get(index) : noEnvSlot);
    if (!a) slotUnknown.set(index, (a = unknownAbs('', { kind: 'other', text: `closure variable ${index}` })));
    // A generator body's own closure environment may hold its resume state: a fresh value names the slot.
    if (wGen && susp.mayBeState(env) && (a.v.kind === 'number' || (a.v.kind === 'unknown' && a.as.kind === 'unknown' && a.env === undefined && a.closure === undefined))) {
      a = new Abs(a.v, a.as);
      susp.tag(a, env!, index);
    }
    setReg(reg0(at, op), a);
  };
  handlers[K.NewObjectBuffer] = (at, op) => {
    // Each round meets the same literal at the same instruction: its template is looked up once per build.
    let t = reference ? undefined : siteTemplates.get(at);
    if (t === undefined) {
      t = objectTemplate(readOperand(data, at, op, 1), readOperand(data, at, op, 2), modern ? undefined : readOperand(data, at, op, 3), modern ? undefined : readOperand(data, at, op, 4)) ?? null;
      if (!reference) siteTemplates.set(at, t);
    }
    setReg(reg0(at, op), t ? literalOf(t) : unknownAbs('object'));
  };
  handlers[K.NewObject] = (at, op) => {
    const a = new Abs({ kind: 'object', props: {} }, UNKNOWN);
    a.keys = [];
    setReg(reg0(at, op), a);
  };
  handlers[K.NewArrayBuffer] = (at, op) => {
    const items = literals(layout.valueBuffer, readOperand(data, at, op, 3), readOperand(data, at, op, 2));
    setReg(reg0(at, op), items ? constAbs({ kind: 'array', items: items.slice() }) : unknownAbs('array'));
  };
  /** `o.key = val` (an object literal's slot, or a named property). */
  const put = (o: Abs, key: string | undefined, val: Abs) => {
    if (key !== undefined && o.v.kind === 'object') writeProp(o.v, key, val.v);
    // `this.engine = createAgoraRtcEngine()`: later `this.engine.joinChannel(…)` in another method names the
    // field, so the call says where its result went (the checks give the field the result's type).
    if (key !== undefined && val.call && o.as.kind === 'this') val.call.resultTo ??= `this.${key}`;
    if (key !== undefined) {
      assigned(o, key, val);
      exported(wFn.index, o, key, val);
    }
  };
  handlers[K.PutSlot] = (at, op) => {
    const o = getReg(reg0(at, op));
    const key = o.keys?.[readOperand(data, at, op, 2)];
    const val = getReg(readOperand(data, at, op, 1));
    put(o, key, val);
    // A lowered generator body's `{value: v, done}`: the value as it is (its call, its receiver).
    if (wGen && key === 'value') (yieldObj = o), (yieldVal = val);
  };
  handlers[K.PutById] = (at, op) => {
    const o = getReg(reg0(at, op));
    const strIdx = op.stringOperands[0];
    const key = strIdx !== undefined ? stringAt(readOperand(data, at, op, strIdx)) : undefined;
    const val = getReg(readOperand(data, at, op, 1));
    put(o, key, val);
    // `ctx.next = N` in a state machine: the step that follows resumes at label N.
    if (wCases && (key === 'next' || key === 'n') && val.v.kind === 'number' && isCtx(o, wName)) pendingNext = val.v.value;
  };
  handlers[K.Add] = (at, op) => {
    const a = getReg(readOperand(data, at, op, 1)).v;
    const b = getReg(readOperand(data, at, op, 2)).v;
    if (a.kind === 'string' || b.kind === 'string' || a.kind === 'concat' || b.kind === 'concat') setReg(reg0(at, op), constAbs({ kind: 'concat', parts: [a, b] }));
    else setReg(reg0(at, op), UNKNOWN_ABS);
  };
  handlers[K.AddEmpty] = (at, op) =>
    setReg(reg0(at, op), constAbs({ kind: 'concat', parts: [{ kind: 'string', value: '' }, getReg(readOperand(data, at, op, 1)).v] }));
  handlers[K.CallN] = (at, op, c) => {
    const argRegs: Abs[] = new Array(c.count! - 1);
    for (let i = 0; i < c.count! - 1; i++) argRegs[i] = getReg(readOperand(data, at, op, 3 + i));
    const res = call(wFn, at, op.length, getReg(readOperand(data, at, op, 1)), getReg(readOperand(data, at, op, 2)), argRegs, false, wEmit);
    setReg(reg0(at, op), res);
    if (argRegs.length === 1) (lastUnary = res), (lastUnaryArg = argRegs[0]);
    // `__copyProps(target, module)` (esbuild's inlined __toESM): the target now holds the module's exports.
    if (c.count === 3 && isModule(res) && res === argRegs[1] && argRegs[0] !== res) regs[readOperand(data, at, op, 3)] = res;
  };
  handlers[K.Call] = handlers[K.Construct] = (at, op, c) => {
    const argc = readOperand(data, at, op, 2);
    const thisReg = wFn.frameSize - thisOffset;
    const argRegs = argWindow(argc, thisReg);
    const res = call(wFn, at, op.length, getReg(readOperand(data, at, op, 1)), getReg(thisReg), argRegs, c.kind === K.Construct, wEmit);
    setReg(reg0(at, op), res);
    if (argRegs.length === 1) (lastUnary = res), (lastUnaryArg = argRegs[0]);
  };
  handlers[K.CallDirect] = (at, op) => {
    const argc = readOperand(data, at, op, 1);
    const thisReg = wFn.frameSize - thisOffset;
    const callee = closureAbs(readOperand(data, at, op, 2));
    const argRegs = argWindow(argc, thisReg);
    setReg(reg0(at, op), call(wFn, at, op.length, callee, getReg(thisReg), argRegs, false, wEmit));
  };
  handlers[K.CreateThis] = (at, op) => setReg(reg0(at, op), CREATED_THIS_ABS);
  handlers[K.SuperThis] = (at, op) => setReg(reg0(at, op), SUPER_THIS_ABS);
  handlers[K.CallBuiltin] = (at, op) => {
    // `super(...args)`: HermesBuiltin.applyWithNewTarget(fn, args, this, newTarget) gives the constructor's this.
    // Its third argument sits three registers below `this` at the top of the frame (no argument list made).
    const thisReg = wFn.frameSize - thisOffset;
    const superThis = readOperand(data, at, op, 2) === 5 && thisReg >= 4 && getReg(thisReg - 3) === SUPER_THIS_ABS;
    let res: Abs | undefined = superThis ? SUPER_THIS_ABS : undefined;
    // The fast path of `f.apply(this, arguments)`: HermesBuiltin.applyArguments(f, this) gives what the slow
    // path's call gives (modelled the same, not emitted again), so the two paths agree where they meet.
    if (!superThis && blockAt === fastApplyAt && readOperand(data, at, op, 2) === 3 && thisReg >= 2) {
      res = call(wFn, at, op.length, getReg(fastApplyReg), getReg(thisReg - 1), [getReg(thisReg - 2), UNKNOWN_ABS], false, false);
    }
    setReg(reg0(at, op), res);
  };
  handlers[K.JmpBuiltinIs] = (at, op) => {
    // `f.apply(this, arguments)` (v98+): when `apply` (register operand 2) is the builtin, the target calls
    // HermesBuiltin.applyArguments(f, this) instead of the slow path's call.
    fastApplyAt = at + reg0(at, op);
    fastApplyReg = readOperand(data, at, op, 2);
  };
  handlers[K.SaveGenerator] = (at, op) => {
    // Native generator: the next Ret suspends; the body resumes at the operand.
    if (wGen) susp.save(at + reg0(at, op));
  };
  handlers[K.ResumeGenerator] = (at, op) => {
    // ResumeGenerator d, isReturn: d is what the suspension resuming here handed out (an async body: awaited).
    const found = wGen ? susp.awaitedAt(at) : undefined;
    setReg(reg0(at, op), found ? oneOf(found) : undefined);
    regs[readOperand(data, at, op, 1)] = RESUME_FLAG;
  };
  handlers[K.Select] = (at, op) => {
    const r = getReg(readOperand(data, at, op, 2));
    setReg(reg0(at, op), r.as.kind === 'new' ? r : getReg(readOperand(data, at, op, 1)));
  };
  /** Any other instruction: what it writes is not known. */
  const other: Handler = (at, op, c) => {
    if (c.writes0 || c.multiWrite) own();
    if (c.writes0) regs[reg0(at, op)] = undefined;
    // Iterators and property-name lists write more than operand 0.
    if (c.multiWrite) for (let i = 0; i < op.types.length; i++) if (op.types[i] === 'Reg8' || op.types[i] === 'Reg32') regs[readOperand(data, at, op, i)] = undefined;
  };
  handlers[K.Other] = handlers[K.Catch] = other;
  handlers[K.Ret] = (at, op, c) => {
    other(at, op, c);
    const fn = wFn;
    const ret = getReg(reg0(at, op));
    const r = ret.v;
    if (pendingNext !== undefined) {
      // A step of a state machine: the value it awaits (async mode: unwrapped from `R.awrap(x)`).
      const awaited = smAsync.has(fn.index) && ret === lastUnary ? lastUnaryArg! : ret;
      let byLabel = smAwaited.get(fn.index);
      if (!byLabel) smAwaited.set(fn.index, (byLabel = new Map()));
      let at2 = byLabel.get(pendingNext);
      if (!at2) byLabel.set(pendingNext, (at2 = new Map()));
      if (at2.size < 8 || at2.has(at)) at2.set(at, awaited);
      pendingNext = undefined;
    }
    if (wGen) susp.returned(at, ret, iterResult(ret), addReturn);
    noteReturn(fn.index, r.kind === 'concat' || r.kind === 'string' ? r : undefined);
    if (informative(ret.as)) addAlternative((returnedAs[fn.index] ??= []), ret.as);
    // The function a getter returns (esbuild's export getters): one known closure, else null.
    if (ret.closure !== undefined) {
      const old = retClosure[fn.index];
      retClosure[fn.index] = old === undefined || old === ret.closure ? ret.closure : null;
    }
  };

  // A property read of the global object, of a module, of `this` or of a parameter (values made once, read often)
  // gives the same value: computed once, kept on the value read from (no WeakMap lookup per read). Other objects are
  // short-lived: a memo would cost more than it saves — values held in closure slots too (measured: their memoised
  // reads, most read once, stayed alive for the whole build and the scavenger copied 20% more per pass).
  function member(o: Abs, prop: string): Abs {
    if (reference) return memberOf(o, prop);
    let rare = o.rare;
    if (rare === undefined || rare.memoBuild !== buildNo) {
      if (o !== GLOBAL_ABS && o.module === undefined && o !== THIS_ABS && o.as.kind !== 'param') return memberOf(o, prop);
      rare = memoOf(o);
    }
    const m = (rare.members ??= new Map());
    let r = m.get(prop);
    if (!r) m.set(prop, (r = memberOf(o, prop)));
    return r;
  }
  /** The rare fields of a value whose property reads are memoised in this build (see member). */
  function memoOf(a: Abs): Rare {
    const rare = a.own();
    if (rare.memoBuild !== buildNo) {
      rare.memoBuild = buildNo;
      rare.members = undefined;
    }
    return rare;
  }

  /** The text, field term and value of a read of `prop` from a value named `ofName` (or unnamed), once per build. */
  function fieldRead(ofName: string | undefined, prop: string): FieldRead {
    let byProp = bareFieldReads;
    if (ofName !== undefined) {
      byProp = fieldReads.get(ofName)!;
      if (!byProp) fieldReads.set(ofName, (byProp = new Map()));
    }
    let f = byProp.get(prop);
    if (!f) byProp.set(prop, (f = newFieldRead(ofName, prop)));
    return f;
  }

  function memberOf(o: Abs, prop: string): Abs {
    if (o.special === 'appModule') {
      const e = exportOf(o.moduleId!, prop);
      if (e) return e;
    }
    if (o.special === 'global') {
      if (prop === 'HermesInternal') {
        const a = unknownAbs('HermesInternal');
        a.name = 'HermesInternal';
        a.as = { kind: 'global', name: 'HermesInternal' };
        return a;
      }
      const a = new Abs({ kind: 'unknown', text: prop, origin: { kind: 'global', name: prop } }, { kind: 'global', name: prop });
      a.name = prop;
      a.member = { of: { kind: 'global', name: 'globalThis' }, prop };
      return a;
    }
    if (o.name === 'HermesInternal' && prop === 'concat') {
      const a = unknownAbs('concat');
      a.special = 'concat';
      a.name = 'HermesInternal.concat';
      return a;
    }
    if (o.v.kind === 'object' && Object.hasOwn(o.v.props, prop)) {
      const a = constAbs(o.v.props[prop] as ModelValue);
      a.name = `${o.name ?? '?'}.${prop}`;
      if (o.as.kind === 'object' && Object.hasOwn(o.as.props, prop)) a.as = o.as.props[prop]!;
      return a;
    }
    const ofName = o.name ?? (o.as.kind === 'call' ? o.as.callee : undefined);
    // A property of an object read as a value: a field (`engine.uid`), named so flows can use the name.
    // The receiver and the value's origin are the same field (one object for both: values are never mutated), shared
    // by every read of this property of a value so named in the build (the reference walk makes them per read).
    const f = reference ? newFieldRead(ofName || undefined, prop) : fieldRead(ofName || undefined, prop);
    const a = new Abs(f.v, f.field);
    a.name = f.text;
    a.member = ofName ? { of: o.as, ofName, prop } : { of: o.as, prop };
    // As a receiver: what `this.x` was assigned, or this property of a receiver the checks can type.
    if (o.as.kind === 'this') a.as = thisField(prop);
    else if (informative(o.as)) a.as = { kind: 'member', of: o.as, name: prop };
    return a;
  }

  /**
   * Literal buffer contents, decoded once per (section, offset, count) (each round meets the same literals). The
   * values are shared, never mutated; each object or array literal gets its own container.
   */
  function literals(section: Section, start: number, count: number): LiteralValue[] | undefined {
    // One map lookup by a number made of start and count (both fit: start < 2^32, count < 2^21), else by start, then
    // count.
    if (count < 0x200000 && start < 0x100000000) {
      let flat = literalFlat.get(section);
      if (!flat) literalFlat.set(section, (flat = new Map()));
      const key = start * 0x200000 + count;
      if (!reference) {
        const hit = flat.get(key);
        if (hit !== undefined || flat.has(key)) return hit;
      }
      const out = literalValues(data, section, start, count, modern, stringAt);
      flat.set(key, out);
      return out;
    }
    let bySection = literalCache.get(section);
    if (!bySection) literalCache.set(section, (bySection = new Map()));
    let byStart = bySection.get(start);
    if (!byStart) bySection.set(start, (byStart = new Map()));
    if (byStart.has(count) && !reference) return byStart.get(count);
    const out = literalValues(data, section, start, count, modern, stringAt);
    byStart.set(count, out);
    return out;
  }

  /**
   * An object literal's property names and a template of its properties, per decoded key and value list. Each
   * literal's value starts with the template itself (frozen), and gets its own copy when the walk first adds a
   * property (writeProp): most literals are never written. Built property by property when a name is `__proto__`
   * (an assignment there sets the prototype; a copy would not).
   */
  interface Template {
    names: string[];
    props?: Record<string, ModelValue>;
    build: () => Record<string, ModelValue>;
  }
  /** The (frozen) props of every template: a literal's value copies them before its first write. */
  function template(keys: LiteralValue[], values: LiteralValue[], nameOf: (k: LiteralValue) => string): Template {
    let byValues = templates.get(keys);
    if (!byValues) templates.set(keys, (byValues = new WeakMap()));
    let t = reference ? undefined : byValues.get(values);
    if (t) return t;
    const names = keys.map(nameOf);
    const build = () => {
      const props: Record<string, ModelValue> = {};
      names.forEach((k, i) => (props[k] = values[i]!));
      return props;
    };
    t = { names, props: names.includes('__proto__') ? undefined : Object.freeze(build()), build };
    byValues.set(values, t);
    return t;
  }

  /** `obj.key = value` on an object literal's value (copying a shared template first). */
  function writeProp(o: { props: Record<string, ModelValue> }, key: string, value: ModelValue): void {
    // Frozen: a shared template's props (the only frozen props; a WeakSet lookup per write cost more).
    if (Object.isFrozen(o.props)) o.props = { ...o.props };
    o.props[key] = value;
  }

  /** The template of a NewObjectWithBuffer's literal (undefined: its buffers are not readable). */
  function objectTemplate(a: number, b: number, keyOff?: number, valOff?: number): Template | undefined {
    if (modern) {
      // shapeIndex, valueBufferOffset: the shape gives the key offset and the property count.
      if (a >= header.objShapeTableCount) return undefined;
      const s = layout.objShapeTable.offset + a * 8;
      const keys = literals(layout.objKeyBuffer, data.readUInt32LE(s), data.readUInt32LE(s + 4));
      const values = keys ? literals(layout.valueBuffer, b, keys.length) : undefined;
      if (!keys || !values) return undefined;
      return template(keys, values, (k) => (k.kind === 'string' ? k.value : k.kind === 'number' ? String(k.value) : '?'));
    }
    // v<97: sizeHint, count, keyBufferOffset, valueBufferOffset.
    const keys = literals(layout.objKeyBuffer, keyOff!, b);
    const values = keys ? literals(layout.objValueBuffer, valOff!, b) : undefined;
    if (!keys || !values) return undefined;
    return template(keys, values, (k) => (k.kind === 'string' ? k.value : String((k as { value?: unknown }).value)));
  }
  /** A register holding a new object literal of template `t` (v97+: its keys by slot). */
  function literalOf(t: Template): Abs {
    const lit = new Abs({ kind: 'object', props: (!reference && t.props) || t.build() }, UNKNOWN);
    lit.keys = modern ? t.names : [];
    return lit;
  }

  // A call is modelled by small functions (the common path in `call`, the rare kinds of call and the emission apart):
  // as one function it was the largest TurboFan compile of a scan (~0.5 s of a compiler thread's wall time on
  // agora-rtc-sdk-ng, twice, as a "wrong map" threw it away once), and every deoptimisation of any part recompiled
  // all of it.
  /** Models one call; returns what the result register holds. */
  function call(fn: HermesFunctionInfo, at: number, length: number, callee: Abs, thisV: Abs, args: Abs[], construct: boolean, emit: boolean): Abs {
    // Metro: `__d(factory, id, [deps])` registers a module; `require(dependencyMap[i])` yields it.
    if (callee.name === '__d' || callee.special === 'require' || callee.special === 'importDefault') {
      const r = moduleCall(callee, args);
      if (r) return r;
    }
    // Interop helpers (`__toESM(m)`, `_interopRequireDefault(m)`) hand the module through; hermesc -O inlines
    // esbuild's `__toESM(m)` into `__copyProps(target, m)`, whose result holds the module's properties.
    // Babel's `_interopRequireDefault(require(d[i]))` calls the helper's module itself (@babel/runtime's
    // `module.exports = _interopRequireDefault`): a required module called with a module hands it through too.
    if (!callee.member && (callee.closure !== undefined || callee.special === 'appModule')) {
      if (args[0] && isModule(args[0])) return args[0];
      if (args[1] && isModule(args[1]) && args.length === 2) return args[1];
    }
    // Babel's lowered derived constructor `C`: `_this = _callSuper(this, C, [props])` returns the instance, as
    // `super(props)` does (lowered-this.ts).
    const self = construct ? undefined : lowered.thisFromHelper(fn.index, callee, args);
    if (self) return self as Abs;
    if (callee.special === 'concat') return concatCall(thisV, args);
    const m = callee.member;
    const methodName = m?.prop ?? callee.name ?? '?';
    // A generator's wrapper handed to a runner (`_asyncToGenerator(f)`, `spawnAsync(f, this, args)`): its body is
    // an async function's, whose suspensions await.
    const runs = args[0]?.closure;
    if (runs !== undefined) {
      susp.passedToCall(runs);
      // A regenerator runtime call: `R.async(stateMachine, outer, self, tryLocs, Promise)` awaits wrapped values.
      if (args.length >= 5) smAsync.add(runs);
    }
    // `ctx.abrupt("return", v)` / `ctx.a(2, v)` in a state machine: what the async function returns.
    if (m && args.length === 2 && (m.prop === 'abrupt' || m.prop === 'a') && m.of.kind === 'param' && m.of.index === 1 && smCases.has(fn.index) && m.of.fn === label(fn.index)) {
      abrupt(fn.index, args);
    }
    let receiver: Receiver;
    let calleeText: string;
    if (m) {
      receiver = m.of.kind === 'global' && m.of.name === 'globalThis' ? GLOBAL_THIS : m.of;
      calleeText = callee.name ?? `${m.ofName ?? '?'}.${m.prop}`;
    } else {
      receiver = NONE;
      calleeText = callee.name ?? '?';
    }
    if (construct && callee.as.kind === 'global') receiver = callee.as;
    const emitted = emit && calls.length < maxCalls ? emitCall(fn, at, length, callee, calleeText, methodName, receiver, args, construct) : undefined;
    if (construct) return constructed(callee, calleeText, methodName, args);
    const summed = summaryCall(callee, args);
    if (summed) return summed;
    // The text and value of a call's result, one per callee text in a build (values are never mutated; the reference
    // walk makes them per call).
    let said = reference ? undefined : callResults.get(calleeText);
    if (!said) {
      const text = `${calleeText}()`;
      said = { text, v: { kind: 'unknown', text, origin: { kind: 'call', callee: calleeText } } };
      if (!reference) callResults.set(calleeText, said);
    }
    const result = new Abs(said.v, callResultAs(callee, thisV, args, calleeText, methodName, runs));
    result.name = said.text;
    result.call = emitted;
    return result;
  }

  /** A Metro module registration or require (undefined: neither after all, the call is modelled as any other). */
  function moduleCall(callee: Abs, args: Abs[]): Abs | undefined {
    if (callee.name === '__d' && args[0]?.closure !== undefined && args[1]?.v.kind === 'number') {
      const deps = args[2]?.v.kind === 'array' ? args[2].v.items.map((x) => (x.kind === 'number' ? x.value : -1)) : [];
      modules.set(args[0].closure, { id: args[1].v.value, deps });
      moduleOfId.set(args[1].v.value, args[0].closure);
      return UNKNOWN_ABS;
    }
    if (callee.special !== 'require' && callee.special !== 'importDefault') return undefined;
    const id = args[0]?.moduleId;
    const pkg = id !== undefined ? packageOfModule(id) : undefined;
    if (pkg && callee.special === 'importDefault') {
      const a = new Abs({ kind: 'unknown', text: `${pkg}.default`, origin: { kind: 'global', name: pkg } }, { kind: 'member', of: { kind: 'module', name: pkg }, name: 'default' });
      a.name = `${pkg}.default`;
      return a;
    }
    if (pkg) {
      const a = new Abs({ kind: 'unknown', text: pkg, origin: { kind: 'global', name: pkg } }, { kind: 'module', name: pkg });
      a.name = pkg;
      a.module = pkg;
      return a;
    }
    // A module of the app's own code: its exports are followed (a hook imported from another file).
    if (id !== undefined && moduleOfId.has(id)) {
      if (callee.special === 'importDefault') return exportOf(id, 'default') ?? unknownAbs('module');
      const a = withText('module');
      a.special = 'appModule';
      a.moduleId = id;
      return a;
    }
    return unknownAbs('module');
  }

  /** `HermesInternal.concat(…)` (a template literal): the concatenation of `this` and the arguments. */
  function concatCall(thisV: Abs, args: Abs[]): Abs {
    const parts = [thisV.v, ...args.map((a) => a.v)];
    return constAbs({ kind: 'concat', parts });
  }

  /** `ctx.abrupt("return", v)` / `ctx.a(2, v)` in state machine `fnIndex`: v is what the async function returns. */
  function abrupt(fnIndex: number, args: Abs[]): void {
    const k = args[0]!.v;
    if (((k.kind === 'string' && k.value === 'return') || (k.kind === 'number' && k.value === 2)) && informative(args[1]!.as)) addAlternative((smReturned[fnIndex] ??= []), args[1]!.as);
  }

  /** The emitted call (round 2). */
  function emitCall(fn: HermesFunctionInfo, at: number, length: number, callee: Abs, calleeText: string, methodName: string, receiver: Receiver, args: Abs[], construct: boolean): ModelCall {
    const values: ModelValue[] = new Array(args.length);
    for (let i = 0; i < args.length; i++) values[i] = args[i]!.v;
    const emitted: ModelCall = {
      fn: fn.index, callee: calleeText, method: construct ? '<init>' : methodName, receiver, args: values,
      offset: at, length, context: `${(callContext[fn.index] ??= `${label(fn.index)} [function ${fn.index} +0x`)}${(at - fn.offset).toString(16)}]`,
    };
    calls.push(emitted);
    if (construct) {
      emitted.construct = true;
      emitted.receiverType = callee.name ?? methodName;
    }
    // A plain call or `new`: what was called, for the checks to type (a package export, a global constructor).
    if ((construct || !callee.member) && informative(callee.as)) emitted.target = callee.as;
    return emitted;
  }

  /** `new C(…)`: the instance, typed by what was called. */
  function constructed(callee: Abs, calleeText: string, methodName: string, args: Abs[]): Abs {
    const made: Receiver = { kind: 'new', type: callee.name ?? methodName };
    if (informative(callee.as)) made.of = callee.as;
    // `new TRTCParams({sdkAppId, userId, …})` passed on as an argument: its options object is the value (as the
    // JS model's constructedOptions), so a rule's `props` see the roles.
    const options = args[0]?.v.kind === 'object' ? args[0].v : undefined;
    return new Abs(options ?? { kind: 'unknown', text: `new ${calleeText}`, origin: { kind: 'call', callee: calleeText } }, made);
  }

  /** A call of a function with a string return summary: the summary with the call's arguments for its parameters. */
  function summaryCall(callee: Abs, args: Abs[]): Abs | undefined {
    const m = callee.member;
    const target = callee.closure;
    const summary = target !== undefined ? summaryOf(target) : m?.prop ? summaryOf(m.prop) : callee.name ? summaryOf(callee.name) : undefined;
    const owner = target !== undefined ? label(target) : m?.prop ?? callee.name;
    // The summary's params are named after the function that returned it.
    return summary && owner ? constAbs(substitute(summary, owner, args.map((a) => a.v))) : undefined;
  }

  /**
   * A call's result as a receiver: the call with what the checks need to type its result — what was called, its
   * argument count, the first argument (interop helpers hand a module through) and what an app function called returns.
   */
  function callResultAs(callee: Abs, thisV: Abs, args: Abs[], calleeText: string, methodName: string, runs: number | undefined): Receiver {
    if (REF_MAKERS.has(methodName)) return { kind: 'ref', value: { kind: 'either', of: informative(args[0]?.as) ? [args[0]!.as] : [] } };
    const m = callee.member;
    const made: Extract<Receiver, { kind: 'call' }> = { kind: 'call', callee: calleeText, args: args.length };
    if (informative(callee.as)) made.of = callee.as;
    if (informative(args[0]?.as)) made.first = args[0]!.as;
    if (callee.closure !== undefined) made.returns = { kind: 'either', of: (returnedAs[callee.closure] ??= []) };
    // `spawnAsync(f, this, args)` runs a generator's wrapper: it gives what the generator returns.
    else if (args.length >= 2 && runs !== undefined && susp.isWrapper(runs)) made.returns = { kind: 'either', of: susp.returnsOf(runs) };
    // A runtime call handed a state machine gives what the machine returns (empty unless it is one).
    else if (args.length >= 2 && args[0]?.closure !== undefined) made.returns = { kind: 'either', of: (smReturned[args[0].closure] ??= []) };
    // `f.apply(this, arguments)` / `f.call(…)` calls f: what f returns.
    else if (m && (m.prop === 'apply' || m.prop === 'call')) {
      if (thisV.closure !== undefined) made.returns = { kind: 'either', of: (returnedAs[thisV.closure] ??= []) };
      else if (thisV.as.kind === 'function') made.returns = thisV.as.returns;
    }
    // `_asyncToGenerator(f)` (one argument, a generator's wrapper) makes a function whose calls give what the
    // generator returns.
    if (args.length === 1 && runs !== undefined && susp.isWrapper(runs)) return { kind: 'function', returns: { kind: 'either', of: susp.returnsOf(runs) } };
    return made;
  }

  // Module → package, by the markers its functions use (the factory and every function created inside it).
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
          if (hit && (hit.member || !onlyAsProperty(fns[f]!, sid))) {
            pkg = hit.pkg;
            break;
          }
        }
        if (pkg) break;
      }
    }
    pkgCache.set(id, pkg);
    return pkg;
  }
  /** True when every direct use of string `id` in the function is a property name (`GetById`, `PutById`, …). */
  function onlyAsProperty(fn: HermesFunctionInfo, id: number): boolean {
    let property = false;
    for (let at = fn.offset, end = fn.offset + fn.size; at < end;) {
      const op = table[data[at]!];
      if (!op) return false;
      for (const k of op.stringOperands) {
        if (readOperand(data, at, op, k) !== id) continue;
        if (!/ById/.test(op.name)) return false;
        property = true;
      }
      at += op.length;
    }
    return property;
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

  return (ctx, f, opts) => {
    start(ctx, f, opts);
    try {
      // Pass 1 (twice, so closures created by later functions are known): modules, closure parents, environments and
      // what their slots hold. Pass 2: the same walk, emitting calls.
      // Module packages depend on closure parents, so what pass 1 derived from them is recomputed after each round.
      for (let round = 0; round < 3; round++) {
        moduleFns = undefined;
        summaryByName = undefined;
        pkgCache.clear();
        if (round > 0) {
          for (const e of envs) {
            e.prev = e.slots;
            e.slots = undefined;
          }
        }
        for (const fn of fns) run(fn, round);
      }

      // Vendor code: functions of modules whose package is an SDK wrapper.
      for (const [factory, m] of modules) {
        if (!packageOfModule(m.id)) continue;
        moduleFns ??= groupByFactory();
        for (const f of moduleFns.get(factory) ?? [factory]) functions[f]!.inVendorCode = true;
      }
      // Vendors whose wrapper modules are bundled here (the checks' receiver-less matches need the SDK present).
      const bundled = new Set<string>();
      for (const pkg of pkgCache.values()) {
        const vendor = pkg !== undefined ? vendorOfPackage(opts.rules, pkg) : undefined;
        if (vendor) bundled.add(vendor);
      }
      return { functions, calls, ...(bundled.size ? { bundled: [...bundled].sort() } : {}) };
    } finally {
      release();
    }
  };
}

const builder = makeBuilder();

export function buildHermesModel(ctx: BytecodeContext, file: HermesFile, opts: HermesModelOptions = {}): CodeModel {
  return builder(ctx, file, opts);
}
