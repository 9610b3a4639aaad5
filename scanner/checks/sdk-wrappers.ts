// SDK detection through cross-platform wrapper packages (rules: sdk.wrappers): what a React Native, Flutter,
// Electron, Cordova, Capacitor or uni-app build keeps of the vendor's wrapper once compiled. Three kinds of evidence:
//   wrapper-package  the package is declared by the platform's own plugin list or manifest (pubspec.yaml,
//                    cordova_plugins.js, config.xml, capacitor.plugins.json, uni-app manifest.json, Flutter's
//                    GeneratedPluginRegistrant, a plugin's `www/plugins/<id>/`, `nativeplugins/<id>/` folder or
//                    `<name>.framework`);
//   wrapper-class    the wrapper's plugin / native-module class in DEX, the ObjC runtime or a plugin list;
//   wrapper-marker   strings of the wrapper's own code (native-module names, channel names, `package:<name>/`).
// Everything matched here is data of rules/vendors; the platforms' file names and layouts are the general part.
import type { ConfigFact, Facts, Position, StringFact } from '../core/facts.js';
import type { RulePack } from '../rules/pack.js';
import type { VendorRule, WrapperRule } from '../rules/schema.js';
import { anyOf } from '../core/regex.js';
import { headOf, headsOf } from '../core/exact-keys.js';

export type WrapperRoute = 'wrapper-package' | 'wrapper-class' | 'wrapper-marker';

export interface WrapperHit {
  vendor: VendorRule;
  wrapper: WrapperRule;
  route: WrapperRoute;
  position: Position;
  what: string;
  version?: string;
  fromString?: boolean;
}

interface Entry {
  vendor: VendorRule;
  wrapper: WrapperRule;
}

interface WrapperSignatures {
  /** package name → wrapper, per platform family (npm-published wrappers share one namespace). */
  byPackage: Map<string, Entry[]>;
  /** Whole-string markers, and their heads (core/exact-keys.ts: a string with another head is not hashed for the lookup). */
  exact: Map<string, Entry[]>;
  exactHeads: Set<number>;
  /** Markers searched inside undelimited binary strings (Dart snapshots, .rodata), and `package:<name>/` URIs. */
  substrings: Array<[string, Entry]>;
  substringGate?: RegExp;
  /** `package:<name>/` URIs of Flutter wrappers: found in any non-comment string (Dart sources import them). */
  dartUris: Array<[string, Entry]>;
  dartGate?: RegExp;
  /** Java class (dotted) or ObjC class → wrapper, and the classes' heads (looked up for every config value). */
  classes: Map<string, Entry>;
  classHeads: Set<number>;
  /** DEX descriptor `Lio/agora/agora_rtc_ng/AgoraRtcNgPlugin;` → wrapper. */
  dexClasses: Map<string, Entry>;
}

const cache = new WeakMap<RulePack, WrapperSignatures>();

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export function wrapperSignatures(pack: RulePack): WrapperSignatures {
  let s = cache.get(pack);
  if (s) return s;
  s = { byPackage: new Map(), exact: new Map(), exactHeads: new Set(), substrings: [], dartUris: [], classes: new Map(), classHeads: new Set(), dexClasses: new Map() };
  for (const vendor of pack.vendors) {
    for (const wrapper of vendor.sdk.wrappers ?? []) {
      const e = { vendor, wrapper };
      push(s.byPackage, wrapper.package, e);
      for (const m of wrapper.markers) {
        push(s.exact, m, e);
        s.substrings.push([m, e]);
      }
      if (wrapper.platform === 'flutter') s.dartUris.push([`package:${wrapper.package}/`, e]);
      for (const c of wrapper.classes) {
        s.classes.set(c, e);
        if (c.includes('.')) s.dexClasses.set(`L${c.replace(/\./g, '/')};`, e);
      }
    }
  }
  s.exactHeads = headsOf(s.exact.keys());
  s.classHeads = headsOf(s.classes.keys());
  s.substringGate = anyOf([...s.substrings.map(([m]) => m), ...s.dartUris.map(([m]) => m)]);
  s.dartGate = anyOf(s.dartUris.map(([m]) => m));
  cache.set(pack, s);
  return s;
}

const platformCache = new WeakMap<RulePack, Map<string, string>>();

/** npm-published wrappers (React Native, Electron, Cordova, Capacitor): npm package name → platform. */
export function npmWrapperPlatforms(pack: RulePack): Map<string, string> {
  let m = platformCache.get(pack);
  if (m) return m;
  m = new Map();
  for (const v of pack.vendors) for (const w of v.sdk.wrappers ?? []) if (w.platform !== 'flutter' && w.platform !== 'uni-app') m.set(w.package, w.platform);
  platformCache.set(pack, m);
  return m;
}

/** Package coordinate (purl type/name) of a wrapper: pub for Flutter, npm for the npm-published ones. */
export function wrapperCoordinate(w: WrapperRule): string | undefined {
  if (w.platform === 'flutter') return `pub/${w.package}`;
  if (w.platform === 'uni-app') return undefined;
  return `npm/${w.package}`;
}

function basename(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('!')) + 1);
}

/** `^6.3.0`, `"3.4.3"`, `>=1.2.0 <2.0.0` → the lowest version the constraint admits; paths and git refs give none. */
function constraintVersion(v: unknown): string | undefined {
  return typeof v === 'string' ? /^[\^~>=v\s]*(\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?)/.exec(v)?.[1] : undefined;
}

/** Flutter's generated Android registrant logs `Error registering plugin <pub name>, <plugin class>` per plugin. */
const FLUTTER_REGISTRANT = /Error registering plugin ([a-z][a-z0-9_]*), ([A-Za-z_][\w.$]*)/;
/** Binary string kinds whose runs are not delimited like literals (Dart snapshot strings sit in .rodata). */
const BINARY_RUNS = new Set(['cstring', 'printable']);
/** String kinds that hold a whole value (a literal, a constant-pool entry, a config value). */
const WHOLE = new Set(['literal', 'identifier', 'hermes-string', 'hermes-identifier', 'dex-string', 'cfstring', 'cstring', 'config']);
const OBJC_SYMBOL = /^_?OBJC_(?:META)?CLASS_\$_(.+)$/;
/** No marker (one shared empty list instead of a new one per string). */
const NONE: readonly never[] = [];

/** Every wrapper evidence in one artifact. */
export function detectWrappers(facts: Facts, pack: RulePack): WrapperHit[] {
  const s = wrapperSignatures(pack);
  if (!s.byPackage.size) return [];
  const hits: WrapperHit[] = [];
  const seen = new Set<string>();
  const hit = (e: Entry, route: WrapperRoute, position: Position, what: string, version?: string, fromString?: boolean) => {
    const key = `${e.vendor.id}|${e.wrapper.package}|${route}|${what}`;
    if (seen.has(key) && !version) return;
    seen.add(key);
    hits.push({ vendor: e.vendor, wrapper: e.wrapper, route, position, what, ...(version ? { version } : {}), ...(fromString ? { fromString } : {}) });
  };
  const packageHit = (name: string, position: Position, what: string, version?: string, platforms?: readonly string[]) => {
    for (const e of s.byPackage.get(name) ?? []) if (!platforms || platforms.includes(e.wrapper.platform)) hit(e, 'wrapper-package', position, what, version);
  };
  const name = basename(facts.artifact);
  const lower = name.toLowerCase();

  // Paths: a Cordova plugin's JS (`www/plugins/<id>/…`), a Flutter plugin framework (`<pub name>.framework/…`).
  const segs = facts.artifact.split(/[/!]/);
  const p = segs.lastIndexOf('plugins');
  if (p > 0 && segs[p - 1] === 'www' && segs[p + 1] && p + 2 < segs.length) packageHit(segs[p + 1]!, {}, `www/plugins/${segs[p + 1]}/ (Cordova plugin folder)`, undefined, ['cordova']);
  for (const seg of segs) if (seg.endsWith('.framework')) packageHit(seg.slice(0, -10), {}, `${seg} (Flutter plugin framework)`, undefined, ['flutter']);
  // A uni-app project keeps local native plugins in `nativeplugins/<plugin id>/` (package.json, android/, ios/).
  const n = segs.lastIndexOf('nativeplugins');
  if (n >= 0 && segs[n + 1] && n + 2 < segs.length) packageHit(segs[n + 1]!, {}, `nativeplugins/${segs[n + 1]}/ (uni-app native plugin folder)`, undefined, ['uni-app']);

  // Manifests and plugin lists (config facts of JSON, YAML, XML and plist readers).
  for (const c of facts.config) configFact(c, lower, packageHit, s, hit);
  // A plugin's own pubspec.yaml (a vendored copy of the plugin, or its repository) states its version.
  if (lower === 'pubspec.yaml') {
    const own = facts.config.find((c) => c.key === 'name');
    const version = facts.config.find((c) => c.key === 'version')?.value;
    if (own && typeof own.value === 'string') packageHit(own.value, own, `${own.value} (pubspec.yaml name)`, constraintVersion(version), ['flutter']);
  }

  // cordova_plugins.js: `{ "pluginId": "cordova-plugin-opentok", … }` and `metadata = { "cordova-plugin-opentok": "3.4.3" }`.
  const cordovaList = lower === 'cordova_plugins.js';
  // Flutter's registrant string counts in DEX and in the generated Java source; Dart package URIs in snapshots,
  // DEX and Dart sources. Elsewhere (notes, logs) they are quotes, not the app's code.
  const where = { registrant: facts.format === 'dex' || lower === 'generatedpluginregistrant.java', dart: lower.endsWith('.dart') };
  for (const str of facts.strings) {
    if (str.kind === 'comment') continue;
    if (cordovaList && str.kind === 'literal') {
      if (str.binding === 'pluginId') packageHit(str.value, str, `${str.value} (cordova_plugins.js)`, undefined, ['cordova']);
      else if (str.binding && s.byPackage.has(str.binding)) packageHit(str.binding, str, `${str.binding}@${str.value} (cordova_plugins.js)`, constraintVersion(str.value), ['cordova']);
    }
    stringFact(str, s, hit, packageHit, where);
  }
  for (const sym of facts.symbols) {
    const objc = OBJC_SYMBOL.exec(sym.name)?.[1] ?? (sym.kind === 'class' ? sym.name : undefined);
    const e = objc ? s.classes.get(objc) : undefined;
    if (e) hit(e, 'wrapper-class', sym, sym.name);
  }
  return hits;
}

type PackageHit = (name: string, position: Position, what: string, version?: string, platforms?: readonly string[]) => void;
type Hit = (e: Entry, route: WrapperRoute, position: Position, what: string, version?: string, fromString?: boolean) => void;

const PUBSPEC_DEPENDENCY = /^dependencies\/([a-z][a-z0-9_]*)(?:\/|$)/;
const PACKAGE_JSON_CORDOVA = /^cordova\/plugins\/([^/]+)(?:\/|$)/;
const UNI_NATIVE_PLUGIN = /(?:^|\/)nativePlugins\/([^/]+)\/__plugin_info__\//;

function configFact(c: ConfigFact, file: string, packageHit: PackageHit, s: WrapperSignatures, hit: Hit): void {
  // pubspec.yaml: `dependencies: { agora_rtc_engine: ^6.3.0 }` (dev_dependencies never ship).
  if (file === 'pubspec.yaml') {
    const m = PUBSPEC_DEPENDENCY.exec(c.key);
    if (m) packageHit(m[1]!, c, `${m[1]} ${typeof c.value === 'string' ? c.value : ''} (pubspec.yaml)`.replace('  ', ' '), m[0].endsWith('/') ? undefined : constraintVersion(c.value), ['flutter']);
    return;
  }
  // A Cordova project's package.json lists its plugins under `cordova.plugins`.
  if (file === 'package.json') {
    const m = PACKAGE_JSON_CORDOVA.exec(c.key);
    if (m) packageHit(m[1]!, c, `${m[1]} (package.json cordova.plugins)`, undefined, ['cordova']);
    return;
  }
  // uni-app manifest.json: `"app-plus": { "nativePlugins": { "Agora-RTC": { "__plugin_info__": … } } }`.
  // (Every config fact of a scan passes here — 40,000 of the benchmark IPA's localisation files: the name first,
  // and whole-value lookups only for values whose head a key has, core/exact-keys.ts.)
  const uni = file === 'manifest.json' ? UNI_NATIVE_PLUGIN.exec(c.key) : null;
  if (uni) packageHit(uni[1]!, c, `${uni[1]} (manifest.json nativePlugins)`, undefined, ['uni-app']);
  if (typeof c.value !== 'string') return;
  const v = c.value;
  // config.xml `<plugin name="cordova-plugin-opentok" spec="^3.4.3"/>`, capacitor.plugins.json `{"pkg": …}`.
  if ((file === 'config.xml' && /(?:^|\/)plugin\/@name$/.test(c.key)) || (file === 'capacitor.plugins.json' && /(?:^|\/)pkg$/.test(c.key))) {
    packageHit(v, c, `${v} (${file})`, undefined, file === 'config.xml' ? ['cordova'] : ['capacitor']);
  }
  // Plugin classes named by plugin lists: config.xml `<param name="android-package" value="…"/>`, Capacitor's
  // `classpath` / `packageClassList`, uni-app's `class`; uni-app module names (`name`) are markers.
  const head = headOf(v);
  const e = s.classHeads.has(head) ? s.classes.get(v) : undefined;
  if (e) hit(e, 'wrapper-class', c, `${v} (${file} ${c.key.split('/').pop()})`);
  if (s.exactHeads.has(head)) for (const m of s.exact.get(v) ?? NONE) hit(m, 'wrapper-marker', c, `${v} (${file})`);
}

function stringFact(str: StringFact, s: WrapperSignatures, hit: Hit, packageHit: PackageHit, where: { registrant: boolean; dart: boolean }): void {
  const v = str.value;
  if (v.length > 4096) return;
  switch (str.kind) {
    case 'dex-type': {
      const e = s.dexClasses.get(v);
      if (e) hit(e, 'wrapper-class', str, v);
      return;
    }
    case 'objc-class':
    case 'swift-type': {
      const e = s.classes.get(v) ?? s.classes.get(v.slice(v.lastIndexOf('.') + 1));
      if (e) hit(e, 'wrapper-class', str, v);
      return;
    }
    case 'symbol':
    case 'objc-method':
      return;
    default:
      break;
  }
  if (WHOLE.has(str.kind)) {
    if (s.exactHeads.has(headOf(v))) for (const e of s.exact.get(v) ?? NONE) hit(e, 'wrapper-marker', str, v);
    // NSClassFromString / registrarForPlugin:@"AgoraRtcNgPlugin", `Class.forName("io.agora…Plugin")`.
    const cls = str.kind === 'cfstring' || str.kind === 'dex-string' || str.kind === 'cstring' ? s.classes.get(v) : undefined;
    if (cls) hit(cls, 'wrapper-class', str, v, undefined, true);
  }
  if (where.registrant && v.includes('Error registering plugin ')) {
    const m = FLUTTER_REGISTRANT.exec(v);
    if (m) {
      packageHit(m[1]!, str, `${m[1]}, ${m[2]} (Flutter plugin registrant)`, undefined, ['flutter']);
      const e = s.classes.get(m[2]!);
      if (e) hit(e, 'wrapper-class', str, m[2]!);
    }
  }
  // Dart package URIs survive in the AOT snapshot and are how Dart sources import a plugin.
  const binaryRun = BINARY_RUNS.has(str.kind);
  if ((where.dart || binaryRun || str.kind === 'dex-string') && s.dartGate?.test(v)) for (const [uri, e] of s.dartUris) if (v.includes(uri)) hit(e, 'wrapper-marker', str, uri);
  if (binaryRun && s.substringGate?.test(v)) {
    for (const [m, e] of s.substrings) if (v !== m && v.includes(m)) hit(e, 'wrapper-marker', str, m);
  }
}
