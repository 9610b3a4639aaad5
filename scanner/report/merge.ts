// Combining SARIF logs and batch summaries from several files (shards of one audit, or per-bundle reports).
// Runs stay separate (one per bundle/category); a run whose automationDetails.id was already taken is dropped,
// since GitHub rejects two runs of one category in an upload.
import { jsonErrorWithoutContent } from '../core/parse-error.js';
import type * as Sarif from 'sarif';
import { SARIF_SCHEMA } from './sarif.js';
import { summaryDocument, type SummaryDocument, type SummaryRow } from './summary.js';

/** GitHub code scanning accepts at most this many runs in one SARIF file. */
export const GITHUB_MAX_RUNS = 20;

export class MergeError extends Error {}

/** Parses one SARIF file and checks it is SARIF 2.1.0 with runs; throws a one-line MergeError naming the file. */
export function parseSarif(text: string, file: string): Sarif.Log {
  let log: unknown;
  try {
    log = JSON.parse(text);
  } catch (e) {
    throw new MergeError(`${file}: ${jsonErrorWithoutContent(e, text)}`);
  }
  const l = log as Partial<Sarif.Log> | null;
  if (!l || typeof l !== 'object' || Array.isArray(l)) throw new MergeError(`${file}: not a SARIF log (the top level is not an object)`);
  if (l.version !== '2.1.0') throw new MergeError(`${file}: not SARIF 2.1.0 (version ${JSON.stringify(l.version ?? null)})`);
  if (!Array.isArray(l.runs)) throw new MergeError(`${file}: not a SARIF log ("runs" is not an array)`);
  for (const [i, run] of l.runs.entries()) {
    if (!run || typeof run !== 'object' || typeof run.tool?.driver?.name !== 'string') {
      throw new MergeError(`${file}: runs[${i}] has no tool.driver.name`);
    }
  }
  return l as Sarif.Log;
}

export interface MergeOutcome {
  runs: Sarif.Run[];
  warnings: string[];
}

/**
 * Runs of all logs in order. A run with an automationDetails.id seen before is dropped: silently when it is
 * identical (the same report given twice, overlapping shards), with a warning when it differs. Runs without an id
 * are deduplicated only when identical.
 */
export function mergeRuns(logs: Array<{ file: string; log: Sarif.Log }>): MergeOutcome {
  const runs: Sarif.Run[] = [];
  const warnings: string[] = [];
  const byId = new Map<string, { file: string; json: string }>();
  const anonymous = new Set<string>();
  for (const { file, log } of logs) {
    for (const run of log.runs) {
      const json = JSON.stringify(run);
      const id = run.automationDetails?.id;
      if (id === undefined) {
        if (anonymous.has(json)) continue;
        anonymous.add(json);
      } else {
        const prev = byId.get(id);
        if (prev) {
          if (prev.json !== json) warnings.push(`${file}: a different run with automationDetails.id ${id} was already taken from ${prev.file}; this one is left out`);
          continue;
        }
        byId.set(id, { file, json });
      }
      runs.push(run);
    }
  }
  if (runs.length > GITHUB_MAX_RUNS) warnings.push(`${runs.length} runs in one file: GitHub code scanning accepts at most ${GITHUB_MAX_RUNS} per upload (write per-bundle files, or split with rtcscan scan --combined)`);
  return { runs, warnings };
}

export function sarifLog(runs: Sarif.Run[]): Sarif.Log {
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs };
}

/** Consecutive groups of at most `size` items (the combined report split into uploadable files). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * One summary from several (shards of one audit): rows sorted by bundle; a bundle named twice is kept once, with a
 * warning when the rows differ (the same name in two audits).
 */
export function mergeSummaries(docs: Array<{ file: string; doc: SummaryDocument }>): { doc: SummaryDocument; warnings: string[] } {
  const rows = new Map<string, { file: string; row: SummaryRow; json: string }>();
  const warnings: string[] = [];
  for (const { file, doc } of docs) {
    for (const row of doc.bundles) {
      const json = JSON.stringify(row);
      const prev = rows.get(row.bundle);
      if (prev) {
        if (prev.json !== json) warnings.push(`${file}: bundle ${row.bundle} was already taken from ${prev.file} with different results; this row is left out`);
        continue;
      }
      rows.set(row.bundle, { file, row, json });
    }
  }
  return { doc: summaryDocument([...rows.values()].map((r) => r.row)), warnings };
}
