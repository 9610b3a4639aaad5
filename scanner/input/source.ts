// Random access to the bytes of a file on disk or of an in-memory buffer (a nested archive).
// File reads are synchronous positioned reads: an archive is read member by member with two small reads each
// (local header, data), and on a 4,500-member IPA the thread-pool round trip of async reads left the main thread
// idle for ~0.9 s, while the reads themselves (page cache) take microseconds. Nothing else runs on the main
// thread while it waits for a member, so blocking it costs nothing.
import { closeSync, constants, fstatSync, openSync, read as readAsync, readSync } from 'node:fs';

export interface ByteSource {
  size: number;
  /** Set for in-memory sources. */
  buffer?: Buffer;
  /** Set for file sources. */
  fd?: number;
  /** Reads up to `length` bytes at `offset` (fewer at the end of the data). */
  read(offset: number, length: number): Promise<Buffer>;
  /**
   * The same read on libuv's thread pool (file sources): for a large member read ahead while the main thread is
   * busy with the previous one. The caller must let it finish before closing the source.
   */
  readInPool?(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export function bufferSource(buffer: Buffer): ByteSource {
  return {
    size: buffer.length,
    buffer,
    read: async (offset, length) => buffer.subarray(Math.max(0, offset), Math.min(buffer.length, offset + length)),
    close: async () => {},
  };
}

/** Thrown (as an errno-style error, code ENOTREG) for a path that is a FIFO, device, socket or directory. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';
  constructor(readonly path: string) {
    super('not a regular file');
  }
}

/**
 * Opens a regular file for reading without ever blocking on what the path turns out to be: O_NONBLOCK makes the
 * open of a FIFO (with no writer) or a device return at once, and fstat on the opened descriptor — not a stat of
 * the name before, which a swap could outrun — refuses anything but a regular file. O_NONBLOCK has no effect on
 * reads of a regular file.
 */
export function openRegularFile(path: string, opts: { noFollow?: boolean } = {}): { fd: number; size: number } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (opts.noFollow ? constants.O_NOFOLLOW : 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFileError(path);
    return { fd, size: st.size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/**
 * The whole content of a regular file (config, baseline, SARIF to merge): refuses FIFOs, devices and sockets
 * without blocking, and files over `maxBytes` before reading them (code EFBIG).
 */
export function readRegularFileSync(path: string, maxBytes = Number.MAX_SAFE_INTEGER): Buffer {
  const { fd, size } = openRegularFile(path);
  try {
    if (size > maxBytes) throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: 'EFBIG' });
    const buf = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, buf, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return done === size ? buf : buf.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/**
 * Positioned reads of a descriptor opened elsewhere (another thread's archive: the engine's script lane); closing
 * it is the opener's business.
 */
export function fdSource(fd: number, size: number): ByteSource {
  return {
    size,
    fd,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = Buffer.allocUnsafe(n);
      let done = 0;
      while (done < n) {
        const bytesRead = readSync(fd, buf, done, n - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === n ? buf : buf.subarray(0, done);
    },
    close: async () => {},
  };
}

/** `noFollow`: refuse a symbolic link at `path` itself (ELOOP). */
export async function fileSource(path: string, opts: { noFollow?: boolean } = {}): Promise<ByteSource> {
  const { fd, size } = openRegularFile(path, opts);
  let closed = false;
  return {
    ...fdSource(fd, size),
    readInPool(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = Buffer.allocUnsafe(n);
      return new Promise((resolve, reject) => {
        const more = (done: number): void => {
          if (done >= n) return resolve(buf);
          readAsync(fd, buf, done, n - done, offset + done, (err, bytesRead) => {
            if (err) return reject(err);
            if (bytesRead === 0) return resolve(buf.subarray(0, done));
            more(done + bytesRead);
          });
        };
        more(0);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
