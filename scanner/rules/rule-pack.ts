// The rule pack as the checks use it: validated rule data indexed by id and domain. This module loads no YAML parser
// and no schema library: the CLI gets the shipped pack from the build's snapshot (snapshot.ts) through
// `loadShippedRulePack`, and only a stale or missing snapshot loads pack.ts (YAML + zod) to validate rules/ anew.
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VendorRule, CheckRule, LibraryRule, PolicyPreset } from './schema.js';
import type { Vocabulary } from './vocabulary.js';
import type { HostsRule } from './hosts.js';
import type { SinkRules } from './sinks.js';
import type { PrivacyRules } from './privacy.js';
import { RuleError } from './rule-file.js';
import { defaultSnapshotFile, readRulesSnapshot } from './snapshot.js';

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
  /** Privacy-manifest and data-disclosure data (rules/privacy/); absent when the rules folder has none. */
  privacy?: PrivacyRules;
  vendorById: Map<string, VendorRule>;
  checkById: Map<string, CheckRule>;
  /** The vendor owning `host` (exact domain or subdomain of a listed domain), if any. */
  vendorForHost(host: string): VendorRule | undefined;
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
  /** rules/privacy/, with its SDK name set as a list (JSON). */
  privacy?: Omit<PrivacyRules, 'manifestSdks'> & { manifestSdks: string[] };
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

export function indexPack(
  vendors: VendorRule[],
  checks: CheckRule[],
  vocabulary: Vocabulary,
  hosts: HostsRule,
  libraries: LibraryRule[],
): RulePack {
  const vendorPackages = new Set(vendors.flatMap((v) => v.sdk.js?.packages ?? []));
  for (const l of libraries) {
    if (vendorPackages.has(l.package)) throw new RuleError(`library ${l.id}: package ${l.package} belongs to a vendor rule`);
  }
  for (const v of vendors) {
    for (const h of v.sdk.js?.hoisted ?? []) {
      if (!v.sdk.js?.packages.includes(h.package)) throw new RuleError(`vendor ${v.id}: hoisted package ${h.package} is not one of its packages`);
    }
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
  // Shared cloud domain → vendor accounts on it (schema: endpoints.accountHosts).
  const byAccountDomain = new Map<string, Array<{ accounts: Set<string>; vendor: VendorRule }>>();
  for (const v of vendors) {
    const a = v.endpoints.accountHosts;
    if (!a) continue;
    for (const d of a.domains) {
      if (!byAccountDomain.has(d)) byAccountDomain.set(d, []);
      byAccountDomain.get(d)!.push({ accounts: new Set(a.accounts), vendor: v });
    }
  }
  /** The vendor whose own account a host on a shared cloud domain is named after (`svc-1252463788.…myqcloud.com`). */
  function vendorOfAccountHost(h: string): VendorRule | undefined {
    const dot = h.indexOf('.');
    const account = /-([a-z0-9]+)$/.exec(dot < 0 ? h : h.slice(0, dot))?.[1];
    if (!account || dot < 0) return undefined;
    for (let label = h.slice(dot + 1); ; ) {
      for (const e of byAccountDomain.get(label) ?? []) if (e.accounts.has(account)) return e.vendor;
      const next = label.indexOf('.');
      if (next < 0) return undefined;
      label = label.slice(next + 1);
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
    if (!found && byAccountDomain.size) found = vendorOfAccountHost(h);
    if (cache.size < 100_000) cache.set(h, found);
    return found;
  }
  return {
    vendors,
    libraries,
    presets: new Map(),
    // Check ids are `RTC` and three digits (schema.ts), so code-unit order is localeCompare's; it spares a scan the
    // ICU collator's start-up (~10 ms).
    checks: [...checks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    vocabulary,
    hosts,
    vendorById,
    checkById,
    vendorForHost,
  };
}

/** The indexed pack of validated rule data (from the YAML or from the build's snapshot). */
export function packFromData(data: RuleData): RulePack {
  const pack = indexPack(data.vendors, data.checks, data.vocabulary, data.hosts, data.libraries);
  pack.presets = new Map(data.presets.map((p) => [p.id, p]));
  if (data.sinks) pack.sinks = data.sinks;
  if (data.privacy) pack.privacy = { ...data.privacy, manifestSdks: new Set(data.privacy.manifestSdks) };
  return pack;
}

let shipped: RulePack | undefined;
/** The shipped pack if this process has loaded it (by either loader), else undefined. */
export function shippedRulePack(): RulePack | undefined {
  return shipped;
}
/** Keeps `pack` as this process's shipped pack (the first one wins). */
export function rememberShippedRulePack(pack: RulePack): RulePack {
  return (shipped ??= pack);
}
/** The snapshot's data for the shipped rules/ when it matches them, else undefined. */
export function shippedSnapshot(dir = defaultRulesDir()): RuleData | undefined {
  return readRulesSnapshot(dir, defaultSnapshotFile(dir));
}

/**
 * The rule pack shipped with rtcscan, loaded once per process: from the build's validated snapshot while it matches
 * the rule files and schemas byte for byte, else validated from the YAML (pack.ts, loaded only then).
 */
export async function loadShippedRulePack(): Promise<RulePack> {
  if (shipped) return shipped;
  const snap = shippedSnapshot();
  return rememberShippedRulePack(snap ? packFromData(snap) : (await import('./pack.js')).loadRulePack());
}

let sinkFallback: (() => SinkRules) | undefined;
/** pack.ts registers how to load rules/sinks.yaml for packs built without sinks (tests' `buildPack`). */
export function registerDefaultSinks(load: () => SinkRules): void {
  sinkFallback = load;
}
/** The shipped sinks for a pack that has none; only packs built through pack.ts lack them, and it registers this. */
export function defaultSinkRules(): SinkRules {
  const own = shipped?.sinks;
  if (own) return own;
  if (!sinkFallback) throw new RuleError('no sink rules: build rule packs through rules/pack.ts or the snapshot');
  return sinkFallback();
}
