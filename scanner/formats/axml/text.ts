// Text XML (source manifests, network_security_config.xml, unpacked res/xml) through fast-xml-parser, fed to the
// same ConfigTreeBuilder as binary XML so both give identical keys.
import type { XMLParser } from 'fast-xml-parser';
import { lazyPackage } from '../../core/lazy.js';
import type { Facts } from '../../core/facts.js';
import { ANDROID_NS } from './android-attrs.js';
import type { FactBudget } from '../../core/budget.js';
import { ConfigTreeBuilder, type ConfigValue } from './config-tree.js';

type Node = Record<string, unknown>;

const fxp = lazyPackage<typeof import('fast-xml-parser')>('fast-xml-parser');
const META = () => fxp().XMLParser.getMetaDataSymbol() as unknown as string;
const ATTRS = ':@';
const TEXT = '#text';

function parser(): XMLParser {
  return new (fxp().XMLParser)({
    preserveOrder: true,
    captureMetaData: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: 256,
  });
}

/** Root element name of a text XML document, without building the tree; cheap enough for sniffing. */
export function textXmlRoot(text: string): string | undefined {
  const m = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*<([A-Za-z_][\w.:-]*)/.exec(text.slice(0, 4096));
  return m?.[1];
}

/** Text values as aapt would type them: booleans and decimal integers; everything else stays a string. */
export function typedText(v: string): ConfigValue {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^-?\d{1,15}$/.test(v)) return Number(v);
  return v;
}

/** Fills `facts` from text XML. Returns false (with a notice) when the text is not well-formed XML. */
export function readTextXml(text: string, facts: Facts, maxStrings: number, budget?: FactBudget): boolean {
  const valid = fxp().XMLValidator.validate(text);
  if (valid !== true) {
    facts.notices.push({
      level: 'warning',
      id: 'xml/malformed',
      message: `not well-formed XML at line ${valid.err.line}: ${valid.err.msg}`,
      artifact: facts.artifact,
    });
    return false;
  }
  let nodes: Node[];
  try {
    nodes = parser().parse(text) as Node[];
  } catch (e) {
    facts.notices.push({ level: 'warning', id: 'xml/malformed', message: (e as Error).message, artifact: facts.artifact });
    return false;
  }
  const lines = lineStarts(text);
  const tree = new ConfigTreeBuilder(facts, maxStrings, budget);
  visit(nodes, tree, lines, new Map(), {}, text);
  if (tree.stringsCapped) {
    facts.notices.push({ level: 'warning', id: 'xml/too-many-strings', message: `kept the first ${maxStrings} strings`, artifact: facts.artifact });
  }
  if (tree.tooDeep) {
    facts.notices.push({ level: 'warning', id: 'xml/too-deep', message: 'elements nested deeper than 256 levels were skipped', artifact: facts.artifact });
  }
  return true;
}

function visit(
  nodes: Node[],
  tree: ConfigTreeBuilder,
  lines: number[],
  outerNs: Map<string, string>,
  parentPos: { line?: number; column?: number } = {},
  text = '',
): void {
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ATTRS);
    if (name === undefined) continue;
    const meta = node[META()] as { startIndex?: number } | undefined;
    const pos = position(lines, meta?.startIndex);
    if (name === TEXT) {
      tree.text(String(node[TEXT]), meta ? pos : parentPos); // text nodes carry no metadata of their own
      continue;
    }
    if (name.startsWith('?') || name === '!comment') continue;
    const attrs = (node[ATTRS] ?? {}) as Record<string, string>;
    // xmlns declarations scope over this element and its children.
    let ns = outerNs;
    for (const [k, v] of Object.entries(attrs)) {
      if (k.startsWith('xmlns:')) {
        if (ns === outerNs) ns = new Map(outerNs);
        ns.set(k.slice(6), v);
      }
    }
    tree.startElement(localName(name));
    // Each attribute at its own line (`android:usesCleartextTraffic="true"` ten lines below `<application`).
    const offsets = meta?.startIndex !== undefined ? attributeOffsets(text, meta.startIndex) : undefined;
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      const at = offsets?.get(k);
      tree.attribute(qualify(k, ns), typedText(String(v)), at !== undefined ? position(lines, at) : pos);
    }
    const children = node[name];
    if (Array.isArray(children)) visit(children as Node[], tree, lines, ns, pos, text);
    tree.endElement();
  }
}

/** Element names in manifests carry no prefix; drop one if present, as the binary reader sees local names. */
function localName(name: string): string {
  const i = name.indexOf(':');
  return i >= 0 ? name.slice(i + 1) : name;
}

function qualify(attr: string, ns: Map<string, string>): string {
  const i = attr.indexOf(':');
  if (i < 0) return attr;
  const uri = ns.get(attr.slice(0, i));
  return uri === ANDROID_NS ? `android:${attr.slice(i + 1)}` : attr;
}

/**
 * Where each attribute name of the start tag at `start` (its `<`) begins: one pass over the tag, quoted values
 * skipped, so the cost is the tag's length whatever the number of attributes.
 */
export function attributeOffsets(text: string, start: number): Map<string, number> {
  const out = new Map<string, number>();
  let i = start + 1;
  const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\t' || c === '\r';
  while (i < text.length && !isSpace(text[i]!) && text[i] !== '>' && text[i] !== '/') i++; // the element name
  while (i < text.length) {
    while (i < text.length && isSpace(text[i]!)) i++;
    const c = text[i];
    if (c === undefined || c === '>' || c === '/' || c === '?') break;
    const nameAt = i;
    while (i < text.length && !isSpace(text[i]!) && text[i] !== '=' && text[i] !== '>' && text[i] !== '/') i++;
    if (i === nameAt) break;
    if (!out.has(text.slice(nameAt, i))) out.set(text.slice(nameAt, i), nameAt);
    while (i < text.length && isSpace(text[i]!)) i++;
    if (text[i] !== '=') continue;
    i++;
    while (i < text.length && isSpace(text[i]!)) i++;
    const q = text[i];
    if (q === '"' || q === "'") {
      const end = text.indexOf(q, i + 1);
      if (end < 0) break;
      i = end + 1;
    } else while (i < text.length && !isSpace(text[i]!) && text[i] !== '>') i++;
  }
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(lines: number[], index: number | undefined): { line?: number; column?: number } {
  if (index === undefined) return {};
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: index - lines[lo]! + 1 };
}
