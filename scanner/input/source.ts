// Random access to the bytes of a file on disk or of an in-memory buffer (a nested archive).
// File reads are synchronous positioned reads: an archive is read member by member with two small reads each
// (local header, data), and on a 4,500-member IPA the thread-pool round trip of async reads left the main thread
// idle for ~0.9 s, while the reads themselves (page cache) take microseconds. Nothing else runs on the main
// thread while it waits for a member, so blocking it costs nothing.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface ByteSource {
  size: number;
  /** Set for in-memory sources. */
  buffer?: Buffer;
  /** Set for file sources. */
  fd?: number;
  /** Reads up to `length` bytes at `offset` (fewer at the end of the data). */
  read(offset: number, length: number): Promise<Buffer>;
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

export async function fileSource(path: string): Promise<ByteSource> {
  const fd = openSync(path, 'r');
  let size: number;
  try {
    size = fstatSync(fd).size;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  let closed = false;
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
    async close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
