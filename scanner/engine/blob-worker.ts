// Worker side of the blob lane (engine/blob-lane.ts): reads large binary members (stored media, asset catalogues,
// models) with the binary reader — printable runs, the entropy estimate — beside the main thread. It loads the
// format readers' modules only (no Babel, no rules: the binary reader reads none), so it starts in milliseconds.
import { hash } from 'node:crypto';
import { readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { FactBudget } from '../core/budget.js';
import type { RulePack } from '../rules/pack.js';
import { binaryReader, readWith } from '../formats/index.js';
import { packFacts, type PackedFacts } from './packed-strings.js';

export interface BlobTask {
  id: number;
  /** The bytes, or where they are in a file (`file`): read here and hashed (the answer then carries `sha256`). */
  data?: Uint8Array;
  file?: { fd: number; offset: number; length: number };
  path: string;
  maxStrings: number;
  factLimit?: number;
  factScope?: 'artifact' | 'scan';
}

/** The binary reader reads no rules; the context's `rules` is never touched. */
const NO_RULES = undefined as unknown as RulePack;

/**
 * Buffer for members read from the file, reused: fresh memory costs page faults (~3–4 ms per MiB on the 2-core
 * benchmark machine, more than reading the page cache). Tasks run one at a time, and each answer is cloned
 * when posted, so nothing refers to the previous member's bytes when the next is read in.
 */
let scratch: Buffer | undefined;

function readFile({ fd, offset, length }: { fd: number; offset: number; length: number }): Buffer {
  if (!scratch || scratch.length < length) scratch = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, scratch, done, length - done, offset + done);
    if (n === 0) break;
    done += n;
  }
  return scratch.subarray(0, done);
}

async function run(task: BlobTask): Promise<void> {
  try {
    const data = task.file ? readFile(task.file) : Buffer.from(task.data!.buffer, task.data!.byteOffset, task.data!.byteLength);
    const sha256 = task.file ? hash('sha256', data, 'hex') : undefined;
    const budget = task.factLimit === undefined ? undefined : new FactBudget(task.factLimit, task.factScope);
    parentPort!.postMessage({ id: task.id, facts: await blobFacts(data, task.path, task.maxStrings, budget), sha256 });
  } catch (e) {
    parentPort!.postMessage({ id: task.id, error: String((e as Error)?.message ?? e) });
  }
}

/**
 * A member's facts as this worker answers them: the binary reader's, packed. Exported for the build
 * (scripts/code-cache.mjs), whose warm run reads files through it for V8's code cache of the bundled worker.
 */
export async function blobFacts(data: Buffer, path: string, maxStrings: number, budget?: FactBudget): Promise<PackedFacts> {
  return packFacts(await readWith(binaryReader, data, path, { rules: NO_RULES, maxStrings, budget }));
}

let queue = Promise.resolve();
parentPort?.on('message', (task: BlobTask) => {
  queue = queue.then(() => run(task));
});
