// `this` in the methods of an object literal: the object (`const api = { init() { this.client = … }, join() {
// this.client.join(…) } }`), or, for a Vue options object, the component — its hooks and the entries of `methods`,
// `computed` and `watch` all run with the component instance as `this`. What one method assigns to `this.x` another
// reads, and `this.join(client)` calls the `join` method: the code model follows both as it follows a class's.
import type * as t from '@babel/types';
import type { NodePath } from './scope.js';

/** Option groups of a Vue component whose functions run with the component as `this`. */
const VUE_GROUPS = new Set(['methods', 'computed', 'watch']);

const keyName = (node: t.ObjectProperty | t.ObjectMethod): string | undefined =>
  node.computed ? undefined : node.key.type === 'Identifier' ? node.key.name : node.key.type === 'StringLiteral' ? node.key.value : undefined;

/** The object literal `this` is in the (non-arrow) function holding `path`, when that function is one of its methods. */
export function thisObjectOf(path: NodePath): NodePath<t.ObjectExpression> | undefined {
  const fn = path.isFunction() && !path.isArrowFunctionExpression() ? path : path.findParent((p) => p.isFunction() && !p.isArrowFunctionExpression());
  if (!fn) return undefined;
  const parent = fn.parentPath;
  let holder = fn.isObjectMethod() ? parent : parent?.isObjectProperty() && parent.node.value === fn.node ? parent.parentPath : undefined;
  if (holder?.node.type !== 'ObjectExpression') return undefined;
  const group = holder.parentPath;
  if (group?.isObjectProperty() && VUE_GROUPS.has(keyName(group.node) ?? '') && group.parentPath?.node.type === 'ObjectExpression') holder = group.parentPath;
  return holder as NodePath<t.ObjectExpression>;
}

/** The name of a method of an object literal (`join(client) {}`, `join: function (client) {}`). */
export function objectMethodName(fn: NodePath): string | undefined {
  if (fn.isObjectMethod()) return fn.node.kind === 'method' ? keyName(fn.node) : undefined;
  const parent = fn.parentPath;
  return fn.node.type === 'FunctionExpression' && parent?.isObjectProperty() && parent.node.value === fn.node ? keyName(parent.node) : undefined;
}

/** `this.<name>(…)` calls made with `obj` as `this`. */
export function thisCallsOf(obj: NodePath<t.ObjectExpression>, name: string): NodePath<t.CallExpression>[] {
  const calls: NodePath<t.CallExpression>[] = [];
  obj.traverse({
    CallExpression: (c: NodePath<t.CallExpression>) => {
      const callee = c.node.callee;
      if (callee.type !== 'MemberExpression' || callee.object.type !== 'ThisExpression' || callee.computed || callee.property.type !== 'Identifier') return;
      if (callee.property.name === name && thisObjectOf(c)?.node === obj.node) calls.push(c);
    },
  });
  return calls;
}

/** `this.<prop> = value` assignments made with `obj` as `this`, by property. */
export function thisAssignmentsOf(obj: NodePath<t.ObjectExpression>): Map<string, NodePath[]> {
  const found = new Map<string, NodePath[]>();
  obj.traverse({
    AssignmentExpression: (a: NodePath<t.AssignmentExpression>) => {
      const left = a.node.left;
      if (a.node.operator !== '=' || left.type !== 'MemberExpression' || left.object.type !== 'ThisExpression' || left.computed || left.property.type !== 'Identifier') return;
      if (thisObjectOf(a)?.node !== obj.node) return;
      const list = found.get(left.property.name) ?? [];
      if (list.length < 8) list.push(a.get('right') as NodePath);
      found.set(left.property.name, list);
    },
  });
  return found;
}
