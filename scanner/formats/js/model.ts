// The JS reader's code model (scanner/model/types.ts): one ModelCall per call site that may be a vendor API —
// member calls whose method name some rule uses (a name prefilter: no rule, no API), plain calls and `new` of a
// named function with a provenance, JSX elements of imported components — with the receiver's def-use
// provenance (provenance.ts) and the arguments as values. Which call is which API is the checks' business
// (scanner/checks/model-calls.ts); calls inside library code are the library's own and are left out.
import type * as t from '@babel/types';
import type { NodePath } from './scope.js';
import type { JsValue } from '../../core/facts.js';
import type { CodeModel, ModelCall, ModelFunction, ModelValue, Receiver } from '../../model/types.js';
import { constInit, type ValueResolver } from './values.js';
import { isPlausibleReceiver, memberName, type Provenance } from './provenance.js';

/** Where a node is, as the reader reports positions (line, 1-based column, map-traced original, snippet). */
export type Placer = (node: t.Node, fields: Pick<ModelCall, 'context'>) => Pick<ModelCall, 'line' | 'column' | 'endLine' | 'endColumn' | 'original' | 'snippet' | 'context'>;

export class JsModelBuilder {
  readonly functions: ModelFunction[] = [];
  readonly calls: ModelCall[] = [];
  private readonly fnIndex = new Map<t.Node, number>();
  dropped = 0;

  constructor(
    private readonly provenance: Provenance,
    private readonly resolver: ValueResolver,
    /** Method names some rule's API uses: a member call by any other name is no API. */
    private readonly interesting: (name: string) => boolean,
    private readonly place: Placer,
    private readonly maxCalls: number,
  ) {}

  model(bundled: Iterable<string>): CodeModel {
    return { functions: this.functions, calls: this.calls, bundled: [...bundled].sort() };
  }

  /** A call, optional call or `new` of app code. */
  call(path: NodePath<t.CallExpression | t.NewExpression>): void {
    const node = path.node;
    let callee: t.Node = node.callee;
    let calleePath = path.get('callee') as NodePath;
    // `(0, x.method)(…)`: the minifier/Babel form of an unbound call.
    if (callee.type === 'SequenceExpression' && callee.expressions.length === 2) {
      calleePath = (calleePath.get('expressions') as NodePath[])[1]!;
      callee = calleePath.node;
    }
    let receiver: Receiver = { kind: 'none' };
    let target: Receiver | undefined;
    let method: string;
    let originalName: string | undefined;
    if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
      const name = memberName(callee);
      if (name === undefined || !this.interesting(name)) return;
      method = name;
      const recv = this.provenance.of(calleePath.get('object') as NodePath);
      // `[1, 2].join(',')`, `'x'.concat()`, `this.join()`: nothing that can be an SDK object.
      if (!recv && !isPlausibleReceiver(callee.object)) return;
      receiver = recv ?? { kind: 'unknown', text: this.resolver.text(callee.object) };
    } else if (callee.type === 'Identifier') {
      if (node.type === 'CallExpression' && callsLocalFunction(callee, path)) return;
      target = this.provenance.of(calleePath);
      if (!target || (target.kind === 'global' && !this.interesting(callee.name))) return;
      method = callee.name;
      originalName = this.provenance.originalName(callee);
    } else return;
    this.push(path, {
      callee: this.resolver.text(node.callee),
      method,
      receiver,
      args: this.argumentValues(path.get('arguments') as NodePath[]),
      ...(target ? { target } : {}),
      ...(originalName ? { originalName } : {}),
      ...(node.type === 'NewExpression' ? { construct: true } : {}),
    });
  }

  /**
   * `<LiveKitRoom serverUrl={url} token={token} connect>` of a component imported from a package: a call of that
   * export whose one argument is the attributes object.
   */
  jsx(path: NodePath<t.JSXOpeningElement>): void {
    const name = path.node.name;
    if (name.type !== 'JSXIdentifier') return;
    const binding = path.scope.getBinding(name.name);
    const imp = binding?.kind === 'module' ? binding.path : undefined;
    const decl = imp?.parentPath?.node;
    if (!imp || decl?.type !== 'ImportDeclaration') return;
    const spec = imp.node;
    const imported =
      spec.type === 'ImportSpecifier' ? (spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value) : spec.type === 'ImportDefaultSpecifier' ? 'default' : undefined;
    if (!imported) return;
    const props: Record<string, JsValue> = Object.create(null);
    for (const attr of path.get('attributes') as NodePath[]) {
      if (!attr.isJSXAttribute() || attr.node.name.type !== 'JSXIdentifier') continue;
      const value = attr.get('value') as NodePath;
      const key = attr.node.name.name;
      if (!value.node) props[key] = { kind: 'boolean', value: true };
      else if (value.isJSXExpressionContainer()) props[key] = this.resolver.resolve(value.get('expression') as NodePath);
      else props[key] = this.resolver.resolve(value);
    }
    this.push(path, {
      callee: `<${name.name}>`,
      method: imported,
      receiver: { kind: 'module', name: decl.source.value },
      args: [{ kind: 'object', props: { ...props } }],
      jsx: true,
    });
  }

  private push(path: NodePath, call: Omit<ModelCall, 'fn' | keyof ReturnType<Placer>>): void {
    if (this.calls.length >= this.maxCalls) {
      this.dropped++;
      return;
    }
    const context = contextOf(path);
    const fn = this.functionOf(path, context);
    this.calls.push({ fn, ...call, ...this.place(path.node, { context }) } as ModelCall);
  }

  /** The enclosing function (its index, created on first use); -1 for top-level code. */
  private functionOf(path: NodePath, context: string | undefined): number {
    const parent = path.getFunctionParent();
    if (!parent) return -1;
    const known = this.fnIndex.get(parent.node);
    if (known !== undefined) return known;
    const loc = parent.node.loc;
    const f: ModelFunction = { name: context ?? `#${this.functions.length}`, params: (parent.node as t.Function).params.length };
    if (loc) ((f.line = loc.start.line), (f.column = loc.start.column + 1));
    this.functions.push(f);
    this.fnIndex.set(parent.node, this.functions.length - 1);
    return this.functions.length - 1;
  }

  /**
   * Argument values in call order. `enterRoom(new TRTCParams({sdkAppId, userId, userSig, roomId}), scene)`: a
   * parameter object built from an options object carries that object's properties, so it is that object.
   */
  private argumentValues(args: NodePath[]): ModelValue[] {
    return args.map((a) => {
      if (a.isSpreadElement()) return { kind: 'unknown', text: this.resolver.text(a.node) } as JsValue;
      const v = this.resolver.resolve(a);
      return v.kind === 'unknown' ? (this.constructedOptions(a) ?? v) : v;
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
}

/** A plain call of a function declared in this file (most calls in a bundle): never an SDK entry point. */
export function callsLocalFunction(callee: t.Identifier, p: NodePath): boolean {
  const binding = p.scope.getBinding(callee.name);
  if (!binding) return false;
  const decl = binding.path.node;
  if (decl.type === 'FunctionDeclaration') return true;
  return decl.type === 'VariableDeclarator' && !!decl.init && (decl.init.type === 'FunctionExpression' || decl.init.type === 'ArrowFunctionExpression');
}

/** Name of the enclosing function/method, e.g. `CallService.join`: the named ancestors, a class restarting it. */
export function contextOf(path: NodePath): string | undefined {
  const chain: NodePath[] = [];
  for (let p = path.parentPath; p; p = p.parentPath) chain.push(p);
  let names: string[] = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const node = chain[i]!.node;
    const parent = chain[i + 1]?.node;
    const name = parent ? nameOf(node, parent) : undefined;
    if (name) names = node.type.startsWith('Class') && node.type !== 'ClassMethod' ? [name] : [...names.slice(-1), name];
  }
  return names.length ? names.join('.') : undefined;
}

function nameOf(node: t.Node, parent: t.Node): string | undefined {
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'ClassExpression':
      return node.id?.name;
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      if (node.type === 'FunctionExpression' && node.id) return node.id.name;
      if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
      if (parent.type === 'ObjectProperty' && parent.key.type === 'Identifier') return parent.key.name;
      return undefined;
    case 'ClassMethod':
    case 'ObjectMethod':
      return node.key.type === 'Identifier' ? node.key.name : undefined;
    default:
      return undefined;
  }
}
