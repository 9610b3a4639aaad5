// Identifier flows whose URL one source file of an app does not complete by itself: the request names a constant
// another file declares (`Alamofire.request(Constants.Network.START_PLAY, …)` with `START_PLAY = BASE_URL + "…"` in
// Constants.swift), or the URL is a parameter of the function that sends it and its callers pass it
// (`TokenClient("http://…/token", room, identity)` → `URL(this.url)`; `getDataFromUrl(url: URL(string: "http://…" +
// id))` → `URLSession.shared.dataTask(with: url)`). Source readers (scanner/formats/source) offer the constants
// (`CodeModel.constants`) and resolve calls within a file (`ModelCall.callsFn`); model-flows defers the sinks it
// could not complete; this joins them over the bundle once every file is read.
import type { Facts, FlowFact, FlowStep } from '../core/facts.js';
import type { CodeModel, ModelCall, ModelFunction, ModelValue } from '../model/types.js';
import type { RulePack } from '../rules/pack.js';
import { flattenConcat, renderModelValue } from './model-values.js';
import { distinctValues, flowAndHole, isBaseCall, joinBase, matcherOf, payloadParams, unwrapUrl, type DeferredSink } from './model-flows.js';
import type { ModelSinkRule } from '../rules/sinks.js';

/** Bounds on what one bundle keeps until its end (each entry is a reference into a file's code model). */
const MAX_DEFERRED = 2_000;
const MAX_URL_ARGS = 20_000;
const MAX_CONSTANTS = 50_000;
const MAX_CALLS = 50_000;
const MAX_VARIANTS = 16;
const MAX_DEPTH = 4;
const NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
const URL_START = /^[a-z][\w+.-]*:\/\//i;

/** A call that passes a URL (or a name that may be one) as an argument: a caller of a URL-taking function. */
interface UrlArg {
  artifact: string;
  call: ModelCall;
  functions: ModelFunction[];
  index: number;
  /** The function called, when the reader resolved it in the caller's file. */
  calls?: string;
  /** The class constructed (simple name), for a constructor call. */
  constructs?: string;
  /** A method of another file's class (`DataProvider.sharedInstance.getDataFromRegister(path:…)`): class and selector. */
  method?: { cls: string; name: string };
}

/**
 * The class and method a call names when its reader could not resolve it in the file: a static or shared-instance
 * receiver (`DataProvider.sharedInstance.f(…)`, `Api.f(…)`) or a typed one. Matched by name against functions of
 * other files (`methodOf`).
 */
function foreignMethod(call: ModelCall): { cls: string; name: string } | undefined {
  if (call.callsFn !== undefined || call.construct) return undefined;
  const r = call.receiver;
  const cls = r.kind === 'class' ? r.name : r.kind === 'field' && r.owner && /^[A-Z]/.test(r.owner) ? r.owner.split('.').pop() : call.receiverType?.split(/[/$.;]/).filter(Boolean).pop();
  return cls && /^[A-Z]/.test(cls) ? { cls, name: call.method } : undefined;
}

/** True when `fn` (`DataProvider.getDataFromRegister`) is the method a foreign call names (Swift: its selector). */
function methodOf(fn: string, m: { cls: string; name: string }): boolean {
  const dot = fn.lastIndexOf('.');
  if (dot < 0 || fn.slice(fn.lastIndexOf('.', dot - 1) + 1, dot) !== m.cls) return false;
  const base = fn.slice(dot + 1);
  if (m.name === base) return true;
  if (!m.name.startsWith(base)) return false;
  // Swift selectors: `f(_:…)` → `f:…`, `f(path:…)` → `fPath:…`
  const next = m.name.charAt(base.length);
  return next === ':' || (/[A-Z]/.test(next) && m.name.includes(':'));
}

export class AppFlows {
  private readonly constants = new Map<string, ModelValue[]>();
  private constantCount = 0;
  private readonly deferred: Array<DeferredSink & { artifact: string }> = [];
  private readonly urlArgs: UrlArg[] = [];
  /**
   * Calls that pass a parameter of their own function on (`downloadData(url:)` calling `download(website: url, …)`):
   * the URLs its callers pass reach the called function. `from`: that parameter.
   */
  private readonly forwards = new Map<string, Array<UrlArg & { from: { fn: string; index: number } }>>();
  private forwardCount = 0;
  /** Method names of each class the source files declare (`DownloadManager` → download, downloadData). */
  private readonly methodsOf = new Map<string, Set<string>>();
  /** Per sink with a `base` (Retrofit), the base URLs the app configures (`Retrofit.Builder().baseUrl(…)`). */
  private readonly bases = new Map<string, ModelValue[]>();
  private readonly baseSinks: ModelSinkRule[];
  /** Calls of functions the reader named (`FCM().send(session)` → `FCM.send`), for payload parameters. */
  private readonly calls: Array<{ artifact: string; call: ModelCall; target: string; method?: { cls: string; name: string } }> = [];
  /** Functions that return an object they build (`SessionModel.toMap`), by name. */
  private readonly returns = new Map<string, ModelValue[]>();

  constructor(private readonly pack: RulePack) {
    this.baseSinks = (pack.sinks?.modelSinks ?? []).filter((s) => s.base);
  }

  /** Receives the sinks modelFlows defers for this artifact. */
  deferrer(artifact: string): (d: DeferredSink) => void {
    return (d) => {
      if (this.deferred.length < MAX_DEFERRED) this.deferred.push({ ...d, artifact });
    };
  }

  /** Takes what a source file offers the others: its URL constants and its calls that pass URLs. */
  add(facts: Facts): void {
    const model = facts.code;
    if (!model?.platform) return;
    for (const c of model.constants ?? []) {
      if (this.constantCount >= MAX_CONSTANTS) break;
      const list = this.constants.get(c.name);
      if (list) list.push(c.value);
      else this.constants.set(c.name, [c.value]);
      this.constantCount++;
    }
    for (const f of model.functions) {
      const dot = f.name.lastIndexOf('.');
      if (dot > 0 && this.methodsOf.size < MAX_CONSTANTS) {
        const cls = f.name.slice(f.name.lastIndexOf('.', dot - 1) + 1, dot);
        const set = this.methodsOf.get(cls) ?? new Set<string>();
        if (set.size < 4096) set.add(f.name.slice(dot + 1));
        this.methodsOf.set(cls, set);
      }
      if (!f.returns || this.returns.size >= MAX_CONSTANTS) continue;
      const list = this.returns.get(f.name) ?? [];
      list.push(f.returns);
      this.returns.set(f.name, list);
    }
    for (const call of model.calls) {
      if (call.args.length && this.calls.length < MAX_CALLS) {
        const own = call.callsFn !== undefined ? model.functions[call.callsFn]?.name : undefined;
        const type = call.receiverType?.split(/[/$]/).pop();
        const target = own ?? (type && !call.construct ? `${type}.${call.method}` : undefined);
        const method = own ? undefined : foreignMethod(call);
        if (target || method) this.calls.push({ artifact: facts.artifact, call, target: target ?? '', ...(method ? { method } : {}) });
      }
      for (const sink of this.baseSinks) {
        if (!isBaseCall(call, sink)) continue;
        const v = unwrapUrl(call.args[sink.base!.arg]);
        const list = this.bases.get(sink.id) ?? [];
        if (v && list.length < 64) list.push(v);
        this.bases.set(sink.id, list);
      }
      if (this.urlArgs.length >= MAX_URL_ARGS) continue;
      call.args.forEach((a, index) => {
        const head = flattenConcat(unwrapUrl(a) ?? a)[0];
        const urlLike = head?.kind === 'string' ? URL_START.test(head.value) : head?.kind === 'unknown' && NAME.test(head.text) && head.text.includes('.');
        const origin = a.kind === 'unknown' && 'origin' in a && a.origin?.kind === 'param' ? a.origin : undefined;
        if ((!urlLike && !origin) || this.urlArgs.length + this.forwardCount >= MAX_URL_ARGS) return;
        const calls = call.callsFn !== undefined ? model.functions[call.callsFn]?.name : undefined;
        const constructs = call.construct ? call.receiverType?.split(/[/$.]/).pop() : undefined;
        const method = calls || constructs ? undefined : foreignMethod(call);
        if (!calls && !constructs && !method) return;
        const arg: UrlArg = { artifact: facts.artifact, call, functions: model.functions, index, ...(calls ? { calls } : {}), ...(constructs ? { constructs } : {}), ...(method ? { method } : {}) };
        if (urlLike) this.urlArgs.push(arg);
        else {
          // Keyed by what callersOf looks up: the function called, the class constructed, the foreign class.
          const key = calls ?? (constructs ? `new ${constructs}` : `cls ${method!.cls}`);
          const list = this.forwards.get(key);
          const fwd = { ...arg, from: { fn: origin!.fn, index: origin!.index } };
          if (list) list.push(fwd);
          else this.forwards.set(key, [fwd]);
          this.forwardCount++;
        }
      });
    }
  }

  /** The flows of the deferred sinks, each with the artifact it is reported in. */
  resolve(): Array<{ artifact: string; flow: FlowFact }> {
    const names = matcherOf(this.pack);
    const out: Array<{ artifact: string; flow: FlowFact }> = [];
    for (const d of this.deferred) {
      const model: CodeModel = { functions: d.functions, calls: [] };
      const attempt = (url: ModelValue) => this.attempt(model, d, url, names);
      if (isAbsolute(d.url)) {
        // Complete here: the payload holds parameters whose callers pass the identifier.
        const found = attempt(d.url);
        if (found) out.push({ artifact: d.artifact, flow: found.flow });
        continue;
      }
      if (d.sink.base) {
        // One base URL in the whole app (a constant of another file resolved): the path is relative to it.
        const bases = distinctValues((this.bases.get(d.sink.id) ?? []).map((b) => this.completed(b)));
        const found = bases.length === 1 ? attempt(joinBase(bases[0]!, d.url)) : undefined;
        if (found) out.push({ artifact: d.artifact, flow: found.flow });
        continue;
      }
      const parts = flattenConcat(d.url);
      const head = parts[0]!;
      const rest = parts.slice(1);
      const constant = head.kind === 'unknown' ? this.constantValue(head.text, 0) : undefined;
      if (constant) {
        const found = attempt({ kind: 'concat', parts: [constant, ...rest] });
        if (found) out.push({ artifact: d.artifact, flow: found.flow });
        continue;
      }
      const origin = head.kind === 'unknown' && 'origin' in head ? head.origin : undefined;
      if (origin?.kind !== 'param') continue;
      for (const { caller, via } of this.callersOf(origin.fn, origin.index, 0)) {
        const given = unwrapUrl(caller.call.args[caller.index]);
        if (!given) continue;
        const givenParts = flattenConcat(given);
        const first = givenParts[0]!;
        const completed = first.kind === 'unknown' ? this.constantValue(first.text, 0) : first;
        if (!completed) continue;
        const callerParts = new Set<ModelValue>(givenParts);
        // Other named constants in the caller's URL (`Defines.ServerUrl + Defines.stopAgora`) are completed too.
        const tail = givenParts.slice(1).map((p) => (p.kind === 'unknown' ? this.pathConstant(p.text) ?? p : p));
        const url: ModelValue = { kind: 'concat', parts: [completed, ...tail, ...rest] };
        // The payload parameters this same caller passes (a request helper `send(path:, body:)`): the request it makes.
        const own = this.withCallerPayload(d, origin.fn, caller.call);
        // (Never another caller's payload with this caller's URL.)
        const found = own ? flowAndHole(model, own, d.sink, url, names, d.rtcValues) : attempt(url);
        if (!found) continue;
        const flow = found.flow;
        // The identifier was put in the URL by the caller: the finding is that call, the helper's request follows.
        const inUrl = callerParts.has(found.hole) || flattenConcat(completed).includes(found.hole);
        const payload = new Set<ModelValue>();
        if (own && !inUrl) valuesIn(caller.call.args, payload, 0);
        if (inUrl || payload.has(found.hole)) {
          const file = caller.artifact === d.artifact ? undefined : caller.artifact;
          const at = { line: caller.call.line, column: caller.call.column, ...(caller.functions[caller.call.fn] ? { context: caller.functions[caller.call.fn]!.name } : {}), ...(file ? { file } : {}) };
          const shown = clip(givenParts.map((p) => (p.kind === 'string' ? JSON.stringify(p.value) : renderModelValue(p))).join(' + '));
          const steps: FlowStep[] = [
            { ...at, message: flow.steps[0]!.message },
            { ...at, message: inUrl ? `concatenated into the URL ${shown}, passed to ${via}` : `passed to ${via} in the request's parameters, with the URL ${shown}` },
            flow.steps[flow.steps.length - 1]!,
          ];
          out.push({ artifact: d.artifact, flow: { ...flow, steps, primary: 1 } });
        } else out.push({ artifact: d.artifact, flow });
      }
    }
    return out;
  }

  /**
   * The flow of a deferred sink with its URL completed: as it is, else with each payload parameter replaced by what
   * a caller passes (what the called function returns, when the caller passes a call's result: `toMap(session)`).
   */
  private attempt(model: CodeModel, d: DeferredSink, url: ModelValue, names: ReturnType<typeof matcherOf>): ReturnType<typeof flowAndHole> {
    const direct = flowAndHole(model, d.call, d.sink, url, names, d.rtcValues);
    if (direct) return direct;
    let tried = 0;
    for (const param of payloadParams(d.call, d.sink)) {
      const origin = param.kind === 'unknown' && 'origin' in param ? param.origin : undefined;
      if (origin?.kind !== 'param') continue;
      for (const caller of this.calls) {
        if (tried >= MAX_VARIANTS) return undefined;
        if (!(caller.target === origin.fn || (caller.target && origin.fn.endsWith('.' + caller.target)) || (caller.method && this.isMethod(origin.fn, caller.method)))) continue;
        const given = caller.call.args[origin.index];
        if (!given) continue;
        tried++;
        const value = this.returnedBy(given) ?? given;
        const args = d.call.args.map((a) => replace(a, param, value, 0));
        const found = flowAndHole(model, { ...d.call, args }, d.sink, url, names, d.rtcValues);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** The sink call with the payload parameters of `fn` replaced by what `caller` passes for them. */
  private withCallerPayload(d: DeferredSink, fn: string, caller: ModelCall): ModelCall | undefined {
    let args = d.call.args;
    for (const param of payloadParams(d.call, d.sink)) {
      const origin = param.kind === 'unknown' && 'origin' in param ? param.origin : undefined;
      const given = origin?.kind === 'param' && origin.fn === fn ? caller.args[origin.index] : undefined;
      if (given) args = args.map((a) => replace(a, param, this.returnedBy(given) ?? given, 0));
    }
    return args === d.call.args ? undefined : { ...d.call, args };
  }

  /** The object a call's result is, when the called function (of any file) builds and returns one. */
  private returnedBy(v: ModelValue): ModelValue | undefined {
    const origin = v.kind === 'unknown' && 'origin' in v ? v.origin : undefined;
    if (origin?.kind !== 'call') return undefined;
    const c = origin.callee;
    let values = this.returns.get(c);
    if (!values) {
      const names = (bySuffix(this.returns).get(c.slice(c.lastIndexOf('.') + 1)) ?? []).filter((n) => n.endsWith('.' + c));
      if (names.length === 1) values = this.returns.get(names[0]!);
    }
    return values?.length === 1 ? values[0] : undefined;
  }

  /** A URL whose head is a constant of another file, with that constant's value in its place (or as it is). */
  private completed(v: ModelValue): ModelValue {
    const parts = flattenConcat(v);
    const head = parts[0];
    const c = head?.kind === 'unknown' ? this.constantValue(head.text, 0) : undefined;
    return c ? { kind: 'concat', parts: [c, ...parts.slice(1)] } : v;
  }

  /** The value of a constant another file declares, by its qualified name or a unique suffix of one; its own head resolved too. */
  private constantValue(text: string, depth: number): ModelValue | undefined {
    if (depth > MAX_DEPTH || !NAME.test(text)) return undefined;
    let values = this.constants.get(text);
    if (!values && text.includes('.')) {
      // `Machine.START_PLAY` inside Constants.Network, or an import of the class: the one constant whose name ends so.
      const matches = (bySuffix(this.constants).get(text.slice(text.lastIndexOf('.') + 1)) ?? []).filter((n) => n.endsWith('.' + text));
      if (matches.length === 1) values = this.constants.get(matches[0]!);
    }
    // Several files defining the same name: no way to tell which one this file sees.
    if (!values || values.length !== 1) return undefined;
    const v = values[0]!;
    const parts = flattenConcat(v);
    const head = parts[0]!;
    if (head.kind === 'string') return URL_START.test(head.value) ? v : undefined;
    const inner = head.kind === 'unknown' ? this.constantValue(head.text, depth + 1) : undefined;
    return inner ? { kind: 'concat', parts: [inner, ...parts.slice(1)] } : undefined;
  }

  /** A string constant another file declares (a path appended to a base URL: `Defines.stopAgora`), by a unique name. */
  private pathConstant(text: string): ModelValue | undefined {
    if (!NAME.test(text)) return undefined;
    let values = this.constants.get(text);
    if (!values && text.includes('.')) {
      const matches = (bySuffix(this.constants).get(text.slice(text.lastIndexOf('.') + 1)) ?? []).filter((n) => n.endsWith('.' + text));
      if (matches.length === 1) values = this.constants.get(matches[0]!);
    }
    return values?.length === 1 && values[0]!.kind === 'string' ? values[0] : undefined;
  }

  /**
   * `fn` is the method a foreign call names, and no longer-named method of its class is (a Swift selector
   * `downloadDataUrl::` names `downloadData(url:)`, not `download(data:url:)`, when the class declares both).
   */
  private isMethod(fn: string, m: { cls: string; name: string }): boolean {
    if (!methodOf(fn, m)) return false;
    const base = fn.slice(fn.lastIndexOf('.') + 1);
    for (const other of this.methodsOf.get(m.cls) ?? []) {
      if (other.length > base.length && other.startsWith(base) && methodOf(`${m.cls}.${other}`, m)) return false;
    }
    return true;
  }

  /**
   * Calls that pass a URL as argument `index` of function `fn`: resolved in the caller's file, or constructions of its
   * class — directly, or through functions that pass their own parameter on to it (`via`: the function the
   * outermost call calls).
   */
  private callersOf(fn: string, index: number, depth: number, seen = new Set<string>()): Array<{ caller: UrlArg; via: string }> {
    // `pkg.TokenClient.constructor`, `Cls.init`, Java/Dart `pkg.Cls.Cls`: a constructor of Cls.
    const segs = fn.split('.');
    const last = segs[segs.length - 1];
    const cls = segs.length >= 2 ? segs[segs.length - 2] : undefined;
    const ctorOf = last === 'constructor' || last === 'init' || (cls !== undefined && last === cls) ? cls : undefined;
    const reaches = (u: UrlArg) => u.index === index && (u.calls === fn || (ctorOf !== undefined && u.constructs === ctorOf) || (u.method !== undefined && this.isMethod(fn, u.method)));
    const out = this.urlArgs.filter(reaches).map((caller) => ({ caller, via: fn }));
    if (depth >= MAX_DEPTH || !this.forwardCount) return out;
    // Each function's parameter is followed once per sink, and at most MAX_VARIANTS of them: bounded whatever the app.
    seen.add(`${fn}\u0000${index}`);
    let forwarded = 0;
    const candidates = [...(this.forwards.get(fn) ?? []), ...(ctorOf ? this.forwards.get(`new ${ctorOf}`) ?? [] : []), ...(cls ? this.forwards.get(`cls ${cls}`) ?? [] : [])];
    for (const f of candidates) {
      if (forwarded >= MAX_VARIANTS || seen.size > MAX_VARIANTS || !reaches(f) || seen.has(`${f.from.fn}\u0000${f.from.index}`)) continue;
      const more = this.callersOf(f.from.fn, f.from.index, depth + 1, seen).slice(0, MAX_VARIANTS - forwarded);
      forwarded += more.length;
      out.push(...more);
    }
    return out;
  }
}

const suffixIndex = new WeakMap<Map<string, unknown>, { size: number; index: Map<string, string[]> }>();

/** Qualified names by their last segment (`Constants.Network.BASE_URL` under `BASE_URL`), rebuilt when the map grew. */
function bySuffix(names: Map<string, unknown>): Map<string, string[]> {
  const memo = suffixIndex.get(names);
  if (memo && memo.size === names.size) return memo.index;
  const index = new Map<string, string[]>();
  for (const n of names.keys()) {
    const last = n.slice(n.lastIndexOf('.') + 1);
    const list = index.get(last);
    if (list) list.push(n);
    else index.set(last, [n]);
  }
  suffixIndex.set(names, { size: names.size, index });
  return index;
}

function isAbsolute(url: ModelValue): boolean {
  const head = flattenConcat(url)[0];
  return head?.kind === 'string' && URL_START.test(head.value);
}

/** `v` with `target` (by identity) replaced by `by`, in objects and concatenations. */
function replace(v: ModelValue, target: ModelValue, by: ModelValue, depth: number): ModelValue {
  if (v === target) return by;
  if (depth > 4) return v;
  if (v.kind === 'object') return { kind: 'object', props: Object.fromEntries(Object.entries(v.props).map(([k, p]) => [k, replace(p, target, by, depth + 1)])) };
  if (v.kind === 'concat') return { kind: 'concat', parts: v.parts.map((p) => replace(p, target, by, depth + 1)) };
  return v;
}

/** Every value inside `vs` (object properties, concatenation parts), into `out`. */
function valuesIn(vs: readonly ModelValue[], out: Set<ModelValue>, depth: number): void {
  if (depth > 4) return;
  for (const v of vs) {
    out.add(v);
    if (v.kind === 'object') valuesIn(Object.values(v.props), out, depth + 1);
    else if (v.kind === 'concat') valuesIn(v.parts, out, depth + 1);
  }
}

function clip(s: string): string {
  return s.length > 160 ? s.slice(0, 159) + '…' : s;
}
