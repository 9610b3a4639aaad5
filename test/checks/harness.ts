// Runs checks over facts the way the engine does (create once per bundle, artifact per facts, end once).
import { emptyFacts, type Facts, type FormatId } from '../../scanner/core/facts.js';
import type { Check, Finding } from '../../scanner/core/finding.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildPack, defaultRulesDir, type RulePack } from '../../scanner/rules/pack.js';
import { CheckRule, VendorRule } from '../../scanner/rules/schema.js';
import { Vocabulary } from '../../scanner/rules/vocabulary.js';

/** The vendors these tests rely on; other vendor files (possibly mid-edit by others) are not loaded. */
export const TEST_VENDORS = ['agora', 'tencent-trtc', 'zegocloud', 'twilio', 'livekit'];

let pack: RulePack | undefined;
/** The shipped rules/ files of TEST_VENDORS and every check rule, validated by the real schemas. */
export function rules(): RulePack {
  if (pack) return pack;
  const dir = defaultRulesDir();
  const load = (f: string) => parseYaml(readFileSync(f, 'utf8')) as unknown;
  const vendors = TEST_VENDORS.map((id) => VendorRule.parse(load(join(dir, 'vendors', `${id}.yaml`))));
  const checks = readdirSync(join(dir, 'checks'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => CheckRule.parse(load(join(dir, 'checks', f))));
  pack = buildPack(vendors, checks, Vocabulary.parse({}));
  return pack;
}

export function runChecks(checks: Check[], artifacts: Facts[], opts: { showSecrets?: boolean; pack?: RulePack } = {}): Finding[] {
  const findings: Finding[] = [];
  const p = opts.pack ?? rules();
  for (const check of checks) {
    const v = check.create({
      rules: p,
      showSecrets: opts.showSecrets ?? false,
      report: (f) => {
        if (!check.reports.includes(f.ruleId)) throw new Error(`${check.id} reported ${f.ruleId}, not in its reports list`);
        if (!p.checkById.has(f.ruleId)) throw new Error(`${f.ruleId} has no metadata in rules/checks`);
        findings.push(f);
      },
      notify: () => {},
    });
    for (const facts of artifacts) v.artifact?.(facts);
    v.end?.();
  }
  return findings;
}

/** Facts for one artifact with the given parts filled in. */
export function facts(artifact: string, format: FormatId, parts: Partial<Facts> = {}): Facts {
  return { ...emptyFacts(artifact, format, format === 'js'), ...parts };
}

export const byRule = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);
