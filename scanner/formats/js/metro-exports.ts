// What one Metro module of the app hands another: Babel compiles `export default useCallEngine` /
// `export function presenceUrl` to `exports.default = useCallEngine` / `exports.presenceUrl = presenceUrl` at the
// factory's top level (chained in `var _default = exports.default = …`, or in a sequence), and the importing module
// calls it as `(0, _useCallEngine2.default)(channel)` on `_interopRequireDefault(require(dependencyMap[i]))`.
import type * as t from '@babel/types';
import { pathOf, type NodePath } from './scope.js';
import type { ModuleUnit } from './modules.js';

const MAX_STATEMENTS = 2000;

/** The factory's `exports` parameter name (Metro: parameter 5). */
function exportsParam(factory: t.Function | t.ObjectMethod): string | undefined {
  const p = factory.params[5];
  return p?.type === 'Identifier' ? p.name : undefined;
}

/** Right sides assigned to `exports.<name>` in one expression (chains and sequences included). */
function assignedExports(e: t.Node, exportsName: string, name: string, out: t.Node[]): void {
  if (e.type === 'SequenceExpression') for (const x of e.expressions) assignedExports(x, exportsName, name, out);
  else if (e.type === 'AssignmentExpression' && e.operator === '=') {
    const l = e.left;
    const named = l.type === 'MemberExpression' && l.object.type === 'Identifier' && l.object.name === exportsName && (l.computed ? l.property.type === 'StringLiteral' && l.property.value === name : l.property.type === 'Identifier' && l.property.name === name);
    if (named) out.push(e.right);
    assignedExports(e.right, exportsName, name, out);
  }
}

/** The function a Metro module of the app exports under `name`, as a path inside its factory. */
export function metroExportedFunction(unit: ModuleUnit, name: string): NodePath<t.Function> | undefined {
  const factory = unit.factory;
  const exportsName = factory ? exportsParam(factory) : undefined;
  if (!factory || !exportsName || factory.body.type !== 'BlockStatement') return undefined;
  const values: t.Node[] = [];
  for (const s of factory.body.body.slice(0, MAX_STATEMENTS)) {
    if (s.type === 'ExpressionStatement') assignedExports(s.expression, exportsName, name, values);
    else if (s.type === 'VariableDeclaration') for (const d of s.declarations) if (d.init) assignedExports(d.init, exportsName, name, values);
  }
  for (const v of values) {
    if (v.type === 'FunctionExpression' || v.type === 'ArrowFunctionExpression') return pathOf(v) as NodePath<t.Function>;
    if (v.type !== 'Identifier') continue;
    const decl = pathOf(v).scope.getBinding(v.name)?.path;
    if (decl?.isFunctionDeclaration()) return decl;
    if (decl?.isVariableDeclarator()) {
      const init = decl.get('init') as NodePath;
      if (init.isFunction()) return init;
    }
  }
  return undefined;
}
