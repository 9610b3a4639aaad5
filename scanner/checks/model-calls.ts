// Vendor API uses read from the format-neutral code model (facts.code): a call matches an API rule by its
// receiver's type and method — the JVM class of a DEX invoke, the ObjC class of a message, and for JS source and
// Hermes bytecode alike the vendor type model-types.ts gives the structural receiver (one typing for both); its
// arguments become roles through the rule's `args` and `props`. Calls inside vendor code are the SDK's own.
import type { Facts, JsValue } from '../core/facts.js';
import type { CodeModel, ModelCall, ModelFunction, ModelValue, Receiver } from '../model/types.js';
import type { RulePack } from '../rules/pack.js';
import type { ApiRule, ArgRole, VendorRule } from '../rules/schema.js';
import { constantString, toJsValue } from './model-values.js';
import type { AppApiUse, CallRoute } from './vendor-calls.js';
import { ReceiverTypes } from './model-types.js';

type Hit = { vendor: VendorRule; api: ApiRule };

interface ModelIndex {
  /** `io/agora/rtc2/RtcEngine->joinChannel` → apis (android). */
  android: Map<string, Hit[]>;
  /** selector → apis (ios). */
  ios: Map<string, Hit[]>;
  /** Dart method → apis (flutter). */
  flutter: Map<string, Hit[]>;
  vendorPackagePrefixes: string[];
  /** iOS: vendor framework names (`AgoraRtcKit`) and ObjC classes (`AgoraRtcEngineKit`), for vendor code in Mach-O. */
  vendorFrameworks: Set<string>;
  vendorClasses: Set<string>;
}

const cache = new WeakMap<RulePack, ModelIndex>();

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function modelIndex(pack: RulePack): ModelIndex {
  let idx = cache.get(pack);
  if (idx) return idx;
  idx = { android: new Map(), ios: new Map(), flutter: new Map(), vendorPackagePrefixes: [], vendorFrameworks: new Set(), vendorClasses: new Set() };
  for (const vendor of pack.vendors) {
    for (const api of vendor.apis) {
      const hit = { vendor, api };
      if (api.platform === 'android' && api.class && api.method) push(idx.android, `${jvmName(api.class)}->${api.method}`, hit);
      else if (api.platform === 'ios' && api.selector) push(idx.ios, api.selector, hit);
      else if (api.platform === 'flutter' && api.method) push(idx.flutter, api.method, hit);
    }
    for (const p of vendor.sdk.android?.packages ?? []) idx.vendorPackagePrefixes.push(jvmName(p) + '/');
    for (const f of vendor.sdk.ios?.frameworks ?? []) idx.vendorFrameworks.add(f);
    for (const c of vendor.sdk.ios?.classes ?? []) idx.vendorClasses.add(c);
  }
  cache.set(pack, idx);
  return idx;
}

/** `Lio/agora/rtc2/RtcEngine;` / `io.agora.rtc2.RtcEngine` → `io/agora/rtc2/RtcEngine`. */
export function jvmName(cls: string): string {
  const c = cls.startsWith('L') && cls.endsWith(';') ? cls.slice(1, -1) : cls;
  return c.replace(/\./g, '/');
}

const GLOBAL_PREFIX = /^(?:globalThis|window|global|self)\./;

/** The type a receiver is known to have: a class, a constructed type, a global, a package. */
export function receiverTypeOf(call: ModelCall): string | undefined {
  if (call.receiverType) return call.receiverType;
  const r = call.receiver;
  switch (r.kind) {
    case 'new':
      return r.type;
    case 'class':
    case 'global':
    case 'module':
      return r.name.replace(GLOBAL_PREFIX, '');
    default:
      return undefined;
  }
}

/**
 * A selector that names one API rather than a common Cocoa idiom: it takes arguments and is long enough not to be
 * a generic verb (`sharedInstance`, `destroy`, `init:` name nothing vendor-specific).
 */
export function distinctiveSelector(sel: string): boolean {
  return sel.includes(':') && sel.length >= 12;
}

function routeOf(facts: Facts): CallRoute {
  if (facts.code?.platform && facts.format === 'text') return 'source-call';
  switch (facts.format) {
    case 'hermes':
      return 'hermes-call';
    case 'dex':
      return 'dex-call';
    case 'macho':
      return 'objc-call';
    default:
      return 'js-call';
  }
}

function platformOf(facts: Facts): 'js' | 'android' | 'ios' | 'flutter' {
  return facts.code?.platform ?? (facts.format === 'dex' ? 'android' : facts.format === 'macho' ? 'ios' : 'js');
}

/** A selector's parts: `connectWithUrl:token:` → [`connectWithUrl`, `token`]; `init` → [`init`]. */
function selectorParts(sel: string): string[] {
  const parts = sel.split(':');
  if (sel.endsWith(':')) parts.pop();
  return parts;
}

/**
 * Whether a Swift call, written as its selector (model.ts swiftSelector: `connectUrl:token:`, an unlabeled argument
 * or trailing closure as an empty part), calls the Objective-C method `rule`. Swift's names of Objective-C methods
 * drop the `With` before the first label (`connect(url:token:)` is `connectWithUrl:token:…`); a call may leave out
 * defaulted arguments and, awaited, the completion handler, so its labels need only appear in the rule's order; an
 * unlabeled argument (a trailing closure) stands for any one parameter. A constructor with no arguments is the
 * initializer with every argument defaulted.
 */
export function swiftCallFits(call: string, rule: string): boolean {
  const c = selectorParts(call);
  const r = selectorParts(rule);
  const head = r[0]!;
  const name = head.replace(/With[A-Z]\w*$/, '');
  if (c.length === 1 && !call.includes(':')) return call === 'init' && name === 'init';
  if (c[0] !== head && c[0] !== head.replace(/With(?=[A-Z])/, '')) return false;
  let at = 1;
  for (const label of c.slice(1)) {
    while (at < r.length && label !== '' && r[at] !== label) at++;
    if (at >= r.length) return false;
    at++;
  }
  return true;
}

/** True when an argument matches the rule's `argValues` (generic setters told apart by a literal). */
function argValuesMatch(api: ApiRule, args: ModelValue[]): boolean {
  if (!api.argValues) return true;
  return Object.entries(api.argValues).every(([i, want]) => {
    const v = args[Number(i)];
    return v !== undefined && constantString(v) === want;
  });
}

/**
 * Positional roles (of the call's overload when the rule lists it by parameter descriptor), then roles of
 * object-argument properties (`props`), first definition wins. The one role assignment of every format: JS
 * source calls (scanner/checks/vendor-calls.ts) and the code model of Hermes, DEX and Mach-O.
 */
export function modelArgsByRole(api: ApiRule, args: ModelValue[], signature?: string, missingIsUndefined = false): Partial<Record<ArgRole, JsValue>> {
  const out: Partial<Record<ArgRole, JsValue>> = {};
  const values = args.map((a) => toJsValue(a));
  const positional = (signature !== undefined ? api.overloads?.[signature] : undefined) ?? api.args;
  positional.forEach((role, i) => {
    // JS source: an argument the call leaves out is `undefined` (`client.join(appId, channel)` has no token).
    const v = values[i] ?? (missingIsUndefined ? ({ kind: 'undefined' } as JsValue) : undefined);
    if (v === undefined || role === 'other') return;
    if (!(role in out)) out[role] = v;
  });
  const visit = (v: JsValue, depth: number) => {
    if (v.kind !== 'object' || depth > 3) return;
    for (const [prop, pv] of Object.entries(v.props)) {
      const role = api.props[prop];
      if (role && role !== 'config' && !(role in out)) out[role] = pv;
      visit(pv, depth + 1);
    }
  };
  for (const v of values) visit(v, 0);
  return out;
}

/** Names a model call's result is known by: its callee text and where it was stored. */
function resultNames(call: ModelCall): string[] {
  const names = [call.callee];
  if (call.resultTo) names.push(`=${call.resultTo}`);
  return names;
}

/** Names a receiver refers to, for looking up the `returns` type of the vendor call that produced it. */
function receiverNames(r: Receiver): string[] {
  switch (r.kind) {
    case 'call':
      return [r.callee];
    case 'field':
      return [`=${r.owner ? `${r.owner}.` : ''}${r.name}`, `=this.${r.name}`, `=${r.name}`];
    default:
      return [];
  }
}

interface VendorCodeTest {
  (fn: ModelFunction | undefined): boolean;
}

/** The framework a Mach-O image is (by install name or by its path in the bundle): `AgoraRtcKit`. */
function frameworkOf(facts: Facts): string | undefined {
  const at = /([^/]+)\.framework\/[^/]+$/;
  return at.exec(facts.meta.installName ?? '')?.[1] ?? at.exec(facts.artifact)?.[1];
}

/** A test for "this function is the vendor's own code" in one artifact (SDK internals never count as app use). */
export function vendorCode(facts: Facts, pack: RulePack): VendorCodeTest {
  return vendorCodeTest(facts, modelIndex(pack));
}

function vendorCodeTest(facts: Facts, idx: ModelIndex): VendorCodeTest {
  // Mach-O: the whole image is vendor code when it is a vendor's framework; otherwise a method of a vendor class
  // (an SDK linked statically into the app binary) is.
  const fw = facts.format === 'macho' ? frameworkOf(facts) : undefined;
  const vendorImage = fw !== undefined && idx.vendorFrameworks.has(fw);
  return (fn) => {
    if (vendorImage) return true;
    if (facts.format === 'macho' && fn) {
      const cls = /^[+-]\[([^\s(]+)/.exec(fn.name)?.[1];
      if (cls && idx.vendorClasses.has(cls)) return true;
    }
    if (!fn) return false;
    if (fn.inVendorCode) return true;
    if (facts.format === 'dex') {
      const cls = /^L([^;]+);/.exec(fn.name)?.[1];
      return !!cls && idx.vendorPackagePrefixes.some((p) => cls.startsWith(p));
    }
    // Java / Kotlin source is what the app compiles, whatever its package: a vendor's own sample app
    // (`com.twilio.video.app`) and a UI kit's source copied into the app (`com.tencent.liteav.model`) sit under the
    // vendor's namespace but are app code; the SDK's own classes ship compiled (DEX above, a library's source under
    // node_modules is `inVendorCode`).
    return false;
  };
}

/** Vendors whose iOS classes the artifact itself names (class refs, class strings, class receivers). */
function iosVendorsPresent(facts: Facts, model: CodeModel, pack: RulePack): Set<string> {
  const classes = new Map<string, string>();
  for (const v of pack.vendors) for (const c of v.sdk.ios?.classes ?? []) classes.set(c, v.id);
  const present = new Set<string>();
  const see = (name: string | undefined) => {
    if (!name) return;
    const id = classes.get(name.replace(/^_?OBJC_CLASS_\$_/, ''));
    if (id) present.add(id);
  };
  for (const s of facts.strings) if (s.kind === 'objc-class') see(s.value);
  for (const s of facts.symbols) see(s.name);
  for (const c of model.calls) see(receiverTypeOf(c));
  return present;
}

/**
 * `ZegoExpressEngine` names zegocloud, `AgoraRtcEngineKit` agora: the vendor's id, an alias, or a credential keyword
 * that abbreviates the id (`zego`), at least 4 letters.
 */
function namesVendor(cls: string, vendor: VendorRule): boolean {
  const name = cls.toLowerCase();
  const id = vendor.id.split('-')[0]!.toLowerCase();
  const names = [id, ...vendor.aliases, ...vendor.credentials.flatMap((r) => r.keywords).filter((k) => /^[a-z]{4,}$/.test(k) && id.startsWith(k))];
  return names.some((n) => n.length >= 4 && name.includes(n.toLowerCase().replace(/[^a-z0-9]/g, '')));
}

/** Vendors whose iOS module a source file imports (`import LiveKit`, `import AgoraRtcKit`). */
function importedIosVendors(model: CodeModel, pack: RulePack): string[] {
  const imports = new Set(model.imports ?? []);
  return pack.vendors.filter((v) => (v.sdk.ios?.frameworks ?? []).some((f) => imports.has(f.replace(/\.framework$/, '')))).map((v) => v.id);
}

/** Every vendor API use by app code that the artifact's code model shows, with argument values by role. */
export function modelApiUses(facts: Facts, pack: RulePack, locate: (pos: ModelCall, context?: string) => AppApiUse['location']): AppApiUse[] {
  const model = facts.code;
  if (!model || !model.calls.length) return [];
  return matchModelUses(facts, model, pack, locate, 0);
}

/**
 * Vendor API uses in commented-out code (CodeModel.commentedCalls): matched as the file's own calls would be, with
 * the file's real calls as context (the type of `engine` in `// engine.joinChannel(…)`), but only the commented
 * calls reported. Source files only (Java, Kotlin, Swift, Objective-C, Dart: the JS reader keeps none).
 */
export function commentedModelApiUses(facts: Facts, pack: RulePack, locate: (pos: ModelCall, context?: string) => AppApiUse['location']): AppApiUse[] {
  const commented = facts.code?.commentedCalls;
  if (!commented?.length || platformOf(facts) === 'js') return [];
  const model = { ...facts.code!, calls: [...facts.code!.calls, ...commented] };
  return matchModelUses(facts, model, pack, locate, facts.code!.calls.length);
}

/** `model.calls` from index `from` on, matched to the rules' APIs (the calls before give result types only). */
function matchModelUses(facts: Facts, model: CodeModel, pack: RulePack, locate: (pos: ModelCall, context?: string) => AppApiUse['location'], from: number): AppApiUse[] {
  const idx = modelIndex(pack);
  const route = routeOf(facts);
  const platform = platformOf(facts);
  const inVendor = vendorCodeTest(facts, idx);
  // JS source and Hermes bytecode: structural receivers, typed by the one typing of model-types.ts.
  if (platform === 'js') return structuralApiUses(model, pack, inVendor, locate, route);
  const iosPresent = platform === 'ios' ? iosVendorsPresent(facts, model, pack) : new Set<string>();
  // Swift source: calls are matched by their Swift form (swiftCallFits), and only to the APIs of a vendor whose
  // module the file imports or whose classes the artifact holds (`Room` is a common class name).
  const swift = platform === 'ios' && facts.artifact.toLowerCase().endsWith('.swift');
  const swiftVendors = swift ? new Set([...iosPresent, ...importedIosVendors(model, pack)]) : new Set<string>();
  const swiftCache = new Map<string, Hit[]>();
  const swiftHits = (call: ModelCall): Hit[] => {
    const key = call.construct ? (call.initSelector ?? 'init') : call.method;
    let found = swiftCache.get(key);
    if (!found) {
      found = idx.ios.get(key) ?? [];
      if (!found.length) for (const [sel, hs] of idx.ios) if (swiftCallFits(key, sel)) found = [...found, ...hs];
      swiftCache.set(key, found);
    }
    return found.filter((h) => swiftVendors.has(h.vendor.id));
  };

  // Source code (`val e = RtcEngine.create(…)`, Dart `createAgoraRtcEngine()`): the `returns` types of vendor calls,
  // by the names their results are known by; grown until stable because a factory call may come after its uses in
  // the model's order. Types are the vendor's own (`type:engine` of Agora is not Alibaba's).
  const typeOfResult = new Map<string, { vendor: string; type: string }>();
  const matched = new Map<number, Hit[]>();
  for (let round = 0; round < 4; round++) {
    const before = typeOfResult.size;
    model.calls.forEach((call, i) => {
      if (inVendor(model.functions[call.fn])) return;
      const hits = matchCall(call);
      if (!hits.length) return;
      matched.set(i, hits);
      for (const { vendor, api } of hits) if (api.returns) for (const n of resultNames(call)) typeOfResult.set(n, { vendor: vendor.id, type: api.returns });
    });
    if (typeOfResult.size === before) break;
  }

  /** The `returns` type of the vendor call a receiver was produced by. */
  function producedType(r: Receiver): string | undefined {
    for (const n of receiverNames(r)) {
      const t = typeOfResult.get(n);
      if (t) return t.type;
    }
    return undefined;
  }

  function matchCall(call: ModelCall): Hit[] {
    const args = call.args;
    const ok = (hits: Hit[] | undefined) => (hits ?? []).filter((h) => h.api.platform === platform && argValuesMatch(h.api, args));
    if (platform === 'android') {
      const cls = call.receiverType ? jvmName(call.receiverType) : (receiverTypeOf(call) ?? producedType(call.receiver));
      return cls ? ok(idx.android.get(`${jvmName(cls)}->${call.method}`)) : [];
    }
    if (platform === 'flutter') return flutterHits(call, ok(idx.flutter.get(call.method)));
    const hits = swift ? swiftHits(call).filter((h) => h.api.platform === platform && argValuesMatch(h.api, args)) : ok(idx.ios.get(call.method));
    if (!hits.length) return [];
    // `id` (and `id<INERtcEngineEx>`, a protocol-typed `id`) names no class: the receiver's class is unknown.
    const declared = receiverTypeOf(call);
    const cls = declared === 'id' || declared === 'instancetype' ? undefined : declared;
    // The receiver's class: given, or the class whose factory produced it (`[AgoraRtcEngineKit sharedEngine…]`).
    const producer = call.receiver.kind === 'call' ? call.receiver.callee.split(/[.\s[]/).filter(Boolean)[0] : undefined;
    const known = cls ?? producer;
    if (known) return hits.filter((h) => !h.api.class || h.api.class === known);
    // Class unknown: the selector alone, only when it is distinctive and the vendor's classes are in this binary.
    // (Swift hits are already limited to the vendors the file imports.)
    return distinctiveSelector(call.method) ? hits.filter((h) => swift || iosPresent.has(h.vendor.id)) : [];
  }

  /**
   * Dart: an API of a plugin package the file imports, on a receiver of the rule's class (declared type, class of a
   * static call, or the `returns` type of the call that produced it); a rule without a class is a top-level function
   * (`createAgoraRtcEngine()`), called without a receiver.
   */
  function flutterHits(call: ModelCall, hits: Hit[]): Hit[] {
    if (!hits.length) return [];
    const imports = model.imports ?? [];
    // Commented-out code outlives its import (`// ZegoExpressEngine.createEngineWithProfile(…)` after the plugin
    // was swapped): there the rule's class must name its vendor instead (`ZegoExpressEngine`, not `RtcEngine`).
    const imported = (h: Hit) =>
      (h.api.receiver ?? []).some((pkg) => imports.some((i) => i.startsWith(`package:${pkg}/`))) || (!!call.commented && !!h.api.class && namesVendor(h.api.class, h.vendor));
    const cls = receiverTypeOf(call) ?? producedType(call.receiver);
    // A Dart singleton: `ZegoExpressEngine.instance.loginRoom(…)` calls the engine held by a static field of the
    // rule's own class (`static final ZegoExpressEngine instance`).
    const staticOwner = call.receiver.kind === 'field' ? call.receiver.owner : undefined;
    const fit = hits.filter((h) => imported(h) && (h.api.class ? h.api.class === cls || h.api.class === staticOwner : call.receiver.kind === 'none' || call.receiver.kind === 'module'));
    // Overloads across plugin versions (4.x positional, 6.x named): the one whose arity fits, per vendor.
    const n = call.args.length;
    const out: Hit[] = [];
    for (const vendor of new Set(fit.map((h) => h.vendor))) {
      const mine = fit.filter((h) => h.vendor === vendor);
      out.push(mine.find((h) => h.api.args.length === n) ?? mine.find((h) => h.api.args.length >= n) ?? mine[0]!);
    }
    return out;
  }

  const uses: AppApiUse[] = [];
  for (const [i, hits] of [...matched].sort((a, b) => a[0] - b[0])) {
    if (i < from) continue;
    const call = model.calls[i]!;
    const fn = model.functions[call.fn];
    for (const { vendor, api } of hits) {
      uses.push({
        vendor,
        api,
        apiId: api.id,
        kind: api.kind,
        route,
        location: locate(call, call.context ?? fn?.name),
        args: modelArgsByRole(api, call.args, call.signature),
        callee: call.callee,
        ...(fn ? { caller: fn.name } : {}),
        weak: false,
        resolved: true,
        ...(call.literalAt ? { literalAt: call.literalAt } : {}),
      });
    }
  }
  return uses;
}

/**
 * JS source and Hermes bytecode: each call site's structural receiver (def-use terms the reader followed) is typed
 * from the rules (model-types.ts), one API per call site; a left-out argument is `undefined`.
 */
function structuralApiUses(model: CodeModel, pack: RulePack, inVendor: VendorCodeTest, locate: (pos: ModelCall, context?: string) => AppApiUse['location'], route: CallRoute): AppApiUse[] {
  const types = new ReceiverTypes(pack);
  const bundled = new Set(model.bundled ?? []);
  const uses: AppApiUse[] = [];
  for (const call of model.calls) {
    const fn = model.functions[call.fn];
    if (inVendor(fn)) continue;
    const hit = types.matchJs(call, bundled);
    if (!hit) continue;
    const { vendor, api } = hit;
    uses.push({
      vendor,
      api,
      apiId: api.id,
      kind: api.kind,
      route,
      location: locate(call, route === 'js-call' ? call.context : (call.context ?? fn?.name)),
      args: modelArgsByRole(api, call.args, undefined, true),
      callee: call.callee,
      // Compiled code: the calling function (credentials tie an App ID to the function that uses it).
      ...(route !== 'js-call' && fn ? { caller: fn.name } : {}),
      weak: false,
      resolved: true,
    });
  }
  return uses;
}
