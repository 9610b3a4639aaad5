// npm packages that only some inputs need (YAML, XML, plist, source maps, public suffixes, globbing, zip, threads)
// are loaded on first use, synchronously through require: a one-file scan or `--version` pays for none it does
// not use. Types come from `typeof import('pkg')`.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const requireHere = createRequire(import.meta.url);

/** A getter that loads `name` (a CommonJS package) the first time it is called. */
export function lazyPackage<T>(name: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= requireHere(name) as T);
}

/**
 * The same for a package that ships only ES modules (exports with an `import` condition alone, which require()
 * cannot resolve): resolved as `import` resolves it, then loaded synchronously by require(esm) (Node >= 20.19,
 * the engines floor; the module must not use top-level await).
 */
export function lazyEsmPackage<T>(name: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= requireHere(fileURLToPath(import.meta.resolve(name))) as T);
}
