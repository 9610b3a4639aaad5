// Which bundles a batch scan covers. A folder given to `--batch` is a collection of apps: each of its direct
// children that is an archive, a sub-folder or a standalone JS/Hermes bundle is one bundle; deeper entries belong to
// the bundle that contains them. A file given directly is one bundle. Hidden entries, symbolic links and other
// loose files are left out (and listed), so a stray README or a link out of the audit folder never becomes an "app".
import { lstat, readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

/** Archive names the input layer opens (scanner/input/walk.ts) and standalone bundles worth scanning on their own. */
const ARCHIVE = /\.(ipa|apk|aab|xapk|apks|zip|jar|aar)$/i;
const STANDALONE = /\.(m?js|cjs|jsbundle|bundle|hbc)$/i;

export interface BatchBundle {
  /** Unique name: the entry's base name, with `~2`, `~3` … when two inputs share one. Sorts the batch. */
  name: string;
  /** Path as the scanner is given it (relative to cwd when the input was). */
  path: string;
}

export interface Discovery {
  bundles: BatchBundle[];
  /** Entries of a batch folder that are not bundles, with why. */
  skipped: Array<{ path: string; reason: string }>;
}

export class DiscoveryError extends Error {}

/** Byte order of the UTF-16 code units: locale-independent, so every machine of a CI matrix agrees. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function discoverBundles(paths: string[], cwd: string): Promise<Discovery> {
  const found: BatchBundle[] = [];
  const skipped: Discovery['skipped'] = [];
  for (const p of paths) {
    let st;
    try {
      st = await lstat(resolve(cwd, p));
    } catch (e) {
      throw new DiscoveryError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!st.isDirectory()) {
      // A file named on the command line is a bundle whatever its name; the input layer decides how to read it.
      found.push({ name: basename(p), path: p });
      continue;
    }
    const entries = await readdir(resolve(cwd, p), { withFileTypes: true });
    for (const e of entries) {
      const child = join(p, e.name);
      if (e.name.startsWith('.')) skipped.push({ path: child, reason: 'hidden' });
      else if (e.isSymbolicLink()) skipped.push({ path: child, reason: 'symbolic link' });
      else if (e.isDirectory()) found.push({ name: e.name, path: child });
      else if (e.isFile() && (ARCHIVE.test(e.name) || STANDALONE.test(e.name))) found.push({ name: e.name, path: child });
      else skipped.push({ path: child, reason: e.isFile() ? 'not an archive or a JS/Hermes bundle' : 'not a file or folder' });
    }
  }
  return { bundles: uniqueNames(found), skipped: skipped.sort((a, b) => compareNames(a.path, b.path)) };
}

/** Sorts by name (then path) and suffixes repeated names, so names stay unique and stable for the same inputs. */
function uniqueNames(bundles: BatchBundle[]): BatchBundle[] {
  const sorted = [...bundles].sort((a, b) => compareNames(a.name, b.name) || compareNames(a.path, b.path));
  const seen = new Map<string, number>();
  const taken = new Set(sorted.map((b) => b.name));
  const out: BatchBundle[] = [];
  for (const b of sorted) {
    const n = (seen.get(b.name) ?? 0) + 1;
    seen.set(b.name, n);
    if (n === 1) {
      out.push(b);
      continue;
    }
    let k = n;
    while (taken.has(`${b.name}~${k}`)) k++;
    taken.add(`${b.name}~${k}`);
    out.push({ name: `${b.name}~${k}`, path: b.path });
  }
  return out.sort((a, b) => compareNames(a.name, b.name));
}

/**
 * A bundle name made safe for a file name and a SARIF category: characters other than letters, digits, `.`, `_`,
 * `-` and `~` become `_`; a leading dot is dropped so no report file is hidden.
 */
export function safeName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._~-]/g, '_').replace(/^\.+/, '');
  return s === '' ? '_' : s.slice(0, 200);
}

/** File-safe names for every bundle, unique even when two names sanitize (or case-fold) to the same string. */
export function fileNames(bundles: BatchBundle[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const b of bundles) {
    const base = safeName(b.name);
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}~${k}`;
    used.add(name.toLowerCase());
    out.set(b.name, name);
  }
  return out;
}
