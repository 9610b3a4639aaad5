// Async functions as Babel's regenerator transform ships them (metro-react-native-babel-preset ≤ 0.67, i.e. React
// Native ≤ 0.68 release builds, JSC and Hermes alike; preset-env for old targets): the body becomes a state machine,
//   function f(a) { var engine, token;
//     return R.async(function (ctx) { while (1) switch (ctx.prev = ctx.next) {
//       case 0: engine = create(); ctx.next = 3; return R.awrap(getToken(a));
//       case 3: token = ctx.sent; engine.join(token); return ctx.abrupt("return", engine);
//     } }, null, this, null, Promise); }
// (Babel ≥ 7.28 without @babel/runtime: `switch (ctx.n)`, `ctx.v`, `ctx.a(2, v)`). Locals are hoisted to the
// outer function, so ordinary bindings already follow them; what this module adds is what the runtime call means:
// the state-machine function runs with the `this` handed to the runtime (third argument), `ctx.sent` in a state is
// the value awaited by the step that resumes there, and `ctx.abrupt("return", v)` is the async function's return.
// Everything is recognised by its shape (a one-parameter function looping over a switch on its parameter's state
// field, passed first to a call), never by the helpers' names, which minifiers rename.
import type * as t from '@babel/types';
import { pathOf, type NodePath } from './scope.js';

export interface StateMachine {
  fn: t.Function;
  /** The runtime call the function is passed to (`R.async(fn, outer, self, tryLocs, Promise)`, `R.wrap(fn, outer, self)`). */
  call: t.CallExpression;
  switch: t.SwitchStatement;
  ctx: string;
  /** The field that names the next state (`next`, `n`) and the one the resumed value is read from (`sent`, `v`). */
  next: string;
  sent: string;
  /** Async mode (five runtime arguments, the last the Promise constructor): each awaited value is wrapped, `R.awrap(x)`. */
  async: boolean;
}

const memo = new WeakMap<t.Node, StateMachine | null>();

const nameOf = (m: t.Node): string | undefined =>
  m.type === 'MemberExpression' && !m.computed && m.property.type === 'Identifier' ? m.property.name : m.type === 'MemberExpression' && m.property.type === 'StringLiteral' ? m.property.value : undefined;

/** `ctx.<field>` for the context parameter. */
function ctxField(node: t.Node | null | undefined, ctx: string): string | undefined {
  return node?.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === ctx ? nameOf(node) : undefined;
}

/** The loop body's switch: `while (1) switch …`, `for (;;) switch …`, each possibly in a block. */
function loopedSwitch(body: t.Statement): t.SwitchStatement | undefined {
  let s: t.Statement | undefined = body;
  for (let k = 0; s && k < 3 && s.type === 'BlockStatement'; k++) s = s.body.length === 1 ? s.body[0] : undefined;
  if (!s) return undefined;
  const loops = s.type === 'WhileStatement' ? s.test.type === 'NumericLiteral' || s.test.type === 'BooleanLiteral' || s.test.type === 'UnaryExpression' : s.type === 'ForStatement' && !s.test;
  if (!loops) return undefined;
  let inner: t.Statement | undefined = (s as t.WhileStatement | t.ForStatement).body;
  for (let k = 0; inner && k < 3 && inner.type === 'BlockStatement'; k++) inner = inner.body.length === 1 ? inner.body[0] : undefined;
  return inner?.type === 'SwitchStatement' ? inner : undefined;
}

/** The state machine a function is, when it is one. */
export function stateMachine(fn: t.Node | null | undefined): StateMachine | undefined {
  if (!fn || (fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression')) return undefined;
  const cached = memo.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  const found = compute(fn);
  memo.set(fn, found ?? null);
  return found;
}

function compute(fn: t.FunctionExpression | t.ArrowFunctionExpression): StateMachine | undefined {
  const param = fn.params[0];
  if (fn.params.length !== 1 || param?.type !== 'Identifier' || fn.body.type !== 'BlockStatement' || fn.body.body.length !== 1) return undefined;
  const call = pathOf(fn).parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== fn) return undefined;
  const sw = loopedSwitch(fn.body.body[0]!);
  if (!sw) return undefined;
  const ctx = param.name;
  // `switch (ctx.prev = ctx.next)` (regenerator-runtime) or `switch (ctx.n)` / `switch (ctx.p = ctx.n)` (Babel 7.28+).
  const d = sw.discriminant;
  const next = ctxField(d.type === 'AssignmentExpression' ? d.right : d, ctx);
  if (!next) return undefined;
  const sent = next === 'next' ? 'sent' : next === 'n' ? 'v' : undefined;
  if (!sent) return undefined;
  return { fn, call, switch: sw, ctx, next, sent, async: call.arguments.length >= 5 };
}

/** The state machine whose runtime call this is (`R.async(function (ctx) {…}, …)`). */
export function stateMachineCall(call: t.Node): StateMachine | undefined {
  return call.type === 'CallExpression' ? stateMachine(call.arguments[0]) : undefined;
}

/** The function whose `this` a state-machine function has: the runtime is handed `this` as its third argument. */
export function thisPassedBy(fn: t.Node): boolean {
  const sm = stateMachine(fn);
  return !!sm && sm.call.arguments[2]?.type === 'ThisExpression';
}

/** The state labels a statement of the switch is reached from (its case and empty cases falling into it). */
function labelsOf(sm: StateMachine, node: t.Node): number[] | undefined {
  let n: t.Node | undefined = node;
  let parent = pathOf(n).parent;
  for (let k = 0; parent && parent !== sm.switch && k < 64; k++) {
    if (parent === sm.fn) return undefined;
    n = parent;
    parent = pathOf(n).parent;
  }
  if (parent !== sm.switch || n?.type !== 'SwitchCase') return undefined;
  const cases = sm.switch.cases;
  const at = cases.indexOf(n);
  const out: number[] = [];
  // Its own label, and those of the empty cases just above it (`case 3: case 4: x = ctx.sent`).
  for (let i = at; i >= 0 && (i === at || cases[i]!.consequent.length === 0); i--) {
    const test = cases[i]!.test;
    if (test?.type === 'NumericLiteral') out.push(test.value);
  }
  return out;
}

/** What one step returns to the runtime after setting `ctx.next = label`: the awaited (or yielded) expression. */
function resumedBy(sm: StateMachine, labels: number[]): t.Expression[] {
  const out: t.Expression[] = [];
  const setsLabel = (e: t.Node | null | undefined): boolean =>
    e?.type === 'AssignmentExpression' && e.operator === '=' && ctxField(e.left, sm.ctx) === sm.next && e.right.type === 'NumericLiteral' && labels.includes(e.right.value);
  const awaited = (e: t.Expression | null | undefined): t.Expression | undefined => {
    if (!e) return undefined;
    // Async mode wraps every awaited value (`R.awrap(x)`, `_awaitAsyncGenerator(x)`): the value is the argument.
    if (sm.async) return e.type === 'CallExpression' && e.arguments.length === 1 && e.arguments[0]!.type !== 'SpreadElement' ? (e.arguments[0] as t.Expression) : undefined;
    return e;
  };
  for (const c of sm.switch.cases) {
    const list = c.consequent;
    for (let i = 0; i < list.length && out.length < 8; i++) {
      const s = list[i]!;
      // `ctx.next = 3; return R.awrap(x);`
      if (s.type === 'ExpressionStatement' && setsLabel(s.expression)) {
        const r = list[i + 1];
        const v = r?.type === 'ReturnStatement' ? awaited(r.argument) : undefined;
        if (v) out.push(v);
      }
      // Minified: `return …, ctx.next = 3, R.awrap(x)`.
      if (s.type === 'ReturnStatement' && s.argument?.type === 'SequenceExpression') {
        const exprs = s.argument.expressions;
        if (exprs.length >= 2 && setsLabel(exprs[exprs.length - 2])) {
          const v = awaited(exprs[exprs.length - 1]);
          if (v) out.push(v);
        }
      }
    }
  }
  return out;
}

/**
 * `ctx.sent` (`ctx.v`) read in a state: the expressions awaited by the steps that resume in that state, or
 * undefined when the member is no such read.
 */
export function sentValues(member: NodePath): NodePath[] | undefined {
  const node = member.node;
  if (node.type !== 'MemberExpression' || node.object.type !== 'Identifier') return undefined;
  const name = nameOf(node);
  if (name !== 'sent' && name !== 'v') return undefined;
  const decl = member.scope.getBinding(node.object.name)?.path;
  if (!decl || decl.node.type !== 'Identifier') return undefined;
  const sm = stateMachine(decl.parent);
  if (!sm || sm.ctx !== node.object.name || sm.sent !== name) return undefined;
  const labels = labelsOf(sm, node);
  if (!labels?.length) return undefined;
  return resumedBy(sm, labels).map((e) => pathOf(e));
}

/** What the async function returns: `ctx.abrupt("return", v)` / `ctx.a(2, v)` in its state machine. */
export function returnedValues(sm: StateMachine): NodePath[] {
  const out: NodePath[] = [];
  const body = pathOf(sm.fn).get('body') as NodePath;
  body.traverse({
    Function: (inner: NodePath) => inner.skip(),
    CallExpression: (c: NodePath<t.CallExpression>) => {
      const { callee, arguments: args } = c.node;
      if (out.length >= 8 || args.length !== 2 || !ctxField(callee, sm.ctx)) return;
      const kind = args[0]!;
      if ((kind.type === 'StringLiteral' && kind.value === 'return') || (kind.type === 'NumericLiteral' && kind.value === 2)) out.push((c.get('arguments') as NodePath[])[1]!);
    },
  });
  return out;
}
