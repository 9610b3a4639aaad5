// Parsing with elision (elide.ts): what of a script is parsed, what is read from the outline. A skeleton (every large
// top-level body blanked, wrapping IIFEs opened) is parsed and classified into module units and vendor regions; then
// only the code the checks need stays parsed (see prepare()).
import type * as t from '@babel/types';
import type { LoadedSourceMap } from '../sourcemap/index.js';
import { parseJs } from './babel.js';
import { collectStrings, type RawString } from './strings.js';
import type { FnBody, Outline } from './outline.js';
import { keywordAutomaton } from '../../rules/keywords.js';
import { LineStarts, parseBlanked } from './collapse.js';
import { Ranges, skeletonBlanks, blankBodies, bodiesIntact, callsWithin, cleartextLiteralOffsets, frontierOf, libraryBlanks, mergeStrings, type Blank } from './elide.js';
import { blankableStatements } from './hoisted.js';
import { findModuleUnits, type ModuleUnit } from './modules.js';
import { VendorRegions, type MarkerHit, type VendorIndex } from './vendors.js';
import { libraryPackageOfArtifact } from '../../core/paths.js';

/** Files up to this size keep integers bound to a name as strings (engine/prefilter.ts reads the same): below the
 * size from which a script is elided (index.ts elideMinBytes), so an elided and a full reading give the same strings. */
const MAX_NUMBER_SCAN_BYTES = 64 * 1024;

/**
 * The unit finder walks every unit's AST for wrapper calls when less than 1/MOSTLY_BLANKED of the text is left to parse;
 * with more left it first scans the text for the wrappers' names and walks only units that hold one (modules.ts
 * linkRequires). At "half the text blanked" a Vite build with 500 KB left to parse walked it all: 4% of its read in a
 * CPU profile of g-meet-clone's build, 1.6% with the scan.
 */
const MOSTLY_BLANKED = 8;

/** IIFE bodies the unit finder looks into are opened from this size on (a module table needs room). */
const MIN_OPENED_BODY = 16 * 1024;
/** Skeleton parses spent opening nested IIFEs before the remaining ones are parsed whole. */
const MAX_SKELETON_ROUNDS = 6;


export interface Prepared {
  ast: t.File;
  errors: string[];
  raw: RawString[];
  units: ModuleUnit[];
  markers: MarkerHit[];
  regions: VendorRegions;
  blanked: Ranges;
}

/**
 * Parses the code and classifies it. With an outline, library function bodies are blanked first (elide.ts): a
 * skeleton (every large top-level body blanked, wrapping IIFEs opened) is parsed and classified, then only the
 * bodies found to be library code stay blank. Any doubt (unbalanced tokens, a body Babel reads differently, a
 * skeleton that does not parse cleanly) falls back to parsing everything.
 */
export function prepare(
  code: string,
  path: string,
  outline: Outline | undefined,
  index: VendorIndex,
  map: LoadedSourceMap | undefined,
  maxUnits: number,
  /** A vendor build's parts read apart (builds.ts vendorParts): blanked, the code around them parsed. */
  vendorBlanks: Blank[] = [],
  /** The package the file is library code of (its node_modules path, or the engine's package scope). */
  filePackage = libraryPackageOfArtifact(path),
): Prepared | { fatal: string } | { tooLarge: number } {
  // Markers and domains are found in literals and comments, which the outline holds for the whole text exactly as
  // the AST would: with an outline they are searched once, whatever ends up parsed.
  const evidence = outline
    ? { markers: index.markerHits(outline.strings), domains: index.domainHits(outline.strings), libraries: [...index.libraryHits(outline.strings), ...index.memberHits(code)] }
    : undefined;
  const elidedIn = (blanked: Ranges) =>
    outline && blanked.size
      ? { has: (o: number) => blanked.has(o), calls: (o: number, c: number) => callsWithin(outline, o, c), statementEnd: (s: number) => blanked.statementEnd(s), mostly: (code.length - blanked.chars) * MOSTLY_BLANKED < code.length }
      : undefined;
  const build = (ast: t.File, errors: string[], blanked: Ranges, found?: ModuleUnit[]): Prepared => {
    const units = found ?? findModuleUnits(ast, { elided: elidedIn(blanked), code });
    // Bound numbers (numeric App IDs) in source-sized files only, as the prefilter reads them: a bundle's numbers are
    // library constants, and its elided and fully parsed readings must give the same strings.
    const numbers = code.length < MAX_NUMBER_SCAN_BYTES;
    const raw = outline ? mergeStrings(collectStrings(ast, { numbers }), outline, blanked) : collectStrings(ast, { numbers });
    const markers = evidence?.markers ?? index.markerHits(raw);
    const regions = new VendorRegions(index, units, markers, evidence?.domains ?? index.domainHits(raw), map, evidence?.libraries ?? [...index.libraryHits(raw), ...index.memberHits(code)], filePackage);
    return { ast, errors, raw, units, markers, regions, blanked };
  };
  const full = (): Prepared | { fatal: string } | { tooLarge: number } => {
    const p = parseJs(code, path, maxUnits);
    if (p.tooLarge !== undefined) return { tooLarge: p.tooLarge };
    return p.ast ? build(p.ast, p.errors, new Ranges([])) : { fatal: p.fatal ?? 'unknown error' };
  };
  if (!outline || outline.unbalanced) return full();
  // Line starts of the text, for the positions of ASTs parsed with their blanks cut out (collapse.ts).
  let lineStarts: LineStarts | undefined;
  const lines = () => (lineStarts ??= new LineStarts(code));
  // A vendor's build (builds.ts): its factory body or webpack statements are the SDK, the code around is parsed.
  if (vendorBlanks.length) {
    const p = parseBlanked(code, vendorBlanks, maxUnits, lines);
    return p.ast && bodiesIntact(p.ast, vendorBlanks) ? build(p.ast, p.errors, new Ranges(vendorBlanks)) : full();
  }
  let frontier = frontierOf(outline, -1);
  let skeleton: { ast: t.File; bodies: FnBody[]; frontier: number[]; units: ModuleUnit[]; extra: number } | undefined;
  for (let round = 0; frontier.length && !skeleton; round++) {
    const bodies = frontier.map((i) => outline.bodies[i]!);
    // Inert class bodies and data literals outside the blanked bodies are read as empty too (a scope-hoisted SDK's
    // class shells and protobuf tables): the skeleton only decides units and which statements are library code.
    const { blanks, elided, extra } = skeletonBlanks(code, outline, bodies);
    const p = parseBlanked(code, blanks, maxUnits, lines);
    if (!p.ast || p.errors.length || !bodiesIntact(p.ast, blanks)) return full();
    // Bodies the unit finder looks into (wrapping IIFEs, statement-level IIFEs) must be parsed: open them and
    // blank their children instead; after a few rounds such bodies are simply parsed whole.
    // Small ones (an enum's `(function (e) {…})(E || (E = {}))`) are classified with their statement instead.
    const entered = new Set<number>();
    const units = findModuleUnits(p.ast, {
      code,
      elided: elidedIn(new Ranges(elided)),
      entered: (b) => b.start != null && b.end != null && b.end - b.start >= MIN_OPENED_BODY && entered.add(b.start),
    });
    if (!bodies.some((b) => entered.has(b.open))) skeleton = { ast: p.ast, bodies, frontier, units, extra };
    else if (round < MAX_SKELETON_ROUNDS) frontier = frontier.flatMap((i) => (entered.has(outline.bodies[i]!.open) ? frontierOf(outline, i) : [i]));
    else frontier = frontier.filter((i) => !entered.has(outline.bodies[i]!.open));
  }
  if (!skeleton) return full();
  // The skeleton's classification decides what stays blank; nothing of the skeleton is kept past the final parse
  // unless it is the final text (so the collector may take its AST).
  let units: ModuleUnit[] | undefined = skeleton.units;
  let regions: VendorRegions | undefined = new VendorRegions(index, units, evidence!.markers, evidence!.domains, map, evidence!.libraries, filePackage);
  const cleartext = cleartextLiteralOffsets(outline, index.rules.hosts.nonNetwork, code);
  const keywords = keywordAutomaton(index.rules);
  const factories = new Set(units.flatMap((u) => (u.factory && u.kind !== 'statement' ? [u.factory.body.start] : [])));
  // Bodies to blank: library code, and app modules (a webpack/Metro factory, a CommonJS wrapper) without any rule
  // keyword — such a module holds no API call, no identifier source and no sink; other modules reach it only
  // through require, which the analysis does not follow. Its strings come from the outline like library code's.
  const bodies: Blank[] = [];
  for (const i of skeleton.frontier) {
    const b = outline.bodies[i]!;
    if (regions!.originAt(b.open, b.line, b.column).library) libraryBlanks(outline, i, cleartext, bodies);
    else if (factories.has(b.open) && !keywords.testString(code, b.open, b.close)) bodies.push(b);
  }
  // Whole statements (library code of scope-hoisted bundles, inert keyword-free declarations) go over them; a
  // name used only inside a blanked body keeps nothing declared.
  const statements = blankableStatements({
    units,
    regions,
    library: !map,
    keywordFree: (start, end) => !keywords.testString(code, start, end),
    cleartext,
    code,
    blankedBodies: bodies,
  });
  const inStatement = new Ranges(statements);
  const library = [...statements, ...bodies.filter((b) => !inStatement.covers(b.open))];
  const sk = skeleton.bodies;
  // The skeleton's AST is the final one when it blanked exactly these (and no class shell or data literal).
  if (!skeleton.extra && library.length === sk.length && library.every((b, k) => b === sk[k])) return build(skeleton.ast, [], new Ranges(sk), units);
  // Units and regions point into the skeleton AST: all three go.
  skeleton = undefined;
  units = regions = undefined;
  if (!library.length) return full();
  const p = parseBlanked(code, library, maxUnits, lines);
  if (!p.ast || !bodiesIntact(p.ast, library)) return full();
  return build(p.ast, p.errors, new Ranges(library));
}

/** One region of a script that stays parsed after elision, and what keeps it (bench/app-bundles.mjs `--why`). */
export interface KeptRegion {
  start: number;
  end: number;
  /** Characters other than blanks left to parse. */
  chars: number;
  why: string;
  snippet?: string;
}

/**
 * What of a script stays parsed after elision and why, unit by unit: the rule keywords it holds, cleartext URL
 * starts, library code kept for a name parsed code uses. A diagnostic for the benchmark, not used by scans.
 */
export function explainElision(code: string, outline: Outline | undefined, prepared: Prepared, index: VendorIndex): { parsedChars: number; regions: KeptRegion[] } {
  const text = prepared.blanked.size ? blankBodies(code, prepared.blanked.list()) : code;
  const solid = (from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) n++;
    }
    return n;
  };
  const keywords = keywordAutomaton(index.rules);
  const cleartext = outline ? cleartextLiteralOffsets(outline, index.rules.hosts.nonNetwork, code) : [];
  const leaves = prepared.units.filter((u, i) => {
    const next = prepared.units[i + 1];
    return !(next && next.start >= u.start && next.end <= u.end);
  });
  const regions: KeptRegion[] = [];
  let at = 0;
  const add = (start: number, end: number, what: string) => {
    const chars = solid(start, end);
    if (!chars) return;
    const found = new Set<number>();
    keywords.collect(text.slice(start, end), found);
    const kws = [...found].map((k) => keywords.words[k]).slice(0, 6);
    const clear = cleartext.filter((o) => o >= start && o < end && !prepared.blanked.covers(o)).map((o) => outline!.strings.find((s) => s.start === o)?.value.slice(0, 40));
    const why = [what, kws.length ? `keywords ${kws.join(', ')}` : 'no keyword', clear.length ? `cleartext literals ${JSON.stringify(clear.slice(0, 3))}` : ''].filter(Boolean).join('; ');
    regions.push({ start, end, chars, why, snippet: text.slice(start, end).replace(/\s+/g, ' ').slice(0, 100) });
  };
  for (const u of leaves) {
    if (u.start > at) add(at, u.start, 'between units');
    const origin = prepared.regions.originAt(u.start, u.line, u.column);
    add(u.start, u.end, `${u.kind} unit, ${origin.library ? `library code (${origin.vendor ?? origin.pkg})` : 'app code'}`);
    at = Math.max(at, u.end);
  }
  if (at < code.length) add(at, code.length, 'after units');
  regions.sort((a, b) => b.chars - a.chars);
  return { parsedChars: solid(0, text.length), regions };
}
