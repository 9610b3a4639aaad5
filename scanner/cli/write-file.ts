// Report files are written to a temporary name beside the target and renamed into place, so a reader never sees
// half a report.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export async function writeAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Exclusive create with an unpredictable name: a planted symlink at a guessable name cannot redirect the write.
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  await writeFile(tmp, content, { flag: 'wx', mode: 0o644 });
  await rename(tmp, path);
}
