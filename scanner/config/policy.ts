// The scan policy as data: which vendors and jurisdictions are denied. RTC303 needs the facts (identifier flows),
// so it is a check created from the policy; RTC502 derives from RTC101 findings after the scan (see apply.ts).
import type { Facts, FlowFact } from '../core/facts.js';
import type { Check, CheckContext, Finding, Location } from '../core/finding.js';
import type { RulePack } from '../rules/pack.js';
import type { PolicyPreset, VendorRule } from '../rules/schema.js';
import { describeJurisdiction } from '../checks/jurisdiction.js';
import type { Level } from './schema.js';
import type { Policy } from './load.js';

const RANK = { note: 1, warning: 2, error: 3 } as const;

export interface Denial {
  /** What matched: `vendor agora`, `jurisdiction PRC`. */
  reasons: string[];
  /** Highest level among the matching entries; undefined = the rule's default. */
  level?: Level;
}

/** Why the policy denies `v`, or undefined. Protocol entries (plain WebRTC) have no jurisdiction to deny. */
export function denialOf(v: VendorRule, policy: Policy): Denial | undefined {
  if (v.entity === 'protocol') return undefined;
  const hits: Array<[string, Level | undefined]> = [];
  if (policy.deniedVendors.has(v.id)) hits.push([`vendor ${v.id}`, policy.deniedVendors.get(v.id)]);
  for (const j of [v.jurisdiction.country, v.jurisdiction.regime]) {
    if (j && policy.deniedJurisdictions.has(j)) hits.push([`jurisdiction ${j}`, policy.deniedJurisdictions.get(j)]);
  }
  const country = v.jurisdiction.country;
  for (const { preset, level } of policy.presets) {
    if (presetFlags(preset, country)) hits.push([`preset ${preset.id} (${country})`, level]);
  }
  if (hits.length === 0) return undefined;
  const levels = hits.map(([, l]) => l).filter((l): l is Level => l !== undefined);
  const level = levels.length ? levels.reduce((a, b) => (RANK[b] > RANK[a] ? b : a)) : undefined;
  return { reasons: hits.map(([r]) => r), level };
}

/** True when the preset flags a vendor headquartered in `country` (never one without a country: ZZ, protocols). */
export function presetFlags(preset: PolicyPreset, country: string | undefined): boolean {
  if (!country || country === 'ZZ') return false;
  return preset.mode === 'deny' ? preset.countries.includes(country) : !preset.countries.includes(country);
}

export function hasDenials(policy: Policy): boolean {
  return policy.deniedVendors.size > 0 || policy.deniedJurisdictions.size > 0 || policy.presets.length > 0;
}

const CLEARTEXT = new Set(['http', 'ws']);

/**
 * RTC303: an identifier flow whose sink is a denied vendor's host over an encrypted transport, or the vendor's SDK.
 * Cleartext sinks are RTC301's (the lead's cleartext-flows check) and are not reported twice.
 */
export function policyCheck(policy: Policy): Check {
  return {
    id: 'policy',
    reports: ['RTC303'],
    create(ctx: CheckContext) {
      return {
        artifact(facts: Facts) {
          for (const flow of facts.flows) {
            if (flow.steps.length === 0 || (flow.sink.scheme && CLEARTEXT.has(flow.sink.scheme))) continue;
            const vendor = sinkVendor(flow, ctx.rules);
            const denial = vendor && denialOf(vendor, policy);
            if (vendor && denial) ctx.report(deniedFlow(facts, flow, vendor, denial));
          }
        },
      };
    },
  };
}

function sinkVendor(flow: FlowFact, rules: RulePack): VendorRule | undefined {
  if (flow.sink.vendor) return rules.vendorById.get(flow.sink.vendor);
  return flow.sink.host ? rules.vendorForHost(flow.sink.host) : undefined;
}

function deniedFlow(facts: Facts, flow: FlowFact, v: VendorRule, denial: Denial): Finding {
  const steps: Array<Location & { message: string }> = flow.steps.map((s) => ({ ...s, artifact: facts.artifact }));
  const target = flow.sink.url ?? flow.sink.host ?? flow.sink.kind;
  const what = flow.sourceKind === 'rtc-arg' ? `RTC ${flow.identifier} argument` : `identifier ${flow.identifier}`;
  return {
    ruleId: 'RTC303',
    ...(denial.level ? { level: denial.level } : {}),
    message: `The ${what} reaches ${v.name} (${describeJurisdiction(v)}) ${flow.sink.kind === 'rtc-sdk' ? 'through its SDK' : `via ${flow.sink.kind} to ${target}`}; the policy denies ${denial.reasons.join(' and ')}.`,
    location: steps[steps.length - 1],
    ...(steps.length > 1 ? { related: [{ ...steps[0], message: `source: ${steps[0].message}` }] } : {}),
    flow: steps,
    properties: {
      category: 'jurisdiction',
      vendor: v.id,
      country: v.jurisdiction.country,
      ...(v.jurisdiction.regime ? { regime: v.jurisdiction.regime } : {}),
      ...(flow.sink.host ? { host: flow.sink.host } : {}),
      sink: flow.sink.kind,
      identifier: flow.identifier,
      deniedBy: denial.reasons,
    },
    identity: `${v.id}|${flow.identifier}|${flow.sink.kind}|${flow.sink.url ?? flow.sink.host ?? ''}`,
  };
}

/** RTC502 at the location of an RTC101 (SDK bundled) finding of a denied vendor. */
export function deniedVendorFinding(sdk: Finding, v: VendorRule, denial: Denial): Finding {
  return {
    ruleId: 'RTC502',
    ...(denial.level ? { level: denial.level } : {}),
    message: `${v.name} RTC SDK is bundled and the policy denies ${denial.reasons.join(' and ')} (${describeJurisdiction(v)}).`,
    location: sdk.location,
    ...(sdk.related ? { related: sdk.related } : {}),
    properties: {
      category: 'jurisdiction',
      vendor: v.id,
      country: v.jurisdiction.country,
      ...(v.jurisdiction.regime ? { regime: v.jurisdiction.regime } : {}),
      deniedBy: denial.reasons,
    },
    identity: `${v.id}|denied`,
  };
}
