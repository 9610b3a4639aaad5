// Classes as Babel's class transform ships them (@react-native/babel-preset lowers every class of a React Native
// release bundle): a constructor function that starts with `_classCallCheck(this, C)`, its methods installed by
// `_createClass(C, [{ key: "join", value: function () {…} }])`, its superclass set by `_inherits(C, Super)`, and a
// derived constructor's `this` being what the super call returns (`_this = _callSuper(this, C, [props])`). The
// helpers come from @babel/runtime (`(0, _classCallCheck2.default)(this, C)`) or are inlined, minified or not, so
// they are recognised by their arguments, never by name.
import type * as t from '@babel/types';
import type { NodePath } from './scope.js';
import { thisPassedBy } from './regenerator.js';

const MAX_SUPER_DEPTH = 8;

const isFn = (p: NodePath | null | undefined): p is NodePath<t.Function> => !!p && p.isFunction();

/** `helper(this, C)`: Babel's `_classCallCheck`, the first statement of every lowered constructor. */
function checksClass(fn: t.Function, name: string): boolean {
  if (fn.body.type !== 'BlockStatement') return false;
  for (const s of fn.body.body.slice(0, 4)) {
    // `var _this;` / `var t;` come first in derived constructors; the check is the first expression.
    const exprs = s.type === 'ExpressionStatement' ? (s.expression.type === 'SequenceExpression' ? s.expression.expressions : [s.expression]) : s.type === 'ReturnStatement' && s.argument?.type === 'SequenceExpression' ? s.argument.expressions : [];
    for (const e of exprs.slice(0, 1)) {
      if (e.type === 'CallExpression' && e.arguments.length === 2 && e.arguments[0]!.type === 'ThisExpression' && e.arguments[1]!.type === 'Identifier' && e.arguments[1].name === name) return true;
    }
  }
  return false;
}

/** A function declaration that is a lowered class constructor. */
export function isLoweredConstructor(p: NodePath): p is NodePath<t.FunctionDeclaration> {
  const n = p.node;
  return n.type === 'FunctionDeclaration' && !!n.id && checksClass(n, n.id.name);
}

/**
 * The lowered constructor a method function belongs to: `_createClass(C, [{ key, value: <fn> }])`. An async
 * method's value is an IIFE, `(function () { var _m = _asyncToGenerator(function* () {…}); function m() { return
 * _m.apply(this, arguments); } return m; })()`: the IIFE's function stands for the method.
 */
function constructorOfMethod(fn: NodePath<t.Function>): NodePath<t.FunctionDeclaration> | undefined {
  // Up to the property value through what keeps the method's `this`: an IIFE or wrapper call, and terser's
  // `value: (A = _asyncToGenerator(function* () {…}), function () { return A.apply(this, arguments); })`.
  let value: NodePath = fn;
  for (let k = 0; k < 6; k++) {
    const up = value.parentPath;
    const n = up?.node;
    if (!up || !n) return undefined;
    if (n.type === 'CallExpression' || n.type === 'SequenceExpression' || n.type === 'ParenthesizedExpression' || (n.type === 'AssignmentExpression' && n.right === value.node)) value = up;
    else break;
  }
  const prop = value.parentPath;
  if (!prop?.isObjectProperty() || prop.node.value !== value.node) return undefined;
  const array = prop.parentPath?.parentPath;
  const call = array?.parentPath;
  if (array?.node.type !== 'ArrayExpression' || !call?.isCallExpression()) return undefined;
  const args = call.node.arguments;
  if (args[1] !== array.node || args[0]?.type !== 'Identifier') return undefined;
  const decl = call.scope.getBinding(args[0].name)?.path;
  return decl && isLoweredConstructor(decl) ? decl : undefined;
}

/**
 * The lowered class whose `this` is `this` at `path`: the constructor, or the constructor of the method, enclosing
 * it (through arrow functions, which keep `this`).
 */
export function loweredClassAt(path: NodePath): NodePath<t.FunctionDeclaration> | undefined {
  let fn = path.getFunctionParent();
  // Arrows keep `this`; so do an async method's generator body (`_asyncToGenerator(function* …)` runs it with the
  // method's `this`) and the wrapper that applies it, up to the method's IIFE, and a regenerator state machine
  // handed the method's `this` (`R.async(function (ctx) {…}, null, this, …)`, regenerator.ts).
  for (let k = 0; fn && k < 6; k++) {
    if (fn.isArrowFunctionExpression()) {
      fn = fn.parentPath?.getFunctionParent() ?? null;
      continue;
    }
    if (isLoweredConstructor(fn)) return fn;
    const ctor = constructorOfMethod(fn);
    if (ctor) return ctor;
    // The generator handed to the async wrapper, or the method function declared in the method's IIFE.
    const passed = fn.parentPath?.isCallExpression() && fn.parentPath.node.arguments[0] === fn.node && ((fn.node as t.Function).generator || thisPassedBy(fn.node));
    const outer = fn.parentPath?.getFunctionParent() ?? null;
    if (!passed && !(fn.node.type === 'FunctionDeclaration' && outer && constructorOfMethod(outer))) return undefined;
    fn = outer;
  }
  return undefined;
}

/** What a variable of a function is ever assigned (its initialiser and every `=`), or undefined when unknown. */
function storesOf(binding: { path: NodePath; constantViolations: NodePath[] }): t.Node[] | undefined {
  const decl = binding.path.node;
  if (decl.type !== 'VariableDeclarator') return undefined;
  const out: t.Node[] = decl.init ? [decl.init] : [];
  for (const v of binding.constantViolations) {
    if (!v.isAssignmentExpression() || v.node.operator !== '=') return undefined;
    out.push(v.node.right);
  }
  return out;
}

/** `this`, or a variable of the constructor only ever holding `this` (terser's inlined `_callSuper`: `o = this`). */
function isThis(node: t.Node | undefined, ctor: NodePath): boolean {
  if (node?.type === 'ThisExpression') return true;
  if (node?.type !== 'Identifier') return false;
  const b = ctor.scope.getBinding(node.name);
  if (!b || b.path.getFunctionParent()?.node !== ctor.node) return false;
  const stores = storesOf(b);
  return !!stores?.length && stores.every((x) => x.type === 'ThisExpression');
}

/** `helper(this, C, args)` / `helper(this, …)` in a constructor: the super call, whose result is the instance. */
function isSuperCall(node: t.Node | null | undefined, ctor: NodePath): boolean {
  return node?.type === 'CallExpression' && node.arguments.length >= 2 && isThis(node.arguments[0], ctor);
}

/**
 * `_this` / `t` in a lowered derived constructor (and arrows inside it): a variable of the constructor that only
 * ever holds what the super call returns — the instance, as `this` is in the source.
 */
export function isThisAlias(id: NodePath<t.Identifier>): NodePath<t.FunctionDeclaration> | undefined {
  const binding = id.scope.getBinding(id.node.name);
  if (!binding || binding.kind !== 'var' && binding.kind !== 'let') return undefined;
  const ctor = binding.path.getFunctionParent();
  if (!ctor || !isLoweredConstructor(ctor)) return undefined;
  const stores = storesOf(binding);
  return stores?.length && stores.every((s) => isSuperCall(s, ctor)) ? ctor : undefined;
}

/** The constructor and the methods of a lowered class (each a function whose `this` is the instance). */
export function loweredMembers(ctor: NodePath<t.FunctionDeclaration>): NodePath[] {
  const out: NodePath[] = [ctor];
  const binding = ctor.parentPath?.scope.getBinding(ctor.node.id!.name);
  for (const ref of binding?.referencePaths ?? []) {
    const call = ref.parentPath;
    if (!call?.isCallExpression() || call.node.arguments[0] !== ref.node) continue;
    const list = (call.get('arguments') as NodePath[])[1];
    if (list?.node?.type !== 'ArrayExpression') continue;
    for (const el of list.get('elements') as NodePath[]) {
      if (el.node?.type !== 'ObjectExpression') continue;
      for (const p of el.get('properties') as NodePath[]) {
        if (!p.isObjectProperty() || p.node.key.type !== 'Identifier' || p.node.key.name !== 'value') continue;
        // A function, or the expression an async method's value is (an IIFE, a sequence): its code is the method's.
        out.push(p.get('value') as NodePath);
      }
    }
  }
  return out;
}

/** The lowered superclass of a lowered class: `_inherits(C, Super)`, Super another lowered class of this module. */
export function loweredSuper(ctor: NodePath<t.FunctionDeclaration>): NodePath<t.FunctionDeclaration> | undefined {
  const binding = ctor.parentPath?.scope.getBinding(ctor.node.id!.name);
  for (const ref of binding?.referencePaths ?? []) {
    const call = ref.parentPath;
    if (!call?.isCallExpression() || call.node.arguments.length !== 2 || call.node.arguments[0] !== ref.node) continue;
    const sup = (call.get('arguments') as NodePath[])[1]!;
    if (!sup.isIdentifier()) continue;
    return constructorNamed(sup as NodePath<t.Identifier>, 0);
  }
  return undefined;
}

/**
 * The lowered constructor an identifier names: the class IIFE's parameter is its argument (`(function (_Base) {…})(Base)`),
 * and a variable initialised by a class IIFE is the constructor that IIFE declares.
 */
function constructorNamed(id: NodePath<t.Identifier>, depth: number): NodePath<t.FunctionDeclaration> | undefined {
  if (depth > MAX_SUPER_DEPTH) return undefined;
  const binding = id.scope.getBinding(id.node.name);
  const decl = binding?.path;
  if (!decl) return undefined;
  if (isLoweredConstructor(decl)) return decl;
  if (binding.kind === 'param') {
    const fn = decl.parentPath;
    const call = fn?.parentPath?.node.type === 'ParenthesizedExpression' ? fn.parentPath.parentPath : fn?.parentPath;
    if (!isFn(fn) || !call?.isCallExpression() || call.node.callee !== fn.node) return undefined;
    const arg = (call.get('arguments') as NodePath[])[fn.node.params.indexOf(decl.node as never)];
    return arg?.isIdentifier() ? constructorNamed(arg as NodePath<t.Identifier>, depth + 1) : undefined;
  }
  if (decl.isVariableDeclarator()) {
    const init = decl.get('init') as NodePath;
    const callee = init.isCallExpression() ? (init.get('callee') as NodePath) : undefined;
    if (!isFn(callee) || callee.node.body.type !== 'BlockStatement') return undefined;
    for (const s of (callee.get('body') as NodePath).get('body') as NodePath[]) if (isLoweredConstructor(s)) return s;
  }
  return undefined;
}
