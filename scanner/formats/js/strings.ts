// Collects string facts from a parsed JS file: literals, template quasis, property names and comments.
// Walks the AST with an explicit stack (no recursion: minified bundles nest deeply).
import { pushChildren } from './children.js';
import type * as t from '@babel/types';
import type { StringKind } from '../../core/facts.js';

/** Babel-style positions: 1-based lines, 0-based columns. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A string with its character offsets and position. */
export interface RawString extends Span {
  value: string;
  kind: Extract<StringKind, 'literal' | 'identifier' | 'comment'>;
  start: number;
  end: number;
  /** Outline only: the literal is an operand of `===`, `!==`, `==` or `!=` (a value tested, not one built on). */
  compared?: boolean;
  /** The name the literal is bound to: `const APP_ID = "…"`, `{ secret: "…" }`, `cfg.token = "…"`. */
  binding?: string;
  /** The binding qualified by the object keys and variable it is nested in: `tencent.trtc.appid`. */
  bindingPath?: string;
  /** The literal names a module (`import … from "socket.io"`, `require("x")`, `import("x")`), not data. */
  module?: true;
}

/** Shortest property/declaration name worth keeping: shorter ones are mostly minifier output. */
const MIN_IDENTIFIER = 3;

function raw(value: string, kind: RawString['kind'], n: { start?: number | null; end?: number | null }, loc: t.SourceLocation): RawString {
  return { value, kind, start: n.start ?? 0, end: n.end ?? 0, line: loc.start.line, column: loc.start.column, endLine: loc.end.line, endColumn: loc.end.column };
}

/** An integer that may be an App ID: six digits or more (smaller numbers bound to names are sizes and counts). */
function isIdNumber(v: number): boolean {
  return Number.isSafeInteger(v) && v >= 100000;
}

/**
 * The strings of a parsed file. `numbers`: also integers bound to a name (`APP_ID = 1343413567`), as literals —
 * what the reader wants; the tokenizer-level outline has no numbers, so comparisons with it leave them out.
 */
export function collectStrings(ast: t.File, opts: { numbers?: boolean } = {}): RawString[] {
  const out: RawString[] = [];
  const seenIds = new Set<string>();
  const addId = (node: t.Node | null | undefined) => {
    if (!node || node.type !== 'Identifier' || node.name.length < MIN_IDENTIFIER || !node.loc) return;
    if (seenIds.has(node.name)) return;
    seenIds.add(node.name);
    out.push(raw(node.name, 'identifier', node, node.loc));
  };
  // Names literals are bound to, noted at the binding node and read when the literal itself is visited.
  const bindings = new Map<t.Node, string>();
  // Object literals' qualified names (`Vue.prototype.tencent = {trtc: {…}}` → `tencent`, then `tencent.trtc`), so
  // a value deep in a config object keeps the keys that say whose it is.
  const paths = new Map<t.Node, string>();
  const qualified = new Map<t.Node, string>();
  const bind = (name: t.Node | null | undefined, value: t.Node | null | undefined, parent?: t.Node) => {
    if (!value || !name) return;
    const n = name.type === 'Identifier' ? name.name : name.type === 'StringLiteral' ? name.value : name.type === 'MemberExpression' && !name.computed && name.property.type === 'Identifier' ? name.property.name : undefined;
    if (!n) return;
    const prefix = parent ? paths.get(parent) : undefined;
    const path = prefix ? `${prefix}.${n}` : n;
    if (value.type === 'ObjectExpression') paths.set(value, path);
    // A number bound to a name (`sdkAppID: 1400423544`, `export const APP_ID = 1343413567`) is kept like a string:
    // numeric App IDs are credentials by the name they are bound to.
    if (value.type !== 'StringLiteral' && !(opts.numbers && value.type === 'NumericLiteral' && isIdNumber(value.value))) return;
    bindings.set(value, n);
    if (prefix) qualified.set(value, path);
  };
  const modules = new Set<t.Node>();
  const stack: t.Node[] = [ast.program];
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        if (node.source) modules.add(node.source);
        break;
      case 'CallExpression':
        if (node.arguments[0] && ((node.callee.type === 'Identifier' && node.callee.name === 'require') || node.callee.type === 'Import')) modules.add(node.arguments[0]);
        break;
      case 'ImportExpression':
        modules.add(node.source);
        break;
      case 'VariableDeclarator':
        bind(node.id, node.init);
        break;
      case 'AssignmentExpression':
        bind(node.left, node.right);
        break;
      case 'NumericLiteral': {
        const b = bindings.get(node);
        if (b && node.loc) {
          const r = raw(String(node.value), 'literal', node, node.loc);
          r.binding = b;
          const q = qualified.get(node);
          if (q) r.bindingPath = q;
          out.push(r);
        }
        break;
      }
      case 'StringLiteral':
      case 'DirectiveLiteral':
        if (node.loc) {
          const r = raw(node.value, 'literal', node, node.loc);
          const b = bindings.get(node);
          if (b) r.binding = b;
          const q = qualified.get(node);
          if (q) r.bindingPath = q;
          if (modules.has(node)) r.module = true;
          out.push(r);
        }
        break;
      case 'TemplateElement':
        if (node.loc) {
          const value = node.value.cooked ?? node.value.raw;
          if (value) out.push(raw(value, 'literal', node, node.loc));
        }
        break;
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        if (!node.computed) addId(node.property);
        break;
      case 'ObjectProperty':
      case 'ObjectMethod':
      case 'ClassMethod':
      case 'ClassProperty':
        if (!node.computed) addId(node.key);
        if (!node.computed && node.type === 'ClassProperty') bind(node.key, node.value as t.Node | null);
        break;
      case 'ObjectExpression':
        // Bound here rather than at each property: the property does not know the object it is in.
        for (const p of node.properties) if (p.type === 'ObjectProperty' && !p.computed) bind(p.key, p.value as t.Node, node);
        break;
      case 'FunctionDeclaration':
      case 'ClassDeclaration':
        addId(node.id);
        break;
      default:
        break;
    }
    pushChildren(node, stack);
  }
  for (const c of ast.comments ?? []) {
    const value = c.value.trim();
    if (value && c.loc) out.push(raw(value, 'comment', c, c.loc));
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}
