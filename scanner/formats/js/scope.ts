// One pass over Babel's plain AST that resolves names the way @babel/traverse's scope crawl does — declarations,
// params, imports, hoisting (`var` and function declarations), block scopes, catch clauses, class and function
// expression names; references and reassignments bound to their bindings — without a NodePath per node. It sets a
// parent link on each node (a symbol-keyed property: invisible to Object.keys, JSON and the flow analysis' walks)
// and a scope on the scope nodes; paths (NodePath below: node, parent, scope, get, is*) are made only for the nodes
// the code model and the value resolver look at. The same walk collects what the reader's analysis visits (calls,
// JSX elements, imports, object literals) in source order.
//
// The rules mirror @babel/traverse 7 (scope/index.js collectorVisitor, Binding, Scope#getBinding) so bindings,
// their kinds, declaration paths, reference order and constant violations are what that crawl gives, quirks
// included (a `var` initialised inside a loop is not constant; default parameter values do not see the body's
// declarations; a duplicate let/const declaration stops the analysis as Babel's crawl throws).
import type * as t from '@babel/types';
import { DECLARATION_TYPES, getOuterBindingIdentifiers, isExpression, VISITOR_KEYS } from './babel-bindings.js';
import { pushChildren } from './children.js';

const PARENT = Symbol('parent');
const SCOPE = Symbol('scope');
const PATH = Symbol('path');
const RESOLVED = Symbol('resolved');

type Linked = t.Node & { [PARENT]?: t.Node; [SCOPE]?: Scope; [PATH]?: NodePath; [RESOLVED]?: Resolved };

export type BindingKind = 'var' | 'let' | 'const' | 'hoisted' | 'param' | 'module' | 'local' | 'unknown';


// ------------------------------------------------------------------------------------------------ node kinds

const FUNCTION = new Set(['FunctionDeclaration', 'FunctionExpression', 'ObjectMethod', 'ArrowFunctionExpression', 'ClassMethod', 'ClassPrivateMethod']);
const FUNCTION_PARENT = new Set([...FUNCTION, 'StaticBlock', 'TSModuleBlock']);
const BLOCK_PARENT = new Set([...FUNCTION_PARENT, 'BlockStatement', 'CatchClause', 'DoWhileStatement', 'ForInStatement', 'ForStatement', 'Program', 'SwitchStatement', 'WhileStatement', 'ForOfStatement']);
const SCOPABLE = new Set([...BLOCK_PARENT, 'ClassExpression', 'ClassDeclaration']);
const PATTERN = new Set(['AssignmentPattern', 'ArrayPattern', 'ObjectPattern', 'VoidPattern']);
const LOOP = new Set(['DoWhileStatement', 'ForInStatement', 'ForStatement', 'WhileStatement', 'ForOfStatement']);
const FOR_X = new Set(['ForInStatement', 'ForOfStatement']);
const CLASS = new Set(['ClassDeclaration', 'ClassExpression']);

const METHOD = new Set(['ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/** A method's key or decorator, a switch's discriminant: resolved in the scope around the method or switch. */
function outsideOf(child: t.Node, parent: t.Node): boolean {
  const p = parent as unknown as Record<string, unknown>;
  if (METHOD.has(parent.type)) return p.key === child || (Array.isArray(p.decorators) && p.decorators.includes(child));
  return parent.type === 'SwitchStatement' && p.discriminant === child;
}

function isScope(node: t.Node, parent: t.Node | undefined): boolean {
  if (parent && (FUNCTION.has(parent.type) || parent.type === 'CatchClause')) {
    if (node.type === 'BlockStatement') return false;
    if (PATTERN.has(node.type)) return true;
  }
  return SCOPABLE.has(node.type);
}

/** t.isReferenced for an identifier under `parent` (and `grand`). */
function isReferenced(node: t.Node, parent: t.Node, grand: t.Node | undefined): boolean {
  const p = parent as unknown as Record<string, unknown>;
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return p.property === node ? !!p.computed : p.object === node;
    case 'JSXMemberExpression':
      return p.object === node;
    case 'VariableDeclarator':
      return p.init === node;
    case 'ArrowFunctionExpression':
      return p.body === node;
    case 'PrivateName':
      return false;
    case 'ClassMethod':
    case 'ClassPrivateMethod':
    case 'ObjectMethod':
      return p.key === node ? !!p.computed : false;
    case 'ObjectProperty':
      return p.key === node ? !!p.computed : grand?.type !== 'ObjectPattern';
    case 'ClassProperty':
    case 'ClassAccessorProperty':
      return p.key === node ? !!p.computed : true;
    case 'ClassPrivateProperty':
      return p.key !== node;
    case 'ClassDeclaration':
    case 'ClassExpression':
      return p.superClass === node;
    case 'AssignmentExpression':
    case 'AssignmentPattern':
      return p.right === node;
    case 'LabeledStatement':
    case 'CatchClause':
    case 'RestElement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ExportNamespaceSpecifier':
    case 'ExportDefaultSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'ImportSpecifier':
    case 'ImportAttribute':
    case 'JSXAttribute':
    case 'ObjectPattern':
    case 'ArrayPattern':
    case 'MetaProperty':
      return false;
    case 'ExportSpecifier':
      return grand && (grand as t.ExportNamedDeclaration).source ? false : p.local === node;
    case 'ObjectTypeProperty':
      return p.key !== node;
    case 'TSEnumMember':
      return p.id !== node;
    case 'TSPropertySignature':
      return p.key === node ? !!p.computed : true;
  }
  return true;
}

/** Names an assignment-like node writes (t.getAssignmentIdentifiers): the last identifier per name. */
function assignedNames(node: t.Node): string[] {
  const search: Array<t.Node | null | undefined> = [node];
  const ids: Record<string, true> = Object.create(null);
  while (search.length) {
    const id = search.pop() as (t.Node & Record<string, any>) | null | undefined;
    if (!id) continue;
    switch (id.type) {
      case 'ArrayPattern':
        search.push(...id.elements);
        break;
      case 'AssignmentExpression':
      case 'AssignmentPattern':
      case 'ForInStatement':
      case 'ForOfStatement':
        search.push(id.left);
        break;
      case 'ObjectPattern':
        search.push(...id.properties);
        break;
      case 'ObjectProperty':
        search.push(id.value);
        break;
      case 'RestElement':
      case 'UpdateExpression':
        search.push(id.argument);
        break;
      case 'UnaryExpression':
        if (id.operator === 'delete') search.push(id.argument);
        break;
      case 'Identifier':
        ids[id.name] = true;
        break;
    }
  }
  return Object.keys(ids);
}

/** t.getOuterBindingIdentifiers(node, true) as [name, ids] in Babel's order, with fast paths for plain names. */
function outerIds(node: t.Node): Array<[string, t.Identifier[]]> {
  if (node.type === 'Identifier') return [[node.name, [node]]];
  if ((node.type === 'VariableDeclarator' || node.type === 'ClassDeclaration') && node.id?.type === 'Identifier') return [[node.id.name, [node.id]]];
  const ids = getOuterBindingIdentifiers(node, true) as unknown as Record<string, t.Identifier[]>;
  return Object.keys(ids).map((k) => [k, ids[k]!]);
}

// ------------------------------------------------------------------------------------------------ bindings

export class Binding {
  constant = true;
  /** Reference nodes (identifiers, and `export` declarations of the binding) in Babel's order. */
  readonly references: t.Node[] = [];
  /** Nodes that reassign the binding (redeclarations, assignments, updates, for-in/of heads, `delete`). */
  readonly violations: t.Node[] = [];
  private refPaths?: NodePath[];

  constructor(
    readonly identifier: t.Identifier,
    readonly scope: Scope,
    /** The declaring node: declarator, function or class declaration, param, import specifier, catch clause. */
    readonly declaration: t.Node,
    readonly kind: BindingKind,
  ) {
    if ((kind === 'var' || kind === 'hoisted') && initInLoop(declaration)) this.reassign(declaration);
  }

  reassign(node: t.Node): void {
    this.constant = false;
    if (!this.violations.includes(node)) this.violations.push(node);
  }

  get path(): NodePath {
    return pathOf(this.declaration);
  }

  get referencePaths(): NodePath[] {
    if (!this.refPaths || this.refPaths.length !== this.references.length) this.refPaths = this.references.map(pathOf);
    return this.refPaths;
  }

  get constantViolations(): NodePath[] {
    return this.violations.map(pathOf);
  }
}

/** Babel's isInitInLoop: a `var` (with an initialiser) or function declared in a loop body, or a for-in/of head. */
function initInLoop(decl: t.Node): boolean {
  const hasInit = decl.type !== 'VariableDeclarator' || !!decl.init;
  let child = decl as Linked;
  for (let parent = child[PARENT] as Linked | undefined; parent; child = parent, parent = parent[PARENT] as Linked | undefined) {
    if (FUNCTION_PARENT.has(parent.type)) return false;
    const p = parent as unknown as Record<string, unknown>;
    if ((p.left === child && FOR_X.has(parent.type)) || (hasInit && p.body === child && LOOP.has(parent.type))) return true;
  }
  return false;
}

export class Scope {
  private own?: Map<string, Binding>;

  constructor(
    readonly node: t.Node,
    readonly parent: Scope | undefined,
  ) {}

  getOwnBinding(name: string): Binding | undefined {
    return this.own?.get(name);
  }

  /** The binding a name refers to from here (Babel's Scope#getBinding, quirks included). */
  getBinding(name: string): Binding | undefined {
    let previous: Scope | undefined;
    for (let scope: Scope | undefined = this; scope; previous = scope, scope = scope.parent) {
      const binding = scope.own?.get(name);
      if (binding) {
        // A default parameter value does not see the function body's declarations.
        if (!(previous && PATTERN.has(previous.node.type) && binding.kind !== 'param' && binding.kind !== 'local')) return binding;
      } else if (name === 'arguments' && FUNCTION.has(scope.node.type) && scope.node.type !== 'ArrowFunctionExpression') return undefined;
    }
    return undefined;
  }

  functionParent(): Scope {
    let s: Scope = this;
    while (!FUNCTION_PARENT.has(s.node.type) && s.parent) s = s.parent;
    return FUNCTION_PARENT.has(s.node.type) ? s : this.program();
  }

  blockParent(): Scope {
    let s: Scope = this;
    while (!BLOCK_PARENT.has(s.node.type) && s.parent) s = s.parent;
    return s;
  }

  program(): Scope {
    let s: Scope = this;
    while (s.parent) s = s.parent;
    return s;
  }

  register(kind: BindingKind, target: t.Node, declaration: t.Node = target): void {
    if (target.type === 'VariableDeclaration') {
      for (const d of target.declarations) {
        (d as Linked)[PARENT] = target;
        this.register(kind, d);
      }
      return;
    }
    for (const [name, ids] of outerIds(target)) {
      for (const id of ids) {
        const local = this.own?.get(name);
        if (local) {
          if (local.identifier === id) continue;
          checkCollision(local, kind, name);
          local.reassign(declaration);
        } else (this.own ??= new Map()).set(name, new Binding(id, this, declaration, kind));
      }
    }
  }

  /** Babel's `scope.bindings[name] = …` for a class declaration's own name inside the class. */
  alias(name: string, binding: Binding | undefined): void {
    if (binding) (this.own ??= new Map()).set(name, binding);
    else this.own?.delete(name);
  }
}

function checkCollision(local: Binding, kind: BindingKind, name: string): void {
  if (kind === 'param' || local.kind === 'local') return;
  if (kind === 'let' || local.kind === 'let' || local.kind === 'const' || local.kind === 'module' || (local.kind === 'param' && kind === 'const')) {
    throw new TypeError(`Duplicate declaration "${name}"`);
  }
}

// ------------------------------------------------------------------------------------------------ paths

/**
 * A node with its parent and scope, as the code model and the value resolver walk them: the subset of Babel's
 * NodePath they use. One per node, made on first use.
 */
export class NodePath<T extends t.Node = t.Node> {
  /** Set by a `traverse` visitor: do not enter this node's children. */
  skipped = false;

  constructor(
    readonly node: T,
    private readonly parentNode?: t.Node,
  ) {}

  get parentPath(): NodePath | null {
    const parent = this.parentNode ?? (this.node as Linked | undefined)?.[PARENT];
    return parent ? pathOf(parent) : null;
  }

  get parent(): t.Node | undefined {
    return this.parentNode ?? (this.node as Linked | undefined)?.[PARENT];
  }

  /** The scope the node is in (its own for a scope node), as Babel's `path.scope`. */
  get scope(): Scope {
    let n = (this.node ?? this.parentNode) as Linked | undefined;
    while (n) {
      if (n[SCOPE]) return n[SCOPE];
      const parent = n[PARENT] as Linked | undefined;
      // Babel's setScope: a method's key and decorators, and a switch's discriminant, are outside its scope.
      n = parent && outsideOf(n, parent) ? (parent[PARENT] as Linked | undefined) : parent;
    }
    throw new Error('node outside a resolved program');
  }

  /** `get('init')`, `get('arguments')` (an array of paths), `get('arguments.0')`. */
  get(key: string): any {
    let cur: NodePath | NodePath[] = this as NodePath;
    for (const part of key.split('.')) {
      if (Array.isArray(cur)) cur = cur[Number(part)] ?? new NodePath(undefined as unknown as t.Node, undefined);
      else cur = childPath(cur, part);
    }
    return cur;
  }

  findParent(test: (p: NodePath) => boolean): NodePath | null {
    for (let p = this.parentPath; p; p = p.parentPath) if (test(p)) return p;
    return null;
  }

  getFunctionParent(): NodePath<t.Function> | null {
    return this.findParent((p) => p.isFunction()) as NodePath<t.Function> | null;
  }

  skip(): void {
    this.skipped = true;
  }

  /**
   * Visits the descendants in source order (not the node itself), as Babel's `path.traverse`: a visitor is keyed
   * by node type or by `Function` / `Class`; `skip()` in a visitor leaves that node's children out.
   */
  traverse(visitors: Record<string, (p: NodePath<any>) => void>): void {
    if (!this.node) return;
    const stack: t.Node[] = [];
    pushChildren(this.node, stack);
    while (stack.length) {
      const node = stack.pop()!;
      const fn = visitors[node.type] ?? (FUNCTION.has(node.type) ? visitors.Function : CLASS.has(node.type) ? visitors.Class : undefined);
      if (fn) {
        const p = pathOf(node);
        p.skipped = false;
        fn(p);
        if (p.skipped) continue;
      }
      pushChildren(node, stack);
    }
  }

  private is(type: string): boolean {
    return this.node?.type === type;
  }
  isIdentifier(): this is NodePath<t.Identifier> {
    return this.is('Identifier');
  }
  isThisExpression(): this is NodePath<t.ThisExpression> {
    return this.is('ThisExpression');
  }
  isCallExpression(): this is NodePath<t.CallExpression> {
    return this.is('CallExpression');
  }
  isNewExpression(): this is NodePath<t.NewExpression> {
    return this.is('NewExpression');
  }
  isMemberExpression(): this is NodePath<t.MemberExpression> {
    return this.is('MemberExpression');
  }
  isOptionalMemberExpression(): this is NodePath<t.OptionalMemberExpression> {
    return this.is('OptionalMemberExpression');
  }
  isAssignmentExpression(): this is NodePath<t.AssignmentExpression> {
    return this.is('AssignmentExpression');
  }
  isAssignmentPattern(): this is NodePath<t.AssignmentPattern> {
    return this.is('AssignmentPattern');
  }
  isVariableDeclarator(): this is NodePath<t.VariableDeclarator> {
    return this.is('VariableDeclarator');
  }
  isFunctionDeclaration(): this is NodePath<t.FunctionDeclaration> {
    return this.is('FunctionDeclaration');
  }
  isClassDeclaration(): this is NodePath<t.ClassDeclaration> {
    return this.is('ClassDeclaration');
  }
  isClassExpression(): this is NodePath<t.ClassExpression> {
    return this.is('ClassExpression');
  }
  isArrowFunctionExpression(): this is NodePath<t.ArrowFunctionExpression> {
    return this.is('ArrowFunctionExpression');
  }
  isBlockStatement(): this is NodePath<t.BlockStatement> {
    return this.is('BlockStatement');
  }
  isSpreadElement(): this is NodePath<t.SpreadElement> {
    return this.is('SpreadElement');
  }
  isObjectProperty(): this is NodePath<t.ObjectProperty> {
    return this.is('ObjectProperty');
  }
  isObjectMethod(): this is NodePath<t.ObjectMethod> {
    return this.is('ObjectMethod');
  }
  isJSXAttribute(): this is NodePath<t.JSXAttribute> {
    return this.is('JSXAttribute');
  }
  isJSXExpressionContainer(): this is NodePath<t.JSXExpressionContainer> {
    return this.is('JSXExpressionContainer');
  }
  isProgram(): this is NodePath<t.Program> {
    return this.is('Program');
  }
  isFunction(): this is NodePath<t.Function> {
    return !!this.node && FUNCTION.has(this.node.type);
  }
  isClass(): this is NodePath<t.Class> {
    return !!this.node && CLASS.has(this.node.type);
  }
  isExpression(): this is NodePath<t.Expression> {
    return !!this.node && isExpression(this.node);
  }
}

/** The path of a node (its parent from the resolving pass). */
export function pathOf<T extends t.Node>(node: T): NodePath<T> {
  const n = node as T & Linked;
  return (n[PATH] ??= new NodePath(node)) as NodePath<T>;
}

function childPath(path: NodePath, key: string): NodePath | NodePath[] {
  const parent = path.node;
  const v = parent ? (parent as unknown as Record<string, unknown>)[key] : undefined;
  const link = (c: t.Node) => {
    const l = c as Linked;
    if (!l[PARENT]) l[PARENT] = parent;
    return pathOf(c);
  };
  if (Array.isArray(v)) return v.map((c) => (c ? link(c as t.Node) : new NodePath(c as t.Node, parent)));
  return v && typeof (v as t.Node).type === 'string' ? link(v as t.Node) : new NodePath(v as t.Node, parent);
}

// ------------------------------------------------------------------------------------------------ the pass

/** What the reader's analysis visits, in Babel's traversal order, outside skipped statements. */
export type Visited = Array<
  t.CallExpression | t.NewExpression | t.OptionalCallExpression | t.JSXOpeningElement | t.ObjectExpression | t.ImportDeclaration | t.ExportNamedDeclaration | t.ExportAllDeclaration | t.ImportExpression
>;

export interface Resolved {
  program: NodePath<t.Program>;
  visited: Visited;
}

const HANDLED_DECLARATIONS = new Set([
  'FunctionDeclaration',
  'VariableDeclaration',
  'ClassDeclaration',
  'ExportAllDeclaration',
  'ExportDefaultDeclaration',
  'ExportNamedDeclaration',
  'ImportDeclaration',
  'TSImportEqualsDeclaration',
]);
let otherDeclarations: Set<string> | undefined;
const VISITED = new Set([
  'CallExpression',
  'NewExpression',
  'OptionalCallExpression',
  'JSXOpeningElement',
  'ObjectExpression',
  'ImportDeclaration',
  'ExportNamedDeclaration',
  'ExportAllDeclaration',
  'ImportExpression',
]);

/**
 * Resolves the scopes of a parsed file (once per AST) and collects what the analysis visits. Statements in
 * `skip` are resolved but their nodes are not collected. Throws as Babel's crawl does on a duplicate let/const.
 */
export function resolveScopes(ast: t.File, skip?: ReadonlySet<t.Node>): Resolved {
  const file = ast as t.File & Linked;
  if (file[RESOLVED]) return file[RESOLVED];
  const keysOf = VISITOR_KEYS;
  const visited: Visited = [];
  const program = ast.program as t.Program & Linked;
  program[PARENT] = ast;
  // Deferred as in Babel's crawl: exports are referenced at their exit (before any identifier), then assignments,
  // identifier references and the other constant violations once every declaration is known.
  const exports: Array<[t.Node, Scope]> = [];
  const assignments: Array<[t.Node, Scope]> = [];
  const refNodes: t.Node[] = [];
  const refScopes: Scope[] = [];
  const violations: Array<[t.Node, Scope]> = [];

  const nodes: Linked[] = [program];
  const scopes: Array<Scope | undefined> = [undefined];
  const skipping: boolean[] = [false];
  while (nodes.length) {
    const node = nodes.pop()!;
    const outer = scopes.pop();
    let skipped = skipping.pop()!;
    const parent = node[PARENT];
    const type = node.type;
    let scope = outer!;
    if (type === 'Program' || isScope(node, parent)) node[SCOPE] = scope = new Scope(node, outer);
    if (!skipped && skip?.has(node)) skipped = true;

    switch (type) {
      case 'Identifier':
      case 'JSXIdentifier': {
        const grand = parent ? (parent as Linked)[PARENT] : undefined;
        if (!parent) break;
        if (type === 'JSXIdentifier' && parent.type !== 'JSXMemberExpression' && /^[a-z]/.test((node as t.JSXIdentifier).name)) break;
        if (!isReferenced(node, parent, grand)) break;
        if (parent.type === 'TSQualifiedName' && parent.right === node) break;
        if (parent.type === 'TSImportEqualsDeclaration') break;
        refNodes.push(node);
        refScopes.push(scope);
        break;
      }
      case 'VariableDeclaration':
        if ((node as t.VariableDeclaration).kind === 'var') scope.functionParent().register('var', node);
        else {
          const kind = (node as t.VariableDeclaration).kind;
          scope.blockParent().register(kind === 'using' || kind === 'await using' ? 'const' : (kind as BindingKind), node);
        }
        break;
      case 'FunctionDeclaration':
      case 'ClassDeclaration': {
        let s = scope;
        if (s.node === node) s = s.parent!;
        const block = s.blockParent();
        const id = (node as t.FunctionDeclaration | t.ClassDeclaration).id;
        if (type === 'FunctionDeclaration') {
          if (id) block.register('hoisted', id, node);
        } else if (!(node as t.ClassDeclaration).declare) block.register('let', node);
        if (type === 'ClassDeclaration' && id) scope.alias(id.name, scope.parent!.getBinding(id.name));
        break;
      }
      case 'ImportDeclaration': {
        const imp = node as t.ImportDeclaration;
        const block = scope.blockParent();
        const typeOnly = imp.importKind === 'type' || imp.importKind === 'typeof';
        for (const sp of imp.specifiers) {
          const typeSpec = typeOnly || (sp.type === 'ImportSpecifier' && (sp.importKind === 'type' || sp.importKind === 'typeof'));
          block.register(typeSpec ? 'unknown' : 'module', sp);
        }
        break;
      }
      case 'TSImportEqualsDeclaration':
        scope.functionParent().register('unknown', node);
        scope.blockParent().register('unknown', node);
        break;
      case 'CatchClause':
        scope.register('let', node);
        break;
      case 'ClassExpression':
        if ((node as t.ClassExpression).id) scope.register('local', (node as t.ClassExpression).id!, node);
        break;
      case 'AssignmentExpression':
        assignments.push([node, scope]);
        break;
      case 'UpdateExpression':
        violations.push([node, scope]);
        break;
      case 'UnaryExpression':
        if ((node as t.UnaryExpression).operator === 'delete') violations.push([node, scope]);
        break;
      case 'ForInStatement':
      case 'ForOfStatement': {
        const left = (node as t.ForInStatement).left;
        if (PATTERN.has(left.type) || left.type === 'Identifier') violations.push([node, scope]);
        break;
      }
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
        exports.push([node, scope]);
        break;
      case 'TSTypeAnnotation':
        continue; // Babel's crawl skips type annotations; nothing the analysis visits is inside one
      default:
        // TypeScript and Flow declarations (enum, namespace, interface, type alias, declare …): Babel binds their
        // names as 'unknown' in the function (or program) scope.
        if ((otherDeclarations ??= new Set([...DECLARATION_TYPES].filter((d) => !HANDLED_DECLARATIONS.has(d)))).has(type)) {
          scope.functionParent().register('unknown', node);
        }
    }
    if (FUNCTION.has(type)) {
      const fn = node as t.Function;
      for (const param of fn.params) {
        (param as Linked)[PARENT] = node;
        scope.register('param', param);
      }
      if (type === 'FunctionExpression' && (fn as t.FunctionExpression).id) scope.register('local', (fn as t.FunctionExpression).id!, node);
    }

    if (!skipped && VISITED.has(type)) visited.push(node as Visited[number]);

    const keys = keysOf[type];
    if (!keys) continue;
    const method = METHOD.has(type);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      const child = (node as unknown as Record<string, unknown>)[key];
      // Babel's setScope: a method's key and decorators, a switch's discriminant, resolve around it.
      const inner = (method && (key === 'key' || key === 'decorators')) || (key === 'discriminant' && type === 'SwitchStatement') ? outer! : scope;
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const c = child[i] as Linked | null;
          if (c && typeof c.type === 'string') {
            c[PARENT] = node;
            nodes.push(c);
            scopes.push(inner);
            skipping.push(skipped);
          }
        }
      } else if (child && typeof (child as t.Node).type === 'string') {
        const c = child as Linked;
        c[PARENT] = node;
        nodes.push(c);
        scopes.push(inner);
        skipping.push(skipped);
      }
    }
  }

  for (const [node, scope] of exports) {
    const decl = (node as t.ExportNamedDeclaration).declaration;
    if (!decl) continue;
    if (decl.type === 'ClassDeclaration' || decl.type === 'FunctionDeclaration') {
      if (decl.id) scope.getBinding(decl.id.name)?.references.push(node);
    } else if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations) for (const [name] of outerIds(d)) scope.getBinding(name)?.references.push(node);
    }
  }
  for (const [node, scope] of assignments) for (const name of assignedNames(node)) scope.getBinding(name)?.reassign(node);
  for (let i = 0; i < refNodes.length; i++) {
    const node = refNodes[i] as t.Identifier;
    refScopes[i]!.getBinding(node.name)?.references.push(node);
  }
  for (const [node, scope] of violations) for (const name of assignedNames(node)) scope.getBinding(name)?.reassign(node);

  const resolved: Resolved = { program: pathOf(ast.program), visited };
  file[RESOLVED] = resolved;
  return resolved;
}
