// Collects string facts from a parsed JS file: literals, template quasis, property names and comments.
// Walks the AST with an explicit stack (no recursion: minified bundles nest deeply).
import { pushChildren } from './children.js';
import type * as t from '@babel/types';
import type { StringKind } from '../../core/facts.js';

/** A string with its character offsets, before positions are converted and traced. */
export interface RawString {
  value: string;
  kind: Extract<StringKind, 'literal' | 'identifier' | 'comment'>;
  start: number;
  end: number;
  loc: t.SourceLocation;
  /** Outline only: the literal is an operand of `===`, `!==`, `==` or `!=` (a value tested, not one built on). */
  compared?: boolean;
}

/** Shortest property/declaration name worth keeping: shorter ones are mostly minifier output. */
const MIN_IDENTIFIER = 3;

export function collectStrings(ast: t.File): RawString[] {
  const out: RawString[] = [];
  const seenIds = new Set<string>();
  const addId = (node: t.Node | null | undefined) => {
    if (!node || node.type !== 'Identifier' || node.name.length < MIN_IDENTIFIER || !node.loc) return;
    if (seenIds.has(node.name)) return;
    seenIds.add(node.name);
    out.push({ value: node.name, kind: 'identifier', start: node.start ?? 0, end: node.end ?? 0, loc: node.loc });
  };
  const stack: t.Node[] = [ast.program];
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'StringLiteral':
      case 'DirectiveLiteral':
        if (node.loc) out.push({ value: node.value, kind: 'literal', start: node.start ?? 0, end: node.end ?? 0, loc: node.loc });
        break;
      case 'TemplateElement':
        if (node.loc) {
          const value = node.value.cooked ?? node.value.raw;
          if (value) out.push({ value, kind: 'literal', start: node.start ?? 0, end: node.end ?? 0, loc: node.loc });
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
    if (value && c.loc) out.push({ value, kind: 'comment', start: c.start ?? 0, end: c.end ?? 0, loc: c.loc });
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}
