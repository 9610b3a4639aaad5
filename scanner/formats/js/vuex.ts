// Vuex state a Vue component reads as `this.<name>` through `computed: { ...mapState(['trtcCloud']) }`, and what
// the store module puts there: `new Vuex.Store({ state: { trtcCloud: '' }, mutations: { init(state) {
// state.trtcCloud = new TRTCCloud() } } })` (Vuex 3), `createStore({…})` (Vuex 4). Structure only: which values a
// state property takes is the provenance's question (provenance.ts), never which vendor they are.
import type * as t from '@babel/types';
import type { NodePath } from './scope.js';

/** Where Vue CLI and Vite templates keep the store: `src/store/index.js` or `src/store.js` (linked.ts `@/`). */
export const VUEX_STORES = ['@/store/index.js', '@/store.js'];

/** The export-table key of a state property of the module's store. */
export function stateKey(name: string): string {
  return `state ${name}`;
}

const MAX_PROPS = 256;

const keyOf = (node: t.ObjectProperty | t.ObjectMethod): string | undefined =>
  node.computed ? undefined : node.key.type === 'Identifier' ? node.key.name : node.key.type === 'StringLiteral' ? node.key.value : undefined;

/**
 * The state property a component's `this.<prop>` maps to through `mapState` in its `computed` group: the array form
 * (`mapState(['a', 'b'])`), or the object form (`mapState({ c: 'a' })`, `mapState({ c: (state) => state.a })`).
 */
export function mappedState(component: NodePath<t.ObjectExpression>, prop: string): string | undefined {
  for (const p of component.node.properties) {
    if (p.type !== 'ObjectProperty' || keyOf(p) !== 'computed' || p.value.type !== 'ObjectExpression') continue;
    for (const member of p.value.properties) {
      const call = member.type === 'SpreadElement' ? member.argument : undefined;
      if (call?.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== 'mapState') continue;
      // `mapState('module', [...])`: a namespaced module's state, not the root store's.
      const arg = call.arguments[0];
      if (arg?.type === 'ArrayExpression') {
        if (arg.elements.some((e) => e?.type === 'StringLiteral' && e.value === prop)) return prop;
      } else if (arg?.type === 'ObjectExpression') {
        for (const q of arg.properties) {
          if (q.type !== 'ObjectProperty' || keyOf(q) !== prop) continue;
          if (q.value.type === 'StringLiteral') return q.value.value;
          const fn = q.value;
          if ((fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') && fn.params[0]?.type === 'Identifier') {
            const body = fn.body.type === 'BlockStatement' ? (fn.body.body.length === 1 && fn.body.body[0]!.type === 'ReturnStatement' ? fn.body.body[0].argument : undefined) : fn.body;
            const stateParam = fn.params[0].name;
            if (body?.type === 'MemberExpression' && !body.computed && body.object.type === 'Identifier' && body.object.name === stateParam && body.property.type === 'Identifier') return body.property.name;
          }
        }
      }
    }
  }
  return undefined;
}

/** True when `node` constructs a Vuex store: `new Vuex.Store({…})`, `new Store({…})`, `createStore({…})`. */
function isStoreConstruction(node: t.Node): node is t.NewExpression | t.CallExpression {
  const callee = node.type === 'NewExpression' || node.type === 'CallExpression' ? node.callee : undefined;
  if (!callee) return false;
  if (node.type === 'CallExpression') return callee.type === 'Identifier' && callee.name === 'createStore';
  if (callee.type === 'Identifier') return callee.name === 'Store';
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'Store';
}

/**
 * Each state property of a store construction, with the values written to it: its initial value in `state` and
 * every `state.<name> = value` inside a mutation (whose first parameter is the state).
 */
export function storeState(store: NodePath): Map<string, NodePath[]> {
  const out = new Map<string, NodePath[]>();
  if (!isStoreConstruction(store.node)) return out;
  const options = (store.get('arguments') as NodePath[])[0];
  if (options?.node.type !== 'ObjectExpression') return out;
  const add = (name: string, value: NodePath) => {
    const list = out.get(name);
    if (list) list.length < 16 && list.push(value);
    else if (out.size < MAX_PROPS) out.set(name, [value]);
  };
  for (const group of options.get('properties') as NodePath[]) {
    if (!group.isObjectProperty()) continue;
    const name = keyOf(group.node);
    const value = group.get('value') as NodePath;
    if (name === 'state' && value.node.type === 'ObjectExpression') {
      for (const p of value.get('properties') as NodePath[]) {
        const key = p.isObjectProperty() ? keyOf(p.node as t.ObjectProperty) : undefined;
        if (key !== undefined) add(key, p.get('value') as NodePath);
      }
    } else if (name === 'mutations' && value.node.type === 'ObjectExpression') {
      for (const m of value.get('properties') as NodePath[]) {
        const fn = m.isObjectMethod() ? m : m.isObjectProperty() && (m.get('value') as NodePath).isFunction() ? (m.get('value') as NodePath) : undefined;
        const param = (fn?.node as t.Function | undefined)?.params[0];
        if (!fn || param?.type !== 'Identifier') continue;
        const stateName = param.name;
        fn.traverse({
          AssignmentExpression(a: NodePath<t.AssignmentExpression>) {
            const left = a.node.left;
            if (a.node.operator !== '=' || left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') return;
            if (left.object.type === 'Identifier' && left.object.name === stateName) add(left.property.name, a.get('right') as NodePath);
          },
        });
      }
    }
  }
  return out;
}
