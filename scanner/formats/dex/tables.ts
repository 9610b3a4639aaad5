// The DEX id tables: strings, types, protos, methods. Names are resolved lazily and cached, and every index and
// offset is checked against the table sizes and the file before it is followed.
import { checkTable, fail, LEB, u16, u32, uleb } from './bytes.js';
import type { DexHeader } from './header.js';
import { decodeMutf8 } from './mutf8.js';

export interface DexString {
  value: string;
  /** File offset of the first MUTF-8 byte (after the length prefix). */
  offset: number;
  byteLength: number;
  error?: string;
}

/** A method reference split into what the code model needs. Classes in JVM internal form (`io/agora/rtc2/RtcEngine`). */
export interface DexMethodRef {
  /** `Lio/agora/rtc2/RtcEngine;->joinChannel(…)I`. */
  full: string;
  cls: string;
  name: string;
  /** Parameter type descriptors (`Ljava/lang/String;`, `I`, `[Ljava/lang/Object;`), without the receiver. */
  params: string[];
  ret: string;
  /**
   * `io/agora/rtc2/RtcEngine.joinChannel` and `(Ljava/lang/String;I)`: what a code-model call site of this method
   * names it by. Empty until `DexTables.invoked` fills them (most methods the model walks are never invoked).
   */
  callee: string;
  signature: string;
}

export interface DexFieldRef {
  /** Owning class in internal form. */
  cls: string;
  name: string;
  type: string;
}

/** `Lio/agora/rtc2/RtcEngine;` → `io/agora/rtc2/RtcEngine`; arrays and primitives stay as they are. */
export function internalName(descriptor: string): string {
  return descriptor.length > 2 && descriptor[0] === 'L' && descriptor.endsWith(';') ? descriptor.slice(1, -1) : descriptor;
}

/**
 * Values cached by table index: an Int32Array of positions (4 bytes per id, like the table in the file) into a dense
 * list, so memory follows what was looked up and lookups never hash.
 */
export class IdCache<T> {
  private readonly slot: Int32Array;
  private readonly items: T[] = [];
  constructor(size: number) {
    this.slot = new Int32Array(size);
  }
  get(i: number): T | undefined {
    const k = this.slot[i];
    return k ? this.items[k - 1] : undefined;
  }
  set(i: number, v: T): void {
    if (i >= this.slot.length) return;
    this.items.push(v);
    this.slot[i] = this.items.length;
  }
}

/** Whether the `count` u32 values at `off` (a table checkTable has checked) strictly increase. */
function increasingU32s(buf: Buffer, off: number, count: number): boolean {
  let prev = -1;
  for (let i = 0; i < count; i++) {
    const v = buf.readUInt32LE(off + i * 4);
    if (v <= prev) return false;
    prev = v;
  }
  return true;
}

export class DexTables {
  // Caches by id (the code model looks names up for every instruction: an IdCache is cheaper than a Map).
  private readonly strings: IdCache<DexString>;
  /**
   * Decoded strings by data offset, so string ids that share one string_data_item share one string; undefined when
   * no two ids can share one (`sharesStringData` false): then every string is looked up by id alone.
   */
  private readonly byDataOffset: Map<number, DexString> | undefined;
  /**
   * Whether two string ids may name one string_data_item. Not in the files d8 and dx write, whose data offsets
   * increase with the id (checked here, one pass over string_ids): their strings skip a map of every data offset.
   */
  readonly sharesStringData: boolean;
  private readonly methodNames: IdCache<string>;
  private readonly methodRefs: IdCache<DexMethodRef>;
  private readonly fieldRefs: IdCache<DexFieldRef>;
  private readonly protoParams: IdCache<string[]>;
  private readonly protos: IdCache<string>;
  /** `(Ljava/lang/String;I)` per proto id, made with its full signature. */
  private readonly protoParamTexts: IdCache<string>;
  /** Class names in internal form by type id: one string per class, not one slice per method or field that names it. */
  private readonly internalTypes: IdCache<string>;

  constructor(
    readonly buf: Buffer,
    readonly header: DexHeader,
  ) {
    checkTable(buf, 'string_ids', header.stringIds.off, header.stringIds.size, 4);
    checkTable(buf, 'type_ids', header.typeIds.off, header.typeIds.size, 4);
    checkTable(buf, 'proto_ids', header.protoIds.off, header.protoIds.size, 12);
    checkTable(buf, 'field_ids', header.fieldIds.off, header.fieldIds.size, 8);
    checkTable(buf, 'method_ids', header.methodIds.off, header.methodIds.size, 8);
    checkTable(buf, 'class_defs', header.classDefs.off, header.classDefs.size, 32);
    // Type and method indices are u16 in the formats that use them; larger tables mean a lying header.
    if (header.typeIds.size > 0x10000) fail(`type_ids_size ${header.typeIds.size} exceeds 65536`);
    if (header.protoIds.size > 0x10000) fail(`proto_ids_size ${header.protoIds.size} exceeds 65536`);
    this.strings = new IdCache(header.stringIds.size);
    this.sharesStringData = !increasingU32s(buf, header.stringIds.off, header.stringIds.size);
    this.byDataOffset = this.sharesStringData ? new Map() : undefined;
    this.methodNames = new IdCache(header.methodIds.size);
    this.methodRefs = new IdCache(header.methodIds.size);
    this.fieldRefs = new IdCache(header.fieldIds.size);
    this.protoParams = new IdCache(header.protoIds.size);
    this.protos = new IdCache(header.protoIds.size);
    this.protoParamTexts = new IdCache(header.protoIds.size);
    this.internalTypes = new IdCache(header.typeIds.size);
  }

  string(idx: number): DexString {
    const cached = this.strings.get(idx);
    if (cached) return cached;
    const { size, off } = this.header.stringIds;
    if (idx >= size) fail(`string index ${idx} out of range (${size} strings)`);
    const dataOff = u32(this.buf, off + idx * 4);
    const shared = this.byDataOffset?.get(dataOff);
    if (shared) {
      this.strings.set(idx, shared);
      return shared;
    }
    const utf16Size = uleb(this.buf, dataOff);
    const start = LEB.next;
    // Each UTF-16 unit takes 1–3 bytes, so a declared length beyond the remaining bytes is a lie.
    if (utf16Size > this.buf.length - start) fail(`string ${idx} declares ${utf16Size} chars, more than the file holds`);
    const r = decodeMutf8(this.buf, start, utf16Size);
    const s: DexString = { value: r.value, offset: start, byteLength: r.byteLength, error: r.error };
    this.strings.set(idx, s);
    this.byDataOffset?.set(dataOff, s);
    return s;
  }

  type(idx: number): string {
    const { size, off } = this.header.typeIds;
    if (idx >= size) fail(`type index ${idx} out of range (${size} types)`);
    return this.string(u32(this.buf, off + idx * 4)).value;
  }

  /** `io/agora/rtc2/RtcEngine` for a type id (cached). */
  internalType(idx: number): string {
    const cached = this.internalTypes.get(idx);
    if (cached !== undefined) return cached;
    const name = internalName(this.type(idx));
    this.internalTypes.set(idx, name);
    return name;
  }

  typeStringIndex(idx: number): number {
    const { size, off } = this.header.typeIds;
    if (idx >= size) fail(`type index ${idx} out of range (${size} types)`);
    return u32(this.buf, off + idx * 4);
  }

  /** `(Ljava/lang/String;I)V` for a proto id. */
  protoSignature(idx: number): string {
    const cached = this.protos.get(idx);
    if (cached !== undefined) return cached;
    const { size, off } = this.header.protoIds;
    if (idx >= size) fail(`proto index ${idx} out of range (${size} protos)`);
    const item = off + idx * 12;
    const ret = this.type(u32(this.buf, item + 4));
    const paramsOff = u32(this.buf, item + 8);
    let params = '';
    if (paramsOff !== 0) {
      const n = u32(this.buf, paramsOff);
      checkTable(this.buf, `type_list of proto ${idx}`, paramsOff + 4, n, 2);
      // A JVM method has at most 255 parameter slots.
      if (n > 255) fail(`proto ${idx} declares ${n} parameters`);
      for (let i = 0; i < n; i++) params += this.type(u16(this.buf, paramsOff + 4 + i * 2));
    }
    const paramText = `(${params})`;
    const sig = paramText + ret;
    this.protos.set(idx, sig);
    this.protoParamTexts.set(idx, paramText);
    return sig;
  }

  /** `(Ljava/lang/String;I)` for a proto id: the parameter part of its signature, one string per proto. */
  protoParamText(idx: number): string {
    const cached = this.protoParamTexts.get(idx);
    if (cached !== undefined) return cached;
    this.protoSignature(idx);
    return this.protoParamTexts.get(idx)!;
  }

  /** `Lcom/example/Room;->join(Ljava/lang/String;)V` for a method id. */
  method(idx: number): string {
    const cached = this.methodNames.get(idx);
    if (cached) return cached;
    const { size, off } = this.header.methodIds;
    if (idx >= size) fail(`method index ${idx} out of range (${size} methods)`);
    const item = off + idx * 8;
    const cls = this.type(u16(this.buf, item));
    const proto = this.protoSignature(u16(this.buf, item + 2));
    const name = this.string(u32(this.buf, item + 4)).value;
    const full = `${cls}->${name}${proto}`;
    this.methodNames.set(idx, full);
    return full;
  }

  /** Parameter descriptors of a proto id (cached: many methods share a proto). */
  protoParamTypes(idx: number): string[] {
    const cached = this.protoParams.get(idx);
    if (cached) return cached;
    const { size, off } = this.header.protoIds;
    if (idx >= size) fail(`proto index ${idx} out of range (${size} protos)`);
    const paramsOff = u32(this.buf, off + idx * 12 + 8);
    const out: string[] = [];
    if (paramsOff !== 0) {
      const n = u32(this.buf, paramsOff);
      checkTable(this.buf, `type_list of proto ${idx}`, paramsOff + 4, n, 2);
      if (n > 255) fail(`proto ${idx} declares ${n} parameters`);
      for (let i = 0; i < n; i++) out.push(this.type(u16(this.buf, paramsOff + 4 + i * 2)));
    }
    this.protoParams.set(idx, out);
    return out;
  }

  /** The method reference split into class, name and parameter types (cached). */
  methodRef(idx: number): DexMethodRef {
    const cached = this.methodRefs.get(idx);
    if (cached) return cached;
    const ref = this.newMethodRef(idx);
    this.methodRefs.set(idx, ref);
    return ref;
  }

  /**
   * The method reference of a method the code model walks: the cached one when a call of it made it, else one made
   * for the walk and not kept. Most walked methods are never invoked in the file, and kept references of them (53,859
   * on the benchmark dex) stayed alive through the whole build, each copied by the young-generation collections.
   */
  walkedRef(idx: number): DexMethodRef {
    return this.methodRefs.get(idx) ?? this.newMethodRef(idx);
  }

  /** The name part of a method id (`<clinit>`, `join`). */
  methodName(idx: number): string {
    const { size, off } = this.header.methodIds;
    if (idx >= size) fail(`method index ${idx} out of range (${size} methods)`);
    return this.string(u32(this.buf, off + idx * 8 + 4)).value;
  }

  private newMethodRef(idx: number): DexMethodRef {
    const full = this.method(idx);
    const item = this.header.methodIds.off + idx * 8;
    const protoIdx = u16(this.buf, item + 2);
    const ret = this.type(u32(this.buf, this.header.protoIds.off + protoIdx * 12 + 4));
    const ref: DexMethodRef = {
      full,
      cls: this.internalType(u16(this.buf, item)),
      name: this.string(u32(this.buf, item + 4)).value,
      params: this.protoParamTypes(protoIdx),
      ret,
      callee: '',
      signature: '',
    };
    return ref;
  }

  /**
   * The method reference with the names a call site of it reads (`callee`, `signature`), made once per method id and
   * file: every build of the code model and every call of the method share them.
   */
  invoked(idx: number): DexMethodRef {
    const ref = this.methodRef(idx);
    if (ref.callee === '') {
      ref.callee = `${ref.cls}.${ref.name}`;
      ref.signature = this.protoParamText(u16(this.buf, this.header.methodIds.off + idx * 8 + 2));
    }
    return ref;
  }

  /** field_id_item: owning class, name and type (cached). */
  field(idx: number): DexFieldRef {
    const cached = this.fieldRefs.get(idx);
    if (cached) return cached;
    const { size, off } = this.header.fieldIds;
    if (idx >= size) fail(`field index ${idx} out of range (${size} fields)`);
    const item = off + idx * 8;
    const ref: DexFieldRef = {
      cls: this.internalType(u16(this.buf, item)),
      type: this.type(u16(this.buf, item + 2)),
      name: this.string(u32(this.buf, item + 4)).value,
    };
    this.fieldRefs.set(idx, ref);
    return ref;
  }

  methodItemOffset(idx: number): number {
    return this.header.methodIds.off + idx * 8;
  }
}
