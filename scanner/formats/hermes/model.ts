// The code model (scanner/model) of a Hermes bytecode file: per function, an abstract interpretation over registers
// within straight-line code (a register is forgotten at every jump target and after every jump, as in calls.ts):
// constants, Mov, GetById/TryGetById on the global object, on modules and on objects, object literals
// (NewObjectWithBuffer + PutOwnBySlotIdx / PutNewOwnById), string `+` (Add/AddS) and template literals
// (HermesInternal.concat), LoadParam, closure environments (Store/LoadFromEnvironment through
// CreateFunctionEnvironment/CreateEnvironment/GetParentEnvironment/GetEnvironment) and Metro modules:
// `__d(factory, id, [deps])` in the global function, `require(dependencyMap[i])` inside factories. Metro keeps no
// module paths in release builds, so a module is mapped to its npm package by the compiled-wrapper markers of the
// vendor rules (strings its code and its inner functions use); functions of such modules are vendor code.
// Calls: CallN (N counts `this`), Call/Construct with the argument window at the top of the frame (`this` at
// frameSize-8 from v97, -7 before), CallDirect, Construct.
import type { CodeModel, ModelCall, ModelFunction, ModelValue, Receiver, ValueOrigin } from '../../model/types.js';
import type { RulePack } from '../../rules/pack.js';
import type { BytecodeContext } from './bytecode.js';
import { literalValues } from './literals.js';
import { readOperand } from './opcodes.js';
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
}

const UNKNOWN: Receiver = { kind: 'unknown' };
const unknownAbs = (text: string, origin?: ValueOrigin): Abs => ({ v: origin ? { kind: 'unknown', text, origin } : { kind: 'unknown', text }, as: UNKNOWN });
const constAbs = (v: ModelValue): Abs => ({ v, as: UNKNOWN });

const JUMP = /^(Jmp|J[A-Z])/;
const ENDS = new Set(['Ret', 'Throw', 'Unreachable']);
const CALL_N = /^Call([1-4])$/;
const GET_BY_ID = new Set(['GetByIdShort', 'GetById', 'GetByIdLong', 'TryGetById', 'TryGetByIdLong']);
const CLOSURE = /^Create(Async|Generator)?Closure(LongIndex)?$|^CreateGenerator(LongIndex)?$/;
const ENV_STORE = /^Store(NP)?ToEnvironmentL?$/;
const ENV_LOAD = /^LoadFromEnvironmentL?$/;
const MAX_CALLS = 200_000;
const ENV_MAKER = /^(CreateFunctionEnvironment|CreateTopLevelEnvironment|CreateEnvironment|CreateInnerEnvironment|GetParentEnvironment|GetEnvironment)$/;
const NO_WRITE = /^(Put|TryPut|DefineOwn|Store|Ret|Throw|Jmp|J[A-Z]|Switch|UIntSwitch|StringSwitch|IteratorClose|Debugger|AsyncBreakCheck|ProfilePoint|Unreachable|DeclareGlobalVar|ThrowIf)/;

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
  const fns = file.functions;
  const stringAt = (id: number) => file.strings[id]?.value;
  const label = (i: number) => functionLabel(file, i);
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

  const storeSlot = (key: string, a: Abs) => {
    const old = envSlots.get(key);
    if (old === undefined) envSlots.set(key, a);
    else if (old && old.v.kind !== 'undefined' && a.v.kind !== 'undefined' && JSON.stringify(old.v) !== JSON.stringify(a.v)) envSlots.set(key, null);
    else if (old && old.v.kind === 'undefined') envSlots.set(key, a);
  };

  // What a function returns when every `Ret` returns the same string building (`${BASE}/presence?uid=${uid}`):
  // calls substitute their arguments for its parameters. Linked by function name (Hermes keeps names), only when
  // the name is unique among functions with a summary.
  const returns = new Map<number, ModelValue | null>();
  const noteReturn = (f: number, v: ModelValue | undefined) => {
    const old = returns.get(f);
    if (v === undefined || (old !== undefined && (old === null || JSON.stringify(old) !== JSON.stringify(v)))) returns.set(f, null);
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
  const functions: ModelFunction[] = fns.map((f) => ({ name: label(f.index), index: f.index, params: Math.max(0, f.paramCount - 1), offset: f.offset, length: f.size }));

  function run(fn: HermesFunctionInfo, emit: boolean): void {
    if (!fn.size) return;
    const regs = new Map<number, Abs>();
    const end = fn.offset + fn.size;
    const targets = new Set<number>();
    for (let at = fn.offset; at < end;) {
      const op = table[data[at]!];
      if (!op || at + op.length > end) return;
      op.types.forEach((t, i) => {
        if (t === 'Addr8' || t === 'Addr32') targets.add(at + readOperand(data, at, op, i));
      });
      at += op.length;
    }
    const name = label(fn.index);
    const thisOffset = modern ? 8 : 7;
    const get = (r: number): Abs => regs.get(r) ?? unknownAbs('?');
    // Environment registers are set once (CreateFunctionEnvironment, GetParentEnvironment) and read after loops and
    // branches; one keeps its environment across a block boundary unless another instruction wrote it in between.
    const otherWrites = new Map<number, number[]>();
    for (let at = fn.offset; at < end;) {
      const op = table[data[at]!]!;
      if ((op.types[0] === 'Reg8' || op.types[0] === 'Reg32') && !ENV_MAKER.test(op.name) && !NO_WRITE.test(op.name)) {
        const r = readOperand(data, at, op, 0);
        const l = otherWrites.get(r);
        if (l) l.push(at);
        else otherWrites.set(r, [at]);
      }
      at += op.length;
    }
    const envAt = new Map<number, number>();
    const clear = (now: number) => {
      for (const [r, a] of regs) {
        const since = envAt.get(r);
        const keep = a.env !== undefined && since !== undefined && !(otherWrites.get(r) ?? []).some((w) => w > since && w < now);
        if (!keep) regs.delete(r);
      }
    };
    for (let at = fn.offset; at < end;) {
      const op = table[data[at]!]!;
      if (targets.has(at) || op.name === 'Catch') clear(at);
      const arg = (i: number) => readOperand(data, at, op, i);
      const set = (a: Abs) => regs.set(arg(0), a);
      const n = op.name;
      let handled = true;
      if (n === 'LoadConstString' || n === 'LoadConstStringLongIndex') {
        const s = stringAt(arg(1));
        set(s === undefined ? unknownAbs('string') : constAbs({ kind: 'string', value: s }));
      } else if (n === 'LoadConstUInt8' || n === 'LoadConstInt' || n === 'LoadConstDouble') set(constAbs({ kind: 'number', value: arg(1) }));
      else if (n === 'LoadConstZero') set(constAbs({ kind: 'number', value: 0 }));
      else if (n === 'LoadConstNull') set(constAbs({ kind: 'null' }));
      else if (n === 'LoadConstUndefined' || n === 'LoadConstEmpty') set(constAbs({ kind: 'undefined' }));
      else if (n === 'LoadConstTrue' || n === 'LoadConstFalse') set(constAbs({ kind: 'boolean', value: n === 'LoadConstTrue' }));
      else if (n === 'Mov' || n === 'MovLong') regs.set(arg(0), get(arg(1)));
      else if (n === 'LoadParam' || n === 'LoadParamLong') {
        const i = arg(1);
        const factory = modules.get(fn.index);
        if (factory && i === 2) set({ ...unknownAbs('require'), special: 'require' });
        else if (factory && i === 7) set({ ...unknownAbs('dependencyMap'), special: 'depmap', deps: factory.deps });
        else if (i === 0) set({ ...unknownAbs('this'), as: { kind: 'this' } });
        else set({ v: { kind: 'unknown', text: '', origin: { kind: 'param', fn: name, index: i } }, as: { kind: 'param', fn: name, index: i } });
      } else if (n === 'GetGlobalObject') set({ ...unknownAbs('global'), special: 'global' });
      else if (GET_BY_ID.has(n)) {
        const prop = stringAt(arg(3)) ?? '?';
        set(member(get(arg(1)), prop));
      } else if (n === 'GetByIndex') {
        const o = get(arg(1));
        set(o.special === 'depmap' && o.deps ? { ...unknownAbs('dep'), moduleId: o.deps[arg(2)] } : unknownAbs('?'));
      } else if (n === 'GetByVal') {
        const o = get(arg(1));
        const k = get(arg(2)).v;
        if (o.special === 'depmap' && o.deps && k.kind === 'number') set({ ...unknownAbs('dep'), moduleId: o.deps[k.value] });
        else if (k.kind === 'string') set(member(o, k.value));
        else set(unknownAbs('?'));
      } else if (CLOSURE.test(n)) {
        const target = arg(2);
        if (target < fns.length) {
          if (parentFn[target] === -1) parentFn[target] = fn.index;
          const env = get(arg(1)).env;
          if (env && !closureEnv.has(target)) closureEnv.set(target, env);
          set({ ...unknownAbs(label(target)), closure: target, name: label(target) });
        } else set(unknownAbs('?'));
      } else if (n === 'CreateFunctionEnvironment' || (n === 'CreateEnvironment' && !modern) || n === 'CreateTopLevelEnvironment') {
        const id = `${fn.index}`;
        const parent = closureEnv.get(fn.index);
        if (parent && !envParent.has(id)) envParent.set(id, parent);
        set({ ...unknownAbs('env'), env: id });
      } else if (n === 'CreateEnvironment' || n === 'CreateInnerEnvironment') {
        const id = `${fn.index}@${at - fn.offset}`;
        const parent = get(arg(1)).env;
        if (parent && !envParent.has(id)) envParent.set(id, parent);
        set({ ...unknownAbs('env'), env: id });
      } else if (n === 'GetParentEnvironment' || n === 'GetEnvironment') {
        // v97+: GetParentEnvironment d, depth; before: GetEnvironment d, depth. 0 = the closure's captured env.
        if (n === 'GetEnvironment' && modern) set(unknownAbs('env'));
        else {
          let env = closureEnv.get(fn.index);
          for (let k = arg(1); k > 0 && env; k--) env = envParent.get(env);
          set(env ? { ...unknownAbs('env'), env } : unknownAbs('env'));
        }
      } else if (ENV_STORE.test(n)) {
        const env = get(arg(0)).env;
        if (env) storeSlot(`${env}:${arg(1)}`, get(arg(2)));
      } else if (ENV_LOAD.test(n)) {
        const env = get(arg(1)).env;
        const key = env ? `${env}:${arg(2)}` : '';
        const slot = env ? (envSlots.has(key) ? envSlots.get(key) : prevSlots.get(key)) : undefined;
        set(slot ?? unknownAbs('', { kind: 'other', text: env ? `closure variable ${arg(2)}` : 'closure variable' }));
      } else if (n === 'NewObjectWithBuffer' || n === 'NewObjectWithBufferLong') set(objectLiteral(arg(1), arg(2), modern ? undefined : arg(3), modern ? undefined : arg(4)));
      else if (n === 'NewObject') set({ v: { kind: 'object', props: {} }, as: UNKNOWN, keys: [] });
      else if (n === 'NewArrayWithBuffer' || n === 'NewArrayWithBufferLong') {
        const items = literalValues(data, layout.valueBuffer, arg(3), arg(2), modern, stringAt);
        set(items ? constAbs({ kind: 'array', items }) : unknownAbs('array'));
      } else if (n === 'PutOwnBySlotIdx' || n === 'PutOwnBySlotIdxLong') {
        const o = get(arg(0));
        const key = o.keys?.[arg(2)];
        if (key !== undefined && o.v.kind === 'object') o.v = { kind: 'object', props: { ...o.v.props, [key]: get(arg(1)).v } };
      } else if (/^(PutNewOwn(NE)?ById|DefineOwnById|PutById|PutByIdLoose|PutByIdStrict)/.test(n) && op.types.length >= 3) {
        const o = get(arg(0));
        const strIdx = op.stringOperands[0];
        const key = strIdx !== undefined ? stringAt(arg(strIdx)) : undefined;
        if (key !== undefined && o.v.kind === 'object') o.v = { kind: 'object', props: { ...o.v.props, [key]: get(arg(1)).v } };
      } else if (n === 'Add' || n === 'AddS') {
        const a = get(arg(1)).v;
        const b = get(arg(2)).v;
        if (a.kind === 'string' || b.kind === 'string' || a.kind === 'concat' || b.kind === 'concat') set(constAbs({ kind: 'concat', parts: [a, b] }));
        else set(unknownAbs('?'));
      } else if (n === 'AddEmptyString') set(constAbs({ kind: 'concat', parts: [{ kind: 'string', value: '' }, get(arg(1)).v] }));
      else if (CALL_N.test(n) || n === 'Call' || n === 'Construct' || n === 'CallLong' || n === 'ConstructLong') {
        let argRegs: number[];
        let thisReg: number;
        if (CALL_N.test(n)) {
          const count = Number(CALL_N.exec(n)![1]);
          thisReg = arg(2);
          argRegs = Array.from({ length: count - 1 }, (_, i) => arg(3 + i));
        } else {
          const argc = arg(2);
          thisReg = fn.frameSize - thisOffset;
          argRegs = Array.from({ length: Math.max(0, argc - 1) }, (_, i) => thisReg - 1 - i);
        }
        set(call(fn, at, op.length, get(arg(1)), get(thisReg), argRegs.map(get), n.startsWith('Construct'), emit));
      } else if (n === 'CallDirect' || n === 'CallDirectLongIndex') {
        const argc = arg(1);
        const thisReg = fn.frameSize - thisOffset;
        const callee: Abs = { ...unknownAbs(label(arg(2))), closure: arg(2), name: label(arg(2)) };
        set(call(fn, at, op.length, callee, get(thisReg), Array.from({ length: Math.max(0, argc - 1) }, (_, i) => get(thisReg - 1 - i)), false, emit));
      } else if (n === 'CreateThis' || n === 'CreateThisForNew') set(unknownAbs('this'));
      else if (n === 'SelectObject') {
        const r = get(arg(2));
        set(r.as.kind === 'new' ? r : get(arg(1)));
      } else handled = false;
      if (!handled) {
        const writes = op.types.length > 0 && (op.types[0] === 'Reg8' || op.types[0] === 'Reg32') && !/^(Put|TryPut|DefineOwn|Store|Ret|Throw|Jmp|J[A-Z]|Switch|UIntSwitch|StringSwitch|IteratorClose)/.test(n);
        if (writes) regs.delete(arg(0));
        // Iterators and property-name lists write more than operand 0.
        if (/^(IteratorNext|IteratorBegin|GetNextPName|GetPNameList)/.test(n)) op.types.forEach((t, i) => (t === 'Reg8' || t === 'Reg32') && regs.delete(arg(i)));
      }
      if (n === 'Ret') {
        const r = get(arg(0)).v;
        if (r.kind === 'concat' || r.kind === 'string') noteReturn(fn.index, r);
        else noteReturn(fn.index, undefined);
      }
      if (ENV_MAKER.test(n)) envAt.set(arg(0), at);
      if (ENDS.has(n) || JUMP.test(n) || n.endsWith('SwitchImm')) clear(at + op.length);
      at += op.length;
    }
  }

  function member(o: Abs, prop: string): Abs {
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
      return unknownAbs('?');
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
    const modelCall: ModelCall = {
      fn: fn.index, callee: calleeText, method: construct ? '<init>' : methodName, receiver, args: args.map((a) => a.v),
      offset: at, length, context: label(fn.index),
      ...(construct ? { construct: true, receiverType: callee.name ?? methodName } : {}),
    };
    if (emit && calls.length < maxCalls) calls.push(modelCall);
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
    return { v: { kind: 'unknown', text: `${calleeText}()`, origin: { kind: 'call', callee: calleeText } }, as: { kind: 'call', callee: calleeText }, name: `${calleeText}()` };
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
    for (const fn of fns) run(fn, round === 2);
  }

  // Vendor code: functions of modules whose package is an SDK wrapper.
  for (const [factory, m] of modules) {
    if (!packageOfModule(m.id)) continue;
    moduleFns ??= groupByFactory();
    for (const f of moduleFns.get(factory) ?? [factory]) functions[f]!.inVendorCode = true;
  }
  return { functions, calls };
}
