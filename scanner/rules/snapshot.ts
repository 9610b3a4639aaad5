// The shipped rules as validated JSON, written by `npm run build` (dist/rules.snapshot.json): a scan then neither
// parses the ~45 YAML rule files nor validates them with zod at start (about 30% of a one-file scan's CPU).
// The snapshot is used only while it matches: its digest covers every rule file's path and bytes and the text of
// the schema modules that validated them. A stale, foreign or unreadable snapshot is ignored and the YAML is loaded.
// It also carries what the build could compute from the rules once for every scan: the tables of the keyword
// automata (core/keywords.ts) of the JS prefilter (~15-45 ms of a cold start to build) and of the checks' string scan
// (checks/string-scan.ts, ~3-10 ms), each taken only by an automaton of exactly the same keyword list.
// Their typed arrays (~420 KB) are a binary side file, rules.snapshot.bin, whose SHA-256 the JSON holds: as base64
// inside the JSON they were two thirds of it, and reading, parsing and decoding them cost a cold start more than all
// the rule data.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
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

/** The typed arrays of a snapshot's keyword tables, moved to the side file: [offset, length] of each in it. */
type TableBytes = Record<(typeof TABLE_ARRAYS)[number], [number, number]>;
const TABLE_ARRAYS = ['classOf', 'delta', 'accept'] as const;

/** The snapshot as written: its tables' arrays in the side file `tablesFile` (beside it) of SHA-256 `tablesDigest`. */
interface SnapshotFile extends Omit<RulesSnapshot, 'keywordTables'> {
  keywordTables?: Array<Omit<KeywordTables, (typeof TABLE_ARRAYS)[number]> & { bytes: TableBytes }>;
  tablesFile?: string;
  tablesDigest?: string;
}

/** The side file of the snapshot `file`: `x.json` → `x.bin`. */
function tablesFileOf(file: string): string {
  return file.replace(/\.json$/, '') + '.bin';
}

/** Writes `snap` to `file` (JSON) and its keyword tables' arrays to the side file beside it. */
export function writeRulesSnapshot(file: string, snap: RulesSnapshot): void {
  const chunks: Buffer[] = [];
  let offset = 0;
  const place = (a: string | Uint8Array): [number, number] => {
    const b = typeof a === 'string' ? Buffer.from(a, 'base64') : Buffer.from(a);
    chunks.push(b);
    offset += b.length;
    return [offset - b.length, b.length];
  };
  const keywordTables = (snap.keywordTables ?? []).map(({ classOf, delta, accept, ...rest }) => ({ ...rest, bytes: { classOf: place(classOf), delta: place(delta), accept: place(accept) } }));
  const bin = Buffer.concat(chunks);
  const tablesFile = tablesFileOf(file);
  writeFileSync(tablesFile, bin);
  const out: SnapshotFile = { format: snap.format, digest: snap.digest, data: snap.data, keywordTables, tablesFile: basename(tablesFile), tablesDigest: createHash('sha256').update(bin).digest('hex') };
  writeFileSync(file, JSON.stringify(out));
}

/** The keyword tables of a snapshot as written, with their arrays from the side file; none when it does not match. */
export function snapshotKeywordTables(file: string, snap: SnapshotFile): KeywordTables[] {
  if (!Array.isArray(snap.keywordTables) || typeof snap.tablesFile !== 'string' || typeof snap.tablesDigest !== 'string') return [];
  let bin: Buffer;
  try {
    bin = readFileSync(join(dirname(file), basename(snap.tablesFile)));
  } catch {
    return [];
  }
  if (createHash('sha256').update(bin).digest('hex') !== snap.tablesDigest) return [];
  const out: KeywordTables[] = [];
  for (const { bytes, ...rest } of snap.keywordTables) {
    const arrays: Partial<Record<(typeof TABLE_ARRAYS)[number], Uint8Array>> = {};
    for (const k of TABLE_ARRAYS) {
      const [at, length] = bytes?.[k] ?? [];
      if (!Number.isInteger(at) || !Number.isInteger(length) || at! < 0 || length! < 0 || at! + length! > bin.length) return [];
      arrays[k] = bin.subarray(at, at! + length!);
    }
    out.push({ ...rest, classOf: arrays.classOf!, delta: arrays.delta!, accept: arrays.accept! });
  }
  return out;
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
  let snap: SnapshotFile;
  try {
    snap = JSON.parse(readFileSync(file, 'utf8')) as SnapshotFile;
  } catch {
    return undefined;
  }
  if (!snap || snap.format !== FORMAT || typeof snap.digest !== 'string' || typeof snap.data !== 'object' || !snap.data) return undefined;
  if (snap.digest !== rulesDigest(rulesDir)) return undefined;
  // Tables that do not match are not handed over: the automaton is then built, with the same answers.
  useKeywordTables(snapshotKeywordTables(file, snap));
  return snap.data;
}
