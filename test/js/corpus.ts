// Shared helpers for the JS reader tests: builds the dev corpus once (test/corpus/build.mjs), reads its artifacts
// with jsReader as the scanner would (siblings from the same folder), and parses the `@expect` labels of the apps.
import { appApiUses, argsByRole } from '../../scanner/checks/vendor-calls.js';
import { toJsValue } from '../../scanner/checks/model-values.js';
import type { ApiCallFact, JsValue } from '../../scanner/core/facts.js';
import type { RulePack } from '../../scanner/rules/pack.js';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Facts } from '../../scanner/core/facts.js';
import { jsReader } from '../../scanner/formats/js/index.js';
import type { FormatReader } from '../../scanner/formats/reader.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { ReaderContext } from '../../scanner/formats/reader.js';

export const corpusDir = resolve(dirname(fileURLToPath(import.meta.url)), '../corpus');
export const outDir = join(corpusDir, 'out');

export interface ManifestEntry {
  name: string;
  file: string;
  map: string | null;
  mapComment?: string;
  format: string;
  sdk: Record<string, string>;
}

export async function ensureCorpus(): Promise<ManifestEntry[]> {
  const mod = (await import(join(corpusDir, 'build.mjs'))) as { buildCorpus(o?: { force?: boolean }): Promise<unknown> };
  await mod.buildCorpus();
  return (JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { artifacts: ManifestEntry[] }).artifacts;
}

export interface ReadResult {
  facts: Facts;
  /** Every path the reader asked `readSibling` for. */
  siblingRequests: string[];
}

/** Reads `data` as the artifact `path` whose siblings live in `dir` (or nowhere when dir is undefined). */
export async function readJs(data: Buffer, path: string, dir?: string, extra: Partial<ReaderContext> = {}, reader: FormatReader = jsReader): Promise<ReadResult> {
  const siblingRequests: string[] = [];
  const ctx: ReaderContext = {
    rules: defaultRulePack(),
    maxStrings: 1_000_000,
    readSibling: async (rel) => {
      siblingRequests.push(rel);
      if (!dir) return undefined;
      const p = resolve(dir, rel);
      if (relative(dir, p).startsWith('..') || !existsSync(p)) return undefined;
      return readFileSync(p);
    },
    ...extra,
  };
  const facts = await reader.read(data, path, ctx);
  // The vendor API calls the checks find in the reader's code model, with argument roles, for assertions.
  if (!facts.apiCalls.length) facts.apiCalls = apiCallsOf(facts, ctx.rules);
  else
    for (const c of facts.apiCalls) {
      const api = ctx.rules.vendorById.get(c.vendor)?.apis.find((a) => a.id === c.api);
      c.args = argsByRole(c, api) as Record<string, JsValue>;
    }
  return { facts, siblingRequests };
}

/**
 * The app's vendor API calls as the checks match them in the code model (appApiUses), in the shape tests assert
 * on: vendor, API, kind, callee, position (and its source-map original), argument values in call order and by role.
 */
export function apiCallsOf(facts: Facts, rules: RulePack): ApiCallFact[] {
  const byPos = new Map((facts.code?.calls ?? []).map((c) => [`${c.line}:${c.column}`, c]));
  return appApiUses(facts, rules).map((u) => {
    const call = byPos.get(`${u.location.line}:${u.location.column}`);
    const fact: ApiCallFact = { vendor: u.vendor.id, api: u.apiId, kind: u.kind, callee: u.callee, inVendorCode: false, args: u.args as Record<string, JsValue> };
    if (call) fact.values = call.args.map((a) => toJsValue(a));
    for (const k of ['line', 'column', 'endLine', 'endColumn', 'original', 'snippet', 'context'] as const) if (u.location[k] !== undefined) (fact as unknown as Record<string, unknown>)[k] = u.location[k];
    return fact;
  });
}

export async function readArtifact(entry: ManifestEntry, reader: FormatReader = jsReader): Promise<ReadResult> {
  const file = join(outDir, entry.file);
  return readJs(readFileSync(file), `corpus!/${entry.file}`, dirname(file), {}, reader);
}

export interface Label {
  /** Source path as the reader normalises map sources: `apps/<app>/<file>`. */
  source: string;
  line: number;
  vendor: string;
  kind: string;
}

/** `// @expect api <vendor> <kind>` labels of one app, with their 1-based lines. */
export function labelsOf(app: string): Label[] {
  const out: Label[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, name.name);
      if (name.isDirectory()) walk(p);
      else if (name.name.endsWith('.js')) {
        readFileSync(p, 'utf8')
          .split('\n')
          .forEach((text, i) => {
            const m = /\/\/ @expect api (\S+) (\S+)/.exec(text);
            if (m) out.push({ source: relative(corpusDir, p).split('\\').join('/'), line: i + 1, vendor: m[1]!, kind: m[2]! });
          });
      }
    }
  };
  walk(join(corpusDir, 'apps', app));
  return out;
}
