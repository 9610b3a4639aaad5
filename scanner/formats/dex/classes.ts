// class_defs and class_data: which methods each class defines, and the calls and string uses inside their code.
import { DexFormatError, fail, LEB, u16, u32, uleb } from './bytes.js';
import { forEachRef } from './code.js';
import type { DexTables } from './tables.js';

export interface DexClass {
  descriptor: string;
  /** File offset of the class_def_item. */
  offset: number;
  /** Static fields in class_data order (the order of static_values): field_ids index and access flags. */
  staticFields: Array<{ fieldIdx: number; flags: number }>;
  /** class_def static_values_off (0 when none). */
  staticValuesOff: number;
}

/** A method with code, for the code model: method_ids index, access flags, code_item offset, its class. */
export interface DexMethodBody {
  methodIdx: number;
  flags: number;
  codeOff: number;
  /** Index into ClassScan.classes. */
  classIndex: number;
}

/** A call site, shaped as the reader's CallFact (`context` = the caller) so the reader keeps the object itself. */
export interface DexCall {
  caller: string;
  callee: string;
  offset: number;
  context: string;
}

export interface DexStringUse {
  stringIdx: number;
  caller: string;
  offset: number;
}

export interface ClassScan {
  classes: DexClass[];
  calls: DexCall[];
  stringUses: DexStringUse[];
  /** Every method body, in class order (each code item once). */
  methods: DexMethodBody[];
  /** First inconsistency met; everything before it was kept. */
  error?: string;
  /** A method body whose bytecode could not be fully decoded (non-fatal: the refs before it were kept). */
  codeWarnings: string[];
}

export function scanClasses(t: DexTables): ClassScan {
  const out: ClassScan = { classes: [], calls: [], stringUses: [], methods: [], codeWarnings: [] };
  const { buf } = t;
  const seenCode = new Set<number>();
  try {
    for (let i = 0; i < t.header.classDefs.size; i++) {
      const item = t.header.classDefs.off + i * 32;
      const descriptor = t.type(u32(buf, item));
      const cls: DexClass = { descriptor, offset: item, staticFields: [], staticValuesOff: u32(buf, item + 28) };
      out.classes.push(cls);
      const classDataOff = u32(buf, item + 24);
      if (classDataOff !== 0) scanClassData(t, classDataOff, seenCode, cls, out);
    }
  } catch (e) {
    if (!(e instanceof DexFormatError)) throw e;
    out.error = e.message;
  }
  return out;
}

function scanClassData(t: DexTables, off: number, seenCode: Set<number>, cls: DexClass, out: ClassScan): void {
  const { buf } = t;
  const staticFields = uleb(buf, off);
  const instanceFields = uleb(buf, LEB.next);
  const directMethods = uleb(buf, LEB.next);
  const virtualMethods = uleb(buf, LEB.next);
  let p = LEB.next;
  // Every encoded field takes at least 2 bytes and every method at least 3: reject counts the file cannot hold.
  const minBytes = (staticFields + instanceFields) * 2 + (directMethods + virtualMethods) * 3;
  if (minBytes > buf.length - p) fail(`class_data at 0x${off.toString(16)} declares more members than the file holds`);
  let fieldIdx = 0;
  for (let k = 0; k < staticFields + instanceFields; k++) {
    if (k === staticFields) fieldIdx = 0; // field_idx_diff restarts for the instance list
    const diff = uleb(buf, p);
    const flags = uleb(buf, LEB.next);
    p = LEB.next;
    fieldIdx += diff;
    if (k < staticFields) cls.staticFields.push({ fieldIdx, flags });
  }
  for (let list = 0; list < 2; list++) {
    const count = list === 0 ? directMethods : virtualMethods;
    let methodIdx = 0;
    for (let k = 0; k < count; k++) {
      const diff = uleb(buf, p);
      const flags = uleb(buf, LEB.next);
      const codeOff = uleb(buf, LEB.next);
      p = LEB.next;
      methodIdx += diff;
      const caller = t.method(methodIdx);
      if (codeOff !== 0 && !seenCode.has(codeOff)) {
        seenCode.add(codeOff);
        scanCode(t, codeOff, caller, out);
        out.methods.push({ methodIdx, flags, codeOff, classIndex: out.classes.length - 1 });
      }
    }
  }
}

/** The method scanCode is reading (not reentrant): its callbacks are made once, not two closures per method. */
const S = { t: undefined as DexTables | undefined, caller: '', out: undefined as ClassScan | undefined };

function onInvoke(methodIdx: number, offset: number): void {
  const out = S.out!;
  let callee: string;
  try {
    callee = S.t!.method(methodIdx);
  } catch (e) {
    if (!(e instanceof DexFormatError)) throw e;
    out.codeWarnings.push(`${S.caller}: ${e.message}`);
    return;
  }
  out.calls.push({ caller: S.caller, callee, offset, context: S.caller });
}

function onString(stringIdx: number, offset: number): void {
  const out = S.out!;
  if (stringIdx < S.t!.header.stringIds.size) out.stringUses.push({ stringIdx, caller: S.caller, offset });
  else out.codeWarnings.push(`${S.caller}: const-string index ${stringIdx} out of range`);
}

function scanCode(t: DexTables, codeOff: number, caller: string, out: ClassScan): void {
  const { buf } = t;
  if (codeOff % 4 !== 0) fail(`code_item of ${caller} at 0x${codeOff.toString(16)} is not 4-aligned`);
  u16(buf, codeOff); // registers_size: proves the item starts inside the file
  const insnsSize = u32(buf, codeOff + 12);
  const insnsOff = codeOff + 16;
  if (insnsSize * 2 > buf.length - insnsOff) fail(`code of ${caller} declares ${insnsSize} code units past the end`);
  S.t = t;
  S.caller = caller;
  S.out = out;
  const error = forEachRef(buf, insnsOff, insnsSize, onInvoke, onString);
  S.t = S.out = undefined;
  if (error) out.codeWarnings.push(`${caller}: ${error}`);
}
