// Compares a scan with an earlier SARIF log (`--baseline old.sarif`) by rule id + rtcscanFindingHash/v1:
// `new` (not in the baseline), `unchanged`, `updated` (same fingerprint, different message or level), and
// baseline results missing from this scan are copied over as `absent`.
import { readRegularFileSync } from '../input/source.js';
import { jsonErrorWithoutContent } from '../core/parse-error.js';
import type * as Sarif from 'sarif';
import { sarifPlain } from './escape.js';

export const FINGERPRINT_KEY = 'rtcscanFindingHash/v1';

export class BaselineError extends Error {}

export type BaselineState = 'new' | 'unchanged' | 'updated';

export interface Baseline {
  file: string;
  /** `ruleId\0fingerprint` → the baseline result. */
  results: Map<string, Sarif.Result>;
}

const key = (ruleId: string, fp: string) => `${ruleId}\u0000${fp}`;

/**
 * Largest baseline read. rtcscan's own logs stay far below it (results are capped per rule and GitHub takes at most
 * 10 MB gzipped); parsing a 500 MB log would exhaust the heap.
 */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

export function readBaseline(file: string, displayName = file): Baseline {
  let text: string;
  try {
    text = readRegularFileSync(file, MAX_BASELINE_BYTES).toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EFBIG') throw new BaselineError(`baseline ${displayName} is over the limit of ${MAX_BASELINE_BYTES} bytes; not read`);
    throw new BaselineError(`cannot read baseline ${displayName}: ${code === 'ENOENT' ? 'no such file' : code === 'ENOTREG' ? 'not a regular file' : (code ?? 'read failed')}`);
  }
  let log: Sarif.Log;
  try {
    log = JSON.parse(text) as Sarif.Log;
  } catch (e) {
    throw new BaselineError(`cannot read baseline ${displayName}: ${jsonErrorWithoutContent(e, text)}`);
  }
  if (!log || typeof log !== 'object' || log.version !== '2.1.0' || !Array.isArray(log.runs)) {
    throw new BaselineError(`baseline ${displayName} is not a SARIF 2.1.0 log`);
  }
  const results = new Map<string, Sarif.Result>();
  for (const run of log.runs) {
    for (const r of Array.isArray(run?.results) ? run.results : []) {
      const fp = r?.partialFingerprints?.[FINGERPRINT_KEY];
      // Results the baseline itself marked absent were not in that scan.
      if (typeof r?.ruleId !== 'string' || typeof fp !== 'string' || r.baselineState === 'absent') continue;
      results.set(key(r.ruleId, fp), r);
    }
  }
  return { file, results };
}

/** The state of a current result. `level` is the result's effective level. */
export function baselineState(b: Baseline, ruleId: string, fp: string, message: string, level: string): BaselineState {
  const old = b.results.get(key(ruleId, fp));
  if (!old) return 'new';
  return old.message?.text === sarifPlain(message) && (old.level ?? 'warning') === level ? 'unchanged' : 'updated';
}

/**
 * Appends the baseline results this scan no longer has to the (single-run) log, as `absent`. References into the
 * old log's tables (artifact indexes, rule index) are rewritten or dropped so the new log stays valid.
 */
export function addAbsentResults(log: Sarif.Log, b: Baseline): number {
  const run = log.runs[0];
  const results = (run.results ??= []);
  const present = new Set(results.map((r) => key(r.ruleId ?? '', r.partialFingerprints?.[FINGERPRINT_KEY] ?? '')));
  const ruleIndex = new Map((run.tool.driver.rules ?? []).map((r, i) => [r.id, i]));
  let added = 0;
  for (const [k, old] of b.results) {
    if (present.has(k)) continue;
    const copy = stripArtifactIndexes(structuredClone(old)) as Sarif.Result;
    delete copy.ruleIndex;
    const index = ruleIndex.get(old.ruleId!);
    if (index !== undefined) copy.ruleIndex = index;
    copy.baselineState = 'absent';
    results.push(copy);
    added++;
  }
  return added;
}

function stripArtifactIndexes(value: unknown): unknown {
  if (Array.isArray(value)) value.forEach(stripArtifactIndexes);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.uri === 'string' && typeof o.index === 'number') delete o.index;
    for (const v of Object.values(o)) stripArtifactIndexes(v);
  }
  return value;
}
