// The code model of an arm64 Mach-O image: functions from LC_FUNCTION_STARTS, symbols and ObjC method lists, and
// per function a linear walk over __text that tracks what each x register holds within a basic block — addresses
// (adrp/add), loaded selectors, classes and pointers, small integers, incoming parameters, ivars, call results —
// and turns every Objective-C send (`objc_msgSend` through __stubs, `objc_msgSend$sel` selector stubs, the
// objc_alloc/objc_alloc_init/objc_opt_new entry points) into a ModelCall with receiver provenance and argument
// values (CFString and C string literals, numbers, nil, format strings with their holes). Apple arm64 ABI: x0 self,
// x1 _cmd, x2-x7 then the stack for arguments; variadic arguments always on the stack; a call clobbers x0-x17.
import type { CodeModel, ModelCall, ModelFunction, ModelValue, Receiver } from '../../model/types.js';
import { decode, type Insn } from './arm64.js';
import { MachImage } from './image.js';
import { classFromSymbol, readObjc, type IvarInfo, type ObjcInfo } from './objc.js';
import type { ImageCommands } from './slice.js';

/** Work bounds: instructions decoded per image and per function, and call sites kept per image. */
export const CODE_LIMITS = { insnsPerImage: 32_000_000, insnsPerFunction: 262_144, calls: 500_000 };

/** What a register holds, as far as one basic block shows. */
type Abs =
  | { k: 'addr'; a: number }
  | { k: 'int'; n: bigint }
  | { k: 'class'; name: string }
  | { k: 'sel'; name: string }
  | { k: 'sym'; name: string }
  | { k: 'param'; i: number }
  | { k: 'call'; callee: string; type?: string; value?: ModelValue }
  | { k: 'field'; ivar: IvarInfo }
  | { k: 'ivaroff'; ivar: IvarInfo }
  | { k: 'stack'; off: number } // sp + off: an address in this function's frame (a block literal, an out-argument)
  | { k: 'capture'; off: number }; // inside a block's invoke function: the captured variable at block + off

/**
 * A call that passes a stack block literal: if the block's invoke function configures its first parameter with
 * setters (`builder.roomName = …` in `[TVIConnectOptions optionsWithToken:t block:^(builder){…}]`), the call's
 * result is an object with those properties and the call's own keyword arguments (see Walker.builderObjects).
 */
interface BlockCall {
  sel: string;
  args: ModelValue[];
  /** Index of the block among the arguments. */
  blockArg: number;
  invoke: number;
  /** Captured variables by offset in the literal (32, 40, …), as values where the block was made. */
  captures: Map<number, ModelValue>;
  /** The value the call's result has everywhere it is used (replaced by the object when the block is a builder). */
  result: ModelValue;
}

/** A setter sent to a block invoke function's first parameter: `setRoomName:` → prop `roomName`. */
interface BlockSetter {
  prop: string;
  value: ModelValue;
  /** The captured variable the value is, when it is one. */
  capture?: number;
}

type Regs = Array<Abs | undefined>;

export interface CodeStats {
  functions: number;
  instructions: number;
  sends: number;
  unresolvedSends: number;
  truncated: boolean;
}

// Runtime entry points that return their first argument (ARC, class realisation, Swift bridging of ObjC classes).
const PASS_THROUGH = new Set([
  '_objc_retain',
  '_objc_retainAutorelease',
  '_objc_retainAutoreleasedReturnValue',
  '_objc_claimAutoreleasedReturnValue',
  '_objc_unsafeClaimAutoreleasedReturnValue',
  '_objc_retainAutoreleaseReturnValue',
  '_objc_autoreleaseReturnValue',
  '_objc_autorelease',
  '_objc_opt_self',
  '_objc_opt_class',
  '_swift_getInitializedObjCClass',
  '_swift_unknownObjectRetain',
  '_swift_retain',
  '_swift_bridgeObjectRetain',
]);

// Runtime entry points that stand for a message (clang emits them instead of objc_msgSend for these selectors).
const RUNTIME_SENDS: Record<string, { sel: string; construct?: boolean }> = {
  _objc_alloc: { sel: 'alloc' },
  _objc_allocWithZone: { sel: 'allocWithZone:' },
  _objc_alloc_init: { sel: 'init', construct: true },
  _objc_opt_new: { sel: 'new', construct: true },
};

/** Variadic format selectors: the format is the first argument, the holes are on the stack. */
const FORMAT_SELECTORS = new Set([
  'stringWithFormat:',
  'initWithFormat:',
  'localizedStringWithFormat:',
  'stringByAppendingFormat:',
  'appendFormat:',
]);

/** Foundation conversions whose result carries its argument's value (a URL made from a string, a request from a URL). */
const VALUE_WRAPPERS = new Set([
  'URLWithString:',
  'initWithString:',
  'stringWithString:',
  'requestWithURL:',
  'initWithURL:',
  'stringWithUTF8String:',
  'initWithUTF8String:',
]);

const S_ATTR_PURE_INSTRUCTIONS = 0x80000000;
const NOT_FUNCTIONS = new Set(['__stubs', '__stub_helper', '__objc_stubs', '__auth_stubs', '__auth_got']);

export function buildCodeModel(
  buf: Buffer,
  base: number,
  cmds: ImageCommands,
  notice: (id: string, message: string) => void,
): { model: CodeModel; stats: CodeStats } {
  const img = new MachImage(buf, base, cmds);
  if (img.problems.length) notice('macho/fixups', `some pointer fixups could not be read (${[...new Set(img.problems)].slice(0, 3).join('; ')}); values behind them stay unknown`);
  if (img.unaddressable.length) notice('macho/section-address', `section ${img.unaddressable.slice(0, 3).join(', ')} has an address past 2^53; left out of the code model`);
  const objc = readObjc(img);
  return new Walker(img, objc, notice).run();
}

interface FnCtx {
  index: number;
  name: string;
  /** The ObjC class and side when the function is a method. */
  cls?: string;
  classMethod?: boolean;
  start: number;
  /** True when the function is a block's invoke function (its x0 is the block literal). */
  block?: boolean;
}

class Walker {
  private readonly model: CodeModel = { functions: [], calls: [] };
  private readonly stats: CodeStats = { functions: 0, instructions: 0, sends: 0, unresolvedSends: 0, truncated: false };
  private readonly symbolAt = new Map<number, string>();
  private readonly starts = new Set<number>();
  /** `Class ivar` → declared class of the ivar, built on first use (property getters). */
  private ivarTypes?: Map<string, string>;
  /** Invoke functions of the stack block literals seen so far. */
  private readonly blockInvokes = new Set<number>();
  private readonly blockCalls: BlockCall[] = [];
  /** Setters each block invoke function sends to its first parameter, by function start. */
  private readonly blockSetters = new Map<number, BlockSetter[]>();
  /** What the function being walked stored to its frame since the last join (calls do not clear it): block literals. */
  private readonly frame = new Map<number, Abs | undefined>();

  constructor(
    private readonly img: MachImage,
    private readonly objc: ObjcInfo,
    private readonly notice: (id: string, message: string) => void,
  ) {
    for (const s of img.symbols) if (s.defined && s.name && !/^(ltmp\d|l_|L)/.test(s.name) && !this.symbolAt.has(s.addr)) this.symbolAt.set(s.addr, s.name);
  }

  run(): { model: CodeModel; stats: CodeStats } {
    const textSections = this.img.sections.filter((s) => s.flags & S_ATTR_PURE_INSTRUCTIONS && (s.flags & 0xff) !== 0x8 && !NOT_FUNCTIONS.has(s.sectname));
    const candidates = [...this.img.functionStarts(), ...this.symbolAt.keys(), ...this.objc.methods.keys()];
    for (const sect of textSections) {
      const end = this.img.backedEnd(sect);
      const starts = [...new Set([sect.addr, ...candidates.filter((a) => a >= sect.addr && a < end && a % 4 === 0)])].sort((a, b) => a - b);
      for (const a of starts) this.starts.add(a);
      for (let i = 0; i < starts.length; i++) {
        if (this.stats.truncated) break;
        this.walkFunction(starts[i]!, starts[i + 1] ?? end);
      }
    }
    if (this.stats.truncated) {
      this.notice(
        'macho/code-truncated',
        `code model stopped after ${this.stats.instructions} instructions / ${this.model.calls.length} call sites (limits ${CODE_LIMITS.insnsPerImage} / ${CODE_LIMITS.calls}); later functions were not decoded`,
      );
    }
    this.builderObjects();
    return { model: this.model, stats: this.stats };
  }

  /**
   * Calls that pass a configuring block (`[X optionsWithToken:t block:^(builder){ builder.roomName = r; }]`): their
   * result, wherever it is used as an argument, becomes an object whose properties are the call's keyword
   * arguments (`token`) and what the block sets on its parameter (`roomName`, a captured variable resolved to its
   * value where the block was made). Rules then give the properties roles like those of any object argument.
   */
  private builderObjects(): void {
    const replace = new Map<ModelValue, ModelValue>();
    for (const bc of this.blockCalls) {
      const setters = this.blockSetters.get(bc.invoke);
      if (!setters?.length) continue;
      const props: Record<string, ModelValue> = {};
      const parts = bc.sel.split(':');
      bc.args.forEach((v, i) => {
        if (i === bc.blockArg) return;
        const name = i === 0 ? /With([A-Z]\w*)$/.exec(parts[0]!)?.[1] : parts[i];
        if (name) props[lowerFirst(name)] = v;
      });
      for (const st of setters) props[st.prop] = st.capture !== undefined ? (bc.captures.get(st.capture) ?? st.value) : st.value;
      replace.set(bc.result, { kind: 'object', props });
    }
    if (replace.size === 0) return;
    for (const c of this.model.calls) {
      for (let i = 0; i < c.args.length; i++) {
        const r = replace.get(c.args[i]!);
        if (r) c.args[i] = r;
      }
    }
  }

  private functionName(addr: number): string {
    const sym = this.symbolAt.get(addr);
    if (sym) return sym.startsWith('_') && !sym.startsWith('_$s') ? sym.slice(1) : sym.startsWith('_$s') ? sym.slice(1) : sym;
    return this.objc.methods.get(addr) ?? `sub_${addr.toString(16)}`;
  }

  private walkFunction(start: number, end: number): void {
    const img = this.img;
    const fileStart = img.fileOffset(start, 4);
    if (fileStart === undefined) return;
    const name = this.functionName(start);
    const ctx: FnCtx = { index: this.model.functions.length, name, start };
    if (this.blockInvokes.has(start) || /_block_invoke(?:_\d+)?$/.test(name)) ctx.block = true;
    const m = /^([+-])\[(\S+) \S+\]$/.exec(this.objc.methods.get(start) ?? name);
    if (m) {
      ctx.cls = m[2]!.replace(/\(.*\)$/, ''); // a category method's class
      ctx.classMethod = m[1] === '+';
    }
    const fn: ModelFunction = { name, offset: img.base + fileStart, length: end - start };
    this.model.functions.push(fn);
    this.stats.functions++;

    let count = Math.floor((end - start) / 4);
    if (count > CODE_LIMITS.insnsPerFunction) {
      this.notice('macho/code-truncated', `function ${name} has ${count} instructions; only the first ${CODE_LIMITS.insnsPerFunction} were decoded`);
      count = CODE_LIMITS.insnsPerFunction;
    }
    if (this.stats.instructions + count > CODE_LIMITS.insnsPerImage) {
      this.stats.truncated = true;
      return;
    }
    const insns: Insn[] = new Array(count);
    const leaders = new Set<number>();
    const writes = new Uint16Array(32);
    /** Where the prologue saved callee-saved registers: `reg << 16 | sp offset`. */
    const saved = new Set<number>();
    for (let i = 0; i < count; i++) {
      const pc = start + i * 4;
      const off = fileStart + i * 4;
      if (!img.v.has(off, 4)) {
        count = i;
        break;
      }
      const word = img.v.u32(off);
      const insn = decode(word, pc);
      insns[i] = insn;
      if (insn.op === 'bcond' || insn.op === 'b') {
        if (insn.target > start && insn.target < end) leaders.add(insn.target);
      }
      // The epilogue's reload of a callee-saved register is no definition that reaches a use in this function.
      if (!isRestore(word, insn, saved)) for (const r of destinations(insn)) writes[r]!++;
      noteSave(insn, saved);
    }
    this.stats.instructions += count;

    const regs: Regs = new Array(32).fill(undefined);
    const entry = (): void => {
      for (let r = 0; r < 8; r++) regs[r] = { k: 'param', i: r };
    };
    entry();
    const stack = new Map<number, Abs | undefined>();
    const frame = this.frame;
    frame.clear();
    /** Where block literals start in this frame (their `isa` was stored there): only their slots are remembered. */
    const literals: number[] = [];
    const remember = (off: number, v: Abs | undefined): void => {
      if (v?.k === 'sym' && /^_?_NSConcreteStackBlock$/.test(v.name)) literals.push(off);
      else if (!literals.some((l) => off > l && off < l + 32 + 8 * 32)) return;
      frame.set(off, v);
    };
    // At a join, only callee-saved registers defined once in the whole function keep their value (the single
    // definition reaches every later use); everything else is forgotten.
    const join = (): void => {
      for (let r = 0; r < 32; r++) if (!(r >= 19 && r <= 28 && writes[r] === 1)) regs[r] = undefined;
      stack.clear();
      frame.clear();
      literals.length = 0;
    };
    for (let i = 0; i < count; i++) {
      const pc = start + i * 4;
      if (i > 0 && leaders.has(pc)) join();
      const insn = insns[i]!;
      switch (insn.op) {
        case 'adrp':
        case 'adr':
          regs[insn.rd] = { k: 'addr', a: insn.target };
          break;
        case 'addi': {
          if (insn.rd === 31) break;
          if (insn.rn === 31) {
            regs[insn.rd] = { k: 'stack', off: insn.imm };
            break;
          }
          const src = regs[insn.rn];
          regs[insn.rd] = src?.k === 'addr' ? { k: 'addr', a: src.a + insn.imm } : undefined;
          break;
        }
        case 'ldr': {
          if (insn.rd === 31) break;
          if (insn.rn === 31) {
            regs[insn.rd] = insn.size === 8 ? stack.get(insn.imm) : undefined; // a reload of a spilled value
            break;
          }
          regs[insn.rd] = this.load(regs[insn.rn], insn.imm, insn.size, insn.signed, ctx);
          break;
        }
        case 'ldrr': {
          const idx = regs[insn.rm];
          regs[insn.rd] = idx?.k === 'ivaroff' ? { k: 'field', ivar: idx.ivar } : undefined;
          break;
        }
        case 'ldrlit':
          regs[insn.rd] = this.load({ k: 'addr', a: insn.target }, 0, insn.size, insn.size === 4, ctx);
          break;
        case 'mov': {
          if (insn.rd === 31) break;
          const src = insn.rm === 31 ? { k: 'int' as const, n: 0n } : regs[insn.rm];
          regs[insn.rd] = !insn.wide && src?.k === 'int' ? { k: 'int', n: src.n & 0xffffffffn } : src;
          break;
        }
        case 'movz':
        case 'orri':
          if (insn.rd !== 31) regs[insn.rd] = { k: 'int', n: insn.value };
          break;
        case 'movk': {
          const cur = regs[insn.rd];
          regs[insn.rd] = cur?.k === 'int' ? { k: 'int', n: (cur.n & ~(0xffffn << insn.shift)) | (insn.imm << insn.shift) } : undefined;
          break;
        }
        case 'str':
          if (insn.rn === 31) {
            const v = insn.rt === 31 ? { k: 'int' as const, n: 0n } : regs[insn.rt];
            stack.set(insn.imm, v);
            remember(insn.imm, v);
          }
          break;
        case 'stp':
          if (insn.rn === 31) {
            const v1 = insn.rt === 31 ? { k: 'int' as const, n: 0n } : regs[insn.rt];
            const v2 = insn.rt2 === 31 ? { k: 'int' as const, n: 0n } : regs[insn.rt2];
            stack.set(insn.imm, v1);
            stack.set(insn.imm + 8, v2);
            remember(insn.imm, v1);
            remember(insn.imm + 8, v2);
          }
          break;
        case 'bl':
          this.call(insn.target, pc, regs, stack, ctx);
          break;
        case 'b':
          if (insn.target < start || insn.target >= end) {
            // A tail call (the callee returns to our caller): the same send, then this path ends.
            this.call(insn.target, pc, regs, stack, ctx);
          }
          join();
          break;
        case 'blr': {
          const t = regs[insn.rn];
          if (t?.k === 'sym') this.callNamed(t.name, pc, regs, stack, ctx);
          else clobber(regs, stack);
          break;
        }
        case 'br': {
          const t = regs[insn.rn];
          if (t?.k === 'sym') this.callNamed(t.name, pc, regs, stack, ctx);
          join();
          break;
        }
        case 'ret':
          join();
          break;
        case 'bcond':
          break;
        case 'other':
          for (const r of insn.writes) regs[r] = undefined;
          break;
      }
      if (this.model.calls.length >= CODE_LIMITS.calls) {
        this.stats.truncated = true;
        return;
      }
    }
  }

  /** The value loaded from `[base, #imm]`. */
  private load(base: Abs | undefined, imm: number, size: 4 | 8, signed: boolean, ctx: FnCtx): Abs | undefined {
    if (!base) return undefined;
    if (base.k === 'addr') {
      const slot = base.a + imm;
      if (size === 4) {
        const ivar = this.objc.ivarVars.get(slot);
        return ivar && signed ? { k: 'ivaroff', ivar } : undefined;
      }
      const sel = this.objc.selrefs.get(slot);
      if (sel !== undefined) return { k: 'sel', name: sel };
      const cls = this.objc.classrefs.get(slot);
      if (cls !== undefined) return { k: 'class', name: cls };
      const p = this.img.pointer(slot);
      if (!p) return undefined;
      if ('bound' in p) {
        const c = classFromSymbol(p.bound);
        return c ? { k: 'class', name: c } : { k: 'sym', name: p.bound };
      }
      const local = this.objc.classes.get(p.addr);
      return local ? { k: 'class', name: local } : { k: 'addr', a: p.addr };
    }
    // A block's invoke function reads its captured variables from the literal it gets in x0 (after 32 header bytes).
    if (base.k === 'param' && base.i === 0 && ctx.block && size === 8 && imm >= 32) return { k: 'capture', off: imm };
    // self->ivar with a constant offset (clang knows the layout of classes it compiles against a fixed root).
    if (base.k === 'param' && base.i === 0 && ctx.cls && !ctx.classMethod && size === 8) {
      const ivar = this.objc.ivarsByOffset.get(ctx.cls)?.get(imm);
      return ivar ? { k: 'field', ivar } : undefined;
    }
    return undefined;
  }

  /** A `bl`/tail `b` to `target`: a selector stub, an imported function through __stubs, or a local function. */
  private call(target: number, pc: number, regs: Regs, stack: Map<number, Abs | undefined>, ctx: FnCtx): void {
    const sel = this.objc.stubs.get(target);
    if (sel !== undefined) {
      this.send(sel, pc, regs, stack, ctx);
      return;
    }
    const imported = this.img.indirect.get(target);
    if (imported !== undefined) {
      this.callNamed(imported, pc, regs, stack, ctx);
      return;
    }
    const local = this.symbolAt.get(target);
    const stubSel = local && /^_objc_msgSend\$(.+)$/.exec(local)?.[1];
    if (stubSel) {
      this.send(stubSel, pc, regs, stack, ctx);
      return;
    }
    const name = this.starts.has(target) || local ? this.functionName(target) : `sub_${target.toString(16)}`;
    this.plainCall(name, pc, regs, stack, ctx);
  }

  private callNamed(sym: string, pc: number, regs: Regs, stack: Map<number, Abs | undefined>, ctx: FnCtx): void {
    if (sym === '_objc_msgSend' || sym === '_objc_msgSendSuper2') {
      const sel = regs[1];
      if (sel?.k === 'sel') this.send(sel.name, pc, regs, stack, ctx, sym === '_objc_msgSendSuper2');
      else {
        this.stats.unresolvedSends++;
        clobber(regs, stack);
      }
      return;
    }
    const rt = RUNTIME_SENDS[sym];
    if (rt) {
      this.send(rt.sel, pc, regs, stack, ctx, false, rt.construct);
      return;
    }
    if (PASS_THROUGH.has(sym)) {
      const keep = regs[0];
      clobber(regs, stack);
      regs[0] = keep;
      return;
    }
    if (/^_(objc|swift)_/.test(sym)) {
      clobber(regs, stack); // runtime bookkeeping (release, storeStrong, ...): no call site worth reporting
      return;
    }
    this.plainCall(sym.startsWith('_') ? sym.slice(1) : sym, pc, regs, stack, ctx);
  }

  /** A call to a C, C++ or Swift function: arguments are the x registers that hold something known. */
  private plainCall(name: string, pc: number, regs: Regs, stack: Map<number, Abs | undefined>, ctx: FnCtx): void {
    let last = -1;
    for (let r = 0; r < 8; r++) if (regs[r] && regs[r]!.k !== 'param' && regs[r]!.k !== 'stack' && regs[r]!.k !== 'capture') last = r;
    const args: ModelValue[] = [];
    for (let r = 0; r <= last; r++) args.push(this.value(regs[r], ctx));
    this.push({ fn: ctx.index, callee: name, method: name, receiver: { kind: 'none' }, args, ...this.pos(pc, ctx, `${name}()`) });
    clobber(regs, stack);
    regs[0] = { k: 'call', callee: name };
  }

  private send(sel: string, pc: number, regs: Regs, stack: Map<number, Abs | undefined>, ctx: FnCtx, toSuper = false, construct = false): void {
    this.stats.sends++;
    const recvAbs = regs[0];
    let { receiver, type, text } = this.receiver(recvAbs, ctx);
    if (toSuper) receiver = { kind: 'unknown', text: 'super' };
    if (construct && recvAbs?.k === 'class') receiver = { kind: 'new', type: recvAbs.name };
    const nargs = FORMAT_SELECTORS.has(sel) ? 1 : countColons(sel);
    const args: ModelValue[] = [];
    for (let i = 0; i < nargs; i++) args.push(this.value(i < 6 ? regs[2 + i] : stack.get((i - 6) * 8), ctx));
    let folded: ModelValue | undefined;
    if (FORMAT_SELECTORS.has(sel) && args[0]?.kind === 'string') {
      const holes = formatHoles(args[0].value);
      const vals: ModelValue[] = [];
      for (let i = 0; i < holes; i++) vals.push(this.value(stack.get(i * 8), ctx));
      folded = { kind: 'format', format: args[0].value, args: vals };
      args[0] = folded;
      if (sel === 'stringByAppendingFormat:' || sel === 'appendFormat:') folded = { kind: 'concat', parts: [this.value(recvAbs, ctx), folded] };
    } else if (sel === 'stringByAppendingString:') {
      folded = { kind: 'concat', parts: [this.value(recvAbs, ctx), args[0]!] };
    } else if (VALUE_WRAPPERS.has(sel) && args[0] && args[0].kind !== 'unknown') {
      folded = args[0];
    } else if (VALUE_WRAPPERS.has(sel) && args[0]?.kind === 'unknown' && recvAbs?.k !== 'param') {
      folded = args[0];
    }
    const callee = `${type ?? text}.${sel}`;
    // Inside a block's invoke function, a setter on its first parameter (a builder the block configures).
    if (ctx.block && recvAbs?.k === 'param' && recvAbs.i === 1 && /^set[A-Z]\w*:$/.test(sel)) {
      const arg = regs[2];
      const list = this.blockSetters.get(ctx.start) ?? [];
      list.push({ prop: lowerFirst(sel.slice(3, -1)), value: args[0]!, capture: arg?.k === 'capture' ? arg.off : undefined });
      this.blockSetters.set(ctx.start, list);
    }
    const block = folded ? undefined : this.blockLiteral(regs, Math.min(nargs, 6), ctx);
    const call: ModelCall = { fn: ctx.index, callee, method: sel, receiver, args, ...this.pos(pc, ctx, `[${type ?? text} ${sel}]`) };
    if (type) call.receiverType = type;
    if (construct || (sel.startsWith('init') && recvAbs?.k === 'call' && recvAbs.callee.endsWith('.alloc'))) call.construct = true;
    this.push(call);
    clobber(regs, stack);
    const result: Abs = { k: 'call', callee };
    const rtype = resultType(sel, receiver, type) ?? this.getterType(sel, type);
    if (rtype) result.type = rtype;
    if (block) {
      const placeholder: ModelValue = { kind: 'unknown', text: `${callee}()`, origin: { kind: 'call', callee } };
      result.value = placeholder;
      this.blockCalls.push({ sel, args, blockArg: block.arg, invoke: block.invoke, captures: block.captures, result: placeholder });
    }
    if (folded) {
      result.value = folded;
      // Where the string was built: flows point their "concatenated into" step here (defs match by identity).
      if (folded.kind === 'format' || folded.kind === 'concat') (this.model.defs ??= []).push({ fn: ctx.index, name: `${callee}()`, value: folded, ...this.pos(pc, ctx, call.snippet!) });
    }
    regs[0] = result;
  }

  /**
   * The first argument register (x2…) that points to a block literal: one this function built on its stack (`isa`
   * `_NSConcreteStackBlock`, the invoke function's address at +16, captured variables from +32), or a constant one.
   */
  private blockLiteral(regs: Regs, nargs: number, ctx: FnCtx): { arg: number; invoke: number; captures: Map<number, ModelValue> } | undefined {
    for (let i = 0; i < nargs; i++) {
      const a = regs[2 + i];
      if (a?.k === 'addr') {
        // A block that captures nothing is a constant literal in data (`_NSConcreteGlobalBlock`).
        const isa = this.img.fixups.binds.get(a.a);
        const invoke = isa !== undefined && /^_?_NSConcreteGlobalBlock$/.test(isa) ? this.img.pointer(a.a + 16) : undefined;
        if (!invoke || 'bound' in invoke) continue;
        this.blockInvokes.add(invoke.addr);
        return { arg: i, invoke: invoke.addr, captures: new Map() };
      }
      if (a?.k !== 'stack' || this.frame.size === 0) continue;
      const isa = this.frame.get(a.off);
      const invoke = this.frame.get(a.off + 16);
      if (isa?.k !== 'sym' || !/^_?_NSConcreteStackBlock$/.test(isa.name) || invoke?.k !== 'addr') continue;
      this.blockInvokes.add(invoke.a);
      const captures = new Map<number, ModelValue>();
      for (let off = 32; off < 32 + 8 * 32 && this.frame.has(a.off + off); off += 8) captures.set(off, this.value(this.frame.get(a.off + off), ctx));
      return { arg: i, invoke: invoke.a, captures };
    }
    return undefined;
  }

  /**
   * The declared class of a property getter's result (`[self rtcEngine]`): the type of the ivar that backs the
   * property (`_rtcEngine` / `rtcEngine`, `@"AgoraRtcEngineKit"`) in a class this image defines.
   */
  private getterType(sel: string, cls: string | undefined): string | undefined {
    if (!cls || sel.includes(':')) return undefined;
    if (!this.ivarTypes) {
      this.ivarTypes = new Map();
      for (const iv of this.objc.ivarVars.values()) if (iv.type) this.ivarTypes.set(`${iv.owner} ${iv.name}`, iv.type);
    }
    return this.ivarTypes.get(`${cls} _${sel}`) ?? this.ivarTypes.get(`${cls} ${sel}`);
  }

  private receiver(a: Abs | undefined, ctx: FnCtx): { receiver: Receiver; type?: string; text: string } {
    switch (a?.k) {
      case 'class':
        return { receiver: { kind: 'class', name: a.name }, type: a.name, text: a.name };
      case 'call':
        if (a.callee.endsWith('.alloc') && a.type) return { receiver: { kind: 'new', type: a.type }, type: a.type, text: a.type };
        return { receiver: { kind: 'call', callee: a.callee }, type: a.type, text: 'id' };
      case 'param':
        if (a.i === 0 && ctx.cls) {
          return ctx.classMethod
            ? { receiver: { kind: 'class', name: ctx.cls }, type: ctx.cls, text: ctx.cls }
            : { receiver: { kind: 'this' }, type: ctx.cls, text: 'self' };
        }
        return { receiver: { kind: 'param', fn: ctx.name, index: paramIndex(a.i, ctx) }, text: 'id' };
      case 'field':
        return { receiver: { kind: 'field', owner: a.ivar.owner, name: a.ivar.name }, type: a.ivar.type, text: a.ivar.name };
      case 'sym':
        return { receiver: { kind: 'global', name: a.name }, text: a.name };
      default:
        return { receiver: { kind: 'unknown' }, text: 'id' };
    }
  }

  /** The abstract value of a register used as an argument. */
  private value(a: Abs | undefined, ctx: FnCtx): ModelValue {
    switch (a?.k) {
      case undefined:
        return { kind: 'unknown', text: '?' };
      case 'addr': {
        const cf = this.img.cfString(a.a);
        if (cf !== undefined) return { kind: 'string', value: cf };
        const s = this.img.sectionAt(a.a);
        if (s && (s.sectname === '__cstring' || (s.flags & 0xff) === 0x2)) {
          const c = this.img.cString(a.a);
          if (c !== undefined) return { kind: 'string', value: c };
        }
        return { kind: 'unknown', text: `&0x${a.a.toString(16)}` };
      }
      case 'int':
        if (a.n === 0n) return { kind: 'null' }; // nil, NULL, NO and 0 are the same bits
        return { kind: 'number', value: Number(BigInt.asIntN(64, a.n)) };
      case 'class':
        return { kind: 'unknown', text: a.name, origin: { kind: 'global', name: a.name } };
      case 'sel':
        return { kind: 'unknown', text: `@selector(${a.name})` };
      case 'sym':
        return { kind: 'unknown', text: a.name, origin: { kind: 'global', name: a.name } };
      case 'param':
        if (a.i === 0 && ctx.cls) return { kind: 'unknown', text: 'self', origin: { kind: 'other', text: 'self' } };
        // Compiled code keeps no parameter names: the text names the function, so equal texts are one value.
        return { kind: 'unknown', text: `<param ${paramIndex(a.i, ctx)} of ${ctx.name}>`, origin: { kind: 'param', fn: ctx.name, index: paramIndex(a.i, ctx) } };
      case 'call':
        return a.value ?? { kind: 'unknown', text: `${a.callee}()`, origin: { kind: 'call', callee: a.callee } };
      case 'field':
        return { kind: 'unknown', text: `self->${a.ivar.name}`, origin: { kind: 'field', owner: a.ivar.owner, name: a.ivar.name } };
      case 'ivaroff':
        return { kind: 'unknown', text: `offset of ${a.ivar.name}` };
      case 'stack':
      case 'capture':
        return { kind: 'unknown', text: '?' };
    }
  }

  private pos(pc: number, ctx: FnCtx, snippet: string): { offset: number; length: number; context: string; snippet: string } {
    const off = this.img.fileOffset(pc, 4) ?? 0;
    return { offset: this.img.base + off, length: 4, context: ctx.name, snippet };
  }

  private push(call: ModelCall): void {
    this.model.calls.push(call);
  }
}

/** Registers an instruction defines (for counting definitions per function). */
function destinations(insn: Insn): number[] {
  switch (insn.op) {
    case 'adrp':
    case 'adr':
    case 'addi':
    case 'ldr':
    case 'ldrr':
    case 'ldrlit':
    case 'mov':
    case 'movz':
    case 'movk':
    case 'orri':
      return insn.rd === 31 ? [] : [insn.rd];
    case 'other':
      return insn.writes;
    default:
      return [];
  }
}

const calleeSaved = (r: number): boolean => r >= 19 && r <= 28;

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Records `stp`/`str` of callee-saved registers to `[sp, #off]` (the prologue's saves). */
function noteSave(insn: Insn, saved: Set<number>): void {
  if ((insn.op !== 'stp' && insn.op !== 'str') || insn.imm < 0 || insn.imm > 0xfff0) return;
  if (insn.op === 'stp' && insn.rn === 31) {
    if (calleeSaved(insn.rt)) saved.add((insn.rt << 16) | insn.imm);
    if (calleeSaved(insn.rt2)) saved.add((insn.rt2 << 16) | (insn.imm + 8));
  } else if (insn.op === 'str' && insn.rn === 31 && calleeSaved(insn.rt)) saved.add((insn.rt << 16) | insn.imm);
}

/**
 * True for the epilogue's restore of callee-saved registers: `ldr`/`ldp` from the sp slots the prologue saved them
 * to, or a post-indexed `ldp …, [sp], #n` (the restore that pops a pre-indexed save).
 */
function isRestore(w: number, insn: Insn, saved: Set<number>): boolean {
  if (insn.op === 'ldr') return insn.rn === 31 && insn.size === 8 && saved.has((insn.rd << 16) | insn.imm);
  if (insn.op !== 'other') return false;
  const rt = w & 31;
  const rn = (w >>> 5) & 31;
  const rt2 = (w >>> 10) & 31;
  if (rn !== 31 || !calleeSaved(rt) || !calleeSaved(rt2)) return false;
  if (((w & 0xffc00000) >>> 0) === 0xa8c00000) return true; // LDP (64-bit, post-index) from sp
  if (((w & 0xffc00000) >>> 0) !== 0xa9400000) return false; // LDP (64-bit, signed offset)
  const off = ((((w >>> 15) & 0x7f) ^ 0x40) - 0x40) * 8;
  return off >= 0 && saved.has((rt << 16) | off) && saved.has((rt2 << 16) | (off + 8));
}

function clobber(regs: Regs, stack: Map<number, Abs | undefined>): void {
  for (let r = 0; r <= 17; r++) regs[r] = undefined;
  stack.clear();
}

/** Source-level parameter index of incoming register x`r`: ObjC methods count from x2 (after self and _cmd). */
function paramIndex(r: number, ctx: FnCtx): number {
  return ctx.cls ? r - 2 : r;
}

function countColons(sel: string): number {
  let n = 0;
  for (let i = 0; i < sel.length; i++) if (sel.charCodeAt(i) === 58) n++;
  return n;
}

/** Number of arguments a printf-style format consumes (`%%` consumes none, `*` widths one more). */
export function formatHoles(format: string): number {
  let n = 0;
  const re = /%(?:\d+\$)?[-+ #0']*(\*|\d+)?(?:\.(\*|\d+))?(?:hh|h|ll|l|q|L|z|t|j)?([@dDiuUxXoOfeEgGcCsSpaAF%])/g;
  for (const m of format.matchAll(re)) {
    if (m[3] === '%') continue;
    n += 1 + (m[1] === '*' ? 1 : 0) + (m[2] === '*' ? 1 : 0);
  }
  return Math.min(n, 64);
}

/**
 * The class of a send's result when Cocoa naming conventions give it: alloc/new/init/copy return an instance of
 * the receiver's class; class methods named `shared…`/`default…`/`standard…`/`current…` or after the class
 * (`+[NSString stringWith…]`, `+[NSURL URLWith…]`) are factories of it.
 */
function resultType(sel: string, receiver: Receiver, type: string | undefined): string | undefined {
  if (!type) return undefined;
  if (/^(alloc|new|init|copy|mutableCopy|self|retain|autorelease)(?![a-z])/.test(sel)) return type;
  if (receiver.kind !== 'class') return undefined;
  if (/^(shared|default|standard|current|main)(?![a-z])/.test(sel)) return type;
  // The class name without a 0-3 letter prefix: NSString -> string, NSURL -> URL, AgoraRtcEngineKit -> rtcEngineKit.
  for (let k = 0; k <= 3 && k < type.length; k++) {
    const stem = type.slice(k);
    if (!/^[A-Z]/.test(stem)) continue;
    const caps = /^[A-Z]+/.exec(stem)![0];
    if (caps.length > 1 && sel.startsWith(caps.length === stem.length ? caps : caps.slice(0, -1))) return type;
    if (sel.startsWith(stem.charAt(0).toLowerCase() + stem.slice(1))) return type;
  }
  return undefined;
}
