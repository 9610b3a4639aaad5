// Turns the paths given on the command line into artifacts: files, directory trees, archive members and
// archives nested in archives, each under a stable virtual path. Limits guard against hostile archives; every
// problem becomes a Notice and the walk goes on with what can still be read.
import * as fs from 'node:fs';
import { hash } from 'node:crypto';
import { stat, realpath } from 'node:fs/promises';
import { basename, relative, resolve, sep, posix } from 'node:path';
import type FastGlob from 'fast-glob';
import { lazyPackage } from '../core/lazy.js';
import type { Notice } from '../core/facts.js';
import { DEFERRED_HEAD_BYTES, type Artifact, type ArtifactRecord, type LaneTicket, type MemberLane } from './artifact.js';
import type { InputLimits } from './limits.js';
import { bufferSource, fileSource, NotRegularFileError, type ByteSource } from './source.js';
import { listZip, looksLikeZip, readZipEntry, readZipEntryInPool, siblingEntry, ZipError, type ZipEntry } from './zip.js';
import { isLfsPointer, isSkippedByName, isToolingInstall } from './skip.js';
import { AsarError, listAsar, looksLikeAsar } from './asar.js';
import { PackageScopes } from './package-scope.js';

const fastGlob = lazyPackage<typeof FastGlob>('fast-glob');

/** An input that cannot be read at all (missing, unreadable, not the archive its name claims). */
export class InputError extends Error {
  constructor(
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

export interface WalkOptions {
  limits: InputLimits;
  /** Working directory; inputs inside it are named relative to it, so SARIF URIs match the repository. */
  cwd: string;
  notify(notice: Notice): void;
  record(artifact: ArtifactRecord): void;
  /** Virtual paths (or globs over them) to leave out. */
  ignore?: (virtualPath: string) => boolean;
  /**
   * Progress with totals: told how many entries a listing holds (the folder walk, a zip central directory) before
   * any is read, then each entry as it is reached, read or not. Every planned entry is reached once at most.
   */
  tally?: WalkTally;
  /**
   * Stored (uncompressed) zip members at least this large, in an archive that is a file on disk, are not read: the
   * artifact carries their first bytes and where they are (`Artifact.deferred`), so that another thread can read
   * them (the engine's blob lane) while this one goes on. Members sharing their bytes with another entry, or whose
   * size and declared CRC-32 another member also has (possibly the same content: the facts cache needs the hash
   * before the read), recovered members (no CRC), and members whose first bytes are an archive are read as usual.
   */
  deferStoredBytes?: number;
  /**
   * Members of an archive on disk that this lane wants (MemberLane.wants) are handed to it when the archive is
   * listed and not read here unless it gives them back; not members sharing bytes with another, nor those any
   * per-member limit stops, and of members with the same size and CRC-32 only the first (the others are read here
   * and find its facts in the engine's cache).
   */
  lane?: MemberLane;
  /** Called with the lane's answer for a member's bytes before the walk waits for it (the engine checks meanwhile). */
  whileLaneReads?(bytes: Promise<unknown>): Promise<void>;
}

export interface WalkTally {
  planned(entries: number): void;
  reached(virtualPath: string): void;
}

/**
 * Members at least this large (uncompressed) are read ahead: while the engine reads and checks one member, the next
 * such member is read from disk and inflated on libuv's thread pool — the second core's work instead of the main
 * thread's — and hashed (SHA-256) with `crypto.hash` when it arrives. (WebCrypto's digest, which hashes on the pool,
 * first copies the bytes on the calling thread into fresh memory: on the benchmark IPA that copy cost the main
 * thread ~5× what hashing them there costs.) Smaller members stay synchronous: a thread-pool round trip costs more
 * than they do.
 */
const READ_AHEAD_BYTES = 256 * 1024;
/** Members larger than this are not read ahead (their bytes would sit in memory beside the member in hand). */
const MAX_READ_AHEAD_BYTES = 64 * 1024 * 1024;

/** Every archive may inflate to at least this much, whatever its compressed size. */
const MIN_ARCHIVE_INFLATE_LIMIT = 64 * 1024 * 1024;

const ZIP_NAMES = /\.(ipa|apk|aab|xapk|apks|zip|jar|aar)$/i;

/** The stable display name of an input: relative to cwd when inside it, else its base name. */
export function displayName(inputPath: string, cwd: string): string {
  const abs = resolve(cwd, inputPath);
  const rel = relative(cwd, abs);
  if (rel === '') return '';
  if (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel)) return rel.split(sep).join('/');
  return basename(abs);
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}/${name}`;
}

/** Budget shared by everything read from one top-level input. */
class Budget {
  used = 0;
  exhausted = false;
  constructor(readonly total: number) {}
  remaining(): number {
    return Math.max(0, this.total - this.used);
  }
}

export async function* walkInput(inputPath: string, opts: WalkOptions): AsyncGenerator<Artifact> {
  const abs = resolve(opts.cwd, inputPath);
  let st;
  try {
    st = await stat(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError('input/unreadable', code === 'ENOENT' ? `no such file or directory: ${inputPath}` : `cannot read ${inputPath}: ${code ?? (e as Error).message}`);
  }
  const name = displayName(inputPath, opts.cwd);
  const budget = new Budget(opts.limits.maxTotalBytes);
  if (st.isDirectory()) {
    yield* walkDirectory(abs, name, opts, budget);
  } else if (st.isFile()) {
    yield* walkFile(abs, name || basename(abs), opts, budget, true);
  } else {
    throw new InputError('input/unreadable', `not a regular file or directory: ${inputPath}`);
  }
}

/** Longest path the walker opens: longer ones fail in the kernel (PATH_MAX) and are reported, not tried. */
export const MAX_PATH = 4096;

/**
 * fast-glob's file-system methods with every failure recorded: with `suppressErrors` a folder it cannot list
 * (EACCES, ENAMETOOLONG past PATH_MAX, a folder removed mid-walk) would otherwise vanish from the scan unsaid.
 */
export function recordingFs(failed: (path: string, code: string) => void, base: typeof fs = fs): Partial<typeof fs> {
  const readdir = ((path: string, options: unknown, callback: (err: NodeJS.ErrnoException | null, entries?: unknown) => void) => {
    const cb = typeof options === 'function' ? (options as typeof callback) : callback;
    const done = (err: NodeJS.ErrnoException | null, entries?: unknown) => {
      if (err) failed(path, err.code ?? 'error');
      cb(err, entries);
    };
    if (typeof options === 'function') (base.readdir as Function)(path, done);
    else (base.readdir as Function)(path, options, done);
  }) as unknown as typeof fs.readdir;
  return { readdir, lstat: base.lstat, stat: base.stat, lstatSync: base.lstatSync, statSync: base.statSync, readdirSync: base.readdirSync };
}

async function* walkDirectory(root: string, prefix: string, opts: WalkOptions, budget: Budget): AsyncGenerator<Artifact> {
  const unlisted: Array<{ path: string; code: string }> = [];
  const files = await fastGlob()('**/*', {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    fs: recordingFs((path, code) => unlisted.push({ path, code })),
  });
  for (const u of unlisted.sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const rel = relative(root, u.path);
    const why = u.code === 'ENAMETOOLONG' ? `its path is over ${MAX_PATH} characters` : `it could not be listed (${u.code})`;
    opts.notify({ level: 'error', id: 'input/unreadable', artifact: join(prefix, rel.length > 300 ? `${rel.slice(0, 150)}…${rel.slice(-150)}` : rel), message: `folder not read: ${why}` });
  }
  files.sort();
  if (files.length > opts.limits.maxEntries) {
    // An error, not a warning: files were left out, so the summary line on stderr says so too.
    opts.notify({ level: 'error', id: 'input/too-many-entries', artifact: prefix || '.', message: `directory has ${files.length} files; only the first ${opts.limits.maxEntries} were read (limit maxEntries); ${files.length - opts.limits.maxEntries} not read` });
    files.length = opts.limits.maxEntries;
  }
  const realRoot = await realpath(root);
  // Package scopes from the whole listing (fast-glob names are `/`-separated), read inside the folder only.
  const listed = new Set(files);
  const scopes = new PackageScopes(
    (rel) => listed.has(rel),
    (rel, maxBytes) => readSiblingFile(resolve(root, rel), `./${posix.basename(rel)}`, realRoot, maxBytes, () => {}),
  );
  opts.tally?.planned(files.length);
  for (const rel of files) {
    const vpath = join(prefix, rel);
    opts.tally?.reached(vpath);
    if (opts.ignore?.(vpath)) continue;
    const path = resolve(root, rel);
    if (path.length > MAX_PATH) {
      opts.notify({ level: 'error', id: 'input/unreadable', artifact: vpath.length > 300 ? `${vpath.slice(0, 150)}…${vpath.slice(-150)}` : vpath, message: `file not read: its path is over ${MAX_PATH} characters` });
      continue;
    }
    yield* walkFile(path, vpath, opts, budget, false, realRoot, () => scopes.of(rel));
    if (budget.exhausted) return;
  }
}

async function* walkFile(
  path: string,
  vpath: string,
  opts: WalkOptions,
  budget: Budget,
  topLevel: boolean,
  root?: string,
  packageScope?: Artifact['packageScope'],
): AsyncGenerator<Artifact> {
  let source: ByteSource;
  try {
    source = await fileSource(path);
  } catch (e) {
    const msg = e instanceof NotRegularFileError ? 'not a regular file (a FIFO, device or socket); not read' : `cannot open: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    if (topLevel) throw new InputError('input/unreadable', `${vpath}: ${msg}`);
    opts.notify({ level: 'error', id: 'input/unreadable', artifact: vpath, message: msg });
    return;
  }
  try {
    // A build tool's own packages (skip.ts) are not the app's, whatever their format (a gem's cached archive too).
    if (!topLevel && isToolingInstall(vpath)) {
      opts.record({ path: vpath, size: source.size, format: 'skipped' });
      return;
    }
    const head = await source.read(0, 17);
    if (looksLikeZip(head)) {
      yield* walkArchive(source, vpath, undefined, 1, opts, budget, topLevel);
      return;
    }
    if (ASAR_NAME.test(vpath) && looksLikeAsar(head)) {
      yield* walkAsar(source, vpath, undefined, opts, budget, topLevel);
      return;
    }
    // A top-level archive's entries are its members (planned from its listing); a plain file is its own entry.
    if (topLevel) {
      opts.tally?.planned(1);
      opts.tally?.reached(vpath);
    }
    if (ZIP_NAMES.test(vpath) && topLevel) {
      throw new InputError('input/not-zip', `${vpath}: not a zip archive (the name says it is one, the content does not)`);
    }
    if (ZIP_NAMES.test(vpath)) {
      opts.notify({ level: 'error', id: 'input/not-zip', artifact: vpath, message: 'not a zip archive (the name says it is one, the content does not); scanned as a plain file' });
    }
    if (isSkippedByName(vpath)) {
      opts.record({ path: vpath, size: source.size, format: 'skipped' });
      return;
    }
    if (source.size > Math.min(opts.limits.maxEntryBytes, budget.remaining())) {
      noteTooLarge(vpath, source.size, opts, budget);
      return;
    }
    let data = await source.read(0, source.size);
    // An LFS pointer is not the file it stands for: its name still counts (a committed libagora-rtc-sdk.so says the
    // SDK is shipped), its few lines do not (skip.ts).
    if (!topLevel && isLfsPointer(data)) data = Buffer.alloc(0);
    budget.used += data.length;
    yield {
      path: vpath,
      size: data.length,
      data,
      readSibling: async (rel) =>
        readSiblingFile(path, rel, root, opts.limits.maxEntryBytes, () =>
          opts.notify({ level: 'warning', id: 'input/not-regular-file', artifact: vpath, message: `${rel} beside it is not a regular file (a FIFO, device or socket); not read` }),
        ),
      ...(packageScope ? { packageScope } : {}),
    };
  } finally {
    await source.close();
  }
}

function noteTooLarge(vpath: string, size: number, opts: WalkOptions, budget: Budget): void {
  if (size > opts.limits.maxEntryBytes) {
    opts.notify({ level: 'warning', id: 'input/member-too-large', artifact: vpath, message: `${size} bytes is over the per-file limit of ${opts.limits.maxEntryBytes} bytes (maxEntryBytes); not read` });
  } else {
    budget.exhausted = true;
    opts.notify({ level: 'warning', id: 'input/total-limit', artifact: vpath, message: `the total bytes read from this input would pass the limit of ${budget.total} (maxTotalBytes); the rest of the input was not read` });
  }
}

/**
 * Reads a file a member refers to (its source map), staying inside what was given to scan. Under a folder input:
 * any regular file inside the folder (links resolved, then checked to stay inside). For a single-file input only
 * its own map: `<file>.map` beside it, named exactly so, a regular file and not a link; nothing else beside the
 * input is part of the scan. FIFOs, devices and sockets are refused without blocking (`refused` is told).
 */
async function readSiblingFile(path: string, rel: string, root: string | undefined, maxBytes: number, refused: () => void): Promise<Buffer | undefined> {
  if (posix.isAbsolute(rel) || rel.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(rel)) return undefined;
  const target = resolve(path, '..', rel);
  if (root === undefined && target !== `${path}.map`) return undefined;
  try {
    const real = root === undefined ? target : await realpath(target);
    if (root !== undefined && real !== root && !real.startsWith(root + sep)) return undefined;
    const src = await fileSource(real, { noFollow: root === undefined });
    try {
      if (src.size > maxBytes) return undefined;
      return await src.read(0, src.size);
    } finally {
      await src.close();
    }
  } catch (e) {
    if (e instanceof NotRegularFileError) refused();
    return undefined;
  }
}

async function* walkArchive(
  source: ByteSource,
  vpath: string,
  parent: string | undefined,
  depth: number,
  opts: WalkOptions,
  budget: Budget,
  topLevel: boolean,
): AsyncGenerator<Artifact> {
  const { limits } = opts;
  let listing;
  try {
    listing = await listZip(source, limits.maxEntries);
  } catch (e) {
    const err = e instanceof ZipError ? e : new ZipError('input/corrupt-zip', (e as Error).message);
    if (topLevel) throw new InputError(err.id, `${vpath}: ${err.message}`);
    opts.notify({ level: 'error', id: err.id, artifact: vpath, message: err.message });
    opts.record({ path: vpath, parent, size: source.size, format: 'archive' });
    return;
  }
  opts.record({ path: vpath, parent, size: source.size, format: 'archive' });
  if (listing.recovered) opts.notify({ level: 'error', id: 'input/corrupt-zip', artifact: vpath, message: listing.recovered });
  // An error, not a warning: members were left out, so the summary line on stderr says so too.
  if (listing.truncated) opts.notify({ level: 'error', id: 'input/truncated-listing', artifact: vpath, message: listing.truncated });

  const byName = new Map<string, ZipEntry>();
  for (const e of listing.entries) if (!e.unsafe && !e.isDirectory) byName.set(e.name, e);
  let encrypted = 0;
  const scopes = new PackageScopes(
    (rel) => {
      const e = byName.get(rel);
      return !!e && !e.encrypted && !e.isSymlink;
    },
    async (rel, maxBytes) => {
      const e = byName.get(rel)!;
      return e.uncompressedSize > maxBytes ? undefined : readZipEntry(source, e, maxBytes);
    },
  );

  const entries = listing.entries.filter((e) => !e.isDirectory).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  opts.tally?.planned(entries.length);
  // What all members of this archive may inflate to: the per-member ratio limit applied to the archive as a whole
  // (with a floor for small archives). Members exempt from the per-member check (under its floor) or sharing one
  // compressed copy (overlapping entries) add up here: 4,096 entries naming one 1 MiB member are 4 GiB.
  const inflateLimit = Math.max(limits.maxCompressionRatio * source.size, MIN_ARCHIVE_INFLATE_LIMIT);
  let inflated = 0;
  // Entries pointing at the same local header are the same bytes: inflated once, the Buffer shared.
  const dataKey = (e: ZipEntry): number => e.dataStart ?? e.localHeaderOffset;
  const uses = new Map<number, number>();
  for (const e of entries) uses.set(dataKey(e), (uses.get(dataKey(e)) ?? 0) + 1);
  const shared = new Map<number, Buffer>();
  // Members that may hold the same bytes: same size and declared CRC-32 (other members' sizes and CRCs differ).
  const contentKey = (e: ZipEntry): string => `${e.uncompressedSize}:${e.crc32}`;
  const sameContent = new Map<string, number>();
  for (const e of entries) sameContent.set(contentKey(e), (sameContent.get(contentKey(e)) ?? 0) + 1);
  const deferFrom = source.fd === undefined ? undefined : opts.deferStoredBytes;
  /** Whether the member may be deferred (WalkOptions.deferStoredBytes); its first bytes decide the rest. */
  const deferrable = (e: ZipEntry): boolean =>
    deferFrom !== undefined &&
    e.method === 0 &&
    e.compressedSize === e.uncompressedSize &&
    e.uncompressedSize >= deferFrom &&
    e.uncompressedSize <= MAX_READ_AHEAD_BYTES &&
    uses.get(dataKey(e)) === 1 &&
    e.crc32 !== undefined &&
    sameContent.get(contentKey(e)) === 1 &&
    !ASAR_NAME.test(e.name);
  /** Passes the per-member checks that do not depend on what comes before it (name, flags, size, ratio). */
  const readable = (e: ZipEntry): boolean =>
    e.uncompressedSize <= Math.min(MAX_READ_AHEAD_BYTES, limits.maxEntryBytes) &&
    !e.unsafe &&
    !e.isSymlink &&
    !e.encrypted &&
    !(e.uncompressedSize > limits.ratioFloorBytes && e.uncompressedSize > limits.maxCompressionRatio * e.compressedSize) &&
    uses.get(dataKey(e)) === 1 &&
    !isSkippedByName(e.name) &&
    !opts.ignore?.(`${vpath}!/${e.name}`);
  // The lane's members (WalkOptions.lane), handed over now: it reads them while the walk goes on with the others.
  const lane = source.fd === undefined ? undefined : opts.lane;
  // Of members that may hold the same bytes (same size and CRC-32), only the first: the others then find its facts
  // in the engine's facts cache instead of being read twice.
  const laneContent = new Set<string>();
  const laneIndexes = lane
    ? entries.flatMap((e, i) =>
        readable(e) && (e.method === 0 || e.method === 8) && !ASAR_NAME.test(e.name) && lane.wants(e.name, e.uncompressedSize) && !laneContent.has(contentKey(e)) && laneContent.add(contentKey(e))
          ? [i]
          : [],
      )
    : [];
  const tickets = new Map<number, LaneTicket>();
  const allTickets: LaneTicket[] = [];
  if (lane && laneIndexes.length) {
    allTickets.push(
      ...lane.open({
        fd: source.fd!,
        size: source.size,
        entries: [...byName.values()],
        maxEntryBytes: limits.maxEntryBytes,
        members: laneIndexes.map((i) => ({ entry: entries[i]!, path: `${vpath}!/${entries[i]!.name}`, packageScope: () => scopes.of(entries[i]!.name) })),
      }),
    );
    laneIndexes.forEach((i, k) => tickets.set(i, allTickets[k]!));
  }
  // Read-ahead (READ_AHEAD_BYTES): the members that qualify whatever happens before them, in walk order. Whether a
  // member is read at all is still decided when the walk reaches it; a member read ahead and then not wanted (limit
  // reached) is dropped.
  const ahead = entries.flatMap((e, i) => (e.uncompressedSize >= READ_AHEAD_BYTES && readable(e) && !deferrable(e) && !tickets.has(i) ? [i] : []));
  const readSibling = async (entry: ZipEntry, rel: string): Promise<Buffer | undefined> => {
    const sib = siblingEntry(byName, entry.name, rel, limits.maxEntryBytes);
    if (!sib) return undefined;
    try {
      return await readZipEntry(source, sib, limits.maxEntryBytes);
    } catch {
      return undefined;
    }
  };
  let nextAhead = 0;
  let readAhead: { index: number; read: Promise<{ data: Buffer; sha256: string }> } | undefined;
  /** Reads read ahead and not taken (the walk skipped the member): finished before the source closes. */
  const dropped: Array<Promise<unknown>> = [];
  /** Starts reading the next qualifying member after `index`, if none is under way. */
  const startReadAhead = (index: number) => {
    if (readAhead && readAhead.index <= index) {
      dropped.push(readAhead.read);
      readAhead = undefined;
    }
    while (nextAhead < ahead.length && ahead[nextAhead]! <= index) nextAhead++;
    if (readAhead || nextAhead >= ahead.length) return;
    const i = ahead[nextAhead++]!;
    const read = readZipEntryInPool(source, entries[i]!, limits.maxEntryBytes).then((data) => ({ data, sha256: hash('sha256', data, 'hex') }));
    read.catch(() => {}); // awaited when the walk reaches it, or before the source closes
    readAhead = { index: i, read };
  };
  /** A member read on another thread (a lane's): the walk's bookkeeping, and the artifact's fields but its bytes. */
  const handedOver = (index: number, entry: ZipEntry, mpath: string) => {
    uses.set(dataKey(entry), 0);
    startReadAhead(index);
    budget.used += entry.uncompressedSize;
    return { path: mpath, parent: vpath, size: entry.uncompressedSize, readSibling: (rel: string) => readSibling(entry, rel), packageScope: () => scopes.of(entry.name) };
  };
  try {
  for (const [index, entry] of entries.entries()) {
    if (budget.exhausted) return;
    // Lane members the walk passed without yielding them (a limit said no): the lane drops them.
    for (const [i, t] of tickets) {
      if (i >= index) break;
      tickets.delete(i);
      t.cancel();
    }
    opts.tally?.reached(`${vpath}!/${entry.name}`);
    if (entry.unsafe) {
      opts.notify({ level: 'warning', id: 'input/unsafe-path', artifact: vpath, message: `member ${JSON.stringify(entry.name)} has an unsafe name (${entry.unsafe}); reported, not read` });
      continue;
    }
    const mpath = `${vpath}!/${entry.name}`;
    if (entry.isSymlink) {
      opts.notify({ level: 'warning', id: 'input/symlink-entry', artifact: mpath, message: 'member is a symbolic link; reported, not followed' });
      continue;
    }
    if (opts.ignore?.(mpath)) continue;
    if (entry.encrypted) {
      encrypted++;
      continue;
    }
    if (isSkippedByName(entry.name)) {
      opts.record({ path: mpath, parent: vpath, size: entry.uncompressedSize, format: 'skipped' });
      continue;
    }
    const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : Infinity;
    if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxCompressionRatio) {
      opts.notify({ level: 'error', id: 'input/zip-bomb', artifact: mpath, message: `member would inflate ${entry.compressedSize} bytes to ${entry.uncompressedSize} (ratio ${Math.round(ratio)}:1, limit ${limits.maxCompressionRatio}:1); not read` });
      continue;
    }
    if (entry.uncompressedSize > Math.min(limits.maxEntryBytes, budget.remaining())) {
      noteTooLarge(mpath, entry.uncompressedSize, opts, budget);
      if (budget.exhausted) return;
      continue;
    }
    if (inflated + entry.uncompressedSize > inflateLimit) {
      opts.notify({
        level: 'error',
        id: 'input/archive-inflation-limit',
        artifact: vpath,
        message: `members would inflate this ${source.size}-byte archive past ${inflateLimit} bytes (${limits.maxCompressionRatio} times its size, limit maxRatio); ${mpath.slice(vpath.length + 2)} and the members after it were not read`,
      });
      return;
    }
    inflated += entry.uncompressedSize;
    const ticket = tickets.get(index);
    if (ticket) {
      tickets.delete(index);
      // The lane is behind (it has not read these bytes yet): this thread reads the member rather than wait for it.
      ticket.takeBackUnread?.();
      const bytes = ticket.bytes();
      await opts.whileLaneReads?.(bytes);
      const read = await bytes;
      if (read) {
        // `repeats` when another member may hold the same bytes: its facts are then cached from this first sighting
        // (a recognised vendor build's otherwise wait for a second one), so that member is not read again.
        const repeats = sameContent.get(contentKey(entry))! > 1;
        yield { ...handedOver(index, entry, mpath), data: Buffer.alloc(0), sha256: read.sha256, repeats, laned: { ticket, load: () => readZipEntry(source, entry, entry.uncompressedSize) } };
        continue;
      }
      // Given back: read here as any other member (its errors are reported as the walk's own).
    }
    const deferred = deferrable(entry) ? await deferredMember(source, entry) : undefined;
    if (deferred) {
      yield {
        ...handedOver(index, entry, mpath),
        data: deferred.head,
        deferred: {
          fd: source.fd!,
          offset: deferred.dataStart,
          length: entry.uncompressedSize,
          load: () => readZipEntry(source, entry, entry.uncompressedSize),
          hold: (work) => void dropped.push(work),
        },
      };
      continue;
    }
    let data: Buffer;
    let repeats = false;
    let sha256: string | undefined;
    try {
      const key = dataKey(entry);
      const left = uses.get(key)! - 1;
      uses.set(key, left);
      const same = shared.get(key);
      if (readAhead?.index === index) {
        // Read ahead with the per-member limit: the size checks above passed, so the budget's tighter limit would
        // give the same bytes.
        const { read } = readAhead;
        readAhead = undefined;
        const r = await read;
        data = r.data;
        sha256 = r.sha256;
      } else data = same && same.length === entry.uncompressedSize ? same : await readZipEntry(source, entry, Math.min(limits.maxEntryBytes, budget.remaining()));
      repeats = left > 0;
      if (left > 0) shared.set(key, data);
      else shared.delete(key);
    } catch (e) {
      const err = e instanceof ZipError ? e : new ZipError('input/corrupt-member', (e as Error).message);
      opts.notify({ level: 'error', id: err.id, artifact: mpath, message: err.message });
      continue;
    } finally {
      // The next large member is read while this one is read and checked.
      startReadAhead(index);
    }
    budget.used += data.length;
    if (ASAR_NAME.test(entry.name) && looksLikeAsar(data)) {
      yield* walkAsar(bufferSource(data), mpath, vpath, opts, budget, false);
      continue;
    }
    if (looksLikeZip(data)) {
      if (depth >= limits.maxDepth) {
        opts.notify({ level: 'warning', id: 'input/nesting-too-deep', artifact: mpath, message: `archive nested ${depth + 1} levels deep, over the limit of ${limits.maxDepth} (maxDepth); not opened` });
        continue;
      }
      yield* walkArchive(bufferSource(data), mpath, vpath, depth + 1, opts, budget, false);
      continue;
    }
    yield {
      path: mpath,
      parent: vpath,
      size: data.length,
      data,
      ...(sha256 ? { sha256 } : {}),
      repeats,
      readSibling: (rel) => readSibling(entry, rel),
      packageScope: () => scopes.of(entry.name),
    };
  }
  if (encrypted > 0) {
    opts.notify({ level: 'error', id: 'input/encrypted-member', artifact: vpath, message: `${encrypted} member(s) are password-protected and could not be read` });
  }
  } finally {
    // The source closes after this generator: no read may still be using its descriptor then.
    for (const t of tickets.values()) t.cancel();
    await Promise.allSettled([...dropped, ...(readAhead ? [readAhead.read] : []), ...allTickets.map((t) => t.settled)]);
  }
}

/**
 * Where a deferrable stored member's data starts and its first bytes, or undefined when it must be read as usual:
 * no local header, data past the end of the archive (readZipEntry then reports it), or an archive inside.
 */
async function deferredMember(source: ByteSource, entry: ZipEntry): Promise<{ dataStart: number; head: Buffer } | undefined> {
  let dataStart = entry.dataStart;
  if (dataStart === undefined) {
    const h = await source.read(entry.localHeaderOffset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== LOCAL_HEADER_SIG) return undefined;
    dataStart = entry.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  }
  if (dataStart + entry.uncompressedSize > source.size) return undefined;
  const head = await source.read(dataStart, Math.min(DEFERRED_HEAD_BYTES, entry.uncompressedSize));
  return head.length === Math.min(DEFERRED_HEAD_BYTES, entry.uncompressedSize) && !looksLikeZip(head) && !looksLikeAsar(head) ? { dataStart, head } : undefined;
}

/** Local file header signature (PK\x03\x04). */
const LOCAL_HEADER_SIG = 0x04034b50;

/** Electron's packed app (`resources/app.asar`), by name and content. */
const ASAR_NAME = /(?:^|\/)[^/]+\.asar$/i;

/** The members of an Electron asar archive (scanner/input/asar.ts), each under `<archive>!/<path>`. */
async function* walkAsar(source: ByteSource, vpath: string, parent: string | undefined, opts: WalkOptions, budget: Budget, topLevel: boolean): AsyncGenerator<Artifact> {
  let listing;
  try {
    listing = await listAsar(source, opts.limits.maxEntries);
  } catch (e) {
    const err = e instanceof AsarError ? e : new AsarError('input/corrupt-asar', (e as Error).message);
    if (topLevel) throw new InputError(err.id, `${vpath}: ${err.message}`);
    opts.notify({ level: 'error', id: err.id, artifact: vpath, message: err.message });
    opts.record({ path: vpath, parent, size: source.size, format: 'archive' });
    return;
  }
  opts.record({ path: vpath, parent, size: source.size, format: 'archive' });
  if (listing.truncated) opts.notify({ level: 'error', id: 'input/truncated-listing', artifact: vpath, message: listing.truncated });
  if (listing.unpacked) {
    opts.notify({ level: 'note', id: 'input/asar-unpacked', artifact: vpath, message: `${listing.unpacked} member(s) are stored beside the archive in ${vpath.replace(/^.*\//, '')}.unpacked/ (native addons): scan that folder too` });
  }
  const byName = new Map(listing.entries.map((e) => [e.name, e]));
  const scopes = new PackageScopes(
    (rel) => byName.has(rel),
    async (rel, maxBytes) => {
      const e = byName.get(rel)!;
      return e.size > maxBytes ? undefined : source.read(e.start, e.size);
    },
  );
  const entries = [...listing.entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  opts.tally?.planned(entries.length);
  for (const entry of entries) {
    if (budget.exhausted) return;
    const mpath = `${vpath}!/${entry.name}`;
    opts.tally?.reached(mpath);
    if (opts.ignore?.(mpath)) continue;
    if (isSkippedByName(entry.name)) {
      opts.record({ path: mpath, parent: vpath, size: entry.size, format: 'skipped' });
      continue;
    }
    if (entry.size > Math.min(opts.limits.maxEntryBytes, budget.remaining())) {
      noteTooLarge(mpath, entry.size, opts, budget);
      if (budget.exhausted) return;
      continue;
    }
    const data = await source.read(entry.start, entry.size);
    budget.used += data.length;
    yield {
      path: mpath,
      parent: vpath,
      size: data.length,
      data,
      readSibling: async (rel) => {
        if (posix.isAbsolute(rel) || rel.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(rel)) return undefined;
        const target = posix.normalize(posix.join(posix.dirname(entry.name), rel));
        const sib = byName.get(target);
        return sib && sib.size <= opts.limits.maxEntryBytes ? source.read(sib.start, sib.size) : undefined;
      },
      packageScope: () => scopes.of(entry.name),
    };
  }
}
