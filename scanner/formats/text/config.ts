// Key/value facts from the config files apps keep settings and credentials in: `.env*`, `*.properties`, `*.xcconfig`,
// `*.ini`, YAML, JSON (`appsettings.json`, `config.json`) and Gradle `buildConfigField` / `resValue` lines.
// The reader only says which key holds which value and where; what a value means is for the checks.
import type { Node } from 'yaml';
import { lazyPackage } from '../../core/lazy.js';

const yaml = lazyPackage<typeof import('yaml')>('yaml');
import type { Facts } from '../../core/facts.js';
import { isDependencySourceLine } from './build-sources.js';
import { jsonPairs } from './json-pairs.js';

export type ConfigSyntax = 'dotenv' | 'properties' | 'xcconfig' | 'ini' | 'yaml' | 'json' | 'gradle';

/** Structured (YAML/JSON) parsing stops being worth it past this size; bigger files are read line by line. */
const MAX_STRUCTURED_BYTES = 2 * 1024 * 1024;
const MAX_CONFIG_FACTS = 50_000;
const MAX_DEPTH = 64;
const MAX_SNIPPET = 200;

/** The config syntax a file name implies, or undefined for text the reader keeps as plain lines. */
export function configSyntaxOf(path: string): ConfigSyntax | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1).toLowerCase();
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'dotenv';
  if (name.endsWith('.properties')) return 'properties';
  if (name.endsWith('.xcconfig')) return 'xcconfig';
  if (name.endsWith('.ini')) return 'ini';
  if (name.endsWith('.yml') || name.endsWith('.yaml')) return 'yaml';
  if (name.endsWith('.json') && !name.endsWith('.map.json')) return 'json';
  if (name.endsWith('.gradle') || name.endsWith('.gradle.kts')) return 'gradle';
  return undefined;
}

interface Sink {
  facts: Facts;
  maxStrings: number;
  capped: boolean;
  manifest: boolean;
}

function snippetOf(line: string): string {
  const t = line.trim();
  return t.length > MAX_SNIPPET ? `${t.slice(0, MAX_SNIPPET)}…` : t;
}

function pushString(sink: Sink, s: Facts['strings'][number]): void {
  if (sink.facts.strings.length >= sink.maxStrings) {
    sink.capped = true;
    return;
  }
  sink.facts.strings.push(s);
}

/**
 * One key/value: a ConfigFact, and the value as a `config` string so endpoint and credential checks see it. The
 * facts are object literals, not spreads of a position object: V8 builds `{ ...pos, key, value }` through a generic
 * clone, ~10× slower than the literal (micro-benchmark), on every key of an app's thousands of localisation files.
 */
function pushPair(sink: Sink, key: string, value: string, line: number, column: number, snippet: string): void {
  if (sink.facts.config.length >= MAX_CONFIG_FACTS) {
    sink.capped = true;
    return;
  }
  sink.facts.config.push({ line, column, snippet, key, value });
  // A package manifest's metadata (homepage, repository, bugs, funding, author links) names no endpoint of the app.
  // JSON Schema identifiers (`"$schema": "https://ui.shadcn.com/schema.json"`) name a schema, not a server.
  const kind = (sink.manifest && MANIFEST_METADATA.has(key.split('/')[0]!)) || key === '$schema' || key === '$id' ? 'comment' : 'config';
  if (value !== '') pushString(sink, { line, column, snippet, value, kind, context: key });
}

/** npm/bower/composer manifests (`package.json` of the app and of every dependency a folder holds). */
const MANIFESTS = new Set(['package.json', 'bower.json', 'component.json', 'composer.json']);
const MANIFEST_METADATA = new Set(['homepage', 'repository', 'bugs', 'funding', 'author', 'authors', 'contributors', 'maintainers', 'license', 'licenses', 'support', '_resolved', '_from', '_where', '_id', 'publishConfig', 'gitHead', 'readme']);

/** Reads `text` as `syntax`; false when it is not that syntax after all (the caller falls back to plain lines). */
/** `viaYaml`: read JSON with the YAML parser even where the JSON scanner would answer (tests compare the two). */
export function readConfigText(text: string, syntax: ConfigSyntax, facts: Facts, maxStrings: number, viaYaml = false): boolean {
  const name = facts.artifact.slice(Math.max(facts.artifact.lastIndexOf('/'), facts.artifact.lastIndexOf('!')) + 1).toLowerCase();
  const sink: Sink = { facts, maxStrings, capped: false, manifest: syntax === 'json' && MANIFESTS.has(name) };
  let ok: boolean;
  if (syntax === 'yaml' || syntax === 'json') ok = text.length <= MAX_STRUCTURED_BYTES && readStructured(text, syntax, sink, viaYaml);
  else {
    readLines(text, syntax, sink);
    ok = true;
  }
  if (ok) {
    facts.meta.configSyntax = syntax;
    if (sink.capped) facts.notices.push({ level: 'warning', id: 'text/too-many-strings', artifact: facts.artifact, message: `more than ${maxStrings} values; the rest was not read` });
  }
  return ok;
}

// ---- line-oriented syntaxes ----

/** A Gradle dependency declaration with literal coordinates (Groovy or Kotlin DSL). */
const GRADLE_DEPENDENCY_RE = /^\s*(?:implementation|api|compile|compileOnly|runtimeOnly|debugImplementation|releaseImplementation)\s*\(?\s*['"]([\w.-]+:[\w.-]+(?::[\w.+-]+)?)(?:@\w+)?['"]/;

const COMMENT: Record<Exclude<ConfigSyntax, 'yaml' | 'json'>, RegExp> = {
  dotenv: /^\s*#/,
  properties: /^\s*[#!]/,
  ini: /^\s*[#;]/,
  xcconfig: /^\s*\/\//,
  gradle: /^\s*(?:\/\/|\/\*|\*)/,
};

// KEY=value, `export KEY=value`; quotes are stripped, an unquoted value ends at ` #`.
const DOTENV_RE = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$/;
// key=value, key: value or `key value` (java.util.Properties); `\=` escapes are rare in credential keys.
const PROPERTIES_RE = /^\s*([^\s=:#!]+)\s*[=:\s]\s*(.*?)\s*$/;
// KEY = value, KEY[sdk=iphoneos*] = value, `$(inherited)` references stay as written.
const XCCONFIG_RE = /^\s*([A-Za-z_]\w*)(?:\[[^\]]*\])*\s*=\s*(.*?)\s*;?\s*$/;
const INI_RE = /^\s*([^\s=;#[][^=]*?)\s*=\s*(.*?)\s*$/;
const INI_SECTION_RE = /^\s*\[([^\]]+)\]\s*$/;
// buildConfigField "String", "AGORA_APP_ID", "\"abc\""  ·  buildConfigField("String", "X", "\"abc\"")
// The value is a Groovy/Kotlin string, double-quoted with `\"` escapes or single-quoted: group 2 or 3.
const GRADLE_FIELD_RE = /\bbuildConfigField\s*\(?\s*["'][\w.<>]+["']\s*,\s*["'](\w+)["']\s*,\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')/;
// resValue "string", "agora_app_id", "abc"
const GRADLE_RES_RE = /\bresValue\s*\(?\s*["']\w+["']\s*,\s*["'](\w+)["']\s*,\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')/;

function unquote(raw: string, syntax: ConfigSyntax): { value: string; offset: number } {
  const q = raw[0];
  if ((q === '"' || q === "'" || (q === '`' && syntax === 'dotenv')) && raw.length >= 2) {
    const end = raw.indexOf(q, 1);
    if (end > 0) return { value: raw.slice(1, end), offset: 1 };
  }
  // dotenv and xcconfig allow trailing comments after an unquoted value.
  if (syntax === 'dotenv' || syntax === 'ini') {
    const hash = raw.search(/\s[#;]/);
    if (hash >= 0) return { value: raw.slice(0, hash).trimEnd(), offset: 0 };
  }
  if (syntax === 'xcconfig') {
    const slash = raw.indexOf(' //');
    if (slash >= 0) return { value: raw.slice(0, slash).trimEnd(), offset: 0 };
  }
  return { value: raw, offset: 0 };
}

function readLines(text: string, syntax: Exclude<ConfigSyntax, 'yaml' | 'json'>, sink: Sink): void {
  const artifact = sink.facts.artifact;
  const name = artifact.slice(Math.max(artifact.lastIndexOf('/'), artifact.lastIndexOf('!')) + 1).toLowerCase();
  let section = '';
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (sink.capped) break;
    const body = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (body.trim() === '') continue;
    // Comments, and the repositories a build tool downloads from (build-sources.ts): prose, not the app's endpoints.
    if (COMMENT[syntax].test(body) || (syntax === 'gradle' && isDependencySourceLine(name, body))) {
      pushString(sink, { value: body.trim(), kind: 'comment', line: lineNo, column: body.search(/\S/) + 1 });
      continue;
    }
    if (syntax === 'gradle') {
      // `implementation 'io.agora.rtc:full-sdk:4.2.0'`: a Maven dependency the app links (SDK evidence, with version).
      const dep = GRADLE_DEPENDENCY_RE.exec(body);
      if (dep) {
        const [g, a, v] = dep[1]!.split(':');
        sink.facts.libraries.push({ name: `${g}:${a}`, kind: 'maven', ...(v ? { version: v } : {}), line: lineNo, column: body.indexOf(dep[1]!) + 1, snippet: snippetOf(body) });
      }
      const m = GRADLE_FIELD_RE.exec(body) ?? GRADLE_RES_RE.exec(body);
      if (m) {
        // The field value is a Java expression inside a Groovy string: `"\"abc\""` holds the literal abc.
        const raw = m[2] ?? m[3] ?? '';
        const inner = raw.replace(/^\\?"/, '').replace(/\\?"$/, '');
        const kind = m[0].startsWith('buildConfigField') ? 'buildConfigField' : 'resValue';
        const col = body.indexOf(inner, m.index + m[0].indexOf(m[1]!) + m[1]!.length) + 1;
        pushPair(sink, `${kind}/${m[1]}`, inner, lineNo, col, snippetOf(body));
      } else pushString(sink, { value: body, kind: 'literal', line: lineNo, column: 1 });
      continue;
    }
    if (syntax === 'ini') {
      const s = INI_SECTION_RE.exec(body);
      if (s) {
        section = s[1]!.trim();
        continue;
      }
    }
    const re = syntax === 'dotenv' ? DOTENV_RE : syntax === 'properties' ? PROPERTIES_RE : syntax === 'xcconfig' ? XCCONFIG_RE : INI_RE;
    const m = re.exec(body);
    if (!m) {
      pushString(sink, { value: body, kind: 'literal', line: lineNo, column: 1 });
      continue;
    }
    const key = syntax === 'ini' && section ? `${section}/${m[1]}` : m[1]!;
    const rawStart = m[2] === '' ? body.length : body.lastIndexOf(m[2]!);
    const { value, offset } = unquote(m[2]!, syntax);
    pushPair(sink, key, value, lineNo, rawStart + offset + 1, snippetOf(body));
  }
}

// ---- YAML and JSON (JSON is read by the YAML 1.2 parser, which keeps source ranges) ----

function readStructured(text: string, syntax: 'yaml' | 'json', sink: Sink, viaYaml = false): boolean {
  if (syntax === 'json' && !viaYaml) {
    const starts: number[] = [];
    const pairs = jsonPairs(text, MAX_DEPTH, starts);
    if (pairs) {
      for (const p of pairs) {
        if (sink.capped) break;
        const lineText = text.slice(starts[p.line - 1]!, starts[p.line] ?? text.length);
        pushPair(sink, p.key, p.value, p.line, p.column, snippetOf(lineText));
      }
      return true;
    }
  }
  const { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair } = yaml();
  const lines = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, keepSourceTokens: false, strict: false, prettyErrors: false });
  } catch {
    return false;
  }
  if (doc.errors.length) return false;
  const lineText = (line: number) => {
    const start = lines.lineStarts[line - 1] ?? 0;
    const end = lines.lineStarts[line] ?? text.length;
    return text.slice(start, end);
  };
  const walk = (node: unknown, key: string, depth: number): void => {
    if (sink.capped || depth > MAX_DEPTH || !node) return;
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const k = isScalar(item.key) ? String(item.key.value) : undefined;
        if (k === undefined) continue;
        walk(item.value, key ? `${key}/${k}` : k, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, `${key}/${i}`, depth + 1));
    } else if (isScalar(node) && key) {
      const v = node.value;
      if (v !== null && typeof v === 'object') return;
      const start = (node as Node).range?.[0] ?? 0;
      const { line, col } = lines.linePos(start);
      // Quoted scalars start at the quote; the position names the value itself.
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
      pushPair(sink, key, v === undefined ? '' : String(v), line, col + quoted, snippetOf(lineText(line)));
    }
  };
  walk(doc.contents, '', 0);
  // YAML comments are prose: kept as `comment` strings so no check reads a URL or key out of them.
  if (syntax === 'yaml') {
    let lineNo = 0;
    for (const line of text.split('\n')) {
      lineNo++;
      const hash = line.search(/(?:^|\s)#/);
      if (hash < 0) continue;
      const at = line.indexOf('#', hash);
      // A `#` inside a quoted value is not a comment; a rough quote count is enough to leave those alone.
      if ((line.slice(0, at).match(/["']/g)?.length ?? 0) % 2 === 1) continue;
      pushString(sink, { value: line.slice(at).trim(), kind: 'comment', line: lineNo, column: at + 1 });
    }
  }
  return true;
}
