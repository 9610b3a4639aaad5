// RTC501 DataResidencyIncludesChina: sessions whose routing may pass through mainland China, because the SDK's
// default includes China and no region setting excludes it, or because a region setting includes China.
// Concluded in end(), over every artifact.
import type { Facts, JsValue } from '../core/facts.js';
import type { Check, CheckContext, Location } from '../core/finding.js';
import type { Platform, VendorRule } from '../rules/schema.js';
import { textFor } from '../rules/platform-text.js';
import { appApiUses, renderValue, useIdentity, jurisdictionOf, type AppApiUse } from './vendor-calls.js';

type Verdict = 'includes' | 'excludes' | 'unknown';

function scalars(v: JsValue, depth = 0): string[] | undefined {
  switch (v.kind) {
    case 'string':
      return [v.value];
    case 'number':
      return [String(v.value)];
    case 'unknown':
      // An unresolved enum member (`AreaCode.AreaCodeGlob`) is judged by its name; any other expression is unknown.
      return /^[\w$]+(?:\.[\w$]+)*$/.test(v.text) ? [v.text.slice(v.text.lastIndexOf('.') + 1)] : undefined;
    case 'array': {
      if (depth > 2) return undefined;
      const out: string[] = [];
      for (const i of v.items) {
        const s = scalars(i, depth + 1);
        if (!s) return undefined;
        out.push(...s);
      }
      return out;
    }
    default:
      return undefined;
  }
}

type ResidencyRule = NonNullable<VendorRule['residency']>;

/**
 * Classifies an area value against the rule's China / exclude lists; unresolved values stay unknown.
 * `mode` is the call's mode argument (ZEGO setGeoFence(type, areas)): a mode named like "exclude", or listed in
 * the rule's `modeValues.exclude`, turns the area list into an exclusion list; a mode that cannot be read leaves
 * the verdict unknown.
 */
export function classifyArea(v: JsValue, rule: ResidencyRule, mode?: JsValue): Verdict {
  const china = new Set(rule.chinaValues.map((s) => s.toLowerCase()));
  const exclude = new Set(rule.excludeValues.map((s) => s.toLowerCase()));
  const excludeProps = new Set(rule.excludeProps.map((p) => p.toLowerCase()));
  const hasChina = (vals: string[]) => vals.some((s) => china.has(s.toLowerCase()));
  const hasExclude = (vals: string[]) => vals.some((s) => exclude.has(s.toLowerCase()));
  if (mode && mode.kind !== 'undefined' && mode.kind !== 'null') {
    const m = scalars(mode) ?? [];
    const vals = scalars(v);
    if (!vals || m.length !== 1) return 'unknown';
    const named = (list: string[] | undefined, word: RegExp) => list?.includes(m[0]!) || word.test(m[0]!);
    if (named(rule.modeValues?.exclude, /exclu/i)) return hasChina(vals) ? 'excludes' : 'unknown';
    if (named(rule.modeValues?.include, /inclu/i)) return hasChina(vals) ? 'includes' : 'excludes';
    return 'unknown';
  }
  if (v.kind === 'object') {
    // `{areaCode: "GLOBAL", excludedArea: "CHINA"}`: an exclusion property naming China excludes it.
    let verdict: Verdict = 'unknown';
    for (const [prop, pv] of Object.entries(v.props)) {
      const vals = scalars(pv);
      if (!vals) continue;
      if (excludeProps.has(prop.toLowerCase()) || /exclu/i.test(prop)) {
        if (hasChina(vals)) return 'excludes';
        continue;
      }
      if (hasChina(vals)) verdict = 'includes';
      else if (hasExclude(vals) && verdict === 'unknown') verdict = 'excludes';
    }
    return verdict;
  }
  const vals = scalars(v);
  if (!vals) return 'unknown';
  if (hasExclude(vals)) return 'excludes';
  if (hasChina(vals)) return 'includes';
  return 'unknown';
}

/** A numeric App ID inside the rule's mainland range includes China, outside it excludes it; else unknown. */
function appIdVerdict(v: JsValue | undefined, range: { min?: number; max?: number }): Verdict | undefined {
  const id = v?.kind === 'number' ? v.value : v?.kind === 'string' && /^\d{1,15}$/.test(v.value) ? Number(v.value) : undefined;
  if (id === undefined) return undefined;
  return (range.min === undefined || id >= range.min) && (range.max === undefined || id <= range.max) ? 'includes' : 'excludes';
}

interface VendorState {
  sessions: AppApiUse[];
  /** Uses that set the region: a residency api, or any app call carrying an `area` argument. */
  regionUses: Array<{ use: AppApiUse; verdict: Verdict; /** The App ID as shown, when it decided the region. */ appId?: string }>;
}

export const residencyCheck: Check = {
  id: 'residency',
  reports: ['RTC501'],
  literalReads: 'none',
  create(ctx: CheckContext) {
    const state = new Map<string, VendorState>();
    const of = (id: string) => {
      let s = state.get(id);
      if (!s) state.set(id, (s = { sessions: [], regionUses: [] }));
      return s;
    };
    return {
      artifact(facts: Facts) {
        for (const use of appApiUses(facts, ctx.rules)) {
          const rule = use.vendor.residency;
          if (!rule) continue;
          const s = of(use.vendor.id);
          const area = use.args.area;
          const byAppId = rule.chinaAppIdRange && rule.apis.includes(use.apiId) ? appIdVerdict(use.args.appId, rule.chinaAppIdRange) : undefined;
          if (area && area.kind !== 'undefined') s.regionUses.push({ use, verdict: classifyArea(area, rule, use.args.mode) });
          // The App ID decides the region (Tencent SDKAppID ranges): it is the session's region setting.
          // Shown as every other message shows an App ID (masked unless --show-secrets): one masking everywhere.
          else if (byAppId) s.regionUses.push({ use, verdict: byAppId, appId: renderValue(use.args.appId!, 'appId', ctx.showSecrets) });
          // A region call whose value is not visible (compiled code) still means the app chose a region: the
          // verdict is unknown, but the SDK default no longer applies. Init calls that merely *can* carry an area
          // (listed in residency.apis) count only when they do.
          else if (use.kind === 'region') s.regionUses.push({ use, verdict: 'unknown' });
          if (use.kind === 'init' || use.kind === 'join') s.sessions.push(use);
        }
      },
      end() {
        for (const [vendorId, s] of state) {
          const vendor = ctx.rules.vendorById.get(vendorId);
          const rule = vendor?.residency;
          if (!vendor || !rule || !s.sessions.length) continue;
          const juris = jurisdictionOf(vendor);
          const including = s.regionUses.filter((r) => r.verdict === 'includes');
          const related = (except?: AppApiUse): Location[] =>
            s.sessions.filter((u) => u !== except).slice(0, 10).map((u) => ({ ...u.location, message: `${u.kind}: ${u.callee}` }));
          for (const { use, appId } of including.slice(0, 20)) {
            const shown = appId ?? (use.args.area ? renderValue(use.args.area, 'area', false) : '?');
            const platform = platformOfUse(use);
            const setting = textFor(rule.setting, platform);
            ctx.report({
              ruleId: 'RTC501',
              message: `${vendor.name} region setting ${setting} is set to ${shown} by ${use.callee}, which includes mainland China: session traffic may be routed through China (vendor jurisdiction ${juris}). Fix: ${textFor(rule.fix, platform)}`,
              location: use.location,
              related: related(),
              properties: { category: 'data-residency', vendor: vendor.id, api: use.apiId, platform, setting, reason: appId ? 'china-app-id' : 'china-value', jurisdiction: vendor.jurisdiction.country },
              identity: useIdentity(use, 'area-includes-china'),
            });
          }
          if (including.length || s.regionUses.length || !rule.defaultIncludesChina) continue;
          // No region setting at all: the SDK default applies. Report once, at the first session start.
          const first = s.sessions.find((u) => u.kind === 'init') ?? s.sessions[0]!;
          const platform = platformOfUse(first);
          const setting = textFor(rule.setting, platform);
          ctx.report({
            ruleId: 'RTC501',
            // Sessions seen only as selector references make this a weaker conclusion.
            ...(s.sessions.every((u) => u.weak) ? { level: 'note' as const } : {}),
            message:
              `${vendor.name} sessions start (${first.apiId}: ${first.callee}) without any region setting; the SDK default (${setting}) includes mainland China, so session traffic may be routed through China (vendor jurisdiction ${juris}). Fix: ${textFor(rule.fix, platform)}` +
              // A Dart AOT snapshot's arguments are not read: a region passed in the engine's context cannot be seen.
              (s.sessions.every((u) => u.route === 'dart-aot') ? ' (Sessions seen only as plugin code a Dart AOT snapshot keeps: a region passed in their arguments would not be seen.)' : ''),
            location: first.location,
            ...(s.sessions.length > 1 ? { related: related(first) } : {}),
            properties: { category: 'data-residency', vendor: vendor.id, api: first.apiId, platform, setting, reason: 'sdk-default', jurisdiction: vendor.jurisdiction.country },
            identity: `${vendor.id}|residency|sdk-default`,
          });
        }
      },
    };
  },
};

/** The platform whose code made the call: the API rule says; compiled call routes imply it. */
function platformOfUse(use: AppApiUse): Platform {
  if (use.api) return use.api.platform;
  if (use.route === 'dex-call') return 'android';
  if (use.route === 'objc-call' || use.route === 'objc-selector') return 'ios';
  return 'js';
}
