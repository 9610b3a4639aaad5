// A bounded abstract interpreter over one file's Babel AST: it evaluates expressions to abstract values (Val),
// carries identifier sources (taints) through assignments, objects, strings and calls, and records a flow each
// time a tainted value reaches a network sink declared in rules/sinks.yaml or a vendor SDK init/join argument.
//
// Precision choices: local functions are inlined at call sites (bounded depth, recursion cut off, argument-free
// calls summarised once); every function is also analysed once on its own, so callbacks and exported functions
// are covered; unknown functions do not propagate (only the declared propagators do).
import type * as t from '@babel/types';
import type { FlowFact, FlowStep, JsValue, Notice } from '../../../core/facts.js';
import type { RulePack } from '../../../rules/pack.js';
import type { SinkRule, SinkRules, ArgRef } from '../../../rules/sinks.js';
import { hasPos, lastName, makeStep, nodePos, propName, snippetOf } from './ast.js';
import { METRO_PARAMS, MetroModules, type MetroUnit } from './metro.js';
import { nameMatcher, singular, type NameMatcher } from './names.js';
import type { RtcSite } from './rtc.js';
import { describeUrl, isRelativeShape, joinBase, renderShape, type Part } from './url.js';
import { isRelative } from '../provenance.js';
import { inRanges, inactiveRanges } from './conditional.js';
import { composedUrl } from './composed-url.js';
import { Val, addTaints, addTaintsTo, concatParts, hasRealTaint, isIdShapedName, join, withStep, type FnRef, type Instance, type Taint, type Taints } from './value.js';

export interface FlowLimits {
  /** Nested inlined calls. */
  maxInlineDepth: number;
  /** Expression/statement nesting the evaluator follows before treating a subtree as unknown. */
  maxEvalDepth: number;
  /** Evaluation steps past which no more calls are inlined (functions are still analysed once each). */
  softOps: number;
  /** Evaluation steps past which the analysis stops and keeps the flows found so far. */
  hardOps: number;
  maxFlows: number;
}

class BudgetExceeded extends Error {}

const GLOBAL_OBJECTS = new Set(['window', 'self', 'globalThis', 'global', 'frames']);
const PARAMS_CTORS = new Set(['URLSearchParams', 'FormData', 'Headers']);
/** Binary operators whose result still carries an operand's identifier (`uid | 0`, `uid * 1`). */
const ARITH = new Set(['-', '*', '/', '%', '|', '&', '^', '<<', '>>', '>>>', '**']);

interface Binding {
  value: Val;
}

interface Frame {
  name: string;
  thisVal: Val;
  returns?: Val;
}

class Scope {
  /** Made on the first binding: most block scopes (every branch and loop body gets one) bind nothing. */
  private own: Map<string, Binding> | undefined;
  get vars(): Map<string, Binding> {
    return (this.own ??= new Map());
  }
  constructor(
    readonly parent: Scope | undefined,
    readonly frame: Frame,
    readonly isFunction: boolean,
  ) {}

  lookup(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.own?.get(name);
      if (b) return b;
    }
    return undefined;
  }

  functionScope(): Scope {
    let s: Scope = this;
    while (!s.isFunction && s.parent) s = s.parent;
    return s;
  }

  root(): Scope {
    let s: Scope = this;
    while (s.parent) s = s.parent;
    return s;
  }
}

interface SinkIndex {
  call: Map<string, SinkRule[]>;
  ctor: Map<string, SinkRule[]>;
  method: Map<string, SinkRule[]>; // `${type}\u0000${method}`
  invoke: Map<string, SinkRule[]>;
  assign: Map<string, SinkRule[]>; // `${type}\u0000${prop}`
}

function push<K>(m: Map<K, SinkRule[]>, k: K, r: SinkRule): void {
  const list = m.get(k);
  if (list) list.push(r);
  else m.set(k, [r]);
}

function indexSinks(rules: SinkRules): SinkIndex {
  const idx: SinkIndex = { call: new Map(), ctor: new Map(), method: new Map(), invoke: new Map(), assign: new Map() };
  for (const r of rules.sinks) {
    const m = r.match;
    for (const p of m.call ?? []) push(idx.call, p, r);
    for (const p of m.new ?? []) push(idx.ctor, p, r);
    if (m.on) {
      for (const name of m.method ?? []) push(idx.method, `${m.on}\u0000${name}`, r);
      for (const name of m.assign ?? []) push(idx.assign, `${m.on}\u0000${name}`, r);
      if (m.invoke) push(idx.invoke, m.on, r);
    }
  }
  return idx;
}

/** An app module the analysed file imports by relative path, parsed (scanner/formats/js/linked.ts reads it). */
export interface FlowModule {
  /** Key the loader knows the module by ('' is the analysed file). */
  key: string;
  /** Virtual path of the module, for the steps located in it. */
  path: string;
  code: string;
  ast: t.File;
}

/** Resolves a relative import specifier of one module (by key) to the module it names. */
export interface FlowModules {
  load(fromKey: string, spec: string): FlowModule | undefined;
}

/** A module whose code the analysis runs: the analysed file, or an imported app module. */
interface ModCtx {
  key: string;
  /** Absent for the analysed file. */
  path?: string;
  code: string;
  exports?: Map<string, Val>;
  /** Code the native app build leaves out (uni-app conditional compilation), made on first use. */
  inactive?: [number, number][];
}

/** Flows from candidate sources (identifier-shaped names outside the vocabulary) kept per file. */
const MAX_CANDIDATE_FLOWS = 500;

/** Imported app modules whose top level the analysis runs per analysed file (their own imports count too). */
const MAX_LINKED_MODULES = 24;
/** Metro modules whose top level the analysis runs per file when they are loaded (a bundle has thousands). */
const MAX_METRO_MODULES = 400;

export interface InterpreterOptions {
  rules: RulePack;
  /** Imported app modules (relative specifiers): their exported functions are followed like local ones. */
  modules?: FlowModules;
  sinks: SinkRules;
  sites: Map<t.Node, RtcSite>;
  code: string;
  limits: FlowLimits;
  resolve?: (node: t.Node) => JsValue | undefined;
  /** Metro module units of the analysed file: `require(dependencyMap[i])` loads are followed (flow/metro.ts). */
  metro?: readonly MetroUnit[];
  /** Path of the analysed file (`.nvue` pages have their own conditional-compilation platform). */
  path?: string;
}

type CallNode = t.CallExpression | t.OptionalCallExpression | t.NewExpression;
type AnyFunction = t.Function;

export class Interpreter {
  private readonly names: NameMatcher;
  private readonly sinkIdx: SinkIndex;
  private readonly typeOfGlobal = new Map<string, string>();
  private readonly globalInstances = new Map<string, Instance>();
  private readonly propFns: Set<string>;
  private readonly propMethods: Set<string>;
  private readonly rtcRoles: Set<string>;
  /** RTC role arguments that are plain names, by name (rtcArgsByName); built on first use. */
  private rtcArgs?: Map<string, RtcArgUse[]>;
  /** The function whose body runs now (the program at top level): the extent a binding's later RTC uses lie in. */
  private curFn: t.Node | undefined;
  private readonly flows = new Map<string, FlowFact>();
  private readonly queue: FnRef[] = [];
  private readonly queued = new WeakSet<AnyFunction>();
  private readonly inlineStack = new Set<AnyFunction>();
  private readonly summaries = new WeakMap<AnyFunction, Val>();
  private ops = 0;
  private depth = 0;
  private branchDepth = 0;
  /** The last node ticked that has a position (steps without one of their own are placed there); read by lastPos. */
  private lastNode: t.Node | undefined;
  private truncatedDepth = false;
  private candidates = 0;
  private readonly root: ModCtx;
  private cur: ModCtx;
  private readonly linked = new Map<string, ModCtx>();
  /** Calls being inlined whose callee is defined in another module than the call (innermost last). */
  private readonly crossCalls: { node: t.Node; mod: ModCtx; callee: string }[] = [];
  readonly notices: Notice[] = [];
  /** URLs the analysed file writes around a constant host from elsewhere (composed-url.ts), by the node writing them. */
  readonly composedUrls = new Map<t.Node, string>();
  private readonly metro?: MetroModules;
  /** Exports of the Metro modules loaded so far, by module id (set before the factory runs: cycles see it). */
  private readonly metroLoaded = new Map<string, Val>();
  private rootScope?: Scope;

  constructor(private readonly o: InterpreterOptions) {
    if (o.metro?.length) {
      const m = new MetroModules(o.metro);
      if (m.size) this.metro = m;
    }
    this.names = nameMatcher(o.rules.vocabulary);
    this.sinkIdx = indexSinks(o.sinks);
    for (const [type, paths] of Object.entries(o.sinks.types)) for (const p of paths) this.typeOfGlobal.set(p, type);
    this.propFns = new Set(o.sinks.propagators.functions);
    this.propMethods = new Set(o.sinks.propagators.methods);
    this.rtcRoles = new Set(o.sinks.rtcRoles);
    this.root = { key: '', code: o.code };
    this.cur = this.root;
  }

  /** Runs the whole file, then every function not yet analysed on its own. Never throws. */
  run(ast: t.File): FlowFact[] {
    const frame: Frame = { name: '(module)', thisVal: new Val() };
    const root = new Scope(undefined, frame, true);
    this.rootScope = root;
    this.curFn = ast.program;
    try {
      this.execBody(ast.program.body, root);
      // An index, not shift(): bundles queue tens of thousands of functions.
      for (let i = 0; i < this.queue.length; i++) this.runFunction(this.queue[i]!, [], [], undefined);
    } catch (e) {
      if (e instanceof BudgetExceeded) {
        this.notice('warning', 'js-flow/budget', `dataflow analysis stopped after ${this.o.limits.hardOps} steps; flows found so far are kept`);
      } else if (e instanceof RangeError) {
        this.notice('warning', 'js-flow/stack', 'dataflow analysis ran out of stack on deeply nested code; flows found so far are kept');
      } else {
        this.notice('error', 'js-flow/internal', `dataflow analysis failed: ${(e as Error)?.message ?? String(e)}`);
      }
    }
    if (this.truncatedDepth) {
      this.notice('note', 'js-flow/deep-nesting', `code nested deeper than ${this.o.limits.maxEvalDepth} levels was not followed by the dataflow analysis`);
    }
    // A flow wholly inside an imported module is that module's own: reported when it is analysed.
    return [...this.flows.values()].filter((f) => f.steps.some((s) => s.file === undefined));
  }

  private notice(level: Notice['level'], id: string, message: string): void {
    if (!this.notices.some((n) => n.id === id)) this.notices.push({ level, id, message });
  }

  // ---------------------------------------------------------------- steps and sources

  private step(node: t.Node | null | undefined, message: string, withSnippet = false, mod: ModCtx = this.cur): FlowStep {
    const s = makeStep(node, this.lastPos, message, {
      snippet: withSnippet ? snippetOf(mod.code, node) : undefined,
    });
    if (mod.path !== undefined) s.file = mod.path;
    return s;
  }

  private newSource(identifier: string, sourceKind: FlowFact['sourceKind'], node: t.Node, message: string, candidate = false): Taint {
    const p = nodePos(node) ?? this.lastPos;
    return {
      source: { key: `${candidate ? 'candidate:' : ''}${sourceKind}:${identifier}:${this.cur.path ?? ''}:${p.line}:${p.column}`, identifier, sourceKind, ...(candidate ? { candidate } : {}) },
      steps: [this.step(node, message, true)],
    };
  }

  /** A copy of `v` sharing its structure, with taints extended by one step. */
  private derive(v: Val, node: t.Node | null | undefined, message: (id: string) => string): Val {
    if (!v.tainted) return v;
    const c = shallowCopy(v);
    c.taints = withStep(v.taints, (tn) => this.step(node, message(tn.source.identifier)));
    return c;
  }

  /** Marks an untainted, non-constant value named like an identifier as a named source. */
  private nameSource(v: Val, name: string, node: t.Node, message: string, identifier = name): Val {
    if (hasRealTaint(v) || v.constant || v.fn || v.inst || v.global !== undefined) return v;
    const candidate = !this.names.match(name);
    // Identifier-shaped names outside the vocabulary are candidates: kept apart, confirmed or dropped by the check.
    if (candidate && (v.tainted || !isIdShapedName(identifier.split('.').pop()!))) return v;
    const c = shallowCopy(v);
    c.taints = new Map(v.taints);
    const tn = this.newSource(identifier, 'named', node, message, candidate);
    c.mutableTaints().set(tn.source.key, tn);
    return c;
  }

  private emit(taints: ReadonlyMap<string, Taint>, sink: FlowFact['sink'], step: FlowStep, urlBorn?: ModCtx): void {
    // A request whose URL another module wrote (`API.fetch({url: `${BASE}/call/start`, data})` → `axios(options)` in
    // api.js) is that module's request: the finding is its call of the shared helper, the helper's sink the last step.
    let via: (typeof this.crossCalls)[number] | undefined;
    if (urlBorn && urlBorn !== this.cur) {
      for (let i = this.crossCalls.length - 1; i >= 0 && !via; i--) if (this.crossCalls[i]!.mod === urlBorn) via = this.crossCalls[i];
    }
    for (const tn of taints.values()) {
      if (tn.source.candidate) {
        // Candidates only matter for cleartext network sinks, and never crowd out the real flows.
        if (sink.kind === 'rtc-sdk' || this.candidates >= MAX_CANDIDATE_FLOWS) continue;
        this.candidates++;
      } else if (this.flows.size - this.candidates >= this.o.limits.maxFlows) {
        this.notice('warning', 'js-flow/max-flows', `more than ${this.o.limits.maxFlows} flows in one file; the rest are not reported`);
        return;
      }
      const viaPos = via ? nodePos(via.node) : undefined;
      const key = `${tn.source.key}|${sink.kind}|${step.file ?? ''}:${step.line}:${step.column}|${via ? `${via.mod.path ?? ''}:${viaPos?.line}:${viaPos?.column}` : ''}`;
      if (this.flows.has(key)) continue;
      const flow: FlowFact = { identifier: tn.source.identifier, sourceKind: tn.source.sourceKind, sink, steps: [...tn.steps, step] };
      if (tn.source.candidate) flow.candidate = true;
      if (via) {
        flow.steps.splice(flow.steps.length - 1, 0, this.step(via.node, `${tn.source.identifier} sent through ${via.callee}`, true, via.mod));
        flow.primary = flow.steps.length - 2;
      }
      this.flows.set(key, flow);
    }
  }

  // ---------------------------------------------------------------- statements

  private tick(node: t.Node): void {
    if (++this.ops > this.o.limits.hardOps) throw new BudgetExceeded();
    // The node, not its position: most ticks are never read as a position, and an object per step was a tenth of
    // what the analysis allocated.
    if (hasPos(node)) this.lastNode = node;
  }

  /** Position of the last node ticked that has one (line 1, column 1 before any). */
  private get lastPos(): { line: number; column: number } {
    return nodePos(this.lastNode) ?? { line: 1, column: 1 };
  }

  private execBody(body: readonly t.Statement[], scope: Scope): void {
    const inactive = this.inactive();
    if (inactive.length) body = body.filter((s) => !inRanges(inactive, s.start ?? -1));
    this.hoist(body, scope);
    for (const s of body) this.exec(s, scope);
  }

  /** The current module's code that conditional compilation leaves out of the native app build. */
  private inactive(): [number, number][] {
    return (this.cur.inactive ??= inactiveRanges(this.cur.code, this.cur.path ?? this.o.path));
  }

  /** Function declarations, and constants with literal initialisers, are visible before their statement runs. */
  private hoist(body: readonly t.Statement[], scope: Scope): void {
    for (const raw of body) {
      let s: t.Node = raw;
      if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration) s = s.declaration;
      if (s.type === 'FunctionDeclaration' && s.id) {
        scope.functionScope().vars.set(s.id.name, { value: this.fnVal(s, scope, s.id.name) });
      } else if (s.type === 'VariableDeclaration') {
        for (const d of s.declarations) {
          if (d.id.type === 'Identifier' && d.init && isStaticString(d.init)) {
            const target = s.kind === 'var' ? scope.functionScope() : scope;
            target.vars.set(d.id.name, { value: this.eval(d.init, scope) });
          }
        }
      }
    }
  }

  private exec(node: t.Statement | t.Node, scope: Scope): void {
    this.tick(node);
    if (this.depth >= this.o.limits.maxEvalDepth) {
      this.truncatedDepth = true;
      return;
    }
    this.depth++;
    try {
      this.execInner(node, scope);
    } finally {
      this.depth--;
    }
  }

  private execInner(node: t.Node, scope: Scope): void {
    switch (node.type) {
      case 'ExpressionStatement':
        this.eval(node.expression, scope);
        return;
      case 'VariableDeclaration':
        for (const d of node.declarations) {
          const value = d.init ? this.eval(d.init, scope) : undefinedVal();
          const target = node.kind === 'var' ? scope.functionScope() : scope;
          this.bindPattern(d.id, value, target, 'var', d.init ?? undefined);
        }
        return;
      case 'FunctionDeclaration':
        // Bound by hoisting; analysed on its own through the queue.
        if (node.id && !scope.lookup(node.id.name)) scope.functionScope().vars.set(node.id.name, { value: this.fnVal(node, scope, node.id.name) });
        return;
      case 'ClassDeclaration': {
        const v = this.classVal(node, scope);
        if (node.id) scope.vars.set(node.id.name, { value: v });
        return;
      }
      case 'ReturnStatement': {
        const v = node.argument ? this.eval(node.argument, scope) : undefinedVal();
        const frame = scope.frame;
        const out = this.derive(v, node, (id) => `${id} returned from ${frame.name}`);
        frame.returns = frame.returns ? join(frame.returns, out) : out;
        return;
      }
      case 'BlockStatement':
        this.execBody(node.body, new Scope(scope, scope.frame, false));
        return;
      case 'IfStatement':
        this.eval(node.test, scope);
        this.branch(() => {
          this.exec(node.consequent, new Scope(scope, scope.frame, false));
          if (node.alternate) this.exec(node.alternate, new Scope(scope, scope.frame, false));
        });
        return;
      case 'ForStatement': {
        const inner = new Scope(scope, scope.frame, false);
        if (node.init) {
          if (node.init.type === 'VariableDeclaration') this.exec(node.init, inner);
          else this.eval(node.init, inner);
        }
        if (node.test) this.eval(node.test, inner);
        this.branch(() => {
          this.exec(node.body, new Scope(inner, scope.frame, false));
          if (node.update) this.eval(node.update, inner);
        });
        return;
      }
      case 'ForInStatement':
      case 'ForOfStatement': {
        const inner = new Scope(scope, scope.frame, false);
        const right = this.eval(node.right, scope);
        // for-of yields the items; for-in yields keys (not identifiers).
        const item = node.type === 'ForOfStatement' ? elementOf(right) : Val.unknown();
        const left = node.left;
        if (left.type === 'VariableDeclaration') {
          const target = left.kind === 'var' ? scope.functionScope() : inner;
          for (const d of left.declarations) this.bindPattern(d.id, item, target, 'var', node.right);
        } else {
          this.assignTo(left, item, inner, node.right);
        }
        this.branch(() => this.exec(node.body, new Scope(inner, scope.frame, false)));
        return;
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
        this.eval(node.test, scope);
        this.branch(() => this.exec(node.body, new Scope(scope, scope.frame, false)));
        return;
      case 'TryStatement':
        this.exec(node.block, scope);
        if (node.handler) {
          const h = new Scope(scope, scope.frame, false);
          if (node.handler.param) this.bindPattern(node.handler.param, Val.unknown(), h, 'var');
          this.branch(() => this.exec(node.handler!.body, h));
        }
        if (node.finalizer) this.exec(node.finalizer, scope);
        return;
      case 'SwitchStatement': {
        this.eval(node.discriminant, scope);
        const inner = new Scope(scope, scope.frame, false);
        this.branch(() => {
          for (const c of node.cases) {
            if (c.test) this.eval(c.test, inner);
            this.execBody(c.consequent, inner);
          }
        });
        return;
      }
      case 'LabeledStatement':
        this.exec(node.body, scope);
        return;
      case 'ThrowStatement':
        this.eval(node.argument, scope);
        return;
      case 'WithStatement':
        this.eval(node.object, scope);
        this.exec(node.body, scope);
        return;
      case 'ExportNamedDeclaration':
        if (node.declaration) this.exec(node.declaration, scope);
        return;
      case 'ExportDefaultDeclaration': {
        const d = node.declaration;
        if (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') this.exec(d, scope);
        else if (d.type !== 'TSDeclareFunction') this.eval(d, scope);
        return;
      }
      case 'ImportDeclaration':
        this.bindImport(node, scope);
        return;
      case 'EmptyStatement':
      case 'DebuggerStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'ExportAllDeclaration':
        return;
      default:
        // TypeScript declarations and anything else: look inside for code (functions, calls).
        this.evalChildren(node, scope);
    }
  }

  private branch(fn: () => void): void {
    this.branchDepth++;
    try {
      fn();
    } finally {
      this.branchDepth--;
    }
  }

  private bindImport(node: t.ImportDeclaration, scope: Scope): void {
    const path = this.o.sinks.modules[node.source.value];
    const linked = path === undefined ? this.linkedExports(node.source.value) : undefined;
    for (const s of node.specifiers) {
      let v: Val;
      if (linked) {
        const cjs = linked.get('=');
        if (s.type === 'ImportSpecifier') {
          const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
          v = linked.get(imported) ?? (cjs?.props?.get(imported) ?? Val.unknown());
        } else if (s.type === 'ImportDefaultSpecifier') v = linked.get('default') ?? cjs ?? Val.unknown();
        else v = cjs ?? namespaceVal(linked);
      } else if (path === undefined) v = Val.unknown();
      else if (s.type === 'ImportSpecifier') {
        const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
        v = this.globalVal(imported === 'default' ? path : `${path}.${imported}`);
      } else v = this.globalVal(path);
      scope.root().vars.set(s.local.name, { value: v });
    }
  }

  /**
   * The exports of an app module the current module imports by relative path: its top level is run once (in its
   * own module scope) so exported functions, classes and constants are values like local ones. Cycles see the
   * exports known so far.
   */
  private linkedExports(spec: string): Map<string, Val> | undefined {
    if (!this.o.modules || !isRelative(spec)) return undefined;
    const mod = this.o.modules.load(this.cur.key, spec);
    if (!mod || mod.key === '') return undefined;
    const known = this.linked.get(mod.key);
    if (known) return known.exports;
    if (this.linked.size >= MAX_LINKED_MODULES) return undefined;
    const ctx: ModCtx = { key: mod.key, path: mod.path, code: mod.code, exports: new Map() };
    this.linked.set(mod.key, ctx);
    const saved = this.cur;
    const savedPos = this.lastNode;
    this.cur = ctx;
    try {
      const scope = new Scope(undefined, { name: `(module ${mod.path})`, thisVal: new Val() }, true);
      const moduleObj = new Val();
      moduleObj.props = new Map();
      scope.vars.set('module', { value: moduleObj });
      this.execBody(mod.ast.program.body, scope);
      this.collectExports(mod.ast, scope, ctx.exports!);
      const cjs = moduleObj.props.get('exports');
      if (cjs && !ctx.exports!.has('=')) ctx.exports!.set('=', cjs);
    } finally {
      this.cur = saved;
      this.lastNode = savedPos;
    }
    return ctx.exports;
  }

  /** Binds a Metro factory's `require`/`importDefault`/`importAll`/`dependencyMap` parameters. */
  private bindMetroParams(unit: MetroUnit, params: readonly t.Node[], scope: Scope, moduleObj?: Val, exportsObj?: Val): void {
    const values = this.metro!.parameterValues(unit);
    if (moduleObj) values.set(METRO_PARAMS.module, moduleObj);
    if (exportsObj) values.set(METRO_PARAMS.exports, exportsObj);
    for (const [i, v] of values) {
      const p = params[i];
      if (p?.type === 'Identifier') scope.vars.set(p.name, { value: v });
    }
  }

  /**
   * What loading a Metro module yields: its factory's top level is run once, in its own module context, and its
   * `module.exports` (after the run) is the value. `importDefault` yields the default export of an ES module.
   */
  private metroExports(id: string, kind: 'require' | 'importDefault' | 'importAll'): Val {
    let exportsVal = this.metroLoaded.get(id);
    if (!exportsVal) {
      const unit = this.metro!.unitById(id)!;
      const factory = unit.factory!;
      const moduleObj = new Val();
      moduleObj.props = new Map();
      exportsVal = new Val();
      exportsVal.props = new Map();
      moduleObj.props.set('exports', exportsVal);
      this.metroLoaded.set(id, exportsVal);
      if (this.metroLoaded.size <= MAX_METRO_MODULES && factory.body.type === 'BlockStatement') {
        const saved = this.cur;
        const savedPos = this.lastNode;
        this.cur = { key: `metro:${id}`, code: this.o.code };
        try {
          const scope = new Scope(this.rootScope, { name: `(module ${id})`, thisVal: new Val() }, true);
          this.bindMetroParams(unit, factory.params, scope, moduleObj, exportsVal);
          this.execBody(factory.body.body, scope);
        } finally {
          this.cur = saved;
          this.lastNode = savedPos;
        }
        // `module.exports = f` replaces the exports object.
        const replaced = moduleObj.props.get('exports');
        if (replaced && replaced !== exportsVal) this.metroLoaded.set(id, (exportsVal = replaced));
      }
    }
    if (kind === 'importDefault') return exportsVal.props?.get('default') ?? exportsVal;
    return exportsVal;
  }

  private collectExports(ast: t.File, scope: Scope, out: Map<string, Val>): void {
    const local = (name: string): Val | undefined => scope.vars.get(name)?.value;
    for (const s of ast.program.body) {
      if (s.type === 'ExportNamedDeclaration') {
        const d = s.declaration;
        if (d && (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
          const v = local(d.id.name);
          if (v) out.set(d.id.name, v);
        } else if (d?.type === 'VariableDeclaration') {
          for (const decl of d.declarations) {
            if (decl.id.type !== 'Identifier') continue;
            const v = local(decl.id.name);
            if (v) out.set(decl.id.name, v);
          }
        }
        const from = s.source ? this.linkedExports(s.source.value) : undefined;
        for (const sp of s.specifiers) {
          if (sp.type !== 'ExportSpecifier') continue;
          const exported = sp.exported.type === 'Identifier' ? sp.exported.name : sp.exported.value;
          const v = s.source ? from?.get(sp.local.name) : local(sp.local.name);
          if (v) out.set(exported, v);
        }
      } else if (s.type === 'ExportDefaultDeclaration') {
        const d = s.declaration;
        let v: Val | undefined;
        if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) v = local(d.id.name);
        else if (d.type === 'FunctionDeclaration') v = this.fnVal(d, scope, 'default');
        else if (d.type === 'Identifier') v = local(d.name);
        else if (d.type !== 'TSDeclareFunction' && d.type !== 'ClassDeclaration') v = this.eval(d, scope);
        if (v) out.set('default', v);
      } else if (s.type === 'ExportAllDeclaration') {
        const from = this.linkedExports(s.source.value);
        if (from) for (const [k, v] of from) if (k !== 'default' && k !== '=' && !out.has(k)) out.set(k, v);
      }
    }
  }

  // ---------------------------------------------------------------- binding

  /**
   * Binds a declaration, parameter or assignment pattern. `kind` decides the step messages; `from` is the node the
   * value came from (argument or initialiser) for positions.
   */
  private bindPattern(pattern: t.Node, value: Val, scope: Scope, kind: 'var' | 'param', from?: t.Node, fnName?: string): void {
    this.tick(pattern);
    switch (pattern.type) {
      case 'Identifier': {
        const name = pattern.name;
        let v = value;
        if (kind === 'param') {
          // Located at the parameter, so a flow that starts at this parameter (the function analysed on its own)
          // is recognised as part of this longer one and dropped by dedupeFlows.
          v = this.derive(v, pattern, (id) => `${id} passed as parameter ${name} of ${fnName ?? 'a function'}`);
          v = this.nameSource(v, name, pattern, `${name} is a parameter of ${fnName ?? 'a function'}`);
        } else {
          const src = from && from.type === 'Identifier' ? from.name : undefined;
          if (src !== name) v = this.derive(v, pattern, (id) => `${id} assigned to ${name}`);
          v = this.nameSource(v, name, pattern, `${name} declared`);
        }
        v = this.laterRtcArg(v, name, pattern);
        scope.vars.set(name, { value: v });
        return;
      }
      case 'AssignmentPattern': {
        const v = value.undef ? this.eval(pattern.right, scope) : value;
        this.bindPattern(pattern.left, v, scope, kind, from, fnName);
        return;
      }
      case 'ObjectPattern': {
        const used: string[] = [];
        for (const p of pattern.properties) {
          if (p.type === 'RestElement') {
            this.bindPattern(p.argument, value, scope, kind, from, fnName);
            continue;
          }
          const key = p.computed ? (this.eval(p.key as t.Expression, scope), undefined) : propName(p.key, false);
          if (key !== undefined) used.push(key);
          const sub = this.member(value, key, p.key, undefined);
          this.bindPattern(p.value, sub, scope, kind, from, fnName);
        }
        return;
      }
      case 'ArrayPattern': {
        pattern.elements.forEach((el, i) => {
          if (!el) return;
          const sub = el.type === 'RestElement' ? value : (value.items?.[i] ?? elementOf(value));
          this.bindPattern(el.type === 'RestElement' ? el.argument : el, sub, scope, kind, from, fnName);
        });
        return;
      }
      case 'RestElement':
        this.bindPattern(pattern.argument, value, scope, kind, from, fnName);
        return;
      case 'TSParameterProperty':
        this.bindPattern(pattern.parameter, value, scope, kind, from, fnName);
        return;
      default:
        // Member targets in for-in/of heads and exotic patterns.
        this.assignTo(pattern, value, scope, from);
    }
  }

  /** Assignment to an existing target (`x = v`, `a.b = v`, `[a, b] = v`). */
  private assignTo(target: t.Node, value: Val, scope: Scope, from?: t.Node): void {
    if (target.type === 'Identifier') {
      const name = target.name;
      const src = from && from.type === 'Identifier' ? from.name : undefined;
      let v = src !== name ? this.derive(value, target, (id) => `${id} assigned to ${name}`) : value;
      v = this.nameSource(v, name, target, `${name} assigned`);
      const b = scope.lookup(name);
      if (!b) {
        scope.root().vars.set(name, { value: v });
      } else if (this.branchDepth > 0 && !b.value.undef) {
        // Inside a branch the old value may survive: keep both.
        b.value = join(b.value, v);
      } else {
        b.value = v;
      }
      return;
    }
    if (target.type === 'MemberExpression' || target.type === 'OptionalMemberExpression') {
      const obj = this.eval(target.object as t.Expression, scope);
      const key = target.computed ? (this.eval(target.property as t.Expression, scope).str?.length === 1 ? this.eval(target.property as t.Expression, scope).str![0] ?? undefined : undefined) : propName(target.property, false);
      this.assignMember(obj, key, value, target);
      return;
    }
    if (target.type === 'ObjectPattern' || target.type === 'ArrayPattern' || target.type === 'AssignmentPattern' || target.type === 'RestElement') {
      // Destructuring assignment: bind into the existing bindings' scope by re-using declaration logic.
      const tmp = new Scope(scope, scope.frame, false);
      this.bindPattern(target, value, tmp, 'var', from);
      for (const [name, b] of tmp.vars) this.assignTo({ type: 'Identifier', name, loc: target.loc } as t.Identifier, b.value, scope, { type: 'Identifier', name } as t.Identifier);
      return;
    }
    if (target.type === 'TSAsExpression' || target.type === 'TSNonNullExpression' || target.type === 'TSSatisfiesExpression' || target.type === 'TSTypeAssertion' || target.type === 'ParenthesizedExpression') {
      this.assignTo(target.expression, value, scope, from);
    }
  }

  private assignMember(obj: Val, key: string | undefined, value: Val, node: t.Node): void {
    if (obj.inst && key !== undefined) {
      const rules = this.sinkIdx.assign.get(`${obj.inst.type}\u0000${key}`);
      if (rules) {
        for (const r of rules) this.applySink(r, node, obj, [value], [undefined], undefined);
        return;
      }
    }
    if (obj.global !== undefined) return; // window.x = …: not tracked
    if (obj.params && (key === 'search' || key === 'hash')) {
      this.addParams(obj, value, node, key);
      return;
    }
    const stored = this.derive(value, node, (id) => `${id} stored in property ${key ?? '[computed]'}`);
    const named = key !== undefined ? this.nameSource(stored, key, node, `${key} assigned`) : stored;
    if (key === undefined) {
      obj.closed = false;
    } else {
      obj.props ??= new Map();
      obj.props.set(key, named);
    }
    addTaintsTo(obj, named.taints);
  }

  // ---------------------------------------------------------------- expressions

  eval(node: t.Node, scope: Scope): Val {
    this.tick(node);
    if (this.depth >= this.o.limits.maxEvalDepth) {
      this.truncatedDepth = true;
      return Val.unknown();
    }
    this.depth++;
    try {
      return this.evalInner(node, scope);
    } finally {
      this.depth--;
    }
  }

  private evalInner(node: t.Node, scope: Scope): Val {
    switch (node.type) {
      case 'StringLiteral': {
        const v = Val.string(node.value);
        v.born = this.cur;
        return v;
      }
      case 'NumericLiteral':
        return Val.string(String(node.value));
      case 'BooleanLiteral':
        return Val.string(String(node.value));
      case 'NullLiteral':
        return Val.string('null');
      case 'BigIntLiteral':
        return Val.string(node.value);
      case 'RegExpLiteral':
        return Val.constant();
      case 'TemplateLiteral':
        return this.template(node, scope);
      case 'Identifier':
        return this.identifier(node, scope);
      case 'ThisExpression':
        return scope.frame.thisVal;
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const obj = this.eval(node.object, scope);
        let key: string | undefined;
        if (node.computed) {
          const k = this.eval(node.property as t.Expression, scope);
          key = k.str?.length === 1 && typeof k.str[0] === 'string' ? k.str[0] : undefined;
        } else key = propName(node.property, false);
        return this.member(obj, key, node.property, node.object);
      }
      case 'CallExpression':
      case 'OptionalCallExpression':
      case 'NewExpression':
        return this.call(node, scope);
      case 'AssignmentExpression':
        return this.assignment(node, scope);
      case 'BinaryExpression':
        return this.binary(node, scope);
      case 'LogicalExpression': {
        const a = this.eval(node.left, scope);
        let b!: Val;
        this.branch(() => {
          b = this.eval(node.right, scope);
        });
        const v = join(a, b);
        // `env.API_URL || 'http://10.0.0.5:8000'`: a setting of unknown shape with a written fallback — the fallback
        // is what a build without the setting uses, so its shape is kept.
        if ((node.operator === '||' || node.operator === '??') && !a.str && b.str && !v.str) {
          v.str = b.str;
          if (b.born !== undefined) v.born = b.born;
        }
        return v;
      }
      case 'ConditionalExpression': {
        this.eval(node.test, scope);
        let a!: Val;
        let b!: Val;
        this.branch(() => {
          a = this.eval(node.consequent, scope);
          b = this.eval(node.alternate, scope);
        });
        return join(a, b);
      }
      case 'SequenceExpression': {
        let last = Val.unknown();
        for (const e of node.expressions) last = this.eval(e, scope);
        return last;
      }
      case 'UnaryExpression': {
        const v = this.eval(node.argument, scope);
        if (node.operator === '-' || node.operator === '+' || node.operator === '~') return carry(v);
        return Val.constant();
      }
      case 'UpdateExpression':
        this.eval(node.argument, scope);
        return Val.unknown();
      case 'ObjectExpression':
        return this.object(node, scope);
      case 'ArrayExpression': {
        const v = new Val();
        v.items = [];
        for (const el of node.elements) {
          if (!el) continue;
          if (el.type === 'SpreadElement') {
            const s = this.eval(el.argument, scope);
            v.items.push(...(s.items ?? [elementOf(s)]));
          } else v.items.push(this.eval(el, scope));
          if (v.items.length > 256) v.items.length = 256;
        }
        for (const it of v.items) addTaintsTo(v, it.taints);
        v.constant = v.items.every((i) => i.constant);
        return v;
      }
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.fnVal(node, scope, node.type === 'FunctionExpression' && node.id ? node.id.name : '(anonymous)');
      case 'ClassExpression':
        return this.classVal(node, scope);
      case 'AwaitExpression':
      case 'SpreadElement':
        return this.eval(node.argument, scope);
      case 'YieldExpression':
        return node.argument ? this.eval(node.argument, scope) : Val.unknown();
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TypeCastExpression':
      case 'TSInstantiationExpression':
        return this.eval(node.expression, scope);
      case 'TaggedTemplateExpression': {
        this.eval(node.tag, scope);
        const v = this.template(node.quasi, scope);
        return carry(v);
      }
      case 'ImportExpression':
        return Val.unknown();
      default:
        this.evalChildren(node, scope);
        return Val.unknown();
    }
  }

  /** For node types the interpreter does not model (JSX, decorators…): still look inside for functions and calls. */
  private evalChildren(node: t.Node, scope: Scope): void {
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'type' || key.endsWith('Comments') || key === 'extra') continue;
      const v = (node as unknown as Record<string, unknown>)[key];
      const list = Array.isArray(v) ? v : [v];
      for (const x of list) {
        if (typeof x !== 'object' || x === null || typeof (x as t.Node).type !== 'string') continue;
        const child = x as t.Node;
        if (/Statement|Declaration$/.test(child.type)) this.exec(child, scope);
        else if (child.type.startsWith('TS') || child.type.endsWith('TypeAnnotation')) continue;
        else this.eval(child, scope);
      }
    }
  }

  private identifier(node: t.Identifier, scope: Scope): Val {
    const b = scope.lookup(node.name);
    if (b) return b.value;
    if (node.name === 'undefined' || node.name === 'NaN' || node.name === 'Infinity') return undefinedVal();
    if (this.names.match(node.name)) {
      // An undeclared global named like an identifier (set by another script).
      const v = this.nameSource(Val.unknown(), node.name, node, `${node.name} read (global)`);
      scope.root().vars.set(node.name, { value: v });
      return v;
    }
    return this.globalVal(node.name);
  }

  private globalVal(path: string): Val {
    const v = new Val();
    v.global = path;
    const type = this.typeOfGlobal.get(path);
    if (type) {
      let inst = this.globalInstances.get(path);
      if (!inst) {
        inst = { type, pending: new Map() };
        this.globalInstances.set(path, inst);
      }
      v.inst = inst;
    }
    return v;
  }

  private template(node: t.TemplateLiteral, scope: Scope): Val {
    const v = new Val();
    const parts: (readonly (string | null)[])[] = [];
    let constant = true;
    let first: Val | undefined;
    node.quasis.forEach((q, i) => {
      parts.push([q.value.cooked ?? q.value.raw]);
      const e = node.expressions[i];
      if (!e) return;
      const ev = this.queryKeySource(this.eval(e, scope), parts, e);
      first ??= ev;
      constant &&= ev.constant;
      parts.push(ev.asParts());
      const sofar = renderShape(concatParts(parts));
      addTaintsTo(v, this.derive(ev, e, (id) => `${id} inserted into template ${quoteHead(sofar)}`).taints);
    });
    v.str = concatParts(parts);
    v.constant = constant;
    v.born = this.cur;
    if (first) this.noteComposedUrl(node, parts[0]![0] as string, first, parts.slice(2));
    return v;
  }

  /** Keeps a URL the analysed file itself writes around a constant host (composed-url.ts); imported modules' are theirs. */
  private noteComposedUrl(node: t.Node, head: string, host: Val, after: readonly (readonly (string | null)[])[]): void {
    if (this.cur.path !== undefined || this.composedUrls.has(node) || !hasPos(node)) return;
    const url = composedUrl(head, host, concatParts(after));
    if (url) this.composedUrls.set(node, url);
  }

  /**
   * A value concatenated into a URL is named by the URL where its own name says nothing: right after `?roomId=` /
   * `&uid=` by its query key (minified code keeps no variable names, but the URL it builds still says what the value
   * is), and a bare `id` in the path by the resource the path names (`/users/${id}` → userId, RPC style
   * `/friend/get_info/${id}` → friendId): the nearest of the last few path segments before it that, singular or
   * plural, names an identifier of the vocabulary.
   */
  private queryKeySource(v: Val, before: readonly (readonly (string | null)[])[], node: t.Node): Val {
    if (hasRealTaint(v) || v.constant || before.length === 0) return v;
    const prev = before[before.length - 1]!;
    const text = prev[prev.length - 1];
    if (typeof text !== 'string') return v;
    const key = /[?&;]([A-Za-z_$][\w$.-]{0,40})=$/.exec(text)?.[1];
    if (key) return this.nameSource(v, key, node, `value of query parameter ${key}`);
    const own = lastName(node);
    if (own === undefined || !/^_?id$/i.test(own) || !text.endsWith('/') || /[?#]/.test(text)) return v;
    const segments = text.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split('/').filter((x) => x.length > 0);
    const near = segments.slice(-3).reverse();
    const message = `${own} in the URL path ${quoteHead(text)}`;
    for (const segment of near) {
      if (!/^[A-Za-z][A-Za-z_-]{1,40}$/.test(segment)) continue;
      const name = [segment, singular(segment)].map((w) => `${w}Id`).find((n) => this.names.match(n));
      if (name) return this.nameSource(v, name, node, message, `${segment}/${own}`);
    }
    // Else the nearest one-word segment names the resource (RPC-style paths put a verb phrase after it:
    // `/group/get_info/${id}`): a candidate, which the check keeps when the app passes a value of that name to an RTC
    // API (a groupId that is also the call's channel).
    const resource = near.find((x) => /^[A-Za-z]{2,40}$/.test(x));
    return resource ? this.nameSource(v, `${singular(resource)}Id`, node, message) : v;
  }

  /** `a + b + c`: flattened so long concatenation chains need no recursion. */
  private binary(node: t.BinaryExpression, scope: Scope): Val {
    if (node.operator !== '+') {
      const a = node.left.type === 'PrivateName' ? Val.unknown() : this.eval(node.left, scope);
      const b = this.eval(node.right, scope);
      if (ARITH.has(node.operator)) {
        const v = new Val();
        addTaintsTo(v, a.taints);
        addTaintsTo(v, b.taints);
        v.constant = a.constant && b.constant;
        return v;
      }
      return Val.constant();
    }
    const operands: t.Node[] = [];
    let cur: t.Node = node;
    while (cur.type === 'BinaryExpression' && cur.operator === '+' && operands.length < 1_000_000) {
      operands.push(cur.right);
      cur = cur.left;
    }
    operands.push(cur);
    operands.reverse();
    const v = new Val();
    const parts: (readonly (string | null)[])[] = [];
    let constant = true;
    let writer: unknown = this.cur;
    for (const [i, opnd] of operands.entries()) {
      let ov = opnd.type === 'PrivateName' ? Val.unknown() : this.eval(opnd, scope);
      ov = this.queryKeySource(ov, parts, opnd);
      if (i > 0) writer = tailWriter(ov, this.cur);
      constant &&= ov.constant;
      parts.push(ov.asParts());
      if (i === 1 && operands[0]!.type === 'StringLiteral') this.noteComposedUrl(node, operands[0].value, ov, operands.length > 2 && operands[2]!.type === 'StringLiteral' ? [[operands[2].value]] : []);
      if (ov.tainted) {
        const sofar = renderShape(concatParts(parts));
        addTaintsTo(v, this.derive(ov, opnd, (id) => `${id} concatenated into ${quoteHead(sofar)}`).taints);
      }
    }
    v.str = concatParts(parts);
    v.constant = constant;
    v.born = writer;
    return v;
  }

  private assignment(node: t.AssignmentExpression, scope: Scope): Val {
    let value = this.eval(node.right, scope);
    if (node.operator === '+=') {
      const old = this.eval(node.left, scope);
      const v = new Val();
      v.str = concatParts([old.asParts(), value.asParts()]);
      addTaintsTo(v, old.taints);
      addTaintsTo(v, this.derive(value, node.right, (id) => `${id} appended to ${quoteHead(renderShape(v.str!))}`).taints);
      value = v;
    } else if (node.operator !== '=' && node.operator !== '||=' && node.operator !== '??=' && node.operator !== '&&=') {
      const old = this.eval(node.left, scope);
      value = ARITH.has(node.operator.slice(0, -1)) ? carry(join(old, value)) : Val.constant();
    }
    this.assignTo(node.left, value, scope, node.right);
    return value;
  }

  private object(node: t.ObjectExpression, scope: Scope): Val {
    const v = new Val();
    v.props = new Map();
    v.closed = true;
    v.constant = true;
    const inactive = this.inactive();
    for (const p of node.properties) {
      this.tick(p);
      if (inactive.length && inRanges(inactive, p.start ?? -1)) continue;
      if (p.type === 'SpreadElement') {
        const s = this.eval(p.argument, scope);
        if (s.props) for (const [k, pv] of s.props) v.props.set(k, pv);
        if (!s.props || !s.closed) v.closed = false;
        addTaintsTo(v, this.derive(s, p, (id) => `${id} spread into an object`).taints);
        v.constant &&= s.constant;
        continue;
      }
      const key = p.computed ? this.computedKey(p.key, scope) : propName(p.key, false);
      if (key === undefined) v.closed = false;
      if (p.type === 'ObjectMethod') {
        const fn = this.fnVal(p, scope, key ?? '(method)', v);
        if (key !== undefined) v.props.set(key, fn);
        continue;
      }
      const value = p.value;
      let pv = value.type.endsWith('Pattern') ? Val.unknown() : this.eval(value, scope);
      if (pv.fn && !pv.fn.thisVal) pv.fn.thisVal = v;
      v.constant &&= pv.constant;
      if (key !== undefined) {
        const fromName = value.type === 'Identifier' ? value.name : undefined;
        if (fromName !== key) pv = this.derive(pv, p.key, (id) => `${id} stored in property ${key}`);
        pv = this.nameSource(pv, key, p.key, `${key} set in an object`);
        v.props.set(key, pv);
      }
      addTaintsTo(v, pv.taints);
    }
    return v;
  }

  private computedKey(key: t.Node, scope: Scope): string | undefined {
    const k = this.eval(key, scope);
    return k.str?.length === 1 && typeof k.str[0] === 'string' ? k.str[0] : undefined;
  }

  /** Property read. `objNode` is the object expression (for `user.id`-style compound names). */
  private member(obj: Val, key: string | undefined, keyNode: t.Node, objNode: t.Node | undefined): Val {
    const entry = this.metro?.entry(obj, key);
    if (entry) return entry;
    if (obj.global !== undefined && key !== undefined) {
      if (GLOBAL_OBJECTS.has(obj.global)) return this.globalVal(key);
      if (key === 'default') return obj;
      return this.globalVal(`${obj.global}.${key}`);
    }
    if (key === 'searchParams' && obj.url) {
      obj.props ??= new Map();
      let p = obj.props.get(key);
      if (!p) {
        p = new Val();
        p.params = { owner: obj };
        p.str = [null];
        obj.props.set(key, p);
      }
      return p;
    }
    if ((key === 'href' || key === 'toString') && obj.url) return obj;
    if (key === undefined) {
      if (obj.items) {
        const v = new Val();
        for (const it of obj.items) addTaintsTo(v, it.taints);
        return v;
      }
      return carry(obj);
    }
    const known = obj.props?.get(key);
    if (known) return known;
    if (obj.items && /^\d+$/.test(key)) return obj.items[Number(key)] ?? Val.unknown();
    if (key === 'length') return Val.unknown();
    // A literal's methods often run with another `this` (a Vue component's `methods`, merged into its instance with
    // its data and props): `this.x` read in one is open, not the literal's missing property.
    const viaThis = objNode?.type === 'ThisExpression';
    if ((obj.closed && !viaThis) || obj.inst || obj.fn) return obj.closed ? undefinedVal() : Val.unknown();
    // An open object: remember what is read so later reads (and RTC-argument marking) see the same value.
    let v = carry(obj);
    // What the literal does not declare comes from the instance at run time, and a property of a string is read
    // from the object that replaces a placeholder (`detail: ''`, later `this.globalData.detail.id`): no constants.
    if ((viaThis && obj.closed) || obj.str) v.constant = false;
    if (!hasRealTaint(v)) {
      const base = objNode ? lastName(objNode) : undefined;
      if (/^_?id$/i.test(key) && base && this.names.match(`${base}Id`)) {
        v = this.nameSource(v, `${base}Id`, keyNode, `${base}.${key} read`, `${base}.${key}`);
      } else {
        v = this.nameSource(v, key, keyNode, `${key} read`);
      }
    }
    if (!obj.str) {
      obj.props ??= new Map();
      if (obj.props.size < 512) obj.props.set(key, v);
    }
    return v;
  }

  // ---------------------------------------------------------------- functions and classes

  private fnVal(node: AnyFunction, scope: Scope, name: string, thisVal?: Val): Val {
    const v = new Val();
    v.fn = { node, closure: scope, name, thisVal, module: this.cur };
    // Functions of imported modules are followed from their calls only; on their own they are their module's.
    if (this.cur === this.root && !this.queued.has(node)) {
      this.queued.add(node);
      this.queue.push(v.fn);
    }
    return v;
  }

  private classVal(node: t.Class, scope: Scope): Val {
    const v = new Val();
    const name = node.id?.name ?? '(class)';
    if (node.superClass) this.eval(node.superClass, scope);
    // Methods of one class share an instance value so `this.x` set in one method is seen in another.
    const instance = new Val();
    for (const m of node.body.body) {
      if (m.type === 'ClassMethod' || m.type === 'ClassPrivateMethod') {
        const key = m.key.type === 'PrivateName' ? `#${m.key.id.name}` : propName(m.key, !!m.computed);
        const fn = this.fnVal(m, scope, `${name}.${key ?? '(method)'}`, m.static ? v : instance);
        // `API.fetch(…)`: a static method is a property of the class value.
        if (m.static && m.kind === 'method' && key !== undefined) (v.props ??= new Map()).set(key, fn);
      } else if ((m.type === 'ClassProperty' || m.type === 'ClassPrivateProperty') && m.value) {
        const frameScope = new Scope(scope, { name, thisVal: instance }, true);
        const pv = this.eval(m.value, frameScope);
        if (pv.fn && !pv.fn.thisVal) pv.fn.thisVal = instance;
        const key = m.type === 'ClassPrivateProperty' ? `#${m.key.id.name}` : propName(m.key, m.computed);
        if (key !== undefined) this.assignMember(instance, key, pv, m);
      } else if (m.type === 'StaticBlock') {
        this.execBody(m.body, new Scope(scope, { name, thisVal: v }, true));
      }
    }
    return v;
  }

  /** Analyses a function body with the given arguments (none: analysed on its own). Returns the joined return value. */
  private runFunction(fn: FnRef, args: Val[], argNodes: (t.Node | undefined)[], thisVal: Val | undefined): Val {
    const node = fn.node;
    const closure = fn.closure as Scope;
    const isArrow = node.type === 'ArrowFunctionExpression';
    const frame: Frame = {
      name: fn.name,
      thisVal: isArrow ? closure.frame.thisVal : (thisVal ?? fn.thisVal ?? new Val()),
    };
    const scope = new Scope(closure, frame, true);
    const saved = this.cur;
    this.cur = (fn.module as ModCtx | undefined) ?? this.root;
    try {
      return this.runBody(fn, scope, frame, args, argNodes);
    } finally {
      this.cur = saved;
    }
  }

  private runBody(fn: FnRef, scope: Scope, frame: Frame, args: Val[], argNodes: (t.Node | undefined)[]): Val {
    const savedFn = this.curFn;
    this.curFn = fn.node;
    try {
      return this.runBodyIn(fn, scope, frame, args, argNodes);
    } finally {
      this.curFn = savedFn;
    }
  }

  private runBodyIn(fn: FnRef, scope: Scope, frame: Frame, args: Val[], argNodes: (t.Node | undefined)[]): Val {
    const node = fn.node;
    const isArrow = node.type === 'ArrowFunctionExpression';
    const allArgs = fn.boundArgs ? [...fn.boundArgs, ...args] : args;
    const allNodes = fn.boundArgs ? [...fn.boundArgs.map(() => undefined), ...argNodes] : argNodes;
    node.params.forEach((p, i) => {
      if (p.type === 'RestElement') {
        const rest = new Val();
        rest.items = allArgs.slice(i);
        for (const it of rest.items) addTaintsTo(rest, it.taints);
        this.bindPattern(p.argument, rest, scope, 'param', allNodes[i], fn.name);
        return;
      }
      const given = allArgs[i];
      this.bindPattern(p, given ?? (args.length === 0 ? Val.unknown() : undefinedVal()), scope, 'param', allNodes[i] ?? p, fn.name);
    });
    // A Metro module factory run on its own: its loader and dependency-map parameters are known.
    const unit = args.length === 0 ? this.metro?.unitOfFactory(node) : undefined;
    if (unit) this.bindMetroParams(unit, node.params, scope);
    if (!isArrow) {
      const argv = new Val();
      argv.items = allArgs;
      for (const it of allArgs) addTaintsTo(argv, it.taints);
      scope.vars.set('arguments', { value: argv });
    }
    const body = node.body;
    if (body.type === 'BlockStatement') {
      this.execBody(body.body, scope);
      return frame.returns ?? undefinedVal();
    }
    return this.eval(body, scope);
  }

  /** A call of a known local function: inlined when within bounds, else an unknown result. */
  /** `summarise: false` for a callback run in place (its closure, not its arguments, carries what it sends). */
  private invoke(fn: FnRef, args: Val[], argNodes: (t.Node | undefined)[], thisVal: Val | undefined, callNode?: t.Node, summarise = true): Val {
    const node = fn.node;
    if (node.async || node.generator) {
      // Still worth inlining: async functions pass their arguments on just the same.
    }
    if (this.inlineStack.has(node) || this.inlineStack.size >= this.o.limits.maxInlineDepth || this.ops > this.o.limits.softOps) {
      return Val.unknown();
    }
    const plain = summarise && args.every((a) => !a.tainted && !a.fn && !a.inst && !a.params && !a.url && !a.str) && !fn.boundArgs;
    if (plain) {
      const cached = this.summaries.get(node);
      if (cached) return cached;
    }
    this.inlineStack.add(node);
    const cross = callNode !== undefined && ((fn.module as ModCtx | undefined) ?? this.root) !== this.cur;
    if (cross) this.crossCalls.push({ node: callNode, mod: this.cur, callee: fn.name });
    let ret: Val;
    try {
      ret = this.runFunction(fn, args, argNodes, thisVal);
    } finally {
      this.inlineStack.delete(node);
      if (cross) this.crossCalls.pop();
    }
    if (plain) this.summaries.set(node, ret);
    return ret;
  }

  // ---------------------------------------------------------------- calls

  private call(node: CallNode, scope: Scope): Val {
    const isNew = node.type === 'NewExpression';
    const callee = node.callee;
    let recv: Val | undefined;
    let method: string | undefined;
    let calleeVal: Val;
    if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !isNew) {
      recv = this.eval(callee.object, scope);
      method = callee.computed ? this.computedKey(callee.property, scope) : propName(callee.property, false);
      calleeVal = this.member(recv, method, callee.property, callee.object);
    } else if (callee.type === 'Super' || callee.type === 'V8IntrinsicIdentifier' || callee.type === 'Import') {
      calleeVal = Val.unknown();
    } else {
      calleeVal = this.eval(callee, scope);
    }
    const args: Val[] = [];
    const argNodes: (t.Node | undefined)[] = [];
    for (const a of node.arguments) {
      if (a.type === 'SpreadElement') {
        const s = this.eval(a.argument, scope);
        for (const it of s.items ?? [elementOf(s)]) {
          args.push(it);
          argNodes.push(a);
        }
      } else if (a.type === 'ArgumentPlaceholder') {
        args.push(Val.unknown());
        argNodes.push(a);
      } else {
        args.push(this.eval(a, scope));
        argNodes.push(a);
      }
    }

    const site = this.o.sites.get(node);
    if (site) this.rtcCall(site, node, args, argNodes, scope);

    // Declared sinks.
    let created: Val | undefined;
    for (const r of this.matchSinks(isNew, calleeVal, recv, method, args)) {
      const out = this.applySink(r, node, recv && method !== undefined ? recv : calleeVal, args, argNodes, method);
      created ??= out;
    }
    if (created) return created;

    const builtin = this.builtin(isNew, calleeVal, recv, method, args, argNodes, node);
    if (builtin) return builtin;

    const loaded = !isNew ? this.metro?.load(calleeVal, args[0], argNodes[0]) : undefined;
    if (loaded) return this.metroExports(loaded.id, loaded.kind);

    if (calleeVal.fn) return this.invoke(calleeVal.fn, args, argNodes, isNew ? new Val() : recv, node);

    // Declared propagators: the result still carries what went in.
    const path = calleeVal.global;
    if (path !== undefined && this.propFns.has(path)) {
      return this.propagate([...args], argNodes, node, path === 'JSON.stringify' ? (id) => `${id} serialised by JSON.stringify` : (id) => `${id} passed through ${path}()`);
    }
    if (recv && method !== undefined && this.propMethods.has(method) && !recv.inst && recv.global === undefined) {
      // `base.replace(/^http/, 'ws')`: a rewrite inside the known head of a string (an http base turned into its
      // WebSocket origin) keeps the string's shape, so the URL built from it is still known.
      const head = method === 'replace' && recv.str ? replaceInHead(recv.str, argNodes[0], args[1]) : undefined;
      if (head) {
        const v = this.propagate([recv, ...args], [callee, ...argNodes], node, (id) => `${id} passed through .replace()`);
        v.str = head;
        if (recv.born !== undefined) v.born = recv.born;
        return v;
      }
      const v = this.propagate([recv, ...args], [callee, ...argNodes], node, (id) => `${id} passed through .${method}()`);
      if (recv.items && method !== 'join' && method !== 'toString') v.items = recv.items;
      return v;
    }
    return Val.unknown();
  }

  private propagate(vals: Val[], nodes: (t.Node | undefined)[], node: t.Node, msg: (id: string) => string): Val {
    const v = new Val();
    v.str = [null];
    v.constant = vals.every((x) => x.constant);
    vals.forEach((x) => addTaintsTo(v, this.derive(x, node, msg).taints));
    void nodes;
    return v;
  }

  /** Builtins that shape values: URL, URLSearchParams/FormData/Headers, Object.assign, bind/call/apply, require. */
  private builtin(isNew: boolean, calleeVal: Val, recv: Val | undefined, method: string | undefined, args: Val[], argNodes: (t.Node | undefined)[], node: CallNode): Val | undefined {
    const path = calleeVal.global;
    if (path === 'require' && args[0]?.str?.length === 1 && typeof args[0].str[0] === 'string') {
      const linked = this.linkedExports(args[0].str[0]);
      if (linked) return linked.get('=') ?? namespaceVal(linked);
      const mapped = this.o.sinks.modules[args[0].str[0]];
      return mapped !== undefined ? this.globalVal(mapped) : Val.unknown();
    }
    if (path !== undefined && PARAMS_CTORS.has(path)) {
      const v = new Val();
      v.params = {};
      v.str = [null];
      if (args[0]) this.addParams(v, args[0], argNodes[0] ?? node, undefined);
      return v;
    }
    if (path === 'URL' && isNew) {
      const v = new Val();
      v.url = true;
      const base = args[1];
      const rel = args[0];
      if (rel?.str && base?.str && isRelativeShape(rel.str)) v.str = joinBase(base.str, rel.str);
      else v.str = rel?.str ?? [null];
      if (rel) addTaintsTo(v, rel.taints);
      if (base) addTaintsTo(v, base.taints);
      return v;
    }
    // `new Promise(executor)` runs the executor at once: a request helper's `uni.request`/`wx.request` inside it is
    // the helper's request (callbacks in general run later and are analysed on their own).
    if (path === 'Promise' && isNew && args[0]?.fn) {
      this.invoke(args[0].fn, [Val.unknown(), Val.unknown()], [argNodes[0], argNodes[0]], undefined, node, false);
      return Val.unknown();
    }
    if (path === 'Object.assign' && args[0]) {
      const target = args[0];
      for (const src of args.slice(1)) this.mergeInto(target, src, node);
      return target;
    }
    if (recv?.params && method !== undefined && recv.global === undefined) {
      if ((method === 'append' || method === 'set') && args[1]) {
        const key = args[0]?.str?.length === 1 && typeof args[0].str[0] === 'string' ? args[0].str[0] : undefined;
        this.addParams(recv, args[1], argNodes[1] ?? node, key);
        return undefinedVal();
      }
      if (method === 'toString') return recv;
    }
    if (recv?.fn && method === 'bind') {
      const v = new Val();
      v.fn = { ...recv.fn, thisVal: args[0] ?? recv.fn.thisVal, boundArgs: [...(recv.fn.boundArgs ?? []), ...args.slice(1)] };
      return v;
    }
    if (recv?.fn && method === 'call') return this.invoke(recv.fn, args.slice(1), argNodes.slice(1), args[0]);
    if (recv?.fn && method === 'apply') {
      const list = args[1]?.items ?? [];
      return this.invoke(recv.fn, list, list.map(() => argNodes[1]), args[0]);
    }
    return undefined;
  }

  private mergeInto(target: Val, src: Val, node: t.Node): void {
    if (src.props) {
      target.props ??= new Map();
      for (const [k, v] of src.props) target.props.set(k, v);
    }
    if (!src.props || !src.closed) target.closed = false;
    addTaintsTo(target, this.derive(src, node, (id) => `${id} copied by Object.assign`).taints);
  }

  /** Adds a value to URLSearchParams/FormData/Headers (and to the URL owning them). */
  private addParams(params: Val, value: Val, node: t.Node, key: string | undefined): void {
    let v = value;
    if (key !== undefined) v = this.nameSource(v, key, node, `${key} added to query parameters`);
    const what = params.url ? 'URL' : 'query parameters';
    const taints = withStep(v.taints, (tn) => this.step(node, `${tn.source.identifier} added to ${what}${key ? ` as ${key}` : ''}`));
    addTaintsTo(params, taints);
    const owner = params.params?.owner;
    if (owner) {
      addTaintsTo(owner, taints);
      if (owner.str && owner.str[owner.str.length - 1] !== null) owner.str = concatParts([owner.str, [null]]);
    }
  }

  // ---------------------------------------------------------------- sinks

  private matchSinks(isNew: boolean, calleeVal: Val, recv: Val | undefined, method: string | undefined, args: Val[]): SinkRule[] {
    const out: SinkRule[] = [];
    const path = calleeVal.global;
    if (path !== undefined) out.push(...((isNew ? this.sinkIdx.ctor : this.sinkIdx.call).get(path) ?? []));
    if (!isNew && recv?.inst && method !== undefined) out.push(...(this.sinkIdx.method.get(`${recv.inst.type}\u0000${method}`) ?? []));
    else if (!isNew && calleeVal.inst && !(recv && method !== undefined)) out.push(...(this.sinkIdx.invoke.get(calleeVal.inst.type) ?? []));
    return out.filter((r) => {
      if (!r.match.arg0) return true;
      const a = args[0]?.str;
      return !!a && a.length === 1 && typeof a[0] === 'string' && r.match.arg0.includes(a[0]);
    });
  }

  private argRef(args: Val[], ref: ArgRef): Val | undefined {
    const a = args[ref.arg];
    if (!a) return undefined;
    if (ref.rest) {
      const v = new Val();
      for (const x of args.slice(ref.arg)) addTaintsTo(v, x.taints);
      return v;
    }
    if (ref.prop === undefined) return a;
    if (a.str && !a.props) return undefined; // a string where an options object was expected
    const p = a.props?.get(ref.prop);
    if (p) return p;
    // An options object built elsewhere: its taints may sit under this property.
    return a.closed || a.constant ? undefined : a.tainted ? a : undefined;
  }

  /** Records the flows a matched sink rule implies; returns the instance it creates, if any. */
  private applySink(rule: SinkRule, node: t.Node, target: Val, args: Val[], argNodes: (t.Node | undefined)[], method: string | undefined): Val | undefined {
    void method;
    const inst = target.inst;
    let urlVal: Val | undefined;
    let urlNode: t.Node | undefined;
    if (rule.urlFrom === 'instance') {
      urlVal = inst?.url;
    } else {
      for (const ref of rule.url) {
        const v = this.argRef(args, ref);
        if (v && (ref.prop === undefined ? true : !!v)) {
          urlVal = v;
          urlNode = argNodes[ref.arg];
          break;
        }
      }
    }
    let shape = urlVal?.str;
    if (!shape && urlVal && urlNode && this.o.resolve) {
      const r = safeResolve(this.o.resolve, urlNode);
      if (r?.kind === 'string') shape = [r.value];
    }
    // A per-request base (`axios({ baseURL, url })`) wins over the instance's.
    const requestBase = rule.base && !rule.creates ? this.argRef(args, rule.base) : undefined;
    const base = requestBase?.str ?? inst?.base?.str;
    if (base && (!shape || isRelativeShape(shape)) && rule.urlFrom !== 'instance') shape = shape ? joinBase(base, shape) : base;

    const payload: Taints = new Map();
    for (const ref of rule.payload) {
      const v = this.argRef(args, ref);
      if (v) addTaints(payload, v.taints);
    }
    const urlTaints: ReadonlyMap<string, Taint> = rule.urlFrom === 'args' && urlVal ? urlVal.taints : new Map<string, Taint>();

    if (rule.creates) {
      const created = new Val();
      const baseRef = rule.base ? this.argRef(args, rule.base) : undefined;
      created.inst = {
        type: rule.creates,
        url: urlVal && shape ? withShape(urlVal, shape) : urlVal,
        base: baseRef ?? inst?.base,
        pending: new Map(inst?.pending ?? []),
      };
      if (!rule.transmits) {
        addTaints(created.inst.pending, withStep(payload, (tn) => this.step(node, `${tn.source.identifier} stored on ${rule.kind} (${rule.verb})`)));
      }
      if (rule.transmits) this.transmit(rule, node, shape, [urlTaints, payload, inst?.pending ?? new Map()], urlVal?.born);
      return created;
    }
    if (rule.stores && inst) {
      if (urlVal) inst.url = shape ? withShape(urlVal, shape) : urlVal;
      const stored = new Map<string, Taint>();
      addTaints(stored, urlTaints);
      addTaints(stored, payload);
      addTaints(inst.pending, withStep(stored, (tn) => this.step(node, `${tn.source.identifier} ${rule.verb}`)));
    }
    if (rule.transmits) {
      const pending = rule.urlFrom === 'instance' || !!inst ? (inst?.pending ?? new Map()) : new Map<string, Taint>();
      this.transmit(rule, node, rule.urlFrom === 'instance' ? inst?.url?.str : shape, [urlTaints, payload, pending], rule.urlFrom === 'instance' ? inst?.url?.born : (urlVal?.born ?? (requestBase ?? inst?.base)?.born));
    }
    return undefined;
  }

  private transmit(rule: SinkRule, node: t.Node, shape: readonly (string | null)[] | undefined, taintSets: ReadonlyMap<string, Taint>[], urlBorn?: unknown): void {
    const all: Taints = new Map();
    for (const s of taintSets) addTaints(all, s);
    if (all.size === 0) return;
    const info = describeUrl(shape);
    const sink: FlowFact['sink'] = { kind: rule.kind };
    if (info.url !== undefined) sink.url = info.url;
    if (info.scheme !== undefined) sink.scheme = info.scheme;
    if (info.host !== undefined) {
      sink.host = info.host;
      const vendor = this.o.rules.vendorForHost(info.host.replace(/^\[|\]$/g, ''));
      if (vendor) sink.vendor = vendor.id;
    }
    const to = info.url !== undefined ? ` to ${info.url.length > 100 ? `${info.url.slice(0, 99)}…` : info.url}` : ' (URL not resolved)';
    this.emit(all, sink, this.step(node, `${rule.verb}${to}`, true), urlBorn as ModCtx | undefined);
  }

  /** The source an RTC call's role argument is: `channel is the channel of Agora rn-join-channel (engine.joinChannel)`. */
  private rtcArgSource(site: RtcSite, role: string, argNode: t.Node): Taint {
    const vendorName = this.o.rules.vendorById.get(site.fact.vendor)?.name ?? site.fact.vendor;
    const text = snippetOf(this.cur.code, argNode) ?? role;
    return this.newSource(role, 'rtc-arg', argNode, `${text} is the ${role} of ${vendorName} ${site.fact.api} (${site.fact.callee})`);
  }

  /**
   * A binding the same function later passes to an RTC call as channel/uid is that identifier from the start: the
   * token request before the join (`fetch('http://…/token?channel=' + channel)`, then `joinChannel(token, channel)`)
   * sends it as much as a request after the join. Order-free, as the compiled routes' def-use is.
   */
  private laterRtcArg(v: Val, name: string, pattern: t.Node): Val {
    if (this.cur !== this.root || hasRealTaint(v) || v.constant || v.fn || v.inst || v.global !== undefined) return v;
    const uses = (this.rtcArgs ??= rtcArgsByName(this.o.sites, this.rtcRoles)).get(name);
    const fn = this.curFn;
    if (!uses || !fn || pattern.start == null || fn.start == null || fn.end == null) return v;
    const use = uses.find((u) => u.start > pattern.start! && u.start >= fn.start! && u.start < fn.end!);
    if (!use) return v;
    const c = shallowCopy(v);
    c.taints = new Map(v.taints);
    const tn = this.rtcArgSource(use.site, use.role, use.node);
    c.mutableTaints().set(tn.source.key, tn);
    return c;
  }

  /** An RTC init/join call: identifiers already tainted reach the vendor (sink); untainted role arguments become sources. */
  private rtcCall(site: RtcSite, node: CallNode, args: Val[], argNodes: (t.Node | undefined)[], scope: Scope): void {
    void scope;
    const vendorName = this.o.rules.vendorById.get(site.fact.vendor)?.name ?? site.fact.vendor;
    const handle = (val: Val | undefined, valNode: t.Node | undefined, role: string): void => {
      if (!val || !this.rtcRoles.has(role)) return;
      const tn = this.rtcArgSource(site, role, valNode ?? node);
      // A name bound to this very argument was made its source when it was bound (laterRtcArg): not a flow into the SDK.
      const taints = val.taints.has(tn.source.key) ? new Map([...val.taints].filter(([k]) => k !== tn.source.key)) : val.taints;
      if (hasRealTaint({ taints })) {
        const sink: FlowFact['sink'] = { kind: 'rtc-sdk', vendor: site.fact.vendor };
        this.emit(taints, sink, this.step(valNode ?? node, `given to the ${vendorName} SDK by ${site.fact.callee} as ${role}`, true));
        return;
      }
      if (taints !== val.taints || val.constant || val.fn || val.inst) return;
      // The argument's value record is shared with its variable or property, so later reads carry the source.
      val.mutableTaints().set(tn.source.key, tn);
    };
    site.roles.forEach((role, i) => {
      if (role === 'config') {
        const obj = args[i];
        for (const [prop, r] of Object.entries(site.props)) {
          const objNode = argNodes[i];
          let valNode: t.Node | undefined;
          if (objNode?.type === 'ObjectExpression') {
            valNode = objNode.properties.find((p) => p.type === 'ObjectProperty' && propName(p.key, p.computed) === prop);
          }
          handle(obj?.props?.get(prop), valNode ?? objNode, r);
        }
      } else {
        handle(args[i], argNodes[i], role);
      }
    });
  }
}

// ---------------------------------------------------------------- helpers

interface RtcArgUse {
  start: number;
  node: t.Node;
  role: string;
  site: RtcSite;
}

/** The RTC calls' role arguments that are plain names (`joinChannel(token, channel, uid)`, `{roomId: roomId}`). */
function rtcArgsByName(sites: ReadonlyMap<t.Node, RtcSite>, roles: ReadonlySet<string>): Map<string, RtcArgUse[]> {
  const out = new Map<string, RtcArgUse[]>();
  const add = (node: t.Node | null | undefined, role: string | undefined, site: RtcSite) => {
    if (node?.type !== 'Identifier' || node.start == null || role === undefined || !roles.has(role)) return;
    const list = out.get(node.name) ?? [];
    list.push({ start: node.start, node, role, site });
    out.set(node.name, list);
  };
  for (const [call, site] of sites) {
    const args = (call as CallNode).arguments;
    site.roles.forEach((role, i) => {
      const arg = args[i];
      if (role !== 'config') return add(arg, role, site);
      if (arg?.type !== 'ObjectExpression') return;
      for (const p of arg.properties) {
        const key = p.type === 'ObjectProperty' ? propName(p.key, p.computed) : undefined;
        if (key !== undefined && p.type === 'ObjectProperty') add(p.value, site.props[key], site);
      }
    });
  }
  return out;
}

/**
 * Which module wrote a concatenation, judged by one operand after the first: a helper's `base + opts.url` sends
 * the path its caller wrote (the caller's request, located at its call of the helper); a literal or a value made
 * here is this module's text. The leading operand is a base URL and decides nothing.
 */
function tailWriter(operand: Val, cur: unknown): unknown {
  if (operand.born !== undefined && operand.born !== cur && operand.str?.some((p) => typeof p === 'string' && p.length > 0)) return operand.born;
  return cur;
}

function shallowCopy(v: Val): Val {
  const c = new Val();
  c.str = v.str;
  c.constant = v.constant;
  c.props = v.props;
  c.closed = v.closed;
  c.items = v.items;
  if (v.tainted) c.taints = new Map(v.taints);
  c.fn = v.fn;
  c.global = v.global;
  c.inst = v.inst;
  c.params = v.params;
  c.url = v.url;
  c.undef = v.undef;
  c.born = v.born;
  return c;
}

/** A fresh value that carries `v`'s taints and nothing else (results of conversions). */
function carry(v: Val): Val {
  const c = new Val();
  addTaintsTo(c, v.taints);
  c.constant = v.constant;
  return c;
}

function elementOf(v: Val): Val {
  if (v.items && v.items.length > 0) {
    const e = new Val();
    for (const it of v.items) addTaintsTo(e, it.taints);
    return e;
  }
  return carry(v);
}

function withShape(v: Val, shape: (string | null)[]): Val {
  const c = shallowCopy(v);
  c.str = shape;
  return c;
}

/** A module namespace object (`import * as ns`, `require` of an ES module). */
function namespaceVal(exports: Map<string, Val>): Val {
  const v = new Val();
  v.props = new Map([...exports].filter(([k]) => k !== '='));
  v.closed = true;
  return v;
}

function undefinedVal(): Val {
  const v = Val.constant();
  v.undef = true;
  return v;
}

function quoteHead(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 59)}…` : s);
}

/** A string-only initialiser (no calls, no identifiers): safe to evaluate early when hoisting. */
function isStaticString(node: t.Node): boolean {
  let n = node;
  for (let i = 0; i < 10_000; i++) {
    if (n.type === 'StringLiteral' || n.type === 'NumericLiteral') return true;
    if (n.type === 'TemplateLiteral') return n.expressions.length === 0;
    if (n.type === 'BinaryExpression' && n.operator === '+' && isStaticString(n.right)) {
      n = n.left;
      continue;
    }
    return false;
  }
  return false;
}

function safeResolve(resolve: (node: t.Node) => JsValue | undefined, node: t.Node): JsValue | undefined {
  try {
    return resolve(node);
  } catch {
    return undefined;
  }
}

/** A pattern of literal characters only (`^http`, `https:`; no `.`, classes or quantifiers): it matches itself. */
const LITERAL_PATTERN = /^\^?[\w:/-]{1,64}$/;

/**
 * The shape of `str.replace(pattern, replacement)` when the pattern is a plain string or a flagless regular
 * expression of literal characters, its first match lies wholly inside the string's known head, and the replacement
 * is a constant without `$` substitutions; otherwise undefined (the shape is then unknown).
 */
export function replaceInHead(str: Part[], patternNode: t.Node | undefined, replacement: Val | undefined): Part[] | undefined {
  const head = str[0];
  const to = replacement?.constant && replacement.str?.length === 1 ? replacement.str[0] : undefined;
  if (typeof head !== 'string' || typeof to !== 'string' || to.includes('$') || !patternNode) return undefined;
  let at = -1;
  let length = 0;
  if (patternNode.type === 'StringLiteral') {
    at = head.indexOf(patternNode.value);
    length = patternNode.value.length;
  } else if (patternNode.type === 'RegExpLiteral' && patternNode.flags === '' && LITERAL_PATTERN.test(patternNode.pattern)) {
    const anchored = patternNode.pattern.startsWith('^');
    const text = anchored ? patternNode.pattern.slice(1) : patternNode.pattern;
    at = anchored ? (head.startsWith(text) ? 0 : -1) : head.indexOf(text);
    length = text.length;
  }
  // A match that reaches the end of the head might continue into the unknown part: its extent is not known.
  if (at < 0 || length === 0 || at + length >= head.length) return undefined;
  return [head.slice(0, at) + to + head.slice(at + length), ...str.slice(1)];
}
