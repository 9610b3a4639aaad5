// Worker side of the blob lane (engine/blob-lane.ts): reads large binary members (stored media, asset catalogues,
// models) with the binary reader — printable runs, the entropy estimate — beside the main thread. It loads the
// format readers' modules only (no Babel, no rules: the binary reader reads none), so it starts in milliseconds.
import { parentPort } from 'node:worker_threads';
import { FactBudget } from '../core/budget.js';
import type { RulePack } from '../rules/pack.js';
import { binaryReader, readWith } from '../formats/index.js';

export interface BlobTask {
  id: number;
  data: Uint8Array;
  path: string;
  maxStrings: number;
  factLimit?: number;
  factScope?: 'artifact' | 'scan';
}

/** The binary reader reads no rules; the context's `rules` is never touched. */
const NO_RULES = undefined as unknown as RulePack;

parentPort?.on('message', (task: BlobTask) => {
  const data = Buffer.from(task.data.buffer, task.data.byteOffset, task.data.byteLength);
  const budget = task.factLimit === undefined ? undefined : new FactBudget(task.factLimit, task.factScope);
  void readWith(binaryReader, data, task.path, { rules: NO_RULES, maxStrings: task.maxStrings, budget }).then(
    (facts) => parentPort!.postMessage({ id: task.id, facts }),
    (e: unknown) => parentPort!.postMessage({ id: task.id, error: String((e as Error)?.message ?? e) }),
  );
});
