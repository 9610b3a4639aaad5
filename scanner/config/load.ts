// Finds, parses and validates the config file, and resolves it against the rule pack (rule and vendor ids must
// exist). Every problem is one ConfigError line naming the file and the field.
import type { PolicyPreset } from '../rules/schema.js';
import { readRegularFileSync } from '../input/source.js';
import { jsonErrorWithoutContent, yamlErrorWithoutContent } from '../core/parse-error.js';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { lazyPackage } from '../core/lazy.js';
import type { z } from 'zod';
import { compileGlob } from './glob.js';
import type { RulePack } from '../rules/pack.js';
import { parseSize, type InputLimits } from '../input/limits.js';
import { configSchemas, type ConfigFile, type Level, type RuleSetting } from './schema.js';

const yaml = lazyPackage<typeof import('yaml')>('yaml');

export class ConfigError extends Error {}

/** A config is a few kilobytes; anything far larger is not one. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export const CONFIG_NAMES = ['rtcscan.config.json', 'rtcscan.config.yaml', 'rtcscan.config.yml'] as const;

export interface Policy {
  /** Vendor id → level of RTC502/RTC303 (undefined: the rule's default level). */
  deniedVendors: Map<string, Level | undefined>;
  /** Country code or regime (`PRC`) → level. */
  deniedJurisdictions: Map<string, Level | undefined>;
  /** Presets switched on (rules/policies/), with the level of their findings. */
  presets: Array<{ preset: PolicyPreset; level: Level | undefined }>;
  /** Hosts, or `.suffix` patterns. */
  allowedEndpoints: string[];
  requireMediaEncryption?: boolean;
}

export interface SuppressionEntry {
  fingerprint: string;
  justification: string;
  kind: 'external' | 'inSource';
}

export interface RtcscanConfig {
  /** Absolute path of the file, when one was read. */
  file?: string;
  rules: Map<string, RuleSetting>;
  policy: Policy;
  ignore: string[];
  limits: Partial<InputLimits>;
  suppressions: SuppressionEntry[];
}

export function emptyConfig(): RtcscanConfig {
  return {
    rules: new Map(),
    policy: { deniedVendors: new Map(), deniedJurisdictions: new Map(), presets: [], allowedEndpoints: [] },
    ignore: [],
    limits: {},
    suppressions: [],
  };
}

/** The config file for `cwd`: the nearest one walking up, stopping at the repository root (`.git`) or `/`. */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const present = CONFIG_NAMES.filter((n) => existsSync(join(dir, n)));
    if (present.length > 1) throw new ConfigError(`${dir}: found both ${present.join(' and ')}; keep one`);
    if (present.length === 1) return join(dir, present[0]);
    if (existsSync(join(dir, '.git'))) return undefined;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** `--config FILE` if given, else the discovered file, else an empty config. */
export function loadConfig(opts: { file?: string; cwd: string; rules: RulePack }): RtcscanConfig {
  const file = opts.file !== undefined ? resolve(opts.cwd, opts.file) : findConfig(opts.cwd);
  if (file === undefined) return emptyConfig();
  return resolveConfig(readConfigFile(file), file, opts.rules);
}

export function readConfigFile(file: string): ConfigFile {
  const name = displayFile(file);
  let text: string;
  try {
    text = readRegularFileSync(file, MAX_CONFIG_BYTES).toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'ENOTREG' ? 'not a regular file' : code === 'EFBIG' ? `larger than ${MAX_CONFIG_BYTES} bytes` : (code ?? 'read failed');
    throw new ConfigError(`cannot read config ${name}: ${why}`);
  }
  let raw: unknown;
  try {
    raw = /\.json$/i.test(file) ? JSON.parse(text) : yaml().parse(text, { prettyErrors: false });
  } catch (e) {
    throw new ConfigError(`cannot parse config ${name}: ${/\.json$/i.test(file) ? jsonErrorWithoutContent(e, text) : yamlErrorWithoutContent(e, text)}`);
  }
  // An empty YAML file is an empty config, not an error.
  if (raw === null || raw === undefined) raw = {};
  const parsed = configSchemas().ConfigFile.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`invalid config ${name}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function describeIssues(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => {
      const path = i.path.map(String);
      // Unknown keys: name the key itself, which is what the user has to fix.
      if (i.code === 'unrecognized_keys') return i.keys.map((k) => `${[...path, k].join('.')}: unknown key`).join('; ');
      return `${path.join('.') || '(root)'}: ${i.message}`;
    })
    .join('; ');
}

/** Checks names against the rule pack and normalises the file into the shape the scan uses. */
export function resolveConfig(cfg: ConfigFile, file: string | undefined, rules: RulePack): RtcscanConfig {
  const name = file ? displayFile(file) : '(config)';
  const fail = (field: string, message: string): never => {
    throw new ConfigError(`invalid config ${name}: ${field}: ${message}`);
  };
  const out = emptyConfig();
  out.file = file;

  for (const [id, setting] of Object.entries(cfg.rules ?? {})) {
    if (!rules.checkById.has(id)) fail(`rules.${id}`, 'unknown rule id (`rtcscan rules` lists them)');
    out.rules.set(id, setting);
  }

  const p = cfg.policy ?? {};
  for (const [id, level] of denyEntries(p.deniedVendors)) {
    if (!rules.vendorById.has(id)) fail(`policy.deniedVendors.${id}`, `unknown vendor id (known: ${[...rules.vendorById.keys()].sort().join(', ')})`);
    out.policy.deniedVendors.set(id, level);
  }
  for (const [j, level] of denyEntries(p.deniedJurisdictions)) {
    if (!/^[A-Z][A-Z0-9-]{1,15}$/.test(j)) fail(`policy.deniedJurisdictions.${j}`, 'expected an ISO 3166 country code (CN) or a regime name in capitals (PRC)');
    out.policy.deniedJurisdictions.set(j, level);
  }
  for (const [id, level] of denyEntries(p.presets)) {
    const preset = rules.presets.get(id);
    if (!preset) fail(`policy.presets.${id}`, `unknown preset (known: ${[...rules.presets.keys()].sort().join(', ')})`);
    out.policy.presets.push({ preset: preset!, level });
  }
  out.policy.allowedEndpoints = (p.allowedEndpoints ?? []).map((h) => h.toLowerCase());
  if (p.requireMediaEncryption !== undefined) {
    const override = out.rules.get('RTC304');
    if (override !== undefined && (p.requireMediaEncryption ? override === 'off' : override !== 'off')) {
      fail('policy.requireMediaEncryption', `contradicts rules.RTC304: ${override}; keep one of them`);
    }
    out.policy.requireMediaEncryption = p.requireMediaEncryption;
  }

  for (const [i, pattern] of (cfg.ignore ?? []).entries()) {
    try {
      compileGlob(pattern);
    } catch (e) {
      fail(`ignore.${i}`, `bad glob ${JSON.stringify(pattern)}: ${(e as Error).message}`);
    }
    out.ignore.push(pattern);
  }

  const l = cfg.limits ?? {};
  const size = (field: string, v: string | number | undefined) => {
    if (v === undefined) return undefined;
    const n = typeof v === 'number' ? v : parseSize(v);
    if (n === undefined || n <= 0) return fail(`limits.${field}`, `expected a size such as 256MB, not ${JSON.stringify(v)}`);
    return n;
  };
  const limits: Partial<InputLimits> = {
    maxEntryBytes: size('maxEntrySize', l.maxEntrySize),
    maxTotalBytes: size('maxTotalSize', l.maxTotalSize),
    maxCompressionRatio: l.maxRatio,
    maxDepth: l.maxDepth,
    maxEntries: l.maxEntries,
  };
  for (const [k, v] of Object.entries(limits)) if (v !== undefined) (out.limits as Record<string, number>)[k] = v;

  const seen = new Set<string>();
  for (const [i, s] of (cfg.suppressions ?? []).entries()) {
    if (seen.has(s.fingerprint)) fail(`suppressions.${i}.fingerprint`, `${s.fingerprint} is listed twice`);
    seen.add(s.fingerprint);
    out.suppressions.push({ fingerprint: s.fingerprint, justification: s.justification, kind: s.kind ?? 'external' });
  }
  return out;
}

function denyEntries(list: string[] | Record<string, Level> | undefined): Array<[string, Level | undefined]> {
  if (!list) return [];
  return Array.isArray(list) ? list.map((id) => [id, undefined]) : Object.entries(list);
}

export function displayFile(file: string): string {
  const rel = file.startsWith(process.cwd() + '/') ? file.slice(process.cwd().length + 1) : file;
  return rel || basename(file);
}
