// The DEX part of the code model (scanner/model): per method, an abstract interpretation over the registers that
// turns invoke-* into call sites with their argument values. Straight-line def-use in instruction order, with
// three conservative rules where control flow joins (see `Flow` below):
//   - a forward branch target gets the merge of every state that jumps to it (and the fall-through): a register
//     that differs between them becomes an unknown;
//   - a loop header (target of a backward branch) forgets every register written inside the loop, and the
//     receivers of calls made in it (a StringBuilder appended in a loop is not one known string);
//   - an exception handler forgets everything.
// Values: const-string / const* literals, static finals (static_values and <clinit> puts), instance and static
// fields as unknowns with their field origin, parameters as unknowns with their parameter origin, call results
// with their callee; StringBuilder/StringBuffer chains fold to `concat`, String.format to `format` (its varargs
// array from filled-new-array or new-array + aput-object), boxing valueOf calls are transparent.
import type { JsValue } from '../../core/facts.js';
import type { CodeModel, ModelCall, ModelFunction, ModelValue, Receiver } from '../../model/types.js';
import { callPosition, DexCall, type CallerNames } from './call-site.js';
import { DexFormatError, fail, u16, u32, uleb128 } from './bytes.js';
import type { DexClass, DexMethodBody } from './classes.js';
import { LENGTH, payloadLength } from './code.js';
import { Frames } from './frames.js';
import { IdCache, internalName, type DexFieldRef, type DexMethodRef, type DexTables } from './tables.js';

/** Caps that keep one method or one file from growing the model without bound (a notice says when they bite). */
export interface DexModelLimits {
  maxCallsPerMethod: number;
  maxCallsPerFile: number;
  /** Parts of one folded string (concat) and items of one tracked array. */
  maxParts: number;
  /** Registers of a method the interpreter tracks (a method with a larger frame is left out, with a warning). */
  maxRegisters: number;
  /** Register slots one method may copy at branches (registers x forward branches): bounds time on huge methods. */
  maxStateCopies: number;
}

export const DEX_MODEL_LIMITS: DexModelLimits = {
  maxCallsPerMethod: 4_000,
  maxCallsPerFile: 250_000,
  maxParts: 64,
  maxRegisters: 4_096,
  maxStateCopies: 4_000_000,
};

export interface DexModelResult {
  model: CodeModel;
  /** Methods whose bytecode could not be interpreted to the end (kept up to where it stopped). */
  warnings: string[];
  /** What the limits cut, for a notice. */
  truncated?: string;
}

const ACC_STATIC = 0x8;
const ACC_FINAL = 0x10;

/**
 * A mutable object several registers may alias: a StringBuilder's parts (`sb`), an array's items (`arr`), a
 * new-instance (`new`). One shape for all three (the fields the kind does not use hold shared empty values): the
 * walk's reads of `k`, `parts` or `recv` then see one hidden class, and stay compiled (with three object shapes they
 * were the interpreter's most frequent "wrong map" deoptimisations in a cold pass).
 */
interface Obj {
  k: 'sb' | 'arr' | 'new';
  parts: ModelValue[];
  full: boolean;
  items: ModelValue[];
  type: string;
  call: DexCall | undefined;
  recv: Receiver | undefined;
  props: Record<string, ModelValue> | undefined;
}

/** What the fields of an Obj that its kind does not use hold (never written: only `sb` parts and `arr` items are). */
const NONE: ModelValue[] = [];

function sbObj(): Obj {
  return { k: 'sb', parts: [], full: false, items: NONE, type: '', call: undefined, recv: undefined, props: undefined };
}
function arrObj(items: ModelValue[]): Obj {
  return { k: 'arr', parts: NONE, full: false, items, type: '', call: undefined, recv: undefined, props: undefined };
}
function newObj(nt: NewType): Obj {
  return { k: 'new', parts: NONE, full: false, items: NONE, type: nt.type, call: undefined, recv: nt.recv, props: undefined };
}

/**
 * What a register holds. Moves copy the reference, so aliases see an object's mutations. A class, so every slot has
 * one hidden class whatever it holds (a slot's reads stay monomorphic in the compiled walk).
 */
class Slot {
  constructor(
    public v: ModelValue,
    /** What a call on this value is called on, when the value alone does not say. */
    public recv: Receiver | undefined = undefined,
    public obj: Obj | undefined = undefined,
    /** The call whose result this is (its resultTo is filled in when the result is stored). */
    public call: DexCall | undefined = undefined,
  ) {}
}

/**
 * Per invoked method, built once per model build: the immutable values every call of it shares, each made at the
 * first call that needs it, in arrays by method id. Not a record per callee: the build state lives to the end of the
 * build, so each record (35,639 on the benchmark dex) was copied twice by the young-generation collections, while an
 * array of the file's method count is one large object that they do not copy.
 */
class Callees {
  /** Its names, as its call sites read them (they refer to the reader's reference, not to this build state). */
  readonly ref: (DexMethodRef | undefined)[];
  /**
   * `{kind: 'call', callee}`: the origin of this call's result value and the receiver of calls on it (one object for
   * both: model values and receivers are never mutated).
   */
  readonly origin: ({ kind: 'call'; callee: string } | undefined)[];
  /** The value a move-result after this call takes (shared by all its calls). */
  readonly result: (ModelValue | undefined)[];
  /** The receiver of a static call of it. */
  readonly classRecv: (Receiver | undefined)[];
  /** `new X(…)`: what a new-instance of this constructor's class holds once constructed. */
  readonly constructed: (ModelValue | undefined)[];
  /** 1: a class whose calls may fold into values (string builders, String, boxes, Kotlin's stringPlus). */
  readonly folds: Uint8Array;

  constructor(n: number) {
    this.ref = new Array(n);
    this.origin = new Array(n);
    this.result = new Array(n);
    this.classRecv = new Array(n);
    this.constructed = new Array(n);
    this.folds = new Uint8Array(n);
  }
}

/**
 * Per type a new-instance makes, built once per file: the class, the value a new-instance leaves before its
 * constructor runs (`new RtcEngine`) and the receiver of calls on it (shared: values and receivers are never mutated).
 */
interface NewType {
  type: string;
  value: ModelValue;
  recv: Receiver;
}

/**
 * Per field, built once per build at its first read or write: the unknown values an iget/sget of it gives (shared,
 * never mutated). What only some fields need is made at its first use: most fields' values never reach a call site,
 * and this record lives to the end of the build, so everything in it is copied by the young-generation collections.
 */
interface FieldUse {
  ref: DexFieldRef;
  /** `{kind: 'field', owner, name}`: the origin of its values and the receiver of calls on them (one object: they say the same). */
  recv: { kind: 'field'; owner: string; name: string };
  /**
   * `[Owner.f, this.f]`: what an iget gives, read by one indexed load whichever it is (the compiled walk then has no
   * path without type feedback when the clinit methods, walked first and without `this`, were all it had seen); each
   * made at its first read (`fieldValue`).
   */
  values: [ModelValue | undefined, ModelValue | undefined];
  /** `this.engine` / `Owner.engine`, for resultTo: made at the first call result stored to the field. */
  thisName: string | undefined;
  otherName: string | undefined;
}

interface MethodCtx {
  t: DexTables;
  /** By method_ids / field_ids index (u16 in every instruction that names one). */
  callees: Callees;
  fields: (FieldUse | undefined)[];
  /** By type_ids index: the class a new-instance makes, its value and its receiver. */
  newTypes: (NewType | undefined)[];
  buf: Buffer;
  fnIndex: number;
  fnName: string;
  /** The current method's index and name as its call sites share them (made at its first call site). */
  caller: CallerNames | undefined;
  limits: DexModelLimits;
  calls: ModelCall[];
  /** Calls this method may still add. */
  budget: number;
  dropped: number;
  statics: Map<number, ModelValue>;
  stringSlots: IdCache<Slot>;
  /** Set while interpreting <clinit>: static final puts of known values are recorded. */
  clinitOf?: string;
  clinitPuts?: Map<number, ModelValue | null>;
  /** Set when the walk read a register outside the method's frame (malformed code). */
  outOfFrame?: boolean;
  /** Scratch for one invoke: its operand registers (at most 255) and its argument slots (no allocation per call). */
  argRegs: Int32Array;
  argSlots: Slot[];
  /** Register states (one arena per file, reused by every method). */
  frames: Frames<Slot>;
}

/** Values every call may share (model values are never mutated once made). */
const NULL: ModelValue = { kind: 'null' };
const TRUE: ModelValue = { kind: 'boolean', value: true };
const FALSE: ModelValue = { kind: 'boolean', value: false };
/** `arg0`…: parameter texts. */
const ARG_NAMES = Array.from({ length: 32 }, (_, i) => `arg${i}`);
/** `v0`…`v255`: the names move-result gives a call's result. */
const REG_NAMES = Array.from({ length: 256 }, (_, r) => `v${r}`);
/** What a register read before any write holds (shared: values are never mutated; the slot around it is per read). */
const REG_VALUES: ModelValue[] = REG_NAMES.map((text) => ({ kind: 'unknown', text }));
/** The receivers of calls on the module's shared unknowns (`v3`, several definitions of v3): one per value. */
const SHARED_RECV = new Map<ModelValue, Receiver>(REG_VALUES.map((v) => [v, { kind: 'unknown', text: (v as { text: string }).text }]));

const BUILDERS = new Set(['java/lang/StringBuilder', 'java/lang/StringBuffer']);
const BOXES = new Set([
  'java/lang/Integer',
  'java/lang/Long',
  'java/lang/Short',
  'java/lang/Byte',
  'java/lang/Character',
  'java/lang/Boolean',
  'java/lang/Float',
  'java/lang/Double',
]);

/**
 * What a build makes per id of the file and never changes afterwards: per invoked method, field, new-instance type
 * and const-string the values and receivers its uses share (made at the first use). Made per build, not kept with
 * the tables: a scan builds each file's model once, and keeping it would only let the benchmark's repeated builds
 * skip work a scan always does (measured ×1.36 on warm builds alone, no change to a scan).
 */
interface BuildState {
  callees: Callees;
  fields: (FieldUse | undefined)[];
  newTypes: (NewType | undefined)[];
  stringSlots: IdCache<Slot>;
}

function buildStateOf(t: DexTables): BuildState {
  // Sized by the file's tables (an instruction's u16 index past them does not resolve: the lookup fails there).
  return {
    callees: new Callees(Math.min(t.header.methodIds.size, 0x10000)),
    fields: new Array<FieldUse | undefined>(Math.min(t.header.fieldIds.size, 0x10000)),
    newTypes: new Array<NewType | undefined>(t.header.typeIds.size),
    stringSlots: new IdCache<Slot>(t.header.stringIds.size),
  };
}

export function buildDexModel(
  t: DexTables,
  classes: DexClass[],
  methods: DexMethodBody[],
  isVendorClass: (internal: string) => boolean,
  limits: DexModelLimits = DEX_MODEL_LIMITS,
  /** `twoWalks`: find loop headers by walking each method, then walk again (the reference the one-walk path must equal). */
  how: { twoWalks?: boolean } = {},
): DexModelResult {
  const model: CodeModel = { functions: [], calls: [] };
  const warnings: string[] = [];
  const statics = staticFinalValues(t, classes, warnings);
  let droppedCalls = 0;
  let skippedMethods = 0;
  const { callees, fields, newTypes, stringSlots } = buildStateOf(t);
  const argRegs = new Int32Array(256);
  const argSlots: Slot[] = [];
  const frames = new Frames<Slot>();
  // <clinit> first, so static finals they assign are known when other methods read them.
  const clinits: DexMethodBody[] = [];
  const others: DexMethodBody[] = [];
  // Index loops: the outer loops run in the baseline tier for most of a cold pass, where for-of allocates an
  // iterator result per step (~5 MB per build of the benchmark dex).
  for (let i = 0; i < methods.length; i++) (isClinit(t, methods[i]!) ? clinits : others).push(methods[i]!);
  const order = clinits.concat(others);
  // One context for the file, its per-method fields set for each method (a context per method was ~6% of what a
  // build allocates).
  const ctx: MethodCtx = {
    t,
    callees,
    fields,
    newTypes,
    buf: t.buf,
    fnIndex: 0,
    fnName: '',
    caller: undefined,
    limits,
    calls: model.calls,
    budget: 0,
    dropped: 0,
    statics,
    stringSlots,
    clinitOf: undefined,
    clinitPuts: undefined,
    outOfFrame: undefined,
    argRegs,
    argSlots,
    frames,
  };
  let start = 0;
  for (let mi = 0; mi < order.length; mi++) {
    const m = order[mi]!;
    let ref: DexMethodRef;
    try {
      ref = t.walkedRef(m.methodIdx);
    } catch (e) {
      if (!(e instanceof DexFormatError)) throw e;
      warnings.push(`method ${m.methodIdx}: ${e.message}`);
      continue;
    }
    if (isVendorClass(ref.cls)) continue; // SDK internals: their calls stay in facts.calls, the model is app code
    if (model.calls.length >= limits.maxCallsPerFile) {
      skippedMethods++;
      continue;
    }
    const fnIndex = model.functions.length;
    const fn: ModelFunction = { name: ref.full, index: m.methodIdx, params: ref.params.length, offset: undefined, length: undefined };
    model.functions.push(fn);
    ctx.fnIndex = fnIndex;
    ctx.fnName = ref.full;
    ctx.caller = undefined;
    ctx.budget = Math.min(limits.maxCallsPerMethod, limits.maxCallsPerFile - model.calls.length);
    ctx.dropped = 0;
    ctx.outOfFrame = undefined;
    if (ref.name === '<clinit>') {
      ctx.clinitOf = ref.cls;
      ctx.clinitPuts = new Map();
    } else {
      ctx.clinitOf = undefined;
      ctx.clinitPuts = undefined;
    }
    start = model.calls.length;
    try {
      // Loop headers found by a decode-only pass: one walk instead of two. It gives exactly what the walk that
      // finds the loops itself and then walks again gives, except on malformed code, where that is not sure and the
      // two walks run (see loopsOf and outOfFrame).
      const known = how.twoWalks ? undefined : loopsOf(t, m);
      let done = false;
      if (known) {
        ctx.outOfFrame = false;
        try {
          interpret(ctx, m, ref, fn, known);
          done = !ctx.outOfFrame;
        } catch (e) {
          if (!(e instanceof DexFormatError)) throw e;
        }
        if (!done) resetMethod(ctx, start);
      }
      if (!done) {
        const loops = interpret(ctx, m, ref, fn);
        if (loops && loops.size > 0) {
          // Walk again knowing the loop headers; what the first walk added is replaced.
          resetMethod(ctx, start);
          interpret(ctx, m, ref, fn, loops);
        }
      }
    } catch (e) {
      if (!(e instanceof DexFormatError)) throw e;
      warnings.push(`${ref.full}: ${e.message}`);
    }
    droppedCalls += ctx.dropped;
    if (ctx.clinitPuts) ctx.clinitPuts.forEach(applyClinitPut, statics);
  }
  W.ctx = W.frames = W.buf = undefined;
  const cut: string[] = [];
  if (droppedCalls > 0) cut.push(`${droppedCalls} call sites over the per-method cap (${limits.maxCallsPerMethod})`);
  if (skippedMethods > 0) cut.push(`${skippedMethods} methods after the per-file cap (${limits.maxCallsPerFile} call sites)`);
  return { model, warnings, truncated: cut.length > 0 ? cut.join('; ') : undefined };
}

/**
 * Drops what a walk of the current method added (its calls from `start` on, its clinit puts), before it is walked
 * again. A function, not a closure in buildDexModel: a closure would keep the build loop's variables in a context.
 */
function resetMethod(ctx: MethodCtx, start: number): void {
  ctx.calls.length = start;
  ctx.budget = Math.min(ctx.limits.maxCallsPerMethod, ctx.limits.maxCallsPerFile - start);
  ctx.dropped = 0;
  if (ctx.clinitPuts) ctx.clinitPuts.clear();
}

/** A <clinit> put (Map.forEach callback, `this` = the file's static finals): a known value, or null for unknown. */
function applyClinitPut(this: Map<number, ModelValue>, v: ModelValue | null, field: number): void {
  if (v) this.set(field, v);
  else this.delete(field);
}

function isClinit(t: DexTables, m: DexMethodBody): boolean {
  try {
    // The name alone, then the reference as the build will make it (a method whose reference fails is no clinit here,
    // as when the reference was made first): no reference is made and kept for every method.
    if (t.methodName(m.methodIdx) !== '<clinit>') return false;
    t.walkedRef(m.methodIdx);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Static finals from class_def static_values (encoded_array in static-field order; missing trailing entries are
// the type's zero value).

function staticFinalValues(t: DexTables, classes: DexClass[], warnings: string[]): Map<number, ModelValue> {
  const out = new Map<number, ModelValue>();
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i]!;
    if (c.staticFields.length === 0) continue;
    let values: Array<ModelValue | undefined> = [];
    if (c.staticValuesOff !== 0) {
      try {
        values = readEncodedArray(t, c.staticValuesOff, c.staticFields.length);
      } catch (e) {
        if (!(e instanceof DexFormatError)) throw e;
        warnings.push(`static values of ${c.descriptor}: ${e.message}`);
        continue;
      }
    }
    for (let k = 0; k < c.staticFields.length; k++) {
      const f = c.staticFields[k]!;
      if ((f.flags & (ACC_STATIC | ACC_FINAL)) !== (ACC_STATIC | ACC_FINAL)) continue;
      const v = k < values.length ? values[k] : zeroValue(t, f.fieldIdx);
      if (v) out.set(f.fieldIdx, v);
    }
  }
  return out;
}

function zeroValue(t: DexTables, fieldIdx: number): ModelValue | undefined {
  let type: string;
  try {
    type = t.field(fieldIdx).type;
  } catch {
    return undefined;
  }
  if (type === 'Z') return { kind: 'boolean', value: false };
  if (type.length === 1) return { kind: 'number', value: 0 };
  return { kind: 'null' };
}

/** Decodes up to `max` encoded_values; a value kind that cannot be a constant ends the list (undefined entries). */
function readEncodedArray(t: DexTables, off: number, max: number): Array<ModelValue | undefined> {
  const { buf } = t;
  const [size, start] = uleb128(buf, off);
  const out: Array<ModelValue | undefined> = [];
  let p = start;
  for (let i = 0; i < Math.min(size, max); i++) {
    if (p >= buf.length) fail(`encoded_array at 0x${off.toString(16)} runs past the end`);
    const header = buf[p]!;
    p++;
    const type = header & 0x1f;
    const arg = header >> 5;
    if (type === 0x1e) {
      out.push({ kind: 'null' });
      continue;
    }
    if (type === 0x1f) {
      out.push({ kind: 'boolean', value: arg !== 0 });
      continue;
    }
    if (type === 0x1c || type === 0x1d) return out; // nested array / annotation: never a field's constant
    const n = arg + 1;
    if (p + n > buf.length) fail(`encoded value at 0x${(p - 1).toString(16)} runs past the end`);
    let raw = 0n;
    for (let b = n - 1; b >= 0; b--) raw = (raw << 8n) | BigInt(buf[p + b]!);
    p += n;
    switch (type) {
      case 0x00: // byte
      case 0x02: // short
      case 0x04: // int
      case 0x06: // long: sign-extended from n bytes
        out.push({ kind: 'number', value: Number(BigInt.asIntN(n * 8, raw)) });
        break;
      case 0x03: // char
        out.push({ kind: 'number', value: Number(raw) });
        break;
      case 0x10: {
        // float / double: the bytes given are the high-order ones
        const bits = new DataView(new ArrayBuffer(4));
        bits.setUint32(0, Number(raw << BigInt((4 - n) * 8)) >>> 0);
        out.push({ kind: 'number', value: bits.getFloat32(0) });
        break;
      }
      case 0x11: {
        const bits = new DataView(new ArrayBuffer(8));
        bits.setBigUint64(0, BigInt.asUintN(64, raw << BigInt((8 - n) * 8)));
        out.push({ kind: 'number', value: bits.getFloat64(0) });
        break;
      }
      case 0x17:
        out.push({ kind: 'string', value: t.string(Number(raw)).value });
        break;
      default:
        out.push(undefined); // type, field, method, enum, method handle: not a plain constant
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Control flow without a separate pass: forward branches hand their state to the target as the walk meets them;
// backward branches are noted, and a method that has any is walked a second time knowing its loop headers;
// exception handlers come from the tries table.

const BACK = 2;
const HANDLER = 4;

/** Loop headers (targets of backward branches) → the furthest unit that branches back to them. */
type Loops = Map<number, number>;
/** What loopsOf gives a method without loops (shared, never written). */
const NO_LOOPS: Loops = new Map();

/** try_items, then encoded_catch_handler_list: every handler address becomes a HANDLER target. */
function markHandlers(buf: Buffer, triesOff: number, tries: number, n: number, target: Uint8Array): void {
  if (triesOff + tries * 8 > buf.length) fail(`try_items of ${tries} entries run past the end`);
  const listOff = triesOff + tries * 8;
  for (let i = 0; i < tries; i++) {
    const handlerOff = u16(buf, triesOff + i * 8 + 6);
    const [size, a] = sleb128(buf, listOff + handlerOff);
    let p = a;
    const count = Math.min(Math.abs(size), 0xffff);
    for (let k = 0; k < count; k++) {
      p = uleb128(buf, p)[1];
      const [addr, next] = uleb128(buf, p);
      p = next;
      if (addr < n) target[addr]! |= HANDLER;
    }
    if (size <= 0) {
      const [addr] = uleb128(buf, p);
      if (addr < n) target[addr]! |= HANDLER;
    }
  }
}

/** Signed LEB128 (at most 5 bytes). */
function sleb128(buf: Buffer, off: number): [value: number, next: number] {
  let result = 0;
  for (let i = 0; i < 5; i++) {
    const p = off + i;
    if (p >= buf.length) fail(`sleb128 at 0x${off.toString(16)} runs past the end`);
    const b = buf[p]!;
    result += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) {
      const bits = 7 * (i + 1);
      if (bits < 32 && b & 0x40) result -= 2 ** bits;
      return [result | 0, p + 1];
    }
  }
  return fail(`sleb128 at 0x${off.toString(16)} is longer than 5 bytes`);
}

/** The register an instruction defines (for invoke-virtual and friends: the receiver, which a call may mutate). */
function writtenRegister(op: number, first: number, u1: number, u2: number): number {
  const a4 = (first >> 8) & 0xf;
  const a8 = first >> 8;
  if (op === 0x01 || op === 0x04 || op === 0x07 || op === 0x12 || op === 0x20 || op === 0x21 || op === 0x23) return a4;
  if ((op >= 0x52 && op <= 0x58) || (op >= 0x7b && op <= 0x8f) || (op >= 0xb0 && op <= 0xd7)) return a4;
  if (op === 0x02 || op === 0x05 || op === 0x08 || (op >= 0x0a && op <= 0x0d) || (op >= 0x13 && op <= 0x1c)) return a8;
  if (op === 0x22 || (op >= 0x2d && op <= 0x31) || (op >= 0x44 && op <= 0x4a) || (op >= 0x60 && op <= 0x66)) return a8;
  if ((op >= 0x90 && op <= 0xaf) || (op >= 0xd8 && op <= 0xe2) || op === 0xfe || op === 0xff) return a8;
  if (op === 0x03 || op === 0x06 || op === 0x09) return u1;
  if (op >= 0x6e && op <= 0x72 && op !== 0x71) return u2 & 0xf;
  if (op >= 0x74 && op <= 0x78 && op !== 0x77) return u2;
  return -1;
}

// ---------------------------------------------------------------------------------------------------------------
// The interpreter.

/**
 * The method being walked (interpret is not reentrant), at module level: the walk's register helpers are functions
 * made once, not closures made per method (closures, their contexts and per-method scratch arrays were ~15% of
 * what a build allocated). buildDexModel drops the file's references when it ends.
 */
const W = {
  ctx: undefined as MethodCtx | undefined,
  frames: undefined as Frames<Slot> | undefined,
  buf: undefined as Buffer | undefined,
  insnsOff: 0,
  /** Code units of the method. */
  n: 0,
  /** The current state: a row of `frames`. */
  regs: 0,
  registers: 0,
  /** Ids of "several definitions reach v<r>" (valid for the method when mergedValid). */
  mergedIds: new Int32Array(256),
  mergedValid: false,
  /** Register slots copied at branches so far, and the method's bound. */
  copies: 0,
  maxCopies: 0,
  /** Scratch: loop-header and handler flags per unit, forward-branch states by target. */
  marks: new Uint8Array(1024),
  /** States handed to forward branch targets, by target unit: row + 1 (0: none), and how many are waiting. */
  pendingAt: new Int32Array(1024),
  pendingCount: 0,
};

/** Flags a loop header (Map.forEach callback: no iterator per method). */
function markLoopHeader(_last: number, h: number): void {
  if (h < W.n) W.marks[h]! |= BACK;
}

/** Code unit `i` of the method being walked. */
function unitAt(i: number): number {
  const b = W.buf!;
  const o = W.insnsOff + i * 2;
  return b[o]! | (b[o + 1]! << 8);
}

/** The id of "several definitions reach v<r>" (one slot per register and method). */
function mergedSlot(r: number): number {
  if (!W.mergedValid) {
    if (W.mergedIds.length < W.registers) W.mergedIds = new Int32Array(Math.max(W.registers, W.mergedIds.length * 2));
    else W.mergedIds.fill(0, 0, W.registers);
    W.mergedValid = true;
  }
  return (W.mergedIds[r] ||= W.frames!.id(mergedSlotOf(r)));
}

function setReg(r: number, s: Slot | undefined): void {
  if (r < W.registers) W.frames!.writeId(W.regs, r, W.frames!.id(s));
}

/** A register's slot as it is (undefined when nothing is known or outside the frame). */
function readReg(r: number): Slot | undefined {
  return r < W.registers ? W.frames!.read(W.regs, r) : undefined;
}

/** A move: the destination takes the source's slot (aliases see the same object). */
function moveReg(to: number, from: number): void {
  if (to < W.registers) W.frames!.writeId(W.regs, to, from < W.registers ? W.frames!.readId(W.regs, from) : 0);
}

/** A register's slot; an unknown one made (and kept) when nothing is known. */
function getReg(r: number): Slot {
  if (r >= W.registers) {
    W.ctx!.outOfFrame = true;
    return new Slot({ kind: 'unknown', text: `v${r}` });
  }
  const frames = W.frames!;
  const s = frames.read(W.regs, r);
  if (s) return s;
  const u = new Slot(REG_VALUES[r] ?? { kind: 'unknown', text: `v${r}` });
  frames.writeId(W.regs, r, frames.id(u));
  return u;
}

/**
 * Walks one method. Returns the backward branches it met (header → furthest source) when `loops` was not given:
 * the caller then walks the method again with them, so values changed inside a loop are not taken as constants.
 */
function interpret(ctx: MethodCtx, m: DexMethodBody, ref: DexMethodRef, fn: ModelFunction, loops?: Loops): Loops | undefined {
  const { buf } = ctx;
  if (m.codeOff % 4 !== 0) fail('code_item is not 4-aligned');
  const registers = u16(buf, m.codeOff);
  const ins = u16(buf, m.codeOff + 2);
  const tries = u16(buf, m.codeOff + 6);
  const n = u32(buf, m.codeOff + 12);
  const insnsOff = m.codeOff + 16;
  if (n * 2 > buf.length - insnsOff) fail(`code declares ${n} code units past the end`);
  fn.offset = insnsOff;
  fn.length = n * 2;
  if (registers > ctx.limits.maxRegisters || ins > registers) fail(`frame of ${registers} registers (${ins} ins) not tracked`);
  const frames = ctx.frames;
  W.ctx = ctx;
  W.frames = frames;
  W.buf = buf;
  W.insnsOff = insnsOff;
  W.registers = registers;
  W.mergedValid = false;
  W.copies = 0;
  W.maxCopies = ctx.limits.maxStateCopies;
  const unit = unitAt;
  // Loop headers and handler starts, flagged per unit (only when the method has any).
  let marks: Uint8Array | undefined;
  if (tries > 0 || (loops && loops.size > 0)) {
    if (W.marks.length < n + 1) W.marks = new Uint8Array(Math.max(n + 1, W.marks.length * 2));
    else W.marks.fill(0, 0, n + 1);
    marks = W.marks;
    if (tries > 0) markHandlers(buf, insnsOff + n * 2 + (n % 2) * 2, tries, n, marks);
    if (loops && loops.size > 0) {
      W.n = n;
      loops.forEach(markLoopHeader);
    }
  }
  const back: Loops | undefined = loops ? undefined : new Map();

  frames.begin(registers);
  /** The current state (W.regs): a row of `frames`. */
  W.regs = entryState(ctx, ref, registers, ins, (m.flags & ACC_STATIC) !== 0);
  /** W.pendingAt holds this method's forward-branch states from its first forward branch on. */
  let pending = false;
  let reachable = true;
  /** The result of the previous instruction, for move-result (it binds only to the instruction right before). */
  let result: Slot | undefined;
  let prevResult: Slot | undefined;
  const set = setReg;
  const rd = readReg;
  const move = moveReg;
  const get = getReg;

  let pc = 0;
  while (pc < n) {
    const flags = marks ? marks[pc]! : 0;
    const snap = pending && W.pendingCount > 0 ? W.pendingAt[pc]! - 1 : -1;
    if (flags !== 0 || snap >= 0) {
      // A loop header entered only from below (javac's `goto cond` layout) starts from the state before the loop,
      // less what the loop writes.
      const fromRegs = reachable || (flags & BACK) !== 0;
      W.copies += registers;
      if (W.copies > W.maxCopies) fail(`more than ${W.maxCopies} register copies at branches: method too large to model`);
      let state: number;
      if (snap >= 0) {
        W.pendingAt[pc] = 0;
        W.pendingCount--;
        if (fromRegs) {
          state = frames.copy(W.regs);
          mergeInto(frames, state, snap, registers, mergedSlot);
          frames.release(snap);
        } else state = snap;
      } else state = fromRegs ? frames.copy(W.regs) : frames.fresh();
      if (flags & BACK) forgetLoopWrites(n, pc, loops!.get(pc)!, frames, state, mergedSlot);
      if (flags & HANDLER) {
        frames.release(state);
        state = frames.fresh();
      }
      frames.release(W.regs);
      W.regs = state;
      prevResult = undefined;
    }
    reachable = true;
    const first = unit(pc);
    const op = first & 0xff;
    let len: number;
    if (op === 0x00 && first !== 0) {
      len = payloadLength(first, pc, n, unit);
      if (len === 0) fail(`unknown pseudo-instruction at unit ${pc}`);
      reachable = false; // payloads sit after a return/goto
      pc += len;
      continue;
    }
    len = LENGTH[op]!;
    if (pc + len > n) fail(`instruction 0x${op.toString(16)} at unit ${pc} runs past the code`);
    const u1 = len > 1 ? unit(pc + 1) : 0;
    const u2 = len > 2 ? unit(pc + 2) : 0;
    const a4 = (first >> 8) & 0xf;
    const b4 = first >> 12;
    const a8 = first >> 8;
    result = undefined;
    switch (op) {
      case 0x01:
      case 0x04:
      case 0x07:
        move(a4, b4);
        break;
      case 0x02:
      case 0x05:
      case 0x08:
        move(a8, u1);
        break;
      case 0x03:
      case 0x06:
      case 0x09:
        move(u1, u2);
        break;
      case 0x0a:
      case 0x0b:
      case 0x0c:
        if (prevResult?.call) prevResult.call.resultTo = REG_NAMES[a8]!;
        set(a8, prevResult);
        break;
      case 0x12:
        set(a4, constant((b4 << 28) >> 28));
        break;
      case 0x13:
        set(a8, constant((u1 << 16) >> 16));
        break;
      case 0x14:
        set(a8, constant((u1 | (u2 << 16)) | 0));
        break;
      case 0x15:
        set(a8, constant((u1 << 16) | 0));
        break;
      case 0x16:
        set(a8, constant((u1 << 16) >> 16));
        break;
      case 0x17:
        set(a8, constant((u1 | (u2 << 16)) | 0));
        break;
      case 0x1a:
        set(a8, stringSlot(ctx, u1));
        break;
      case 0x1b:
        set(a8, stringSlot(ctx, (u1 | (u2 << 16)) >>> 0));
        break;
      case 0x1f: // check-cast keeps the value
        break;
      case 0x22: {
        const nt = newTypeOf(ctx, u1);
        set(a8, new Slot(nt.value, undefined, newObj(nt)));
        break;
      }
      case 0x0e:
      case 0x0f:
      case 0x10:
      case 0x11:
      case 0x27:
      case 0x28:
      case 0x29:
      case 0x2a:
        reachable = false;
        break;
      case 0x52:
      case 0x53:
      case 0x54:
      case 0x55:
      case 0x56:
      case 0x57:
      case 0x58: {
        const f = fieldOf(ctx, u1);
        const k = rd(b4)?.recv === THIS_RECV ? 1 : 0;
        set(a4, new Slot(f.values[k] ?? fieldValue(f, k), f.recv));
        break;
      }
      case 0x60:
      case 0x61:
      case 0x62:
      case 0x63:
      case 0x64:
      case 0x65:
      case 0x66: {
        const known = ctx.statics.get(u1);
        const f = fieldOf(ctx, u1);
        set(a8, new Slot(known ?? f.values[0] ?? fieldValue(f, 0), f.recv));
        break;
      }
      case 0x6e:
      case 0x6f:
      case 0x70:
      case 0x71:
      case 0x72:
      case 0x74:
      case 0x75:
      case 0x76:
      case 0x77:
      case 0x78: {
        const count = op >= 0x74 ? regRangeInto(ctx.argRegs, a8, u2) : regList35Into(ctx.argRegs, first, u2);
        const isStatic = op === 0x71 || op === 0x77;
        // Only a move-result right after the invoke reads its result (a call's result slot is made only then).
        const next = pc + len < n ? unit(pc + len) & 0xff : -1;
        result = invoke(ctx, u1, calleeOf(ctx, u1), ctx.argRegs, count, isStatic, get, insnsOff + pc * 2, len * 2, next >= 0x0a && next <= 0x0c);
        break;
      }
      default:
        result = otherOp(ctx, op, first, u1, u2, pc);
    }
    prevResult = result;
    // A forward branch hands its state to the target.
    if ((op >= 0x28 && op <= 0x2c) || (op >= 0x32 && op <= 0x3d)) {
      if (!pending) {
        pending = true;
        if (W.pendingAt.length < n) W.pendingAt = new Int32Array(Math.max(n, W.pendingAt.length * 2));
        else W.pendingAt.fill(0, 0, n);
        W.pendingCount = 0;
      }
      forwardBranches(op, pc, first, u1, u2, n, unit, frames, W.regs, back);
    }
    pc += len;
  }
  return back;
}

/**
 * The instructions the walk meets less often (array and field stores, new-array, wide constants, move-exception and
 * whatever only defines a register), outside `interpret`: the clinit methods, walked first, are what V8 has seen when
 * it first compiles the walk, and an operation that has no type feedback then (an iget of `this`, a new-array size
 * of a shape it has not met) made the compiled walk deoptimise and compile again when the other methods reached it
 * (each compile of `interpret` costs ~0.2 s of compiler CPU; a scan builds each dex once). Returns the slot of a
 * filled-new-array for a following move-result.
 */
function otherOp(ctx: MethodCtx, op: number, first: number, u1: number, u2: number, pc: number): Slot | undefined {
  const t = ctx.t;
  const set = setReg;
  const rd = readReg;
  const get = getReg;
  const unit = unitAt;
  const a4 = (first >> 8) & 0xf;
  const b4 = first >> 12;
  const a8 = first >> 8;
  let result: Slot | undefined;
  switch (op) {
    case 0x0d:
      set(a8, new Slot({ kind: 'unknown', text: 'exception', origin: { kind: 'other', text: 'caught exception' } }));
      break;
    case 0x18: {
      const lo = (u1 | (u2 << 16)) >>> 0;
      const hi = (unit(pc + 3) | (unit(pc + 4) << 16)) | 0;
      set(a8, constant(hi * 2 ** 32 + lo));
      break;
    }
    case 0x19:
      set(a8, constant(((u1 << 16) >> 16) * 2 ** 48));
      break;
    case 0x23: {
      const size = rd(b4)?.v;
      const count = size?.kind === 'number' ? size.value : -1;
      if (count >= 0 && count <= ctx.limits.maxParts && Number.isInteger(count)) {
        set(a4, new Slot({ kind: 'unknown', text: 'array' }, undefined, arrObj(new Array<ModelValue>(count).fill({ kind: 'null' }))));
      } else set(a4, new Slot({ kind: 'unknown', text: 'array', origin: { kind: 'other', text: 'new-array' } }));
      break;
    }
    case 0x24:
    case 0x25: {
      const list = op === 0x24 ? regList35(first, u2) : regRange(a8, u2);
      result = new Slot({ kind: 'unknown', text: 'array' }, undefined, arrObj(filledItems(ctx, list)));
      break;
    }
    case 0x4b:
    case 0x4c:
    case 0x4d:
    case 0x4e:
    case 0x4f:
    case 0x50:
    case 0x51: {
      // aput vAA, vBB (array), vCC (index)
      const arr = rd(u1 & 0xff)?.obj;
      const idx = rd(u1 >> 8)?.v;
      if (arr?.k === 'arr' && idx?.kind === 'number' && idx.value >= 0 && idx.value < arr.items.length) {
        arr.items[idx.value] = valueOf(get(a8), ctx);
      }
      break;
    }
    case 0x59:
    case 0x5a:
    case 0x5b:
    case 0x5c:
    case 0x5d:
    case 0x5e:
    case 0x5f: {
      const s = rd(a4);
      if (s?.call) {
        const f = fieldOf(ctx, u1);
        s.call.resultTo = rd(b4)?.recv === THIS_RECV ? (f.thisName ??= `this.${f.ref.name}`) : otherName(f);
      }
      // A field set on an object this method created: a parameter object (TRTCParams, a config) filled in field
      // by field reaches the call it is passed to as an object with those properties.
      const o = rd(b4)?.obj;
      if (s && o?.k === 'new' && !BUILDERS.has(o.type)) (o.props ??= {})[t.field(u1).name] = valueOf(s, ctx);
      break;
    }
    case 0x67:
    case 0x68:
    case 0x69:
    case 0x6a:
    case 0x6b:
    case 0x6c:
    case 0x6d: {
      const s = rd(a8);
      if (s?.call) s.call.resultTo = otherName(fieldOf(ctx, u1));
      if (ctx.clinitPuts && t.field(u1).cls === ctx.clinitOf) {
        const v = s ? valueOf(s, ctx) : undefined;
        const known = v && v.kind !== 'unknown' && !ctx.clinitPuts.has(u1) ? v : null;
        ctx.clinitPuts.set(u1, known); // a second put to the same field makes it unknown
      }
      break;
    }
    default: {
      // Anything else that defines a register leaves an unknown there (invoke-polymorphic/custom define none:
      // their move-result then reads no value).
      const w = writtenRegister(op, first, u1, u2);
      if (w >= 0) set(w, undefined);
    }
  }
  return result;
}
/**
 * The values a filled-new-array stores, by a loop: a closure in `otherOp` (a `map` callback reading its `ctx`) made
 * every call of it allocate a context, ~14 MB per build of the benchmark dex for the 2% of calls that use it.
 */
function filledItems(ctx: MethodCtx, list: number[]): ModelValue[] {
  const n = Math.min(list.length, ctx.limits.maxParts);
  const items = new Array<ModelValue>(n);
  for (let i = 0; i < n; i++) items[i] = valueOf(getReg(list[i]!), ctx);
  return items;
}

/**
 * The loop headers the first walk of `interpret` would report (header → furthest unit branching back to it), from a
 * decode-only pass over the same instructions. Undefined when the method is malformed in a way under which a walk
 * that does not know the loops might differ from one that does in more than the loop headers: code that does not
 * decode, a field reference that does not resolve in an iput/sput (the walk resolves it only when the stored value
 * is a call result), an aput of a register outside the frame.
 */
function loopsOf(t: DexTables, m: DexMethodBody): Loops | undefined {
  const { buf } = t;
  if (m.codeOff % 4 !== 0 || m.codeOff + 16 > buf.length) return undefined;
  const registers = u16(buf, m.codeOff);
  const n = u32(buf, m.codeOff + 12);
  const insnsOff = m.codeOff + 16;
  if (n * 2 > buf.length - insnsOff) return undefined;
  W.buf = buf;
  W.insnsOff = insnsOff;
  const unit = unitAt;
  let back: Loops | undefined;
  let pc = 0;
  while (pc < n) {
    const first = unit(pc);
    const op = first & 0xff;
    if (op === 0x00 && first !== 0) {
      const len = payloadLength(first, pc, n, unit);
      if (len === 0) return undefined;
      pc += len;
      continue;
    }
    const len = LENGTH[op]!;
    if (pc + len > n) return undefined;
    const u1 = len > 1 ? unit(pc + 1) : 0;
    const u2 = len > 2 ? unit(pc + 2) : 0;
    if ((op >= 0x59 && op <= 0x5f) || (op >= 0x67 && op <= 0x6d)) {
      try {
        t.field(u1);
      } catch (e) {
        if (!(e instanceof DexFormatError)) throw e;
        return undefined;
      }
    } else if (op >= 0x4b && op <= 0x51 && first >> 8 >= registers) return undefined;
    // The targets forwardBranches computes.
    if (op === 0x28) back = backEdge(back, n, pc, pc + ((first << 16) >> 24));
    else if (op === 0x29 || (op >= 0x32 && op <= 0x3d)) back = backEdge(back, n, pc, pc + ((u1 << 16) >> 16));
    else if (op === 0x2a) back = backEdge(back, n, pc, pc + ((u1 | (u2 << 16)) | 0));
    else if (op === 0x2b || op === 0x2c) {
      const payload = pc + ((u1 | (u2 << 16)) | 0);
      if (payload >= 0 && payload + 2 <= n) {
        const size = unit(payload + 1);
        // One sum for both switch kinds (an operation only sparse switches reach had no type feedback when V8 first
        // compiled this, and deoptimised it).
        const keys = size * 2;
        const targetsAt = payload + 2 + (op === 0x2b ? 2 : keys);
        for (let k = 0; k < size && targetsAt + k * 2 + 1 < n; k++) {
          back = backEdge(back, n, pc, pc + ((unit(targetsAt + k * 2) | (unit(targetsAt + k * 2 + 1) << 16)) | 0));
        }
      }
    }
    pc += len;
  }
  return back ?? NO_LOOPS;
}

/** A branch from `pc` to `to`: a backward one is noted (header → furthest source); the map is made at the first. */
function backEdge(back: Loops | undefined, n: number, pc: number, to: number): Loops | undefined {
  if (to >= 0 && to < n && to <= pc) (back ??= new Map()).set(to, Math.max(back.get(to) ?? 0, pc));
  return back;
}

/** At a loop header: every register written inside the loop (and every call receiver there) is no longer known. */
function forgetLoopWrites(
  n: number,
  from: number,
  to: number,
  frames: Frames<Slot>,
  state: number,
  mergedSlot: (r: number) => number,
): void {
  // The walk's reader of the method's code units (a closure over the code here was made per loop header).
  const unit = unitAt;
  let pc = from;
  while (pc <= to && pc < n) {
    const first = unit(pc);
    const op = first & 0xff;
    let len = LENGTH[op]!;
    if (op === 0x00 && first !== 0) {
      len = payloadLength(first, pc, n, unit);
      if (len === 0) return;
      pc += len;
      continue;
    }
    if (pc + len > n) return;
    const w = writtenRegister(op, first, len > 1 ? unit(pc + 1) : 0, len > 2 ? unit(pc + 2) : 0);
    if (w >= 0 && w < frames.width) frames.writeId(state, w, mergedSlot(w));
    pc += len;
  }
}

function forwardBranches(
  op: number,
  pc: number,
  first: number,
  u1: number,
  u2: number,
  n: number,
  unit: (i: number) => number,
  frames: Frames<Slot>,
  regs: number,
  back: Loops | undefined,
): void {
  if (op === 0x28) give(pc + ((first << 16) >> 24), pc, n, frames, regs, back);
  else if (op === 0x29 || (op >= 0x32 && op <= 0x3d)) give(pc + ((u1 << 16) >> 16), pc, n, frames, regs, back);
  else if (op === 0x2a) give(pc + ((u1 | (u2 << 16)) | 0), pc, n, frames, regs, back);
  else {
    const payload = pc + ((u1 | (u2 << 16)) | 0);
    if (payload < 0 || payload + 2 > n) return;
    const size = unit(payload + 1);
    const keys = size * 2;
    const targetsAt = payload + 2 + (op === 0x2b ? 2 : keys);
    for (let k = 0; k < size && targetsAt + k * 2 + 1 < n; k++) {
      give(pc + ((unit(targetsAt + k * 2) | (unit(targetsAt + k * 2 + 1) << 16)) | 0), pc, n, frames, regs, back);
    }
  }
}

/** One branch from `pc` to `to`: a forward one hands the state to the target (merged with what is there). */
function give(to: number, pc: number, n: number, frames: Frames<Slot>, regs: number, back: Loops | undefined): void {
  if (to < 0 || to >= n) return;
  if (to <= pc) {
    back?.set(to, Math.max(back.get(to) ?? 0, pc));
    return;
  }
  W.copies += frames.width;
  if (W.copies > W.maxCopies) fail(`more than ${W.maxCopies} register copies at branches: method too large to model`);
  const prev = W.pendingAt[to]!;
  if (prev !== 0) mergeInto(frames, prev - 1, regs, frames.width, mergedSlot);
  else {
    W.pendingAt[to] = frames.copy(regs) + 1;
    W.pendingCount++;
  }
}

/** The meet of state `a` (changed in place) and state `b`: a register on which they differ becomes "several definitions". */
function mergeInto(frames: Frames<Slot>, a: number, b: number, width: number, mergedSlot: (r: number) => number): void {
  for (let r = 0; r < width; r++) {
    const i = frames.readId(a, r);
    const j = frames.readId(b, r);
    if (i === j) continue;
    const x = frames.slot(i);
    const y = frames.slot(j);
    if (x === y) continue;
    if (x && y && sameConstant(x.v, y.v) && !x.obj && !y.obj) continue;
    frames.writeId(a, r, mergedSlot(r));
  }
}

/** "Several definitions reach v<r>": one slot per register, shared (it is never written to). */
const MERGED: Slot[] = [];
const SEVERAL = { kind: 'other' as const, text: 'several definitions' };
function mergedSlotOf(r: number): Slot {
  let s = MERGED[r];
  if (!s) {
    s = MERGED[r] = new Slot({ kind: 'unknown', text: `v${r}`, origin: SEVERAL });
    SHARED_RECV.set(s.v, { kind: 'unknown', text: `v${r}` });
  }
  return s;
}

function sameConstant(x: ModelValue, y: ModelValue): boolean {
  if (x.kind !== y.kind) return false;
  if (x.kind === 'string' || x.kind === 'number' || x.kind === 'boolean') return x.value === (y as typeof x).value;
  return x.kind === 'null';
}

/**
 * The slot a const-string leaves, one per string id and file: nothing writes to a constant's slot (only new-instance
 * slots change), and a meet treats two slots of the same string as the same value either way.
 */
function stringSlot(ctx: MethodCtx, idx: number): Slot {
  let s = ctx.stringSlots.get(idx);
  if (!s) {
    s = new Slot({ kind: 'string', value: ctx.t.string(idx).value });
    ctx.stringSlots.set(idx, s);
  }
  return s;
}

/** Slots of small integer constants, shared (a constant's slot is never written to). */
const SMALL = Array.from({ length: 1024 + 16 }, (_, i): Slot => new Slot({ kind: 'number', value: i - 16 }));

function constant(value: number): Slot {
  return value >= -16 && value < 1024 && Number.isInteger(value) && !Object.is(value, -0) ? SMALL[value + 16]! : new Slot({ kind: 'number', value });
}


/** `this`, the same slot in every instance method (never written to: only new-instance slots change). */
/**
 * The receiver of `this`: only THIS holds it, so a register holds `this` when its slot's receiver is this object (an
 * identity test, where reading the receiver's kind met the receivers' many shapes and deoptimised the compiled walk).
 */
const THIS_RECV: Receiver = { kind: 'this' };
const THIS = new Slot({ kind: 'unknown', text: 'this', origin: { kind: 'other', text: 'this' } }, THIS_RECV);

/** Parameters sit in the last `ins` registers: `this` first for instance methods, wide types take two. */
function entryState(ctx: MethodCtx, ref: DexMethodRef, registers: number, ins: number, isStatic: boolean): number {
  const { frames } = ctx;
  const regs = frames.fresh();
  let r = registers - ins;
  if (!isStatic) {
    if (r < registers) frames.writeId(regs, r, frames.id(THIS));
    r++;
  }
  const params = ref.params;
  for (let index = 0; index < params.length && r < registers; index++) {
    // One object is both the value's origin and the receiver: they say the same (parameter `index` of this method).
    const param = { kind: 'param' as const, fn: ctx.fnName, index };
    frames.writeId(regs, r, frames.id(new Slot({ kind: 'unknown', text: ARG_NAMES[index] ?? `arg${index}`, origin: param }, param)));
    const type = params[index]!;
    r += type === 'J' || type === 'D' ? 2 : 1;
  }
  return regs;
}

/** Format 35c into `out` (the interpreter's scratch list, no allocation per invoke); returns the count. */
function regList35Into(out: Int32Array, first: number, u2: number): number {
  const count = first >> 12;
  const n = Math.min(count, 4);
  for (let i = 0; i < n; i++) out[i] = (u2 >> (4 * i)) & 0xf;
  if (count >= 5) {
    out[n] = (first >> 8) & 0xf;
    return n + 1;
  }
  return n;
}

/** Format 3rc into `out`; returns the count. */
function regRangeInto(out: Int32Array, count: number, firstReg: number): number {
  for (let i = 0; i < count; i++) out[i] = firstReg + i;
  return count;
}

/** Format 35c: up to five 4-bit registers, C D E F in the second unit, then G in the first. */
function regList35(first: number, u2: number): number[] {
  const count = first >> 12;
  const out: number[] = [];
  for (let i = 0; i < count && i < 4; i++) out.push((u2 >> (4 * i)) & 0xf);
  if (count >= 5) out.push((first >> 8) & 0xf);
  return out;
}

function regRange(count: number, firstReg: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(firstReg + i);
  return out;
}

/** `io/agora/rtc2/RtcEngine` → `RtcEngine`. */
function shortName(cls: string): string {
  const i = cls.lastIndexOf('/');
  return i >= 0 ? cls.slice(i + 1) : cls;
}

/** The value a register contributes as an argument. */
function valueOf(s: Slot, ctx: MethodCtx): ModelValue {
  const o = s.obj;
  if (o?.k === 'sb') return concatValue(o.parts);
  if (o?.k === 'arr') return { kind: 'array', items: o.items.map(toJsValue) };
  if (o?.k === 'new' && o.props) return { kind: 'object', props: { ...o.props } };
  void ctx;
  return s.v;
}

function toJsValue(v: ModelValue): JsValue {
  if (v.kind === 'concat' || v.kind === 'format') return { kind: 'unknown', text: v.kind === 'concat' ? 'string concatenation' : v.format };
  if (v.kind === 'unknown') return { kind: 'unknown', text: v.text };
  if (v.kind === 'object') return { kind: 'unknown', text: 'object' };
  return v;
}

/** Adjacent literal parts fold into one string; a concat of one string is that string. */
function concatValue(parts: ModelValue[]): ModelValue {
  const out: ModelValue[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (p.kind === 'string' && prev?.kind === 'string') out[out.length - 1] = { kind: 'string', value: prev.value + p.value };
    else out.push(p);
  }
  if (out.length === 1 && out[0]!.kind === 'string') return out[0]!;
  if (out.length === 0) return { kind: 'string', value: '' };
  return { kind: 'concat', parts: out };
}

/** A constant as the declared parameter type reads it: `const/4 0` is null for a reference, false for a boolean. */
function coerce(v: ModelValue, type: string): ModelValue {
  if (v.kind !== 'number') return v;
  if (type[0] === 'L' || type[0] === '[') return v.value === 0 ? NULL : v;
  if (type === 'Z') return v.value !== 0 ? TRUE : FALSE;
  if (type === 'F' && Number.isInteger(v.value)) {
    const d = new DataView(new ArrayBuffer(4));
    d.setInt32(0, v.value);
    return { kind: 'number', value: d.getFloat32(0) };
  }
  return v;
}

/** What `String.valueOf(x)` / `append(x)` makes of a value of the given parameter type. */
function stringPart(v: ModelValue, type: string): ModelValue {
  const c = coerce(v, type);
  if (c.kind === 'number') return { kind: 'string', value: type === 'C' ? String.fromCharCode(c.value) : String(c.value) };
  if (c.kind === 'boolean') return { kind: 'string', value: String(c.value) };
  if (c.kind === 'null' && (type[0] === 'L' || type[0] === '[')) return { kind: 'string', value: 'null' };
  return c;
}

function pushPart(o: { parts: ModelValue[]; full: boolean }, v: ModelValue, max: number): void {
  if (o.full) return;
  const add = v.kind === 'concat' ? v.parts : [v];
  for (const p of add) {
    if (o.parts.length >= max - 1) {
      o.parts.push({ kind: 'unknown', text: '…', origin: { kind: 'other', text: 'string longer than the model keeps' } });
      o.full = true;
      return;
    }
    o.parts.push(p);
  }
}

/**
 * One invoke: folds string building and boxing into values, emits every other call as a ModelCall, and returns
 * the slot a following move-result takes.
 */
const NEW_INSTANCE = { kind: 'other' as const, text: 'new-instance' };

function newTypeOf(ctx: MethodCtx, typeIdx: number): NewType {
  let nt = ctx.newTypes[typeIdx];
  if (!nt) {
    const type = internalName(ctx.t.type(typeIdx));
    nt = { type, value: { kind: 'unknown', text: `new ${shortName(type)}`, origin: NEW_INSTANCE }, recv: { kind: 'new', type } };
    ctx.newTypes[typeIdx] = nt;
  }
  return nt;
}

function fieldOf(ctx: MethodCtx, fieldIdx: number): FieldUse {
  let u = ctx.fields[fieldIdx];
  if (u) return u;
  const f = ctx.t.field(fieldIdx);
  u = { ref: f, recv: { kind: 'field', owner: f.cls, name: f.name }, values: [undefined, undefined], thisName: undefined, otherName: undefined };
  ctx.fields[fieldIdx] = u;
  return u;
}

/** `Owner.engine`: the text of a field read on anything but `this`, and the resultTo of a call result stored to it. */
function otherName(u: FieldUse): string {
  return (u.otherName ??= `${shortName(u.ref.cls)}.${u.ref.name}`);
}

/** The value an iget/sget of the field gives (`k` 1: an iget on `this`), made at its first read. */
function fieldValue(u: FieldUse, k: 0 | 1): ModelValue {
  const text = k === 1 ? (u.thisName ??= `this.${u.ref.name}`) : otherName(u);
  return (u.values[k] = { kind: 'unknown', text, origin: u.recv });
}

/** The invoked method's reference (its names), looked up at its first call in the build. */
function calleeOf(ctx: MethodCtx, methodIdx: number): DexMethodRef {
  const cs = ctx.callees;
  let ref = cs.ref[methodIdx];
  if (ref) return ref;
  ref = ctx.t.invoked(methodIdx);
  cs.ref[methodIdx] = ref;
  if (BUILDERS.has(ref.cls) || BOXES.has(ref.cls) || ref.cls === 'java/lang/String' || ref.cls === 'kotlin/jvm/internal/Intrinsics') cs.folds[methodIdx] = 1;
  return ref;
}

/** `{kind: 'call', callee}` of an invoked method (see Callees.origin). */
function originOf(cs: Callees, idx: number, ref: DexMethodRef): { kind: 'call'; callee: string } {
  return (cs.origin[idx] ??= { kind: 'call', callee: ref.callee });
}

/** The value a move-result after a call of method `idx` takes. */
function resultOf(cs: Callees, idx: number, ref: DexMethodRef): ModelValue {
  return (cs.result[idx] ??= { kind: 'unknown', text: `${shortName(ref.cls)}.${ref.name}(…)`, origin: originOf(cs, idx, ref) });
}

/** Arguments of a call without any (one array for all: the model's arrays are never mutated once made). */
const NO_ARGS: ModelValue[] = [];

/**
 * A call's argument values. The lists of one to three (95% of the lists the benchmark dex keeps) are array literals:
 * a literal has an allocation site, so V8 pretenures these lists once it sees them survive, where an array made by
 * `new Array(n)` is always made young and copied twice by the young-generation collections.
 */
function argList(ctx: MethodCtx, slots: Slot[], params: string[], nargs: number): ModelValue[] {
  if (nargs === 0) return NO_ARGS;
  const a0 = coerce(valueOf(slots[0]!, ctx), params[0]!);
  if (nargs === 1) return [a0];
  const a1 = coerce(valueOf(slots[1]!, ctx), params[1]!);
  if (nargs === 2) return [a0, a1];
  const a2 = coerce(valueOf(slots[2]!, ctx), params[2]!);
  if (nargs === 3) return [a0, a1, a2];
  const args = new Array<ModelValue>(nargs);
  args[0] = a0;
  args[1] = a1;
  args[2] = a2;
  for (let i = 3; i < nargs; i++) args[i] = coerce(valueOf(slots[i]!, ctx), params[i]!);
  return args;
}
/** The receiver of a call whose receiver register is outside the frame (malformed code). */
const NO_RECEIVER: Receiver = { kind: 'unknown' };

function invoke(
  ctx: MethodCtx,
  idx: number,
  ref: DexMethodRef,
  list: Int32Array,
  count: number,
  isStatic: boolean,
  get: (r: number) => Slot,
  offset: number,
  length: number,
  wantResult: boolean,
): Slot | undefined {
  const cs = ctx.callees;
  const params = ref.params;
  let w = 0;
  let recvSlot: Slot | undefined;
  if (!isStatic) {
    if (count > 0) recvSlot = get(list[0]!);
    w = 1;
  }
  // Every argument's slot first, then their values (reading a register never changes another's slot).
  const slots = ctx.argSlots;
  let nargs = 0;
  for (let i = 0; i < params.length && w < count; i++) {
    const type = params[i]!;
    slots[nargs++] = get(list[w]!);
    w += type === 'J' || type === 'D' ? 2 : 1;
  }
  const args = argList(ctx, slots, params, nargs);

  if (cs.folds[idx] === 1) {
    const folded = fold(ctx, idx, ref, recvSlot, args, slots, nargs, isStatic);
    if (folded !== NOT_FOLDED) return folded;
  }
  const newObj = recvSlot?.obj?.k === 'new' ? recvSlot.obj : undefined;
  const construct = ref.name === '<init>' && newObj !== undefined && !newObj.call;
  const receiver: Receiver = isStatic ? (cs.classRecv[idx] ??= { kind: 'class', name: ref.cls }) : recvSlot ? receiverOf(recvSlot) : NO_RECEIVER;
  const caller = (ctx.caller ??= { fn: ctx.fnIndex, context: ctx.fnName });
  const call = new DexCall(caller, ref, receiver, args, callPosition(offset, length, construct), undefined);
  if (ctx.budget > 0) {
    ctx.calls.push(call);
    ctx.budget--;
  } else ctx.dropped++;
  if (construct && newObj && recvSlot) {
    newObj.call = call;
    // The constructor of the class made (the usual case) gives one value for all its instances.
    recvSlot.v =
      newObj.type === ref.cls
        ? (cs.constructed[idx] ??= { kind: 'unknown', text: `new ${shortName(ref.cls)}(…)`, origin: originOf(cs, idx, ref) })
        : { kind: 'unknown', text: `new ${shortName(newObj.type)}(…)`, origin: originOf(cs, idx, ref) };
    return undefined;
  }
  if (ref.ret === 'V' || !wantResult) return undefined;
  return new Slot(resultOf(cs, idx, ref), cs.origin[idx], undefined, call);
}

/** The result of fold() when the call is not folded (a call site, made by invoke). */
const NOT_FOLDED = new Slot({ kind: 'undefined' });

/**
 * String building and boxing folded into values rather than reported as calls: the slot a following move-result
 * takes (or undefined), or NOT_FOLDED when the call is a call site after all.
 */
function fold(
  ctx: MethodCtx,
  idx: number,
  ref: DexMethodRef,
  recvSlot: Slot | undefined,
  args: ModelValue[],
  slots: Slot[],
  nargs: number,
  isStatic: boolean,
): Slot | undefined {
  const max = ctx.limits.maxParts;
  if (BUILDERS.has(ref.cls) && recvSlot) {
    const o = recvSlot.obj;
    if (ref.name === '<init>' && o?.k === 'new') {
      const sb = sbObj();
      const p0 = ref.params[0];
      if (p0 === 'Ljava/lang/String;' || p0 === 'Ljava/lang/CharSequence;') pushPart(sb, stringPart(args[0]!, p0), max);
      recvSlot.obj = sb;
      return undefined;
    }
    if (o?.k === 'sb') {
      if (ref.name === 'append' && args.length === 1) {
        pushPart(o, stringPart(args[0]!, ref.params[0]!), max);
        return recvSlot;
      }
      if (ref.name === 'toString' && args.length === 0) return new Slot(concatValue(o.parts));
      if (ref.name === 'length' || ref.name === 'capacity' || ref.name === 'charAt') return undefined;
      o.full = true; // insert, reverse, setLength…: the builder is no longer one known sequence
      o.parts.push({ kind: 'unknown', text: `${ref.name}(…)`, origin: { kind: 'call', callee: `${ref.cls}.${ref.name}` } });
    }
  }
  if (BUILDERS.has(ref.cls)) {
    // String building on a builder the model does not know (a parameter, a loop): a value, never a call site.
    return ref.ret === 'V' ? undefined : new Slot(resultOf(ctx.callees, idx, ref));
  }
  if (ref.cls === 'java/lang/String') {
    if (ref.name === 'format' && isStatic) {
      const locale = ref.params[0] === 'Ljava/util/Locale;' ? 1 : 0;
      const fmt = args[locale];
      const arr = locale + 1 < nargs ? slots[locale + 1]!.obj : undefined;
      if (fmt?.kind === 'string') {
        return new Slot({ kind: 'format', format: fmt.value, args: arr?.k === 'arr' ? arr.items.slice() : [] });
      }
    }
    if (ref.name === 'valueOf' && isStatic && args.length === 1) return new Slot(stringPart(args[0]!, ref.params[0]!));
    if (ref.name === 'concat' && recvSlot && args.length === 1) return new Slot(concatValue([valueOf(recvSlot, ctx), args[0]!]));
    if (ref.name === 'toString' && recvSlot) return recvSlot;
  }
  if (BOXES.has(ref.cls) && ref.name === 'valueOf' && isStatic && args.length === 1 && ref.params[0]!.length === 1) {
    return new Slot(args[0]!);
  }
  if (ref.cls === 'kotlin/jvm/internal/Intrinsics' && ref.name === 'stringPlus' && args.length === 2) {
    return new Slot(concatValue([stringPart(args[0]!, ref.params[0]!), stringPart(args[1]!, ref.params[1]!)]));
  }

  return NOT_FOLDED;
}

/** The receiver of calls on a string builder the model folds. */
const BUILDER_RECV: Receiver = { kind: 'new', type: 'java/lang/StringBuilder' };

function receiverOf(s: Slot): Receiver {
  const o = s.obj;
  if (o?.k === 'new') return o.recv!;
  if (o?.k === 'sb') return BUILDER_RECV;
  if (s.recv) return s.recv;
  const origin = s.v.kind === 'unknown' && 'origin' in s.v ? s.v.origin : undefined;
  if (origin?.kind === 'param') return { kind: 'param', fn: origin.fn, index: origin.index };
  if (origin?.kind === 'field') return { kind: 'field', owner: origin.owner, name: origin.name };
  if (origin?.kind === 'call') return { kind: 'call', callee: origin.callee };
  const shared = SHARED_RECV.get(s.v);
  if (shared) return shared;
  return { kind: 'unknown', text: s.v.kind === 'unknown' ? s.v.text : undefined };
}
