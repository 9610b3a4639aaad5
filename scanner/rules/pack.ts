// Loads and validates rules/ (vendor packs and check metadata) from the YAML with the zod schemas, and indexes them
// for the checks (rule-pack.ts).
import { readdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { VendorRule, CheckRule, LibraryRule, PolicyPreset } from './schema.js';
import { Vocabulary } from './vocabulary.js';
import { HostsRule } from './hosts.js';
import { loadSinkRules, SinkRules } from './sinks.js';
import { loadRuleFile, RuleError } from './rule-file.js';
import {
  defaultRulesDir,
  indexPack,
  packFromData,
  registerDefaultSinks,
  rememberShippedRulePack,
  shippedRulePack,
  shippedSnapshot,
  type RuleData,
  type RulePack,
} from './rule-pack.js';
import { loadPrivacyRules } from './privacy.js';

export { RuleError } from './rule-file.js';
export { defaultRulesDir, packFromData, loadShippedRulePack, type RuleData, type RulePack } from './rule-pack.js';

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
  const privacy = loadPrivacyRules(dir);
  if (privacy) data.privacy = { ...privacy, manifestSdks: [...privacy.manifestSdks] };
  return data;
}

export function loadRulePack(dir = defaultRulesDir()): RulePack {
  return packFromData(loadRuleData(dir));
}

/** The indexed pack of these rules; hosts and libraries default to none (tests build small packs this way). */
export function buildPack(
  vendors: VendorRule[],
  checks: CheckRule[],
  vocabulary: Vocabulary,
  hosts: HostsRule = HostsRule.parse({}),
  libraries: LibraryRule[] = [],
): RulePack {
  return indexPack(vendors, checks, vocabulary, hosts, libraries);
}

/**
 * The rule pack shipped with rtcscan, loaded once per process: from the build's validated snapshot while it matches
 * the rule files and schemas byte for byte (rules/snapshot.ts), else from the YAML.
 */
export function defaultRulePack(): RulePack {
  const have = shippedRulePack();
  if (have) return have;
  const snap = shippedSnapshot();
  return rememberShippedRulePack(snap ? packFromData(snap) : loadRulePack());
}

registerDefaultSinks(() => {
  const file = join(defaultRulesDir(), 'sinks.yaml');
  return existsSync(file) ? loadSinkRules(file) : SinkRules.parse({});
});
