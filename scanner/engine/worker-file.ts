// Which file a lane's worker runs. Beside the bundle (dist/cli, scripts/bundle.mjs) a worker's entry is a CommonJS
// file, `<name>.cjs`, that runs the worker's code (`<name>.body.cjs`) from V8's code cache (core/code-cache.ts): an
// ES module entry with chunks started Node's ES module loader in the worker (its internal modules, then resolving,
// reading, compiling and linking each chunk) and compiled every function it ran anew, on the IPA's critical path.
// In the compiled tree (dist/scanner) the worker is the ES module `<name>.js`; from TypeScript sources there is none.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The worker file `name` beside `base` (a module's URL): the bundle's CommonJS entry, else the ES module, else undefined. */
export function workerFile(name: string, base: string | URL): URL | undefined {
  for (const ext of ['.cjs', '.js']) {
    const file = new URL(`./${name}${ext}`, base);
    if (existsSync(fileURLToPath(file))) return file;
  }
  return undefined;
}
