// Differential harness of the JS reader's two ways to find vendor API uses: the reader's own matcher
// (facts.apiCalls) and the code model (facts.code) matched by the checks (scanner/checks/model-calls.ts). Both
// are produced in one read (`apiMatching: 'both'`); the checks' AppApiUses of each are compared field by field.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { appApiUses, type AppApiUse } from '../../scanner/checks/vendor-calls.js';
import type { Facts } from '../../scanner/core/facts.js';
import { createJsReader } from '../../scanner/formats/js/index.js';
import type { ReaderContext } from '../../scanner/formats/reader.js';
import type { RulePack } from '../../scanner/rules/pack.js';

const reader = createJsReader({ apiMatching: 'both' });

/** What is compared of one use: vendor, API, route, position, callee and argument values by role. */
export function useKey(u: AppApiUse): string {
  const args = Object.keys(u.args)
    .sort()
    .map((r) => `${r}=${JSON.stringify(u.args[r as keyof typeof u.args])}`)
    .join(',');
  return `${u.vendor.id}|${u.apiId}|${u.route}|${u.location.line}:${u.location.column}|${u.callee}|${args}`;
}

export interface Parity {
  file: string;
  uses: number;
  /** Keys only the reader's own matcher gives. */
  onlyReader: string[];
  /** Keys only the code model gives. */
  onlyModel: string[];
  /** The model's calls (for scale). */
  modelCalls: number;
}

export async function parityOf(file: string, rules: RulePack, artifact = file): Promise<Parity> {
  const dir = dirname(file);
  const ctx: ReaderContext = {
    rules,
    maxStrings: 1_000_000,
    readSibling: async (rel) => {
      const p = resolve(dir, rel);
      if (relative(dir, p).startsWith('..') || !existsSync(p)) return undefined;
      return readFileSync(p);
    },
  };
  const facts = await reader.read(readFileSync(file), artifact, ctx);
  const old: Facts = { ...facts, code: undefined };
  const model: Facts = { ...facts, apiCalls: [] };
  const a = appApiUses(old, rules).map(useKey);
  const b = facts.code?.calls.length ? appApiUses(model, rules).map(useKey) : [];
  return { file, uses: Math.max(a.length, b.length), onlyReader: minus(a, b), onlyModel: minus(b, a), modelCalls: facts.code?.calls.length ?? 0 };
}

/** Multiset difference. */
function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const k of b) left.set(k, (left.get(k) ?? 0) + 1);
  const out: string[] = [];
  for (const k of a) {
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push(k);
  }
  return out;
}

const JS_FILE = /\.(?:[cm]?jsx?|tsx?)$/;

/** JS/TS files under a folder (no node_modules, no declaration files), sorted. */
export function jsFilesUnder(root: string, limit = 5000): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (out.length >= limit) return;
      if (name === 'node_modules' || name === '.git') continue;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (JS_FILE.test(name) && !name.endsWith('.d.ts') && st.size <= 24 * 1024 * 1024) out.push(p);
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}
