// Zip-family archives (.ipa .apk .aab .xapk .apks .zip .jar .aar), read in place: yauzl parses the central
// directory; members are read with one positioned read each and inflated in memory with a bounded output size,
// which is several times faster than yauzl's per-entry streams and makes zip bombs fail before they allocate.
// Nothing is ever extracted to disk. yauzl loads on the first archive: a scan of plain files never runs it.
import type yauzlModule from 'yauzl';
import { readSync } from 'node:fs';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { constants as zlibConstants, inflateRaw, inflateRawSync } from 'node:zlib';
import type { ByteSource } from './source.js';

export interface ZipEntry {
  /** Name as stored (decoded, `\` turned into `/`). May be unsafe: check `unsafe`. */
  name: string;
  /** Why the name is unsafe to use as a path (absolute, `..`), if it is. */
  unsafe?: string;
  isDirectory: boolean;
  isSymlink: boolean;
  encrypted: boolean;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Start of the member's data when already known (local-header recovery). */
  dataStart?: number;
  /** CRC-32 the central directory declares (not checked by the readers; absent for recovered members). */
  crc32?: number;
}

export class ZipError extends Error {
  constructor(
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

const LOCAL_SIG = 0x04034b50;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** True when the bytes start like a zip archive (local header or empty-archive end record). */
export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
}

function describeUnsafe(name: string): string | undefined {
  if (name.startsWith('/') || /^[A-Za-z]:\//.test(name)) return 'absolute path';
  if (name.split('/').includes('..')) return '".." path segment';
  if (name.includes('\0')) return 'NUL byte in name';
  return undefined;
}

type Yauzl = typeof yauzlModule;
let loaded: Yauzl | undefined;
/** yauzl, imported on first use (a chunk of its own in the bundle). */
async function yauzlLib(): Promise<Yauzl> {
  return (loaded ??= ((await import('yauzl')) as { default: Yauzl }).default);
}

function toEntry(yauzl: Yauzl, raw: yauzlModule.Entry): ZipEntry {
  const name = yauzl.getFileNameLowLevel(raw.generalPurposeBitFlag, raw.fileNameRaw, raw.extraFields, false);
  const hostOs = raw.versionMadeBy >> 8;
  const mode = (raw.externalFileAttributes >>> 16) & 0xffff;
  return {
    name,
    unsafe: describeUnsafe(name),
    isDirectory: name.endsWith('/'),
    // Unix-made archives (host 3) and macOS (19) keep the mode in the high 16 bits.
    isSymlink: (hostOs === 3 || hostOs === 19) && (mode & S_IFMT) === S_IFLNK,
    encrypted: (raw.generalPurposeBitFlag & 1) !== 0,
    method: raw.compressionMethod,
    compressedSize: raw.compressedSize,
    uncompressedSize: raw.uncompressedSize,
    localHeaderOffset: raw.relativeOffsetOfLocalHeader,
    crc32: raw.crc32,
  };
}

export interface ZipListing {
  entries: ZipEntry[];
  /** Set when the central directory was unreadable and members were recovered from local headers. */
  recovered?: string;
  /** Set when the listing stopped early (entry limit, corrupt record). */
  truncated?: string;
}

/** Lists the members of the archive in `source`. Throws ZipError when nothing at all can be listed. */
export async function listZip(source: ByteSource, maxEntries: number): Promise<ZipListing> {
  const yauzl = await yauzlLib();
  let zip: yauzlModule.ZipFile;
  try {
    zip = await openCentralDirectory(yauzl, source);
  } catch (e) {
    const head = await source.read(0, 4);
    if (!looksLikeZip(head) || head.readUInt32LE(0) !== LOCAL_SIG) {
      throw new ZipError('input/not-zip', `not a zip archive (${cleanYauzlMessage(e)})`);
    }
    const recovered = await scanLocalHeaders(yauzl, source, maxEntries);
    if (recovered.entries.length === 0) {
      throw new ZipError('input/corrupt-zip', `corrupt zip archive: ${cleanYauzlMessage(e)}; no member could be recovered`);
    }
    return { ...recovered, recovered: `central directory unreadable (${cleanYauzlMessage(e)}); ${recovered.entries.length} members recovered from local headers` };
  }
  const entries: ZipEntry[] = [];
  let truncated: string | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (raw: yauzlModule.Entry) => {
        if (entries.length >= maxEntries) {
          truncated = `archive lists ${zip.entryCount} entries; only the first ${maxEntries} were read (limit maxEntries)`;
          resolve();
          return;
        }
        entries.push(toEntry(yauzl, raw));
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (err: Error) => reject(err));
      zip.readEntry();
    });
  } catch (e) {
    truncated = `central directory corrupt after ${entries.length} entries: ${cleanYauzlMessage(e)}`;
  }
  // yauzl's close() would close the file descriptor, which belongs to our ByteSource: leave it open.
  if (source.buffer) zip.close();
  return { entries, truncated };
}

function openCentralDirectory(yauzl: Yauzl, source: ByteSource): Promise<yauzlModule.ZipFile> {
  const options: yauzlModule.Options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzlModule.ZipFile) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip));
    if (source.buffer) yauzl.fromBuffer(source.buffer, options, done);
    else yauzl.fromRandomAccessReader(positionedReader(yauzl, source.fd!), source.size, options, done);
  });
}

/**
 * yauzl reads the central directory record by record (two reads per member); its fd reader sends each through
 * the thread pool, which cost ~0.2 s of waiting on a 4,000-member IPA. Positioned synchronous reads (page cache:
 * microseconds) answer on the next tick instead. yauzl's own streams are never used here (members are read by
 * readZipEntry), but the stream entry point works too.
 */
export async function positionedReaderFor(fd: number): Promise<yauzlModule.RandomAccessReader> {
  return positionedReader(await yauzlLib(), fd);
}

function positionedReader(yauzl: Yauzl, fd: number): yauzlModule.RandomAccessReader {
  class PositionedReader extends yauzl.RandomAccessReader {
    override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
      let done = 0;
      try {
        while (done < length) {
          const n = readSync(fd, buffer, offset + done, length - done, position + done);
          if (n === 0) break;
          done += n;
        }
      } catch (e) {
        process.nextTick(callback, e as Error);
        return;
      }
      process.nextTick(callback, null, done);
    }

    override _readStreamForRange(start: number, end: number): Readable {
      // In 64 KiB chunks: a stream over a huge member never holds more than one chunk.
      let at = start;
      return new Readable({
        read() {
          if (at >= end) return void this.push(null);
          const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, end - at));
          let n: number;
          try {
            n = readSync(fd, chunk, 0, chunk.length, at);
          } catch (e) {
            return void this.destroy(e as Error);
          }
          if (n === 0) return void this.push(null);
          at += n;
          this.push(chunk.subarray(0, n));
        },
      });
    }
  }
  return new PositionedReader();
}

function cleanYauzlMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0].replace(/\.$/, '');
}

/** Walks local file headers from the start: the fallback for archives whose central directory is cut off. */
async function scanLocalHeaders(yauzl: Yauzl, source: ByteSource, maxEntries: number): Promise<ZipListing> {
  const entries: ZipEntry[] = [];
  let offset = 0;
  let truncated: string | undefined;
  while (offset + 30 <= source.size) {
    if (entries.length >= maxEntries) {
      truncated = `more than ${maxEntries} local headers; stopped (limit maxEntries)`;
      break;
    }
    const h = await source.read(offset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== LOCAL_SIG) break;
    const flags = h.readUInt16LE(6);
    const method = h.readUInt16LE(8);
    const csize = h.readUInt32LE(18);
    const usize = h.readUInt32LE(22);
    const nlen = h.readUInt16LE(26);
    const xlen = h.readUInt16LE(28);
    if (flags & 0x8) {
      truncated = `member at offset ${offset} has its sizes in a data descriptor; recovery stops there`;
      break;
    }
    const nameRaw = await source.read(offset + 30, nlen);
    const dataStart = offset + 30 + nlen + xlen;
    if (dataStart + csize > source.size) {
      truncated = `member at offset ${offset} is cut off by the end of the file`;
      break;
    }
    const name = yauzl.getFileNameLowLevel(flags, nameRaw, [], false);
    entries.push({
      name,
      unsafe: describeUnsafe(name),
      isDirectory: name.endsWith('/'),
      isSymlink: false, // local headers carry no file mode
      encrypted: (flags & 1) !== 0,
      method,
      compressedSize: csize,
      uncompressedSize: usize,
      localHeaderOffset: offset,
      dataStart,
    });
    offset = dataStart + csize;
  }
  return { entries, truncated };
}

/**
 * Reads and inflates one member. `maxBytes` bounds the output: a member that declares or inflates to more fails
 * with ZipError before more than `maxBytes` is allocated.
 */
export async function readZipEntry(source: ByteSource, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.encrypted) throw new ZipError('input/encrypted-member', 'member is password-protected (encrypted)');
  if (entry.uncompressedSize > maxBytes) {
    throw new ZipError('input/member-too-large', `member declares ${entry.uncompressedSize} bytes, over the limit of ${maxBytes}`);
  }
  let dataStart = entry.dataStart;
  if (dataStart === undefined) {
    const h = await source.read(entry.localHeaderOffset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== LOCAL_SIG) {
      throw new ZipError('input/corrupt-member', `no local header at offset ${entry.localHeaderOffset}`);
    }
    dataStart = entry.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  }
  if (dataStart + entry.compressedSize > source.size) {
    throw new ZipError('input/corrupt-member', 'member data runs past the end of the archive (truncated?)');
  }
  const raw = await source.read(dataStart, entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) {
      throw new ZipError('input/corrupt-member', 'stored member whose sizes disagree');
    }
    return raw;
  }
  if (entry.method !== 8) throw new ZipError('input/unsupported-method', `compression method ${entry.method} is not supported`);
  let out: Buffer;
  try {
    // One byte of slack tells "inflates to more than declared" apart from "exactly as declared".
    // One output chunk of the declared size: no chunk list to concatenate, so no second copy at the peak.
    const limit = Math.min(maxBytes, entry.uncompressedSize) + 1;
    out = inflateRawSync(raw, { maxOutputLength: limit, chunkSize: chunkSizeFor(limit) });
  } catch (e) {
    const m = (e as Error).message;
    if (/maxOutputLength|larger than|buffer/i.test(m)) {
      throw new ZipError('input/size-mismatch', `member inflates to more than its declared ${entry.uncompressedSize} bytes (zip bomb?)`);
    }
    throw new ZipError('input/corrupt-member', `cannot inflate member: ${m.split('\n')[0]}`);
  }
  if (out.length !== entry.uncompressedSize) {
    throw new ZipError('input/size-mismatch', `member inflates to ${out.length} bytes, not the declared ${entry.uncompressedSize}`);
  }
  return out;
}

/**
 * zlib's output chunk for a member of at most `limit` bytes: exactly that (zlib's minimum aside). A floor of 64 KiB
 * made every small member (an IPA's thousands of plists and localisation files, ~1 KiB each) allocate a 64 KiB
 * ArrayBuffer of its own, which its buffer then kept alive: ~170 MB of allocations and external memory on the
 * benchmark IPA, and 3–8× the inflate time of a 700-byte member (micro-benchmark, 3,000 members).
 */
function chunkSizeFor(limit: number): number {
  return Math.max(zlibConstants.Z_MIN_CHUNK, limit);
}

/**
 * The member a path relative to member `from` names (a source map, a linked module): inside the archive only, not
 * encrypted, within the per-member byte limit; absolute paths and URLs name none.
 */
export function siblingEntry(byName: ReadonlyMap<string, ZipEntry>, from: string, rel: string, maxEntryBytes: number): ZipEntry | undefined {
  if (posix.isAbsolute(rel) || rel.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(rel)) return undefined;
  const target = posix.normalize(posix.join(posix.dirname(from), rel));
  if (target.startsWith('../') || target === '..') return undefined;
  const sib = byName.get(target);
  return !sib || sib.encrypted || sib.uncompressedSize > maxEntryBytes ? undefined : sib;
}

/**
 * `readZipEntry` with the read and the inflation on libuv's thread pool, so the main thread can go on with the
 * previous member meanwhile. The same bytes when all is well; anything unusual (a header or size that does not
 * add up, an inflate error) reads the member again with `readZipEntry`, so errors and their messages are its own.
 */
export async function readZipEntryInPool(source: ByteSource, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  try {
    if (!entry.encrypted && entry.uncompressedSize <= maxBytes && (entry.method === 0 || entry.method === 8)) {
      let dataStart = entry.dataStart;
      if (dataStart === undefined) {
        const h = await source.read(entry.localHeaderOffset, 30);
        if (h.length === 30 && h.readUInt32LE(0) === LOCAL_SIG) dataStart = entry.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
      }
      if (dataStart !== undefined && dataStart + entry.compressedSize <= source.size) {
        const raw = await (source.readInPool ? source.readInPool(dataStart, entry.compressedSize) : source.read(dataStart, entry.compressedSize));
        if (raw.length === entry.compressedSize) {
          if (entry.method === 0) {
            if (entry.compressedSize === entry.uncompressedSize) return raw;
          } else {
            const limit = Math.min(maxBytes, entry.uncompressedSize) + 1;
            const out = await new Promise<Buffer | undefined>((resolve) =>
              inflateRaw(raw, { maxOutputLength: limit, chunkSize: chunkSizeFor(limit) }, (err, b) => resolve(err ? undefined : b)),
            );
            if (out && out.length === entry.uncompressedSize) return out;
          }
        }
      }
    }
  } catch {
    // Read again below: the synchronous path says what is wrong.
  }
  return readZipEntry(source, entry, maxBytes);
}
