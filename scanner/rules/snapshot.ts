// The shipped rules as validated JSON, written by `npm run build` (dist/rules.snapshot.json): a scan then neither
// parses the ~45 YAML rule files nor validates them with zod at start (about 30% of a one-file scan's CPU).
// The snapshot is used only while it matches: its digest covers every rule file's path and bytes and the text of
// the schema modules that validated them. A stale, foreign or unreadable snapshot is ignored and the YAML is loaded.
// It also carries what the build could compute from the rules once for every scan: the tables of the JS prefilter's
// keyword automaton (core/keywords.ts; ~15-45 ms of a cold start to build), taken only for the same keyword list.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleData } from './rule-pack.js';
import { useKeywordTables, type KeywordTables } from '../core/keywords.js';

const FORMAT = 'rtcscan-rules-snapshot/1';
/**
 * Modules whose schemas decide what a rule file validates to (beside this one, same extension), and the keyword
 * automaton whose tables the snapshot carries.
 */
const SCHEMA_MODULES = ['schema', 'sinks', 'vocabulary', 'hosts', 'privacy', 'pack', 'rule-pack', 'rule-file', '../core/keywords'];

export interface RulesSnapshot {
  format: string;
  digest: string;
  data: RuleData;
  /** Keyword automata computed from `data` (the prefilter's), for `useKeywordTables`. */
  keywordTables?: KeywordTables[];
}

/** The snapshot `npm run build` writes for the rules/ folder at the package root: `<root>/dist/rules.snapshot.json`. */
export function defaultSnapshotFile(rulesDir: string): string {
  return join(dirname(rulesDir), 'dist', 'rules.snapshot.json');
}

/** The rule files under `dir` (name order, depth first), with their paths relative to it (`/`-separated). */
function ruleFiles(dir: string, rel = '', out: Array<{ path: string; rel: string }> = []): Array<{ path: string; rel: string }> {
  // Dirents spare a stat per file; a symbolic link is followed as statSync follows it.
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const d of entries) {
    const p = join(dir, d.name);
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory() || (d.isSymbolicLink() && statSync(p).isDirectory())) ruleFiles(p, r, out);
    else if (/\.ya?ml$/.test(d.name)) out.push({ path: p, rel: r });
  }
  return out;
}

/**
 * Set by the bundler (scripts/bundle.mjs) to `schemaModulesDigest()` of the compiled modules it bundles: inside the
 * single-file CLI the schema modules are no files of their own to read.
 */
declare const RTCSCAN_SCHEMA_DIGEST: string | undefined;

/** SHA-256 of the schema modules of the running build (this module's siblings, same extension). */
export function schemaModulesDigest(): string {
  if (typeof RTCSCAN_SCHEMA_DIGEST === 'string') return RTCSCAN_SCHEMA_DIGEST;
  const h = createHash('sha256');
  const here = dirname(fileURLToPath(import.meta.url));
  const ext = extname(fileURLToPath(import.meta.url));
  for (const m of SCHEMA_MODULES) {
    const p = join(here, m + ext);
    h.update(`\0${m}\0`);
    if (existsSync(p)) h.update(readFileSync(p));
  }
  return h.digest('hex');
}

/** SHA-256 over the rule files (relative path and bytes) and the schema modules of the running build. */
export function rulesDigest(rulesDir: string): string {
  const h = createHash('sha256').update(FORMAT);
  for (const f of ruleFiles(rulesDir)) h.update(`\0${f.rel}\0`).update(readFileSync(f.path));
  h.update(`\0schemas\0${schemaModulesDigest()}`);
  return h.digest('hex');
}

export function makeRulesSnapshot(rulesDir: string, data: RuleData, keywordTables: KeywordTables[] = []): RulesSnapshot {
  return { format: FORMAT, digest: rulesDigest(rulesDir), data, keywordTables };
}

/**
 * The snapshot's rule data when it exists and matches `rulesDir` and this build's schemas; otherwise undefined. Its
 * keyword automata are then handed to core/keywords.ts (used by automata of the same keyword lists).
 */
export function readRulesSnapshot(rulesDir: string, file: string): RuleData | undefined {
  let snap: RulesSnapshot;
  try {
    snap = JSON.parse(readFileSync(file, 'utf8')) as RulesSnapshot;
  } catch {
    return undefined;
  }
  if (!snap || snap.format !== FORMAT || typeof snap.digest !== 'string' || typeof snap.data !== 'object' || !snap.data) return undefined;
  if (snap.digest !== rulesDigest(rulesDir)) return undefined;
  if (Array.isArray(snap.keywordTables)) useKeywordTables(snap.keywordTables);
  return snap.data;
}
