// Identifier flows in the code model: a network sink (rules/sinks.yaml `modelSinks`) whose URL argument is built
// from a constant `scheme://host…` prefix and a hole that is an identifier — named like one (the query key before
// it, `?uid=`; the field or call it comes from, `this.userId`, `getRoomId()`), or the very value the app passes
// as uid/channel to an RTC join. The result is a FlowFact like the JS dataflow's, so RTC301 needs no second path.
import type { Facts, FlowFact, FlowStep, Position } from '../core/facts.js';
import type { CodeModel, ModelCall, ModelValue } from '../model/types.js';
import type { RulePack } from '../rules/pack.js';
import type { ModelSinkRule } from '../rules/sinks.js';
// Pure helpers shared with the JS dataflow (vocabulary matching, URL shapes); no parsing happens there.
import { nameMatcher, singular, type NameMatcher } from '../formats/js/flow/names.js';
import { describeUrl, type Part } from '../formats/js/flow/url.js';
import { describeOrigin, flattenConcat, renderModelValue } from './model-values.js';
import { receiverTypeOf, vendorCode } from './model-calls.js';
import { appApiUses } from './vendor-calls.js';

const GLOBAL_PREFIX = /^(?:globalThis|window|global|self)\./;
/** Members that give a value's text form (Swift `UUID.uuidString`, `description`; Objective-C `stringValue`). */
const STRING_FORMS = new Set(['uuidString', 'description', 'stringValue']);
const matchers = new WeakMap<RulePack, NameMatcher>();
const MAX_FLOWS = 200;

export function matcherOf(pack: RulePack): NameMatcher {
  let m = matchers.get(pack);
  if (!m) matchers.set(pack, (m = nameMatcher(pack.vocabulary)));
  return m;
}

/** True when the call is the sink's call (receiver type and method, constructor or global function). */
export function matchesSink(call: ModelCall, sink: ModelSinkRule, imports?: readonly string[]): boolean {
  if (sink.receiver) {
    // A receiver known by its name only (`httpClient` of a GetConnect subclass), in a file importing its package;
    // or a class's shared instance by its qualified name (`URLSession.shared`).
    const r = call.receiver;
    const text = r.kind === 'unknown' ? r.text : r.kind === 'field' ? r.name : undefined;
    const qualified = r.kind === 'field' && r.owner ? `${r.owner}.${r.name}` : undefined;
    return !call.construct && methodMatches(call, sink) && (text === sink.receiver || qualified === sink.receiver) && (!sink.imports || !!imports?.includes(sink.imports));
  }
  if (sink.construct) {
    if (!call.construct) return false;
    const t = sink.type;
    return !!t && (receiverTypeOf(call) === t || call.callee.replace(GLOBAL_PREFIX, '') === t);
  }
  if (call.construct || !methodMatches(call, sink)) return false;
  if (!sink.type) {
    const r = call.receiver;
    return r.kind === 'none' || (r.kind === 'global' && /^(?:globalThis|window|global|self)$/.test(r.name)) || call.callee.replace(GLOBAL_PREFIX, '') === sink.method;
  }
  const rt = receiverTypeOf(call);
  return rt !== undefined && rt.replace(/^L|;$/g, '') === sink.type;
}

/** No sink (one shared empty list for the many methods no sink names). */
const NO_SINKS: readonly ModelSinkRule[] = [];
const sinkTables = new WeakMap<readonly ModelSinkRule[], Map<string, readonly ModelSinkRule[]>>();

/**
 * The sinks `matchesSink` may accept for a call of this method (constructor or not), in the rules' order: whether
 * a sink can match depends only on those two (its method, or a constructor call). Built once per method and rule
 * list: a binary's code model has tens of thousands of calls, each tested against every sink (~70) before.
 */
export function sinksFor(sinks: readonly ModelSinkRule[], call: ModelCall): readonly ModelSinkRule[] {
  let table = sinkTables.get(sinks);
  if (!table) sinkTables.set(sinks, (table = new Map()));
  const key = (call.construct ? '1' : '0') + call.method;
  let hit = table.get(key);
  if (!hit) {
    const some = sinks.filter((sink) => (!sink.receiver && sink.construct ? !!call.construct : !call.construct && methodMatches(call, sink)));
    table.set(key, (hit = some.length ? some : NO_SINKS));
  }
  return hit;
}

function methodMatches(call: ModelCall, sink: ModelSinkRule): boolean {
  return call.method === sink.method || (sink.variadic && call.method.startsWith(sink.method) && /^:*$/.test(call.method.slice(sink.method.length)));
}

/** Names a hole is known by: its own text, its origin's field/call name. */
function holeNames(v: ModelValue): string[] {
  const names: string[] = [];
  if (v.kind === 'unknown') {
    if (v.text && /^[\w$.]+$/.test(v.text)) {
      const chain = v.text.split('.');
      // `user.id.uuidString`: the text of `user.id`, named as that value is.
      if (chain.length >= 3 && STRING_FORMS.has(chain[chain.length - 1]!)) chain.pop();
      names.push(chain[chain.length - 1]!);
      // `Constants.User.ID`: the owner says whose id it is.
      if (chain.length >= 2) names.push(chain.slice(-2).join('.'));
    }
    const o = 'origin' in v ? v.origin : undefined;
    if (o?.kind === 'field') names.push(o.name);
    if (o?.kind === 'call') names.push(o.callee.split(/[.:>]/).filter(Boolean).pop() ?? o.callee);
    if (o?.kind === 'global') names.push(o.name);
  }
  return names;
}

/** `…/presence?uid=` → `uid`; `…&room_id=` → `room_id`; `…/users/` → `users`. */
function keyBefore(text: string): string | undefined {
  return /[?&;]([\w.-]{1,40})=$/.exec(text)?.[1] ?? /\/([\w-]{1,40})\/$/.exec(text)?.[1];
}

/**
 * A value its own name calls an id (`id`, `netID`, `user.id`), right after a path segment that names a resource
 * (`…/user/\(netID)`, `/users/` + id): that resource's id (`userId`), as the JS flow names a bare `id` in a path.
 */
function resourceIdBefore(text: string, own: readonly string[]): string | undefined {
  if (!own.some((n) => /(?:^|[_.])(?:id|Id|ID)$|[a-z0-9](?:Id|ID)$/.test(n)) || /[?#]/.test(text)) return undefined;
  const segment = /\/([A-Za-z][A-Za-z_-]{1,40})\/$/.exec(text)?.[1];
  return segment ? `${singular(segment)}Id` : undefined;
}

interface Hole {
  value: ModelValue;
  text: string;
  identifier: string;
  sourceKind: FlowFact['sourceKind'];
}

/**
 * A sink call whose URL this file does not complete: it starts with a constant another file declares
 * (`Constants.BASE_URL + …`) or a parameter whose callers pass the URL (`TokenClient(url)`). The cleartext check
 * resolves it over the whole app (app-flows.ts).
 */
export interface DeferredSink {
  call: ModelCall;
  sink: ModelSinkRule;
  url: ModelValue;
  functions: CodeModel['functions'];
  rtcValues: Map<string, string>;
}

/** Parameters of the calling function in a request's payload (`body: {'session': session}`): its callers say what they hold. */
export function payloadParams(call: ModelCall, sink: ModelSinkRule): ModelValue[] {
  const out: ModelValue[] = [];
  const walk = (v: ModelValue | undefined, depth: number) => {
    if (!v || depth > 3 || out.length >= 8) return;
    if (v.kind === 'unknown' && 'origin' in v && v.origin?.kind === 'param') out.push(v);
    else if (v.kind === 'object') for (const p of Object.values(v.props)) walk(p, depth + 1);
    else if (v.kind === 'concat') for (const p of v.parts) walk(p, depth + 1);
  };
  for (const ref of sink.payload ?? []) {
    const arg = call.args[ref.arg];
    walk(ref.prop !== undefined ? (arg?.kind === 'object' ? arg.props[ref.prop] : undefined) : arg, 0);
  }
  return out;
}

/** True when the call configures the base URL of `sink`'s requests (`Retrofit.Builder().baseUrl(…)`). */
export function isBaseCall(call: ModelCall, sink: ModelSinkRule): boolean {
  return !!sink.base && call.method === sink.base.method && receiverTypeOf(call)?.replace(/^L|;$/g, '') === sink.base.type;
}

function isAbsoluteUrl(url: ModelValue): boolean {
  const head = flattenConcat(url)[0];
  return head?.kind === 'string' && /^[a-z][\w+.-]*:\/\//i.test(head.value);
}

/** The values that differ (by their rendering); undefined entries dropped. */
export function distinctValues(values: Array<ModelValue | undefined>): ModelValue[] {
  const seen = new Map<string, ModelValue>();
  for (const v of values) if (v && !seen.has(renderModelValue(v))) seen.set(renderModelValue(v), v);
  return [...seen.values()];
}

/**
 * A relative request path against its base, as URL resolution does for the usual shapes: `users/1` continues the
 * base (`http://h/api/` + `users/1`), `/users/1` replaces its path (`http://h` + `/users/1`).
 */
export function joinBase(base: ModelValue, path: ModelValue): ModelValue {
  const parts = flattenConcat(path);
  const head = parts[0];
  const baseHead = flattenConcat(base)[0];
  if (head?.kind === 'string' && head.value.startsWith('/') && baseHead?.kind === 'string') {
    const origin = /^[a-z][\w+.-]*:\/\/[^/]*/i.exec(baseHead.value)?.[0];
    if (origin) return { kind: 'concat', parts: [{ kind: 'string', value: origin }, ...parts] };
  }
  return { kind: 'concat', parts: [base, path] };
}

/** True when the URL's first part is a name another file may define, or a parameter of the calling function. */
function completable(url: ModelValue): boolean {
  const head = flattenConcat(url)[0];
  if (head?.kind !== 'unknown') return false;
  return ('origin' in head && head.origin?.kind === 'param') || /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(head.text);
}

/** Cleartext-relevant flows of one artifact's code model; `defer` receives the sinks another file may complete. */
export function modelFlows(facts: Facts, pack: RulePack, defer?: (d: DeferredSink) => void): FlowFact[] {
  const model = facts.code;
  const sinks = pack.sinks?.modelSinks ?? [];
  // JS source: identifier flows come from the JS dataflow analysis (facts.flows); its code model holds the call
  // sites that may be vendor APIs, not the network sinks.
  if (!model || !model.calls.length || !sinks.length || facts.format === 'js') return [];
  const names = matcherOf(pack);
  // Values the app passes as RTC uid/channel: the same hole in a URL is that identifier, whatever its name.
  const rtcRoles = new Set(pack.sinks?.rtcRoles ?? ['uid', 'channel']);
  const rtcValues = new Map<string, string>();
  for (const use of appApiUses(facts, pack)) {
    if (use.kind !== 'join' && use.kind !== 'init') continue;
    for (const [role, v] of Object.entries(use.args)) if (rtcRoles.has(role) && v?.kind === 'unknown') rtcValues.set(v.text, role);
  }
  const flows: FlowFact[] = [];
  const seen = new Set<string>();
  const inVendor = vendorCode(facts, pack);
  for (const call of model.calls) {
    if (flows.length >= MAX_FLOWS) break;
    const fn = model.functions[call.fn];
    if (inVendor(fn)) continue;
    for (const sink of sinksFor(sinks, call)) {
      if (!matchesSink(call, sink, model.imports)) continue;
      if (sink.then && !model.calls.some((c) => c.fn === call.fn && c.method === sink.then && receiverTypeOf(c) === sink.type)) continue;
      let url = sink.instanceOf !== undefined ? instanceUrl(model, call, sinks.find((x) => x.id === sink.instanceOf)) : unwrapUrl(call.args[sink.url ?? -1]);
      if (!url) continue;
      // A path relative to a base URL this file configures (one base): joined; several or none here: deferred.
      const relative = sink.base && !isAbsoluteUrl(url);
      if (relative) {
        const bases = distinctValues(model.calls.filter((c) => isBaseCall(c, sink)).map((c) => unwrapUrl(c.args[sink.base!.arg])));
        if (bases.length === 1) url = joinBase(bases[0]!, url);
      }
      const flow = flowOf(model, call, sink, url, names, rtcValues);
      if (!flow) {
        if (defer && model.platform && (completable(url) || (relative && !isAbsoluteUrl(url)) || payloadParams(call, sink).length)) defer({ call, sink, url, functions: model.functions, rtcValues });
        continue;
      }
      const key = `${flow.identifier}|${flow.sink.url}|${call.offset ?? call.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      flows.push(flow);
    }
  }
  return flows;
}

/**
 * The URL the receiver of `call` was constructed with: a construction matching `ctor` whose result went to the same
 * field or variable (`socket = SocketIOClient(socketURL: …)` for `socket.emit(…)`). Of several (debug, test and
 * release servers), the first cleartext one, else the first.
 */
function instanceUrl(model: CodeModel, call: ModelCall, ctor: ModelSinkRule | undefined): ModelValue | undefined {
  if (!ctor || ctor.url === undefined) return undefined;
  const r = call.receiver;
  const name = r.kind === 'field' ? r.name : r.kind === 'unknown' ? r.text?.replace(/^(?:self|this)\./, '') : undefined;
  if (!name || !/^[\w$]+$/.test(name)) return undefined;
  return constructedUrls(model, ctor).get(name);
}

const constructed = new WeakMap<CodeModel, Map<string, Map<string, ModelValue>>>();

/** Per field or variable, the URL `ctor` constructions stored there were given (one pass over the calls per sink). */
function constructedUrls(model: CodeModel, ctor: ModelSinkRule): Map<string, ModelValue> {
  let bySink = constructed.get(model);
  if (!bySink) constructed.set(model, (bySink = new Map()));
  let urls = bySink.get(ctor.id);
  if (urls) return urls;
  bySink.set(ctor.id, (urls = new Map()));
  const cleartext = (u: ModelValue) => {
    const first = flattenConcat(u)[0];
    return first?.kind === 'string' && /^(?:http|ws):\/\//i.test(first.value);
  };
  for (const c of model.calls) {
    if (!c.resultTo || !matchesSink(c, ctor, model.imports)) continue;
    const u = unwrapUrl(c.args[ctor.url!]);
    if (!u) continue;
    const key = c.resultTo.replace(/^(?:self|this)\./, '');
    const prev = urls.get(key);
    if (!prev || (!cleartext(prev) && cleartext(u))) urls.set(key, u);
  }
  return urls;
}

/**
 * Swift builds the URL inline: `SocketIOClient(socketURL: URL(string: "http://…" + id)!)`, a constructor with a
 * named argument, which the model holds as an object `{string: …}`; the URL is that string.
 */
export function unwrapUrl(v: ModelValue | undefined): ModelValue | undefined {
  // `URL(string: s)` is modelled as {string: s}, `URLRequest(url: u)` as {url: u} (and u is often a URL(string:)),
  // with the properties set on the request before it is sent beside it ({url: u, httpMethod: …, httpBody: …}).
  for (let depth = 0; depth < 3 && v?.kind === 'object'; depth++) {
    const keys = Object.keys(v.props);
    const next = v.props.url ?? (keys.length === 1 ? v.props.string : undefined);
    if (!next) break;
    v = next;
  }
  return v;
}

/** The first identifier in a request payload: a property named like one, a hole named like one, an RTC value. */
function payloadHole(v: ModelValue, names: NameMatcher, rtcValues: Map<string, string>, depth: number): Hole | undefined {
  if (depth > 4) return undefined;
  const constant = (x: ModelValue) => x.kind === 'string' || x.kind === 'number' || x.kind === 'boolean' || x.kind === 'null';
  if (v.kind === 'object') {
    for (const [key, pv] of Object.entries(v.props)) {
      if (constant(pv)) continue;
      const text = renderModelValue(pv);
      const rtc = rtcValues.get(text);
      if (rtc) return { value: pv, text, identifier: rtc, sourceKind: 'rtc-arg' };
      if (names.match(key)) return { value: pv, text, identifier: key, sourceKind: 'named' };
      const inner = payloadHole(pv, names, rtcValues, depth + 1);
      if (inner) return inner;
    }
    return undefined;
  }
  if (v.kind === 'concat') {
    for (const p of v.parts) {
      const inner = p.kind === 'string' ? undefined : payloadHole(p, names, rtcValues, depth + 1);
      if (inner) return inner;
    }
    return undefined;
  }
  if (v.kind === 'unknown') {
    const text = renderModelValue(v);
    const rtc = rtcValues.get(text);
    if (rtc) return { value: v, text, identifier: rtc, sourceKind: 'rtc-arg' };
    for (const n of holeNames(v)) if (names.match(n)) return { value: v, text, identifier: n, sourceKind: 'named' };
  }
  return undefined;
}

function flowOf(model: CodeModel, call: ModelCall, sink: ModelSinkRule, url: ModelValue, names: NameMatcher, rtcValues: Map<string, string>): FlowFact | undefined {
  return flowAndHole(model, call, sink, url, names, rtcValues)?.flow;
}

/** The flow of a sink call with its URL, and the value (a part of the URL or payload) that is its source. */
export function flowAndHole(model: CodeModel, call: ModelCall, sink: ModelSinkRule, url: ModelValue, names: NameMatcher, rtcValues: Map<string, string>): { flow: FlowFact; hole: ModelValue } | undefined {
  const parts = flattenConcat(url);
  if (parts.length < 1 || parts[0]!.kind !== 'string') return undefined;
  const shape: Part[] = parts.map((p) => (p.kind === 'string' ? p.value : null));
  const info = describeUrl(shape);
  if (!info.scheme || !info.host) return undefined;
  // The first hole that is an identifier is the flow's source.
  let hole: Hole | undefined;
  // A call on a constructed instance sends only its payload; the URL's own holes are the construction's flow.
  for (let i = sink.instanceOf !== undefined ? parts.length : 1; i < parts.length && !hole; i++) {
    const p = parts[i]!;
    if (p.kind === 'string') continue;
    const text = renderModelValue(p);
    const rtc = rtcValues.get(text);
    if (rtc) {
      hole = { value: p, text, identifier: rtc, sourceKind: 'rtc-arg' };
      break;
    }
    const before = parts[i - 1]!.kind === 'string' ? (parts[i - 1] as { value: string }).value : '';
    const own = holeNames(p);
    for (const n of [...own, keyBefore(before), resourceIdBefore(before, own)]) {
      const m = n ? names.match(n) : undefined;
      if (m) {
        hole = { value: p, text, identifier: n!, sourceKind: 'named' };
        break;
      }
    }
  }
  // Then the request's payload (`body:`, `data:`): a property named like an identifier, or a value that is one.
  let inBody: string | undefined;
  if (!hole) {
    for (const ref of sink.payload ?? []) {
      let v: ModelValue | undefined = call.args[ref.arg];
      if (ref.prop !== undefined) v = v?.kind === 'object' ? v.props[ref.prop] : undefined;
      const found = v ? payloadHole(v, names, rtcValues, 0) : undefined;
      if (found) {
        hole = found;
        inBody = ref.prop ?? `argument ${ref.arg + 1}`;
        break;
      }
    }
  }
  if (!hole) return undefined;
  const fn = model.functions[call.fn];
  const at = (pos: Position): Position => {
    const { line, column, offset, length } = pos;
    const out: Position = {};
    if (line !== undefined) out.line = line;
    if (column !== undefined) out.column = column;
    if (offset !== undefined) out.offset = offset;
    if (length !== undefined) out.length = length;
    const context = pos.context ?? fn?.name;
    if (context) out.context = context;
    return out;
  };
  const origin = hole.value.kind === 'unknown' && 'origin' in hole.value && hole.value.origin ? describeOrigin(hole.value.origin) : hole.text;
  // Where the hole and the URL were defined, when the reader recorded the definitions.
  const defOf = (v: ModelValue) => model.defs?.find((d) => d.fn === call.fn && d.value === v);
  const holeDef = defOf(hole.value);
  const urlDef = defOf(url);
  const shown = parts.map((p) => (p.kind === 'string' ? JSON.stringify(p.value) : renderModelValue(p))).join(' + ');
  const steps: FlowStep[] = [
    { ...at(holeDef ?? (hole.value.kind === 'unknown' && 'origin' in hole.value && hole.value.origin?.kind === 'param' && fn ? fn : call)), message: `${hole.identifier}: ${origin}` },
    inBody !== undefined
      ? { ...at(call), message: `put in the request's ${inBody} to ${shown.length > 160 ? shown.slice(0, 159) + '…' : shown}` }
      : { ...at(urlDef ?? call), message: `concatenated into the URL ${shown.length > 160 ? shown.slice(0, 159) + '…' : shown}` },
    { ...at(call), message: `${sink.verb} (${call.callee})` },
  ];
  const event = sink.event !== undefined ? call.args[sink.event] : undefined;
  const sinkUrl = parts.map((p) => (p === hole!.value ? `\${${hole!.identifier}}` : p.kind === 'string' ? p.value : '${…}')).join('');
  const flow: FlowFact = {
    identifier: hole.identifier,
    sourceKind: hole.sourceKind,
    sink: { kind: sink.kind, url: sinkUrl.slice(0, 2048), scheme: info.scheme, host: info.host, ...(event?.kind === 'string' ? { event: event.value.slice(0, 120) } : {}) },
    steps,
  };
  return { flow, hole: hole.value };
}
