// Android binary XML (RES_XML_TYPE): the compiled AndroidManifest.xml and res/xml/*.xml inside APKs.
// Walks the chunk list once, resolving element and attribute names through the string pool (or, for android:
// attributes, through the resource map) and typed attribute values, and feeds a ConfigTreeBuilder.
import type { Facts } from '../../core/facts.js';
import { ANDROID_ATTR_IDS, ANDROID_NS } from './android-attrs.js';
import {
  AxmlError,
  readChunk,
  RES_STRING_POOL_TYPE,
  RES_XML_CDATA_TYPE,
  RES_XML_END_ELEMENT_TYPE,
  RES_XML_END_NAMESPACE_TYPE,
  RES_XML_RESOURCE_MAP_TYPE,
  RES_XML_START_ELEMENT_TYPE,
  RES_XML_START_NAMESPACE_TYPE,
  RES_XML_TYPE,
} from './chunk.js';
import type { FactBudget } from '../../core/budget.js';
import { ConfigTreeBuilder, type ConfigValue } from './config-tree.js';
import { StringPool } from './string-pool.js';

export function isBinaryXml(head: Buffer): boolean {
  // RES_XML_TYPE with the 8-byte header aapt and aapt2 always write.
  return head.length >= 8 && head.readUInt16LE(0) === RES_XML_TYPE && head.readUInt16LE(2) === 8;
}

/** Fills `facts` from binary XML; returns the root element name. Adds a notice and stops at the first problem. */
export function readBinaryXml(data: Buffer, facts: Facts, maxStrings: number, budget?: FactBudget): string | undefined {
  const tree = new ConfigTreeBuilder(facts, maxStrings, budget);
  const notice = (id: string, message: string, level: 'error' | 'warning' = 'warning'): void => {
    facts.notices.push({ level, id: `axml/${id}`, message, artifact: facts.artifact });
  };
  try {
    if (!isBinaryXml(data)) throw new AxmlError('not binary XML (no RES_XML_TYPE header)');
    const declared = data.readUInt32LE(4);
    let limit = declared;
    if (declared > data.length) {
      notice('truncated', `header says ${declared} bytes, the file has ${data.length}`);
      limit = data.length;
    } else if (declared < data.length) {
      notice('trailing-data', `${data.length - declared} bytes after the XML chunk`);
    }
    walk(data, 8, limit, tree);
  } catch (e) {
    if (!(e instanceof AxmlError)) throw e;
    notice('malformed', e.message, 'error');
  }
  if (tree.tooDeep) notice('too-deep', 'elements nested deeper than 256 levels were skipped');
  if (tree.stringsCapped) notice('too-many-strings', `kept the first ${maxStrings} strings`);
  return tree.root;
}

function walk(buf: Buffer, from: number, limit: number, tree: ConfigTreeBuilder): void {
  let pool: StringPool | undefined;
  let resourceIds: Uint32Array = new Uint32Array(0);
  const prefixes = new Map<string, string>(); // namespace URI -> prefix, from namespace chunks
  const str = (idx: number): string | undefined => {
    if (!pool) throw new AxmlError('element before the string pool');
    return pool.get(idx);
  };
  for (let at = from; at < limit && !tree.full; ) {
    const c = readChunk(buf, at, limit);
    const ext = c.start + c.headerSize; // the type-specific part after the node header
    const need = (n: number): void => {
      if (c.headerSize + n > c.size) throw new AxmlError(`chunk 0x${c.type.toString(16)} at 0x${at.toString(16)} is too short`);
    };
    switch (c.type) {
      case RES_STRING_POOL_TYPE:
        pool = new StringPool(buf, c.start, c.size);
        break;
      case RES_XML_RESOURCE_MAP_TYPE: {
        const n = Math.floor((c.size - c.headerSize) / 4);
        resourceIds = new Uint32Array(n);
        for (let i = 0; i < n; i++) resourceIds[i] = buf.readUInt32LE(ext + i * 4);
        break;
      }
      case RES_XML_START_NAMESPACE_TYPE: {
        need(8);
        const prefix = str(buf.readUInt32LE(ext));
        const uri = str(buf.readUInt32LE(ext + 4));
        if (uri !== undefined && prefix !== undefined) prefixes.set(uri, prefix);
        break;
      }
      case RES_XML_START_ELEMENT_TYPE:
        need(20);
        startElement(buf, c.start, c.size, ext, tree, str, resourceIds, prefixes);
        break;
      case RES_XML_END_ELEMENT_TYPE:
        if (tree.depth > 0) tree.endElement();
        break;
      case RES_XML_CDATA_TYPE: {
        need(4);
        const text = str(buf.readUInt32LE(ext));
        if (text !== undefined) tree.text(text, { offset: c.start, length: c.size });
        break;
      }
      case RES_XML_END_NAMESPACE_TYPE:
      default:
        break; // unknown chunk types are skipped by their declared size, as Android does
    }
    at += c.size;
  }
}

function startElement(
  buf: Buffer,
  chunkStart: number,
  chunkSize: number,
  ext: number,
  tree: ConfigTreeBuilder,
  str: (idx: number) => string | undefined,
  resourceIds: Uint32Array,
  prefixes: Map<string, string>,
): void {
  const name = str(buf.readUInt32LE(ext + 4)) ?? '';
  const attrStart = buf.readUInt16LE(ext + 8);
  const attrSize = buf.readUInt16LE(ext + 10);
  const attrCount = buf.readUInt16LE(ext + 12);
  const first = ext + attrStart;
  const chunkEnd = chunkStart + chunkSize;
  if (attrCount > 0 && (attrSize < 20 || first + attrCount * attrSize > chunkEnd)) {
    throw new AxmlError(`element <${name}> declares ${attrCount} attributes of ${attrSize} bytes beyond its chunk`);
  }
  tree.startElement(name);
  for (let i = 0; i < attrCount && !tree.full; i++) {
    const a = first + i * attrSize;
    const ns = str(buf.readUInt32LE(a));
    const nameIdx = buf.readUInt32LE(a + 4);
    const attrName = attributeName(str(nameIdx), resourceIds[nameIdx]);
    const qualified = qualify(ns, attrName, prefixes);
    const value = typedValue(buf, a + 8, str);
    tree.attribute(qualified, value, { offset: a, length: attrSize });
  }
}

/** The resource id wins for known android: attributes: Android itself matches them by id, not by name. */
function attributeName(fromPool: string | undefined, resourceId: number | undefined): string {
  if (resourceId !== undefined) {
    const known = ANDROID_ATTR_IDS.get(resourceId);
    if (known) return known;
    if (!fromPool) return `0x${resourceId.toString(16).padStart(8, '0')}`;
  }
  return fromPool ?? '';
}

function qualify(ns: string | undefined, name: string, prefixes: Map<string, string>): string {
  if (ns === undefined || ns === '') return name;
  // The android namespace is always spelled `android:` so keys do not depend on the prefix an app chose.
  if (ns === ANDROID_NS) return `android:${name}`;
  const prefix = prefixes.get(ns);
  return prefix ? `${prefix}:${name}` : `{${ns}}${name}`;
}

/** Decodes rawValue + Res_value (u32 rawValue, u16 size, u8 res0, u8 dataType, u32 data). */
function typedValue(buf: Buffer, at: number, str: (idx: number) => string | undefined): ConfigValue {
  const raw = buf.readUInt32LE(at);
  const dataType = buf[at + 7]!;
  const data = buf.readUInt32LE(at + 8);
  const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;
  switch (dataType) {
    case 0x00: // TYPE_NULL
      return raw !== 0xffffffff ? (str(raw) ?? null) : null;
    case 0x01: // TYPE_REFERENCE
    case 0x07: // TYPE_DYNAMIC_REFERENCE
      return `@${hex(data)}`;
    case 0x02: // TYPE_ATTRIBUTE
    case 0x08: // TYPE_DYNAMIC_ATTRIBUTE
      return `?${hex(data)}`;
    case 0x03: // TYPE_STRING
      return str(data) ?? (raw !== 0xffffffff ? (str(raw) ?? '') : '');
    case 0x04: // TYPE_FLOAT
      return buf.readFloatLE(at + 8);
    case 0x10: // TYPE_INT_DEC
      return buf.readInt32LE(at + 8);
    case 0x11: // TYPE_INT_HEX
      return data;
    case 0x12: // TYPE_INT_BOOLEAN
      return data !== 0;
    default:
      if (dataType >= 0x1c && dataType <= 0x1f) return `#${data.toString(16).padStart(8, '0')}`; // colors
      // Dimensions, fractions and unknown types: keep the raw string if aapt kept one, else the bits.
      return raw !== 0xffffffff ? (str(raw) ?? hex(data)) : hex(data);
  }
}
