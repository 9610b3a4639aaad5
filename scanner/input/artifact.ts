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
  /**
   * Set when the walk did not read the member (WalkOptions.deferStoredBytes): `data` is then only its first bytes
   * (up to DEFERRED_HEAD_BYTES) and `size` its full length.
   */
  deferred?: DeferredBytes;
  /** True when more artifacts of this walk carry the very same bytes (archive entries sharing one local header). */
  repeats?: boolean;
  /** Reads another member of the same container by a path relative to this artifact's folder. */
  readSibling(relativePath: string): Promise<Buffer | undefined>;
  /** The package.json nearest above it in the same container (input/package-scope.ts), when the walk can tell. */
  packageScope?(): Promise<PackageScope | undefined>;
}

/** Where a stored member's bytes are in a file, for a reader on another thread (positioned reads of `fd`). */
export interface DeferredBytes {
  fd: number;
  offset: number;
  length: number;
  /** Reads the bytes on this thread (what the walk would have given). */
  load(): Promise<Buffer>;
  /** Work that still uses `fd`: the walk keeps the file open until it has settled. */
  hold(work: Promise<unknown>): void;
}

/** How much of a deferred member the walk reads itself: enough for format sniffing (engine/read.ts). */
export const DEFERRED_HEAD_BYTES = 8192;

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
