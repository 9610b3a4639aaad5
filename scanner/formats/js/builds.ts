// Whole-file recognition of a vendor's own production build (UMD, ESM, CommonJS, minified; shipped as npm serves
// it, vendored in a static folder, or renamed). Such a file is the SDK: its strings, endpoints and version matter,
// its calls and flows are the SDK's own, never the app's. The evidence is where only the build itself puts it:
//
// - the file lies under `node_modules/<vendor package>/`;
// - a build signature from the rules (`sdk.js.builds`): a licence/version banner in the file's leading comments
//   (before any code: a bundler that inlines the SDK puts its own code first), the global the file's wrapper
//   assigns in its head (UMD) or another regex over that head, and/or the names of the file's export list (ESM tail,
//   esbuild CommonJS table, Rollup's CommonJS tail), or the source map the file's last line points to on the
//   vendor's own host (its build pipeline's output: an app's bundler writes its own map reference last, or none);
// - the chunk-loading global of the vendor's own webpack compilation, when the file's top-level statements are that
//   compilation's runtime and chunks (webpack-chunks.ts): only those statements are the vendor's.
//
// Markers anywhere in a file never make it a vendor build (app code may hold any string). A wrapper build counts
// only when one top-level function body holds nearly all the code: only that body is taken as the vendor's, and
// code around it (a concatenated app script) is still parsed and analysed. A module build (no wrapper) must end
// with the vendor's export list: bundlers emit the entry module last, so an app bundle ends with the app's code.
import type { RulePack } from '../../rules/pack.js';
import type { Blank } from './elide.js';
import type { FnBody, Outline } from './outline.js';
import { packageOfPath } from './modules.js';
import { quickOutline } from './quick-outline.js';
import type { VendorIndex } from './vendors.js';
import { webpackChunkStatements } from './webpack-chunks.js';

export interface VendorBuild {
  vendor: string;
  /** What recognised it, for the facts' meta (`banner /AgoraWebSDK_N-v\d/ + umd AgoraRTC`). */
  evidence: string;
  /** Wrapper builds: the factory body (blanked; the code around it is still parsed). Absent: the whole file. */
  body?: FnBody;
  /**
   * Webpack chunk builds with other code at the top level: the vendor's runtime and chunk statements (blanked; the
   * code around them is parsed). Absent (and no body): the whole file.
   */
  statements?: Blank[];
  /** The npm package the build is (from its path), when known. */
  pkg?: string;
  /** The global a UMD wrapper assigns (its head names it; that alone is no app code). */
  global?: string;
  /** A common library's own build (rules/libraries `builds`): its npm package; `vendor` is then empty. */
  library?: string;
}

interface CompiledBuild {
  vendor: string;
  library?: string;
  banner?: RegExp;
  umd?: RegExp;
  umdName?: string;
  head?: RegExp;
  exports?: string[];
  tail?: RegExp;
  sourceMap?: RegExp;
  chunkGlobal?: string;
  /** A text the build's own code holds (inside its wrapper; anywhere in an export-list build). */
  literal?: string;
  /**
   * `head` anchored at the code's start (`^…`) and `tail` at the file's end (`…$`): the whole file is the build
   * (an Emscripten glue script ending with the worklet it registers has no wrapper); app code concatenated before
   * or after it would break one of the anchors.
   */
  anchored?: boolean;
}

/** A wrapper's factory body holds at least this share of the code after the leading comments. */
const WRAPPER_SHARE = 0.9;
/** The wrapper's head (UMD shim) before the factory body is at most this long. */
const MAX_WRAPPER_HEAD = 4096;
/** A build's `tail` signature and its source-map line are looked for in this many trailing characters. */
const LAST = 4096;
/** The final export list is looked for in this many trailing characters. */
const TAIL = 64 * 1024;
/**
 * A webpack chunk build's first statement (its runtime chunk, or its first chunk) names the chunk-loading global
 * within this many characters of the code's start (the runtime names it last, after its chunk-file maps).
 */
const CHUNK_HEAD = 64 * 1024;

const compiled = new WeakMap<RulePack, CompiledBuild[]>();

function buildsOf(rules: RulePack): CompiledBuild[] {
  let list = compiled.get(rules);
  if (list) return list;
  list = [];
  const all = [
    ...rules.vendors.flatMap((v) => (v.sdk.js?.builds ?? []).map((b) => ({ b, vendor: v.id, library: undefined as string | undefined }))),
    ...rules.libraries.flatMap((l) => (l.builds ?? []).map((b) => ({ b, vendor: '', library: l.package }))),
  ];
  for (const { b, vendor, library } of all) {
    list.push({
      vendor,
      ...(library ? { library } : {}),
      ...(b.banner ? { banner: new RegExp(b.banner) } : {}),
      ...(b.umd ? { umd: umdAssignment(b.umd), umdName: b.umd } : {}),
      ...(b.head ? { head: new RegExp(b.head) } : {}),
      ...(b.exports ? { exports: b.exports } : {}),
      ...(b.tail ? { tail: new RegExp(b.tail) } : {}),
      ...(b.sourceMap ? { sourceMap: new RegExp(b.sourceMap) } : {}),
      ...(b.chunkGlobal ? { chunkGlobal: b.chunkGlobal } : {}),
      ...(b.literal ? { literal: b.literal } : {}),
      ...(b.head?.startsWith('^') && b.tail && /(?:^|[^\\])\$$/.test(b.tail) ? { anchored: true } : {}),
    });
  }
  compiled.set(rules, list);
  return list;
}

/** `X=` or `["X"]=`, not `X==`: the global assigned as `(e=…||self).X=t()`, `exports.X=t()`, `root["X"] = factory()`. */
function umdAssignment(name: string): RegExp {
  const n = name.replace(/\$/g, '\\$');
  return new RegExp(`(?:(?:^|[^\\w$])${n}|\\[\\s*["']${n}["']\\s*\\])\\s*=(?!=)`);
}

/** Offset of the first code character: after a BOM-less text's leading whitespace, comments and `#!` line. */
export function codeStart(code: string): number {
  let i = 0;
  if (code.startsWith('#!')) i = code.indexOf('\n') + 1 || code.length;
  for (;;) {
    while (i < code.length && /\s/.test(code[i]!)) i++;
    if (code.startsWith('/*', i)) {
      const end = code.indexOf('*/', i + 2);
      if (end < 0) return code.length;
      i = end + 2;
    } else if (code.startsWith('//', i)) {
      const end = code.indexOf('\n', i);
      if (end < 0) return code.length;
      i = end + 1;
    } else return i;
  }
}

/** A final `//# sourceMappingURL=…` line: an inline map (debug builds) can be half the file and is no code. */
const SOURCE_MAP_LINE = /\n\/\/[#@] sourceMappingURL=[^\n]*\s*$/;

/** Offset just past the last code character: before a trailing source-map comment line. */
export function codeEnd(code: string): number {
  const from = code.lastIndexOf('\n//');
  if (from < 0) return code.length;
  const m = SOURCE_MAP_LINE.exec(code.slice(from));
  return m ? from : code.length;
}

/** How many wrappers deep a build's own wrapper may sit (lib-jitsi-meet's debug build: its UMD inside an IIFE). */
const MAX_WRAPPER_DEPTH = 3;

/** Text that only closes calls and blocks: `)`, `}`, `]`, `;`, `,`, whitespace and comments (a few hundred characters). */
function onlyClosing(text: string): boolean {
  return text.length <= 1024 && /^[\s)}\];,]*$/.test(text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' '));
}

/**
 * The function bodies holding nearly all the code (a UMD/IIFE/webpack factory), outermost first: the top-level one,
 * then, while it holds another that still does and opens near the code's start, that one. A build's own shim may
 * sit inside an outer wrapper (`!function(){ (function webpackUniversalModuleDefinition(root, factory){…})(this,
 * function(){…}) }()`): its head is then everything before the inner factory.
 */
function wrapperBodies(code: string, outline: Outline, start: number, length: number): FnBody[] {
  const chain: FnBody[] = [];
  let parent = -1;
  while (chain.length < MAX_WRAPPER_DEPTH) {
    let best: FnBody | undefined;
    let bestIndex = -1;
    // Bodies are in order of their `{`: a parent's children follow it.
    for (let i = parent + 1; i < outline.bodies.length; i++) {
      const b = outline.bodies[i]!;
      if (parent >= 0 && b.open > outline.bodies[parent]!.close) break;
      if (b.parent !== parent || b.close < 0) continue;
      if (!best || b.close - b.open > best.close - best.open) {
        best = b;
        bestIndex = i;
      }
    }
    if (!best || best.close - best.open < WRAPPER_SHARE * (length - start) || best.open - start > MAX_WRAPPER_HEAD) break;
    // Nested, the outer wrapper must end right after it (an app bundle's own IIFE around a vendor UMD goes on with
    // the app's code).
    if (parent >= 0 && !onlyClosing(code.slice(best.close + 1, outline.bodies[parent]!.close))) break;
    chain.push(best);
    parent = bestIndex;
  }
  return chain;
}

/**
 * A final ESM export list: `export{a as b,c};` (or several in a row, as esbuild ends a module with a default and
 * named exports: `export{x as default};export{Chorus};`), then only a source-map comment.
 */
const ESM_TAIL = /((?:\bexport\s*\{[^{}]*\}\s*;?\s*)+)(?:\/\/[#@] sourceMappingURL=\S*\s*)?$/;
/** esbuild's CommonJS export table near the top: `__export(t,{Name:()=>x,…});module.exports=__toCommonJS(t);`. */
const CJS_TABLE = /\(([\w$]+),\{((?:[\w$]+:\(\)=>[\w$]+,?)+)\}\);module\.exports=[\w$]+\(\1\)/;
/**
 * Rollup's and Vite's CommonJS output ends with one assignment per export (`exports.Call = Call;`, minified
 * `exports.Director=rt;`, or joined by terser into one sequence `exports.A=a,exports.B=b;`; a constant may be a
 * flat object literal: `exports.RCTag={DEFAULT:"RongCloudRTC"}`), then at most a source-map comment. An app
 * bundle exports nothing.
 */
const CJS_EXPORTS_TAIL = /((?:\bexports\.[\w$]+\s*=\s*(?:[\w$.]+|\{[^{}]*\})\s*[;,]\s*)+)(?:\/\/[#@] sourceMappingURL=\S*\s*)?$/;
/** The URL of the source map a file's last line points to (`//# sourceMappingURL=…`), not an inline `data:` map. */
const SOURCE_MAP_URL = /\n\/\/[#@] sourceMappingURL=(\S+)\s*$/;

function sourceMapUrl(last: string): string | undefined {
  const url = last.includes('sourceMappingURL=') ? SOURCE_MAP_URL.exec(last)?.[1] : undefined;
  return url && !url.startsWith('data:') ? url : undefined;
}
/** How far from the start esbuild's export table may be (after its helpers). */
const CJS_HEAD = 64 * 1024;

/**
 * A module transpiled to CommonJS by Babel or TypeScript, one file per source module (react-native-agora's
 * `lib/commonjs`): it opens with the `__esModule` flag and the list of what it exports
 * (`exports.A = exports.B = void 0;`) and ends by assigning one of them (`exports.A = A;`). A bundle never opens so
 * (its module wrappers come first), and app code appended to it would be its last statement.
 */
const CJS_MODULE_HEAD = /^(?:["']use strict["'];?\s*)?Object\.defineProperty\(exports,\s*["']__esModule["'],\s*\{\s*value:\s*(?:true|!0)\s*\}\);?\s*((?:exports\.[\w$]+\s*=\s*)+)void 0;/;
const CJS_MODULE_TAIL = /\bexports\.([\w$]+)\s*=\s*\1;?\s*(?:\/\/[#@] sourceMappingURL=\S*\s*)?$/;
/**
 * A module transpiled to an ES module (react-native-agora's `lib/module`), not minified: its exports are
 * declarations at the start of a line (`export class A {`, `export function f(`), and it ends with one of them —
 * after the last one's first line, every line starting in column 0 closes it (`}`) or is a comment. App code
 * concatenated after it would start a line with something else.
 */
const ESM_DECLARATION = /^export\s+(?:async\s+)?(?:function\*?|class|const|let|var)\s+([\w$]+)/gm;
const MAX_LAST_DECLARATION = 1 << 20;
const ESM_DECLARATION_END = /^(?:\}[;)]*|\/\/.*|\/\*.*)?$/;

/**
 * Names the file exports: its final ESM `export{a as b,c}` (b, c), esbuild's CommonJS export table, the exports
 * of one transpiled module (CommonJS head and tail, or ESM declarations ending the file), or Rollup's final run of
 * `exports.X = x;`.
 */
export function exportedNames(code: string): Set<string> | undefined {
  const names = new Set<string>();
  const esm = ESM_TAIL.exec(code.length > TAIL ? code.slice(code.length - TAIL) : code);
  if (esm) {
    for (const part of esm[1]!.replace(/\bexport\s*\{|\}\s*;?/g, ',').split(',')) {
      const p = part.trim();
      if (p) names.add((p.split(/\s+as\s+/)[1] ?? p).trim());
    }
    return names;
  }
  const head = code.slice(0, CJS_HEAD);
  // The regex tries every `(` of the head: a native search for its fixed part first.
  const cjs = head.includes(');module.exports=') ? CJS_TABLE.exec(head) : null;
  if (cjs) {
    for (const part of cjs[2]!.split(',')) if (part) names.add(part.split(':')[0]!);
    return names;
  }
  const start = codeStart(code);
  const module = CJS_MODULE_HEAD.exec(head.slice(start));
  if (module) {
    if (!CJS_MODULE_TAIL.test(code.slice(Math.max(0, code.length - 4096)))) return undefined;
    for (const m of module[1]!.matchAll(/exports\.([\w$]+)/g)) names.add(m[1]!);
    return names;
  }
  const tail = code.length > TAIL ? code.slice(code.length - TAIL) : code;
  const assigned = tail.includes('exports.') ? CJS_EXPORTS_TAIL.exec(tail) : null;
  if (assigned) {
    for (const m of assigned[1]!.matchAll(/exports\.([\w$]+)/g)) names.add(m[1]!);
    return names;
  }
  return transpiledEsmExports(code);
}

function transpiledEsmExports(code: string): Set<string> | undefined {
  // A multiline `^` is tried at every offset of a minified bundle's one long line: a native search first.
  if (!startsALine(code, 'export')) return undefined;
  const names = new Set<string>();
  let last = -1;
  ESM_DECLARATION.lastIndex = 0;
  for (let m = ESM_DECLARATION.exec(code); m; m = ESM_DECLARATION.exec(code)) {
    names.add(m[1]!);
    last = m.index;
  }
  if (last < 0) return undefined;
  const after = code.indexOf('\n', last);
  // The last declaration is one class or function: far from the end, the file is something else.
  if (after < 0 || code.length - after > MAX_LAST_DECLARATION) return undefined;
  for (const line of code.slice(after + 1).split(/\r?\n/)) {
    if (line === '' || /^\s/.test(line)) continue;
    if (!ESM_DECLARATION_END.test(line)) return undefined;
  }
  return names;
}

/** Whether `word` occurs at the start of the text or of a line (after `\n`, `\r`, U+2028, U+2029). */
function startsALine(code: string, word: string): boolean {
  for (let i = code.indexOf(word); i >= 0; i = code.indexOf(word, i + 1)) {
    const c = i === 0 ? 10 : code.charCodeAt(i - 1);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/**
 * Whether a file may be a vendor build, from its path, leading comments, head and tail alone (no tokenizing): the
 * reader outlines only candidates the quick way, and recogniseBuild then decides.
 */
export function mayBeBuild(code: string, path: string, index: VendorIndex, pkg = packageOfPath(path)): boolean {
  if (pkg && index.vendorOfSpecifier(pkg)) return true;
  const builds = buildsOf(index.rules);
  if (!builds.length) return false;
  const start = codeStart(code);
  const leading = code.slice(0, start);
  let heads: string[] | null = null;
  let exported: Set<string> | undefined | null = null;
  const last = code.slice(Math.max(0, code.length - LAST));
  const map = sourceMapUrl(last);
  return builds.some((b) => {
    if (b.banner && !b.banner.test(leading)) return false;
    if (b.tail && !b.tail.test(last)) return false;
    if (b.sourceMap && !(map && b.sourceMap.test(map))) return false;
    if (b.literal && !code.includes(b.literal)) return false;
    if (b.chunkGlobal) return code.slice(start, start + CHUNK_HEAD).includes(b.chunkGlobal);
    if (b.anchored) return b.head!.test(code.slice(start, start + MAX_WRAPPER_HEAD));
    if (b.umd && !(heads ??= wrapperHeads(code, start)).some((h) => b.umd!.test(h))) return false;
    if (b.head && !(heads ??= wrapperHeads(code, start)).some((h) => b.head!.test(h))) return false;
    if (b.exports) {
      if (exported === null) exported = exportedNames(code);
      return !!exported && b.exports.every((n) => exported!.has(n));
    }
    return true;
  });
}

/**
 * The texts recogniseBuild reads a UMD global from: before a factory body, which opens within MAX_WRAPPER_HEAD
 * characters of the code's start and is still open there (the outermost such body, and up to MAX_WRAPPER_DEPTH
 * nested in it: a shim inside an outer wrapper). Read from the quick outline of that prefix alone (it reads a
 * prefix as it reads the whole file); recogniseBuild then requires each body to hold nearly all the code. When
 * the prefix cannot be read (a literal cut at its end), the first MAX_WRAPPER_HEAD characters.
 */
function wrapperHeads(code: string, start: number): string[] {
  const end = start + MAX_WRAPPER_HEAD + 1;
  if (end >= code.length) return [code.slice(start)];
  const prefix = quickOutline(code.slice(0, end), true);
  if (!prefix) return [code.slice(start, end - 1)];
  const heads: string[] = [];
  let parent = -1;
  for (let i = 0; i < prefix.bodies.length && heads.length < MAX_WRAPPER_DEPTH; i++) {
    const b = prefix.bodies[i]!;
    if (b.close >= 0 || b.parent !== parent) continue;
    heads.push(code.slice(start, b.open));
    parent = i;
  }
  return heads;
}

/** The vendor whose own build this whole file is, or undefined (then the file is read like any script). */
export function recogniseBuild(code: string, path: string, outline: Outline, index: VendorIndex, pkg = packageOfPath(path)): VendorBuild | undefined {
  const byPath = pkg ? index.vendorOfSpecifier(pkg) : undefined;
  if (byPath) return { vendor: byPath.id, evidence: `file of the npm package ${pkg}`, pkg };
  const builds = buildsOf(index.rules);
  if (!builds.length) return undefined;
  const start = codeStart(code);
  const leading = code.slice(0, start);
  const wrappers = wrapperBodies(code, outline, start, codeEnd(code));
  // The wrapper whose head (all code before its body) holds the signature: the outermost that does.
  const wrapperOf = (re: RegExp) => wrappers.find((w) => re.test(code.slice(start, w.open)));
  let exported: Set<string> | undefined | null = null;
  const last = code.slice(Math.max(0, code.length - LAST));
  const map = sourceMapUrl(last);
  for (const b of builds) {
    if (b.banner && !b.banner.test(leading)) continue;
    if (b.sourceMap && !(map && b.sourceMap.test(map))) continue;
    if (b.tail && !b.tail.test(last)) continue;
    if (b.chunkGlobal) {
      // The file's top-level statements are the compilation's runtime and chunks; anything else is not the vendor's.
      const chunks = code.slice(start, start + CHUNK_HEAD).includes(b.chunkGlobal) ? webpackChunkStatements(code, outline, b.chunkGlobal, start, codeEnd(code)) : undefined;
      if (!chunks) continue;
      return { vendor: b.vendor, evidence: describe(b), ...(chunks.foreign ? { statements: chunks.statements } : {}), ...lib(b) };
    }
    // Anchored at both ends: the file starts with the build's first code and ends with its last statement.
    if (b.anchored) {
      if (!b.head!.test(code.slice(start, start + MAX_WRAPPER_HEAD))) continue;
      return { vendor: b.vendor, evidence: describe(b), ...lib(b) };
    }
    let body: FnBody | undefined;
    if (b.umd && !(body = wrapperOf(b.umd))) continue;
    if (b.head && !(body = b.umd ? (b.head.test(code.slice(start, body!.open)) ? body : undefined) : wrapperOf(b.head))) continue;
    if (b.exports) {
      if (exported === null) exported = exportedNames(code);
      if (!exported || !b.exports.every((n) => exported!.has(n))) continue;
      if (b.literal && !code.includes(b.literal)) continue;
      return { vendor: b.vendor, evidence: describe(b), ...lib(b) };
    }
    // The vendor's own map on the last line: the whole file is its pipeline's output, as with an export list.
    if (b.sourceMap) return { vendor: b.vendor, evidence: describe(b), ...lib(b) };
    // Without an export list the file must be one wrapper: only its factory body is the vendor's.
    body ??= wrappers[0];
    if (!body) continue;
    // Inside the wrapper: an app script around a build of another global cannot lend it the text.
    if (b.literal && !inside(code, b.literal, body)) continue;
    return { vendor: b.vendor, evidence: describe(b), body, ...(b.umdName ? { global: b.umdName } : {}), ...lib(b) };
  }
  return undefined;
}

function inside(code: string, text: string, body: FnBody): boolean {
  const at = code.indexOf(text, body.open);
  return at >= 0 && at + text.length <= body.close;
}

const lib = (b: CompiledBuild) => (b.library ? { library: b.library } : {});

function describe(b: CompiledBuild): string {
  return [b.banner && `banner ${b.banner}`, b.umdName && `umd global ${b.umdName}`, b.head && `wrapper head ${b.head}`, b.exports && `exports ${b.exports.join(', ')}`, b.tail && `tail ${b.tail}`, b.sourceMap && `source map ${b.sourceMap}`, b.chunkGlobal && `webpack chunks on ${b.chunkGlobal}`, b.literal && `literal ${JSON.stringify(b.literal)}`].filter(Boolean).join(' + ');
}

/** The parts of a build read apart from the code around them (a wrapper's factory body, webpack statements), in order. */
export function vendorParts(build: VendorBuild): Blank[] {
  return build.body ? [build.body] : (build.statements ?? []);
}

/**
 * True when the code around a build's vendor parts (a wrapper's factory body, a webpack build's statements) holds no
 * rule keyword (the UMD global the wrapper assigns aside): then it holds no API call, identifier source or sink,
 * and nothing of the file needs parsing. Code appended or prepended by an app that uses the SDK names it, and is
 * parsed.
 */
export function wrapperIsInert(code: string, build: VendorBuild, hasKeyword: (text: string) => boolean, comments: { start: number; end: number }[] = []): boolean {
  const parts = vendorParts(build);
  if (!parts.length) return false;
  // Comments around the parts are no code (a debug build's `/******/` banners, its source-map line naming the package).
  const outside = (from: number, to: number) => {
    let text = '';
    let at = from;
    for (const c of comments) {
      if (c.end <= at || c.start >= to) continue;
      text += code.slice(at, Math.max(at, c.start)) + ' ';
      at = Math.max(at, c.end);
    }
    return text + code.slice(at, to);
  };
  // A part's own text is `code[open + 1, close)` (inside a body's braces, or a whole statement).
  const around: string[] = [];
  let at = 0;
  for (const p of parts) {
    around.push(outside(at, p.open + 1));
    at = p.close;
  }
  around.push(outside(at, code.length));
  let head = around[0]!;
  if (build.global) head = head.split(build.global).join(' ');
  for (const word of SHIM_NAMES) head = head.split(word).join(' ');
  return !hasKeyword(head) && around.slice(1).every((text) => !hasKeyword(text));
}

/** Names a bundler's UMD template gives its shim (webpack's holds `init` as a substring of `Definition`). */
const SHIM_NAMES = ['webpackUniversalModuleDefinition'];
