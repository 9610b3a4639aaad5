// Flattens a parsed property list into ConfigFacts with slash paths (`NSAppTransportSecurity/NSExceptionDomains/
// example.com/NSExceptionAllowsInsecureHTTPLoads`), array items by index (`CFBundleURLTypes/0/CFBundleURLName`),
// and mirrors string values as StringFacts of kind `config` so endpoint and credential checks see them.
import type { Facts } from '../../core/facts.js';
import type { KeyPosition } from './xml-positions.js';
import { FactBudget, DEFAULT_FACT_LIMITS } from '../../core/budget.js';

/** Most config facts kept from one plist; a real Info.plist has a few hundred. */
export const MAX_CONFIG_FACTS = 50_000;
const MAX_DEPTH = 256;

export interface FlattenOptions {
  /** Prefix for every key, e.g. `Entitlements` when flattening a sub-dictionary. */
  prefix?: string;
  /** Finds a position for a key path (XML plists: the line of its `<key>`, or its byte offset), or none. */
  locate?: (key: string, lastSegment: string) => KeyPosition;
  maxStrings: number;
  /** Charged for every fact; a shared object is charged at each path it appears under (each is a fact). */
  budget?: FactBudget;
}

type Scalar = string | number | boolean | null;

export function flattenPlist(value: unknown, facts: Facts, opts: FlattenOptions): void {
  let truncated = false;
  let stringsCapped = false;
  const budget = opts.budget ?? new FactBudget(DEFAULT_FACT_LIMITS.artifactBytes);
  const emit = (key: string, v: Scalar, last: string): void => {
    if (facts.config.length >= MAX_CONFIG_FACTS) {
      truncated = true;
      return;
    }
    const text = typeof v === 'string' ? v : undefined;
    if (!budget.takeText(key, text)) return;
    // Literals, not `{ ...pos, … }` (V8 clones a spread generically, ~10× slower: text/config.ts's pushPair).
    const pos = opts.locate?.(key, last);
    const line = pos?.line;
    const offset = pos?.offset;
    facts.config.push(line !== undefined ? { line, key, value: v } : offset !== undefined ? { offset, key, value: v } : { key, value: v });
    if (text) {
      if (facts.strings.length >= opts.maxStrings) stringsCapped = true;
      else if (budget.takeText(key, text)) {
        facts.strings.push(
          line !== undefined ? { line, value: text, kind: 'config', context: key } : offset !== undefined ? { offset, value: text, kind: 'config', context: key } : { value: text, kind: 'config', context: key },
        );
      }
    }
  };
  const walk = (v: unknown, key: string, last: string, depth: number): void => {
    if (truncated || budget.exceeded || depth > MAX_DEPTH) return;
    const scalar = toScalar(v);
    if (scalar !== undefined) {
      if (key !== '') emit(key, scalar, last);
      return;
    }
    const join = (k: string): string => (key === '' ? k : `${key}/${k}`);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && !budget.exceeded; i++) walk(v[i], join(String(i)), last, depth + 1);
    } else if (isDict(v)) {
      for (const [k, item] of Object.entries(v)) walk(item, join(k), k, depth + 1);
    }
    // data (Buffer/Uint8Array) is skipped: certificates and archived blobs are not configuration
  };
  walk(value, opts.prefix ?? '', opts.prefix ?? '', 0);
  if (stringsCapped) {
    facts.notices.push({
      level: 'warning',
      id: 'plist/too-many-strings',
      message: `kept the first ${opts.maxStrings} string values`,
      artifact: facts.artifact,
    });
  }
  if (truncated) {
    facts.notices.push({
      level: 'warning',
      id: 'plist/too-many-keys',
      message: `kept the first ${MAX_CONFIG_FACTS} keys`,
      artifact: facts.artifact,
    });
  }
}

function isDict(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);
}

function toScalar(v: unknown): Scalar | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  // The binary decoder's UID wrapper (NSKeyedArchiver references)
  if (typeof v === 'object' && v !== null && 'UID' in v && Object.keys(v).length === 1) {
    const uid = (v as { UID: unknown }).UID;
    return typeof uid === 'number' ? uid : undefined;
  }
  return undefined;
}
