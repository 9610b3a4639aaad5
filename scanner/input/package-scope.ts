// The npm package a file belongs to, the way Node resolves a module's package scope: the package.json in the
// nearest folder above the file, within the same container (a folder input, a zip or asar archive; never across
// `!/`). A vendor package copied out of node_modules (an unpacked npm tarball, `www/lib/<sdk>/`, `vendor/<sdk>/`)
// keeps its own package.json, which names it; an app's package.json names the app; a demo app inside a vendor's
// repository has its own (nearest wins).
//
// Only the input layer knows the listing, so the scope is computed here and handed to the engine with each artifact.
// It depends on the listing and those package.json files alone: the same whatever the walk order or worker count.

/** The package scope of a file: the folder holding the nearest package.json and the name it gives (if any). */
export interface PackageScope {
  /** Container-relative folder of the package.json (`` for the container's root). */
  dir: string;
  /** Its `name`, when a string. */
  name?: string;
}

/** package.json files larger than this are not read for their name (a manifest is a few KB). */
export const MAX_PACKAGE_JSON_BYTES = 256 * 1024;

/** One container's package scopes, cached per folder (each package.json is read at most once). */
export class PackageScopes {
  private readonly byDir = new Map<string, Promise<PackageScope | undefined>>();

  /**
   * `has(rel)`: the listing holds a regular file at this container-relative path. `read(rel, maxBytes)`: its bytes,
   * or undefined when it is larger than maxBytes or cannot be read.
   */
  constructor(
    private readonly has: (rel: string) => boolean,
    private readonly read: (rel: string, maxBytes: number) => Promise<Buffer | undefined>,
  ) {}

  /** The scope of the file at this container-relative path (`a/b/c.js`), or undefined when no package.json is above it. */
  of(relFile: string): Promise<PackageScope | undefined> {
    const slash = relFile.lastIndexOf('/');
    return this.ofDir(slash < 0 ? '' : relFile.slice(0, slash));
  }

  private ofDir(dir: string): Promise<PackageScope | undefined> {
    let p = this.byDir.get(dir);
    if (!p) {
      p = this.scopeAt(dir);
      this.byDir.set(dir, p);
    }
    return p;
  }

  private async scopeAt(dir: string): Promise<PackageScope | undefined> {
    const manifest = dir === '' ? 'package.json' : `${dir}/package.json`;
    if (this.has(manifest)) {
      const parsed = parseManifest(await this.read(manifest, MAX_PACKAGE_JSON_BYTES).catch(() => undefined));
      if (parsed) return { dir, ...(parsed.name ? { name: parsed.name } : {}) };
      // Unreadable, too large or not a JSON object: ignored, as if absent (the folder above decides).
    }
    if (dir === '') return undefined;
    const slash = dir.lastIndexOf('/');
    return this.ofDir(slash < 0 ? '' : dir.slice(0, slash));
  }
}

/** `{ name }` of a package.json, or undefined when it is not a JSON object (malformed, truncated, too large). */
export function parseManifest(data: Buffer | undefined): { name?: string } | undefined {
  if (!data || data.length > MAX_PACKAGE_JSON_BYTES) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const name = (json as { name?: unknown }).name;
  return typeof name === 'string' && name.length > 0 && name.length <= 214 ? { name } : {};
}
