// Runs checks over facts the way the engine does (create once per bundle, artifact per facts, end once).
import { emptyFacts, type Facts, type FormatId } from '../../scanner/core/facts.js';
import type { Check, Finding } from '../../scanner/core/finding.js';
import { loadRulePack, type RulePack } from '../../scanner/rules/pack.js';

let pack: RulePack | undefined;
/** The rule pack shipped in rules/. */
export function rules(): RulePack {
  pack ??= loadRulePack();
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
