/**
 * Static value resolver for JavaScript expressions: turns an expression into a `JsValue` when its value is known
 * without running the code, and keeps the source text (`{kind:'unknown', text}`) when it is not.
 *
 * API (used by the JS reader and by the dataflow analysis in ./flow/):
 *
 *   const resolver = new ValueResolver(code);          // code = the exact text the AST was parsed from
 *   resolver.resolve(path)                             // path: NodePath of any expression → JsValue
 *   resolver.text(node)                                // source text of a node (truncated)
 *   asString(value)                                    // string form of a primitive JsValue, else undefined
 *   isKnown(value)                                     // true when no part of the value is `unknown`
 *   constInit(identifierPath)                          // NodePath of the value a binding is initialised with
 *
 * What resolves: string/number/boolean/null/undefined literals (and minifier forms `!0`, `void 0`), template
 * literals, `+` concatenation and numeric/bitwise operators, `const` (and never-reassigned `let`/`var`) bindings at
 * any scope level, object literal properties (`cfg.appId`, spreads), array items, `a || b` / `a ?? b` / `c ? a : b`
 * with a resolvable test, sequences, simple function parameters when the function is called exactly once
 * (including defaults), `JSON.stringify` of resolvable values, `String(x)`, `encodeURIComponent(x)`,
 * `[..].join(sep)` and `'a'.concat(b)`.
 *
 * Everything is bounded: recursion depth, string length, object size; cycles resolve to `unknown`.
 * Paths come from the resolving pass over the AST (scope.ts; bindings are read from `path.scope`).
 */
import type * as t from '@babel/types';
import type { NodePath } from './scope.js';
import { asString, type JsValue } from '../../core/facts.js';

export { asString };

export interface ResolveOptions {
  /** Maximum nesting of resolution steps (binding → init → member → …). */
  maxDepth?: number;
  /** Longest string built by concatenation; longer results become `unknown`. */
  maxStringLength?: number;
  /** Longest source text kept in `unknown` values. */
  maxTextLength?: number;
  /** Most properties/items kept when resolving object and array literals. */
  maxMembers?: number;
}

const DEFAULTS: Required<ResolveOptions> = { maxDepth: 24, maxStringLength: 8192, maxTextLength: 200, maxMembers: 64 };

/** True when the value, including nested members, contains no `unknown`. */
export function isKnown(v: JsValue): boolean {
  if (v.kind === 'unknown') return false;
  if (v.kind === 'object') return Object.values(v.props).every(isKnown);
  if (v.kind === 'array') return v.items.every(isKnown);
  return true;
}

/** Converts a fully known value to the plain JS value JSON.stringify would see. */
function toPlain(v: JsValue): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return v.value;
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'object':
      return Object.fromEntries(Object.entries(v.props).map(([k, p]) => [k, toPlain(p)]));
    case 'array':
      return v.items.map(toPlain);
    default:
      return undefined;
  }
}

function truthiness(v: JsValue): boolean | undefined {
  switch (v.kind) {
    case 'string':
      return v.value.length > 0;
    case 'number':
      return v.value !== 0 && !Number.isNaN(v.value);
    case 'boolean':
      return v.value;
    case 'null':
    case 'undefined':
      return false;
    case 'object':
    case 'array':
      return true;
    default:
      return undefined;
  }
}

/**
 * The NodePath holding the value a binding is initialised with, when the binding is never reassigned:
 * `const x = <init>`, `let x = <init>` without later writes, `function x(){}` (the declaration itself),
 * `class X {}`. Returns undefined for parameters, imports, destructuring and reassigned bindings.
 */
export function constInit(id: NodePath<t.Identifier>): NodePath | undefined {
  const binding = id.scope.getBinding(id.node.name);
  if (!binding || !binding.constant) return undefined;
  const decl = binding.path;
  if (decl.isVariableDeclarator()) {
    const vd = decl.node as t.VariableDeclarator;
    if (vd.id.type !== 'Identifier' || !vd.init) return undefined;
    return decl.get('init') as NodePath;
  }
  if (decl.isFunctionDeclaration() || decl.isClassDeclaration()) return decl;
  return undefined;
}

export class ValueResolver {
  private readonly opts: Required<ResolveOptions>;
  private readonly cache = new WeakMap<t.Node, JsValue>();
  private readonly active = new Set<t.Node>();

  constructor(
    private readonly code: string,
    options: ResolveOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...options };
  }

  /** Source text of a node, whitespace-collapsed and truncated to `maxTextLength`. */
  text(node: t.Node): string {
    if (node.start == null || node.end == null) return '';
    const raw = this.code.slice(node.start, Math.min(node.end, node.start + this.opts.maxTextLength + 1));
    const clean = raw.replace(/\s+/g, ' ');
    return clean.length > this.opts.maxTextLength ? `${clean.slice(0, this.opts.maxTextLength)}…` : clean;
  }

  /** Resolves an expression to a value; unresolvable parts become `{kind:'unknown', text}`. */
  resolve(path: NodePath | null | undefined): JsValue {
    return this.eval(path, 0);
  }

  private unknown(node: t.Node): JsValue {
    return { kind: 'unknown', text: this.text(node) };
  }

  private eval(path: NodePath | null | undefined, depth: number): JsValue {
    if (!path || !path.node) return { kind: 'undefined' };
    const node = path.node;
    const cached = this.cache.get(node);
    if (cached) return cached;
    if (depth > this.opts.maxDepth || this.active.has(node)) return this.unknown(node);
    this.active.add(node);
    let v: JsValue;
    try {
      v = this.evalNode(path, depth + 1);
    } catch {
      v = this.unknown(node);
    } finally {
      this.active.delete(node);
    }
    this.cache.set(node, v);
    return v;
  }

  private str(s: string, node: t.Node): JsValue {
    return s.length > this.opts.maxStringLength ? this.unknown(node) : { kind: 'string', value: s };
  }

  private evalNode(path: NodePath, d: number): JsValue {
    const node = path.node;
    switch (node.type) {
      case 'StringLiteral':
        return { kind: 'string', value: node.value };
      case 'NumericLiteral':
        return { kind: 'number', value: node.value };
      case 'BooleanLiteral':
        return { kind: 'boolean', value: node.value };
      case 'NullLiteral':
        return { kind: 'null' };
      case 'TemplateLiteral': {
        let out = node.quasis[0]?.value.cooked ?? node.quasis[0]?.value.raw ?? '';
        const exprs = path.get('expressions') as NodePath[];
        for (let i = 0; i < exprs.length; i++) {
          const s = asString(this.eval(exprs[i], d));
          if (s === undefined) return this.unknown(node);
          const q = node.quasis[i + 1];
          out += s + (q?.value.cooked ?? q?.value.raw ?? '');
          if (out.length > this.opts.maxStringLength) return this.unknown(node);
        }
        return this.str(out, node);
      }
      case 'Identifier':
        return this.evalIdentifier(path as NodePath<t.Identifier>, d);
      case 'UnaryExpression':
        return this.evalUnary(path as NodePath<t.UnaryExpression>, d);
      case 'BinaryExpression':
        return this.evalBinary(path as NodePath<t.BinaryExpression>, d);
      case 'LogicalExpression': {
        const left = this.eval(path.get('left') as NodePath, d);
        const truth = truthiness(left);
        if (node.operator === '??') {
          if (left.kind === 'null' || left.kind === 'undefined') return this.eval(path.get('right') as NodePath, d);
          return left.kind === 'unknown' ? this.unknown(node) : left;
        }
        if (truth === undefined) return this.unknown(node);
        if (node.operator === '||') return truth ? left : this.eval(path.get('right') as NodePath, d);
        return truth ? this.eval(path.get('right') as NodePath, d) : left;
      }
      case 'ConditionalExpression': {
        const truth = truthiness(this.eval(path.get('test') as NodePath, d));
        if (truth === undefined) return this.unknown(node);
        return this.eval(path.get(truth ? 'consequent' : 'alternate') as NodePath, d);
      }
      case 'SequenceExpression': {
        const exprs = path.get('expressions') as NodePath[];
        return this.eval(exprs[exprs.length - 1], d);
      }
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TypeCastExpression':
        return this.eval(path.get('expression') as NodePath, d);
      case 'ObjectExpression':
        return this.evalObject(path as NodePath<t.ObjectExpression>, d);
      case 'ArrayExpression': {
        const items: JsValue[] = [];
        for (const el of (path.get('elements') as NodePath[]).slice(0, this.opts.maxMembers)) {
          if (!el.node) items.push({ kind: 'undefined' });
          else if (el.node.type === 'SpreadElement') return this.unknown(node);
          else items.push(this.eval(el as NodePath, d));
        }
        return { kind: 'array', items };
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return this.evalMember(path as NodePath<t.MemberExpression>, d);
      case 'CallExpression':
        return this.evalCall(path as NodePath<t.CallExpression>, d);
      case 'AssignmentExpression':
        return node.operator === '=' ? this.eval(path.get('right') as NodePath, d) : this.unknown(node);
      default:
        return this.unknown(node);
    }
  }

  private evalIdentifier(path: NodePath<t.Identifier>, d: number): JsValue {
    const name = path.node.name;
    const binding = path.scope.getBinding(name);
    if (!binding) {
      if (name === 'undefined') return { kind: 'undefined' };
      if (name === 'NaN') return { kind: 'number', value: NaN };
      if (name === 'Infinity') return { kind: 'number', value: Infinity };
      return this.unknown(path.node);
    }
    if (binding.kind === 'param') return this.evalParam(binding.path, path.node, d);
    const init = constInit(path);
    if (!init || init.isFunctionDeclaration() || init.isClassDeclaration()) return this.unknown(path.node);
    const v = this.eval(init, d);
    // Keep the identifier's own name when its initialiser is opaque: `appId` says more than `getAppId()`.
    return v.kind === 'unknown' ? this.unknown(path.node) : v;
  }

  /** A parameter of a function that is called exactly once: the argument at that call (or the default). */
  private evalParam(paramPath: NodePath, ref: t.Node, d: number): JsValue {
    let param: NodePath = paramPath;
    let fallback: NodePath | undefined;
    if (param.isAssignmentPattern()) {
      fallback = param.get('right') as NodePath;
      param = param.get('left') as NodePath;
    }
    if (!param.isIdentifier()) return this.unknown(ref);
    const fn = paramPath.parentPath;
    if (!fn || !fn.isFunction()) return this.unknown(ref);
    const index = (fn.node as t.Function).params.indexOf(paramPath.node as never);
    if (index < 0) return this.unknown(ref);
    const call = singleCallOf(fn);
    if (!call) return fallback ? this.eval(fallback, d) : this.unknown(ref);
    const args = call.get('arguments') as NodePath[];
    if (args.slice(0, index + 1).some((a) => a.isSpreadElement())) return this.unknown(ref);
    const arg = args[index];
    if (!arg) return fallback ? this.eval(fallback, d) : { kind: 'undefined' };
    const v = this.eval(arg, d);
    if (fallback && v.kind === 'undefined') return this.eval(fallback, d);
    return v.kind === 'unknown' ? this.unknown(ref) : v;
  }

  private evalUnary(path: NodePath<t.UnaryExpression>, d: number): JsValue {
    const { operator } = path.node;
    if (operator === 'void') return { kind: 'undefined' };
    if (operator === 'typeof' || operator === 'delete') return this.unknown(path.node);
    const arg = this.eval(path.get('argument') as NodePath, d);
    if (operator === '!') {
      const truth = truthiness(arg);
      return truth === undefined ? this.unknown(path.node) : { kind: 'boolean', value: !truth };
    }
    const n = toNumber(arg);
    if (n === undefined) return this.unknown(path.node);
    if (operator === '-') return { kind: 'number', value: -n };
    if (operator === '+') return { kind: 'number', value: n };
    if (operator === '~') return { kind: 'number', value: ~n };
    return this.unknown(path.node);
  }

  private evalBinary(path: NodePath<t.BinaryExpression>, d: number): JsValue {
    const { operator } = path.node;
    if (path.node.left.type === 'PrivateName') return this.unknown(path.node);
    const left = this.eval(path.get('left') as NodePath, d);
    if (left.kind === 'unknown') return this.unknown(path.node);
    const right = this.eval(path.get('right') as NodePath, d);
    if (right.kind === 'unknown') return this.unknown(path.node);
    if (operator === '+') {
      if (left.kind === 'string' || right.kind === 'string') {
        const a = asString(left);
        const b = asString(right);
        if (a === undefined || b === undefined) return this.unknown(path.node);
        return this.str(a + b, path.node);
      }
    }
    const a = toNumber(left);
    const b = toNumber(right);
    if (a === undefined || b === undefined) return this.unknown(path.node);
    const num = (value: number): JsValue => ({ kind: 'number', value });
    switch (operator) {
      case '+':
        return num(a + b);
      case '-':
        return num(a - b);
      case '*':
        return num(a * b);
      case '/':
        return num(a / b);
      case '%':
        return num(a % b);
      case '**':
        return num(a ** b);
      case '|':
        return num(a | b);
      case '&':
        return num(a & b);
      case '^':
        return num(a ^ b);
      case '<<':
        return num(a << b);
      case '>>':
        return num(a >> b);
      case '>>>':
        return num(a >>> b);
      default:
        return this.unknown(path.node);
    }
  }

  private evalObject(path: NodePath<t.ObjectExpression>, d: number): JsValue {
    const props: Record<string, JsValue> = Object.create(null);
    let count = 0;
    for (const p of path.get('properties') as NodePath[]) {
      if (++count > this.opts.maxMembers) break;
      if (p.isSpreadElement()) {
        const v = this.eval(p.get('argument') as NodePath, d);
        if (v.kind === 'object') Object.assign(props, v.props);
        else if (v.kind !== 'null' && v.kind !== 'undefined') return this.unknown(path.node);
        continue;
      }
      if (!p.isObjectProperty() && !p.isObjectMethod()) continue;
      const key = this.propertyKey(p as NodePath<t.ObjectProperty | t.ObjectMethod>, d);
      if (key === undefined) return this.unknown(path.node);
      props[key] = p.isObjectProperty()
        ? this.eval(p.get('value') as NodePath, d)
        : { kind: 'unknown', text: this.text(p.node) };
    }
    return { kind: 'object', props: { ...props } };
  }

  private propertyKey(p: NodePath<t.ObjectProperty | t.ObjectMethod>, d: number): string | undefined {
    const { key, computed } = p.node;
    if (!computed) {
      if (key.type === 'Identifier') return key.name;
      if (key.type === 'StringLiteral') return key.value;
      if (key.type === 'NumericLiteral') return String(key.value);
      return undefined;
    }
    return asString(this.eval(p.get('key') as NodePath, d));
  }

  private evalMember(path: NodePath<t.MemberExpression>, d: number): JsValue {
    const { computed, property } = path.node;
    let key: string | undefined;
    if (!computed && property.type === 'Identifier') key = property.name;
    else if (computed) key = asString(this.eval(path.get('property') as NodePath, d));
    if (key === undefined) return this.unknown(path.node);
    const obj = this.eval(path.get('object') as NodePath, d);
    if (obj.kind === 'object' && Object.prototype.hasOwnProperty.call(obj.props, key)) {
      const v = obj.props[key]!;
      return v.kind === 'unknown' ? this.unknown(path.node) : v;
    }
    if (obj.kind === 'array') {
      if (key === 'length') return { kind: 'number', value: obj.items.length };
      const i = Number(key);
      const item = Number.isInteger(i) ? obj.items[i] : undefined;
      if (item && item.kind !== 'unknown') return item;
    }
    if (obj.kind === 'string' && key === 'length') return { kind: 'number', value: obj.value.length };
    return this.unknown(path.node);
  }

  private evalCall(path: NodePath<t.CallExpression>, d: number): JsValue {
    const callee = path.node.callee;
    const args = path.get('arguments') as NodePath[];
    if (args.some((a) => a.isSpreadElement())) return this.unknown(path.node);
    const calleeName = staticCalleeName(callee);
    if (calleeName === 'JSON.stringify' && args.length === 1) {
      const v = this.eval(args[0], d);
      if (!isKnown(v)) return this.unknown(path.node);
      const s = JSON.stringify(toPlain(v));
      return s === undefined ? { kind: 'undefined' } : this.str(s, path.node);
    }
    if ((calleeName === 'String' || calleeName === 'encodeURIComponent' || calleeName === 'encodeURI') && args.length === 1) {
      if (path.scope.getBinding(calleeName)) return this.unknown(path.node);
      const s = asString(this.eval(args[0], d));
      if (s === undefined) return this.unknown(path.node);
      if (calleeName === 'String') return this.str(s, path.node);
      try {
        return this.str(calleeName === 'encodeURI' ? encodeURI(s) : encodeURIComponent(s), path.node);
      } catch {
        return this.unknown(path.node);
      }
    }
    if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
      const method = callee.property.name;
      if (method === 'join' || method === 'concat') {
        const recv = this.eval((path.get('callee') as NodePath).get('object') as NodePath, d);
        if (method === 'join' && recv.kind === 'array') {
          const sep = args[0] ? asString(this.eval(args[0], d)) : ',';
          const parts = recv.items.map((i) => (i.kind === 'null' || i.kind === 'undefined' ? '' : asString(i)));
          if (sep === undefined || parts.some((p) => p === undefined)) return this.unknown(path.node);
          return this.str(parts.join(sep), path.node);
        }
        if (method === 'concat' && recv.kind === 'string') {
          let out = recv.value;
          for (const a of args) {
            const s = asString(this.eval(a, d));
            if (s === undefined) return this.unknown(path.node);
            out += s;
          }
          return this.str(out, path.node);
        }
      }
    }
    return this.unknown(path.node);
  }
}

function toNumber(v: JsValue): number | undefined {
  switch (v.kind) {
    case 'number':
      return v.value;
    case 'boolean':
      return v.value ? 1 : 0;
    case 'null':
      return 0;
    case 'string': {
      const n = Number(v.value);
      return Number.isNaN(n) ? undefined : n;
    }
    default:
      return undefined;
  }
}

/** `JSON.stringify`, `String`, … for callee expressions made of plain names; undefined otherwise. */
export function staticCalleeName(callee: t.Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    const obj = staticCalleeName(callee.object);
    return obj ? `${obj}.${callee.property.name}` : undefined;
  }
  return undefined;
}

/**
 * The only call of a function, when the function is referenced exactly once and that reference is the callee
 * of a call: `function f(a){…} f(1)`, `const f = (a) => …; f(1)`, or an IIFE `(function(a){…})(1)`.
 */
export function singleCallOf(fn: NodePath): NodePath<t.CallExpression> | undefined {
  const parent = fn.parentPath;
  if (parent?.isCallExpression() && parent.node.callee === fn.node) return parent;
  let id: t.Identifier | undefined;
  let scopePath: NodePath = fn;
  if (fn.isFunctionDeclaration() && fn.node.id) {
    id = fn.node.id;
    scopePath = fn.parentPath ?? fn;
  } else if (parent?.isVariableDeclarator() && parent.node.id.type === 'Identifier') {
    id = parent.node.id;
    scopePath = parent;
  }
  if (!id) return undefined;
  const binding = scopePath.scope.getBinding(id.name);
  if (!binding || !binding.constant || binding.referencePaths.length !== 1) return undefined;
  const ref = binding.referencePaths[0]!;
  const call = ref.parentPath;
  if (call?.isCallExpression() && call.node.callee === ref.node) return call;
  return undefined;
}
