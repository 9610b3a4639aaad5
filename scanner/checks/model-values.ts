// ModelValue (the code model's abstract argument values) → JsValue (what the session, credential, residency and
// encryption checks consume). Fully constant string building folds to a string; anything with a hole stays an
// unknown whose text reads like the code: `"http://h/presence?uid=" + <param 1 of startCall>`.
import { asString, type JsValue } from '../core/facts.js';
import type { ModelValue, ValueOrigin } from '../model/types.js';

const MAX_DEPTH = 8;
const MAX_TEXT = 200;

/** Readable name of where an unknown value comes from. */
export function describeOrigin(o: ValueOrigin): string {
  switch (o.kind) {
    case 'param':
      return `<param ${o.index} of ${o.fn}>`;
    case 'field':
      return `<field ${o.owner ? `${o.owner}.` : ''}${o.name}>`;
    case 'call':
      return `<result of ${o.callee}()>`;
    case 'global':
      return o.name;
    case 'other':
      return o.text ? `<${o.text}>` : '<unknown>';
  }
}

/** The string a constant primitive contributes to a concatenation, or undefined when it is not constant. */
function constantText(v: ModelValue): string | undefined {
  // asString answers only for primitives; the model's composite kinds are never constant text here.
  return v.kind === 'concat' || v.kind === 'format' || v.kind === 'object' ? undefined : asString(v as JsValue);
}

/** Source-like rendering of any model value (for unknowns and messages). */
export function renderModelValue(v: ModelValue, depth = 0): string {
  if (depth > MAX_DEPTH) return '…';
  switch (v.kind) {
    case 'string':
      return JSON.stringify(v.value);
    case 'number':
    case 'boolean':
      return String(v.value);
    case 'null':
    case 'undefined':
      return v.kind;
    case 'object':
      return `{${Object.keys(v.props).slice(0, 6).join(', ')}}`;
    case 'array':
      return `[${v.items.length} items]`;
    case 'unknown':
      if ('origin' in v && v.origin && (!v.text || v.text === '?')) return describeOrigin(v.origin);
      return v.text || '<unknown>';
    case 'concat':
      return clip(v.parts.map((p) => renderModelValue(p, depth + 1)).join(' + '));
    case 'format':
      return clip(`format(${[JSON.stringify(v.format), ...v.args.map((a) => renderModelValue(a, depth + 1))].join(', ')})`);
  }
}

function clip(s: string): string {
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s;
}

/** `%s`, `%d`, `%@`, `%1$s`… substituted in order; undefined when a hole is not constant. */
function applyFormat(format: string, args: ModelValue[]): string | undefined {
  let i = 0;
  let ok = true;
  const out = format.replace(/%(?:(\d+)\$)?[-+ #0]*\d*(?:\.\d+)?(?:l{0,2}|h{0,2}|z|q)?([sdiuxXfeEgGc@%])/g, (_m, pos: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const arg = args[pos ? Number(pos) - 1 : i++];
    const text = arg ? constantText(arg) : undefined;
    if (text === undefined) ok = false;
    return text ?? '';
  });
  return ok ? out : undefined;
}

/** The constant string a value denotes when fully known (constants, folded concatenations and formats). */
export function constantString(v: ModelValue, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (v.kind === 'concat') {
    let s = '';
    for (const p of v.parts) {
      const t = constantString(p, depth + 1);
      if (t === undefined) return undefined;
      s += t;
    }
    return s;
  }
  if (v.kind === 'format') {
    const args: ModelValue[] = [];
    for (const a of v.args) {
      const t = constantString(a, depth + 1);
      if (t === undefined) return undefined;
      args.push({ kind: 'string', value: t });
    }
    return applyFormat(v.format, args);
  }
  return constantText(v);
}

export function toJsValue(v: ModelValue, depth = 0): JsValue {
  if (depth > MAX_DEPTH) return { kind: 'unknown', text: '…' };
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'undefined':
      return v;
    case 'object': {
      const props: Record<string, JsValue> = {};
      for (const [k, pv] of Object.entries(v.props)) props[k] = toJsValue(pv as ModelValue, depth + 1);
      return { kind: 'object', props };
    }
    case 'array':
      return { kind: 'array', items: v.items.map((x) => toJsValue(x, depth + 1)) };
    case 'concat':
    case 'format': {
      const s = constantString(v);
      return s !== undefined ? { kind: 'string', value: s } : { kind: 'unknown', text: renderModelValue(v) };
    }
    case 'unknown':
      return { kind: 'unknown', text: renderModelValue(v) };
  }
}

/** Flattens nested concatenations (and fully constant formats) into parts, merging adjacent constants. */
export function flattenConcat(v: ModelValue, depth = 0): ModelValue[] {
  const out: ModelValue[] = [];
  const push = (p: ModelValue) => {
    const last = out[out.length - 1];
    const t = constantString(p);
    if (t !== undefined && p.kind !== 'object' && p.kind !== 'array') {
      if (last && last.kind === 'string') out[out.length - 1] = { kind: 'string', value: last.value + t };
      else out.push({ kind: 'string', value: t });
    } else out.push(p);
  };
  const walk = (x: ModelValue, d: number) => {
    if (d > MAX_DEPTH) return push({ kind: 'unknown', text: '…' });
    if (x.kind === 'concat') for (const p of x.parts) walk(p, d + 1);
    else if (x.kind === 'format' && constantString(x) === undefined) {
      // `format("http://h/u?uid=%s", uid)`: literal runs and holes in order.
      const re = /%(?:(\d+)\$)?[-+ #0]*\d*(?:\.\d+)?(?:l{0,2}|h{0,2}|z|q)?([sdiuxXfeEgGc@%])/g;
      let last = 0;
      let i = 0;
      for (let m = re.exec(x.format); m; m = re.exec(x.format)) {
        if (m.index > last) push({ kind: 'string', value: x.format.slice(last, m.index) });
        last = m.index + m[0].length;
        if (m[2] === '%') push({ kind: 'string', value: '%' });
        else walk(x.args[m[1] ? Number(m[1]) - 1 : i++] ?? { kind: 'unknown', text: '?' }, d + 1);
      }
      if (last < x.format.length) push({ kind: 'string', value: x.format.slice(last) });
    } else push(x);
  };
  walk(v, depth);
  return out;
}
