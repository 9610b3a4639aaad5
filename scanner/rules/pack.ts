// Loads and validates rules/ (vendor packs and check metadata) and indexes them for the checks.
import { readdirSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VendorRule, CheckRule, LibraryRule, PolicyPreset } from './schema.js';
import { Vocabulary } from './vocabulary.js';
import { HostsRule } from './hosts.js';
import { loadSinkRules, type SinkRules } from './sinks.js';
import { loadRuleFile, RuleError } from './rule-file.js';
import { defaultSnapshotFile, readRulesSnapshot } from './snapshot.js';

export { RuleError } from './rule-file.js';

export interface RulePack {
  vendors: VendorRule[];
  /** Common non-RTC libraries recognised by markers in hoisted bundles (rules/libraries/). */
  libraries: LibraryRule[];
  /** Named jurisdiction sets a config can switch on (rules/policies/), by id. */
  presets: Map<string, PolicyPreset>;
  checks: CheckRule[];
  vocabulary: Vocabulary;
  hosts: HostsRule;
  /** Network sinks of the JS dataflow analysis (rules/sinks.yaml); absent when the rules folder has none. */
  sinks?: SinkRules;
  vendorById: Map<string, VendorRule>;
  checkById: Map<string, CheckRule>;
  /** The vendor owning `host` (exact domain or subdomain of a listed domain), if any. */
  vendorForHost(host: string): VendorRule | undefined;
}

/** rules/ at the package root, found from this module's location (works from scanner/ and dist/scanner/). */
export function defaultRulesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'rules', 'vendors')) && existsSync(join(dir, 'package.json'))) return join(dir, 'rules');
    dir = dirname(dir);
  }
  throw new RuleError('cannot find the rules/ folder next to package.json');
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

function checkRegexes(file: string, v: VendorRule): void {
  const all = [
    ...v.credentials.flatMap((c) => [c.regex, ...c.allowlist]),
    ...(v.sdk.js?.version ?? []),
  ];
  for (const re of all) {
    try {
      new RegExp(re);
    } catch (e) {
      throw new RuleError(`invalid rule file ${file}: bad regex ${JSON.stringify(re)}: ${(e as Error).message}`);
    }
  }
  const apiIds = new Set(v.apis.map((a) => a.id));
  for (const id of v.residency?.apis ?? []) {
    if (!apiIds.has(id)) throw new RuleError(`invalid rule file ${file}: residency names unknown api ${id}`);
  }
}

/** The validated contents of a rules/ folder, as plain data (what rules.snapshot.json holds). */
export interface RuleData {
  vendors: VendorRule[];
  libraries: LibraryRule[];
  presets: PolicyPreset[];
  checks: CheckRule[];
  vocabulary: Vocabulary;
  hosts: HostsRule;
  sinks?: SinkRules;
}

/** Reads and validates every rule file of `dir` (YAML + schemas + cross-checks); throws RuleError naming the file. */
export function loadRuleData(dir = defaultRulesDir()): RuleData {
  const vendors: VendorRule[] = [];
  for (const file of yamlFiles(join(dir, 'vendors'))) {
    const v = loadRuleFile(file, VendorRule);
    if (basename(file).replace(/\.ya?ml$/, '') !== v.id) {
      throw new RuleError(`invalid rule file ${file}: file name must be the vendor id (${v.id}.yaml)`);
    }
    checkRegexes(file, v);
    vendors.push(v);
  }
  const libraries: LibraryRule[] = [];
  for (const file of yamlFiles(join(dir, 'libraries'))) {
    const l = loadRuleFile(file, LibraryRule);
    if (basename(file).replace(/\.ya?ml$/, '') !== l.id) {
      throw new RuleError(`invalid rule file ${file}: file name must be the library id (${l.id}.yaml)`);
    }
    libraries.push(l);
  }
  const presets: PolicyPreset[] = [];
  for (const file of yamlFiles(join(dir, 'policies'))) {
    const p = loadRuleFile(file, PolicyPreset);
    if (basename(file).replace(/\.ya?ml$/, '') !== p.id) {
      throw new RuleError(`invalid rule file ${file}: file name must be the preset id (${p.id}.yaml)`);
    }
    presets.push(p);
  }
  const checks = yamlFiles(join(dir, 'checks')).map((f) => loadRuleFile(f, CheckRule));
  const vocabFile = join(dir, 'vocabulary.yaml');
  const vocabulary = existsSync(vocabFile) ? loadRuleFile(vocabFile, Vocabulary) : Vocabulary.parse({});
  const hostsFile = join(dir, 'hosts.yaml');
  const hosts = existsSync(hostsFile) ? loadRuleFile(hostsFile, HostsRule) : HostsRule.parse({});
  const sinksFile = join(dir, 'sinks.yaml');
  const data: RuleData = { vendors, libraries, presets, checks, vocabulary, hosts };
  if (existsSync(sinksFile)) data.sinks = loadSinkRules(sinksFile);
  return data;
}

/** The indexed pack of validated rule data (from the YAML or from the build's snapshot). */
export function packFromData(data: RuleData): RulePack {
  const pack = buildPack(data.vendors, data.checks, data.vocabulary, data.hosts, data.libraries);
  pack.presets = new Map(data.presets.map((p) => [p.id, p]));
  if (data.sinks) pack.sinks = data.sinks;
  return pack;
}

export function loadRulePack(dir = defaultRulesDir()): RulePack {
  return packFromData(loadRuleData(dir));
}

export function buildPack(
  vendors: VendorRule[],
  checks: CheckRule[],
  vocabulary: Vocabulary,
  hosts: HostsRule = HostsRule.parse({}),
  libraries: LibraryRule[] = [],
): RulePack {
  const vendorPackages = new Set(vendors.flatMap((v) => v.sdk.js?.packages ?? []));
  for (const l of libraries) {
    if (vendorPackages.has(l.package)) throw new RuleError(`library ${l.id}: package ${l.package} belongs to a vendor rule`);
  }
  const vendorById = new Map<string, VendorRule>();
  for (const v of vendors) {
    if (vendorById.has(v.id)) throw new RuleError(`duplicate vendor id ${v.id}`);
    vendorById.set(v.id, v);
  }
  const checkById = new Map<string, CheckRule>();
  for (const c of checks) {
    if (checkById.has(c.id)) throw new RuleError(`duplicate check rule id ${c.id}`);
    checkById.set(c.id, c);
  }
  // Domain suffix → vendor; the longest matching suffix wins so `webrtc.example.agora.io`-style overlaps resolve.
  const byDomain = new Map<string, VendorRule>();
  for (const v of vendors) {
    for (const d of v.endpoints.domains) {
      const prev = byDomain.get(d);
      if (prev && prev.id !== v.id) throw new RuleError(`domain ${d} is claimed by both ${prev.id} and ${v.id}`);
      byDomain.set(d, v);
    }
  }
  const cache = new Map<string, VendorRule | undefined>();
  function vendorForHost(host: string): VendorRule | undefined {
    const h = host.toLowerCase().replace(/\.$/, '');
    if (cache.has(h)) return cache.get(h);
    let found: VendorRule | undefined;
    let label = h;
    for (;;) {
      const v = byDomain.get(label);
      if (v) {
        found = v;
        break;
      }
      const dot = label.indexOf('.');
      if (dot < 0) break;
      label = label.slice(dot + 1);
    }
    if (cache.size < 100_000) cache.set(h, found);
    return found;
  }
  return {
    vendors,
    libraries,
    presets: new Map(),
    checks: [...checks].sort((a, b) => a.id.localeCompare(b.id)),
    vocabulary,
    hosts,
    vendorById,
    checkById,
    vendorForHost,
  };
}

let cached: RulePack | undefined;
/**
 * The rule pack shipped with rtcscan, loaded once per process: from the build's validated snapshot while it matches
 * the rule files and schemas byte for byte (rules/snapshot.ts), else from the YAML.
 */
export function defaultRulePack(): RulePack {
  if (cached) return cached;
  const dir = defaultRulesDir();
  const snap = readRulesSnapshot(dir, defaultSnapshotFile(dir));
  cached = snap ? packFromData(snap) : loadRulePack(dir);
  return cached;
}
