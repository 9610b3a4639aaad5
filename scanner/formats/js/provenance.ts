// Where a JS value comes from, as the code model's Receiver terms (scanner/model/types.ts): local def-use only,
// never which vendor or API it is. Followed: const/let bindings and their reassignments, destructuring, `await`,
// `a ?? b`, `this.x = …` in the same class, React refs (`.current`), `useState` setters, contexts and their
// providers, `useMemo`, what this file's own functions return, interop helpers, `require('pkg')`, ESM imports,
// cross-module exports (linked.ts), Metro `r(d[i])` / webpack `n(id)` module loads and esbuild/rollup wrappers.
//
// What a module IS comes from the reader's own classification (vendors.ts: package paths, vendor markers): a
// Metro module or a class declared inside a vendor's bundled code is named as such. Which of these values is an
// SDK object, and of which type, is decided by the checks (scanner/checks/model-types.ts) from the rules.
import type * as t from '@babel/types';
import type { Binding, NodePath } from './scope.js';
import type { Receiver } from '../../model/types.js';
import { singleCallOf } from './values.js';
import { objectMethodName, thisAssignmentsOf, thisCallsOf, thisObjectOf } from './object-this.js';
import { metroExportedFunction } from './metro-exports.js';
import { isThisAlias, loweredClassAt, loweredMembers, loweredSuper } from './lowered-class.js';
import { returnedValues, sentValues, stateMachineCall } from './regenerator.js';
import type { Imported } from './linked.js';
import type { VendorRegions } from './vendors.js';
import type { ModuleUnit } from './modules.js';
import { mappedState, stateKey, storeState, VUEX_STORES } from './vuex.js';

/** Another module of the same input, as the cross-module linker (linked.ts) sees it from this file. */
export type ImportedProvenance = Imported<Receiver>;

const MAX_DEPTH = 16;
/** Most alternatives kept for one value (reassignments, returns, setter calls). */
const MAX_ALTERNATIVES = 16;

/** The alternatives a value may be, first (in source order) first; one stays itself, none is undefined. */
export function either(list: Array<Receiver | undefined>): Receiver | undefined {
  const out: Receiver[] = [];
  for (const r of list) {
    if (!r || out.includes(r)) continue;
    if (r.kind === 'either') for (const x of r.of) (!out.includes(x) && out.push(x));
    else out.push(r);
    if (out.length >= MAX_ALTERNATIVES) break;
  }
  return out.length === 0 ? undefined : out.length === 1 ? out[0] : { kind: 'either', of: out };
}

/** Terms of one kind a value may be (through alternatives). */
function termsOf<K extends Receiver['kind']>(r: Receiver | undefined, kind: K): Array<Extract<Receiver, { kind: K }>> {
  if (!r) return [];
  if (r.kind === kind) return [r as Extract<Receiver, { kind: K }>];
  return r.kind === 'either' ? r.of.flatMap((x) => termsOf(x, kind)) : [];
}

export class Provenance {
  private readonly memo = new WeakMap<t.Node, Receiver | null>();
  private readonly active = new Set<t.Node>();
  private readonly factories = new Map<t.Node, ModuleUnit>();
  private readonly classIndex = new WeakMap<t.Node, Map<string, NodePath[]>>();
  private readonly returns = new WeakMap<t.Node, Receiver | null>();
  private readonly instances = new WeakMap<t.Node, Receiver | null>();
  /** Every JSX opening element of a program, in traversal order: a context's providers are looked up in it. */
  private readonly jsxElements = new WeakMap<t.Node, NodePath<t.JSXOpeningElement>[]>();

  constructor(
    private readonly regions: VendorRegions,
    private readonly text: (node: t.Node) => string,
    units: ModuleUnit[],
    private readonly linked?: ImportedProvenance,
  ) {
    for (const u of units) if (u.factory) this.factories.set(u.factory, u);
  }

  of(path: NodePath | null | undefined, depth = 0): Receiver | undefined {
    if (!path?.node) return undefined;
    const node = path.node;
    const memo = this.memo.get(node);
    if (memo !== undefined) return memo ?? undefined;
    if (depth > MAX_DEPTH || this.active.has(node)) return undefined;
    this.active.add(node);
    let r: Receiver | undefined;
    try {
      r = this.compute(path, depth + 1);
    } catch {
      r = undefined;
    } finally {
      this.active.delete(node);
    }
    this.memo.set(node, r ?? null);
    return r;
  }

  /** The source-map name of a mangled identifier (`mn` → `Room`), for classes of bundled vendor code. */
  originalName(id: t.Node): string | undefined {
    const map = this.regions.map;
    if (!map || !id.loc || id.type !== 'Identifier') return undefined;
    return map.trace(id.loc.start.line, id.loc.start.column + 1)?.name ?? undefined;
  }

  private compute(path: NodePath, d: number): Receiver | undefined {
    const node = path.node;
    switch (node.type) {
      case 'Identifier':
        return this.identifier(path as NodePath<t.Identifier>, d);
      case 'AwaitExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'ParenthesizedExpression':
        return this.of(path.get(node.type === 'AwaitExpression' ? 'argument' : 'expression') as NodePath, d);
      case 'YieldExpression': {
        // Babel's lowered async function (`_asyncToGenerator(function* () { t = yield x; })`): yield is await.
        const gen = path.getFunctionParent();
        if (node.delegate || !node.argument || !gen?.parentPath?.isCallExpression()) return undefined;
        return this.of(path.get('argument') as NodePath, d);
      }
      case 'SequenceExpression': {
        const exprs = path.get('expressions') as NodePath[];
        return this.of(exprs[exprs.length - 1], d);
      }
      case 'AssignmentExpression':
        // `engine ??= createAgoraRtcEngine()`: the value is the right side or what the left already held.
        if (!ASSIGNING.has(node.operator)) return undefined;
        return node.operator === '=' ? this.of(path.get('right') as NodePath, d) : either([this.of(path.get('right') as NodePath, d), this.of(path.get('left') as NodePath, d)]);
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'TypeCastExpression':
        return this.of(path.get('expression') as NodePath, d);
      case 'LogicalExpression':
      case 'ConditionalExpression': {
        const a = this.of(path.get(node.type === 'LogicalExpression' ? 'left' : 'consequent') as NodePath, d);
        return either([a, this.of(path.get(node.type === 'LogicalExpression' ? 'right' : 'alternate') as NodePath, d)]);
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return this.member(path as NodePath<t.MemberExpression>, d);
      case 'CallExpression':
      case 'OptionalCallExpression':
        return this.call(path as NodePath<t.CallExpression>, d);
      case 'ObjectExpression':
        return this.object(path as NodePath<t.ObjectExpression>, d);
      case 'NewExpression': {
        const calleePath = path.get('callee') as NodePath;
        const of = this.of(calleePath, d);
        if (!of) return calleePath.isIdentifier() ? this.appInstance(calleePath as NodePath<t.Identifier>, d) : undefined;
        const callee = (node as t.NewExpression).callee;
        const original = this.originalName(callee);
        return { kind: 'new', type: this.text(callee), of, ...(original ? { original } : {}) };
      }
      case 'TSParameterProperty':
      case 'ClassProperty':
        return this.annotatedInstance(path, d);
      default:
        return undefined;
    }
  }

  private identifier(path: NodePath<t.Identifier>, d: number): Receiver | undefined {
    const name = path.node.name;
    const binding = path.scope.getBinding(name);
    if (!binding) return { kind: 'global', name };
    const decl = binding.path;
    if (binding.kind === 'module') {
      const imp = decl.parentPath?.node;
      if (!imp || imp.type !== 'ImportDeclaration') return undefined;
      const spec = decl.node;
      const imported =
        spec.type === 'ImportSpecifier' ? (spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value) : spec.type === 'ImportDefaultSpecifier' ? 'default' : '*';
      const source = imp.source.value;
      // Another module of the app: what it exports under that name (an engine it made, a factory, a context).
      if (isRelative(source)) return this.linked?.importTag(source, imported);
      const module: Receiver = { kind: 'module', name: source };
      return imported === '*' ? module : { kind: 'member', of: module, name: imported };
    }
    if (binding.kind === 'param') return this.param(decl, d);
    if (decl.isVariableDeclarator()) {
      const vd = decl.node as t.VariableDeclarator;
      if (vd.id.type === 'ObjectPattern') return this.destructured(decl as NodePath<t.VariableDeclarator>, name, d);
      if (vd.id.type === 'ArrayPattern') return this.state(decl as NodePath<t.VariableDeclarator>, name, d);
      if (vd.id.type !== 'Identifier') return undefined;
      const init = vd.init ? (decl.get('init') as NodePath) : undefined;
      const wrapped = vd.init ? this.wrapperUnit(vd.init) : undefined;
      if (wrapped && wrapped.kind === 'cjs-wrapper') {
        // `var X = W((e, t) => {…})`: X() evaluates the module; a wrapper of a vendor's module is that module.
        const v = this.regions.moduleVendor(wrapped);
        return v ? { kind: 'module', name: wrapped.pkg ?? '', vendor: v, wrapper: true } : undefined;
      }
      const alternatives: Array<Receiver | undefined> = [init ? this.of(init, d) : undefined];
      if (vd.init?.type === 'CallExpression' && CONTEXT_MAKERS.has(calleeName(vd.init.callee) ?? '')) alternatives.push(this.context(name, decl, d));
      if (init && (init.isClassExpression() || init.isFunction() || isIife(init.node))) return either([...alternatives, this.definedByVendor(decl.node)]);
      if (!binding.constant) {
        // `let client; … client = AgoraRTC.createClient()`: what any assignment stores.
        for (const v of binding.constantViolations.slice(0, 8)) {
          if (v.isAssignmentExpression() && ASSIGNING.has(v.node.operator)) alternatives.push(this.of(v.get('right') as NodePath, d));
        }
      }
      return either(alternatives);
    }
    const loader = decl.isFunctionDeclaration() ? this.factories.get(decl.node) : undefined;
    if (loader?.kind === 'cjs-wrapper') {
      // `requireX()` of Rollup's CommonJS plugin (modules.ts) evaluates the module: a vendor's loader is that module.
      const v = this.regions.moduleVendor(loader);
      return v ? { kind: 'module', name: loader.pkg ?? '', vendor: v, wrapper: true } : undefined;
    }
    if (decl.isClassDeclaration() || decl.isFunctionDeclaration()) return this.definedByVendor(decl.node);
    return undefined;
  }

  /** The esbuild/rollup wrapper unit whose factory is the argument of this initialiser, if any. */
  private wrapperUnit(init: t.Node): ModuleUnit | undefined {
    if (init.type !== 'CallExpression' || init.arguments.length !== 1) return undefined;
    const arg = init.arguments[0]!;
    const direct = this.factories.get(arg);
    if (direct) return direct;
    if (arg.type === 'ObjectExpression' && arg.properties.length === 1) {
      const p = arg.properties[0]!;
      return this.factories.get(p.type === 'ObjectProperty' ? p.value : p);
    }
    return undefined;
  }

  /** Classes and functions declared inside a vendor's bundled code make that vendor's objects (`new xt()`). */
  private definedByVendor(node: t.Node): Receiver | undefined {
    if (node.start == null || !node.loc) return undefined;
    const origin = this.regions.originAt(node.start, node.loc.start.line, node.loc.start.column + 1);
    return origin.vendor ? { kind: 'vendorCode', vendor: origin.vendor } : undefined;
  }

  private param(paramPath: NodePath, d: number): Receiver | undefined {
    const fn = paramPath.parentPath;
    if (!fn?.isFunction()) return undefined;
    const index = (fn.node as t.Function).params.indexOf(paramPath.node as never);
    const call = singleCallOf(fn) ?? this.singleThisCall(fn);
    const arg = call ? (call.get('arguments') as NodePath[])[index] : undefined;
    return arg ? this.of(arg, d) : undefined;
  }

  /** A method of an object literal called once, as `this.join(client)` from the object's methods (object-this.ts). */
  private singleThisCall(fn: NodePath): NodePath<t.CallExpression> | undefined {
    const name = objectMethodName(fn);
    const obj = name === undefined ? undefined : thisObjectOf(fn);
    if (!obj) return undefined;
    const calls = thisCallsOf(obj, name!);
    return calls.length === 1 ? calls[0] : undefined;
  }

  private destructured(decl: NodePath<t.VariableDeclarator>, name: string, d: number): Receiver | undefined {
    const pattern = decl.node.id as t.ObjectPattern;
    const init = decl.get('init') as NodePath;
    if (!init.node) return undefined;
    const base = this.of(init, d);
    if (!base) return undefined;
    for (const p of pattern.properties) {
      if (p.type !== 'ObjectProperty' || p.computed) continue;
      const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
      if (value.type !== 'Identifier' || value.name !== name) continue;
      const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : undefined;
      return key === undefined ? undefined : { kind: 'member', of: base, name: key };
    }
    return undefined;
  }

  private member(path: NodePath<t.MemberExpression>, d: number): Receiver | undefined {
    const prop = memberName(path.node);
    if (prop === undefined) return undefined;
    const object = path.get('object') as NodePath;
    if (object.isThisExpression()) return this.thisProperty(path, prop, d);
    // `ctx.sent` in a regenerator state: what the step resuming there awaited (regenerator.ts).
    const sent = sentValues(path);
    if (sent) return either(sent.map((v) => this.of(v, d)));
    // `_this.engine` in a Babel-lowered derived constructor: `_this` is the instance the super call returned.
    const alias = object.isIdentifier() ? isThisAlias(object as NodePath<t.Identifier>) : undefined;
    if (alias) return this.loweredThisProperty(alias, prop, d);
    // `const _this = this` (or `var self = this`) in a method: `_this.client` is `this.client`.
    if (object.isIdentifier() && aliasesThis(object as NodePath<t.Identifier>)) return this.thisProperty(path, prop, d);
    if (object.isIdentifier() && !object.scope.getBinding(object.node.name) && GLOBAL_OBJECTS.has(object.node.name)) return { kind: 'global', name: prop };
    const base = this.of(object, d);
    const slot = object.isIdentifier() ? this.slot(object as NodePath<t.Identifier>, prop, d) : undefined;
    if (prop === 'exports' && slot && object.isIdentifier() && isModuleObject(object as NodePath<t.Identifier>)) {
      // Rollup 2's CommonJS module object, `var M = {exports: {}}` … `M.exports = {connect: f, …}`: exports built
      // from a vendor's code are that vendor's module.
      const vendor = vendorOfExports(slot);
      if (vendor) return { kind: 'module', name: '', vendor };
    }
    return either([base ? { kind: 'member', of: base, name: prop } : undefined, slot]);
  }

  /**
   * `ref.current` where `ref` is a local object whose property is assigned somewhere in its scope
   * (`engineRef.current = createAgoraRtcEngine()`, `state.engine = …`), or a React ref made with an initial value
   * (`useRef(createAgoraRtcEngine())`).
   */
  private slot(object: NodePath<t.Identifier>, prop: string, d: number): Receiver | undefined {
    const binding = object.scope.getBinding(object.node.name);
    if (!binding) return undefined;
    const assigned = this.assignedSlot(binding, prop, d);
    const decl = binding.path;
    if (prop === 'current' && decl.isVariableDeclarator()) {
      const init = (decl.node as t.VariableDeclarator).init;
      if (init?.type === 'CallExpression' && REF_MAKERS.has(calleeName(init.callee) ?? '') && init.arguments[0]) {
        return either([assigned, this.of((decl.get('init') as NodePath).get('arguments.0') as NodePath, d)]);
      }
    }
    return assigned;
  }

  /**
   * `const [engine, setEngine] = useState(initial)`: the state holds the initial value or whatever the setter is
   * called with (`setEngine(createAgoraRtcEngine())`).
   */
  private state(decl: NodePath<t.VariableDeclarator>, name: string, d: number): Receiver | undefined {
    const { id, init } = decl.node;
    if (id.type !== 'ArrayPattern' || init?.type !== 'CallExpression' || !STATE_MAKERS.has(calleeName(init.callee) ?? '')) return undefined;
    const [value, setter] = id.elements;
    if (value?.type !== 'Identifier' || value.name !== name) return undefined;
    const initPath = decl.get('init') as NodePath<t.CallExpression>;
    const first = (initPath.get('arguments') as NodePath[])[0];
    const alternatives: Array<Receiver | undefined> = [];
    if (first) {
      // useState(() => createAgoraRtcEngine()): a lazy initialiser.
      const lazy = first.isArrowFunctionExpression() && !first.get('body').isBlockStatement() ? (first.get('body') as NodePath) : first;
      alternatives.push(this.of(lazy, d));
    }
    if (setter?.type === 'Identifier') {
      for (const ref of decl.scope.getBinding(setter.name)?.referencePaths.slice(0, MAX_SLOT_REFS) ?? []) {
        const call = ref.parentPath;
        if (!call?.isCallExpression() || call.node.callee !== ref.node) continue;
        const arg = (call.get('arguments') as NodePath[])[0];
        if (arg && !arg.isFunction()) alternatives.push(this.of(arg, d));
      }
    }
    return either(alternatives);
  }

  /**
   * What a function of this file returns (`function getEngine() { return engine ??= create() }`,
   * `this.getEngine()`, `Rtc.getInstance()` of a class declared here): its return values, in source order.
   */
  private returnOf(fn: NodePath, d: number): Receiver | undefined {
    const memo = this.returns.get(fn.node);
    if (memo !== undefined) return memo ?? undefined;
    this.returns.set(fn.node, null); // a recursive function returns what its other returns give
    const r = this.computeReturn(fn, d);
    this.returns.set(fn.node, r ?? null);
    return r;
  }

  private computeReturn(fn: NodePath, d: number): Receiver | undefined {
    if (fn.isArrowFunctionExpression() && !fn.get('body').isBlockStatement()) return this.of(fn.get('body') as NodePath, d);
    const body = fn.get('body') as NodePath;
    if (!body.isBlockStatement()) return undefined;
    const found: Array<Receiver | undefined> = [];
    let seen = 0;
    body.traverse({
      Function: (inner: NodePath) => inner.skip(),
      ReturnStatement: (r: NodePath<t.ReturnStatement>) => {
        if (++seen > MAX_RETURNS || !r.node.argument) return;
        found.push(this.of(r.get('argument') as NodePath, d));
      },
    });
    return either(found);
  }

  /** The function a call of this file's own code runs, when the callee names one statically. */
  private localCallee(callee: NodePath): NodePath | undefined {
    if (callee.isIdentifier()) {
      const binding = callee.scope.getBinding(callee.node.name);
      const decl = binding?.path;
      if (!decl) return undefined;
      if (decl.isFunctionDeclaration()) return decl;
      if (decl.isVariableDeclarator() && binding.constant) {
        const init = decl.get('init') as NodePath;
        return init.isFunction() ? init : undefined;
      }
      return undefined;
    }
    if (!callee.isMemberExpression() && !callee.isOptionalMemberExpression()) return undefined;
    const name = memberName(callee.node as t.MemberExpression);
    const object = callee.get('object') as NodePath;
    if (name === 'apply' || name === 'call') {
      const applied = this.appliedFunction(object);
      if (applied) return applied;
    }
    const exported = this.metroExport(callee);
    if (exported) return exported;
    let cls: NodePath | null | undefined;
    if (object.isThisExpression()) cls = object.findParent((p) => p.isClass());
    else if (object.isIdentifier()) {
      const decl = object.scope.getBinding(object.node.name)?.path;
      if (decl?.isClassDeclaration()) cls = decl;
      else if (decl?.isVariableDeclarator() && (decl.get('init') as NodePath).isClassExpression()) cls = decl.get('init') as NodePath;
    }
    if (!cls || name === undefined) return undefined;
    for (const m of (cls.get('body') as NodePath).get('body') as NodePath[]) {
      const node = m.node;
      if (node.type === 'ClassMethod' && !node.computed && node.key.type === 'Identifier' && node.key.name === name && node.kind === 'method') return m;
      if (node.type === 'ClassProperty' && !node.computed && node.key.type === 'Identifier' && node.key.name === name) {
        const v = m.get('value') as NodePath;
        if (v.isFunction()) return v;
      }
    }
    return undefined;
  }

  /**
   * The function `f.apply(this, arguments)` / `f.call(…)` runs. Babel's lowered async function is
   * `function f() { return (f = _asyncToGenerator(function* () {…})).apply(this, arguments) }`: the call runs the
   * generator (its `yield` is await, see compute), so what it returns is the generator's return value.
   */
  private appliedFunction(object: NodePath): NodePath | undefined {
    let target = object;
    while (target.node.type === 'ParenthesizedExpression') target = target.get('expression') as NodePath;
    if (target.isAssignmentExpression() && target.node.operator === '=') target = target.get('right') as NodePath;
    if (target.node.type === 'FunctionExpression') return target;
    if (target.isIdentifier()) return this.localCallee(target);
    if (target.isCallExpression() && target.node.arguments.length === 1) {
      const gen = (target.get('arguments') as NodePath[])[0]!;
      if (gen.node.type === 'FunctionExpression' && gen.node.generator) return gen;
    }
    return undefined;
  }

  /**
   * `this.client` inside a class: whatever the class, or a superclass declared in the same module, assigns to
   * `this.client` (a base component that creates the engine, screens that extend it).
   */
  private thisProperty(path: NodePath, prop: string, d: number): Receiver | undefined {
    let cls = path.findParent((p) => p.isClass()) ?? undefined;
    if (!cls) {
      const lowered = loweredClassAt(path);
      if (lowered) return this.loweredThisProperty(lowered, prop, d);
    }
    const values: NodePath[] = [];
    // A method of an object literal (a Vue component's options): what its methods assign to `this.<prop>`.
    const obj = cls ? undefined : thisObjectOf(path);
    for (let k = 0; cls && k < 8; k++, cls = superClassOf(cls)) values.push(...(this.thisAssignments(cls).get(prop) ?? []));
    if (obj) {
      let index = this.classIndex.get(obj.node);
      if (!index) this.classIndex.set(obj.node, (index = thisAssignmentsOf(obj)));
      values.push(...(index.get(prop) ?? []));
    }
    if (values.length) return either(values.map((value) => this.of(value, d)));
    if (!obj) return undefined;
    // Nothing in the component sets it: the Vuex state its `computed` maps (`...mapState(['trtcCloud'])`), else an
    // instance the app's entry module gave every component.
    const state = mappedState(obj, prop);
    for (const store of state !== undefined ? VUEX_STORES : []) {
      const r = this.linked?.importTag(store, stateKey(state!));
      if (r) return r;
    }
    return this.linked?.importTag(VUE_ENTRY, globalPropertyKey(prop));
  }

  /** `this.client` in a Babel-lowered class (lowered-class.ts): what it or a lowered superclass assigns. */
  private loweredThisProperty(ctor: NodePath<t.FunctionDeclaration>, prop: string, d: number): Receiver | undefined {
    const values: NodePath[] = [];
    let cls: NodePath<t.FunctionDeclaration> | undefined = ctor;
    for (let k = 0; cls && k < 8; k++, cls = loweredSuper(cls)) values.push(...(this.loweredAssignments(cls).get(prop) ?? []));
    return values.length ? either(values.map((value) => this.of(value, d))) : undefined;
  }

  /** `this.<prop> = value` and `_this.<prop> = value` in a lowered class's constructor and methods. */
  private loweredAssignments(ctor: NodePath<t.FunctionDeclaration>): Map<string, NodePath[]> {
    let index = this.classIndex.get(ctor.node);
    if (index) return index;
    const found = new Map<string, NodePath[]>();
    this.classIndex.set(ctor.node, found);
    for (const fn of loweredMembers(ctor)) {
      fn.traverse({
        AssignmentExpression: (a: NodePath<t.AssignmentExpression>) => {
          const left = a.node.left;
          if (a.node.operator !== '=' || left.type !== 'MemberExpression') return;
          // `(_this = _callSuper(this, C, [props])).state = …`: the object is the alias assignment itself.
          const obj = left.object.type === 'AssignmentExpression' ? left.object.left : left.object;
          const objPath = left.object.type === 'AssignmentExpression' ? ((a.get('left') as NodePath).get('object') as NodePath).get('left') as NodePath : ((a.get('left') as NodePath).get('object') as NodePath);
          const onThis = obj.type === 'ThisExpression' || (obj.type === 'Identifier' && isThisAlias(objPath as NodePath<t.Identifier>) === ctor);
          const prop = onThis ? memberName(left) : undefined;
          if (prop === undefined) return;
          const list = found.get(prop) ?? [];
          if (list.length < 8) list.push(a.get('right') as NodePath);
          found.set(prop, list);
        },
      });
    }
    return found;
  }

  /** `this.<prop> = value` assignments and class fields of one class, indexed once per class. */
  private thisAssignments(cls: NodePath): Map<string, NodePath[]> {
    let index = this.classIndex.get(cls.node);
    if (index) return index;
    const found = new Map<string, NodePath[]>();
    index = found;
    this.classIndex.set(cls.node, found);
    const add = (prop: string, value: NodePath) => {
      const list = found.get(prop) ?? [];
      if (list.length < 8) list.push(value);
      found.set(prop, list);
    };
    cls.traverse({
      AssignmentExpression: (a: NodePath<t.AssignmentExpression>) => {
        const left = a.node.left;
        if (a.node.operator !== '=' || left.type !== 'MemberExpression' || left.object.type !== 'ThisExpression') return;
        const prop = memberName(left);
        if (prop !== undefined) add(prop, a.get('right') as NodePath);
      },
      ClassProperty: (p: NodePath<t.ClassProperty>) => {
        if (p.node.computed || p.node.key.type !== 'Identifier') return;
        // A field with no value but a type (`private calls!: CallService`) holds what that type annotation names.
        if (p.node.value) add(p.node.key.name, p.get('value') as NodePath);
        else if (p.node.typeAnnotation) add(p.node.key.name, p);
      },
      // `constructor(private calls: CallService)`: TypeScript's parameter property, as Angular injects services.
      TSParameterProperty: (p: NodePath<t.TSParameterProperty>) => {
        const param = p.node.parameter;
        if (param.type === 'Identifier' && param.typeAnnotation) add(param.name, p);
      },
    });
    return index;
  }

  /**
   * A member declared with a type and no value (a parameter property, a `!` field) holds an instance of the app class
   * its annotation names: an injected service whose methods return the SDK client. SDK types name no app class.
   */
  private annotatedInstance(path: NodePath, d: number): Receiver | undefined {
    const node = path.node as t.TSParameterProperty | t.ClassProperty;
    const holder = node.type === 'TSParameterProperty' ? node.parameter : node;
    const annotation = holder.typeAnnotation;
    const type = annotation?.type === 'TSTypeAnnotation' ? annotation.typeAnnotation : undefined;
    if (type?.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return undefined;
    return this.classInstance(path, type.typeName.name, d);
  }

  /** `new Service()` of an app class (a plain `new` of an identifier no vendor code defines). */
  private appInstance(callee: NodePath<t.Identifier>, d: number): Receiver | undefined {
    return this.classInstance(callee, callee.node.name, d);
  }

  /** An instance of the app class `name` as seen from `at`: declared in this module, or exported by another. */
  private classInstance(at: NodePath, name: string, d: number): Receiver | undefined {
    const binding = at.scope.getBinding(name);
    const decl = binding?.path;
    if (!decl) return undefined;
    if (decl.isClassDeclaration()) return this.instanceOf(decl, d);
    if (decl.isVariableDeclarator()) {
      const init = decl.get('init') as NodePath;
      return init.isClassExpression() ? this.instanceOf(init, d) : undefined;
    }
    const imp = binding.kind === 'module' ? decl.parentPath?.node : undefined;
    if (imp?.type !== 'ImportDeclaration' || !isRelative(imp.source.value)) return undefined;
    const spec = decl.node;
    const imported = spec.type === 'ImportSpecifier' ? (spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value) : spec.type === 'ImportDefaultSpecifier' ? 'default' : undefined;
    return imported === undefined ? undefined : this.linked?.importTag(imp.source.value, instanceKey(imported));
  }

  /**
   * What an instance of an app class holds: its methods and getters as what they return, its fields and
   * `this.x = …` as what they are assigned (`this.calls.makeClient()`, `this.rtc.client.join(…)`).
   */
  private instanceOf(cls: NodePath, d: number): Receiver | undefined {
    const memo = this.instances.get(cls.node);
    if (memo !== undefined) return memo ?? undefined;
    this.instances.set(cls.node, null);
    const props: Record<string, Receiver> = Object.create(null);
    let n = 0;
    for (const m of (cls.get('body') as NodePath).get('body') as NodePath[]) {
      const node = m.node;
      if (n >= MAX_OBJECT_PROPS) break;
      if ((node.type !== 'ClassMethod' && node.type !== 'ClassProperty') || node.static || node.computed || node.key.type !== 'Identifier') continue;
      const fn = node.type === 'ClassMethod' ? (node.kind === 'constructor' || node.kind === 'set' ? undefined : m) : (m.get('value') as NodePath);
      if (!fn?.isFunction()) continue;
      const returns = this.returnOf(fn, d);
      if (!returns) continue;
      props[node.key.name] = node.type === 'ClassMethod' && node.kind === 'get' ? returns : { kind: 'function', returns };
      n++;
    }
    for (const [prop, values] of this.thisAssignments(cls)) {
      if (n >= MAX_OBJECT_PROPS) break;
      if (Object.hasOwn(props, prop)) continue;
      const r = either(values.map((v) => this.of(v, d)));
      if (r) (props[prop] = r), n++;
    }
    const r: Receiver | undefined = n ? { kind: 'object', props } : undefined;
    this.instances.set(cls.node, r ?? null);
    return r;
  }

  private call(path: NodePath<t.CallExpression>, d: number): Receiver | undefined {
    const node = path.node;
    // `R.async(function (ctx) {…}, …)`: the async function's result is what its state machine returns.
    const machine = stateMachineCall(node);
    if (machine) return either(returnedValues(machine).map((v) => this.of(v, d)));
    const args = path.get('arguments') as NodePath[];
    const alternatives: Array<Receiver | undefined> = [];
    // require('pkg') or any loader called with one package name; require('./engine'): what that module exports.
    const a0 = node.arguments[0];
    if (a0?.type === 'StringLiteral' && node.arguments.length === 1) {
      if (isRelative(a0.value)) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && !path.scope.getBinding('require')) return this.linked?.importTag(a0.value, '=');
      } else alternatives.push({ kind: 'module', name: a0.value });
    }
    const load = this.moduleLoad(path);
    if (load) return either([...alternatives, load]);
    alternatives.push(this.hook(path, d));
    const calleePath = path.get('callee') as NodePath;
    const of = this.of(calleePath, d);
    // `(0, _m.fn)(…)`: Babel's unbound call runs the member's function.
    const unbound = node.callee.type === 'SequenceExpression' && node.callee.expressions.length === 2 ? (calleePath.get('expressions') as NodePath[])[1]! : calleePath;
    const local = this.localCallee(unbound);
    const returns = local ? this.returnOf(local, d) : undefined;
    // A function another Metro module of the app exports is app code: what the call is, is what it returns (the
    // module-load tag of its module, which loads the SDK, says nothing about it).
    const appExport = local !== undefined && this.metroExport(unbound) !== undefined;
    const m = node.callee.type === 'MemberExpression' ? memberName(node.callee) : undefined;
    // Interop helpers (`__toESM(x, 1)`, `_interopRequireDefault(x)`, `n.n(x)`) may pass a module through.
    // Babel inlines `_interopRequireWildcard` as a function expression called on the module (a default and named
    // imports of one package): it returns the module or a copy of its exports.
    const first = args[0] && (node.callee.type === 'Identifier' || (node.callee.type === 'MemberExpression' && m === 'n') || interopIife(node.callee)) ? this.of(args[0], d) : undefined;
    const target = appExport ? undefined : of;
    if (target || returns || first) {
      alternatives.push({
        kind: 'call',
        callee: this.text(node.callee),
        ...(target ? { of: target } : {}),
        args: node.arguments.length,
        ...(first ? { first } : {}),
        ...(returns ? { returns } : {}),
      });
    }
    return either(alternatives);
  }

  /** `(0, _hook.default)(…)`, `(0, r(d[4]).presenceUrl)(…)`: a function another Metro module of the app exports. */
  private metroExport(callee: NodePath): NodePath | undefined {
    if (!callee.isMemberExpression() && !callee.isOptionalMemberExpression()) return undefined;
    const name = memberName(callee.node as t.MemberExpression);
    const object = callee.get('object') as NodePath;
    const unit = name !== undefined && (object.isIdentifier() || object.isCallExpression()) ? this.metroModuleOf(object) : undefined;
    return unit && !this.regions.vendorOfUnit(unit) ? metroExportedFunction(unit, name!) : undefined;
  }

  /** The Metro module `r(d[i])` (r: factory parameter 1, d: the dependency map, parameter 6) loads. */
  private metroLoaded(path: NodePath<t.CallExpression>): ModuleUnit | undefined {
    const load = this.loaderCall(path);
    if (load?.unit.kind !== 'metro') return undefined;
    const { unit, params, loader } = load;
    if (params[1] !== loader) return undefined;
    const a = path.node.arguments[0]!;
    let id: string | undefined;
    if (a.type === 'MemberExpression' && a.computed && a.property.type === 'NumericLiteral' && a.object.type === 'Identifier') {
      const dep = params[6];
      if (dep?.type === 'Identifier' && dep.name === a.object.name) id = unit.deps?.[a.property.value];
    } else if (a.type === 'NumericLiteral') id = String(a.value);
    return id !== undefined ? this.regions.unitById(id, ['metro']) : undefined;
  }

  /**
   * The Metro module a value is: `r(d[i])`, through one-argument interop helpers (`_interopRequireDefault(…)`)
   * and the variable holding it (`var _api = …`).
   */
  private metroModuleOf(path: NodePath, depth = 0): ModuleUnit | undefined {
    if (depth > 4) return undefined;
    if (path.isIdentifier()) {
      const binding = path.scope.getBinding(path.node.name);
      const decl = binding?.path;
      if (!binding?.constant || !decl?.isVariableDeclarator()) return undefined;
      const init = decl.get('init') as NodePath;
      return init.node ? this.metroModuleOf(init, depth + 1) : undefined;
    }
    if (!path.isCallExpression()) return undefined;
    const direct = this.metroLoaded(path);
    if (direct) return direct;
    const args = path.get('arguments') as NodePath[];
    return path.node.callee.type === 'Identifier' && args.length === 1 ? this.metroModuleOf(args[0]!, depth + 1) : undefined;
  }

  /** `f(x)` where `f` is a parameter of a module factory: the factory's unit, its parameters and that parameter. */
  private loaderCall(path: NodePath<t.CallExpression>): { unit: ModuleUnit; params: t.Function['params']; loader: t.Node } | undefined {
    const { callee, arguments: args } = path.node;
    if (callee.type !== 'Identifier' || args.length !== 1) return undefined;
    const binding = path.scope.getBinding(callee.name);
    if (!binding || binding.kind !== 'param') return undefined;
    const fn = binding.path.parentPath?.node;
    const unit = fn ? this.factories.get(fn) : undefined;
    return unit && fn ? { unit, params: (fn as t.Function).params, loader: binding.path.node } : undefined;
  }

  /** Metro `r(d[i])`, webpack `n(123)`: the loader is a parameter of a module factory. */
  private moduleLoad(path: NodePath<t.CallExpression>): Receiver | undefined {
    const load = this.loaderCall(path);
    if (!load) return this.bootstrapLoad(path);
    const { unit } = load;
    let id: string | undefined;
    const a = path.node.arguments[0]!;
    if (unit.kind === 'metro') {
      const target = this.metroLoaded(path);
      const v = this.regions.moduleVendor(target);
      return v ? { kind: 'module', name: target?.pkg ?? '', vendor: v } : undefined;
    }
    if (unit.kind === 'webpack') {
      if (a.type === 'NumericLiteral') id = String(a.value);
      else if (a.type === 'StringLiteral') id = a.value;
      const target = id !== undefined ? this.regions.unitById(id, ['webpack']) : undefined;
      const v = this.regions.moduleVendor(target);
      return v ? { kind: 'module', name: '', vendor: v } : undefined;
    }
    return undefined;
  }

  /**
   * `__webpack_require__(965)` called by the entry module webpack 5 inlines into its bootstrap (no factory, so no
   * loader parameter): the bootstrap's require function, told by its body (`…[id].call(…exports…)`), loads the
   * module of that id from the table.
   */
  private bootstrapLoad(path: NodePath<t.CallExpression>): Receiver | undefined {
    const { callee, arguments: args } = path.node;
    if (callee.type !== 'Identifier' || args.length !== 1 || args[0]!.type !== 'NumericLiteral') return undefined;
    const decl = path.scope.getBinding(callee.name)?.path;
    if (!decl?.isFunctionDeclaration()) return undefined;
    const fn = decl.node as t.FunctionDeclaration;
    const param = fn.params.length === 1 && fn.params[0]!.type === 'Identifier' ? fn.params[0].name : undefined;
    if (!param) return undefined;
    const body = this.text(fn.body);
    if (!body.includes('.exports') || !new RegExp(`\\[${param.replace(/\$/g, '\\$')}\\]\\.call\\(`).test(body)) return undefined;
    const target = this.regions.unitById(String(args[0].value), ['webpack']);
    const v = this.regions.moduleVendor(target);
    return v ? { kind: 'module', name: '', vendor: v } : undefined;
  }

  // ---------------------------------------------------------------- structures (refs, contexts, objects)

  /** `{engine, users}`, `{client: c}`: an object literal whose properties hold values with a provenance. */
  private object(path: NodePath<t.ObjectExpression>, d: number): Receiver | undefined {
    const props: Record<string, Receiver> = Object.create(null);
    let any = false;
    const properties = path.get('properties') as NodePath[];
    for (const p of properties.slice(0, MAX_OBJECT_PROPS)) {
      if (p.isObjectProperty() && !p.node.computed) {
        const key = p.node.key.type === 'Identifier' ? p.node.key.name : p.node.key.type === 'StringLiteral' ? p.node.key.value : undefined;
        const value = key !== undefined ? this.of(p.get('value') as NodePath, d) : undefined;
        if (key !== undefined && value) ((props[key] = value), (any = true));
      } else if (p.isSpreadElement()) {
        for (const o of termsOf(this.of(p.get('argument') as NodePath, d), 'object')) for (const [k, v] of Object.entries(o.props)) ((props[k] = v), (any = true));
      }
    }
    return any ? { kind: 'object', props } : undefined;
  }

  /**
   * React hooks that hand a value through: `useRef(x)` (a ref whose `.current` is x, or what is assigned to
   * `.current` later), `useContext(Ctx)` (the value Ctx's provider gives), `useMemo(() => x)`.
   */
  private hook(path: NodePath<t.CallExpression>, d: number): Receiver | undefined {
    const name = calleeName(path.node.callee);
    if (!name) return undefined;
    const first = (path.get('arguments') as NodePath[])[0];
    if (REF_MAKERS.has(name)) {
      const alternatives = [first && !first.isSpreadElement() ? this.of(first, d) : undefined];
      const decl = path.parentPath;
      if (decl?.isVariableDeclarator() && decl.node.id.type === 'Identifier') alternatives.push(this.assignedSlot(decl.scope.getBinding(decl.node.id.name), 'current', d));
      const value = either(alternatives);
      return value ? { kind: 'ref', value } : undefined;
    }
    if (!first) return undefined;
    if (CONTEXT_READERS.has(name)) return either(termsOf(this.of(first, d), 'context').map((c) => c.value));
    if (MEMO_MAKERS.has(name) && first.isFunction()) return this.returnOf(first, d);
    return undefined;
  }

  /**
   * `const Ctx = createContext(…)`: the values its providers give in this file (`<Ctx.Provider value={{client}}>`,
   * React 19 `<Ctx value={…}>`).
   */
  private context(name: string, decl: NodePath, d: number): Receiver | undefined {
    const program = decl.findParent((p) => p.isProgram());
    if (!program) return undefined;
    const values: Array<Receiver | undefined> = [];
    let seen = 0;
    // The program's JSX elements are listed once (a React build resolves many contexts, each walk was the whole AST).
    let elements = this.jsxElements.get(program.node);
    if (!elements) {
      const found: NodePath<t.JSXOpeningElement>[] = [];
      program.traverse({ JSXOpeningElement: (el: NodePath<t.JSXOpeningElement>) => void found.push(el) });
      this.jsxElements.set(program.node, (elements = found));
    }
    for (const el of elements) {
      if (values.length >= MAX_PROVIDERS || ++seen > MAX_PROVIDERS * 64) break;
      const n = el.node.name;
      const named =
        (n.type === 'JSXMemberExpression' && n.object.type === 'JSXIdentifier' && n.object.name === name && n.property.name === 'Provider') ||
        (n.type === 'JSXIdentifier' && n.name === name);
      if (!named || el.scope.getBinding(name)?.path !== decl) continue;
      for (const attr of el.get('attributes') as NodePath[]) {
        if (!attr.isJSXAttribute() || attr.node.name.type !== 'JSXIdentifier' || attr.node.name.name !== 'value') continue;
        const v = attr.get('value') as NodePath;
        if (v.isJSXExpressionContainer()) values.push(this.of(v.get('expression') as NodePath, d));
      }
    }
    const value = either(values);
    return value ? { kind: 'context', value } : undefined;
  }

  /** `x.<prop> = value` assignments to a binding's property (refs filled in an effect, state objects). */
  private assignedSlot(binding: Binding | undefined, prop: string, d: number): Receiver | undefined {
    const found: Array<Receiver | undefined> = [];
    // A plain-JS singleton (`var Util = {…}; Util.rtc = new Engine()` far down a file whose other functions read
    // and write `Util.x` hundreds of times) has its assignment beyond the first references: the references are
    // scanned with cheap structural tests (bounded by MAX_SLOT_SCAN), only the assignments found are followed.
    for (const ref of binding?.referencePaths.slice(0, MAX_SLOT_SCAN) ?? []) {
      const member = ref.parentPath;
      if (!member || !(member.isMemberExpression() || member.isOptionalMemberExpression()) || member.node.object !== ref.node) continue;
      if (memberName(member.node as t.MemberExpression) !== prop) continue;
      const assign = member.parentPath;
      if (assign?.isAssignmentExpression() && assign.node.left === member.node && ASSIGNING.has(assign.node.operator)) {
        found.push(this.of(assign.get('right') as NodePath, d));
        if (found.length >= MAX_SLOT_REFS) break;
      }
    }
    return either(found);
  }

  /**
   * What this module exports, by name (only exports with a provenance): ES `export` declarations and lists,
   * `export default`, CommonJS `module.exports = …` (`=`) and `exports.x = …`. Re-exports (`export {x} from './y'`)
   * are looked up through the linker. Functions export what they return (`function`).
   */
  exportTable(program: NodePath<t.Program>): Map<string, Receiver> {
    const out = new Map<string, Receiver>();
    const put = (name: string, r: Receiver | undefined) => {
      if (r && !out.has(name)) out.set(name, r);
    };
    const ofBinding = (local: string): Receiver | undefined => {
      const binding = program.scope.getBinding(local);
      if (!binding) return undefined;
      const decl = binding.path;
      if (decl.isFunctionDeclaration()) return this.fn(decl);
      if (decl.isVariableDeclarator()) {
        const init = decl.get('init') as NodePath;
        if (init.node && init.isFunction()) return this.fn(init);
      }
      // Evaluated as a use of the binding would be (its declarator's own name).
      if (decl.isVariableDeclarator() && decl.node.id.type === 'Identifier') return this.of(decl.get('id') as NodePath);
      const ref = binding.referencePaths.find((r) => r.isIdentifier());
      return ref ? this.of(ref) : undefined;
    };
    for (const stmt of (program.get('body') as NodePath[]).slice(0, MAX_EXPORT_STATEMENTS)) {
      const node = stmt.node;
      try {
        if (node.type === 'ExportNamedDeclaration') {
          if (node.declaration) {
            const decl = node.declaration;
            if (decl.type === 'VariableDeclaration') for (const v of decl.declarations) if (v.id.type === 'Identifier') put(v.id.name, this.declared(stmt, v.id.name));
            if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) put(decl.id.name, ofBinding(decl.id.name));
            if (decl.type === 'ClassDeclaration' && decl.id) put(instanceKey(decl.id.name), this.instanceOf(stmt.get('declaration') as NodePath, 0));
          }
          for (const sp of node.specifiers) {
            if (sp.type !== 'ExportSpecifier') continue;
            const exported = sp.exported.type === 'Identifier' ? sp.exported.name : sp.exported.value;
            put(exported, node.source ? this.reexport(node.source.value, sp.local.name) : ofBinding(sp.local.name));
            if (!node.source) put(instanceKey(exported), this.classInstance(stmt, sp.local.name, 0));
          }
        } else if (node.type === 'ExportDefaultDeclaration') {
          const decl = stmt.get('declaration') as NodePath;
          // A Vuex store (`export default new Vuex.Store({…})`): what each state property holds, for mapState.
          const declarator = decl.isIdentifier() ? program.scope.getBinding(decl.node.name)?.path : undefined;
          const store = declarator?.isVariableDeclarator() ? (declarator.get('init') as NodePath) : decl;
          if (store.node) for (const [name, values] of storeState(store)) put(stateKey(name), either(values.map((v) => this.of(v))));
          if (decl.isClassDeclaration()) put(instanceKey('default'), this.instanceOf(decl, 0));
          else if (decl.isIdentifier()) put(instanceKey('default'), this.classInstance(stmt, decl.node.name, 0));
          if (decl.isFunction()) put('default', this.fn(decl));
          else if (decl.isIdentifier()) put('default', ofBinding(decl.node.name) ?? this.of(decl));
          else if (decl.isExpression()) put('default', this.of(decl));
        } else if (node.type === 'ExpressionStatement' && node.expression.type === 'AssignmentExpression' && node.expression.operator === '=') {
          const left = node.expression.left;
          const right = (stmt.get('expression') as NodePath).get('right') as NodePath;
          const global = globalPropertyTarget(left);
          if (global !== undefined) put(globalPropertyKey(global), right.isIdentifier() ? ofBinding(right.node.name) ?? this.of(right) : this.of(right));
          const target = cjsExportTarget(left);
          if (target === undefined) continue;
          put(target, right.isFunction() ? this.fn(right) : right.isIdentifier() ? ofBinding(right.node.name) ?? this.of(right) : this.of(right));
        }
      } catch {
        /* a malformed or unusual export says nothing */
      }
    }
    return out;
  }

  /** `export {x} from 'y'`: the app module's export through the linker, a package's member as such. */
  private reexport(source: string, name: string): Receiver | undefined {
    if (isRelative(source)) return this.linked?.importTag(source, name);
    const module: Receiver = { kind: 'module', name: source };
    return name === '*' ? module : { kind: 'member', of: module, name };
  }

  /** `export const engine = …` — the declared binding's provenance (functions: what they return). */
  private declared(stmt: NodePath, name: string): Receiver | undefined {
    const binding = stmt.scope.getBinding(name);
    const decl = binding?.path;
    if (!decl?.isVariableDeclarator()) return undefined;
    const init = decl.get('init') as NodePath;
    if (init.node && init.isFunction()) return this.fn(init);
    // Evaluated as a use of the binding would be (its declarator's own name).
    return this.of(decl.get('id') as NodePath);
  }

  private fn(fn: NodePath): Receiver | undefined {
    const r = this.returnOf(fn, 0);
    return r ? { kind: 'function', returns: r } : undefined;
  }
}

/** `(function(){ function C(){…} …; return C })()`: how Babel and TypeScript emit classes for old targets. */
/** `var M = {exports: {}}`: the module object Rollup's CommonJS plugin declares for a CommonJS module. */
function isModuleObject(id: NodePath<t.Identifier>): boolean {
  const decl = id.scope.getBinding(id.node.name)?.path;
  const init = decl?.isVariableDeclarator() ? (decl.node as t.VariableDeclarator).init : undefined;
  if (init?.type !== 'ObjectExpression' || init.properties.length !== 1) return false;
  const p = init.properties[0]!;
  return p.type === 'ObjectProperty' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'exports' && p.value.type === 'ObjectExpression' && p.value.properties.length === 0;
}

/** The one vendor whose code the terms of an exports value come from (`{connect: f, Room: g.Room}`), if any. */
function vendorOfExports(r: Receiver): string | undefined {
  const vendors = new Set<string>();
  let budget = 256;
  const visit = (x: Receiver, depth: number) => {
    if (--budget < 0 || depth > 6) return;
    if (x.kind === 'vendorCode' || (x.kind === 'module' && x.vendor)) vendors.add(x.vendor!);
    else if (x.kind === 'either') x.of.forEach((y) => visit(y, depth + 1));
    else if (x.kind === 'object') Object.values(x.props).forEach((y) => visit(y, depth + 1));
    else if ((x.kind === 'member' || x.kind === 'new') && x.of) visit(x.of, depth + 1);
  };
  visit(r, 0);
  return vendors.size === 1 ? [...vendors][0] : undefined;
}

function isIife(node: t.Node): boolean {
  if (node.type !== 'CallExpression') return false;
  const c = node.callee;
  return (c.type === 'FunctionExpression' || c.type === 'ArrowFunctionExpression') && c.body.type === 'BlockStatement';
}

const GLOBAL_OBJECTS = new Set(['window', 'self', 'globalThis', 'global']);
/** Assignments that store their right side (`??=` and `||=` when the slot was empty). */
const ASSIGNING = new Set(['=', '??=', '||=']);
/** React's ref and state hooks (`useRef`, `React.useRef`): the names survive in app sources and unminified bundles. */
const REF_MAKERS = new Set(['useRef', 'React.useRef', 'createRef', 'React.createRef']);
const STATE_MAKERS = new Set(['useState', 'React.useState']);
const MAX_SLOT_REFS = 64;
/** References of one binding scanned for `x.prop = …` assignments (structural tests only). */
const MAX_SLOT_SCAN = 4096;
/** `createContext`, and what reads a context (`useContext`, React 19 `use`). */
const CONTEXT_MAKERS = new Set(['createContext', 'React.createContext']);
const CONTEXT_READERS = new Set(['useContext', 'React.useContext', 'use', 'React.use']);
const MEMO_MAKERS = new Set(['useMemo', 'React.useMemo']);
const MAX_OBJECT_PROPS = 64;
const MAX_PROVIDERS = 8;
const MAX_EXPORT_STATEMENTS = 2000;
const MAX_RETURNS = 16;

/** A never-reassigned variable initialised with `this`. */
function aliasesThis(id: NodePath<t.Identifier>): boolean {
  const binding = id.scope.getBinding(id.node.name);
  const decl = binding?.path;
  return !!binding?.constant && !!decl?.isVariableDeclarator() && (decl.node as t.VariableDeclarator).init?.type === 'ThisExpression';
}

/** Export-table key of what `new X()` of the exported app class X holds (a space: no export is named so). */
export function instanceKey(name: string): string {
  return `new ${name}`;
}

/**
 * The app's entry module, where Vue apps set the instances every component reaches as `this.<name>`
 * (`Vue.prototype.trtcCalling = trtcCalling` in Vue 2, `app.config.globalProperties.x = …` in Vue 3): `@/main.js` is
 * the nearest `main.js` (or `main.ts`) above a component or in its `src/` (linked.ts), as Vue CLI and Vite lay it out.
 */
export const VUE_ENTRY = '@/main.js';

/** The export-table key of an instance property the entry module sets on every component (`this.<name>`). */
export function globalPropertyKey(name: string): string {
  return `global ${name}`;
}

/** `Vue.prototype.x = …` (any receiver named as Vue's import), `app.config.globalProperties.x = …`: `x`. */
function globalPropertyTarget(left: t.Node): string | undefined {
  if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') return undefined;
  const o = left.object;
  if (o.type !== 'MemberExpression' || o.computed || o.property.type !== 'Identifier') return undefined;
  if (o.property.name === 'prototype' && o.object.type === 'Identifier' && o.object.name === 'Vue') return left.property.name;
  const config = o.object;
  if (o.property.name === 'globalProperties' && config.type === 'MemberExpression' && !config.computed && config.property.type === 'Identifier' && config.property.name === 'config') return left.property.name;
  return undefined;
}

export function isRelative(spec: string): boolean {
  // `@/` and `~/` are source-root aliases (linked.ts), never package names (an npm scope is `@name/`).
  return spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('@/') || spec.startsWith('~/');
}

/** `module.exports` → `=`, `module.exports.x` / `exports.x` → `x`; anything else undefined. */
function cjsExportTarget(left: t.Node): string | undefined {
  const isModuleExports = (n: t.Node) =>
    n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier' && n.object.name === 'module' && n.property.type === 'Identifier' && n.property.name === 'exports';
  if (isModuleExports(left)) return '=';
  if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') return undefined;
  if ((left.object.type === 'Identifier' && left.object.name === 'exports') || isModuleExports(left.object)) return left.property.name;
  return undefined;
}

/** `useRef`, `React.useRef`: a callee made of plain names. */
function calleeName(node: t.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  // `(0, _react.useRef)(…)`: Babel's call of a named import (`import { useRef } from 'react'`) is that name's call.
  if (node.type === 'SequenceExpression' && node.expressions.length === 2 && node.expressions[0]!.type === 'NumericLiteral') {
    const m = node.expressions[1]!;
    if (m.type === 'Identifier') return m.name;
    if (m.type === 'MemberExpression' && !m.computed && m.property.type === 'Identifier') return m.property.name;
  }
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    // A minified build calls React through whatever its namespace became (`A.useState`, Rollup 2's
    // `w.exports.useState`): the hook's own name is distinctive enough (not `use`, which any router has).
    if (REACT_HOOKS.has(node.property.name) && (node.object.type === 'Identifier' || node.object.type === 'MemberExpression')) return `React.${node.property.name}`;
    if (node.object.type === 'Identifier') return `${node.object.name}.${node.property.name}`;
  }
  return undefined;
}

/** React's value-passing hooks and factories, recognised on any namespace (`React.useState`, minified `A.useState`). */
const REACT_HOOKS = new Set(['useState', 'useRef', 'createRef', 'useMemo', 'createContext', 'useContext']);

export function memberName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'StringLiteral') return node.property.value;
  return undefined;
}

/** Receivers that can be an SDK object: names and member chains, not literals, arrays, strings or `this`. */
export function isPlausibleReceiver(node: t.Node): boolean {
  switch (node.type) {
    case 'Identifier':
    case 'MemberExpression':
    case 'OptionalMemberExpression':
    case 'CallExpression':
    case 'AwaitExpression':
    case 'YieldExpression':
      return true;
    default:
      return false;
  }
}

/** The class a class extends, when it is declared in the same module (`class A extends B`, `const B = class …`). */
function superClassOf(cls: NodePath): NodePath | undefined {
  const sup = (cls.node as t.Class).superClass;
  if (sup?.type !== 'Identifier') return undefined;
  const decl = cls.parentPath?.scope.getBinding(sup.name)?.path;
  if (decl?.isClassDeclaration()) return decl;
  if (decl?.isVariableDeclarator()) {
    const init = decl.get('init') as NodePath;
    if (init.isClassExpression()) return init;
  }
  return undefined;
}

/** A function expression that tests `x.__esModule`: an inlined Babel interop helper. */
function interopIife(callee: t.Node): boolean {
  if (callee.type !== 'FunctionExpression' && callee.type !== 'ArrowFunctionExpression') return false;
  let budget = 400;
  const visit = (n: unknown): boolean => {
    if (!n || typeof n !== 'object' || --budget < 0) return false;
    if (Array.isArray(n)) return n.some(visit);
    const node = n as t.Node;
    if (typeof node.type !== 'string') return false;
    if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === '__esModule') return true;
    for (const k in node) if (k !== 'loc' && k !== 'leadingComments' && k !== 'trailingComments' && visit((node as unknown as Record<string, unknown>)[k])) return true;
    return false;
  };
  return visit(callee.body);
}
