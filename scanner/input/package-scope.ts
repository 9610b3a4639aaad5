// The npm package a file belongs to, the way Node resolves a module's package scope: the package.json in the
// nearest folder above the file, within the same container (a folder input, a zip or asar archive; never across
// `!/`). A vendor package copied out of node_modules (an unpacked npm tarball, `www/lib/<sdk>/`, `vendor/<sdk>/`)
// keeps its own package.json, which names it; an app's package.json names the app; a demo app inside a vendor's
// repository has its own (nearest wins).
//
// Only the input layer knows the listing, so the scope is computed here and handed to the engine with each artifact.
// It depends on the listing and those package.json files alone: the same whatever the walk order or worker count.
//
// A package's files are what npm publishes of it: with a `files` list (npm's allow-list, `!` excludes) only what it
// names, plus package.json, README, LICENSE and `main`. A vendor's repository checked out holds more under its
// package.json (yarn's own release in .yarn/, build scripts): that is not the SDK's code.
import { compileGlob, GlobError } from '../config/glob.js';

/** The package scope of a file: the folder holding the nearest package.json and the name it gives (if any). */
export interface PackageScope {
  /** Container-relative folder of the package.json (`` for the container's root). */
  dir: string;
  /** Its `name`, when a string. */
  name?: string;
  /** False when the package's `files` list leaves this file out of what npm publishes. */
  published: boolean;
}

/** What scopeAt keeps per folder: the package.json's folder, name and file filter. */
interface Manifest {
  dir: string;
  name?: string;
  publishes?: (relInPackage: string) => boolean;
}

/** package.json files larger than this are not read for their name (a manifest is a few KB). */
export const MAX_PACKAGE_JSON_BYTES = 256 * 1024;

/** One container's package scopes, cached per folder (each package.json is read at most once). */
export class PackageScopes {
  private readonly byDir = new Map<string, Promise<Manifest | undefined>>();

  /**
   * `has(rel)`: the listing holds a regular file at this container-relative path. `read(rel, maxBytes)`: its bytes,
   * or undefined when it is larger than maxBytes or cannot be read.
   */
  constructor(
    private readonly has: (rel: string) => boolean,
    private readonly read: (rel: string, maxBytes: number) => Promise<Buffer | undefined>,
  ) {}

  /** The scope of the file at this container-relative path (`a/b/c.js`), or undefined when no package.json is above it. */
  async of(relFile: string): Promise<PackageScope | undefined> {
    const slash = relFile.lastIndexOf('/');
    const m = await this.ofDir(slash < 0 ? '' : relFile.slice(0, slash));
    if (!m) return undefined;
    const published = m.publishes ? m.publishes(m.dir === '' ? relFile : relFile.slice(m.dir.length + 1)) : true;
    return { dir: m.dir, ...(m.name ? { name: m.name } : {}), published };
  }

  private ofDir(dir: string): Promise<Manifest | undefined> {
    let p = this.byDir.get(dir);
    if (!p) {
      p = this.scopeAt(dir);
      this.byDir.set(dir, p);
    }
    return p;
  }

  private async scopeAt(dir: string): Promise<Manifest | undefined> {
    const manifest = dir === '' ? 'package.json' : `${dir}/package.json`;
    if (this.has(manifest)) {
      const parsed = parseManifest(await this.read(manifest, MAX_PACKAGE_JSON_BYTES).catch(() => undefined));
      if (parsed) return { dir, ...parsed };
      // Unreadable, too large or not a JSON object: ignored, as if absent (the folder above decides).
    }
    if (dir === '') return undefined;
    const slash = dir.lastIndexOf('/');
    return this.ofDir(slash < 0 ? '' : dir.slice(0, slash));
  }
}

/** Entries of a `files` list read (more are ignored: the list then decides nothing). */
const MAX_FILES_ENTRIES = 1000;

/**
 * `{ name, publishes }` of a package.json, or undefined when it is not a JSON object (malformed, truncated, too large).
 * `publishes` is absent when every file is published (no usable `files` list).
 */
export function parseManifest(data: Buffer | undefined): { name?: string; publishes?: (relInPackage: string) => boolean } | undefined {
  if (!data || data.length > MAX_PACKAGE_JSON_BYTES) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const { name, files, main } = json as { name?: unknown; files?: unknown; main?: unknown };
  const publishes = filesFilter(files, typeof main === 'string' ? main : undefined);
  return { ...(typeof name === 'string' && name.length > 0 && name.length <= 214 ? { name } : {}), ...(publishes ? { publishes } : {}) };
}

/** Always published, whatever `files` says (npm-packlist). */
const ALWAYS = /^(?:package\.json|(?:readme|license|licence|copying)(?:\.[^/]*)?)$/i;

/**
 * npm's `files` allow-list as a predicate over package-relative paths: an entry names a file or a folder (all below
 * it); without a `/` it matches at any depth, as in .gitignore; `!entry` excludes; the last matching entry decides.
 * Undefined when the list is absent, not a list of strings, too long, or has no usable entry.
 */
function filesFilter(files: unknown, main: string | undefined): ((rel: string) => boolean) | undefined {
  if (!Array.isArray(files) || files.length > MAX_FILES_ENTRIES || !files.every((f) => typeof f === 'string')) return undefined;
  const rules: Array<{ include: boolean; match: (path: string) => boolean }> = [];
  for (const raw of files as string[]) {
    const include = !raw.startsWith('!');
    let g = (include ? raw : raw.slice(1)).trim().replace(/^\.?\/+/, '').replace(/\/+$/, '');
    if (!g || g.startsWith('../')) continue;
    if (!g.includes('/')) g = `**/${g}`;
    try {
      const self = compileGlob(g);
      const below = compileGlob(`${g}/**`);
      rules.push({ include, match: (p) => self(p) || below(p) });
    } catch (e) {
      if (!(e instanceof GlobError)) throw e;
    }
  }
  if (!rules.some((r) => r.include)) return undefined;
  const mainFile = main?.replace(/^\.?\/+/, '');
  return (rel) => {
    if (ALWAYS.test(rel) || rel === mainFile) return true;
    let published = false;
    for (const r of rules) if (r.include !== published && r.match(rel)) published = r.include;
    return published;
  };
}
