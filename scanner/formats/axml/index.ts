// Readers for Android XML: `axmlReader` for compiled binary XML (APK manifests, res/xml), `xmlReader` for text
// XML. Manifests and network security configs become ConfigFacts with the same keys either way, e.g.
// `manifest/application/@android:usesCleartextTraffic` or `network-security-config/domain-config/domain`.
import { budgetOf } from '../../core/budget.js';
import { emptyFacts, type Facts } from '../../core/facts.js';
import type { FormatReader } from '../reader.js';
import { isBinaryXml, readBinaryXml } from './binary.js';
import { looksLikeProtoXml, readProtoXml } from './proto.js';
import { readTextXml, textXmlRoot } from './text.js';

export { isBinaryXml } from './binary.js';
export { ANDROID_ATTR_IDS } from './android-attrs.js';

/**
 * Roots whose ConfigFacts checks consume; other XML only contributes its strings. Android value resources
 * (`<resources><string name="agora_app_id">…`) and .NET `<configuration><appSettings><add key value/>` hold app
 * settings as named elements. Cordova's `config.xml` (`<widget>`: the project's `<plugin name spec/>` list, and in
 * a built app res/xml/config.xml the `<feature><param name="android-package" value/>` plugin classes).
 */
export const CONFIG_ROOTS: ReadonlySet<string> = new Set(['manifest', 'network-security-config', 'resources', 'configuration', 'widget']);

const MANIFEST_META: Record<string, string> = {
  'manifest/@package': 'package',
  'manifest/@android:versionName': 'versionName',
  'manifest/@android:versionCode': 'versionCode',
  'manifest/uses-sdk/@android:minSdkVersion': 'minSdkVersion',
  'manifest/uses-sdk/@android:targetSdkVersion': 'targetSdkVersion',
};

function finish(facts: Facts, root: string | undefined): Facts {
  if (root) facts.meta.root = root;
  if (root !== undefined && !CONFIG_ROOTS.has(root)) {
    facts.config = []; // not a config document: keep its strings for the endpoint checks, nothing else
    return facts;
  }
  for (const c of facts.config) {
    const m = MANIFEST_META[c.key];
    if (m && c.value !== null && facts.meta[m] === undefined) facts.meta[m] = String(c.value);
  }
  return facts;
}

/** Compiled Android XML: binary resource XML (APK) or aapt2's protobuf XML (App Bundle modules). */
export const axmlReader: FormatReader = {
  id: 'axml',
  sniff: (head, path) => isBinaryXml(head) || looksLikeProtoXml(head, path),
  read(data, path, ctx) {
    const facts = emptyFacts(path, 'axml', false);
    // Anything that does not start like protobuf goes to the binary parser, which says what is wrong with it.
    if (isBinaryXml(data) || data[0] !== 0x0a) return finish(facts, readBinaryXml(data, facts, ctx.maxStrings, budgetOf(ctx)));
    facts.meta.encoding = 'protobuf';
    return finish(facts, readProtoXml(data, facts, ctx.maxStrings, budgetOf(ctx)));
  },
};

/** Text XML by name (`.xml`) and content (starts like markup, not binary XML). */
export function looksLikeTextXml(head: Buffer, path: string): boolean {
  if (!/\.xml$/i.test(path) || isBinaryXml(head)) return false;
  const start = head.toString('utf8', 0, Math.min(head.length, 256)).replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('<');
}

export const xmlReader: FormatReader = {
  id: 'xml',
  sniff: looksLikeTextXml,
  read(data, path, ctx) {
    const facts = emptyFacts(path, 'xml', true);
    const text = data.toString('utf8').replace(/^\uFEFF/, '');
    if (!readTextXml(text, facts, ctx.maxStrings, budgetOf(ctx))) return facts;
    return finish(facts, textXmlRoot(text));
  },
};
