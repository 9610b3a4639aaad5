// Vendor types of structural receivers (scanner/model/types.ts Receiver terms), from the rules alone: a package or
// global of a vendor is its SDK root; a member of the root is a named export (or a namespace step such as
// `Twilio.Video`, or the default export the rules name with `defaultExportOf`); calling an API with `returns`
// gives that type; `new` of a root member is the API of that name; objects, refs, contexts and functions carry
// the type of what they hold. Readers give def-use only; this is the one place that knows vendors.
import type { JsValue } from '../core/facts.js';
import type { ModelCall, ModelValue, Receiver } from '../model/types.js';
import type { RulePack } from '../rules/pack.js';
import type { ApiRule, VendorRule } from '../rules/schema.js';
import { toJsValue } from './model-values.js';

/** Methods of Function.prototype: what a call of them on an unknown value most often is. */
const FUNCTION_METHODS = new Set(['call', 'apply', 'bind']);

/**
 * `root` (the SDK's export or global), a `returns` type of another API (`client`), `*` (an object made by a class
 * of the vendor's own code), `module` (an esbuild wrapper of the vendor's module), or a structure holding a typed
 * value: `fn` (calling it gives `returns`), `obj`, `ref` (`.current` is `value`), `context` (its provider gives
 * `value`).
 */
export interface VendorType {
  vendor: string;
  type: string;
  /** A named member of the root (`import {createClient} from 'pkg'`). */
  member?: string;
  /** The npm package a root came from (its default export may be a function: rules' `defaultExportOf`). */
  pkg?: string;
  /** `member` is the function the rules name as the package's default export (a default import). */
  viaDefault?: boolean;
  /** Made by `new` of a vendor root (type '*'): an instance has instance methods only, not the namespace's statics. */
  instance?: boolean;
  returns?: VendorType;
  props?: Record<string, Receiver>;
  value?: VendorType;
}

const STRUCTURES = new Set(['fn', 'obj', 'ref', 'context']);
const MAX_DEPTH = 48;

interface JsApi {
  vendor: VendorRule;
  api: ApiRule;
}

interface TypeIndex {
  byMethod: Map<string, JsApi[]>;
  byPackage: Map<string, VendorRule>;
  /** Module names of uni-app native plugins (typed only by their loader call). */
  nativePlugins: Set<string>;
  byGlobal: Map<string, VendorRule>;
  namespaceSteps: Map<string, Set<string>>;
  idRegexes: Map<string, RegExp[]>;
}

const indexCache = new WeakMap<RulePack, TypeIndex>();

function typeIndex(pack: RulePack): TypeIndex {
  let idx = indexCache.get(pack);
  if (idx) return idx;
  idx = { byMethod: new Map(), byPackage: new Map(), nativePlugins: new Set(), byGlobal: new Map(), namespaceSteps: new Map(), idRegexes: new Map() };
  for (const v of pack.vendors) {
    for (const api of v.apis) {
      if (api.platform !== 'js' || !api.method) continue;
      const list = idx.byMethod.get(api.method) ?? [];
      list.push({ vendor: v, api });
      idx.byMethod.set(api.method, list);
    }
    for (const p of v.sdk.js?.packages ?? []) if (!idx.byPackage.has(p)) idx.byPackage.set(p, v);
    // A uni-app native plugin is a module loaded by name (`uni.requireNativePlugin('TencentCloud-TUICallKit')`, as
    // `require('pkg')`): its package and module names type what the loader returns.
    for (const w of v.sdk.wrappers ?? []) {
      if (w.platform !== 'uni-app') continue;
      for (const n of [w.package, ...(w.markers ?? [])]) {
        idx.nativePlugins.add(n);
        if (!idx.byPackage.has(n)) idx.byPackage.set(n, v);
      }
    }
    for (const g of v.sdk.js?.globals ?? []) if (!idx.byGlobal.has(g)) idx.byGlobal.set(g, v);
    const res: RegExp[] = [];
    for (const c of v.credentials) {
      if (c.kind !== 'identifier') continue;
      try {
        res.push(new RegExp(`^(?:${c.regex})$`));
      } catch {
        /* the rule loader validates regexes */
      }
    }
    idx.idRegexes.set(v.id, res);
    const steps = new Set<string>();
    for (const api of v.apis) for (const r of api.receiver ?? []) if (!r.startsWith('type:') && r.includes('.')) steps.add(r.slice(r.lastIndexOf('.') + 1));
    idx.namespaceSteps.set(v.id, steps);
  }
  indexCache.set(pack, idx);
  return idx;
}

/** Vendor owning an npm specifier or package name (`agora-rtc-sdk-ng`, `agora-rtc-sdk-ng/esm`). */
function vendorOfSpecifier(idx: TypeIndex, spec: string): VendorRule | undefined {
  const direct = idx.byPackage.get(spec);
  if (direct) return direct;
  const parts = spec.split('/');
  return idx.byPackage.get(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
}

/** Types receivers of one artifact's model (memoised per term: terms are shared between calls). */
export class ReceiverTypes {
  private readonly idx: TypeIndex;
  private readonly memo = new WeakMap<object, VendorType | null>();
  private readonly active = new Set<object>();

  constructor(private readonly pack: RulePack) {
    this.idx = typeIndex(pack);
  }

  /** True when some JS API of some vendor uses this method name. */
  hasMethod(name: string): boolean {
    return this.idx.byMethod.has(name);
  }

  typeOf(r: Receiver | undefined, depth = 0): VendorType | undefined {
    if (!r) return undefined;
    const memo = this.memo.get(r);
    if (memo !== undefined) return memo ?? undefined;
    if (depth > MAX_DEPTH || this.active.has(r)) return undefined;
    this.active.add(r);
    let out: VendorType | undefined;
    try {
      out = this.compute(r, depth + 1);
    } finally {
      this.active.delete(r);
    }
    this.memo.set(r, out ?? null);
    return out;
  }

  private compute(r: Receiver, d: number): VendorType | undefined {
    switch (r.kind) {
      case 'global': {
        const v = this.idx.byGlobal.get(r.name);
        return v ? { vendor: v.id, type: 'root' } : undefined;
      }
      case 'module': {
        const vendor = r.vendor ?? vendorOfSpecifier(this.idx, r.name)?.id;
        if (!vendor) return undefined;
        if (r.wrapper) return { vendor, type: 'module' };
        return { vendor, type: 'root', ...(r.name ? { pkg: r.name } : {}) };
      }
      case 'vendorCode':
        return { vendor: r.vendor, type: '*' };
      case 'member':
        return this.member(this.typeOf(r.of, d), r.name, d);
      case 'either':
        for (const x of r.of) {
          const t = this.typeOf(x, d);
          if (t) return t;
        }
        return undefined;
      case 'object': {
        let vendor: string | undefined;
        for (const v of Object.values(r.props)) {
          vendor = this.typeOf(v, d)?.vendor;
          if (vendor) break;
        }
        return vendor ? { vendor, type: 'obj', props: r.props } : undefined;
      }
      case 'ref':
      case 'context': {
        const value = this.typeOf(r.value, d);
        return value ? { vendor: value.vendor, type: r.kind, value } : undefined;
      }
      case 'function': {
        const returns = this.typeOf(r.returns, d);
        return returns ? { vendor: returns.vendor, type: 'fn', returns } : undefined;
      }
      case 'new': {
        const callee = this.typeOf(r.of, d);
        if (!callee) return undefined;
        const named = callee.type === '*' ? r.original : callee.type === 'root' ? callee.member : undefined;
        if (named !== undefined) return { vendor: callee.vendor, type: this.findApis(callee.vendor, named, 'root')[0]?.api.returns ?? '*' };
        return callee.type === 'root' ? { vendor: callee.vendor, type: '*', instance: true } : { vendor: callee.vendor, type: callee.type };
      }
      case 'call':
        return this.call(r, d);
      default:
        return undefined;
    }
  }

  /** `base.prop`: a root's named member or namespace step, a structure's property, a wrapper's exports. */
  member(base: VendorType | undefined, prop: string, d = 0): VendorType | undefined {
    if (!base) return undefined;
    if (base.type === 'obj') return base.props && Object.hasOwn(base.props, prop) ? this.typeOf(base.props[prop], d) : undefined;
    if (base.type === 'ref') return prop === 'current' ? base.value : undefined;
    if (base.type === 'root' && !base.member) {
      if (prop === 'default' && base.pkg) return this.defaultOf(base.vendor, base.pkg);
      if (prop === 'default' || this.idx.namespaceSteps.get(base.vendor)?.has(prop)) return base;
      return { vendor: base.vendor, type: 'root', member: prop };
    }
    if (base.type === 'module' && (prop === 'exports' || prop === 'default')) return { vendor: base.vendor, type: 'root' };
    // A property of a default import the rules name as a function: in the app's major version the default export
    // is a namespace or class (react-native-agora 3.x default-exports the RtcEngine class, 4.x a factory).
    if (base.type === 'root' && base.viaDefault) return this.member({ vendor: base.vendor, type: 'root' }, prop, d);
    return undefined;
  }

  private call(r: Extract<Receiver, { kind: 'call' }>, d: number): VendorType | undefined {
    const args = r.args ?? 0;
    const callee = this.typeOf(r.of, d);
    if (callee?.type === 'fn') return callee.returns;
    // `const useClient = createClient(config)` (agora-rtc-react 1.x) then `useClient()`: a vendor object called
    // without arguments is a hook or getter of that object.
    if (callee && args === 0 && !STRUCTURES.has(callee.type) && callee.type !== 'root' && callee.type !== 'module' && callee.type !== '*') return callee;
    if (callee && STRUCTURES.has(callee.type)) return undefined;
    if (callee) {
      if (callee.type === 'module') return { vendor: callee.vendor, type: 'root' }; // esbuild `require_x()`
      if (callee.type === 'root' && !callee.member && args === 0) return callee; // webpack getter
      if (callee.type === 'root' && callee.member) {
        const api = this.findApis(callee.vendor, callee.member, 'root')[0];
        if (api?.api.returns) return { vendor: callee.vendor, type: api.api.returns };
      }
    } else if (r.returns) {
      const t = this.typeOf(r.returns, d);
      if (t) return t;
    }
    // `recv.method()`: the `returns` type of the receiver's API of that name.
    const member = firstMember(r.of);
    if (member) {
      const recv = this.typeOf(member.of, d);
      if (recv) {
        const api = this.findApis(recv.vendor, member.name, recv.type, recv.instance)[0];
        if (api?.api.returns) return { vendor: recv.vendor, type: api.api.returns };
        // webpack's `n.n(module)` interop getter and similar helpers.
        if (member.name === 'n' || member.name === 'default') return undefined;
      }
    }
    // Interop helpers (`__toESM(x, 1)`, `_interopRequireDefault(x)`, `n.n(x)`) pass a module through.
    const inner = this.typeOf(r.first, d);
    if (inner && inner.type === 'root' && !inner.member) return inner;
    return undefined;
  }

  /** A default import of a vendor package: the function rules name as its default export, else the namespace. */
  defaultOf(vendor: string, pkg: string): VendorType {
    for (const a of this.pack.vendorById.get(vendor)?.apis ?? []) {
      if (a.platform === 'js' && a.method && a.defaultExportOf?.includes(pkg)) return { vendor, type: 'root', member: a.method, viaDefault: true };
    }
    return { vendor, type: 'root', pkg };
  }

  /** APIs of a vendor with this method callable on a receiver of this type. */
  findApis(vendor: string, method: string, recvType: string, instance = false): JsApi[] {
    const list = (this.idx.byMethod.get(method) ?? []).filter((a) => a.vendor.id === vendor);
    // `new X()` of an untyped root: any vendor type's methods, but no static of a namespace (react-native-agora 2.x
    // `RtcEngine.joinChannel(channel, uid, …)` is not `engine.joinChannel(token, channel, …)`).
    if (recvType === '*' && instance) return list.filter((a) => a.api.receiver?.some((r) => r.startsWith('type:')));
    // The vendor's own JS code never calls a native plugin's methods (`QI.call(this)` inside trtc-sdk-v5 is
    // Function.prototype.call, not TUICallKit's): those APIs need the plugin's loader call. A value of that code
    // nothing more is known of is no more an SDK object when its method is one every function has
    // (`call`/`apply`/`bind`: TRTCCalling's `call` needs a receiver proven to be a TRTCCalling).
    if (recvType === '*') return FUNCTION_METHODS.has(method) ? [] : list.filter((a) => !a.api.receiver?.length || !a.api.receiver.every((r) => this.idx.nativePlugins.has(r)));
    if (recvType === 'root') return list.filter((a) => !a.api.receiver?.length || a.api.receiver.some((r) => !r.startsWith('type:')));
    return list.filter((a) => a.api.receiver?.includes(`type:${recvType}`));
  }

  /**
   * The API a JS call site is, given its structural receiver: by the receiver's vendor type, or — for a receiver
   * nothing is known of — by the rule's `shape` in an object argument or an App ID literal in the vendor's
   * credential format, when that vendor's SDK is bundled in the same artifact (`[1,2].join(',')` never matches
   * `client.join`). One API per call site; several with one name on one type: the one whose arity fits.
   */
  matchJs(call: ModelCall, bundled: ReadonlySet<string>): JsApi | undefined {
    if (call.jsx) return this.matchJsx(call);
    let method: string | undefined;
    let recv: VendorType | undefined;
    if (call.target) {
      const tag = this.typeOf(call.target);
      if (!tag || STRUCTURES.has(tag.type)) return undefined;
      if (tag.type === 'root' && tag.member) method = tag.member;
      else if (tag.type === 'root' && this.idx.byMethod.has(call.method)) method = call.method; // `new RTCPeerConnection()` global
      else if (tag.type === '*' && call.originalName && this.idx.byMethod.has(call.originalName)) method = call.originalName; // mangled `new mn()` → `Room`
      if (!method) return undefined;
      recv = { vendor: tag.vendor, type: 'root' };
    } else {
      method = call.method;
      if (method === 'default') {
        // `(0, _pkg.default)()` (Babel / esbuild interop of a default import): the export the rules name.
        const named = this.member(this.typeOf(call.receiver), method);
        if (named?.type !== 'root' || !named.member) return undefined;
        method = named.member;
        recv = { vendor: named.vendor, type: 'root' };
      }
      if (!this.idx.byMethod.has(method)) return undefined;
      recv ??= this.typeOf(call.receiver);
      // A method called on a default import the rules name as a function: in the app's major version that default
      // export is the namespace or class (react-native-agora 3.x `RtcEngine.create(appId)`), as member() reads it.
      if (recv?.viaDefault) recv = { vendor: recv.vendor, type: 'root' };
      else if (recv?.member) recv = undefined; // `X.sub.method()` of a root member: not an API receiver we know
      if (recv && STRUCTURES.has(recv.type)) recv = undefined; // an object that holds an SDK object is not one
    }
    const args = call.args.map((a) => toJsValue(a));
    if (recv) {
      const candidates = this.findApis(recv.vendor, method, recv.type, recv.instance).filter((a) => fitsArgValues(a.api, args));
      if (candidates.length) return bestByArity(candidates, args.length, args);
      return undefined;
    }
    if (call.target) return undefined;
    let best: { api: JsApi; score: number } | undefined;
    for (const a of this.idx.byMethod.get(method) ?? []) {
      if (!bundled.has(a.vendor.id) || !fitsArgValues(a.api, args)) continue;
      const score = this.receiverlessScore(a, call.args, args);
      if (score > 0 && (!best || score > best.score)) best = { api: a, score };
    }
    return best?.api;
  }

  /**
   * A JSX element of a vendor's React component declared as an API (`<LiveKitRoom serverUrl={url} token={t}>`):
   * the component is imported from the vendor's package (a default import: the export the rules name).
   */
  private matchJsx(call: ModelCall): JsApi | undefined {
    if (call.receiver.kind !== 'module') return undefined;
    const vendor = vendorOfSpecifier(this.idx, call.receiver.name);
    if (!vendor) return undefined;
    const imported = call.method === 'default' ? this.defaultOf(vendor.id, call.receiver.name).member : call.method;
    if (!imported) return undefined;
    return this.findApis(vendor.id, imported, 'root').find((a) => a.api.jsx);
  }

  private receiverlessScore(a: JsApi, model: ModelValue[], args: JsValue[]): number {
    const shape = a.api.shape ?? [];
    if (shape.length) {
      for (const arg of model) {
        if (arg.kind === 'object' && shape.every((k) => Object.hasOwn(arg.props, k))) return 10 + shape.length;
      }
    }
    const appIdIndex = a.api.args.indexOf('appId');
    const regexes = this.idx.idRegexes.get(a.vendor.id) ?? [];
    const v = appIdIndex >= 0 ? args[appIdIndex] : undefined;
    if (v && args.length >= 2 && regexes.length) {
      const s = v.kind === 'string' ? v.value : v.kind === 'number' ? String(v.value) : undefined;
      if (s !== undefined && regexes.some((re) => re.test(s))) return 5;
    }
    return 0;
  }
}

/** The first member term among a receiver's alternatives (`recv.method` of a call's callee). */
function firstMember(r: Receiver | undefined): Extract<Receiver, { kind: 'member' }> | undefined {
  if (!r) return undefined;
  if (r.kind === 'member') return r;
  return r.kind === 'either' ? r.of.find((x): x is Extract<Receiver, { kind: 'member' }> => x.kind === 'member') : undefined;
}

/**
 * A generic method (`setParameter(key, value)`, `startPlugin(name, options)`) is this API only when the arguments
 * the rule names resolve to its literals; another or an unresolved value is not this API.
 */
function fitsArgValues(api: ApiRule, args: JsValue[]): boolean {
  if (!api.argValues) return true;
  return Object.entries(api.argValues).every(([index, want]) => {
    const v = args[Number(index)];
    return v !== undefined && (v.kind === 'string' || v.kind === 'number') && String(v.value) === want;
  });
}

/**
 * Of several APIs one type has under one name (Agora Electron 3.x `initialize(appId)` and 4.x
 * `initialize({appId})`), the one whose argument roles agree with the literal arguments' shapes (an object literal
 * where the rule takes a `config`, a string or number where it takes a scalar role), then the one whose arity fits.
 */
function bestByArity(candidates: JsApi[], n: number, args: JsValue[] = []): JsApi {
  const accepting = candidates.filter((c) => c.api.args.length >= n);
  if (!accepting.length) return candidates[0]!;
  const score = (c: JsApi) => 2 * shapeAgreement(c.api, args) + (c.api.args.length === n ? 1 : 0);
  return accepting.reduce((best, c) => (score(c) > score(best) ? c : best));
}

/**
 * +1 per literal argument whose shape fits its role (object ↔ `config`), −1 per one that does not; an empty string
 * is no user id (Agora 3.x `joinChannel(token, channel, "", uid)` passes its `info` there, 4.x its uid).
 */
function shapeAgreement(api: ApiRule, args: JsValue[]): number {
  let s = 0;
  args.forEach((a, i) => {
    const role = api.args[i];
    if (!role || role === 'other' || !(a.kind === 'object' || a.kind === 'string' || a.kind === 'number')) return;
    if (role === 'uid' && a.kind === 'string' && a.value === '') s -= 1;
    else s += (a.kind === 'object') === (role === 'config') ? 1 : -1;
  });
  return s;
}
