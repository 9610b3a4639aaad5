// RTC101 RtcSdkBundled and RTC102 RtcSessionStarted. Detection is precise on purpose: a marker, class or
// package must equal a whole string, identifier or symbol; comments never count.
import type { Facts, Position, StringKind } from '../core/facts.js';
import type { Check, CheckContext, Location } from '../core/finding.js';
import type { RulePack } from '../rules/pack.js';
import type { VendorRule } from '../rules/schema.js';
import { anyOf, escapeRegExp } from '../core/regex.js';
import { headOf, headsOf } from '../core/exact-keys.js';
import { isProtocol, PROTOCOL_JURISDICTION } from './jurisdiction.js';
import { appApiUses, locationOf, renderArgs, useIdentity, jurisdictionOf, type AppApiUse } from './vendor-calls.js';
import { detectWrappers, npmWrapperPlatforms, wrapperCoordinate, wrapperSignatures } from './sdk-wrappers.js';
import { HAS_NODE_MODULES, HAS_SITE, HAS_SLASH, stringScan } from './string-scan.js';
import type { LiteralReads } from './string-reads.js';

/** Ways an SDK is recognised, strongest first (the location of a finding is the strongest route's evidence). */
export const SDK_ROUTES = [
  'framework-link',
  'native-library',
  'js-package',
  'wrapper-package',
  'dex-type',
  'wrapper-class',
  'objc-class',
  'framework-bundle',
  'jni-symbol',
  'native-symbol',
  'native-marker',
  'android-manifest',
  'pod',
  'swift-package',
  'maven',
  'js-marker',
  'js-native-module',
  'wrapper-marker',
  'hermes-string',
  'js-global',
] as const;
export type SdkRoute = (typeof SDK_ROUTES)[number];

interface Evidence {
  route: SdkRoute;
  position: Position;
  what: string;
  /** Found in a plain string (NSClassFromString, System.loadLibrary) rather than in metadata: ranked last. */
  fromString?: boolean;
}

export interface SdkDetection {
  vendor: VendorRule;
  routes: SdkRoute[];
  versions: string[];
  evidence: Evidence[];
  /** Package coordinates seen (`npm/agora-rtc-sdk-ng`, `cocoapods/AgoraRtcEngine_iOS`, `maven/io.agora.rtc/full-sdk`): purls in an SBOM. */
  packages: string[];
  /** Cross-platform frameworks whose wrapper of the SDK was found (`flutter`, `react-native`, `cordova`…). */
  platforms: string[];
}

/** Routes whose evidence names a package of a package ecosystem, and how a purl names that ecosystem. */
const PACKAGE_ROUTES: Partial<Record<SdkRoute, string>> = { 'js-package': 'npm', pod: 'cocoapods', maven: 'maven' };

/** `npm/agora-rtc-sdk-ng`, `maven/io.agora.rtc/full-sdk` (group and artifact of `g:a[:v]`), `cocoapods/Pod` (no subspec). */
function packageCoordinate(route: SdkRoute, name: string): string | undefined {
  const type = PACKAGE_ROUTES[route];
  if (!type) return undefined;
  if (type === 'maven') {
    const [g, a] = name.split(':');
    return g && a ? `maven/${g}/${a}` : undefined;
  }
  if (type === 'cocoapods') return `cocoapods/${name.split('/')[0]}`;
  // Evidence text may follow the name (`agora-electron-sdk (package.json)`, `@daily-co/daily-js@^0.80 (…)`).
  const npm = /^@?[^@\s]+/.exec(name)?.[0];
  return npm ? `npm/${npm}` : undefined;
}

interface Signatures {
  /** Whole-string lookups: value → (vendor, route) for JS/Hermes/native string kinds. */
  jsExact: Map<string, Array<{ vendor: VendorRule; route: 'js-marker' | 'js-global' | 'js-native-module' }>>;
  /** The heads of jsExact's keys (core/exact-keys.ts): a string with another head is not hashed for the lookup. */
  jsExactHeads: Set<number>;
  objcClasses: Map<string, VendorRule>;
  components: Map<string, VendorRule>;
  bundleIds: Map<string, VendorRule>;
  /** `io/agora/rtc2/` → vendor. */
  dexPrefixes: Array<[string, VendorRule]>;
  /** `Java_io_agora_rtc2_` → vendor (JNI mangling: `_` in names becomes `_1`). */
  jniPrefixes: Array<[string, VendorRule]>;
  nativeLibs: Array<[RegExp, VendorRule]>;
  frameworks: Array<[string, VendorRule]>;
  packages: Array<[string, VendorRule]>;
  pods: Array<[string, VendorRule]>;
  swiftPackages: Map<string, VendorRule>;
  maven: Array<[string, VendorRule]>;
  versionRes: Map<string, RegExp[]>;
  /** Exported symbols of vendor desktop/Node binaries (no leading `_`). */
  nativeSymbols: Map<string, VendorRule>;
  /** Substring markers of vendor native code, with one native search that rejects strings holding none. */
  nativeMarkers: Array<[string, VendorRule]>;
  nativeGate?: RegExp;
}

const sigCache = new WeakMap<RulePack, Signatures>();

function add<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function globRe(name: string): RegExp {
  return new RegExp('^' + name.split('*').map(escapeRegExp).join('[^/]*') + '$', 'i');
}

function signatures(pack: RulePack): Signatures {
  let s = sigCache.get(pack);
  if (s) return s;
  s = {
    jsExact: new Map(),
    jsExactHeads: new Set(),
    objcClasses: new Map(),
    components: new Map(),
    bundleIds: new Map(),
    dexPrefixes: [],
    jniPrefixes: [],
    nativeLibs: [],
    frameworks: [],
    packages: [],
    pods: [],
    swiftPackages: new Map(),
    maven: [],
    versionRes: new Map(),
    nativeSymbols: new Map(),
    nativeMarkers: [],
  };
  for (const v of pack.vendors) {
    const js = v.sdk.js;
    for (const m of js?.markers ?? []) add(s.jsExact, m, { vendor: v, route: 'js-marker' as const });
    for (const c of js?.compiled ?? []) for (const m of c.markers) add(s.jsExact, m, { vendor: v, route: 'js-marker' as const });
    for (const g of js?.globals ?? []) add(s.jsExact, g, { vendor: v, route: 'js-global' as const });
    for (const m of js?.nativeModules ?? []) add(s.jsExact, m, { vendor: v, route: 'js-native-module' as const });
    // Package names are matched through LibraryFacts (import/require specifiers) and node_modules paths only:
    // a bare literal "twilio-video" may just as well be a CSS class.
    for (const p of js?.packages ?? []) s.packages.push([p, v]);
    // npm-published wrappers (React Native, Electron, Cordova, Capacitor) are npm packages like the SDK's own.
    for (const w of v.sdk.wrappers ?? []) if (w.platform !== 'flutter' && w.platform !== 'uni-app' && !js?.packages.includes(w.package)) s.packages.push([w.package, v]);
    s.versionRes.set(v.id, [...(js?.version ?? []), ...(v.sdk.native?.version ?? [])].map((re) => new RegExp(re)));
    for (const f of v.sdk.native?.files ?? []) s.nativeLibs.push([globRe(f), v]);
    for (const sym of v.sdk.native?.symbols ?? []) s.nativeSymbols.set(sym.replace(/^_/, ''), v);
    for (const m of v.sdk.native?.markers ?? []) s.nativeMarkers.push([m, v]);
    for (const c of v.sdk.ios?.classes ?? []) s.objcClasses.set(c, v);
    for (const b of v.sdk.ios?.bundleIds ?? []) s.bundleIds.set(b, v);
    for (const f of v.sdk.ios?.frameworks ?? []) s.frameworks.push([f.replace(/\.framework$/, ''), v]);
    for (const p of v.sdk.ios?.pods ?? []) s.pods.push([p, v]);
    for (const p of v.sdk.ios?.swiftPackages ?? []) s.swiftPackages.set(p.toLowerCase(), v);
    for (const p of v.sdk.android?.packages ?? []) {
      s.dexPrefixes.push([p.replace(/\./g, '/') + '/', v]);
      s.jniPrefixes.push(['Java_' + p.replace(/_/g, '_1').replace(/\./g, '_') + '_', v]);
    }
    for (const l of v.sdk.android?.nativeLibs ?? []) s.nativeLibs.push([globRe(l), v]);
    for (const c of v.sdk.android?.components ?? []) s.components.set(c, v);
    for (const m of v.sdk.android?.maven ?? []) s.maven.push([m, v]);
  }
  s.nativeGate = anyOf(s.nativeMarkers.map(([m]) => m));
  s.jsExactHeads = headsOf(s.jsExact.keys());
  sigCache.set(pack, s);
  return s;
}

const DEPENDENCY_KEY = /^(?:dependencies|optionalDependencies|devDependencies)\/(.+)$/;

/** `"agora-electron-sdk": "^4.6.2"` → 4.6.2 (the lowest version the range admits); tags and URLs give none. */
function rangeVersion(range: string): string | undefined {
  return /^[\^~>=v\s]*(\d+\.\d+(?:\.\d+)?(?:-[\w.]+)?)/.exec(range)?.[1];
}

function packageJson(facts: Facts, sig: Signatures, hit: (v: VendorRule, r: SdkRoute, p: Position, what: string, version?: string) => void): void {
  const byKey = new Map(facts.config.map((c) => [c.key, c]));
  const vendorOf = (pkg: string) => sig.packages.find(([p]) => pkg === p || pkg.startsWith(p + '/'))?.[1];
  const name = byKey.get('name');
  const own = typeof name?.value === 'string' ? vendorOf(name.value) : undefined;
  if (own && name) {
    const version = byKey.get('version')?.value;
    hit(own, 'js-package', name, `${String(name.value)} (package.json)`, typeof version === 'string' ? version : undefined);
  }
  for (const c of facts.config) {
    const m = DEPENDENCY_KEY.exec(c.key);
    if (!m || typeof c.value !== 'string') continue;
    const v = vendorOf(m[1]!);
    if (v) hit(v, 'js-package', c, `${m[1]}@${c.value} (package.json ${c.key.slice(0, c.key.indexOf('/'))})`, rangeVersion(c.value));
  }
}

function basename(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('!')) + 1);
}

/** `libfoo.so`, `foo` (System.loadLibrary name) → matching vendor. */
function nativeLibVendor(name: string, sig: Signatures): VendorRule | undefined {
  const base = basename(name);
  for (const [re, v] of sig.nativeLibs) if (re.test(base) || re.test(`lib${base}.so`)) return v;
  return undefined;
}

const OBJC_SYMBOL = /^_?OBJC_(?:META)?CLASS_\$_(.+)$/;
/** String kinds that carry JS-level names; native kinds are checked only for classes and library names. */
// JS kinds: 'literal', 'identifier'; Hermes kinds: 'hermes-string', 'hermes-identifier' (compared inline below).
/** No signature (one shared empty list instead of a new one per string). */
const NONE: readonly never[] = [];
const VERSION_KINDS: ReadonlySet<StringKind> = new Set(['literal', 'hermes-string', 'cstring', 'cfstring', 'dex-string', 'config', 'printable']);
/** The longest string the version patterns are run on. */
const MAX_VERSION_STRING = 2000;

/**
 * The literals detectSdks (and detectWrappers, which it runs) reads (checks/string-reads.ts): exact markers,
 * globals and native module names, wrapper markers, version patterns, `node_modules/` paths and npm CDN URLs (the
 * flags), and a Cordova plugin list's bound literals (HAS_SITE).
 */
export function sdkLiteralReads(pack: RulePack): LiteralReads {
  const sig = signatures(pack);
  const wrappers = wrapperSignatures(pack);
  const anyVersion = eitherOf([...sig.versionRes.values()].flat());
  return {
    flags: HAS_NODE_MODULES | HAS_SLASH | HAS_SITE,
    value: (v) =>
      (sig.jsExactHeads.has(headOf(v)) && sig.jsExact.has(v)) ||
      (wrappers.exactHeads.has(headOf(v)) && wrappers.exact.has(v)) ||
      (v.length <= MAX_VERSION_STRING && anyVersion(v)),
  };
}

/**
 * Whether any of `res` matches: one alternation where that means the same (no back-references, which would count
 * groups across the patterns, and the same flags). A large text file's every line is tested (string-reads.ts: ~1.4
 * million tests of the three version patterns on the benchmark IPA), and one pattern scans a line once.
 */
function eitherOf(res: readonly RegExp[]): (v: string) => boolean {
  const joinable = res.length > 1 && res.every((re) => re.flags === res[0]!.flags && !/\\[1-9k]|\(\?</.test(re.source) && !re.global && !re.sticky);
  if (!joinable) return (v) => res.some((re) => re.test(v));
  const one = new RegExp(res.map((re) => `(?:${re.source})`).join('|'), res[0]!.flags);
  return (v) => one.test(v);
}

/** Every RTC SDK evidence in one artifact, grouped by vendor. */
export function detectSdks(facts: Facts, pack: RulePack): Map<string, SdkDetection> {
  // Read before the loops: loaded after them, the optimised code (entered on-stack from a loop) failed its map
  // check on `facts` and deoptimised again and again — ~970 deopts and 16 recompiles of this function on the
  // benchmark IPA, ~0.7 s of CPU with the same results.
  const own = facts.meta.vendorBuild;
  const sig = signatures(pack);
  const found = new Map<string, SdkDetection>();
  const hit = (vendor: VendorRule, route: SdkRoute, position: Position, what: string, version?: string, fromString?: boolean) => {
    let d = found.get(vendor.id);
    if (!d) found.set(vendor.id, (d = { vendor, routes: [], versions: [], evidence: [], packages: [], platforms: [] }));
    if (!d.routes.includes(route)) d.routes.push(route);
    const coordinate = packageCoordinate(route, what);
    if (coordinate && !d.packages.includes(coordinate)) d.packages.push(coordinate);
    // Keep a few examples per route; detection needs one.
    if (d.evidence.filter((e) => e.route === route).length < 3) d.evidence.push({ route, position, what, ...(fromString ? { fromString } : {}) });
    // Mach-O dylib versions of 0.0.0 mean "not set".
    if (version && version !== '0.0.0' && !d.versions.includes(version)) d.versions.push(version);
  };

  for (const lib of facts.libraries) {
    switch (lib.kind) {
      case 'npm':
        for (const [p, v] of sig.packages) if (lib.name === p || lib.name.startsWith(p + '/')) hit(v, 'js-package', lib, lib.name, lib.version);
        break;
      case 'dylib':
      case 'weak-dylib':
      case 'framework':
        for (const [f, v] of sig.frameworks) {
          if (lib.name === f || lib.name.includes(`${f}.framework/`) || lib.name.endsWith(`/${f}.framework`)) hit(v, 'framework-link', lib, lib.name, lib.version);
        }
        break;
      case 'needed':
      case 'native-lib': {
        const v = nativeLibVendor(lib.name, sig);
        if (v) hit(v, 'native-library', lib, lib.name, lib.version);
        break;
      }
      case 'pod':
        for (const [p, v] of sig.pods) if (lib.name === p || lib.name.startsWith(p + '/')) hit(v, 'pod', lib, lib.name, lib.version);
        break;
      case 'swiftpm': {
        const v = sig.swiftPackages.get(lib.name);
        if (v) hit(v, 'swift-package', lib, lib.name, lib.version);
        break;
      }
      case 'maven':
        for (const [m, v] of sig.maven) if (lib.name === m || lib.name.startsWith(m + ':')) hit(v, 'maven', lib, lib.name, lib.version ?? (lib.name.slice(m.length + 1).split(':')[0] || undefined));
        break;
      default:
        break;
    }
  }

  // The artifact itself: a framework's binary or Info.plist, or a vendor .so inside an APK.
  const segs = facts.artifact.split(/[/!]/);
  // Only a member of a `.framework` folder can be one (most artifacts: no name built per framework).
  if (segs.length >= 2 && segs[segs.length - 2]!.endsWith('.framework')) for (const [f, v] of sig.frameworks) {
    const i = segs.lastIndexOf(`${f}.framework`);
    if (i >= 0 && i === segs.length - 2 && (segs[i + 1] === f || segs[i + 1] === 'Info.plist')) hit(v, 'framework-bundle', {}, `${f}.framework/${segs[i + 1]}`);
  }
  // Desktop/Node addons and libraries too (`agora_node_ext.node`, `*.dylib`, `*.dll`).
  const libVendor = /\.(?:so(?:\.\d+)*|node|dylib|dll)$/i.test(facts.artifact) ? nativeLibVendor(facts.artifact, sig) : undefined;
  if (libVendor) hit(libVendor, 'native-library', {}, basename(facts.artifact));

  let plistVendor: VendorRule | undefined;
  if (facts.artifact.endsWith('.framework/Info.plist')) {
    for (const [f, v] of sig.frameworks) {
      if (facts.artifact.endsWith(`/${f}.framework/Info.plist`)) plistVendor = v;
    }
  }
  for (const c of facts.config) {
    if (typeof c.value !== 'string') continue;
    if (c.key === 'CFBundleIdentifier' || c.key.endsWith('/CFBundleIdentifier')) {
      const v = sig.bundleIds.get(c.value);
      if (v) {
        plistVendor ??= v;
        hit(v, 'framework-bundle', c, c.value);
      }
    }
    // (The key first: a lookup hashes the whole value, and most config facts are no manifest's.)
    const comp = c.key.includes('manifest/') && /(^|\/)manifest\//.test(c.key) ? sig.components.get(c.value) : undefined;
    if (comp) hit(comp, 'android-manifest', c, c.value);
  }
  // package.json (Electron and Node apps, node_modules/<pkg>/package.json): dependency ranges and a vendor package's
  // own name and version.
  if (basename(facts.artifact) === 'package.json') packageJson(facts, sig, hit);

  // A vendor framework's own Info.plist states the SDK version.
  if (plistVendor) {
    const ver = facts.config.find((c) => c.key === 'CFBundleShortVersionString' && typeof c.value === 'string');
    const d = found.get(plistVendor.id);
    if (ver && d && !d.versions.includes(String(ver.value))) d.versions.unshift(String(ver.value));
  }

  const symbol = (name: string, position: Position) => {
    const exported = sig.nativeSymbols.get(name.startsWith('_') ? name.slice(1) : name);
    if (exported) {
      hit(exported, 'native-symbol', position, name);
      return;
    }
    const objc = OBJC_SYMBOL.exec(name);
    if (objc) {
      const v = sig.objcClasses.get(objc[1]!);
      if (v) hit(v, 'objc-class', position, name);
      return;
    }
    if (name.startsWith('Java_')) {
      for (const [p, v] of sig.jniPrefixes) if (name.startsWith(p)) hit(v, 'jni-symbol', position, name);
      return;
    }
    const method = /^[-+]\[([\w$.]+)(?:\([^)]*\))? /.exec(name);
    if (method) {
      const v = sig.objcClasses.get(method[1]!);
      if (v) hit(v, 'objc-class', position, name);
      return;
    }
    // DEX method and field symbols: `Lio/agora/rtc2/RtcEngine;->create(…)…` → the class descriptor.
    const arrow = name.indexOf(';->');
    if (name.startsWith('L') && (arrow > 0 || name.endsWith(';'))) dexType(arrow > 0 ? name.slice(0, arrow + 1) : name, position);
  };
  const dexType = (desc: string, position: Position) => {
    const body = desc.replace(/^\[+/, '');
    if (!body.startsWith('L')) return;
    for (const [p, v] of sig.dexPrefixes) if (body.startsWith(p, 1)) hit(v, 'dex-type', position, body);
  };
  for (const sym of facts.symbols) {
    // Mach-O readers name ObjC classes plainly (`AgoraRtcEngineKit`, kind class).
    const cls = sym.kind === 'class' ? sig.objcClasses.get(sym.name) : undefined;
    if (cls) hit(cls, 'objc-class', sym, sym.name);
    else symbol(sym.name, sym);
  }

  // Rust crate paths and other strings only a vendor's native code carries (`livekit/src/rtc_engine/`).
  const nativeMarker = (s: Facts['strings'][number]) => {
    if (!sig.nativeGate || s.value.length > 4096 || !sig.nativeGate.test(s.value)) return;
    for (const [m, v] of sig.nativeMarkers) if (s.value.includes(m)) hit(v, 'native-marker', s, m);
  };
  // Which needles each string holds, from the checks' shared pass (string-scan.ts; literals are among its kinds).
  const { flags } = stringScan(facts, pack);
  const strings = facts.strings;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    switch (s.kind) {
      case 'comment':
        continue;
      case 'objc-class':
      case 'swift-type': {
        // Swift sees imported ObjC classes as `__C.AgoraRtcEngineKit`.
        const v = sig.objcClasses.get(s.value.startsWith('__C.') ? s.value.slice(4) : s.value);
        if (v) hit(v, 'objc-class', s, s.value);
        continue;
      }
      case 'symbol':
        symbol(s.value, s);
        continue;
      case 'dex-type':
        dexType(s.value, s);
        continue;
      case 'cstring':
      case 'cfstring':
      case 'dex-string': {
        // NSClassFromString(@"AgoraRtcEngineKit"), System.loadLibrary("agora-rtc-sdk").
        const v = sig.objcClasses.get(s.value);
        if (v) hit(v, 'objc-class', s, s.value, undefined, true);
        const lib = s.value.length < 128 && !s.value.includes(' ') ? nativeLibVendor(s.value, sig) : undefined;
        if (lib) hit(lib, 'native-library', s, s.value, undefined, true);
        nativeMarker(s);
        continue;
      }
      case 'printable':
        nativeMarker(s);
        break;
      default:
        break;
    }
    // The kinds compared directly: two set lookups per string were a measurable share of this loop.
    const hermes = s.kind === 'hermes-string' || s.kind === 'hermes-identifier';
    if (hermes || s.kind === 'literal' || s.kind === 'identifier') {
      for (const m of (sig.jsExactHeads.has(headOf(s.value)) && sig.jsExact.get(s.value)) || NONE) {
        // A global only counts as an identifier (a literal "AgoraRTC" may be prose or a label).
        if (m.route === 'js-global' && s.kind !== 'identifier' && s.kind !== 'hermes-identifier') continue;
        hit(m.vendor, hermes ? 'hermes-string' : m.route, s, s.value);
      }
      if (s.kind === 'literal' && flags[i]! & HAS_NODE_MODULES && s.value.includes('node_modules/')) {
        for (const [p, v] of sig.packages) if (s.value.includes(`node_modules/${p}/`)) hit(v, 'js-package', s, p);
      }
      // `<script src="https://unpkg.com/@100mslive/hms-video@latest/dist/bundle.umd.js">`: a package from an npm CDN.
      // Every CDN of the gate has a '/' in its name: a native search spares the regex most strings (data lines).
      if (s.kind === 'literal' && flags[i]! & HAS_SLASH && NPM_CDN_GATE.test(s.value)) {
        for (const p of npmCdnPackages(s.value)) {
          const v = sig.packages.find(([q]) => q === p)?.[1];
          if (v) hit(v, 'js-package', s, p);
        }
      }
    }
  }

  // Cross-platform wrappers: plugin lists, plugin classes and the strings their compiled code keeps.
  for (const w of detectWrappers(facts, pack)) {
    hit(w.vendor, w.route, w.position, `${w.what} [${w.wrapper.platform}]`, w.version, w.fromString);
    const d = found.get(w.vendor.id)!;
    if (!d.platforms.includes(w.wrapper.platform)) d.platforms.push(w.wrapper.platform);
    const coordinate = wrapperCoordinate(w.wrapper);
    if (coordinate && w.route === 'wrapper-package' && !d.packages.includes(coordinate)) d.packages.push(coordinate);
  }

  // An npm package that is a wrapper (found by import, node_modules path or package.json) names its platform too.
  const npmPlatforms = npmWrapperPlatforms(pack);
  for (const d of found.values()) {
    for (const c of d.packages) {
      const platform = c.startsWith('npm/') ? npmPlatforms.get(c.slice(4)) : undefined;
      if (platform && !d.platforms.includes(platform)) d.platforms.push(platform);
    }
  }

  // SDK version strings, only for vendors already found (a version-looking string alone proves nothing).
  for (const d of found.values()) {
    const res = sig.versionRes.get(d.vendor.id) ?? [];
    if (!res.length) continue;
    for (const s of facts.strings) {
      if (!VERSION_KINDS.has(s.kind) || s.value.length > MAX_VERSION_STRING) continue;
      for (const re of res) {
        const m = re.exec(s.value);
        if (m?.[1] && !d.versions.includes(m[1])) d.versions.push(m[1]);
      }
      if (d.versions.length >= 5) break;
    }
  }
  // A vendor's own build (the JS reader recognised the whole file): other vendors' strings in it (generic
  // WebRTC globals, a partner's domain) are that SDK's internals, not SDKs the app bundles.
  if (own) for (const id of [...found.keys()]) if (id !== own) found.delete(id);
  return found;
}

function strongest(d: SdkDetection): Evidence {
  return [...d.evidence].sort((a, b) => rankOf(a) - rankOf(b))[0]!;
}

function sessionMessage(use: AppApiUse, show: boolean): string {
  const name = use.vendor.name;
  const kind = use.kind === 'join' ? 'joins a session' : 'initialises the SDK';
  if (use.resolved) {
    const args = renderArgs(use.args, show);
    const where = use.route !== 'js-call' && use.caller ? ` in ${use.caller}` : '';
    return `App code ${kind} with ${name} (${use.apiId}) via ${use.callee}(${args || '…'})${where}.`;
  }
  switch (use.route) {
    case 'js-call': {
      const args = renderArgs(use.args, show);
      return `App code ${kind} with ${name} (${use.apiId}) via ${use.callee}(${args || '…'}).`;
    }
    case 'hermes-call':
      return `App code ${kind} with ${name} (${use.apiId}): ${use.callee}(…) called in ${use.caller ?? 'bytecode'} (arguments not resolved in bytecode).`;
    case 'dex-call':
      return `App code ${kind} with ${name} (${use.apiId}): ${use.callee} called from ${use.caller}.`;
    case 'objc-call':
      return `App code ${kind} with ${name} (${use.apiId}): ${use.callee}${use.caller ? ` called from ${use.caller}` : ''}.`;
    case 'objc-selector':
      return `The binary references the ${name} selector ${use.callee} (${use.apiId}); weaker evidence: the selector is referenced, the call site was not traced.`;
    case 'source-call':
      return `App code ${kind} with ${name} (${use.apiId}) via ${use.callee}(…)${use.caller ? ` in ${use.caller}` : ''}.`;
    case 'dart-aot':
      return (
        `App code calls ${name} ${use.callee} (${use.apiId}): the Dart AOT snapshot keeps the plugin's code for it (${use.evidence}), which AOT ` +
        `compilation keeps only for APIs the app calls; weaker evidence: call site and arguments are not read from the snapshot's code.`
      );
  }
}

/** One vendor's SDK evidence across the bundle's artifacts: reported once, at the strongest evidence. */
interface BundleSdk {
  vendor: VendorRule;
  routes: Set<SdkRoute>;
  versions: string[];
  packages: Set<string>;
  platforms: Set<string>;
  /** Ranked evidence with its location resolved while the artifact's facts were at hand. */
  evidence: Array<{ rank: number; route: SdkRoute; what: string; location: Location }>;
  artifacts: Set<string>;
}

/** Related locations kept per vendor: enough to show every artifact that carries the SDK, a few routes each. */
const MAX_RELATED = 24;

function rankOf(e: Evidence): number {
  return SDK_ROUTES.indexOf(e.route) + (e.fromString ? SDK_ROUTES.length : 0);
}

export const sdkCheck: Check = {
  id: 'sdk',
  reports: ['RTC101', 'RTC102'],
  literalReads: 'sdk',
  create(ctx: CheckContext) {
    // One RTC101 per vendor per bundle: a framework's binary, its Info.plist and the app binary linking it are
    // one SDK, so their evidence becomes related locations of one result.
    const sdks = new Map<string, BundleSdk>();
    return {
      end() {
        for (const d of sdks.values()) {
          const ranked = [...d.evidence].sort((a, b) => a.rank - b.rank);
          const best = ranked[0]!;
          // The best piece of evidence of each other artifact first, then the rest by strength.
          const firstPerArtifact = new Set<string>([best.location.artifact]);
          const lead = ranked.filter((e) => e !== best && !firstPerArtifact.has(e.location.artifact) && firstPerArtifact.add(e.location.artifact));
          const related = [...lead, ...ranked.filter((e) => e !== best && !lead.includes(e))].slice(0, MAX_RELATED).map((e) => e.location);
          const version = d.versions[0];
          const routes = SDK_ROUTES.filter((r) => d.routes.has(r));
          const where = d.artifacts.size > 1 ? ` (${d.artifacts.size} artifacts)` : '';
          ctx.report({
            ruleId: 'RTC101',
            message: isProtocol(d.vendor)
              ? `${d.vendor.name} is used directly (${PROTOCOL_JURISDICTION}); found by ${routes.join(', ')}${where}: ${best.what}.`
              : `${d.vendor.name} RTC SDK${version ? ` ${version}` : ''} is bundled (vendor jurisdiction ${jurisdictionOf(d.vendor)}); found by ${routes.join(', ')}${where}: ${best.what}.`,
            location: best.location,
            ...(related.length ? { related } : {}),
            properties: {
              category: 'rtc-sdk',
              vendor: d.vendor.id,
              routes,
              route: best.route,
              ...(version ? { version } : {}),
              ...(d.versions.length > 1 ? { versions: d.versions } : {}),
              ...(d.packages.size ? { packages: [...d.packages].sort() } : {}),
              ...(d.platforms.size ? { platforms: [...d.platforms].sort() } : {}),
              artifacts: d.artifacts.size,
              ...(isProtocol(d.vendor) ? { protocol: true } : { jurisdiction: d.vendor.jurisdiction.country }),
            },
            identity: `${d.vendor.id}|sdk`,
          });
        }
      },
      artifact(facts: Facts) {
        for (const d of detectSdks(facts, ctx.rules).values()) {
          let b = sdks.get(d.vendor.id);
          if (!b) sdks.set(d.vendor.id, (b = { vendor: d.vendor, routes: new Set(), versions: [], packages: new Set(), platforms: new Set(), evidence: [], artifacts: new Set() }));
          b.artifacts.add(facts.artifact);
          for (const r of d.routes) b.routes.add(r);
          for (const v of d.versions) if (!b.versions.includes(v)) b.versions.push(v);
          for (const p of d.packages) b.packages.add(p);
          for (const p of d.platforms) b.platforms.add(p);
          const best = strongest(d);
          for (const e of [best, ...d.evidence.filter((x) => x !== best)]) {
            if (b.evidence.length >= 4 * MAX_RELATED && e !== best) break;
            b.evidence.push({ rank: rankOf(e), route: e.route, what: e.what, location: locationOf(facts, e.position, e === best ? e.what : `${e.route}: ${e.what}`) });
          }
        }
        // Every call site is a session start of its own: the same call with the same arguments twice in a function
        // (a join, then a re-join after a token refresh) is two results. The identity stays what is called with what;
        // the second and later call sites in the file add their occurrence, as GitHub's line hashes do (`hash:2`),
        // so a fingerprint survives edits elsewhere in the file.
        const sites = new Map<string, Set<string>>();
        for (const use of appApiUses(facts, ctx.rules)) {
          if (use.kind !== 'init' && use.kind !== 'join') continue;
          const base = useIdentity(use);
          const at = `${use.location.line ?? ''}:${use.location.column ?? ''}:${use.location.offset ?? ''}`;
          let seen = sites.get(base);
          if (!seen) sites.set(base, (seen = new Set()));
          if (seen.has(at) || (seen.size > 0 && !use.resolved)) continue;
          seen.add(at);
          const identity = seen.size === 1 ? base : `${base}|occurrence=${seen.size}`;
          ctx.report({
            ruleId: 'RTC102',
            // A referenced selector is weaker evidence than a traced call: reported as a note.
            ...(use.weak ? { level: 'note' as const } : {}),
            message: sessionMessage(use, ctx.showSecrets),
            location: use.location,
            properties: { category: 'rtc-sdk', vendor: use.vendor.id, api: use.apiId, kind: use.kind, route: use.route, ...(use.weak ? { weak: true } : {}) },
            identity,
          });
        }
      },
    };
  },
};

/** npm CDNs that serve a package by its name in the URL path. */
const NPM_CDN_GATE = /unpkg\.com\/|cdn\.jsdelivr\.net\/npm\/|esm\.sh\/|cdn\.skypack\.dev\/|jspm\.io\/npm:/;
const NPM_CDN = /(?:\/\/unpkg\.com\/|\/\/cdn\.jsdelivr\.net\/npm\/|\/\/esm\.sh\/|\/\/cdn\.skypack\.dev\/|jspm\.io\/npm:)((?:@[\w.~-]+\/)?[\w.~-]+)/g;

/** Package names of npm CDN URLs in a text (`https://cdn.jsdelivr.net/npm/agora-rtc-sdk-ng@4/…` → agora-rtc-sdk-ng). */
export function npmCdnPackages(text: string): string[] {
  return [...text.matchAll(NPM_CDN)].map((m) => m[1]!);
}
