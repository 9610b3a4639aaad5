// An artifact is one file the scanner looks at: a file on disk or a member of an archive, named by a virtual path.
import type { PackageScope } from './package-scope.js';

export interface Artifact {
  /**
   * Virtual path, `/`-separated and relative: `club.ipa!/Payload/Club.app/main.jsbundle`. `!/` separates an
   * archive from a path inside it; nesting repeats it (`app.xapk!/base.apk!/classes.dex`).
   */
  path: string;
  /** Virtual path of the enclosing archive, if any. */
  parent?: string;
  /** Uncompressed size in bytes. */
  size: number;
  /** The artifact's bytes (bounded by the input limits). */
  data: Buffer;
  /** Hex SHA-256 of `data` when the walk computed it already (members read ahead in libuv's thread pool). */
  sha256?: string;
  /** True when more artifacts of this walk carry the very same bytes (archive entries sharing one local header). */
  repeats?: boolean;
  /** Reads another member of the same container by a path relative to this artifact's folder. */
  readSibling(relativePath: string): Promise<Buffer | undefined>;
  /** The package.json nearest above it in the same container (input/package-scope.ts), when the walk can tell. */
  packageScope?(): Promise<PackageScope | undefined>;
}

/** Metadata kept for every artifact seen, including archives, for the report (SARIF `artifacts`). */
export interface ArtifactRecord {
  path: string;
  parent?: string;
  size: number;
  /** Format id the reader recognised, or `archive`. */
  format: string;
  /** Hex SHA-256 of the bytes (absent for members that were not read). */
  sha256?: string;
}
