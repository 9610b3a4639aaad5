// A CommonJS file run with V8's compiled code from a build-time cache: the bin's Babel (dist/cli/babel.cjs, 1.6 MB)
// costs ~85 ms of a cold start to compile and run, a third of it compiling, which V8 skips when handed the code it
// compiled in the build's warm run (scripts/code-cache.mjs). Node 20 has no compile cache of its own (22.1 has
// module.enableCompileCache, which the bin also turns on).
// The cache is only read, never written at scan time (the build writes it beside the file). It is used only when
// it is this file's (a SHA-256 over the source and the cache, written with it) and V8 accepts it
// (`cachedDataRejected === false`: same V8 version and flags); otherwise the file is compiled as without one — the
// same code either way, so the same results. V8's own checks do not cover every corrupted byte (release builds skip
// the payload checksum), hence the digest.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nodeModule, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { debuglog } from 'node:util';
import vm from 'node:vm';

const MAGIC = Buffer.from('rtcscan-v8-code-cache/1\n', 'latin1');
const DIGEST = 32;

/** What became of a file's code cache: none there, not this file's or damaged, refused by V8, or used. */
export type CodeCacheOutcome = 'absent' | 'invalid' | 'rejected' | 'used';

export interface LoadedCommonJs {
  exports: unknown;
  /** The compiled script: the build takes its code cache after a warm run (`codeCacheBytes`). */
  script: vm.Script;
  outcome: CodeCacheOutcome;
  /** The source text as compiled (the cache is bound to these bytes). */
  source: Buffer;
}

/** `NODE_DEBUG=rtcscan` prints each outcome on stderr (how the tests see that a cache was used). */
const debug = debuglog('rtcscan');

/** The cache file of `file`: beside it, `<file>.v8cache`. */
export function codeCacheFile(file: string): string {
  return `${file}.v8cache`;
}

/** Node's CommonJS wrapper: the file runs as require() would run it. */
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

function digest(source: Buffer, data: Buffer): Buffer {
  return createHash('sha256').update(source).update(data).digest();
}

/** The cache file's bytes for V8's cached data `data` of `source`: magic, digest over both, then the data. */
export function codeCacheBytes(source: Buffer, data: Buffer): Buffer {
  return Buffer.concat([MAGIC, digest(source, data), data]);
}

/** V8's cached data when `bytes` is a cache file written for exactly `source`; otherwise undefined. */
function cachedDataOf(source: Buffer, bytes: Buffer | undefined): Buffer | undefined {
  if (!bytes || bytes.length <= MAGIC.length + DIGEST || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = bytes.subarray(MAGIC.length + DIGEST);
  return digest(source, data).equals(bytes.subarray(MAGIC.length, MAGIC.length + DIGEST)) ? data : undefined;
}

function readOptional(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Runs the CommonJS file `file` as require() would (a module registered in require's cache under its path, with
 * its own require), compiled with the code cache `cacheFile` when that is valid for it (see above).
 */
export function loadCommonJs(file: string, cacheFile = codeCacheFile(file)): LoadedCommonJs {
  const source = readFileSync(file);
  const cache = readOptional(cacheFile);
  const cachedData = cachedDataOf(source, cache);
  // The bundles are ASCII (scripts/bundle.mjs escapes the rest): latin1 decodes them as utf8 would, into a one-byte
  // string (a file with one character above U+007F decodes into a two-byte string of twice the size).
  const text = source.toString(isAscii(source) ? 'latin1' : 'utf8');
  const script = new vm.Script(wrap(text), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const outcome: CodeCacheOutcome = !cache ? 'absent' : !cachedData ? 'invalid' : script.cachedDataRejected === false ? 'used' : 'rejected';
  debug('code cache of %s: %s', file, outcome);
  const require = createRequire(file);
  const mod = new nodeModule(file) as nodeModule & { filename: string; loaded: boolean; paths: string[] };
  mod.filename = file;
  // Where a require() from the module would look (Node's own helper; the module's `require` resolves on its own).
  const paths = (nodeModule as unknown as { _nodeModulePaths?: (dir: string) => string[] })._nodeModulePaths;
  mod.paths = typeof paths === 'function' ? paths(dirname(file)) : [];
  require.cache[file] = mod;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, require, mod, file, dirname(file));
  } catch (e) {
    delete require.cache[file];
    throw e;
  }
  mod.loaded = true;
  return { exports: mod.exports, script, outcome, source };
}
