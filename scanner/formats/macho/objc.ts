// Objective-C metadata the code model resolves registers against (objc4 runtime/objc-runtime-new.h layouts, 64-bit):
// selector references, class references (bound imports or this image's own classes), the classes this image
// defines with their method IMPs (names for stripped code) and ivars (name and declared type), and the selector
// stubs of `__objc_stubs` (Xcode 14+: `bl _objc_msgSend$sel` targets that load x1 themselves).
import { decode } from './arm64.js';
import type { MachImage } from './image.js';

export interface IvarInfo {
  owner: string;
  name: string;
  /** Class name from an `@"Class"` type encoding. */
  type?: string;
  /** The ivar's byte offset, read from its offset variable. */
  offset?: number;
}

export interface ObjcInfo {
  /** List entries still to visit: crafted lists can all point at one huge list, so the total is bounded too. */
  budget: number;
  /** Selector-reference slot address → selector. */
  selrefs: Map<number, string>;
  /** Class-reference (and superclass-reference) slot address → class name. */
  classrefs: Map<number, string>;
  /** class_t address → name, for classes this image defines. */
  classes: Map<number, string>;
  /** Method IMP address → `-[Class sel]` / `+[Class sel]`. */
  methods: Map<number, string>;
  /** Ivar offset-variable address → ivar. */
  ivarVars: Map<number, IvarInfo>;
  /** Class name → ivars by byte offset (for `ldr x, [self, #off]` when the offset is a constant). */
  ivarsByOffset: Map<string, Map<number, IvarInfo>>;
  /** `__objc_stubs` entry address → selector. */
  stubs: Map<number, string>;
}

/** Caps: crafted counts must not make us walk more entries than a real image has. */
const MAX_LIST = 65536;
/** Method and ivar entries read in one image at most (a real app has tens of thousands). */
const MAX_ENTRIES = 1_000_000;

export function readObjc(img: MachImage): ObjcInfo {
  const info: ObjcInfo = {
    budget: MAX_ENTRIES,
    selrefs: new Map(),
    classrefs: new Map(),
    classes: new Map(),
    methods: new Map(),
    ivarVars: new Map(),
    ivarsByOffset: new Map(),
    stubs: new Map(),
  };
  for (const s of img.sections) {
    if (s.sectname === '__objc_selrefs') {
      for (let a = s.addr, end = img.backedEnd(s); a + 8 <= end; a += 8) {
        const p = img.pointer(a);
        const sel = p && 'addr' in p ? img.cString(p.addr, 1024) : undefined;
        if (sel) info.selrefs.set(a, sel);
      }
    }
  }
  for (const s of img.sections) {
    if (s.sectname === '__objc_classlist' || s.sectname === '__objc_nlclslist') {
      for (let a = s.addr, end = img.backedEnd(s); a + 8 <= end && info.classes.size < MAX_LIST && info.budget > 0; a += 8) {
        const p = img.pointer(a);
        if (p && 'addr' in p) readClass(img, info, p.addr);
      }
    }
  }
  for (const s of img.sections) {
    if (s.sectname === '__objc_classrefs' || s.sectname === '__objc_superrefs') {
      for (let a = s.addr, end = img.backedEnd(s); a + 8 <= end; a += 8) {
        const name = classNameAt(img, info, a);
        if (name) info.classrefs.set(a, name);
      }
    }
    if (s.sectname === '__objc_stubs') readStubs(img, info, s.addr, img.backedEnd(s) - s.addr);
  }
  return info;
}

/** The class a pointer slot refers to: a bound `_OBJC_CLASS_$_X` import or one of this image's classes. */
export function classNameAt(img: MachImage, info: ObjcInfo, slot: number): string | undefined {
  const p = img.pointer(slot);
  if (!p) return undefined;
  if ('bound' in p) return classFromSymbol(p.bound);
  return info.classes.get(p.addr);
}

export function classFromSymbol(sym: string): string | undefined {
  const m = /^_OBJC_CLASS_\$_(.+)$/.exec(sym);
  return m ? m[1] : undefined;
}

function readClass(img: MachImage, info: ObjcInfo, cls: number): void {
  const name = readClassSide(img, info, cls, '-');
  if (!name) return;
  const meta = img.pointer(cls);
  if (meta && 'addr' in meta) readClassSide(img, info, meta.addr, '+', name);
}

/** One class_t (or metaclass): its ro data's name, methods and (instance side) ivars. Returns the class name. */
function readClassSide(img: MachImage, info: ObjcInfo, cls: number, side: '-' | '+', known?: string): string | undefined {
  const data = img.pointer(cls + 32);
  if (!data || !('addr' in data)) return undefined;
  const ro = data.addr - (data.addr % 8); // low bits: Swift / runtime flags (FAST_DATA_MASK)
  const namePtr = img.pointer(ro + 24);
  const name = known ?? (namePtr && 'addr' in namePtr ? img.cString(namePtr.addr, 512) : undefined);
  if (!name) return undefined;
  if (side === '-') info.classes.set(cls, name);
  const methods = img.pointer(ro + 32);
  if (methods && 'addr' in methods) readMethods(img, info, methods.addr, `${side}[${name} `);
  if (side === '-') {
    const ivars = img.pointer(ro + 48);
    if (ivars && 'addr' in ivars) readIvars(img, info, ivars.addr, name);
  }
  return name;
}

function readMethods(img: MachImage, info: ObjcInfo, list: number, prefix: string): void {
  const head = img.u32At(list);
  const count = img.u32At(list + 4);
  if (head === undefined || count === undefined || count > MAX_LIST) return;
  const relative = (head & 0x80000000) !== 0;
  const entsize = head & 0xfffc;
  if (entsize < (relative ? 12 : 24)) return;
  for (let i = 0; i < count && info.budget-- > 0; i++) {
    const e = list + 8 + i * entsize;
    let sel: string | undefined;
    let imp: number | undefined;
    if (relative) {
      // {name, types, imp}: int32 offsets from each field; name points at a selref.
      const n = img.i32At(e);
      const m = img.i32At(e + 8);
      if (n === undefined || m === undefined) return;
      const selref = img.pointer(e + n);
      sel = selref && 'addr' in selref ? img.cString(selref.addr, 1024) : undefined;
      imp = m === 0 ? undefined : e + 8 + m;
    } else {
      const n = img.pointer(e);
      const m = img.pointer(e + 16);
      sel = n && 'addr' in n ? img.cString(n.addr, 1024) : undefined;
      imp = m && 'addr' in m ? m.addr : undefined;
    }
    if (sel && imp !== undefined && !info.methods.has(imp)) info.methods.set(imp, `${prefix}${sel}]`);
  }
}

function readIvars(img: MachImage, info: ObjcInfo, list: number, owner: string): void {
  const entsize = img.u32At(list);
  const count = img.u32At(list + 4);
  if (entsize === undefined || count === undefined || entsize < 32 || count > MAX_LIST) return;
  let byOffset = info.ivarsByOffset.get(owner);
  if (!byOffset) info.ivarsByOffset.set(owner, (byOffset = new Map()));
  for (let i = 0; i < count && info.budget-- > 0; i++) {
    const e = list + 8 + i * entsize;
    const offVar = img.pointer(e);
    const n = img.pointer(e + 8);
    const t = img.pointer(e + 16);
    const name = n && 'addr' in n ? img.cString(n.addr, 512) : undefined;
    if (!name) continue;
    const type = t && 'addr' in t ? /^@"([^"<]+)/.exec(img.cString(t.addr, 512) ?? '')?.[1] : undefined;
    const ivar: IvarInfo = { owner, name };
    if (type) ivar.type = type;
    if (offVar && 'addr' in offVar) {
      const offset = img.u32At(offVar.addr);
      if (offset !== undefined) {
        ivar.offset = offset;
        byOffset.set(offset, ivar);
      }
      info.ivarVars.set(offVar.addr, ivar);
    }
  }
}

/**
 * `__objc_stubs` entries begin `adrp x1, selref@PAGE; ldr x1, [x1, selref@PAGEOFF]` and then reach objc_msgSend
 * (ld64/lld "fast" 32-byte and "small" 12-byte forms). Entries are found by that pattern, not by a fixed size.
 */
function readStubs(img: MachImage, info: ObjcInfo, addr: number, size: number): void {
  for (let a = addr; a + 8 <= addr + size; a += 4) {
    const w0 = img.u32At(a);
    const w1 = img.u32At(a + 4);
    if (w0 === undefined || w1 === undefined) return;
    const i0 = decode(w0, a);
    const i1 = decode(w1, a + 4);
    if (i0.op !== 'adrp' || i0.rd !== 1 || i1.op !== 'ldr' || i1.rd !== 1 || i1.rn !== 1 || i1.size !== 8) continue;
    const sel = info.selrefs.get(i0.target + i1.imm);
    if (sel) info.stubs.set(a, sel);
    a += 4;
  }
}
