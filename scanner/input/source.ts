// Random access to the bytes of a file on disk or of an in-memory buffer (a nested archive).
import { open, type FileHandle } from 'node:fs/promises';

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
  const handle: FileHandle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    fd: handle.fd,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = Buffer.allocUnsafe(n);
      let done = 0;
      while (done < n) {
        const { bytesRead } = await handle.read(buf, done, n - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === n ? buf : buf.subarray(0, done);
    },
    close: () => handle.close(),
  };
}
