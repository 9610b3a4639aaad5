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
import type { ApiCallFact, JsValue } from '../../core/facts.js';
import type { ApiRule, VendorRule } from '../../rules/schema.js';
import { ValueResolver, constInit, singleCallOf } from './values.js';
import type { VendorIndex, VendorRegions } from './vendors.js';
import type { ModuleUnit } from './modules.js';

export interface Tag {
  vendor: string;
  /** `root`, a `returns` type, or `*` (vendor-made object of unknown type). */
  type: string;
  /** A named member of the root (`import {createClient} from 'pkg'`, `const {connect} = Video`). */
  member?: string;
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
      const v = this.index.vendorOfSpecifier(imp.source.value);
      if (!v) return undefined;
      const spec = decl.node;
      if (spec.type === 'ImportSpecifier') {
        const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
        return imported === 'default' ? { vendor: v.id, type: 'root' } : { vendor: v.id, type: 'root', member: imported };
      }
      return { vendor: v.id, type: 'root' };
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
    if (!base || base.type !== 'root' || base.member) return undefined;
    for (const p of pattern.properties) {
      if (p.type !== 'ObjectProperty' || p.computed) continue;
      const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
      if (value.type !== 'Identifier' || value.name !== name) continue;
      const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : undefined;
      if (!key) return undefined;
      return key === 'default' ? base : { vendor: base.vendor, type: 'root', member: key };
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
    if (base.type === 'root' && !base.member) {
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
    for (const ref of binding.referencePaths.slice(0, MAX_SLOT_REFS)) {
      const member = ref.parentPath;
      if (!member || !(member.isMemberExpression() || member.isOptionalMemberExpression()) || member.node.object !== ref.node) continue;
      if (memberName(member.node as t.MemberExpression) !== prop) continue;
      const assign = member.parentPath;
      if (assign?.isAssignmentExpression() && assign.node.left === member.node && ASSIGNING.has(assign.node.operator)) {
        const tag = this.tagOf(assign.get('right') as NodePath, d);
        if (tag) return tag;
      }
    }
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
      if (v) return { vendor: v.id, type: 'root' };
    }
    const load = this.moduleLoadTag(path);
    if (load) return load;
    const calleePath = path.get('callee') as NodePath;
    const callee = this.tagOf(calleePath, d);
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
      return v ? { vendor: v, type: 'root' } : undefined;
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
    } else if (callee.type === 'Identifier') {
      const tag = this.tagOf(calleePath);
      if (!tag) return undefined;
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
    if (!vendor || spec.type !== 'ImportSpecifier') return undefined;
    const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
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
    const config: JsValue = { kind: 'object', props: { ...props } };
    const args: Record<string, JsValue> = {};
    api.args.forEach((role, i) => {
      if (role !== 'other' && i === 0) args[role] = config;
    });
    for (const [prop, role] of Object.entries(api.props ?? {})) {
      if (role !== 'other' && !(role in args) && Object.prototype.hasOwnProperty.call(props, prop)) args[role] = props[prop]!;
    }
    return { vendor: vendor.id, api: api.id, kind: api.kind, args, callee: `<${name.name}>`, inVendorCode, node: path.node };
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
      args: this.resolveArgs(best.api, args),
      callee: this.resolver.text(path.node.callee),
      inVendorCode,
      node: path.node,
    };
  }

  private resolveArgs(api: ApiRule, args: NodePath[]): Record<string, JsValue> {
    const out: Record<string, JsValue> = {};
    const put = (role: string, v: JsValue) => {
      if (role !== 'other' && !(role in out)) out[role] = v;
    };
    const values = args.map((a) => (a.isSpreadElement() ? ({ kind: 'unknown', text: this.resolver.text(a.node) } as JsValue) : this.resolver.resolve(a)));
    // `enterRoom(new TRTCParams({sdkAppId, userId, userSig, roomId}), scene)`: a parameter class built from an
    // options object carries that object's properties.
    const options = args.map((a) => (values[args.indexOf(a)]!.kind === 'unknown' ? this.constructedOptions(a) : undefined));
    api.args.forEach((role, i) => put(role, values[i] ?? { kind: 'undefined' }));
    const propRoles = Object.entries(api.props ?? {});
    if (propRoles.length) {
      for (const v of [...values, ...options.filter((o): o is JsValue => o !== undefined)]) {
        if (v.kind !== 'object') continue;
        for (const [prop, role] of propRoles) {
          if (Object.prototype.hasOwnProperty.call(v.props, prop)) put(role, v.props[prop]!);
        }
      }
    }
    return out;
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
