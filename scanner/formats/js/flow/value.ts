// The abstract values of the flow analysis: what is known of a JS value (string shape, object properties,
// function, global path, networking instance) plus the identifier sources (taints) it carries.
import type * as t from '@babel/types';
import type { FlowFact, FlowStep } from '../../../core/facts.js';
import type { Part } from './url.js';

/** Where an identifier came from. */
export interface Source {
  /** Stable per source site: kind, name and position. */
  key: string;
  identifier: string;
  sourceKind: FlowFact['sourceKind'];
  /**
   * Named like an identifier (`threadId`) but not in the vocabulary: an identifier only if the scan passes a value
   * of that name to an RTC SDK as uid or channel (decided by the check, over every file).
   */
  candidate?: boolean;
}

/** One source reaching a value, with the steps that brought it here (first step = the source). */
export interface Taint {
  source: Source;
  steps: readonly FlowStep[];
}

export type Taints = Map<string, Taint>;

/** A function value and the scope it closes over. */
export interface FnRef {
  node: t.Function;
  closure: unknown; // a Scope; typed loosely to keep this module free of the interpreter
  name: string;
  /** `this` inside the function: the class instance or object literal it belongs to, or from `.bind()`. */
  thisVal?: Val;
  /** Leading arguments from `.bind()`. */
  boundArgs?: Val[];
  /** The module the function is defined in (the interpreter's module context); absent: the analysed file. */
  module?: unknown;
}

/** A networking object created by a sink rule (`creates`): XHR, WebSocket, socket.io socket, axios instance, Image. */
export interface Instance {
  type: string;
  /** URL given at creation or by `open`. */
  url?: Val;
  /** Base URL for relative requests (axios `baseURL`). */
  base?: Val;
  /** Identifier taints stored for later transmission (XHR `open` URL and headers, axios default headers). */
  pending: Taints;
}

export const MAX_TAINTS = 12;
export const MAX_STEPS = 24;
const MAX_PARTS = 48;
const MAX_TEXT = 4096;

/** A mutable abstract value; bindings and object properties share Val records, so mutation reaches aliases. */
export class Val {
  /** Known string shape (literal text with holes), when the value is or becomes a string. */
  str?: Part[];
  /** A compile-time constant (literal): never a source of user identifiers. */
  constant = false;
  /** Known properties. `closed`: the object is a literal whose properties are all known. */
  props?: Map<string, Val>;
  closed = false;
  items?: Val[];
  /** Allocated on the first taint added: most values the interpreter makes carry none. */
  private own?: Taints;
  fn?: FnRef;
  /** Global path this value is, e.g. `fetch`, `navigator.sendBeacon`, `axios`. */
  global?: string;
  inst?: Instance;
  /** URLSearchParams-like value (`append`/`set` add taints); `owner` is the URL whose `searchParams` it is. */
  params?: { owner?: Val };
  /** A `new URL(…)` object (its string shape is its href). */
  url = false;
  /** The value `undefined` (a declaration without initialiser): joins to the other side. */
  undef = false;
  /** The module whose code wrote this string (literal, template, concatenation): the interpreter's module context. */
  born?: unknown;

  static unknown(): Val {
    return new Val();
  }

  static string(s: string): Val {
    const v = new Val();
    v.str = [s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s];
    v.constant = true;
    return v;
  }

  static constant(): Val {
    const v = new Val();
    v.constant = true;
    return v;
  }

  /** The identifier sources this value carries (read-only: add with addTaintsTo or mutableTaints). */
  get taints(): ReadonlyMap<string, Taint> {
    return this.own ?? NO_TAINTS;
  }

  set taints(m: Taints) {
    this.own = m;
  }

  /** The value's own taint map, made on first use. */
  mutableTaints(): Taints {
    return (this.own ??= new Map());
  }

  get tainted(): boolean {
    return this.own !== undefined && this.own.size > 0;
  }

  /** Parts this value contributes to a string: its shape, or one hole. */
  asParts(): Part[] {
    return this.str ?? [null];
  }
}

/** Concatenates shapes, merging adjacent literals and holes and bounding the size. */
export function concatParts(list: readonly (readonly Part[])[]): Part[] {
  const out: Part[] = [];
  for (const parts of list) {
    for (const p of parts) {
      const last = out.length > 0 ? out[out.length - 1] : undefined;
      if (p === null) {
        if (last !== null || out.length === 0) out.push(null);
      } else if (typeof last === 'string') {
        out[out.length - 1] = (last + p).slice(0, MAX_TEXT);
      } else if (p.length > 0) {
        out.push(p.slice(0, MAX_TEXT));
      }
      if (out.length >= MAX_PARTS) {
        if (out[out.length - 1] !== null) out.push(null);
        return out;
      }
    }
  }
  return out;
}

/** What an untainted value reads as its taints; never written (writers go through mutableTaints). */
const NO_TAINTS: ReadonlyMap<string, Taint> = new Map();

/** addTaints into a value's own map, made only when there is something to add. */
export function addTaintsTo(v: Val, from: ReadonlyMap<string, Taint>): void {
  if (from.size) addTaints(v.mutableTaints(), from);
}

export function addTaints(into: Taints, from: ReadonlyMap<string, Taint>): void {
  for (const [k, tn] of from) {
    if (into.has(k)) continue;
    if (into.size >= MAX_TAINTS) {
      // Full: a vocabulary or RTC source still displaces a candidate one.
      if (tn.source.candidate) continue;
      const evict = [...into].find(([, x]) => x.source.candidate)?.[0];
      if (evict === undefined) continue;
      into.delete(evict);
    }
    into.set(k, tn);
  }
}

/** True when a value carries a source that is an identifier by itself (vocabulary or RTC argument). */
export function hasRealTaint(v: { taints: ReadonlyMap<string, Taint> }): boolean {
  for (const tn of v.taints.values()) if (!tn.source.candidate) return true;
  return false;
}

/** Answers of isIdShapedName by name: the interpreter asks for every named value it reads, a bundle's few thousand names many times over. */
const idShaped = new Map<string, boolean>();
const MAX_ID_SHAPED_CACHE = 50_000;

/** `threadId`, `conversation_id`, `peerIDs`: a name whose last word is `id`, with a word before it. */
export function isIdShapedName(name: string): boolean {
  if (name.length > 48) return false;
  let known = idShaped.get(name);
  if (known === undefined) {
    known = idShapedWords(name);
    if (idShaped.size < MAX_ID_SHAPED_CACHE) idShaped.set(name, known);
  }
  return known;
}

function idShapedWords(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
  const last = words[words.length - 1];
  return words.length >= 2 && (last === 'id' || last === 'ids') && /^[a-z]/.test(words[0]!);
}

/** The same taints, each extended by one step (skipped when the last step is already at this position). */
export function withStep(from: ReadonlyMap<string, Taint>, step: (tn: Taint) => FlowStep): Taints {
  const out: Taints = new Map();
  for (const [k, tn] of from) {
    const s = step(tn);
    const last = tn.steps[tn.steps.length - 1];
    if (last && last.line === s.line && last.column === s.column) {
      out.set(k, tn);
      continue;
    }
    let steps = [...tn.steps, s];
    // Keep the source and the most recent steps; the middle of very long chains matters least.
    if (steps.length > MAX_STEPS) steps = [steps[0]!, ...steps.slice(steps.length - MAX_STEPS + 1)];
    out.set(k, { source: tn.source, steps });
  }
  return out;
}

function sameParts(a: readonly Part[], b: readonly Part[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/** Least upper bound of two values (branches, `||`, `?:`). */
export function join(a: Val, b: Val): Val {
  if (a === b) return a;
  if (a.undef) return b;
  if (b.undef) return a;
  const v = new Val();
  if (a.str && b.str && sameParts(a.str, b.str)) v.str = a.str;
  else if (a.str && b.str) v.str = [null];
  v.constant = a.constant && b.constant;
  addTaintsTo(v, a.taints);
  addTaintsTo(v, b.taints);
  v.props = a.props ?? b.props;
  // Properties are only complete when both sides are the same closed object shape.
  v.closed = a.props === b.props && a.closed && b.closed;
  v.items = a.items ?? b.items;
  v.fn = a.fn ?? b.fn;
  v.global = a.global === b.global ? a.global : (a.global ?? b.global);
  v.inst = a.inst ?? b.inst;
  v.params = a.params ?? b.params;
  v.url = a.url || b.url;
  v.born = a.born ?? b.born;
  return v;
}
