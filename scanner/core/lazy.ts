// npm packages that only some inputs need (YAML, XML, plist, source maps, public suffixes, globbing, zip, threads)
// are loaded on first use, synchronously through require (each ships CommonJS): a one-file scan or `--version`
// pays for none it does not use. Types come from `typeof import('pkg')`.
import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/** A getter that loads `name` the first time it is called. */
export function lazyPackage<T>(name: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= requireHere(name) as T);
}
