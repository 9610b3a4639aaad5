// Babel's packages (parser, types: CommonJS, loaded from node_modules as many files), each loaded on first use. The
// bundled CLI (scripts/bundle.mjs) ships them as one file beside its chunks, which loads faster; the compiled tree
// and the tests load them from node_modules. One copy either way: the AST walks (children.ts, hoisted.ts, scope.ts)
// see the same @babel/types. The bundle's file runs with
// the V8 code cache the build made of it (core/code-cache.ts) when that is valid: ~30 ms less of a cold start.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCommonJs } from '../../core/code-cache.js';

/** Set by the bundler: the single-file copy of the three packages, relative to the bundle's chunks. */
declare const RTCSCAN_BABEL_BUNDLE: string | undefined;

const requireHere = createRequire(import.meta.url);

export interface BabelPackages {
  readonly parser: typeof import('@babel/parser');
  readonly types: typeof import('@babel/types');
}

let packages: BabelPackages | undefined;
function load(): BabelPackages {
  if (typeof RTCSCAN_BABEL_BUNDLE === 'string') return loadCommonJs(fileURLToPath(new URL(RTCSCAN_BABEL_BUNDLE, import.meta.url))).exports as BabelPackages;
  return {
    get parser() {
      return requireHere('@babel/parser') as typeof import('@babel/parser');
    },
    get types() {
      return requireHere('@babel/types') as typeof import('@babel/types');
    },
  };
}

/** The packages; each property loads its package the first time it is read. */
export function babelPackages(): BabelPackages {
  return (packages ??= load());
}

/**
 * The packages every later `babelPackages()` returns (first call wins): the build's code-cache warm run
 * (scripts/code-cache.mjs) runs the compiled readers on the bundle's copy, so the cache holds what a scan compiles.
 */
export function useBabelPackages(p: BabelPackages): BabelPackages {
  return (packages ??= p);
}
