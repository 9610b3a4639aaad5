// An artifact is one file the scanner looks at: a file on disk or a member of an archive, named by a virtual path.
import type { PackageScope } from './package-scope.js';
import type { ZipEntry } from './zip.js';

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
  /**
   * Set when another thread read the member (WalkOptions.lane): `data` is then empty and `sha256` set; the lane's
   * ticket gives its facts, `load()` the bytes on this thread (what the walk would have given).
   */
  laned?: { ticket: LaneTicket; load(): Promise<Buffer> };
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

/**
 * A thread that reads chosen archive members from the file itself — read, inflate, hash, then the format reader —
 * from the moment the archive is listed, so their reading overlaps everything the walk does before it reaches them
 * (the engine's script lane). The walk still decides, in walk order, whether each member is read at all.
 */
export interface MemberLane {
  /** Whether this member (name in the archive, uncompressed size) is the lane's to read. */
  wants(name: string, size: number): boolean;
  /** Posts an archive's chosen members (in walk order); one ticket per member, in the same order. */
  open(archive: LaneArchive): LaneTicket[];
}

export interface LaneArchive {
  fd: number;
  size: number;
  /** Every readable member (for sibling reads: source maps, linked modules), and the per-member byte limit. */
  entries: ZipEntry[];
  maxEntryBytes: number;
  members: Array<{ entry: ZipEntry; path: string; packageScope: () => Promise<PackageScope | undefined> }>;
}

export interface LaneTicket {
  /**
   * Asked when the walk reaches the member: its SHA-256 once the lane has read and inflated it, or undefined when
   * the walk must read it itself (an archive inside, any read error: the walk's own read then reports it).
   */
  bytes(): Promise<{ sha256: string } | undefined>;
  /** The walk will not yield the member (a limit reached, the walk ended): the lane drops it. */
  cancel(): void;
  /**
   * When the lane has not read the member's bytes yet and has not started on it: claims it back, and `bytes()` then
   * says the walk reads it itself (a thread with nothing else to do reads it instead of waiting). False otherwise.
   */
  takeBackUnread?(): boolean;
  /** Settles when the lane no longer uses the archive's descriptor for this member. */
  readonly settled: Promise<unknown>;
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
