// Worker-thread side of the engine's read pool (piscina): reads one artifact with the shipped rule pack.
// `readSibling` (source maps next to a bundle) is answered by the main thread over a MessagePort.
import type { MessagePort } from 'node:worker_threads';
import type { Facts } from '../core/facts.js';
import { FactBudget } from '../core/budget.js';
import { withPlainCalls } from '../formats/dex/call-site.js';
import { loadShippedRulePack } from '../rules/rule-pack.js';
import { dropsUnreadLiterals, dropUnreadLiterals, type LiteralReadsKey } from '../checks/string-reads.js';
import { readArtifactFacts } from './read.js';

export interface ReadTask {
  data: Uint8Array;
  path: string;
  maxStrings: number;
  port?: MessagePort;
  /** The artifact's fact budget (scanner/core/budget.ts), rebuilt on this side. */
  factLimit?: number;
  factScope?: 'artifact' | 'scan';
  /** The vendor package the artifact is library code of (engine/package-owner.ts). */
  package?: string;
  /** The scan's checks' declarations of the literals they read (checks/string-reads.ts), or none when one has none. */
  literalReads?: LiteralReadsKey[];
}

export default async function readTask(task: ReadTask): Promise<Facts> {
  const data = Buffer.from(task.data.buffer, task.data.byteOffset, task.data.byteLength);
  let next = 0;
  const pending = new Map<number, (b: Buffer | undefined) => void>();
  task.port?.on('message', (m: { id: number; data?: Uint8Array }) => {
    pending.get(m.id)?.(m.data ? Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength) : undefined);
    pending.delete(m.id);
  });
  const readSibling = task.port
    ? (rel: string) =>
        new Promise<Buffer | undefined>((resolve) => {
          const id = next++;
          pending.set(id, resolve);
          task.port!.postMessage({ id, rel });
        })
    : undefined;
  try {
    const budget = task.factLimit === undefined ? undefined : new FactBudget(task.factLimit, task.factScope);
    const rules = await loadShippedRulePack();
    const facts = await readArtifactFacts(data, task.path, { rules, maxStrings: task.maxStrings, budget, readSibling, package: task.package }, task.literalReads ? { literalReads: task.literalReads } : {});
    // As in the script lane's worker: a vendor build's (or large text file's) literals no check reads are not cloned back.
    if (task.literalReads && dropsUnreadLiterals(facts, data.length)) dropUnreadLiterals(facts, rules, task.literalReads);
    // The answer is cloned to the main thread, which keeps own data properties only (DEX call sites share theirs).
    if (facts.code) facts.code = withPlainCalls(facts.code);
    return facts;
  } finally {
    task.port?.close();
  }
}
