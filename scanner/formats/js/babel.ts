// Babel entry points for the JS analysis: one parse configuration and an ESM-safe handle on @babel/traverse.
import { parse, type ParserOptions } from '@babel/parser';
import * as traverseModule from '@babel/traverse';
import type { NodePath, TraverseOptions, Visitor } from '@babel/traverse';
import type * as t from '@babel/types';

export type { NodePath, Visitor };

type TraverseFn = (parent: t.Node, opts?: TraverseOptions, scope?: unknown, state?: unknown) => void;
// @babel/traverse is CommonJS: under Node ESM its default import is `module.exports`, whose `.default` is the function.
const traverseDefault = (traverseModule as unknown as { default: TraverseFn & { default?: TraverseFn } }).default;
export const traverse: TraverseFn = traverseDefault.default ?? traverseDefault;

const baseOptions: ParserOptions = {
  sourceType: 'unambiguous',
  errorRecovery: true,
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowUndeclaredExports: true,
  allowSuperOutsideMethod: true,
  allowNewTargetOutsideFunction: true,
  // Bundles rely on sloppy-mode forms (octal escapes, `with`) that strict parsing of modules rejects.
  strictMode: false,
  attachComment: false,
  tokens: false,
};

export interface ParseOutcome {
  ast?: t.File;
  /** Recoverable errors Babel reported (the AST is still usable). */
  errors: string[];
  /** Set when no AST could be built. */
  fatal?: string;
}

/**
 * Parses without JSX first (JSX can misread `a < b > c`-style minified code), then with JSX if the first
 * attempt failed outright or recovered from errors, keeping whichever attempt recovered from fewer errors.
 */
export function parseJs(code: string): ParseOutcome {
  const attempt = (plugins: ParserOptions['plugins']): ParseOutcome => {
    try {
      const ast = parse(code, { ...baseOptions, plugins });
      const errors = ((ast as { errors?: Array<{ message: string }> }).errors ?? []).map((e) => e.message);
      return { ast, errors };
    } catch (e) {
      return { errors: [], fatal: (e as Error).message };
    }
  };
  const plain = attempt([]);
  if (plain.ast && plain.errors.length === 0) return plain;
  const jsx = attempt(['jsx']);
  if (!plain.ast) return jsx.ast ? jsx : plain;
  if (jsx.ast && jsx.errors.length < plain.errors.length) return jsx;
  return plain;
}
