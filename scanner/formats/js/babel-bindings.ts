// What the AST walks need of @babel/types, over its tables (babel-tables.ts, generated from the package): the
// package itself is not loaded by a scan (running its node definitions was ~30 ms of a one-file scan's cold start).
// Same algorithms as @babel/types 7 (retrievers/getBindingIdentifiers, validators isExpression): the same names in
// the same order; babel-tables.test.ts compares them with the package on real ASTs.
import type * as t from '@babel/types';
import { BINDING_KEYS, DECLARATION_TYPES, EXPORT_DECLARATION_TYPES, EXPRESSION_TYPES } from './babel-tables.js';

export { DECLARATION_TYPES, VISITOR_KEYS } from './babel-tables.js';

type Node = t.Node | null | undefined;

/** t.isExpression(node). */
export function isExpression(node: Node): boolean {
  if (!node) return false;
  if (node.type === 'Placeholder') return node.expectedNode === 'Expression' || node.expectedNode === 'Identifier' || node.expectedNode === 'StringLiteral';
  return EXPRESSION_TYPES.has(node.type);
}

/** t.isDeclaration(node). */
function isDeclaration(node: Node): boolean {
  if (!node) return false;
  if (node.type === 'Placeholder') return node.expectedNode === 'Declaration';
  return DECLARATION_TYPES.has(node.type);
}

/** t.getBindingIdentifiers(node, duplicates, outerOnly): name → identifier (or every identifier, with `duplicates`). */
export function getBindingIdentifiers(node: t.Node | t.Node[], duplicates?: boolean, outerOnly?: boolean): Record<string, t.Identifier | t.Identifier[]> {
  const search: Node[] = ([] as Node[]).concat(node);
  const ids: Record<string, t.Identifier | t.Identifier[]> = Object.create(null);
  while (search.length) {
    const id = search.shift();
    if (!id) continue;
    if (id.type === 'Identifier') {
      if (duplicates) ((ids[id.name] = ids[id.name] || []) as t.Identifier[]).push(id);
      else ids[id.name] = id;
      continue;
    }
    if (EXPORT_DECLARATION_TYPES.has(id.type) && id.type !== 'ExportAllDeclaration') {
      const declaration = (id as t.ExportNamedDeclaration | t.ExportDefaultDeclaration).declaration as Node;
      if (isDeclaration(declaration)) search.push(declaration);
      continue;
    }
    if (outerOnly) {
      if (id.type === 'FunctionDeclaration') {
        search.push(id.id);
        continue;
      }
      if (id.type === 'FunctionExpression') continue;
    }
    const keys = BINDING_KEYS[id.type];
    if (keys) {
      for (let i = 0; i < keys.length; i++) {
        const nodes = (id as unknown as Record<string, Node | Node[]>)[keys[i]!];
        if (nodes) {
          if (Array.isArray(nodes)) search.push(...nodes);
          else search.push(nodes);
        }
      }
    }
  }
  return ids;
}

/** t.getOuterBindingIdentifiers(node, duplicates). */
export function getOuterBindingIdentifiers(node: t.Node | t.Node[], duplicates?: boolean): Record<string, t.Identifier | t.Identifier[]> {
  return getBindingIdentifiers(node, duplicates, true);
}
