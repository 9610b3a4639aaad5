// aapt2's protobuf XML (`aapt2 link --proto-format`): the manifest and res/xml files inside Android App Bundles
// (.aab: base/manifest/AndroidManifest.xml). Messages from aapt2's Resources.proto, field numbers checked
// against aapt2 output: XmlNode {1 element, 2 text}; XmlElement {1 namespace_declaration, 2 namespace_uri,
// 3 name, 4 attribute, 5 child}; XmlNamespace {1 prefix, 2 uri}; XmlAttribute {1 namespace_uri, 2 name,
// 3 value, 5 resource_id, 6 compiled_item}. Attribute `value` keeps the source text ("true",
// "@xml/network_security_config"), so the facts match the text reader's.
import type { Facts } from '../../core/facts.js';
import { ANDROID_ATTR_IDS, ANDROID_NS } from './android-attrs.js';
import type { FactBudget } from '../../core/budget.js';
import { ConfigTreeBuilder } from './config-tree.js';
import { typedText } from './text.js';

class ProtoError extends Error {}

const MAX_DEPTH = 256;

interface Field {
  no: number;
  wire: number;
  /** Varint value (wire type 0). */
  num: number;
  /** Payload bounds for wire type 2. */
  start: number;
  end: number;
}

/** Iterates the fields of one message in buf[start, end). */
function* fields(buf: Buffer, start: number, end: number): Generator<Field> {
  let p = start;
  const varint = (): number => {
    let v = 0;
    for (let i = 0; i < 10; i++) {
      if (p >= end) throw new ProtoError(`varint runs past its message at ${p}`);
      const b = buf[p++]!;
      if (i < 8) v += (b & 0x7f) * 2 ** (7 * i); // beyond 2^56 precision does not matter for lengths and ids
      if ((b & 0x80) === 0) return v;
    }
    throw new ProtoError(`varint longer than 10 bytes at ${p}`);
  };
  while (p < end) {
    const tag = varint();
    const no = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === 0) {
      yield { no, wire, num: varint(), start: p, end: p };
    } else if (wire === 2) {
      const len = varint();
      if (len > end - p) throw new ProtoError(`field ${no} of ${len} bytes runs past its message at ${p}`);
      yield { no, wire, num: 0, start: p, end: p + len };
      p += len;
    } else if (wire === 1 || wire === 5) {
      p += wire === 1 ? 8 : 4;
      if (p > end) throw new ProtoError(`fixed-size field ${no} runs past its message`);
    } else {
      throw new ProtoError(`unsupported wire type ${wire} at ${p}`);
    }
  }
}

/** Cheap check for sniffing: an XmlNode whose first field is a length-delimited element that fits the file. */
export function looksLikeProtoXml(head: Buffer, path: string): boolean {
  if (!/(^|[/!])(AndroidManifest\.xml|res\/[^/]+\/[^/]+\.xml)$/.test(path) || head[0] !== 0x0a) return false;
  // 0x0a is also a newline: text XML that starts with a blank line is not protobuf.
  if (/^\s*</.test(head.toString('latin1', 0, 64))) return false;
  try {
    const first = fields(head, 0, head.length).next();
    return !first.done && first.value.no === 1 && first.value.wire === 2;
  } catch {
    // head is only the first bytes of the file: a length running past it is expected for real files
    return head.length >= 2 && head[1]! >= 0x80;
  }
}

export function readProtoXml(data: Buffer, facts: Facts, maxStrings: number, budget?: FactBudget): string | undefined {
  const tree = new ConfigTreeBuilder(facts, maxStrings, budget);
  try {
    node(data, 0, data.length, tree, 0);
  } catch (e) {
    if (!(e instanceof ProtoError)) throw e;
    facts.notices.push({ level: 'error', id: 'axml/malformed', message: `protobuf XML: ${e.message}`, artifact: facts.artifact });
  }
  if (tree.tooDeep) {
    facts.notices.push({ level: 'warning', id: 'axml/too-deep', message: 'elements nested deeper than 256 levels were skipped', artifact: facts.artifact });
  }
  if (tree.stringsCapped) {
    facts.notices.push({ level: 'warning', id: 'axml/too-many-strings', message: `kept the first ${maxStrings} strings`, artifact: facts.artifact });
  }
  return tree.root;
}

function str(buf: Buffer, f: Field): string {
  return buf.toString('utf8', f.start, f.end);
}

function node(buf: Buffer, start: number, end: number, tree: ConfigTreeBuilder, depth: number): void {
  if (depth > MAX_DEPTH) throw new ProtoError(`elements nested deeper than ${MAX_DEPTH}`);
  for (const f of fields(buf, start, end)) {
    if (f.no === 1 && f.wire === 2) element(buf, f.start, f.end, tree, depth);
    else if (f.no === 2 && f.wire === 2) tree.text(str(buf, f), { offset: f.start, length: f.end - f.start });
  }
}

function element(buf: Buffer, start: number, end: number, tree: ConfigTreeBuilder, depth: number): void {
  let name = '';
  const prefixes = new Map<string, string>();
  const attrs: Field[] = [];
  const children: Field[] = [];
  for (const f of fields(buf, start, end)) {
    if (f.wire !== 2) continue;
    if (f.no === 1) {
      let prefix = '';
      let uri = '';
      for (const g of fields(buf, f.start, f.end)) {
        if (g.no === 1 && g.wire === 2) prefix = str(buf, g);
        else if (g.no === 2 && g.wire === 2) uri = str(buf, g);
      }
      prefixes.set(uri, prefix);
    } else if (f.no === 3) name = str(buf, f);
    else if (f.no === 4) attrs.push(f);
    else if (f.no === 5) children.push(f);
  }
  tree.startElement(name);
  for (const a of attrs) attribute(buf, a, tree, prefixes);
  for (const c of children) node(buf, c.start, c.end, tree, depth + 1);
  tree.endElement();
}

function attribute(buf: Buffer, a: Field, tree: ConfigTreeBuilder, prefixes: Map<string, string>): void {
  let ns = '';
  let name = '';
  let value: string | undefined;
  let resourceId: number | undefined;
  let compiled: Field | undefined;
  for (const f of fields(buf, a.start, a.end)) {
    if (f.no === 1 && f.wire === 2) ns = str(buf, f);
    else if (f.no === 2 && f.wire === 2) name = str(buf, f);
    else if (f.no === 3 && f.wire === 2) value = str(buf, f);
    else if (f.no === 5 && f.wire === 0) resourceId = f.num;
    else if (f.no === 6 && f.wire === 2) compiled = f;
  }
  // As in binary XML, a known android: resource id names the attribute even when the name was stripped.
  const known = resourceId !== undefined ? ANDROID_ATTR_IDS.get(resourceId) : undefined;
  const local = known ?? (name || (resourceId !== undefined ? `0x${resourceId.toString(16).padStart(8, '0')}` : ''));
  const qualified =
    ns === '' ? local : ns === ANDROID_NS ? `android:${local}` : `${prefixes.get(ns) ?? `{${ns}}`}:${local}`;
  const v = value !== undefined && value !== '' ? typedText(value) : compiled ? primitive(buf, compiled) : null;
  tree.attribute(qualified, v, { offset: a.start, length: a.end - a.start });
}

/** Item.prim (field 7): Primitive {6 int_decimal_value, 7 int_hexadecimal_value, 8 boolean_value}. */
function primitive(buf: Buffer, item: Field): string | number | boolean | null {
  for (const f of fields(buf, item.start, item.end)) {
    if (f.no !== 7 || f.wire !== 2) continue;
    for (const p of fields(buf, f.start, f.end)) {
      if (p.wire !== 0) continue;
      if (p.no === 8) return p.num !== 0;
      if (p.no === 6) return p.num > 0x7fffffff ? p.num - 2 ** 32 : p.num;
      if (p.no === 7) return p.num;
    }
  }
  return null;
}
