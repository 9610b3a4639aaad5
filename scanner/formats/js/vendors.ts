// Tells the vendor's own code apart from app code. Evidence: source-map sources under node_modules/<pkg>/,
// module paths/names the bundle keeps, and vendor markers (strings only the SDK contains) inside a module unit.
// Scope-hoisted bundles (no module wrappers) are split into top-level statements; statements lying between two
// statements with the same vendor's markers are that vendor's code too (bundlers keep a package's modules together).
import type { RulePack } from '../../rules/pack.js';
import type { VendorRule } from '../../rules/schema.js';
import type { LoadedSourceMap } from '../sourcemap/index.js';
import { packageOfPath, statementIife, type ModuleUnit } from './modules.js';
import type * as t from '@babel/types';
import type { RawString } from './strings.js';
import { anyOf, anyOfIgnoringCase } from '../../core/regex.js';
import { anyInRange } from '../../core/sorted.js';

/** Where a piece of code comes from. `library` is any node_modules code; `vendor` names the RTC vendor if known. */
export interface CodeOrigin {
  library: boolean;
  vendor?: string;
  pkg?: string;
}

/** A string of a known non-RTC library, or (wrapper) a whole literal of a vendor's compiled wrapper package. */
export interface LibraryHit {
  pkg: string;
  marker: string;
  offset: number;
  wrapper?: true;
}

export interface MarkerHit {
  vendor: string;
  marker: string;
  offset: number;
  line: number;
  column: number;
}

/** Distinct vendor domains a unit must contain (without markers) to count as that vendor's code. */
const DOMAIN_THRESHOLD = 3;

/** Specifiers whose vendor the index remembers (a bound for a long scan of many packages' files). */
const MAX_SPECIFIERS = 4096;

export class VendorIndex {
  readonly byPackage = new Map<string, VendorRule>();
  readonly byGlobal = new Map<string, VendorRule>();
  /** Method names of the JS APIs of every vendor: a member call by another name is no API (the model's prefilter). */
  readonly apiMethods = new Set<string>();
  private readonly markers: Array<{ vendor: string; marker: string }> = [];
  private readonly domains: Array<{ vendor: string; domain: string }> = [];
  private readonly libraryMarkers: Array<{ pkg: string; marker: string }> = [];
  /** Whole literals of common non-RTC libraries (rules/libraries `literals`) → package. */
  readonly libraryLiterals = new Map<string, string>();
  /** Whole literals of compiled vendor wrapper packages (rules: sdk.js.compiled) → package. */
  private readonly wrapperMarkers = new Map<string, string>();
  /** Property names read by compiled vendor wrapper packages (rules: sdk.js.compiled members) → package. */
  private readonly wrapperMembers = new Map<string, string>();
  private readonly memberGate: RegExp | undefined;

  constructor(readonly rules: RulePack) {
    for (const v of rules.vendors) {
      for (const p of v.sdk.js?.packages ?? []) if (!this.byPackage.has(p)) this.byPackage.set(p, v);
      for (const g of v.sdk.js?.globals ?? []) if (!this.byGlobal.has(g)) this.byGlobal.set(g, v);
      for (const a of v.apis) if (a.platform === 'js' && a.method) this.apiMethods.add(a.method);
      for (const m of v.sdk.js?.markers ?? []) this.markers.push({ vendor: v.id, marker: m });
      for (const d of v.endpoints.domains) this.domains.push({ vendor: v.id, domain: d });
      for (const c of v.sdk.js?.compiled ?? []) {
        for (const m of c.markers) this.wrapperMarkers.set(m, c.package);
        for (const m of c.members) (this.wrapperMembers.set(m, c.package), this.wrapperMarkers.set(m, c.package));
      }
    }
    // `.name` not followed by another name character: a member access (or a shorthand re-export) in minified code.
    this.memberGate = this.wrapperMembers.size ? new RegExp(`\\.(${[...this.wrapperMembers.keys()].map((k) => k.replace(/\$/g, '\\$')).join('|')})(?![\\w$])`, 'g') : undefined;
    for (const l of rules.libraries) for (const m of l.markers) this.libraryMarkers.push({ pkg: l.package, marker: m });
    // A vendor's hoisted packages are recognised as libraries are; their package names them the vendor's (vendorOfUnit).
    for (const v of rules.vendors) for (const h of v.sdk.js?.hoisted ?? []) for (const m of h.markers) this.libraryMarkers.push({ pkg: h.package, marker: m });
    for (const l of rules.libraries) for (const v of l.literals) if (!this.libraryLiterals.has(v)) this.libraryLiterals.set(v, l.package);
    this.gates = {
      markers: anyOf(this.markers.map((m) => m.marker)),
      domains: anyOfIgnoringCase(this.domains.map((d) => d.domain)),
      libraries: anyOf(this.libraryMarkers.map((m) => m.marker)),
    };
  }

  /** Vendor owning an npm specifier or package name (`agora-rtc-sdk-ng`, `agora-rtc-sdk-ng/esm`). */
  vendorOfSpecifier(spec: string): VendorRule | undefined {
    const direct = this.byPackage.get(spec);
    if (direct) return direct;
    // Asked once per string of a library unit (originAt): the split and join were ~4% of what a read allocated.
    const known = this.specifierVendors.get(spec);
    if (known !== undefined) return known ?? undefined;
    const parts = spec.split('/');
    const pkg = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
    const v = this.byPackage.get(pkg);
    if (this.specifierVendors.size >= MAX_SPECIFIERS) this.specifierVendors.clear();
    this.specifierVendors.set(spec, v ?? null);
    return v;
  }

  /** vendorOfSpecifier's answers for specifiers not in byPackage (null: no vendor); the index lives per rule pack. */
  private readonly specifierVendors = new Map<string, VendorRule | null>();

  /**
   * One regular expression per list (markers exact, domains case folded as toLowerCase folds them): a string
   * holding none of the entries — nearly every string of a bundle — is rejected by one native search.
   */
  private readonly gates: { markers?: RegExp; domains?: (s: string) => boolean; libraries?: RegExp };

  /** Marker hits in literals and comments, in offset order. */
  markerHits(strings: RawString[]): MarkerHit[] {
    return this.hitsOf(strings, this.markers, this.gates.markers, 6).map(({ entry, s }) => ({
      vendor: entry.vendor,
      marker: entry.marker,
      offset: s.start,
      line: s.line,
      column: s.column + 1,
    }));
  }

  /** Hits of the markers of common non-RTC libraries (rules/libraries/) in literals and comments. */
  libraryHits(strings: RawString[]): LibraryHit[] {
    const out: LibraryHit[] = this.hitsOf(strings, this.libraryMarkers, this.gates.libraries, 12).map(({ entry, s }) => ({ pkg: entry.pkg, marker: entry.marker, offset: s.start }));
    // Compiled wrapper packages: whole literals only (as the Hermes model matches them), never comments.
    if (this.wrapperMarkers.size) {
      for (const s of strings) {
        const pkg = s.kind === 'literal' ? this.wrapperMarkers.get(s.value) : undefined;
        if (pkg) out.push({ pkg, marker: s.value, offset: s.start, wrapper: true });
      }
    }
    return out;
  }

  /**
   * Member accesses of compiled wrapper packages' property names (`r(d[0]).NativeModules.TrtcReactNativeSdk`): a
   * minifier keeps them, but they are names, not literals, and the outline keeps a name only once per file.
   */
  memberHits(code: string): LibraryHit[] {
    const out: LibraryHit[] = [];
    const gate = this.memberGate;
    if (!gate) return out;
    gate.lastIndex = 0;
    for (let m = gate.exec(code); m; m = gate.exec(code)) out.push({ pkg: this.wrapperMembers.get(m[1]!)!, marker: m[1]!, offset: m.index + 1, wrapper: true });
    return out;
  }

  /** Each (marker entry, string) pair where a literal or comment of at least `minLength` holds the marker. */
  private hitsOf<T extends { marker: string }>(strings: RawString[], entries: T[], gate: RegExp | undefined, minLength: number): Array<{ entry: T; s: RawString }> {
    const out: Array<{ entry: T; s: RawString }> = [];
    if (!gate) return out;
    for (const s of strings) {
      if (s.kind === 'identifier' || s.value.length < minLength || !gate.test(s.value)) continue;
      for (const entry of entries) if (s.value.includes(entry.marker)) out.push({ entry, s });
    }
    return out;
  }

  /** Vendor-domain hits in literals (not comments: prose mentions a vendor without being its code). */
  domainHits(strings: RawString[]): Array<{ vendor: string; domain: string; offset: number }> {
    const out: Array<{ vendor: string; domain: string; offset: number }> = [];
    const gate = this.gates.domains;
    if (!gate) return out;
    for (const s of strings) {
      if (s.kind !== 'literal' || s.value.length < 4 || !s.value.includes('.') || !gate(s.value)) continue;
      const lower = s.value.toLowerCase();
      for (const d of this.domains) {
        const i = lower.indexOf(d.domain);
        if (i < 0) continue;
        const before = i === 0 ? '' : lower[i - 1]!;
        const after = lower[i + d.domain.length] ?? '';
        // A host label boundary on both sides: `x.agora.io/…` yes, `agora-gardens.example` no.
        if ((before === '' || /[./@:"'`\s]/.test(before)) && !/[a-z0-9-]/.test(after)) {
          out.push({ vendor: d.vendor, domain: d.domain, offset: s.start });
        }
      }
    }
    return out;
  }
}

/** Classifies module units and answers "whose code is at this offset?". */
export class VendorRegions {
  /** Vendors whose SDK code (markers / vendor modules) is inside this artifact. */
  readonly bundled = new Set<string>();
  private readonly units: ModuleUnit[];
  private readonly leaves: ModuleUnit[];
  private readonly reach = new Map<ModuleUnit, string | null>();
  private readonly byId = new Map<string, ModuleUnit>();
  /** CommonJS module units holding a non-RTC library's markers: the library's hosts, not its calls (see above). */
  private readonly libraryModules = new Map<ModuleUnit, string>();
  /** Offsets of the non-RTC library markers, for telling which parts of a merged statement are the library's. */
  private readonly libraryMarkerOffsets: number[];
  /** Non-RTC libraries whose markers this artifact holds. */
  private readonly librariesPresent: Set<string>;

  constructor(
    private readonly index: VendorIndex,
    units: ModuleUnit[],
    markers: MarkerHit[],
    domains: Array<{ vendor: string; domain: string; offset: number }>,
    readonly map?: LoadedSourceMap,
    libraries: LibraryHit[] = [],
    /** The file itself lies under node_modules/ (core/paths.ts): all of it is that package's code. */
    private readonly filePackage?: string,
  ) {
    this.units = units;
    // Leaves: units that contain no other unit. Only leaves are classified; containers hold app code too.
    this.leaves = units.filter((u, i) => {
      const next = units[i + 1];
      return !(next && next.start >= u.start && next.end <= u.end && next !== u);
    });
    for (const u of this.leaves) {
      if (!u.pkg && map && u.kind !== 'statement') {
        // A module factory's first mapped position names its file.
        const traced = map.trace(u.line, u.column + 1) ?? map.trace(u.line, u.column);
        if (traced) u.pkg = packageOfPath(traced.source);
      }
      const v = u.pkg ? index.vendorOfSpecifier(u.pkg) : undefined;
      if (v) u.vendor = v.id;
    }
    // A module factory holding a whole literal of a vendor's compiled wrapper (`'AgoraRtcNg:onEvent'`) is that
    // package's module: Metro release bundles keep no module paths, so this is what names `r(d[i])` loads.
    const wrapperPkgs = this.evidenceByLeaf(libraries.flatMap((l) => (l.wrapper ? [{ vendor: l.pkg, offset: l.offset, key: l.marker }] : [])), 1);
    this.leaves.forEach((u, i) => {
      const pkg = u.pkg || u.kind === 'statement' ? undefined : wrapperPkgs.get(i);
      if (!pkg) return;
      u.pkg = pkg;
      u.vendor ??= index.vendorOfSpecifier(pkg)?.id;
    });
    const markerVendors = this.evidenceByLeaf(markers.map((m) => ({ vendor: m.vendor, offset: m.offset, key: m.marker })), 1);
    const domainVendors = this.evidenceByLeaf(domains.map((d) => ({ vendor: d.vendor, offset: d.offset, key: d.domain })), DOMAIN_THRESHOLD);
    this.leaves.forEach((u, i) => {
      if (u.vendor || u.pkg) return;
      u.vendor = markerVendors.get(i) ?? domainVendors.get(i);
    });
    // Common non-RTC libraries, for top-level statements only: a module factory may carry app code next to an
    // inlined copy of a library function, a hoisted statement is one package's code.
    const libraryEvidence = libraries.flatMap((l) => (l.wrapper ? [] : [{ vendor: l.pkg, offset: l.offset, key: l.marker }]));
    const libraryPkgs = this.evidenceByLeaf(libraryEvidence, 1);
    // A CommonJS module (Rollup's loader, esbuild's wrapper, a webpack factory without the ESM head) is one file, so
    // its library markers make its hosts the library's (libraryPackageAt); its calls stay analysed, as above, unless
    // it holds two of the library's markers: then the file is the library's (React DOM's client in Rollup's
    // `requireReactDomClient_production`, a webpack factory of a package's CommonJS build), read like a library
    // statement. A webpack ES-module factory may be app and library modules concatenated: not even its hosts.
    const libraryFiles = this.evidenceByLeaf(libraryEvidence, 2);
    const cjsModule = (u: ModuleUnit) => u.kind === 'cjs-wrapper' || (u.kind === 'webpack' && !u.esm);
    this.leaves.forEach((u, i) => {
      if (u.vendor || u.pkg) return;
      const pkg = libraryPkgs.get(i);
      if (!pkg) return;
      if (u.kind === 'statement' || (cjsModule(u) && libraryFiles.get(i) === pkg)) u.pkg = pkg;
      else if (cjsModule(u)) this.libraryModules.set(u, pkg);
    });
    this.fillStatementGaps();
    this.libraryMarkerOffsets = libraries.filter((l) => !l.wrapper).map((l) => l.offset).sort((a, b) => a - b);
    this.librariesPresent = new Set(libraries.flatMap((l) => (l.wrapper ? [] : [l.pkg])));
    this.fillLibraryGaps();
    this.propagateThroughRequires();
    this.markLoadedSdks();
    for (const u of this.leaves) if (u.vendor) this.bundled.add(u.vendor);
    for (const m of markers) this.bundled.add(m.vendor);
  }

  /** Leaf index → vendor with at least `threshold` distinct evidence keys (the vendor with most keys wins). */
  private evidenceByLeaf(hits: Array<{ vendor: string; offset: number; key: string }>, threshold: number): Map<number, string> {
    const perLeaf = new Map<number, Map<string, Set<string>>>();
    for (const h of hits) {
      const i = this.leafIndexAt(h.offset);
      if (i < 0) continue;
      let byVendor = perLeaf.get(i);
      if (!byVendor) perLeaf.set(i, (byVendor = new Map()));
      let keys = byVendor.get(h.vendor);
      if (!keys) byVendor.set(h.vendor, (keys = new Set()));
      keys.add(h.key);
    }
    const out = new Map<number, string>();
    for (const [i, byVendor] of perLeaf) {
      let best: string | undefined;
      let bestN = 0;
      for (const [v, keys] of byVendor) {
        if (keys.size >= threshold && keys.size > bestN) {
          best = v;
          bestN = keys.size;
        }
      }
      if (best) out.set(i, best);
    }
    return out;
  }

  private fillStatementGaps(): void {
    // Rollup's CommonJS loaders (`function requireX(){…}`, modules.ts) stand among the statements they were hoisted with.
    const stmts = this.leaves.filter((u) => u.kind === 'statement' || (u.kind === 'cjs-wrapper' && u.factory?.type === 'FunctionDeclaration'));
    let last: { vendor: string; at: number } | undefined;
    stmts.forEach((u, i) => {
      if (!u.vendor) return;
      if (last && last.vendor === u.vendor) {
        for (let j = last.at + 1; j < i; j++) if (!stmts[j]!.pkg) stmts[j]!.vendor = u.vendor;
      }
      last = { vendor: u.vendor, at: i };
    });
  }

  /**
   * Statements between two statements of the same non-RTC library (and of no vendor) are that library's too, and so
   * are the wrapper units among them: a hoisted `let X = forwardRefWithAs(function (props, ref) {…})` (Headless UI's
   * components) has the shape of a CommonJS wrapper call, so the unit finder makes its function a unit of its own.
   * A wrapper unit holding one marker (libraryModules) bounds such a run as a statement does; it stays hosts-only.
   */
  private fillLibraryGaps(): void {
    const stmts = this.leaves.filter((u) => u.kind === 'statement' || u.kind === 'cjs-wrapper');
    let last: { pkg: string; at: number } | undefined;
    stmts.forEach((u, i) => {
      if (u.vendor) {
        last = undefined;
        return;
      }
      const pkg = u.pkg ?? this.libraryModules.get(u);
      if (!pkg) return;
      if (last && last.pkg === pkg) for (let j = last.at + 1; j < i; j++) stmts[j]!.pkg ??= pkg;
      last = { pkg, at: i };
    });
  }

  /**
   * A package's entry module often has no markers but loads only that package's modules: a factory unit that
   * loads at least two units, all of one vendor, is that vendor's code. (An app module loads one vendor entry.)
   */
  private propagateThroughRequires(): void {
    const byId = new Map<string, ModuleUnit>();
    for (const u of this.units) if (u.id && u.kind !== 'statement') byId.set(`${u.kind}:${u.id}`, u);
    for (let round = 0; round < 4; round++) {
      let changed = false;
      for (const u of this.leaves) {
        if (u.vendor || u.pkg || !u.requires || u.requires.length < 2) continue;
        const vendors = new Set(u.requires.map((id) => byId.get(`${u.kind}:${id}`)?.vendor));
        if (vendors.size === 1) {
          const v = [...vendors][0];
          if (v) {
            u.vendor = v;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
  }

  /**
   * Top-level code (the app, in scope-hoisted bundles) that loads a CommonJS-wrapped module yielding vendor V's
   * SDK: everything that module loads, transitively, is the SDK or its dependencies, never app code.
   */
  private markLoadedSdks(): void {
    const marks: Array<{ unit: ModuleUnit; vendor: string }> = [];
    for (const s of this.leaves) {
      if (s.kind !== 'statement' || s.vendor || s.pkg) continue;
      for (const id of s.requires ?? []) {
        const w = this.unitById(id, ['cjs-wrapper']);
        const v = this.moduleVendor(w);
        if (w && v) marks.push({ unit: w, vendor: v });
      }
    }
    for (const { unit, vendor } of marks) {
      const queue = [unit];
      const seen = new Set<ModuleUnit>(queue);
      while (queue.length && seen.size < 20_000) {
        const u = queue.shift()!;
        if (!u.vendor && !u.pkg) u.vendor = vendor;
        for (const id of u.requires ?? []) {
          const next = this.unitById(id, [u.kind]);
          if (next && !seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
    }
    this.reach.clear();
  }

  private leafIndexAt(offset: number): number {
    // Leaves are disjoint and sorted by start: binary search for the last leaf starting at or before offset.
    let lo = 0;
    let hi = this.leaves.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.leaves[mid]!.start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && offset < this.leaves[found]!.end ? found : -1;
  }

  /**
   * The non-RTC dependency whose own code holds this offset, finer than `originAt` inside a scope-hoisted
   * statement: minifiers merge adjacent statements (terser and esbuild join expressions into one comma sequence and
   * declarations into one `var`), so the last statement of a library may also hold the app's first code. Such a
   * statement's parts (sequence elements, declarators) are the library's from its first marker part on when the
   * library continues before it, up to its last marker part when the library continues after it, between its
   * marker parts, or all of them when the library continues on both sides. Module units (a CommonJS module) are one
   * file's code: the whole unit.
   */
  libraryPackageAt(offset: number): string | undefined {
    const i = this.leafIndexAt(offset);
    if (i < 0) return undefined;
    const u = this.leaves[i]!;
    if (this.vendorOfUnit(u)) return undefined;
    if (!u.pkg) return this.libraryModules.get(u);
    if (u.kind !== 'statement' || u.path) return u.pkg;
    const parts = statementParts(u);
    if (parts.length < 2) return u.pkg;
    const before = this.leaves[i - 1]?.pkg === u.pkg;
    const after = this.leaves[i + 1]?.pkg === u.pkg;
    if (before && after) return u.pkg;
    const marked = parts.flatMap((p, k) => (this.hasLibraryMarker(p.start, p.end) ? [k] : []));
    const k = parts.findIndex((p) => offset >= p.start && offset < p.end);
    if (k < 0) return undefined;
    const first = marked[0] ?? Infinity;
    const last = marked.at(-1) ?? -Infinity;
    if ((k >= first && k <= last) || (before && k <= last) || (after && k >= first)) return u.pkg;
    return undefined;
  }

  /**
   * The library whose own literal (rules/libraries `literals`) this whole literal is, when the artifact carries that
   * library (its markers are found): outside the marked statements, a package's constants and registration code.
   */
  libraryOfLiteral(value: string): string | undefined {
    const pkg = this.index.libraryLiterals.get(value);
    return pkg && this.librariesPresent.has(pkg) ? pkg : undefined;
  }

  private hasLibraryMarker(start: number, end: number): boolean {
    return anyInRange(this.libraryMarkerOffsets, start, end);
  }

  /** The unit (leaf) at an offset. */
  unitAt(offset: number): ModuleUnit | undefined {
    const i = this.leafIndexAt(offset);
    return i < 0 ? undefined : this.leaves[i];
  }

  /** The unit with a given id (Metro/webpack ids, wrapper names) among units of these kinds. */
  unitById(id: string, kinds: ModuleUnit['kind'][]): ModuleUnit | undefined {
    if (!this.byId.size) for (const u of this.units) if (u.id !== undefined) this.byId.set(`${u.kind}:${u.id}`, u);
    for (const k of kinds) {
      const u = this.byId.get(`${k}:${id}`);
      if (u) return u;
    }
    return undefined;
  }

  /**
   * Vendor of what loading a unit yields: its own vendor, else the single vendor whose code it loads
   * (transitively, bounded). An SDK's entry module often has no markers but loads the modules that do.
   * Used for module-load tags only, never for deciding whose code a unit is.
   */
  moduleVendor(u: ModuleUnit | undefined): string | undefined {
    if (!u) return undefined;
    const own = this.vendorOfUnit(u);
    if (own) return own;
    const cached = this.reach.get(u);
    if (cached !== undefined) return cached ?? undefined;
    const vendors = new Set<string>();
    const seen = new Set<ModuleUnit>([u]);
    const queue: ModuleUnit[] = [u];
    while (queue.length && seen.size < 5000) {
      const cur = queue.shift()!;
      for (const id of cur.requires ?? []) {
        const next = this.unitById(id, [cur.kind]);
        if (!next || seen.has(next)) continue;
        seen.add(next);
        const v = this.vendorOfUnit(next);
        if (v) vendors.add(v);
        else queue.push(next);
      }
    }
    const result = vendors.size === 1 ? [...vendors][0]! : null;
    this.reach.set(u, result);
    return result ?? undefined;
  }

  /** Vendor id of a unit, from its path or its classification. */
  vendorOfUnit(u: ModuleUnit | undefined): string | undefined {
    if (!u) return undefined;
    if (u.vendor) return u.vendor;
    return u.pkg ? this.index.vendorOfSpecifier(u.pkg)?.id : undefined;
  }

  /**
   * Origin of the code at a generated position. A source map wins (it knows the file); without one (or where it
   * has no mapping) the module unit decides.
   */
  originAt(offset: number, line: number, column: number): CodeOrigin {
    if (this.filePackage) return { library: true, pkg: this.filePackage, vendor: this.index.vendorOfSpecifier(this.filePackage)?.id };
    const traced = this.map?.trace(line, column);
    if (traced) {
      const pkg = packageOfPath(traced.source);
      if (!pkg) return { library: false };
      return { library: true, pkg, vendor: this.index.vendorOfSpecifier(pkg)?.id ?? this.vendorOfUnit(this.unitAt(offset)) };
    }
    const u = this.unitAt(offset);
    if (!u) return { library: false };
    const vendor = this.vendorOfUnit(u);
    return { library: !!(vendor || u.pkg), vendor, pkg: u.pkg };
  }
}

/**
 * Parts of a statement a minifier may have merged: comma-sequence elements, declarators, and the statements of a
 * statement-level IIFE (webpack's entry with the ES modules concatenated into it, when too small to be split into
 * units), each of those split the same way; else the statement itself.
 */
function statementParts(u: ModuleUnit): Array<{ start: number; end: number }> {
  const span = (x: { start?: number | null; end?: number | null }) => ({ start: x.start ?? u.start, end: x.end ?? u.end });
  const split = (n: t.Statement): Array<{ start: number; end: number }> => {
    if (n.type === 'ExpressionStatement' && n.expression.type === 'SequenceExpression') return n.expression.expressions.map(span);
    if (n.type === 'VariableDeclaration' && n.declarations.length > 1) return n.declarations.map(span);
    return [span(n)];
  };
  const n = u.node;
  if (!n) return [{ start: u.start, end: u.end }];
  const iife = statementIife(n);
  return iife ? iife.body.body.flatMap(split) : split(n);
}
