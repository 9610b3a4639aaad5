// Babel's parser (CommonJS), loaded on first use. The bundled CLI (scripts/bundle.mjs) ships it as one file beside
// its chunks, which loads faster; the compiled tree and the tests load it from node_modules. The bundle's file runs
// with the V8 code cache the build made of it (core/code-cache.ts) when that is valid: ~30 ms less of a cold start.
// @babel/types is not loaded at all: the AST walks use its tables as data (babel-tables.ts, babel-bindings.ts).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCommonJs } from '../../core/code-cache.js';

/** Set by the bundler: the single-file copy of the parser, relative to the bundle's chunks. */
declare const RTCSCAN_BABEL_BUNDLE: string | undefined;

const requireHere = createRequire(import.meta.url);

export interface BabelPackages {
  readonly parser: typeof import('@babel/parser');
}

let packages: BabelPackages | undefined;
function load(): BabelPackages {
  if (typeof RTCSCAN_BABEL_BUNDLE === 'string') return loadCommonJs(fileURLToPath(new URL(RTCSCAN_BABEL_BUNDLE, import.meta.url))).exports as BabelPackages;
  return {
    get parser() {
      return requireHere('@babel/parser') as typeof import('@babel/parser');
    },
  };
}

/** The packages; the parser loads the first time it is read. */
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
