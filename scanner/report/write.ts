// Writing a report file. The output folder may be shared or hostile (a CI workspace holding the untrusted build),
// so the temporary file is created exclusively (O_CREAT|O_EXCL: a planted file or symbolic link at its name makes
// the open fail instead of writing through it) under a name no one can predict (crypto random), beside the target,
// then renamed over it: a crash never leaves half a report, and a link at the target itself is replaced, not
// followed. A character device at the target itself (`-o /dev/null`) is written into, never replaced by a file (a FIFO
// is replaced: opening it would wait for a reader).
// Every failure is a ReportWriteError naming the path the user gave, never the temporary file.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A report could not be written: one line for the user, naming their path and the reason. */
export class ReportWriteError extends Error {}

/** The temporary name for `path`: hidden, beside it, with 96 random bits. */
export function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`);
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
  ENOENT: 'no such folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
  EFBIG: 'the file is too large for the file system',
  ELINKDEV: 'it is a symbolic link to a device, folder or FIFO, not replaced (write to stdout without -o, or name the device itself)',
};

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) ?? code ?? String((e as Error)?.message ?? e).split('\n')[0]!;
}

/** Writes `content` to `path`; `shownAs` is how the user named it (default: `path`). */
export async function writeReportFile(path: string, content: string, shownAs = path): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const st = await lstat(path).catch(() => undefined);
    if (st?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (st?.isCharacterDevice()) return await writeInto(path, content);
    // A link is replaced by the report, never followed; one to something that is not a file would take a device
    // or a system path with it (`-o /dev/stdout`): refused.
    if (st?.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile() === false) {
      throw Object.assign(new Error('link'), { code: 'ELINKDEV' });
    }
    await writeReplacing(path, content);
  } catch (e) {
    throw new ReportWriteError(`cannot write ${shownAs}: ${reason(e)}`);
  }
}

async function writeInto(path: string, content: string): Promise<void> {
  // O_NOFOLLOW: a link swapped in since lstat is refused, not followed.
  const fh = await open(path, constants.O_WRONLY | constants.O_NOFOLLOW);
  try {
    await fh.writeFile(content);
  } finally {
    await fh.close();
  }
}

async function writeReplacing(path: string, content: string): Promise<void> {
  const tmp = tempNameFor(path);
  const fh = await open(tmp, 'wx', 0o644);
  try {
    try {
      await fh.writeFile(content);
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
