// Writing a report file. The output folder may be shared or hostile (a CI workspace holding the untrusted build),
// so the temporary file is created exclusively (O_CREAT|O_EXCL: a planted file or symbolic link at its name makes
// the open fail instead of writing through it) under a name no one can predict (crypto random), beside the target,
// then renamed over it: a crash never leaves half a report, and a link at the target itself is replaced, not
// followed.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The temporary name for `path`: hidden, beside it, with 96 random bits. */
export function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`);
}

export async function writeReportFile(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
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
