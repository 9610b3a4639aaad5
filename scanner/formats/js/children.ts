// Iterative AST walks (minified bundles nest too deeply for recursion) share this step: push a node's children.
import type * as t from '@babel/types';
import { VISITOR_KEYS } from './babel-bindings.js';

/** Pushes the child nodes of `node` onto `stack` so that they pop in source order. */
export function pushChildren(node: t.Node, stack: t.Node[]): void {
  const keys = VISITOR_KEYS[node.type];
  if (!keys) return;
  for (let k = keys.length - 1; k >= 0; k--) {
    const child = (node as unknown as Record<string, unknown>)[keys[k]!];
    if (Array.isArray(child)) {
      for (let i = child.length - 1; i >= 0; i--) {
        const c = child[i] as t.Node | null;
        if (c && typeof c.type === 'string') stack.push(c);
      }
    } else if (child && typeof (child as t.Node).type === 'string') stack.push(child as t.Node);
  }
}
