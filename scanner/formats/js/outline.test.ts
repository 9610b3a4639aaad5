import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type * as t from '@babel/types';
import { parseJs } from './babel.js';
import { collectStrings } from './strings.js';
import { Outliner, outlineScript, type Outline } from './outline.js';
import { JsScanner, TokenKind, punctCode } from './tokens.js';
import { blankBodies, bodiesIntact, Ranges, skeletonBlanks } from './elide.js';

/** `{start}:{end}` of every function body in Babel's AST. */
function babelBodies(ast: t.File): Set<string> {
  const out = new Set<string>();
  const stack: t.Node[] = [ast.program];
  while (stack.length) {
    const n = stack.pop()!;
    if ('body' in n && n.body && (n.body as t.Node).type === 'BlockStatement' && /Function|Method/.test(n.type)) {
      out.add(`${(n.body as t.Node).start}:${(n.body as t.Node).end! - 1}`);
    }
    for (const v of Object.values(n)) {
      if (Array.isArray(v)) for (const x of v) if (x && typeof x.type === 'string') stack.push(x);
      if (v && typeof (v as t.Node).type === 'string' && v !== n.loc) stack.push(v as t.Node);
    }
  }
  return out;
}

describe('outline of a real minified bundle (samples/web/dist/app.js: Agora SDK + app, esbuild)', () => {
  const code = readFileSync(new URL('../../../samples/web/dist/app.js', import.meta.url), 'utf8');
  const outline = outlineScript(code);
  const ast = parseJs(code, '', Infinity).ast!; // the whole bundle, past the reader's parse budget

  it('has the same literals and comments as the AST, at the same offsets and positions', () => {
    const key = (s: ReturnType<typeof collectStrings>[number]) => `${s.kind}|${s.start}|${s.end}|${s.line}:${s.column}|${s.endLine}:${s.endColumn}|${s.value}`;
    const fromAst = collectStrings(ast).filter((s) => s.kind !== 'identifier').map(key);
    const fromTokens = outline.strings.filter((s) => s.kind !== 'identifier').map(key);
    expect(fromAst.length).toBeGreaterThan(10_000);
    expect(fromTokens).toEqual(fromAst);
  });

  it('binds literals to names as the AST does, never to a name the AST does not give', () => {
    const fromAst = new Map(collectStrings(ast).flatMap((s) => (s.kind === 'literal' ? [[s.start, s.binding] as const] : [])));
    const bound = outline.strings.filter((s) => s.kind === 'literal' && s.binding !== undefined);
    expect(bound.filter((s) => fromAst.get(s.start) !== s.binding)).toEqual([]);
    // Most of what the AST binds (the forms tokens cannot tell from a default parameter are left out).
    const astBound = [...fromAst.values()].filter((b) => b !== undefined).length;
    expect(bound.length).toBeGreaterThan(astBound * 0.8);
  });

  it('finds exactly the function bodies Babel finds', () => {
    expect(outline.unbalanced).toBe(0);
    const mine = new Set(outline.bodies.map((b) => `${b.open}:${b.close}`));
    expect(mine).toEqual(babelBodies(ast));
  });

  it('blanking every top-level body keeps offsets, lines and the bodies themselves', () => {
    const top = outline.bodies.filter((b) => b.parent === -1);
    const text = blankBodies(code, top);
    expect(text.length).toBe(code.length);
    expect(text.split('\n').length).toBe(code.split('\n').length);
    const p = parseJs(text);
    expect(p.errors).toEqual([]);
    expect(bodiesIntact(p.ast!, top)).toBe(true);
    expect(new Ranges(top).chars).toBeGreaterThan(code.length * 0.9);
  });
});

describe('outline details', () => {
  const bodiesOf = (code: string) => outlineScript(code).bodies.map((b) => code.slice(b.open, b.close + 1));

  it('tells a catch clause from a method named catch, and a class heritage from a call', () => {
    const code = 'class P extends (B) { catch(e) { return 1 } finally(f) { try { x() } catch (e) { y() } } }';
    expect(bodiesOf(code)).toEqual(['{ return 1 }', '{ try { x() } catch (e) { y() } }']);
    const ast = parseJs(code, '', Infinity).ast!; // the whole bundle, past the reader's parse budget
    expect(new Set(outlineScript(code).bodies.map((b) => `${b.open}:${b.close}`))).toEqual(babelBodies(ast));
  });

  it('is not fooled by braces in strings, templates, regexes and comments', () => {
    const code = 'const f = (a) => { const s = "}{", r = /[{}]/g, t = `${ {a: 1}.a }}`; /* } */ return s };';
    expect(bodiesOf(code)).toEqual([code.slice(code.indexOf('{ const'), code.lastIndexOf('}') + 1)]);
    expect(outlineScript(code).unbalanced).toBe(0);
  });

  it('records plain calls with a literal or no argument, not member calls', () => {
    const calls = outlineScript('require("a"); x.require("b"); require_c(); n(12); n(k); new Foo(); if (x) y();').calls;
    expect(calls.map((c) => `${c.callee}(${c.arg ? c.arg.value : ''})`)).toEqual(['require(a)', 'require_c()', 'n(12)', 'y()']);
  });

  it('finds inlined package.json objects in JS and JSON spelling', () => {
    const code = 'var a={name:"agora-rtc-sdk-ng",version:"4.20.0",main:"x"}, b={"name":"@x/y","version":"1.2.3-beta.1","k":1}, c={name:"z",version:"v"+n,q:1};';
    expect(outlineScript(code).packages.map((p) => `${p.name}@${p.version}`)).toEqual(['agora-rtc-sdk-ng@4.20.0', '@x/y@1.2.3-beta.1']);
  });

  it('binds a literal that is the whole value of a declaration, assignment, property or class field', () => {
    const code = [
      'var APP_ID = "a1", other = "a2"; cfg.token = "a3"; o = {secret: "a4", "app-key": "a5", 1: "a6"}; x += "a7";',
      'class K { field = "a8" }',
      // Not bound: part of a larger expression, a parameter or pattern default, a ternary branch, a computed key.
      'y = "b1" + z; function f(p = "b2") {} const {q = "b3"} = o; f(r = "b4"); [s = "b5"] = t; u = c ? d : "b6"; w[k] = "b7";',
    ].join('\n');
    const ast = parseJs(code, '', Infinity).ast!;
    const fromAst = Object.fromEntries(collectStrings(ast).flatMap((s) => (s.kind === 'literal' && s.binding ? [[s.value, s.binding]] : [])));
    const fromTokens = Object.fromEntries(outlineScript(code).strings.flatMap((s) => (s.kind === 'literal' && s.binding ? [[s.value, s.binding]] : [])));
    expect(fromTokens).toEqual({ a1: 'APP_ID', a2: 'other', a3: 'token', a4: 'secret', a5: 'app-key', a7: 'x', a8: 'field' });
    // The AST binds the same, and `f(r = "b4")` too (an assignment the tokens cannot tell from a default).
    expect(fromAst).toEqual({ ...fromTokens, b4: 'r' });
  });

  it('keeps property, method and declaration names once', () => {
    const names = outlineScript('function joinRoom(){} a.client.join(); b={appId:1, getToken(){}}; a.client.x;')
      .strings.filter((s) => s.kind === 'identifier')
      .map((s) => s.value);
    expect(names).toEqual(['joinRoom', 'client', 'join', 'appId', 'getToken']);
  });
});

/**
 * Node types a data literal may hold: literals (regular expressions too), names, `!x`, `-x`, `a - b`, nested arrays
 * and plain objects, methods keyed by a plain name whose code holds no plain call; with `members`, also member
 * accesses `a.b` and member calls `a.b(…)` of such values (never a plain call or a function).
 */
function dataOnly(n: t.Node, members = false): boolean {
  const data = (x: t.Node) => dataOnly(x, members);
  switch (n.type) {
    case 'ArrayExpression':
      return n.elements.every((e) => e === null || data(e));
    case 'ObjectExpression':
      return n.properties.every((p) => (p.type === 'ObjectProperty' && !p.computed && data(p.value)) || (p.type === 'ObjectMethod' && plainMethod(p)));
    case 'MemberExpression':
      return members && !n.computed && n.property.type === 'Identifier' && data(n.object);
    case 'CallExpression':
      return members && n.callee.type === 'MemberExpression' && data(n.callee) && n.arguments.every((a) => data(a));
    case 'TemplateLiteral':
      return n.expressions.length === 0;
    case 'UnaryExpression':
      return (n.operator === '!' || n.operator === '-') && data(n.argument);
    case 'BinaryExpression':
      return n.operator === '-' && data(n.left as t.Node) && data(n.right);
    case 'Identifier':
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BigIntLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'RegExpLiteral':
      return true;
    default:
      return false;
  }
}

/** Names that are words of the outline (outline.ts KEYWORDS) yet callable: the outline records no call of them, here or in a blanked body. */
const CONTEXTUAL = new Set(['get', 'set', 'of', 'static', 'async', 'await', 'let', 'yield']);

/**
 * `name(…){…}`: a plain method (no getter, async, generator or computed key) whose code holds no plain call of the
 * forms unit finders read (`x()`, `n(123)`, `r("x")`; modules.ts linkRequires, outline.ts TokenCall).
 */
function plainMethod(m: t.ObjectMethod): boolean {
  if (m.kind !== 'method' || m.async || m.generator || m.computed || m.key.type !== 'Identifier') return false;
  const stack: t.Node[] = [...m.params, m.body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && !CONTEXTUAL.has(n.callee.name) && (n.arguments.length === 0 || (n.arguments.length === 1 && (n.arguments[0]!.type === 'NumericLiteral' || n.arguments[0]!.type === 'StringLiteral')))) return false;
    for (const v of Object.values(n)) {
      if (Array.isArray(v)) for (const x of v) if (x && typeof x.type === 'string') stack.push(x);
      if (v && typeof (v as t.Node).type === 'string' && v !== n.loc) stack.push(v as t.Node);
    }
  }
  return true;
}

/** Every array/object literal node of the AST by `start:end`, with its parent. */
function literalsOf(ast: t.File): Map<string, { node: t.Node; parent: t.Node }> {
  const out = new Map<string, { node: t.Node; parent: t.Node }>();
  const stack: Array<[t.Node, t.Node]> = [[ast.program, ast]];
  while (stack.length) {
    const [n, parent] = stack.pop()!;
    if (n.type === 'ArrayExpression' || n.type === 'ObjectExpression') out.set(`${n.start}:${n.end! - 1}`, { node: n, parent });
    for (const v of Object.values(n)) {
      if (Array.isArray(v)) for (const x of v) if (x && typeof x.type === 'string') stack.push([x, n]);
      if (v && typeof (v as t.Node).type === 'string' && v !== n.loc) stack.push([v as t.Node, n]);
    }
  }
  return out;
}

/** Checks an outline's data spans against the AST: each is a data-only literal, never a plain call's argument, none nested. */
function checkDataSpans(outline: Outline, ast: t.File): number {
  const literals = literalsOf(ast);
  let last = -1;
  for (const d of outline.data!) {
    const hit = literals.get(`${d.open}:${d.close}`);
    expect(hit, `data span ${d.open}:${d.close}`).toBeDefined();
    const p = hit!.parent;
    // Member accesses and calls only where the literal's value is never read by what a skeleton decides: an arrow's
    // expression body, a method call's argument.
    const members = (p.type === 'ArrowFunctionExpression' && p.body === hit!.node) || ((p.type === 'CallExpression' || p.type === 'NewExpression') && p.callee.type === 'MemberExpression');
    expect(dataOnly(hit!.node, members), `data span ${d.open}:${d.close}`).toBe(true);
    if (p.type === 'CallExpression' || p.type === 'NewExpression') expect(p.callee.type).toBe('MemberExpression');
    expect(p.type === 'AssignmentExpression' && p.left === hit!.node).toBe(false);
    expect(d.open).toBeGreaterThan(last);
    last = d.close;
  }
  return outline.data!.length;
}

describe('data literals (read as empty by skeleton parses)', () => {
  it('are data-only array/object literals in the AST, outermost, never a plain call argument (real builds)', () => {
    const files = ['../../../samples/web/dist/app.js', '../../../node_modules/livekit-client/dist/livekit-client.esm.mjs', '../../../node_modules/@daily-co/daily-js/dist/daily-esm.js'];
    let n = 0;
    for (const f of files) {
      const code = readFileSync(new URL(f, import.meta.url), 'utf8');
      n += checkDataSpans(outlineScript(code), parseJs(code, f, Infinity).ast!);
    }
    expect(n).toBeGreaterThan(100);
  });

  it('tells data from code, patterns, member access and plain-call arguments', () => {
    const pad = '"' + 'x'.repeat(70) + '"';
    const data = [
      `var a = [1, -2, !0, "s", b, {k: ${pad}, default: null, "q": [c]}];`,
      `o.m("id", [{no: 1, name: ${pad}}]);`,
      `f(() => [{no: 1, name: ${pad}}]);`,
      `function g() { return {a: ${pad}, b: \`t\`} }`,
      `class K { t = [${pad}, 2] }`,
      `x = y || {a: ${pad}};`,
      // Member accesses and calls where a literal's value is never read by a skeleton's decisions (protobuf tables).
      `var M = v.makeMessageType("x.Info", () => [{no: 1, name: ${pad}, T: v.getEnumType(Zt), K: a.b.c, V: {T: v.f([1], {k: 2})}}]);`,
      `o.m("id", [{no: 1, T: p.q(r), name: ${pad}}]);`,
      // Regular expressions and methods named by a plain name (Bowser's parser tables).
      `var B = [{test: [/googlebot/i, /x\\/y/], describe(t) { const e = {name: f(t)}; return t.m(/v/i) || new D(e) }}, {test(t) { return !!t }, describe(t) { }}, {n: ${pad}}];`,
    ];
    const notData = [
      `__d(function () {}, 1, [${pad}, 2, 3]);`, // a plain call's argument (Metro's dependency list)
      `z = q[${pad}];`, // member access
      `[a, b = ${pad}] = c;`, // a pattern
      `({a = ${pad}}) => a;`,
      `var o = {[k]: ${pad}};`, // computed key
      `var o = {a: f(), b: ${pad}};`,
      `var o = {...p, b: ${pad}};`,
      `var o = {get a() { return 1 }, b: ${pad}};`,
      `var o = [function () {}, ${pad}];`,
      `var o = {a: this, b: ${pad}};`,
      `var o = {a: b.c, b: ${pad}};`,
      `var o = {a: b.c(), b: ${pad}};`, // a member call where the literal's value is read (inert declarations)
      `f([a.b(), ${pad}]);`, // a plain call's argument
      `o.m([f(1), ${pad}]);`, // a plain call inside (a unit finder reads those)
      `o.m([a.b(function () {}), ${pad}]);`,
      `o.m([a.b(() => 1), ${pad}]);`,
      `o.m([a.b(c).d(), ${pad}]);`,
      `o.m([a.b[c](), ${pad}]);`,
      `o.m([this.b(), ${pad}]);`,
      `o.m([a?.b(), ${pad}]);`,
      `o.m([(a.b)(), ${pad}]);`,
      `o.m([new a.B(), ${pad}]);`,
      `o.m([a.b(c = 1), ${pad}]);`,
      `class K { t = [a.b(), ${pad}] }`,
      `var o = [\`\${x}\`, ${pad}];`,
      `var o = {a: ${pad}} = p;`,
      `var o = [{test: [/x/], describe(t) { return f() }}, ${pad}];`, // a plain call a unit finder reads (a wrapper's)
      `var o = [{test: [/x/], describe(t) { return t.a(n(12)) }}, ${pad}];`, // webpack's loader
      `var o = [{describe(t) { return { a() { return r("x") } } }}, ${pad}];`,
      `var o = {1(e, t, n) {}, 2(e, t, n) {}, b: ${pad}};`, // numeric keys: a webpack module table's methods
      `var o = {"a"(t) {}, b: ${pad}};`,
      `var o = {async a(t) {}, b: ${pad}};`,
      `var o = {*a(t) {}, b: ${pad}};`,
      `var o = {set a(t) {}, b: ${pad}};`,
      `var o = {a: (t) => t, b: ${pad}};`,
      `var o = {a(t = f()) {}, b: ${pad}};`,
    ];
    for (const code of data) {
      const o = outlineScript(code);
      expect(o.data!.length, code).toBe(1);
      checkDataSpans(o, parseJs(code, '', Infinity).ast!);
    }
    for (const code of notData) expect(outlineScript(code).data, code).toEqual([]);
  });

  it('blanks the outer literal when a method body inside it holds one (which closes, and is recorded, first)', () => {
    const pad = '"' + 'x'.repeat(70) + '"';
    const code = `var B = [{describe(t) { var e = {a: ${pad}}; return t.m(e) }}, ${pad}];`;
    const o = outlineScript(code);
    expect(o.data!.map((d) => code[d.open])).toEqual(['{', '[']);
    const { blanks } = skeletonBlanks(code, o, []);
    expect(blanks.map((b) => [b.open, b.kind])).toEqual([[code.indexOf('['), 'array']]);
    expect(bodiesIntact(parseJs(blankBodies(code, blanks), '', Infinity).ast!, blanks)).toBe(true);
  });
});

/** Every class body node of the AST by `start:end`, with its class. */
function classBodiesOf(ast: t.File): Map<string, t.Class> {
  const out = new Map<string, t.Class>();
  const stack: t.Node[] = [ast.program];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') out.set(`${n.body.start}:${n.body.end! - 1}`, n);
    for (const v of Object.values(n)) {
      if (Array.isArray(v)) for (const x of v) if (x && typeof x.type === 'string') stack.push(x);
      if (v && typeof (v as t.Node).type === 'string' && v !== n.loc) stack.push(v as t.Node);
    }
  }
  return out;
}

/** A class body whose declaration runs none of its members: no static field with a value, static block, computed key or decorator. */
function inertBody(c: t.Class): boolean {
  return c.body.body.every(
    (m) =>
      m.type !== 'StaticBlock' &&
      !('static' in m && m.static && m.type !== 'ClassMethod' && m.type !== 'ClassPrivateMethod' && 'value' in m && m.value) &&
      !('computed' in m && m.computed) &&
      !('decorators' in m && m.decorators?.length),
  );
}

describe('class shells (class bodies read as empty by skeleton parses)', () => {
  it('are class bodies in the AST whose members run nothing at declaration (real builds)', () => {
    const files = ['../../../samples/web/dist/app.js', '../../../node_modules/livekit-client/dist/livekit-client.esm.mjs', '../../../node_modules/@daily-co/daily-js/dist/daily-esm.js'];
    let n = 0;
    let inert = 0;
    for (const f of files) {
      const code = readFileSync(new URL(f, import.meta.url), 'utf8');
      const classes = classBodiesOf(parseJs(code, f, Infinity).ast!);
      const shells = new Set(outlineScript(code).shells!.map((d) => `${d.open}:${d.close}`));
      for (const d of shells) {
        const c = classes.get(d);
        expect(c, d).toBeDefined();
        expect(inertBody(c!), d).toBe(true);
        n++;
      }
      // Most inert class bodies of that size are found (a `[` anywhere at their level keeps one out).
      for (const [k, c] of classes) if (inertBody(c) && c.body.end! - 1 - c.body.start! >= 64) inert += shells.has(k) ? 0 : 1;
    }
    expect(n).toBeGreaterThan(100);
    expect(inert).toBeLessThan(n / 4);
  });

  it('leaves out class bodies with a static field or block, computed key or decorator', () => {
    const pad = 'm() { return "' + 'x'.repeat(60) + '" }';
    expect(outlineScript(`class A { ${pad} }; var B = class extends A { ${pad} }; x = class { ${pad} }`).shells!.length).toBe(3);
    // Static methods run nothing at declaration; a static field without a value holds nothing to run.
    for (const code of [`class A { static f(a = g()) { return h() } ${pad} }`, `class A { static get f() {} static async *g() {} static #p() {} ${pad} }`, `class A { static x; ${pad} }`, `class A { static(a) {} ${pad} }`, `class A { x = f(); ${pad} }`]) {
      expect(outlineScript(code).shells!.length, code).toBe(1);
      const classes = classBodiesOf(parseJs(code, '', Infinity).ast!);
      expect(inertBody(classes.get(`${outlineScript(code).shells![0]!.open}:${outlineScript(code).shells![0]!.close}`)!), code).toBe(true);
    }
    for (const code of [
      `class A { static x = f(); ${pad} }`,
      `class A { static x\n y = 1; ${pad} }`,
      `class A { static f() {} static x = 1; ${pad} }`,
      `class A { [k]() {} ${pad} }`,
      `class A { @d m() {} ${pad} }`,
      `class A { static { f() } ${pad} }`,
      `class A { static [k]() {} ${pad} }`,
      `class A { static f = () => {}; ${pad} }`,
    ]) {
      expect(outlineScript(code).shells, code).toEqual([]);
    }
  });
});

describe('per-token steps run only where they have work (real bundles)', () => {
  // The outline's loop calls before(), name() and plainCall() only for tokens they act on: under the CLI's inlining
  // budget each is a real call. The tokens they act on are counted here from the tokenizer's stream alone.
  const files = ['../../../samples/web/dist/app.js', '../../../node_modules/livekit-client/dist/livekit-client.esm.mjs', '../../../node_modules/@daily-co/daily-js/dist/daily-esm.js'];
  for (const f of files) {
    it(f.split('/').pop()!, () => {
      const code = readFileSync(new URL(f, import.meta.url), 'utf8');
      const P_DOT = punctCode('.');
      const P_OPTIONAL = punctCode('?.');
      let tokens = 0;
      let names = 0;
      let nameTokens = 0;
      let callTokens = 0;
      let p1 = { punct: 0, kw: 0 };
      let p2 = { punct: 0, kw: 0 };
      const s = new JsScanner(code);
      while (s.next()) {
        if (s.kind === TokenKind.SingleLineComment || s.kind === TokenKind.MultiLineComment || s.kind === TokenKind.HashbangComment) continue;
        tokens++;
        if (s.kind === TokenKind.IdentifierName) {
          names++;
          // A keyword, a member name, a name after a keyword (`function f`, `class C`, `catch`, `extends`).
          if (s.kw !== 0 || p1.punct === P_DOT || p1.punct === P_OPTIONAL || p1.kw !== 0) nameTokens++;
        }
        // `)` with its `(` one or two tokens back: `f()`, `f(1)`, `f("x")`.
        if (s.punct === punctCode(')') && (p1.punct === punctCode('(') || p2.punct === punctCode('('))) callTokens++;
        p2 = p1;
        p1 = { punct: s.punct, kw: s.kw };
      }
      const proto = Outliner.prototype;
      const before = proto.before;
      let idle = 0;
      const spies = [
        vi.spyOn(proto, 'before').mockImplementation(function (this: Outliner, kind: number, punct: number, kw: number) {
          if (this.pendingData === undefined && this.dataTop === undefined && this.shellTop === undefined && this.lastLiteral === undefined) idle++;
          before.call(this, kind, punct, kw);
        }),
        vi.spyOn(proto, 'name'),
        vi.spyOn(proto, 'plainCall'),
      ];
      try {
        const withSpies = outlineScript(code);
        const [beforeCalls, nameCalls, callCalls] = spies.map((x) => x.mock.calls.length);
        expect(idle).toBe(0);
        expect(beforeCalls).toBeGreaterThan(0);
        expect(beforeCalls).toBeLessThan(tokens);
        expect(nameCalls).toBe(nameTokens);
        expect(nameTokens).toBeLessThan(names);
        expect(callCalls).toBe(callTokens);
        expect(withSpies.calls.length).toBeGreaterThan(0);
        expect(withSpies.calls.length).toBeLessThanOrEqual(callCalls);
      } finally {
        for (const x of spies) x.mockRestore();
      }
    });
  }
});
