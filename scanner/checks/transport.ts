// RTC311–RTC313: platform transport policies that let traffic go in cleartext. iOS App Transport Security keys in
// Info.plist, and Android's usesCleartextTraffic / network_security_config. Works on ConfigFacts only, so binary
// and text manifests, XML and binary plists all count the same.
import { labelVariant } from './variant.js';
import type { ConfigFact, Facts } from '../core/facts.js';
import type { Check, CheckContext, Finding, Location } from '../core/finding.js';
import type { VendorRule } from '../rules/schema.js';
import { describeJurisdiction } from './jurisdiction.js';

const ATS = 'NSAppTransportSecurity';
const ATS_GLOBAL_KEYS = ['NSAllowsArbitraryLoads', 'NSAllowsArbitraryLoadsInWebContent', 'NSAllowsArbitraryLoadsForMedia'];
/** iOS 10+ ignores NSAllowsArbitraryLoads when any of these is present (Apple, NSAppTransportSecurity docs). */
const ATS_OVERRIDES = ['NSAllowsArbitraryLoadsInWebContent', 'NSAllowsArbitraryLoadsForMedia', 'NSAllowsLocalNetworking'];
const ATS_INSECURE_HTTP = ['NSExceptionAllowsInsecureHTTPLoads', 'NSThirdPartyExceptionAllowsInsecureHTTPLoads'];
const ATS_MIN_TLS = ['NSExceptionMinimumTLSVersion', 'NSThirdPartyExceptionMinimumTLSVersion'];
const WEAK_TLS = new Set(['tlsv1.0', 'tlsv1.1']);

const MANIFEST_CLEARTEXT = 'manifest/application/@android:usesCleartextTraffic';
const MANIFEST_NSC = 'manifest/application/@android:networkSecurityConfig';
const NSC_ROOT = 'network-security-config';
const NSC_BASE_CLEARTEXT = 'network-security-config/base-config/@cleartextTrafficPermitted';
/** Android 9 (API 28) made cleartext off by default; apps targeting lower levels still get it on. */
const CLEARTEXT_DEFAULT_OFF_SDK = 28;

function isTrue(v: ConfigFact['value']): boolean {
  return v === true || (typeof v === 'string' && /^(true|yes)$/i.test(v));
}

function locationOf(facts: Facts, fact: ConfigFact): Location {
  const loc: Location = { artifact: facts.artifact, snippet: `${fact.key} = ${JSON.stringify(fact.value)}` };
  for (const k of ['line', 'column', 'offset', 'length'] as const) if (fact[k] !== undefined) loc[k] = fact[k];
  return loc;
}

function vendorNote(v: VendorRule): string {
  return `${v.name}'s domain (${describeJurisdiction(v)})`;
}

/** Frameworks' Info.plist files have no say over ATS; only app and extension bundles do. */
function isBundleInfoPlist(facts: Facts): boolean {
  return facts.format === 'plist' && !/\.framework\//i.test(facts.artifact);
}

export const transportCheck: Check = {
  id: 'transport',
  reports: ['RTC311', 'RTC312', 'RTC313'],
  literalReads: 'none',
  create(base) {
    const manifests: Facts[] = [];
    let nscSetsBaseCleartext = false;
    // Policy in a debug/test source set (src/debug/AndroidManifest.xml, Debug.xcconfig) is labelled, not app-wide.
    const ctx: CheckContext = { ...base, report: (f) => base.report(labelVariant(f, f.location.artifact)) };
    return {
      artifact(facts) {
        if (facts.config.length === 0) return;
        if (isBundleInfoPlist(facts)) checkAts(ctx, facts);
        if (facts.config.some((c) => c.key.startsWith('manifest/'))) {
          manifests.push(facts);
          checkManifest(ctx, facts);
        }
        if (facts.config.some((c) => c.key.startsWith(`${NSC_ROOT}/`))) {
          checkNetworkSecurityConfig(ctx, facts);
          if (facts.config.some((c) => c.key === NSC_BASE_CLEARTEXT)) nscSetsBaseCleartext = true;
        }
      },
      end() {
        // Needs the whole bundle: a network_security_config base-config decides the default before targetSdk does.
        if (nscSetsBaseCleartext) return;
        for (const m of manifests) checkDefaultCleartext(ctx, m);
      },
    };
  },
};

function checkAts(ctx: CheckContext, facts: Facts): void {
  const byKey = new Map(facts.config.map((c) => [c.key, c]));
  const overriddenBy = ATS_OVERRIDES.find((k) => byKey.has(`${ATS}/${k}`));
  for (const name of ATS_GLOBAL_KEYS) {
    const fact = byKey.get(`${ATS}/${name}`);
    if (!fact || !isTrue(fact.value)) continue;
    let message = `Info.plist sets ${ATS}/${name} = true: App Transport Security no longer requires HTTPS`;
    message += name === 'NSAllowsArbitraryLoads' ? ' for any host.' : ` for ${name === 'NSAllowsArbitraryLoadsForMedia' ? 'AVFoundation media' : 'web views'}.`;
    if (name === 'NSAllowsArbitraryLoads' && overriddenBy) {
      message += ` (iOS 10 and later ignore it because ${overriddenBy} is also set; it still applies on older iOS.)`;
    }
    ctx.report({
      ruleId: 'RTC311',
      message,
      location: locationOf(facts, fact),
      properties: { category: 'platform-policy', key: `${ATS}/${name}` },
      identity: `ats|${name}`,
    });
  }

  const prefix = `${ATS}/NSExceptionDomains/`;
  for (const fact of facts.config) {
    if (!fact.key.startsWith(prefix)) continue;
    const rest = fact.key.slice(prefix.length);
    const slash = rest.lastIndexOf('/');
    if (slash <= 0) continue;
    const domain = rest.slice(0, slash);
    const setting = rest.slice(slash + 1);
    let what: string | undefined;
    if (ATS_INSECURE_HTTP.includes(setting) && isTrue(fact.value)) what = 'allows cleartext HTTP to';
    else if (ATS_MIN_TLS.includes(setting) && typeof fact.value === 'string' && WEAK_TLS.has(fact.value.toLowerCase())) {
      what = `accepts ${fact.value} (below TLS 1.2) for`;
    }
    if (!what) continue;
    const subdomains = isTrue(byKey.get(`${prefix}${domain}/NSIncludesSubdomains`)?.value ?? false);
    const target = `${domain}${subdomains ? ' and its subdomains' : ''}`;
    const vendor = ctx.rules.vendorForHost(domain);
    const finding: Finding = {
      ruleId: 'RTC312',
      message:
        `Info.plist ATS exception NSExceptionDomains/${domain} sets ${setting} = ${JSON.stringify(fact.value)}: ` +
        `it ${what} ${target}` +
        (vendor ? `, which is ${vendorNote(vendor)}.` : '.'),
      location: locationOf(facts, fact),
      properties: { category: 'platform-policy', host: domain, key: fact.key },
      identity: `ats-exception|${domain}|${setting}`,
    };
    if (vendor) {
      finding.level = 'error';
      finding.properties.vendor = vendor.id;
    }
    ctx.report(finding);
  }
}

function checkManifest(ctx: CheckContext, facts: Facts): void {
  const fact = facts.config.find((c) => c.key === MANIFEST_CLEARTEXT);
  if (!fact || !isTrue(fact.value)) return;
  const hasNsc = facts.config.some((c) => c.key === MANIFEST_NSC);
  ctx.report({
    ruleId: 'RTC313',
    message:
      'AndroidManifest.xml sets android:usesCleartextTraffic="true" on <application>: the app may use cleartext ' +
      'HTTP and WebSocket connections to any host' +
      (hasNsc
        ? ' (Android 7.0 and later ignore it because android:networkSecurityConfig is also set; older devices honour it).'
        : '.'),
    location: locationOf(facts, fact),
    properties: { category: 'platform-policy', key: MANIFEST_CLEARTEXT },
    identity: 'android|usesCleartextTraffic',
  });
}

/** Element instance of a ConfigFact (`…/domain-config[1]/domain[0]`) minus its last segment. */
function parentInstance(instance: string): string {
  const i = instance.lastIndexOf('/');
  return i < 0 ? '' : instance.slice(0, i);
}

function checkNetworkSecurityConfig(ctx: CheckContext, facts: Facts): void {
  const base = facts.config.find((c) => c.key === NSC_BASE_CLEARTEXT);
  if (base && isTrue(base.value)) {
    ctx.report({
      ruleId: 'RTC313',
      message:
        'network_security_config sets cleartextTrafficPermitted="true" in <base-config>: cleartext traffic is ' +
        'allowed to every host not covered by a stricter <domain-config>.',
      location: locationOf(facts, base),
      properties: { category: 'platform-policy', key: NSC_BASE_CLEARTEXT },
      identity: 'nsc|base-config|cleartext',
    });
  }
  // domain-config elements (possibly nested) by instance, with their own cleartext setting if any.
  const cleartextOf = new Map<string, ConfigFact>();
  for (const c of facts.config) {
    if (/^network-security-config(\/domain-config)+\/@cleartextTrafficPermitted$/.test(c.key) && c.context) {
      cleartextOf.set(c.context, c);
    }
  }
  for (const d of facts.config) {
    if (!/^network-security-config(\/domain-config)+\/domain$/.test(d.key) || typeof d.value !== 'string' || !d.context) continue;
    // A nested domain-config inherits its parent's setting when it has none of its own.
    let setting: ConfigFact | undefined;
    for (let inst = parentInstance(d.context); inst && !setting; inst = parentInstance(inst)) setting = cleartextOf.get(inst);
    if (!setting || !isTrue(setting.value)) continue;
    const domain = d.value.toLowerCase();
    const subdomains = facts.config.some(
      (c) => c.context === d.context && c.key.endsWith('/domain/@includeSubdomains') && isTrue(c.value),
    );
    const vendor = ctx.rules.vendorForHost(domain);
    const finding: Finding = {
      ruleId: 'RTC313',
      message:
        `network_security_config permits cleartext traffic (cleartextTrafficPermitted="true") to ${domain}` +
        `${subdomains ? ' and its subdomains' : ''}` +
        (vendor ? `, which is ${vendorNote(vendor)}.` : '.'),
      location: locationOf(facts, d),
      related: [{ ...locationOf(facts, setting), message: 'cleartextTrafficPermitted="true"' }],
      properties: { category: 'platform-policy', host: domain, key: d.key },
      identity: `nsc|domain-config|${domain}`,
    };
    if (vendor) {
      finding.level = 'error';
      finding.properties.vendor = vendor.id;
    }
    ctx.report(finding);
  }
}

/** targetSdkVersion (or minSdkVersion, which Android uses when targetSdk is absent) when the manifest states one. */
function effectiveTargetSdk(facts: Facts): ConfigFact | undefined {
  const get = (k: string) => facts.config.find((c) => c.key === `manifest/uses-sdk/@android:${k}` && c.value !== null);
  return get('targetSdkVersion') ?? get('minSdkVersion');
}

function checkDefaultCleartext(ctx: CheckContext, facts: Facts): void {
  if (facts.config.some((c) => c.key === MANIFEST_CLEARTEXT)) return; // explicit either way: handled above
  const sdkFact = effectiveTargetSdk(facts);
  const sdk = typeof sdkFact?.value === 'number' ? sdkFact.value : Number(sdkFact?.value);
  if (!sdkFact || !Number.isInteger(sdk) || sdk >= CLEARTEXT_DEFAULT_OFF_SDK) return;
  const which = sdkFact.key.endsWith('targetSdkVersion') ? 'targetSdkVersion' : 'minSdkVersion (no targetSdkVersion)';
  ctx.report({
    ruleId: 'RTC313',
    message:
      `AndroidManifest.xml has ${which} ${sdk} and no android:usesCleartextTraffic: apps targeting API level ` +
      `${CLEARTEXT_DEFAULT_OFF_SDK - 1} or lower are allowed cleartext traffic by default, so this app may use ` +
      'cleartext HTTP and WebSocket connections to any host.',
    location: locationOf(facts, sdkFact),
    properties: { category: 'platform-policy', key: sdkFact.key, targetSdk: sdk, defaultCleartext: true },
    identity: 'android|default-cleartext',
  });
}
