// Shared by the RTC checks: which vendor APIs the app's own code calls, whatever the format. JS gives
// ApiCallFacts with resolved arguments; DEX gives CallRefFacts (callee class + method); Mach-O gives selector
// names (objc-method strings, weaker: the selector is referenced, the call site is not traced).
import { createHash } from 'node:crypto';
import { asString, type ApiCallFact, type Facts, type JsValue, type Position } from '../core/facts.js';
import type { Location } from '../core/finding.js';
import type { RulePack } from '../rules/pack.js';
import type { ApiRule, ArgRole, VendorRule } from '../rules/schema.js';
import { commentedModelApiUses, distinctiveSelector, modelApiUses, modelArgsByRole } from './model-calls.js';
import { dartAotApiUses } from './dart-aot.js';

export type ApiKind = ApiRule['kind'];
export type CallRoute = 'js-call' | 'hermes-call' | 'dex-call' | 'objc-call' | 'objc-selector' | 'source-call' | 'dart-aot';

/** One use of a vendor API by app code (never by the vendor's own code). */
export interface AppApiUse {
  vendor: VendorRule;
  /** The API rule, when the fact names one that exists in the pack. */
  api?: ApiRule;
  apiId: string;
  kind: ApiKind;
  route: CallRoute;
  location: Location;
  /** Argument role → value (JS calls and code-model calls; bare compiled call references see no values). */
  args: Partial<Record<ArgRole, JsValue>>;
  /** True when `args` were resolved from code (the JS analysis or the code model), so absent roles mean absent. */
  resolved?: boolean;
  /** `client.join`, `Lio/agora/rtc2/RtcEngine;->joinChannel`, or the selector. */
  callee: string;
  /** DEX caller method, when known. */
  caller?: string;
  /** `dart-aot`: the kept strings that imply the use. */
  evidence?: string;
  /** True when only a selector reference was seen (not a traced call). */
  weak: boolean;
  /** A call in commented-out code (commentedApiUses only): where each literal of the call sits. */
  literalAt?: Record<string, { line: number; column: number }>;
}

interface ApiIndex {
  /** `io/agora/rtc2/RtcEngine->joinChannel` → apis. */
  android: Map<string, Array<{ vendor: VendorRule; api: ApiRule }>>;
  /** ObjC selector → apis. */
  ios: Map<string, Array<{ vendor: VendorRule; api: ApiRule }>>;
  /** `io/agora/rtc2/` style prefixes of every vendor's Java packages. */
  vendorPackagePrefixes: string[];
  /** `.framework` folder names of every vendor's iOS frameworks, lowercased → vendor. */
  frameworks: Map<string, VendorRule>;
  /** `AgoraRTC.createClient` (a JS api on a named global / package receiver) → apis. */
  jsQualified: Map<string, Array<{ vendor: VendorRule; api: ApiRule }>>;
}

const indexCache = new WeakMap<RulePack, ApiIndex>();

export function apiIndex(pack: RulePack): ApiIndex {
  let idx = indexCache.get(pack);
  if (idx) return idx;
  idx = { android: new Map(), ios: new Map(), vendorPackagePrefixes: [], frameworks: new Map(), jsQualified: new Map() };
  for (const vendor of pack.vendors) {
    for (const api of vendor.apis) {
      // Compiled call sites carry no argument values: an API that is told apart by one (argValues) is only
      // matched where the JS analysis resolved it.
      if (api.argValues) continue;
      if (api.platform === 'android' && api.class && api.method) {
        const key = `${api.class.replace(/\./g, '/')}->${api.method}`;
        idx.android.set(key, [...(idx.android.get(key) ?? []), { vendor, api }]);
      } else if (api.platform === 'ios' && api.selector) {
        idx.ios.set(api.selector, [...(idx.ios.get(api.selector) ?? []), { vendor, api }]);
      } else if (api.platform === 'js' && api.method) {
        // Only named receivers: `client.join` on an inferred type is too common a shape to match by name.
        for (const r of api.receiver ?? []) {
          if (r.startsWith('type:')) continue;
          const key = r === api.method ? r : `${r}.${api.method}`;
          idx.jsQualified.set(key, [...(idx.jsQualified.get(key) ?? []), { vendor, api }]);
        }
      }
    }
    for (const p of vendor.sdk.android?.packages ?? []) idx.vendorPackagePrefixes.push(p.replace(/\./g, '/') + '/');
    for (const f of vendor.sdk.ios?.frameworks ?? []) idx.frameworks.set(f.replace(/\.framework$/, '').toLowerCase(), vendor);
  }
  indexCache.set(pack, idx);
  return idx;
}

/** `Lio/agora/rtc2/RtcEngine;->joinChannel(…)I` → class `io/agora/rtc2/RtcEngine`, method `joinChannel`. */
export function parseDexMethodRef(ref: string): { cls: string; method: string } | undefined {
  const m = /^L([^;]+);->([^(\s]+)/.exec(ref);
  return m ? { cls: m[1]!, method: m[2]! } : undefined;
}

/** True when a JVM internal class name lies in any vendor's Java packages (SDK code, not app code). */
export function isVendorClass(cls: string, pack: RulePack): boolean {
  const c = cls.startsWith('L') && cls.endsWith(';') ? cls.slice(1, -1) : cls;
  return apiIndex(pack).vendorPackagePrefixes.some((p) => c.startsWith(p));
}

/** The vendor whose `.framework` bundle contains this artifact (its own binary, plist, resources). */
export function vendorFrameworkOf(artifact: string, pack: RulePack): VendorRule | undefined {
  const idx = apiIndex(pack);
  for (const seg of artifact.split(/[/!]/)) {
    if (!seg.toLowerCase().endsWith('.framework')) continue;
    const v = idx.frameworks.get(seg.slice(0, -'.framework'.length).toLowerCase());
    if (v) return v;
  }
  return undefined;
}

/** `-[AgoraRtcEngineKit joinChannelByToken:…]`, `+[C sel]` or a bare selector → the selector. */
function objcSelector(callee: string): string {
  const m = /^[-+]?\[\S+\s+([^\]]+)\]$/.exec(callee.trim());
  return m ? m[1]! : callee.trim();
}

/**
 * Argument roles of a JS call: its positional values through the rule (`modelArgsByRole`, shared with the
 * compiled formats); facts built by hand with roles (`args`) keep theirs, with object properties through `props`.
 */
export function argsByRole(call: ApiCallFact, api?: ApiRule): Partial<Record<ArgRole, JsValue>> {
  if (call.values && api) return modelArgsByRole(api, call.values, undefined, true);
  const out: Partial<Record<ArgRole, JsValue>> = {};
  const visit = (v: JsValue, depth: number) => {
    if (v.kind !== 'object' || depth > 3) return;
    for (const [prop, pv] of Object.entries(v.props)) {
      const role = api?.props[prop];
      if (role && role !== 'config' && !(role in out)) out[role] = pv;
      visit(pv, depth + 1);
    }
  };
  for (const [role, v] of Object.entries(call.args ?? {})) {
    if (!(role in out)) out[role as ArgRole] = v;
  }
  for (const v of Object.values(call.args ?? {})) visit(v, 0);
  return out;
}

function loc(facts: Facts, pos: Position, message?: string): Location {
  const { line, column, endLine, endColumn, offset, length, snippet, original, context } = pos;
  const l: Location = { artifact: facts.artifact };
  if (line !== undefined) l.line = line;
  if (column !== undefined) l.column = column;
  if (endLine !== undefined) l.endLine = endLine;
  if (endColumn !== undefined) l.endColumn = endColumn;
  if (offset !== undefined) l.offset = offset;
  if (length !== undefined) l.length = length;
  if (snippet !== undefined) l.snippet = snippet;
  if (original !== undefined) l.original = original;
  if (context !== undefined) l.context = context;
  if (message !== undefined) l.message = message;
  return l;
}
export { loc as locationOf };

/** Every vendor API use by app code in one artifact. */
export function appApiUses(facts: Facts, pack: RulePack): AppApiUse[] {
  // Facts are final once read; the sizes guard against callers that build facts up between calls (tests).
  const stamp = `${facts.strings.length}|${facts.calls.length}|${facts.apiCalls.length}|${facts.code?.calls.length ?? -1}`;
  const cached = usesCache.get(facts);
  if (cached && cached.pack === pack && cached.stamp === stamp) return cached.uses;
  const uses = computeUses(facts, pack);
  for (const u of uses) if (u.location.snippet) u.location = { ...u.location, snippet: maskCredentialsIn(u.location.snippet, u.args) };
  usesCache.set(facts, { pack, stamp, uses });
  return uses;
}

/**
 * Vendor API calls in the artifact's commented-out code (CodeModel.commentedCalls): never among appApiUses (no
 * session, App-ID-only join, encryption or flow comes of them); the credential check reads their literals.
 */
export function commentedApiUses(facts: Facts, pack: RulePack): AppApiUse[] {
  if (!facts.code?.commentedCalls?.length) return [];
  return commentedModelApiUses(facts, pack, (call) => loc(facts, call));
}

/** Several checks ask for the same artifact's uses; matching the code model once is enough. */
const usesCache = new WeakMap<Facts, { pack: RulePack; stamp: string; uses: AppApiUse[] }>();

function computeUses(facts: Facts, pack: RulePack): AppApiUse[] {
  // A code model, when the reader built one, is the one source of call sites: it supersedes the JS reader's own
  // matches and the compiled readers' bare call references (which would otherwise be counted twice).
  if (facts.code?.calls.length) {
    return modelApiUses(facts, pack, (call, context) => loc(facts, context && !call.context ? { ...call, context } : call));
  }
  const uses: AppApiUse[] = [];
  for (const call of facts.apiCalls) {
    if (call.inVendorCode) continue;
    const vendor = pack.vendorById.get(call.vendor);
    if (!vendor) continue;
    const api = vendor.apis.find((a) => a.id === call.api);
    uses.push({
      vendor,
      api,
      apiId: call.api,
      kind: call.kind,
      route: 'js-call',
      location: loc(facts, call),
      args: argsByRole(call, api),
      resolved: true,
      callee: call.callee,
      weak: false,
    });
  }
  const idx = apiIndex(pack);
  for (const ref of facts.calls) {
    const dex = parseDexMethodRef(ref.callee);
    if (dex) {
      const hits = idx.android.get(`${dex.cls}->${dex.method}`);
      if (!hits) continue;
      const callerCls = parseDexMethodRef(ref.caller)?.cls ?? ref.caller;
      if (isVendorClass(callerCls, pack)) continue;
      for (const { vendor, api } of hits) {
        uses.push({ vendor, api, apiId: api.id, kind: api.kind, route: 'dex-call', location: loc(facts, ref), args: {}, callee: `L${dex.cls};->${dex.method}`, caller: ref.caller, weak: false });
      }
      continue;
    }
    // Hermes call sites with a statically known callee (`AgoraRTC.createClient`); no arguments are visible.
    const jsHits = /^[\w$.]+$/.test(ref.callee) ? idx.jsQualified.get(ref.callee.replace(/^(?:globalThis|window|global|self)\./, '')) : undefined;
    if (jsHits) {
      for (const { vendor, api } of jsHits) {
        uses.push({ vendor, api, apiId: api.id, kind: api.kind, route: 'hermes-call', location: loc(facts, ref), args: {}, callee: ref.callee, caller: ref.caller, weak: false });
      }
      continue;
    }
    // A selector alone names an API only when it is distinctive (`sharedInstance` is every singleton's).
    const sel = objcSelector(ref.callee);
    const hits = distinctiveSelector(sel) ? idx.ios.get(sel) : undefined;
    if (!hits || vendorFrameworkOf(facts.artifact, pack)) continue;
    for (const { vendor, api } of hits) {
      uses.push({ vendor, api, apiId: api.id, kind: api.kind, route: 'objc-call', location: loc(facts, ref), args: {}, callee: ref.callee, caller: ref.caller, weak: false });
    }
  }
  // Selector names in an app binary: the app references the selector (it calls or implements it). The vendor's
  // own framework binary defines them, so it is skipped.
  if (idx.ios.size && !vendorFrameworkOf(facts.artifact, pack)) {
    const seen = new Set<string>();
    for (const s of facts.strings) {
      if (s.kind !== 'objc-method' || seen.has(s.value) || !distinctiveSelector(s.value)) continue;
      const hits = idx.ios.get(s.value);
      if (!hits) continue;
      seen.add(s.value);
      for (const { vendor, api } of hits) {
        uses.push({ vendor, api, apiId: api.id, kind: api.kind, route: 'objc-selector', location: loc(facts, s), args: {}, callee: s.value, weak: true });
      }
    }
  }
  uses.push(...dartAotApiUses(facts, pack, (pos) => loc(facts, pos)));
  return uses;
}

/** Roles whose values are credentials: masked in messages, hashed in identities. */
export const CREDENTIAL_ROLES: ReadonlySet<string> = new Set(['appId', 'appSecret', 'token', 'key']);

/**
 * `abcd…wxyz`: first and last four characters. Shorter values would be mostly revealed that way, so 8–11
 * characters keep two at each end and anything shorter is hidden entirely.
 */
export function maskSecret(value: string, show = false): string {
  if (show) return value;
  if (value.length >= 12) return `${value.slice(0, 4)}…${value.slice(-4)}`;
  if (value.length >= 8) return `${value.slice(0, 2)}…${value.slice(-2)}`;
  return `…(${value.length} chars)`;
}

/**
 * A call's source snippet with its credential arguments masked: minified code inlines the literal into the call
 * (`initialize({appId:"5b8e…"})`), and a snippet is shown as is in every report. Masked always: `--show-secrets`
 * reveals values in messages, where they are labelled. A value cut by the snippet's `…` is masked as far as shown.
 */
export function maskCredentialsIn(snippet: string, args: Partial<Record<ArgRole, JsValue>>): string {
  let out = snippet;
  for (const [role, v] of Object.entries(args)) {
    if (!CREDENTIAL_ROLES.has(role) || !v) continue;
    const value = v.kind === 'string' ? v.value : v.kind === 'number' ? String(v.value) : '';
    if (value.length < 6) continue;
    out = out.split(value).join(maskSecret(value));
    // The snippet's end cut the value: mask its shown head.
    if (out.endsWith('…')) {
      for (let n = Math.min(value.length - 1, out.length - 1); n >= 4; n--) {
        if (out.endsWith(value.slice(0, n) + '…')) {
          out = out.slice(0, out.length - n - 1) + value.slice(0, Math.min(4, n)) + '…';
          break;
        }
      }
    }
  }
  return out;
}

/** Short stable hash of a credential for identities (never the value itself). */
export function secretHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/** Human rendering of a resolved argument; credentials masked unless `show`. */
export function renderValue(v: JsValue, role: string, show: boolean): string {
  switch (v.kind) {
    case 'string':
      return CREDENTIAL_ROLES.has(role) && v.value !== '' ? JSON.stringify(maskSecret(v.value, show)) : JSON.stringify(v.value.length > 80 ? v.value.slice(0, 77) + '…' : v.value);
    case 'number':
      return CREDENTIAL_ROLES.has(role) ? maskSecret(String(v.value), show) : String(v.value);
    case 'boolean':
    case 'null':
    case 'undefined':
      return asString(v)!;
    case 'object':
      return `{${Object.keys(v.props).slice(0, 6).join(', ')}}`;
    case 'array':
      return `[${v.items.length} items]`;
    case 'unknown':
      return v.text.length > 40 ? `${v.text.slice(0, 37)}…` : v.text;
  }
}

/** Value part of an identity: resolved literals as-is, credentials hashed, unresolved code as `?`. */
export function identityValue(v: JsValue, role: string): string {
  switch (v.kind) {
    case 'string':
      return CREDENTIAL_ROLES.has(role) && v.value !== '' ? `#${secretHash(v.value)}` : JSON.stringify(v.value);
    case 'number':
      return CREDENTIAL_ROLES.has(role) ? `#${secretHash(String(v.value))}` : String(v.value);
    case 'boolean':
    case 'null':
    case 'undefined':
      return v.kind === 'boolean' ? String(v.value) : v.kind;
    default:
      return '?';
  }
}

const ROLE_ORDER: ArgRole[] = ['appId', 'channel', 'uid', 'token', 'url', 'area', 'mode', 'key', 'appSecret'];

/** `appId="abcd…wxyz", channel="room", uid=42` in a stable role order. */
export function renderArgs(args: Partial<Record<ArgRole, JsValue>>, show: boolean): string {
  return ROLE_ORDER.filter((r) => args[r] !== undefined)
    .map((r) => `${r}=${renderValue(args[r]!, r, show)}`)
    .join(', ');
}

/** `vendor|api|channel="room"|uid=42` — what was called with what, never where. */
export function useIdentity(use: AppApiUse, extra?: string): string {
  const parts = [use.vendor.id, use.apiId];
  for (const r of ROLE_ORDER) if (use.args[r] !== undefined) parts.push(`${r}=${identityValue(use.args[r]!, r)}`);
  // Unresolved compiled references are told apart by where they are called from; resolved calls by their values.
  if (!use.resolved) parts.push(use.route, use.caller ? `caller=${use.caller.replace(/\(.*$/, '')}` : use.callee);
  else if (use.route !== 'js-call') parts.push(use.route);
  if (extra) parts.push(extra);
  return parts.join('|');
}

/** Jurisdiction phrase for messages: `CN, PRC`. */
export function jurisdictionOf(vendor: VendorRule): string {
  if (vendor.entity === 'protocol') return 'none: an open protocol';
  return [vendor.jurisdiction.country, vendor.jurisdiction.regime].filter(Boolean).join(', ');
}
