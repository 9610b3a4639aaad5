// Finds call sites of the vendor APIs declared in the rule packs (platform `js`) and resolves their arguments.
//
// Receivers are tracked as tags: `{vendor, type}` where type is `root` (the SDK's export or global), a `returns`
// type of another API (`client`), or `*` (an object made by a class the vendor's own code defines). Tags flow
// through const/let bindings, `this.x = …` in the same class, destructuring, `await`, `.default`, interop helpers
// (`__toESM(x)`, `_interopRequireDefault(x)`), `require('pkg')`, ESM imports, Metro `r(d[i])`, webpack `n(id)`
// and esbuild/rollup CommonJS wrappers whose factory is vendor code.
//
// A call whose receiver has no tag is accepted only when (a) the vendor's SDK is bundled in the same artifact and
// (b) the rule's `shape` keys are all present in an object argument, or the `appId` argument is a literal matching
// the vendor's identifier credential format. `[1,2].join(',')` therefore never matches `client.join`.
import type * as t from '@babel/types';
import type { NodePath } from './babel.js';
import type { Binding } from '@babel/traverse';
import type { ApiCallFact, JsValue } from '../../core/facts.js';
import type { ApiRule, VendorRule } from '../../rules/schema.js';
import { ValueResolver, constInit, singleCallOf } from './values.js';
import type { VendorIndex, VendorRegions } from './vendors.js';
import type { ModuleUnit } from './modules.js';

export interface Tag {
  vendor: string;
  /**
   * `root`, a `returns` type, or `*` (vendor-made object of unknown type); or a structure that holds a tagged value
   * (STRUCTURES): `fn` (a function whose call gives `returns`), `obj` (an object, module namespace or CommonJS
   * exports whose properties are tagged), `ref` (a React ref whose `.current` is `value`), `context` (a React
   * context whose provider value is `value`).
   */
  type: string;
  /** A named member of the root (`import {createClient} from 'pkg'`, `const {connect} = Video`). */
  member?: string;
  /** The npm package a root came from (its default export may be a function: rules' `defaultExportOf`). */
  pkg?: string;
  returns?: Tag;
  props?: Record<string, Tag>;
  value?: Tag;
}

/** Tags that hold a vendor value rather than being one: never an API receiver themselves. */
const STRUCTURES = new Set(['fn', 'obj', 'ref', 'context']);

/** Another module of the same input, as the cross-module linker (linked.ts) sees it from this file. */
export interface ImportedTags {
  /** Tag of export `name` (`default`, a named export, `*` for the namespace, `=` for CommonJS `module.exports`). */
  importTag(specifier: string, name: string): Tag | undefined;
}

interface JsApi {
  vendor: VendorRule;
  api: ApiRule;
}

const MAX_DEPTH = 16;

/** Positions and origin of a call, filled in by the reader. */
export type ApiCallDraft = Omit<ApiCallFact, 'line' | 'column'> & { node: t.Node };

export class ApiMatcher {
  private readonly byMethod = new Map<string, JsApi[]>();
  private readonly tags = new WeakMap<t.Node, Tag | null>();
  private readonly active = new Set<t.Node>();
  private readonly factories = new Map<t.Node, ModuleUnit>();
  private readonly idRegexes = new Map<string, RegExp[]>();
  private readonly classIndex = new WeakMap<t.Node, Map<string, NodePath[]>>();
  /** Tags of what this file's own functions return, per function node. */
  private readonly returns = new WeakMap<t.Node, Tag | null>();
  /** Per vendor: namespace members named in receivers like `Twilio.Video` (a step that stays at the root). */
  private readonly namespaceSteps = new Map<string, Set<string>>();

  constructor(
    private readonly index: VendorIndex,
    private readonly regions: VendorRegions,
    private readonly resolver: ValueResolver,
    units: ModuleUnit[],
    private readonly linked?: ImportedTags,
  ) {
    for (const v of index.rules.vendors) {
      for (const api of v.apis) {
        if (api.platform !== 'js' || !api.method) continue;
        const list = this.byMethod.get(api.method) ?? [];
        list.push({ vendor: v, api });
        this.byMethod.set(api.method, list);
      }
      const res: RegExp[] = [];
      for (const c of v.credentials) {
        if (c.kind !== 'identifier') continue;
        try {
          res.push(new RegExp(`^(?:${c.regex})$`));
        } catch {
          /* the rule loader validates regexes; ignore anything odd */
        }
      }
      this.idRegexes.set(v.id, res);
      const steps = new Set<string>();
      for (const api of v.apis) for (const r of api.receiver ?? []) if (!r.startsWith('type:') && r.includes('.')) steps.add(r.slice(r.lastIndexOf('.') + 1));
      this.namespaceSteps.set(v.id, steps);
    }
    for (const u of units) if (u.factory) this.factories.set(u.factory, u);
  }

  /** True when some JS API of some vendor uses this method name (cheap pre-filter). */
  hasMethod(name: string): boolean {
    return this.byMethod.has(name);
  }

  // ---------------------------------------------------------------- tags

  tagOf(path: NodePath | null | undefined, depth = 0): Tag | undefined {
    if (!path?.node) return undefined;
    const node = path.node;
    const memo = this.tags.get(node);
    if (memo !== undefined) return memo ?? undefined;
    if (depth > MAX_DEPTH || this.active.has(node)) return undefined;
    this.active.add(node);
    let tag: Tag | undefined;
    try {
      tag = this.computeTag(path, depth + 1);
    } catch {
      tag = undefined;
    } finally {
      this.active.delete(node);
    }
    this.tags.set(node, tag ?? null);
    return tag;
  }

  private computeTag(path: NodePath, d: number): Tag | undefined {
    const node = path.node;
    switch (node.type) {
      case 'Identifier':
        return this.identifierTag(path as NodePath<t.Identifier>, d);
      case 'AwaitExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'ParenthesizedExpression':
        return this.tagOf(path.get(node.type === 'AwaitExpression' ? 'argument' : 'expression') as NodePath, d);
      case 'SequenceExpression': {
        const exprs = path.get('expressions') as NodePath[];
        return this.tagOf(exprs[exprs.length - 1], d);
      }
      case 'AssignmentExpression':
        // `engine ??= createAgoraRtcEngine()`: the value is the right side or what the left already held.
        if (!ASSIGNING.has(node.operator)) return undefined;
        return this.tagOf(path.get('right') as NodePath, d) ?? (node.operator === '=' ? undefined : this.tagOf(path.get('left') as NodePath, d));
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'TypeCastExpression':
        return this.tagOf(path.get('expression') as NodePath, d);
      case 'LogicalExpression':
      case 'ConditionalExpression': {
        const a = this.tagOf(path.get(node.type === 'LogicalExpression' ? 'left' : 'consequent') as NodePath, d);
        return a ?? this.tagOf(path.get(node.type === 'LogicalExpression' ? 'right' : 'alternate') as NodePath, d);
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return this.memberTag(path as NodePath<t.MemberExpression>, d);
      case 'CallExpression':
      case 'OptionalCallExpression':
        return this.callTag(path as NodePath<t.CallExpression>, d);
      case 'ObjectExpression':
        return this.objectTag(path as NodePath<t.ObjectExpression>, d);
      case 'NewExpression': {
        const callee = this.tagOf(path.get('callee') as NodePath, d);
        if (!callee) return undefined;
        const calleeNode = (path.node as t.NewExpression).callee;
        const mapped = callee.type === '*' && calleeNode.type === 'Identifier' ? this.originalName(calleeNode) : undefined;
        if (mapped) {
          const api = this.findApis(callee.vendor, mapped, 'root', false)[0];
          return { vendor: callee.vendor, type: api?.api.returns ?? '*' };
        }
        if (callee.type === 'root' && callee.member) {
          const api = this.findApis(callee.vendor, callee.member, 'root', false)[0];
          return { vendor: callee.vendor, type: api?.api.returns ?? '*' };
        }
        return { vendor: callee.vendor, type: callee.type === 'root' ? '*' : callee.type === '*' ? '*' : callee.type };
      }
      default:
        return undefined;
    }
  }

  private identifierTag(path: NodePath<t.Identifier>, d: number): Tag | undefined {
    const name = path.node.name;
    const binding = path.scope.getBinding(name);
    if (!binding) {
      const v = this.index.byGlobal.get(name);
      return v ? { vendor: v.id, type: 'root' } : undefined;
    }
    const decl = binding.path;
    if (binding.kind === 'module') {
      const imp = decl.parentPath?.node;
      if (!imp || imp.type !== 'ImportDeclaration') return undefined;
      const spec = decl.node;
      const imported =
        spec.type === 'ImportSpecifier' ? (spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value) : spec.type === 'ImportDefaultSpecifier' ? 'default' : '*';
      const source = imp.source.value;
      const v = this.index.vendorOfSpecifier(source);
      // Another module of the app: what it exports under that name (an engine it made, a factory, a context).
      if (!v) return this.linked?.importTag(source, imported);
      if (imported === 'default') return this.defaultOf(v.id, source);
      return imported === '*' ? { vendor: v.id, type: 'root', pkg: source } : { vendor: v.id, type: 'root', member: imported };
    }
    if (binding.kind === 'param') return this.paramTag(decl, d);
    if (decl.isVariableDeclarator()) {
      const vd = decl.node as t.VariableDeclarator;
      if (vd.id.type === 'ObjectPattern') return this.destructuredTag(decl as NodePath<t.VariableDeclarator>, name, d);
      if (vd.id.type === 'ArrayPattern') return this.stateTag(decl as NodePath<t.VariableDeclarator>, name, d);
      if (vd.id.type !== 'Identifier') return undefined;
      const init = vd.init ? (decl.get('init') as NodePath) : undefined;
      const wrapped = vd.init ? this.wrapperUnit(vd.init) : undefined;
      if (wrapped && wrapped.kind === 'cjs-wrapper') {
        // `var X = W((e, t) => {…})`: X() evaluates the module; tag the wrapper itself by the module's vendor.
        const v = this.regions.moduleVendor(wrapped);
        return v ? { vendor: v, type: 'module' } : undefined;
      }
      const fromInit = init ? this.tagOf(init, d) : undefined;
      if (fromInit) return fromInit;
      if (vd.init?.type === 'CallExpression' && CONTEXT_MAKERS.has(calleeName(vd.init.callee) ?? '')) return this.contextTag(name, decl, d);
      if (init && (init.isClassExpression() || init.isFunction() || isIife(init.node))) return this.definedByVendor(decl.node);
      if (!binding.constant) {
        // `let client; … client = AgoraRTC.createClient()`: any assignment that yields a tag.
        for (const v of binding.constantViolations.slice(0, 8)) {
          if (v.isAssignmentExpression() && ASSIGNING.has(v.node.operator)) {
            const tag = this.tagOf(v.get('right') as NodePath, d);
            if (tag) return tag;
          }
        }
      }
      return undefined;
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

  /** Classes and functions declared inside a vendor's code make vendor objects (`new xt()` in a bundle). */
  private definedByVendor(node: t.Node): Tag | undefined {
    if (node.start == null || !node.loc) return undefined;
    const origin = this.regions.originAt(node.start, node.loc.start.line, node.loc.start.column + 1);
    return origin.vendor ? { vendor: origin.vendor, type: '*' } : undefined;
  }

  private paramTag(paramPath: NodePath, d: number): Tag | undefined {
    const fn = paramPath.parentPath;
    if (!fn?.isFunction()) return undefined;
    const index = (fn.node as t.Function).params.indexOf(paramPath.node as never);
    const call = singleCallOf(fn);
    const arg = call ? (call.get('arguments') as NodePath[])[index] : undefined;
    return arg ? this.tagOf(arg, d) : undefined;
  }

  private destructuredTag(decl: NodePath<t.VariableDeclarator>, name: string, d: number): Tag | undefined {
    const pattern = decl.node.id as t.ObjectPattern;
    const init = decl.get('init') as NodePath;
    if (!init.node) return undefined;
    const base = this.tagOf(init, d);
    if (base?.type === 'obj') {
      // `const {client} = useContext(Ctx)`, `const {engine} = useRtc()`: the property's own tag.
      for (const p of pattern.properties) {
        if (p.type !== 'ObjectProperty' || p.computed) continue;
        const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
        const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : undefined;
        if (value.type === 'Identifier' && value.name === name && key !== undefined) return base.props?.[key];
      }
      return undefined;
    }
    if (!base || base.type !== 'root' || base.member) return undefined;
    for (const p of pattern.properties) {
      if (p.type !== 'ObjectProperty' || p.computed) continue;
      const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
      if (value.type !== 'Identifier' || value.name !== name) continue;
      const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : undefined;
      if (!key) return undefined;
      return key === 'default' ? (base.pkg ? this.defaultOf(base.vendor, base.pkg) : base) : { vendor: base.vendor, type: 'root', member: key };
    }
    return undefined;
  }

  private memberTag(path: NodePath<t.MemberExpression>, d: number): Tag | undefined {
    const prop = memberName(path.node);
    if (prop === undefined) return undefined;
    const object = path.get('object') as NodePath;
    if (object.isThisExpression()) return this.thisPropertyTag(path, prop, d);
    if (object.isIdentifier() && !object.scope.getBinding(object.node.name) && GLOBAL_OBJECTS.has(object.node.name)) {
      const v = this.index.byGlobal.get(prop);
      return v ? { vendor: v.id, type: 'root' } : undefined;
    }
    const base = this.tagOf(object, d);
    if (!base) return object.isIdentifier() ? this.slotTag(object as NodePath<t.Identifier>, prop, d) : undefined;
    if (base.type === 'obj') return base.props?.[prop];
    if (base.type === 'ref') return prop === 'current' ? base.value : undefined;
    if (base.type === 'root' && !base.member) {
      if (prop === 'default' && base.pkg) return this.defaultOf(base.vendor, base.pkg);
      if (prop === 'default' || this.namespaceSteps.get(base.vendor)?.has(prop)) return base;
      return { vendor: base.vendor, type: 'root', member: prop };
    }
    if (base.type === 'module' && (prop === 'exports' || prop === 'default')) return { vendor: base.vendor, type: 'root' };
    return undefined;
  }

  /**
   * `ref.current` where `ref` is a local object whose property is assigned somewhere in its scope
   * (`engineRef.current = createAgoraRtcEngine()`, `state.engine = …`), or a React ref made with an initial value
   * (`useRef(createAgoraRtcEngine())`).
   */
  private slotTag(object: NodePath<t.Identifier>, prop: string, d: number): Tag | undefined {
    const binding = object.scope.getBinding(object.node.name);
    if (!binding) return undefined;
    const assigned = this.assignedSlot(binding, prop, d);
    if (assigned) return assigned;
    const decl = binding.path;
    if (prop === 'current' && decl.isVariableDeclarator()) {
      const init = (decl.node as t.VariableDeclarator).init;
      if (init?.type === 'CallExpression' && REF_MAKERS.has(calleeName(init.callee) ?? '') && init.arguments[0]) {
        return this.tagOf((decl.get('init') as NodePath).get('arguments.0') as NodePath, d);
      }
    }
    return undefined;
  }

  /**
   * `const [engine, setEngine] = useState(initial)`: the state holds the initial value or whatever the setter is
   * called with (`setEngine(createAgoraRtcEngine())`).
   */
  private stateTag(decl: NodePath<t.VariableDeclarator>, name: string, d: number): Tag | undefined {
    const { id, init } = decl.node;
    if (id.type !== 'ArrayPattern' || init?.type !== 'CallExpression' || !STATE_MAKERS.has(calleeName(init.callee) ?? '')) return undefined;
    const [value, setter] = id.elements;
    if (value?.type !== 'Identifier' || value.name !== name) return undefined;
    const initPath = decl.get('init') as NodePath<t.CallExpression>;
    const first = (initPath.get('arguments') as NodePath[])[0];
    if (first) {
      // useState(() => createAgoraRtcEngine()): a lazy initialiser.
      const lazy = first.isArrowFunctionExpression() && !first.get('body').isBlockStatement() ? (first.get('body') as NodePath) : first;
      const tag = this.tagOf(lazy, d);
      if (tag) return tag;
    }
    if (setter?.type !== 'Identifier') return undefined;
    for (const ref of decl.scope.getBinding(setter.name)?.referencePaths.slice(0, MAX_SLOT_REFS) ?? []) {
      const call = ref.parentPath;
      if (!call?.isCallExpression() || call.node.callee !== ref.node) continue;
      const arg = (call.get('arguments') as NodePath[])[0];
      const tag = arg && !arg.isFunction() ? this.tagOf(arg, d) : undefined;
      if (tag) return tag;
    }
    return undefined;
  }

  /**
   * The tag of what a function of this file returns (`function getEngine() { return engine ??= create() }`,
   * `this.getEngine()`, `Rtc.getInstance()` of a class declared here): the first return value that has one.
   */
  private returnTag(fn: NodePath, d: number): Tag | undefined {
    const memo = this.returns.get(fn.node);
    if (memo !== undefined) return memo ?? undefined;
    this.returns.set(fn.node, null); // a recursive function returns what its other returns give
    const tag = this.computeReturnTag(fn, d);
    this.returns.set(fn.node, tag ?? null);
    return tag;
  }

  private computeReturnTag(fn: NodePath, d: number): Tag | undefined {
    if (fn.isArrowFunctionExpression() && !fn.get('body').isBlockStatement()) return this.tagOf(fn.get('body') as NodePath, d);
    const body = fn.get('body') as NodePath;
    if (!body.isBlockStatement()) return undefined;
    let tag: Tag | undefined;
    let seen = 0;
    body.traverse({
      Function: (inner: NodePath) => inner.skip(),
      ReturnStatement: (r: NodePath<t.ReturnStatement>) => {
        if (tag || ++seen > MAX_RETURNS || !r.node.argument) return;
        tag = this.tagOf(r.get('argument') as NodePath, d);
        if (tag) r.stop();
      },
    });
    return tag;
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

  /** `this.client` inside a class: the tag of whatever the class assigns to `this.client`. */
  private thisPropertyTag(path: NodePath, prop: string, d: number): Tag | undefined {
    const cls = path.findParent((p) => p.isClass());
    if (!cls) return undefined;
    for (const value of this.thisAssignments(cls).get(prop) ?? []) {
      const tag = this.tagOf(value, d);
      if (tag) return tag;
    }
    return undefined;
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
        if (p.node.computed || p.node.key.type !== 'Identifier' || !p.node.value) return;
        add(p.node.key.name, p.get('value') as NodePath);
      },
    });
    return index;
  }

  private callTag(path: NodePath<t.CallExpression>, d: number): Tag | undefined {
    const node = path.node;
    const args = path.get('arguments') as NodePath[];
    // require('agora-rtc-sdk-ng') or any loader called with a vendor package name.
    const a0 = node.arguments[0];
    if (a0?.type === 'StringLiteral' && node.arguments.length === 1) {
      const v = this.index.vendorOfSpecifier(a0.value);
      if (v) return { vendor: v.id, type: 'root', pkg: a0.value };
      // require('./engine'): what that module of the app exports.
      if (isRelative(a0.value) && node.callee.type === 'Identifier' && node.callee.name === 'require' && !path.scope.getBinding('require')) {
        return this.linked?.importTag(a0.value, '=');
      }
    }
    const load = this.moduleLoadTag(path);
    if (load) return load;
    const hook = this.hookTag(path, d);
    if (hook) return hook;
    const calleePath = path.get('callee') as NodePath;
    const callee = this.tagOf(calleePath, d);
    if (callee?.type === 'fn') return callee.returns;
    // `const useClient = createClient(config)` (agora-rtc-react 1.x) then `useClient()`: a vendor object called
    // without arguments is a hook or getter of that object.
    if (callee && node.arguments.length === 0 && !STRUCTURES.has(callee.type) && callee.type !== 'root' && callee.type !== 'module' && callee.type !== '*') return callee;
    if (callee && STRUCTURES.has(callee.type)) return undefined;
    if (callee) {
      if (callee.type === 'module') return { vendor: callee.vendor, type: 'root' }; // esbuild `require_x()`
      if (callee.type === 'root' && !callee.member && node.arguments.length === 0) return callee; // webpack getter
      if (callee.type === 'root' && callee.member) {
        const api = this.findApis(callee.vendor, callee.member, 'root', false)[0];
        if (api?.api.returns) return { vendor: callee.vendor, type: api.api.returns };
      }
    }
    const local = callee ? undefined : this.localCallee(calleePath);
    if (local) {
      const tag = this.returnTag(local, d);
      if (tag) return tag;
    }
    const m = node.callee.type === 'MemberExpression' ? memberName(node.callee) : undefined;
    if (m !== undefined && node.callee.type === 'MemberExpression') {
      const recv = this.tagOf(calleePath.get('object') as NodePath, d);
      if (recv) {
        const api = this.findApis(recv.vendor, m, recv.type, false)[0];
        if (api?.api.returns) return { vendor: recv.vendor, type: api.api.returns };
        // webpack's `n.n(module)` interop getter and similar helpers.
        if (m === 'n' || m === 'default') return undefined;
      }
    }
    // Interop helpers (`__toESM(x, 1)`, `_interopRequireDefault(x)`, `n.n(x)`) pass a module through.
    if (args[0] && (node.callee.type === 'Identifier' || (node.callee.type === 'MemberExpression' && m === 'n'))) {
      const inner = this.tagOf(args[0], d);
      if (inner && inner.type === 'root' && !inner.member) return inner;
    }
    return undefined;
  }

  /** Metro `r(d[i])`, webpack `n(123)`: the loader is a parameter of a module factory. */
  private moduleLoadTag(path: NodePath<t.CallExpression>): Tag | undefined {
    const { callee, arguments: args } = path.node;
    if (callee.type !== 'Identifier' || args.length !== 1) return undefined;
    const binding = path.scope.getBinding(callee.name);
    if (!binding || binding.kind !== 'param') return undefined;
    const fn = binding.path.parentPath?.node;
    const unit = fn ? this.factories.get(fn) : undefined;
    if (!unit || !fn) return undefined;
    const params = (fn as t.Function).params;
    let id: string | undefined;
    const a = args[0]!;
    if (unit.kind === 'metro') {
      // r(d[i]): r is parameter 1, d (dependency map) is parameter 6.
      if (params[1] !== binding.path.node) return undefined;
      if (a.type === 'MemberExpression' && a.computed && a.property.type === 'NumericLiteral' && a.object.type === 'Identifier') {
        const dep = params[6];
        if (dep?.type === 'Identifier' && dep.name === a.object.name) id = unit.deps?.[a.property.value];
      } else if (a.type === 'NumericLiteral') id = String(a.value);
      const target = id !== undefined ? this.regions.unitById(id, ['metro']) : undefined;
      const v = this.regions.moduleVendor(target);
      return v ? { vendor: v, type: 'root', ...(target?.pkg ? { pkg: target.pkg } : {}) } : undefined;
    }
    if (unit.kind === 'webpack') {
      if (a.type === 'NumericLiteral') id = String(a.value);
      else if (a.type === 'StringLiteral') id = a.value;
      const target = id !== undefined ? this.regions.unitById(id, ['webpack']) : undefined;
      const v = this.regions.moduleVendor(target);
      return v ? { vendor: v, type: 'root' } : undefined;
    }
    return undefined;
  }

  /** The name a source map records for a mangled identifier (`mn` → `Room`), when it is an API method name. */
  private originalName(id: t.Identifier): string | undefined {
    const map = this.regions.map;
    if (!map || !id.loc) return undefined;
    const name = map.trace(id.loc.start.line, id.loc.start.column + 1)?.name;
    return name && this.byMethod.has(name) ? name : undefined;
  }

  // ---------------------------------------------------------------- structures (refs, contexts, modules)

  /** A default import of a vendor package: the function rules name as its default export, else the namespace. */
  private defaultOf(vendor: string, pkg: string): Tag {
    for (const a of this.index.rules.vendorById.get(vendor)?.apis ?? []) {
      if (a.platform === 'js' && a.method && a.defaultExportOf?.includes(pkg)) return { vendor, type: 'root', member: a.method };
    }
    return { vendor, type: 'root', pkg };
  }

  /** `{engine, users}`, `{client: c}`: an object literal whose properties hold tagged values. */
  private objectTag(path: NodePath<t.ObjectExpression>, d: number): Tag | undefined {
    const props: Record<string, Tag> = Object.create(null);
    let vendor: string | undefined;
    const properties = path.get('properties') as NodePath[];
    for (const p of properties.slice(0, MAX_OBJECT_PROPS)) {
      let tag: Tag | undefined;
      let key: string | undefined;
      if (p.isObjectProperty() && !p.node.computed) {
        key = p.node.key.type === 'Identifier' ? p.node.key.name : p.node.key.type === 'StringLiteral' ? p.node.key.value : undefined;
        if (key !== undefined) tag = this.tagOf(p.get('value') as NodePath, d);
      } else if (p.isSpreadElement()) {
        const spread = this.tagOf(p.get('argument') as NodePath, d);
        if (spread?.type === 'obj') for (const [k, v] of Object.entries(spread.props ?? {})) ((props[k] = v), (vendor ??= v.vendor));
        continue;
      }
      if (key !== undefined && tag) {
        props[key] = tag;
        vendor ??= tag.vendor;
      }
    }
    return vendor ? { vendor, type: 'obj', props } : undefined;
  }

  /**
   * React hooks that hand a value through: `useRef(x)` (a ref whose `.current` is x, or what is assigned to
   * `.current` later), `useContext(Ctx)` (the value Ctx's provider gives), `useMemo(() => x)`.
   */
  private hookTag(path: NodePath<t.CallExpression>, d: number): Tag | undefined {
    const name = calleeName(path.node.callee);
    if (!name) return undefined;
    const first = (path.get('arguments') as NodePath[])[0];
    if (REF_MAKERS.has(name)) {
      let value = first && !first.isSpreadElement() ? this.tagOf(first, d) : undefined;
      const decl = path.parentPath;
      if (!value && decl?.isVariableDeclarator() && decl.node.id.type === 'Identifier') {
        value = this.assignedSlot(decl.scope.getBinding(decl.node.id.name), 'current', d);
      }
      return value ? { vendor: value.vendor, type: 'ref', value } : undefined;
    }
    if (!first) return undefined;
    if (CONTEXT_READERS.has(name)) {
      const ctx = this.tagOf(first, d);
      return ctx?.type === 'context' ? ctx.value : undefined;
    }
    if (MEMO_MAKERS.has(name) && first.isFunction()) return this.returnTag(first, d);
    return undefined;
  }

  /**
   * `const Ctx = createContext(…)`: the tag of the value its provider gives in this file
   * (`<Ctx.Provider value={{client}}>`, React 19 `<Ctx value={…}>`).
   */
  private contextTag(name: string, decl: NodePath, d: number): Tag | undefined {
    const program = decl.findParent((p) => p.isProgram());
    if (!program) return undefined;
    let value: Tag | undefined;
    let seen = 0;
    program.traverse({
      JSXOpeningElement: (el: NodePath<t.JSXOpeningElement>) => {
        if (value || ++seen > MAX_PROVIDERS * 64) return;
        const n = el.node.name;
        const named =
          (n.type === 'JSXMemberExpression' && n.object.type === 'JSXIdentifier' && n.object.name === name && n.property.name === 'Provider') ||
          (n.type === 'JSXIdentifier' && n.name === name);
        if (!named || el.scope.getBinding(name)?.path !== decl) return;
        for (const attr of el.get('attributes') as NodePath[]) {
          if (!attr.isJSXAttribute() || attr.node.name.type !== 'JSXIdentifier' || attr.node.name.name !== 'value') continue;
          const v = attr.get('value') as NodePath;
          if (v.isJSXExpressionContainer()) value = this.tagOf(v.get('expression') as NodePath, d);
        }
        if (value) el.stop();
      },
    });
    return value ? { vendor: value.vendor, type: 'context', value } : undefined;
  }

  /** `x.<prop> = value` assignments to a binding's property (refs filled in an effect, state objects). */
  private assignedSlot(binding: Binding | undefined, prop: string, d: number): Tag | undefined {
    for (const ref of binding?.referencePaths.slice(0, MAX_SLOT_REFS) ?? []) {
      const member = ref.parentPath;
      if (!member || !(member.isMemberExpression() || member.isOptionalMemberExpression()) || member.node.object !== ref.node) continue;
      if (memberName(member.node as t.MemberExpression) !== prop) continue;
      const assign = member.parentPath;
      if (assign?.isAssignmentExpression() && assign.node.left === member.node && ASSIGNING.has(assign.node.operator)) {
        const tag = this.tagOf(assign.get('right') as NodePath, d);
        if (tag) return tag;
      }
    }
    return undefined;
  }

  /**
   * What this module exports, by name, as tags (only exports that hold a vendor value): ES `export`
   * declarations and lists, `export default`, CommonJS `module.exports = …` (`=`) and `exports.x = …`. Re-exports
   * (`export {x} from './y'`) are looked up through the linker. Functions export what they return (`fn`).
   */
  exportTable(program: NodePath<t.Program>): Map<string, Tag> {
    const out = new Map<string, Tag>();
    const put = (name: string, tag: Tag | undefined) => {
      if (tag && !out.has(name)) out.set(name, tag);
    };
    const ofBinding = (local: string): Tag | undefined => {
      const binding = program.scope.getBinding(local);
      if (!binding) return undefined;
      const decl = binding.path;
      if (decl.isFunctionDeclaration()) return this.fnTag(decl);
      if (decl.isVariableDeclarator()) {
        const init = decl.get('init') as NodePath;
        if (init.node && init.isFunction()) return this.fnTag(init);
      }
      // Evaluated as a use of the binding would be (its declarator's own name).
      if (decl.isVariableDeclarator() && decl.node.id.type === 'Identifier') return this.tagOf(decl.get('id') as NodePath);
      const ref = binding.referencePaths.find((r) => r.isIdentifier());
      return ref ? this.tagOf(ref) : undefined;
    };
    for (const stmt of (program.get('body') as NodePath[]).slice(0, MAX_EXPORT_STATEMENTS)) {
      const node = stmt.node;
      try {
        if (node.type === 'ExportNamedDeclaration') {
          if (node.declaration) {
            const decl = node.declaration;
            if (decl.type === 'VariableDeclaration') for (const v of decl.declarations) if (v.id.type === 'Identifier') put(v.id.name, this.declaredTag(stmt, v.id.name));
            if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) put(decl.id.name, ofBinding(decl.id.name));
          }
          for (const sp of node.specifiers) {
            if (sp.type !== 'ExportSpecifier') continue;
            const exported = sp.exported.type === 'Identifier' ? sp.exported.name : sp.exported.value;
            put(exported, node.source ? this.linked?.importTag(node.source.value, sp.local.name) : ofBinding(sp.local.name));
          }
        } else if (node.type === 'ExportDefaultDeclaration') {
          const decl = stmt.get('declaration') as NodePath;
          if (decl.isFunction()) put('default', this.fnTag(decl));
          else if (decl.isIdentifier()) put('default', ofBinding(decl.node.name) ?? this.tagOf(decl));
          else if (decl.isExpression()) put('default', this.tagOf(decl));
        } else if (node.type === 'ExpressionStatement' && node.expression.type === 'AssignmentExpression' && node.expression.operator === '=') {
          const left = node.expression.left;
          const right = (stmt.get('expression') as NodePath).get('right') as NodePath;
          const target = cjsExportTarget(left);
          if (target === undefined) continue;
          const tag = right.isFunction() ? this.fnTag(right) : right.isIdentifier() ? ofBinding(right.node.name) ?? this.tagOf(right) : this.tagOf(right);
          put(target, tag);
        }
      } catch {
        /* a malformed or unusual export says nothing */
      }
    }
    return out;
  }

  /** `export const engine = …` — the declared binding's tag (functions: what they return). */
  private declaredTag(stmt: NodePath, name: string): Tag | undefined {
    const binding = stmt.scope.getBinding(name);
    const decl = binding?.path;
    if (!decl?.isVariableDeclarator()) return undefined;
    const init = decl.get('init') as NodePath;
    if (init.node && init.isFunction()) return this.fnTag(init);
    // Evaluated as a use of the binding would be (its declarator's own name).
    return this.tagOf(decl.get('id') as NodePath);
  }

  private fnTag(fn: NodePath): Tag | undefined {
    const r = this.returnTag(fn, 0);
    return r ? { vendor: r.vendor, type: 'fn', returns: r } : undefined;
  }

  // ---------------------------------------------------------------- matching

  /** APIs of a vendor with this method callable on a receiver of this type. */
  private findApis(vendor: string, method: string, recvType: string, exactOnly: boolean): JsApi[] {
    const list = (this.byMethod.get(method) ?? []).filter((a) => a.vendor.id === vendor);
    if (recvType === '*') return exactOnly ? [] : list;
    if (recvType === 'root') return list.filter((a) => !a.api.receiver?.length || a.api.receiver.some((r) => !r.startsWith('type:')));
    return list.filter((a) => a.api.receiver?.includes(`type:${recvType}`));
  }

  /** Matches one call or `new` expression; returns a draft fact or undefined. */
  match(path: NodePath<t.CallExpression | t.NewExpression>, inVendorCode: boolean): ApiCallDraft | undefined {
    const node = path.node;
    let callee: t.Node = node.callee;
    let calleePath = path.get('callee') as NodePath;
    // `(0, x.method)(…)`: the minifier/Babel form of an unbound call.
    if (callee.type === 'SequenceExpression' && callee.expressions.length === 2) {
      calleePath = (calleePath.get('expressions') as NodePath[])[1]!;
      callee = calleePath.node;
    }
    let method: string | undefined;
    let recv: Tag | undefined;
    let receiverNode: t.Node | undefined;
    if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
      method = memberName(callee);
      if (method === undefined || !this.byMethod.has(method)) return undefined;
      receiverNode = callee.object;
      recv = this.tagOf(calleePath.get('object') as NodePath);
      if (recv?.member) recv = undefined; // `X.sub.method()` of a root member: not an API receiver we know
      if (recv && STRUCTURES.has(recv.type)) recv = undefined; // an object that holds an SDK object is not one
    } else if (callee.type === 'Identifier') {
      const tag = this.tagOf(calleePath);
      if (!tag || STRUCTURES.has(tag.type)) return undefined;
      if (tag.type === 'root' && tag.member) method = tag.member;
      else if (tag.type === 'root' && this.byMethod.has(callee.name)) method = callee.name; // `new RTCPeerConnection()` global
      else if (tag.type === '*' && !inVendorCode) method = this.originalName(callee); // mangled `new mn()` → `Room`
      if (!method) return undefined;
      recv = { vendor: tag.vendor, type: 'root' };
    } else return undefined;
    if (!method) return undefined;

    const args = path.get('arguments') as NodePath[];
    let candidates: JsApi[] = [];
    // Inside vendor code an object of unknown type says nothing about which API a method is.
    if (recv) candidates = this.findApis(recv.vendor, method, recv.type, inVendorCode).filter((a) => this.fitsArgValues(a.api, args));
    if (candidates.length) return this.draft(path, candidates, inVendorCode);
    if (recv || inVendorCode || !receiverNode) return undefined;
    // Receiver-less: only for plausible receivers, vendors bundled here, and shape/credential evidence.
    if (!isPlausibleReceiver(receiverNode)) return undefined;
    const scored: Array<{ api: JsApi; score: number }> = [];
    for (const a of this.byMethod.get(method) ?? []) {
      if (!this.regions.bundled.has(a.vendor.id) || !this.fitsArgValues(a.api, args)) continue;
      const score = this.receiverlessScore(a, args);
      if (score > 0) scored.push({ api: a, score });
    }
    if (!scored.length) return undefined;
    scored.sort((x, y) => y.score - x.score);
    return this.draft(path, [scored[0]!.api], inVendorCode);
  }

  /**
   * A JSX element of a vendor's React component declared as an API (`<LiveKitRoom serverUrl={url} token={t}>`):
   * the component must be imported from the vendor's package; its attributes are the call's one object argument.
   */
  matchJsx(path: NodePath<t.JSXOpeningElement>, inVendorCode: boolean): ApiCallDraft | undefined {
    const name = path.node.name;
    if (name.type !== 'JSXIdentifier') return undefined;
    const binding = path.scope.getBinding(name.name);
    const imp = binding?.kind === 'module' ? binding.path : undefined;
    const decl = imp?.parentPath?.node;
    if (!imp || decl?.type !== 'ImportDeclaration') return undefined;
    const vendor = this.index.vendorOfSpecifier(decl.source.value);
    const spec = imp.node;
    if (!vendor) return undefined;
    // `import { LiveKitRoom } from …`, or a default import of a package whose default export the rules name
    // (`import AgoraUIKit from 'agora-rn-uikit'`).
    const imported =
      spec.type === 'ImportSpecifier'
        ? spec.imported.type === 'Identifier'
          ? spec.imported.name
          : spec.imported.value
        : spec.type === 'ImportDefaultSpecifier'
          ? this.defaultOf(vendor.id, decl.source.value).member
          : undefined;
    if (!imported) return undefined;
    const api = this.findApis(vendor.id, imported, 'root', false).find((a) => a.api.jsx)?.api;
    if (!api) return undefined;
    const props: Record<string, JsValue> = Object.create(null);
    for (const attr of path.get('attributes') as NodePath[]) {
      if (!attr.isJSXAttribute() || attr.node.name.type !== 'JSXIdentifier') continue;
      const value = attr.get('value') as NodePath;
      const key = attr.node.name.name;
      if (!value.node) props[key] = { kind: 'boolean', value: true };
      else if (value.isJSXExpressionContainer()) props[key] = this.resolver.resolve(value.get('expression') as NodePath);
      else props[key] = this.resolver.resolve(value);
    }
    // The element's attributes are its one argument; the checks give them roles through the rule's `props`.
    const values: JsValue[] = [{ kind: 'object', props: { ...props } }];
    return { vendor: vendor.id, api: api.id, kind: api.kind, values, callee: `<${name.name}>`, inVendorCode, node: path.node };
  }

  /**
   * A generic method (`setParameter(key, value)`, `startPlugin(name, options)`) is this API only when the arguments
   * the rule names resolve to its literals; another or an unresolved value is not this API.
   */
  private fitsArgValues(api: ApiRule, args: NodePath[]): boolean {
    if (!api.argValues) return true;
    return Object.entries(api.argValues).every(([index, want]) => {
      const arg = args[Number(index)];
      if (!arg || arg.isSpreadElement()) return false;
      const v = this.resolver.resolve(arg);
      return (v.kind === 'string' || v.kind === 'number') && String(v.value) === want;
    });
  }

  /** The options object of `new X({…})`, directly or through a constant (`const params = new X({…})`). */
  private constructedOptions(arg: NodePath): JsValue | undefined {
    const p = arg.isIdentifier() ? constInit(arg as NodePath<t.Identifier>) : arg;
    if (!p?.isNewExpression()) return undefined;
    const first = (p.get('arguments') as NodePath[])[0];
    if (!first || first.isSpreadElement()) return undefined;
    const v = this.resolver.resolve(first);
    return v.kind === 'object' ? v : undefined;
  }

  private receiverlessScore(a: JsApi, args: NodePath[]): number {
    const shape = a.api.shape ?? [];
    if (shape.length) {
      for (const arg of args) {
        const keys = this.objectKeys(arg);
        if (keys && shape.every((k) => keys.has(k))) return 10 + shape.length;
      }
    }
    const appIdIndex = a.api.args.indexOf('appId');
    const regexes = this.idRegexes.get(a.vendor.id) ?? [];
    if (appIdIndex >= 0 && args.length >= 2 && regexes.length && args[appIdIndex]) {
      const v = this.resolver.resolve(args[appIdIndex]);
      const s = v.kind === 'string' ? v.value : v.kind === 'number' ? String(v.value) : undefined;
      if (s !== undefined && regexes.some((re) => re.test(s))) return 5;
    }
    return 0;
  }

  private objectKeys(arg: NodePath): Set<string> | undefined {
    let p: NodePath | undefined = arg;
    if (p.isIdentifier()) p = constInit(p as NodePath<t.Identifier>);
    if (!p?.isObjectExpression()) return undefined;
    const keys = new Set<string>();
    for (const prop of p.node.properties) {
      if ((prop.type === 'ObjectProperty' || prop.type === 'ObjectMethod') && !prop.computed) {
        if (prop.key.type === 'Identifier') keys.add(prop.key.name);
        else if (prop.key.type === 'StringLiteral') keys.add(prop.key.value);
      }
    }
    return keys;
  }

  private draft(path: NodePath<t.CallExpression | t.NewExpression>, candidates: JsApi[], inVendorCode: boolean): ApiCallDraft {
    const args = path.get('arguments') as NodePath[];
    // Several APIs may share a method name on one receiver type: prefer the one whose arity fits.
    const best =
      candidates.find((c) => c.api.args.length === args.length) ??
      candidates.find((c) => c.api.args.length >= args.length) ??
      candidates[0]!;
    return {
      vendor: best.vendor.id,
      api: best.api.id,
      kind: best.api.kind,
      values: this.argumentValues(args),
      callee: this.resolver.text(path.node.callee),
      inVendorCode,
      node: path.node,
    };
  }

  /**
   * Argument values in call order. `enterRoom(new TRTCParams({sdkAppId, userId, userSig, roomId}), scene)`: a
   * parameter object built from an options object carries that object's properties, so it is that object.
   */
  private argumentValues(args: NodePath[]): JsValue[] {
    return args.map((a) => {
      if (a.isSpreadElement()) return { kind: 'unknown', text: this.resolver.text(a.node) } as JsValue;
      const v = this.resolver.resolve(a);
      return v.kind === 'unknown' ? (this.constructedOptions(a) ?? v) : v;
    });
  }

}

/** `(function(){ function C(){…} …; return C })()`: how Babel and TypeScript emit classes for old targets. */
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
/** `createContext`, and what reads a context (`useContext`, React 19 `use`). */
const CONTEXT_MAKERS = new Set(['createContext', 'React.createContext']);
const CONTEXT_READERS = new Set(['useContext', 'React.useContext', 'use', 'React.use']);
const MEMO_MAKERS = new Set(['useMemo', 'React.useMemo']);
const MAX_OBJECT_PROPS = 64;
const MAX_PROVIDERS = 8;
const MAX_EXPORT_STATEMENTS = 2000;

function isRelative(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../');
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
const MAX_RETURNS = 16;

/** `useRef`, `React.useRef`: a callee made of plain names. */
function calleeName(node: t.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.object.type === 'Identifier') return `${node.object.name}.${node.property.name}`;
  return undefined;
}

function memberName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'StringLiteral') return node.property.value;
  return undefined;
}

/** Receivers that can be an SDK object: names and member chains, not literals, arrays, strings or `this`. */
function isPlausibleReceiver(node: t.Node): boolean {
  switch (node.type) {
    case 'Identifier':
    case 'MemberExpression':
    case 'OptionalMemberExpression':
    case 'CallExpression':
    case 'AwaitExpression':
      return true;
    default:
      return false;
  }
}
