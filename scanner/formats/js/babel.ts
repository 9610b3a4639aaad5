// Babel entry points for the JS analysis: one parse configuration and a handle on @babel/traverse. Both are
// CommonJS and loaded on first use (createRequire): a scan that parses no JS (a vendor build read from tokens, an
// app without scripts, `rtcscan --version`) never loads them (~100 ms of module loading on a cold start).
import { createRequire } from 'node:module';
import type { ParserOptions } from '@babel/parser';
import type { NodePath, TraverseOptions, Visitor } from '@babel/traverse';
import type * as t from '@babel/types';

export type { NodePath, Visitor };

const require = createRequire(import.meta.url);
type TraverseFn = ((parent: t.Node, opts?: TraverseOptions, scope?: unknown, state?: unknown) => void) & { cache?: { clear?: () => void } };
let parser: typeof import('@babel/parser') | undefined;
let traverseFn: TraverseFn | undefined;
function loadTraverse(): TraverseFn {
  // module.exports is `{ default: traverse, … }`.
  const m = require('@babel/traverse') as { default: TraverseFn };
  return (traverseFn = m.default);
}
/** @babel/traverse's default export (with its path `cache`), loaded on first call. */
export const traverse: TraverseFn = Object.defineProperty(
  (parent: t.Node, opts?: TraverseOptions, scope?: unknown, state?: unknown) => (traverseFn ?? loadTraverse())(parent, opts, scope, state),
  'cache',
  { get: () => (traverseFn ?? loadTraverse()).cache },
);

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
      const ast = (parser ??= require('@babel/parser') as typeof import('@babel/parser')).parse(code, { ...baseOptions, plugins });
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
