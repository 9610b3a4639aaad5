// Command-line helpers shared by the eval scripts of this folder.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above eval/realapps/). */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The value after `--name` on the command line, if any. */
export const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
