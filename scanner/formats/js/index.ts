// The JS reader: plain scripts and modules, minified webpack/esbuild/Rollup/Vite bundles and Metro (React Native)
// bundles. Yields strings (literals, property names, comments), npm libraries, and call sites of the vendor APIs
// declared in the rules with resolved arguments; positions are traced through a source map when one is present.
import { createHash } from 'node:crypto';
import { textReader } from '../text/index.js';
import { analyzeFlowsWithCandidates, type FlowModules } from './flow/index.js';
import type * as t from '@babel/types';
import { emptyFacts, type ApiCallFact, type Facts, type Position, type StringFact } from '../../core/facts.js';
import type { FormatReader, ReaderContext } from '../reader.js';
import { budgetOf } from '../../core/budget.js';
import type { RulePack } from '../../rules/pack.js';
import { DEFAULT_MAP_LIMITS, loadSourceMap, type LoadedSourceMap } from '../sourcemap/index.js';
import { dialectOf } from './babel.js';
import { pathOf, resolveScopes, type NodePath } from './scope.js';
import type { Span } from './strings.js';
import { outlineScript, type Outline } from './outline.js';
import { keywordAutomaton } from '../../rules/keywords.js';
import { Ranges, statementBlank } from './elide.js';
import { libraryStatementUnits } from './hoisted.js';
import { packageOfPath, type ModuleUnit } from './modules.js';
import { VendorIndex } from './vendors.js';
import { libraryPackageOfArtifact } from '../../core/paths.js';
import { mayBeBuild, recogniseBuild, vendorParts, wrapperIsInert, type VendorBuild } from './builds.js';
import { quickOutline } from './quick-outline.js';
import { MAX_PARSE_UNITS } from './parse-budget.js';
import { explainElision, prepare } from './prepare.js';
import { LibraryCollector, packageOfSpecifier } from './libraries.js';
import { ModuleLinker, RECEIVER_EXPORTS, type ExportValues } from './linked.js';
import { Provenance, VUE_ENTRY, type ImportedProvenance } from './provenance.js';
import { VUEX_STORES } from './vuex.js';
import { JsModelBuilder, callsLocalFunction } from './model.js';
import type { Receiver } from '../../model/types.js';
import { modelApiUses } from '../../checks/model-calls.js';
import { ValueResolver } from './values.js';
import { isHermes, sniffJs } from './sniff.js';
import { isVueSfc, vueMarkupView, vueScriptView } from './vue-sfc.js';

export interface JsReaderOptions {
  /** Files larger than this are not parsed (a notice says so). */
  maxParseBytes?: number;
  /** Source maps larger than this are not read. */
  maxMapBytes?: number;
  /** Most API call facts kept per file. */
  maxApiCalls?: number;
  /** Scripts at least this long have their library function bodies read from tokens instead of parsed. */
  elideMinBytes?: number;
  /** Parse budget (parse-budget.ts); past it the file gets the literal scan. Infinity only for reference runs. */
  maxParseUnits?: number;
}

const DEFAULT_OPTIONS: Required<JsReaderOptions> = {
  // The outline and the parse of what is left hold ~10 bytes per byte of source (a 47 MiB minified script took
  // 680 MB before anything was parsed): 24 MiB keeps the whole scan under 512 MB.
  maxParseBytes: 24 * 1024 * 1024,
  maxMapBytes: DEFAULT_MAP_LIMITS.maxMapBytes,
  maxApiCalls: 5000,
  elideMinBytes: 64 * 1024,
  maxParseUnits: MAX_PARSE_UNITS,
};

const indexCache = new WeakMap<RulePack, VendorIndex>();
function vendorIndex(rules: RulePack): VendorIndex {
  let idx = indexCache.get(rules);
  if (!idx) indexCache.set(rules, (idx = new VendorIndex(rules)));
  return idx;
}

export function createJsReader(options: JsReaderOptions = {}): FormatReader {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  return {
    id: 'js',
    sniff: sniffJs,
    read: (data, path, ctx) => readJs(data, path, ctx, opts),
  };
}

export const jsReader: FormatReader = createJsReader();

async function readJs(data: Buffer, path: string, ctx: ReaderContext, opts: Required<JsReaderOptions>): Promise<Facts> {
  const facts = emptyFacts(path, 'js', true);
  const notice = (level: 'error' | 'warning' | 'note', id: string, message: string) =>
    facts.notices.push({ level, id, message, artifact: path });
  try {
    if (isHermes(data)) {
      notice('note', 'js/hermes', 'Hermes bytecode, not JavaScript source; left to the Hermes reader');
      return facts;
    }
    // Too large to parse, not too large to read: its literals still get the text scan (URLs, keys, hosts).
    const literalsOnly = async (why: string, before: Facts['notices'] = []) => {
      const literal = await textReader.read(data, path, ctx);
      literal.format = 'js';
      literal.notices.unshift(...before);
      literal.notices.push({ level: 'warning', id: 'js/too-large', artifact: path, message: `${why}; scanned for literals only (no calls, flows or source map)` });
      return literal;
    };
    if (data.length > opts.maxParseBytes) return await literalsOnly(`${data.length} bytes exceeds the ${opts.maxParseBytes}-byte parse limit`);
    let code = data.toString('utf8').replace(/^\uFEFF/, '');
    // A Vue component: its script blocks are analysed as the script, its markup gets the text scan (vue-sfc.ts).
    const markup = isVueSfc(path) ? vueMarkupView(code) : undefined;
    if (markup !== undefined) {
      const script = vueScriptView(code);
      if (script === undefined) {
        const text = await textReader.read(data, path, ctx);
        text.format = 'js';
        return text;
      }
      code = script;
    }
    const map = await loadSourceMap(code, path, ctx, facts.notices, { maxMapBytes: opts.maxMapBytes });
    if (map) facts.meta.sourceMap = map.origin;
    const linker = await linkModelImports(code, path, ctx, opts);
    const overBudget = analyse(code, path, ctx, opts, facts, map, linker);
    if (markup !== undefined && overBudget === undefined) {
      const text = await textReader.read(Buffer.from(markup, 'utf8'), path, ctx);
      facts.strings.push(...text.strings);
    }
    if (overBudget !== undefined) {
      return await literalsOnly(
        `the code left to parse after library code is set aside is over the parse budget of ${opts.maxParseUnits} units (tokens; a string literal counts 3), which bounds memory`,
        facts.notices,
      );
    }
  } catch (e) {
    notice('error', 'js/internal', `JS analysis stopped: ${(e as Error).message.slice(0, 300)}`);
  }
  return facts;
}

function analyse(
  code: string,
  path: string,
  ctx: ReaderContext,
  opts: Required<JsReaderOptions>,
  facts: Facts,
  map: LoadedSourceMap | undefined,
  linker?: ModuleLinker<Receiver>,
): number | undefined {
  const notice = (level: 'error' | 'warning' | 'note', id: string, message: string) =>
    facts.notices.push({ level, id, message, artifact: path });
  const index = vendorIndex(ctx.rules);
  // A file that may be a vendor's build (its path, banner, wrapper head or export list say so) gets the quick
  // outline first; recognised, it needs nothing more. A file of a vendor package is outlined whatever its size.
  // Type-annotated sources (TypeScript, TSX, JSX) are app code of app size: parsed whole, never outlined (the
  // tokenizer does not know their syntax).
  const plainJs = dialectOf(path) === 'js';
  // A file of a vendor package copied out of node_modules is that package's, as it would be inside (ctx.package).
  const pathPackage = packageOfPath(path) ?? ctx.package;
  const quick = plainJs && mayBeBuild(code, path, index, pathPackage) ? quickOutline(code) : undefined;
  const build = quick ? recogniseBuild(code, path, quick, index, pathPackage) : undefined;
  const outline = build ? quick : plainJs && code.length >= opts.elideMinBytes ? outlineScript(code) : undefined;
  if (build) {
    // A common library's own build (TensorFlow.js shipped inside an RTC package) is no vendor's SDK.
    if (build.library) facts.meta.libraryBuild = build.library;
    else facts.meta.vendorBuild = build.vendor;
    facts.meta.vendorBuildEvidence = build.evidence;
    const keywords = keywordAutomaton(ctx.rules);
    const parts = vendorParts(build);
    const inParts = new Ranges(parts);
    const comments = parts.length ? outline!.strings.filter((s) => s.kind === 'comment' && !inParts.covers(s.start)) : [];
    if (!parts.length || wrapperIsInert(code, build, (text) => keywords.testString(text, 0, text.length), comments)) {
      readVendorBuild(code, outline!, build, index, ctx, facts, map);
      return undefined;
    }
  }
  const vendorBlanks = build ? vendorParts(build) : [];
  const inVendor = new Ranges(vendorBlanks);
  const prepared = prepare(code, path, outline, index, map, opts.maxParseUnits, vendorBlanks, libraryPackageOfArtifact(path) ?? ctx.package);
  if ('tooLarge' in prepared) return prepared.tooLarge;
  if ('fatal' in prepared) {
    notice('warning', 'js/parse-failed', `not parseable as JavaScript: ${prepared.fatal.slice(0, 200)}`);
    return undefined;
  }
  if (prepared.errors.length) {
    notice('note', 'js/parse-recovered', `parsed with ${prepared.errors.length} recovered error(s), first: ${prepared.errors[0]!.slice(0, 200)}`);
  }
  const { ast, raw, units, markers, regions, blanked } = prepared;
  if (blanked.size) {
    const fns = blanked.size - blanked.statements - blanked.classes - blanked.inits;
    const what =
      `${fns} function bodies` +
      (blanked.classes ? `, ${blanked.classes} class bodies` : '') +
      (blanked.inits ? `, ${blanked.inits} declarators' initializers` : '') +
      (blanked.statements ? ` and ${blanked.statements} top-level statements` : '');
    facts.meta.elided = `${blanked.chars} characters of library code and keyword-free app code in ${what} read from tokens, not parsed`;
  }
  facts.meta.bundler = bundlerOf(units, code);
  facts.meta.modules = String(units.filter((u) => u.kind !== 'statement').length);

  // Spans are Babel's (0-based columns); facts count columns from 1.
  const withPos = <T extends object>(obj: T, span: Span): T & Position => {
    const p = obj as T & Position;
    p.line = span.line;
    p.column = span.column + 1;
    p.endLine = span.endLine;
    p.endColumn = span.endColumn + 1;
    const original = map?.trace(p.line, p.column);
    if (original) p.original = original;
    return p;
  };

  // Strings, in source order, up to the context's limit.
  const limit = Math.max(0, ctx.maxStrings);
  const budget = budgetOf(ctx);
  const wholeFileLibrary = libraryPackageOfArtifact(path) ?? ctx.package;
  for (const s of raw) {
    if (facts.strings.length >= limit) {
      notice('warning', 'js/max-strings', `kept the first ${limit} of ${raw.length} strings`);
      break;
    }
    if (!budget.take(s.value.length)) break;
    const fact = withPos<StringFact>({ value: s.value, kind: s.kind }, s);
    // Whose code the string sits in (a vendor's wrapper body, an SDK module of the bundle): checks group the
    // SDK's own hosts instead of reporting each as if the app had written it.
    const inBuild = build && !build.library && inVendor.covers(s.start);
    const origin = inBuild ? undefined : regions.originAt(s.start, s.line, s.column + 1);
    const owner = inBuild ? build!.vendor : origin!.vendor;
    if (owner) fact.vendorCode = owner;
    // A non-RTC dependency's code recognised inside the bundle (not a whole node_modules file: the artifact says so).
    else if (origin && !wholeFileLibrary) {
      // A source map names the file; else the library's own part of the unit (a merged statement holds app code too),
      // or a literal only the library writes, of a library the artifact carries.
      const pkg = map?.trace(s.line, s.column + 1)
        ? origin.library
          ? origin.pkg
          : undefined
        : (regions.libraryPackageAt(s.start) ?? (s.kind === 'literal' ? regions.libraryOfLiteral(s.value) : undefined));
      if (pkg) fact.libraryCode = pkg;
    }
    if (s.binding) fact.binding = s.binding;
    if (s.bindingPath) fact.bindingPath = s.bindingPath;
    if (s.module) fact.module = true;
    facts.strings.push(fact);
  }

  // Libraries that do not need scopes.
  const libs = new LibraryCollector();
  libs.fromComments(raw);
  libs.fromPaths(
    units.filter((u) => u.path && u.kind !== 'statement').map((u) => ({ path: u.path! })),
    'module name',
  );
  if (map) {
    const seen = new Set<string>();
    for (const s of map.sources) {
      const pkg = packageOfPath(s);
      if (pkg && !seen.has(pkg)) {
        seen.add(pkg);
        libs.add(pkg, { snippet: `source map source: ${s.slice(0, 150)}` });
      }
    }
  }

  // Scope-aware pass (scope.ts): specifiers, inlined package.json, the code model's call sites.
  const resolver = new ValueResolver(code);
  const builder = new JsModelBuilder(
    new Provenance(regions, (n) => resolver.text(n), units, linker?.view()),
    resolver,
    (name) => index.apiMethods.has(name),
    (node, { context }) => {
      const { start, end } = node.loc!;
      const pos = withPos({} as ModelCallPos, { line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
      pos.snippet = snippetOf(code, node);
      if (context) pos.context = context;
      return pos;
    },
    opts.maxApiCalls * 4,
  );
  const factories = new Set<t.Node>(units.flatMap((u) => (u.factory ? [u.factory] : [])));
  const visitCall = (node: t.CallExpression | t.NewExpression | t.OptionalCallExpression) => {
    let p: NodePath<t.CallExpression | t.NewExpression> | undefined;
    const path = () => (p ??= pathOf(node as t.CallExpression));
    if (node.type === 'CallExpression') {
      const a0 = node.arguments[0];
      if (node.callee.type === 'Import' && a0?.type === 'StringLiteral') libs.add(packageOfSpecifier(a0.value), locOf(node, 'import()'));
      if (a0?.type === 'StringLiteral' && node.arguments.length === 1 && isRequireLike(node.callee, path(), factories)) {
        libs.add(packageOfSpecifier(a0.value), locOf(node, `require(${JSON.stringify(a0.value)})`));
      }
    }
    if (!mayBeApiCall(node.callee, index.apiMethods)) return;
    if (node.callee.type === 'Identifier' && node.type === 'CallExpression' && callsLocalFunction(node.callee, path())) return;
    if (!node.loc || node.start == null) return;
    if (!regions.originAt(node.start, node.loc.start.line, node.loc.start.column + 1).library) builder.call(path());
  };
  // Library statements of a hoisted bundle that stayed parsed (kept for a name the app uses, or too short to
  // blank) hold no app call: the pass does not collect their nodes, and their libraries come from the outline like
  // blanked code's.
  const skippedUnits = outline && !map ? libraryStatementUnits(units, regions) : [];
  const skipped = { nodes: new Set<t.Node>(skippedUnits.map((u) => u.node!)), ranges: new Ranges(skippedUnits.map((u) => statementBlank(u.start, u.end))) };
  try {
    for (const node of resolveScopes(ast, skipped.nodes).visited) {
      switch (node.type) {
        case 'ImportDeclaration':
          libs.add(packageOfSpecifier(node.source.value), locOf(node, `import ${JSON.stringify(node.source.value)}`));
          break;
        case 'ExportNamedDeclaration':
        case 'ExportAllDeclaration': {
          const src = node.source?.value;
          if (src) libs.add(packageOfSpecifier(src), locOf(node, `export from ${JSON.stringify(src)}`));
          break;
        }
        case 'ImportExpression':
          if (node.source.type === 'StringLiteral') libs.add(packageOfSpecifier(node.source.value), locOf(node, 'import()'));
          break;
        case 'CallExpression':
        case 'NewExpression':
        // `engineRef.current?.joinChannel(…)`
        case 'OptionalCallExpression':
          visitCall(node);
          break;
        // `<LiveKitRoom serverUrl={url} token={token} connect>`: a vendor's React component as a session start.
        case 'JSXOpeningElement':
          if (node.start == null || !node.loc) break;
          if (!regions.originAt(node.start, node.loc.start.line, node.loc.start.column + 1).library) builder.jsx(pathOf(node));
          break;
        case 'ObjectExpression': {
          const pkg = inlinedPackageJson(node);
          if (pkg) libs.add(pkg.name, locOf(node, 'inlined package.json'), pkg.version);
          break;
        }
      }
    }
  } catch (e) {
    notice('warning', 'js/analysis-failed', `scope analysis failed, API calls not extracted: ${(e as Error).message.slice(0, 200)}`);
  }

  if (outline && blanked.size) libsFromOutline(libs, outline, blanked);
  if (outline && skipped.nodes.size) libsFromOutline(libs, outline, skipped.ranges);
  libs.fromMarkers(markers, index);
  if (build) buildEvidence(libs, build, index);
  const present = new Set<string>(regions.bundled);
  for (const l of libs.list()) {
    const v = index.vendorOfSpecifier(l.name);
    if (v) present.add(v.id);
  }
  libs.versionsFromRules(code, index, present);
  facts.libraries = libs.list().map((l) => {
    if (l.line !== undefined && l.column !== undefined) {
      const original = map?.trace(l.line, l.column);
      if (original) l.original = original;
    }
    return l;
  });

  if (builder.dropped) notice('warning', 'js/max-api-calls', `kept the first ${builder.calls.length} call sites in the code model; ${builder.dropped} more not modelled`);
  facts.code = builder.model(regions.bundled);
  // Identifier dataflow: which user/room identifiers reach which network sinks; every step traced through the map.
  // The vendor API call sites it starts from are the checks' matches of the code model.
  const apiCalls = apiCallsOfModel(facts, ctx.rules);
  const modules = linker ? flowModules(linker, index, opts) : undefined;
  const metro = units.filter((u) => u.kind === 'metro');
  const found = analyzeFlowsWithCandidates(ast, code, { rules: ctx.rules, apiCalls, notices: facts.notices, artifact: path, modules, ...(metro.length ? { metro } : {}) });
  facts.flows = found.flows;
  for (const u of found.composedUrls) {
    if (facts.strings.length >= limit) break;
    const { start, end } = u.loc;
    facts.strings.push(withPos<StringFact>({ value: u.value, kind: 'literal', composed: true }, { line: start.line, column: start.column, endLine: end.line, endColumn: end.column }));
  }
  if (found.candidates.length) facts.flowCandidates = found.candidates;
  for (const flow of [...facts.flows, ...found.candidates]) {
    for (const step of flow.steps) {
      // The map is this file's: steps in imported modules are at their own positions already.
      const original = step.file === undefined && step.line !== undefined && step.column !== undefined ? map?.trace(step.line, step.column) : undefined;
      if (original) step.original = original;
    }
  }
  return undefined;
}

/**
 * A file that is wholly a vendor's build (builds.ts) is read from its outline alone: strings, libraries (comments,
 * `require`/`import` specifiers, inlined package.json, markers, the package it is) and the SDK version. No AST: its
 * calls and flows are the SDK's own, never the app's.
 */
function readVendorBuild(code: string, outline: Outline, build: VendorBuild, index: VendorIndex, ctx: ReaderContext, facts: Facts, map: LoadedSourceMap | undefined): void {
  const limit = Math.max(0, ctx.maxStrings);
  // Literals no check reads (`ctx.readsBuildLiteral`, where the engine drops them after the read: nearly 4 in
  // 5 of a build's) are not made into facts — nor traced through a source map — but still count against the limit.
  // (A common library's build — TensorFlow.js — is no vendor's: its literals are not dropped, and all are made.)
  const reads = build.library ? undefined : ctx.readsBuildLiteral;
  let skipped = 0;
  for (const s of outline.strings) {
    if (facts.strings.length + skipped >= limit) {
      facts.notices.push({ level: 'warning', id: 'js/max-strings', artifact: facts.artifact, message: `kept the first ${limit} of ${outline.strings.length} strings` });
      break;
    }
    if (reads && s.kind === 'literal' && !reads(s.value)) {
      skipped++;
      continue;
    }
    const fact: StringFact = { value: s.value, kind: s.kind, line: s.line, column: s.column + 1, endLine: s.endLine, endColumn: s.endColumn + 1 };
    const original = map?.trace(fact.line!, fact.column!);
    if (original) fact.original = original;
    facts.strings.push(fact);
  }
  const libs = new LibraryCollector();
  if (build.pkg) libs.add(build.pkg, { line: 1, column: 1, snippet: `file of the npm package ${build.pkg}` });
  libs.fromComments(outline.strings);
  libsFromOutline(libs, outline, new Ranges([statementBlank(0, code.length + 1)]));
  for (const m of code.matchAll(IMPORT_FROM)) {
    // Prose in a comment (`taken from 'ar' written by…`) or a literal names no package.
    if (insideText(outline.strings, m.index!)) continue;
    const at = lineColumnAt(code, m.index!);
    libs.add(packageOfSpecifier(m[1]!), { ...at, snippet: `import ${JSON.stringify(m[1])}` });
  }
  const markers = index.markerHits(outline.strings);
  libs.fromMarkers(markers, index);
  buildEvidence(libs, build, index);
  if (build.library) libs.add(build.library, { line: 1, column: 1, snippet: `library build: ${build.evidence}` });
  libs.versionsFromRules(code, index, build.library ? [] : [build.vendor]);
  facts.libraries = libs.list();
  facts.meta.bundler = 'none';
  facts.meta.modules = '0';
  facts.meta.elided = `${code.length} characters: the whole file is ${build.library ? `the library ${build.library}'s` : `the ${build.vendor} SDK's`} own build (${build.evidence}), read from tokens, not parsed`;
}

/**
 * A recognised build is evidence of its vendor's SDK even when no marker of the vendor's occurs in it (a plugin, an
 * extension, a worklet): its package is named, with the signature that recognised it, unless already present.
 * Also when the code around a wrapper's factory is still parsed.
 */
function buildEvidence(libs: LibraryCollector, build: VendorBuild, index: VendorIndex): void {
  if (build.library) return;
  const pkgs = index.rules.vendorById.get(build.vendor)?.sdk.js?.packages ?? [];
  if (pkgs.length && !pkgs.some((p) => libs.has(p))) libs.add(pkgs[0]!, { line: 1, column: 1, snippet: `vendor build: ${build.evidence}` });
}

/** Whether `offset` lies inside one of the outline's literals or comments (in source order). */
function insideText(strings: readonly { start: number; end: number }[], offset: number): boolean {
  let lo = 0;
  let hi = strings.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = strings[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Static `import … from "x"`, `export … from "x"`, `import "x"` (ESM builds; tokens, so no AST is needed). */
const IMPORT_FROM = /\b(?:from|import)\s*["']([^"'\n]{1,214})["']/g;

function lineColumnAt(code: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = code.indexOf('\n'); i >= 0 && i < offset; i = code.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

/** Loader functions called by name (not bound in the file): CommonJS, esbuild's shim, webpack's runtime. */
const REQUIRE_NAMES = new Set(['require', '__require', '__webpack_require__']);

/** `require("x")` calls and inlined package.json objects inside blanked library bodies. */
function libsFromOutline(libs: LibraryCollector, outline: Outline, blanked: Ranges): void {
  for (const c of outline.calls) {
    if (c.arg?.kind !== 'string' || !REQUIRE_NAMES.has(c.callee) || !blanked.covers(c.start)) continue;
    libs.add(packageOfSpecifier(c.arg.value), { line: c.line, column: c.column + 1, snippet: `${c.callee}(${JSON.stringify(c.arg.value)})` });
  }
  for (const p of outline.packages) {
    if (!blanked.covers(p.start) || packageOfSpecifier(p.name) !== p.name) continue;
    libs.add(p.name, { line: p.line, column: p.column + 1, snippet: 'inlined package.json' }, p.version);
  }
}

function locOf(node: t.Node, snippet: string): { line?: number; column?: number; snippet: string } {
  return { line: node.loc?.start.line, column: node.loc ? node.loc.start.column + 1 : undefined, snippet };
}

/** `require('x')`, esbuild's `__require('x')`, or the loader parameter of a Metro/webpack module factory. */
function isRequireLike(callee: t.Node, p: NodePath, factories: Set<t.Node>): boolean {
  if (callee.type !== 'Identifier') return false;
  const binding = p.scope.getBinding(callee.name);
  if (!binding) return REQUIRE_NAMES.has(callee.name);
  if (binding.kind !== 'param') return false;
  const fn = binding.path.parentPath?.node;
  return !!fn && factories.has(fn);
}

function mayBeApiCall(callee: t.Node, methods: ReadonlySet<string>): boolean {
  if (callee.type === 'SequenceExpression' && callee.expressions.length === 2) return mayBeApiCall(callee.expressions[1]!, methods);
  if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
    const name = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : callee.property.type === 'StringLiteral' ? callee.property.value : undefined;
    return name !== undefined && methods.has(name);
  }
  return callee.type === 'Identifier';
}

/** `{name: "x", version: "1.2.3", …}`: a package.json a bundler inlined. */
function inlinedPackageJson(node: t.ObjectExpression): { name: string; version: string } | undefined {
  if (node.properties.length < 2 || node.properties.length > 200) return undefined;
  let name: string | undefined;
  let version: string | undefined;
  for (const p of node.properties) {
    if (p.type !== 'ObjectProperty' || p.computed || p.value.type !== 'StringLiteral') continue;
    const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : '';
    if (key === 'name') name = p.value.value;
    else if (key === 'version') version = p.value.value;
  }
  if (!name || !version || !/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/.test(version)) return undefined;
  return packageOfSpecifier(name) === name ? { name, version } : undefined;
}

function snippetOf(code: string, node: t.Node): string {
  const start = node.start ?? 0;
  const end = Math.min(node.end ?? start, start + 160);
  const s = code.slice(start, end).replace(/\s+/g, ' ');
  return (node.end ?? 0) > end ? `${s}…` : s;
}

function bundlerOf(units: ModuleUnit[], code: string): string {
  if (units.some((u) => u.kind === 'metro')) return 'metro';
  if (units.some((u) => u.kind === 'webpack')) return 'webpack';
  if (units.some((u) => u.kind === 'cjs-wrapper')) return 'esbuild-or-rollup';
  if (/\/\/ (?:node_modules|src)\/\S+\.[cm]?[jt]sx?\n/.test(code.slice(0, 1 << 20))) return 'esbuild';
  return 'none';
}

type ModelCallPos = Position & { snippet?: string; context?: string };

/** The vendor API call sites of the code model as the flow analysis takes them (vendor, API, kind, position). */
function apiCallsOfModel(facts: Facts, rules: RulePack): ApiCallFact[] {
  if (!facts.code?.calls.length) return [];
  return modelApiUses(facts, rules, (call) => ({ artifact: facts.artifact, line: call.line, column: call.column })).map((u) => ({
    vendor: u.vendor.id,
    api: u.apiId,
    kind: u.kind,
    callee: u.callee,
    inVendorCode: false,
    line: u.location.line,
    column: u.location.column,
  }));
}

/**
 * The app modules this file imports by relative path, read beside it, for receivers that cross modules: their
 * export tables of receiver provenance (provenance.ts). Not for dependencies' own files (library code) nor for
 * files too large to be app modules.
 */
async function linkModelImports(code: string, path: string, ctx: ReaderContext, opts: Required<JsReaderOptions>): Promise<ModuleLinker<Receiver> | undefined> {
  if (libraryPackageOfArtifact(path) || ctx.package || code.length > opts.elideMinBytes * 4) return undefined;
  const index = vendorIndex(ctx.rules);
  const build = (text: string, vpath: string, imports: ImportedProvenance): Map<string, Receiver> | undefined => {
    const prepared = preparedModule(text, vpath, index, opts);
    if (!prepared) return undefined;
    const resolver = new ValueResolver(text);
    const provenance = new Provenance(prepared.regions, (n) => resolver.text(n), prepared.units, imports);
    return provenance.exportTable(resolveScopes(prepared.ast).program);
  };
  // A Vue single-file component reaches what the app's entry sets on every component as `this.<name>`.
  // (and the Vuex store whose state it maps: vuex.ts).
  const vue = /\.vue$/i.test(path) && /\bthis\s*\.\s*[A-Za-z_$]/.test(code);
  const implied = vue ? [VUE_ENTRY, ...(code.includes('mapState') ? VUEX_STORES : [])] : [];
  try {
    return await ModuleLinker.load(code, path, ctx.readSibling?.bind(ctx), build, ctx.rules, RECEIVER_EXPORTS as ExportValues<Receiver>, implied);
  } catch {
    return undefined;
  }
}

type PreparedModule = Extract<ReturnType<typeof prepare>, { ast: unknown }>;

/**
 * Parsed app modules by path and content, shared by the files of a scan that import them and by both readers of
 * linked modules (receiver export tables, the dataflow), which never change an AST: a helpers module imported by
 * every screen is parsed once. Bounded by total source size.
 */
const moduleAsts = new Map<string, { prepared: PreparedModule | null; bytes: number }>();
let moduleAstBytes = 0;
const MODULE_AST_CACHE_BYTES = 16 * 1024 * 1024;

function preparedModule(code: string, path: string, index: VendorIndex, opts: Required<JsReaderOptions>): PreparedModule | undefined {
  const key = `${path}\0${createHash('sha1').update(code).digest('hex')}`;
  const hit = moduleAsts.get(key);
  if (hit) return hit.prepared ?? undefined;
  let ast: PreparedModule | null = null;
  try {
    const prepared = prepare(code, path, undefined, index, undefined, opts.maxParseUnits);
    if ('ast' in prepared) ast = prepared;
  } catch {
    ast = null;
  }
  while (moduleAstBytes + code.length > MODULE_AST_CACHE_BYTES && moduleAsts.size) {
    const [k, v] = moduleAsts.entries().next().value!;
    moduleAsts.delete(k);
    moduleAstBytes -= v.bytes;
  }
  if (code.length <= MODULE_AST_CACHE_BYTES) {
    moduleAsts.set(key, { prepared: ast, bytes: code.length });
    moduleAstBytes += code.length;
  }
  return ast ?? undefined;
}

/** The imported app modules as the dataflow analysis reads them (relative imports of the file and of those modules). */
function flowModules(linker: ModuleLinker<Receiver>, index: VendorIndex, opts: Required<JsReaderOptions>): FlowModules {
  return {
    load(fromKey, spec) {
      const mod = linker.moduleOf(fromKey, spec);
      if (!mod) return undefined;
      const prepared = preparedModule(mod.code, mod.path, index, opts);
      return prepared ? { key: mod.rel, path: mod.path, code: mod.code, ast: prepared.ast } : undefined;
    },
  };
}

/** What of a script stays parsed after elision and why (prepare.ts explainElision), for bench/app-bundles.mjs. */
export function explainScript(data: Buffer, path: string, rules: RulePack): ReturnType<typeof explainElision> | undefined {
  const code = data.toString('utf8').replace(/^\uFEFF/, '');
  const outline = dialectOf(path) === 'js' && code.length >= DEFAULT_OPTIONS.elideMinBytes ? outlineScript(code) : undefined;
  const prepared = prepare(code, path, outline, vendorIndex(rules), undefined, DEFAULT_OPTIONS.maxParseUnits);
  return 'ast' in prepared ? explainElision(code, outline, prepared, vendorIndex(rules)) : undefined;
}
