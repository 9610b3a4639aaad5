// Apple privacy manifests (`PrivacyInfo.xcprivacy`) reconciled with the build. A bundle (app, app extension,
// framework, resource bundle) is the innermost `.app`/`.appex`/`.framework`/`.bundle` folder of a path; the plist
// reader gives each manifest's declarations (Facts.privacyManifest), the Mach-O reader each binary's imports and
// selectors, and the other checks what leaves the device (their findings, through `ctx.reported`). Reports:
//   RTC601  an embedded framework of an RTC vendor, or on Apple's list of SDKs that need one, has no manifest
//   RTC602  tracking declarations that cannot be right: tracking without domains, a tracking domain the build's RTC
//           vendor needs (blocked without ATT consent), a tracking domain the build never names
//   RTC603  a data type the analysis sees leaving the device that no manifest of the app declares
//   RTC604  a required-reason API category a binary uses without a declared reason (ITMS-91053)
//   RTC605  a manifest entry of the wrong shape, an unknown API category, a category without a reason or a reason
//           code outside the category's approved list
// What each bundle must declare comes from rules/privacy/, never from here.
import { hostsNamed } from '../core/finding-hosts.js';
import type { Facts, Position, PrivacyManifestFacts } from '../core/facts.js';
import type { Check, CheckContext, Finding, Location } from '../core/finding.js';
import type { RulePack } from '../rules/pack.js';
import { isPrivacyManifestPath } from '../formats/plist/privacy-manifest.js';
import type { DataTypeRule, PrivacyRules } from '../rules/privacy.js';
import { dataTypeOfIdentifier } from '../rules/privacy-match.js';

const BUNDLE_SUFFIX = /\.(app|appex|framework|bundle)$/i;

export interface BundleRef {
  /** Path prefix up to and including the bundle folder (`x.ipa!/Payload/A.app/Frameworks/F.framework`), '' = root. */
  key: string;
  kind: 'app' | 'appex' | 'framework' | 'bundle' | 'root';
  /** Folder name without its suffix (`F`). */
  name: string;
  /** The innermost `.app`/`.appex` (or the root) the bundle sits in: whose manifest counts for the whole app. */
  app: string;
}

/** The bundle an artifact belongs to, from its virtual path. */
export function bundleOf(path: string): BundleRef {
  const parts = path.split('/');
  let key = '';
  let kind: BundleRef['kind'] = 'root';
  let name = '';
  let app = '';
  for (let i = 0; i < parts.length - 1; i++) {
    const m = BUNDLE_SUFFIX.exec(parts[i]!);
    if (!m) continue;
    key = parts.slice(0, i + 1).join('/');
    kind = m[1]!.toLowerCase() as BundleRef['kind'];
    name = parts[i]!.slice(0, -m[0].length);
    if (kind === 'app' || kind === 'appex') app = key;
  }
  return { key, kind, name, app };
}

/**
 * A bundle's name for finding identities: from its app folder on (`Club.app/Frameworks/F.framework`), never the
 * archive or folder it was scanned from, so a rebuild under another file name keeps its fingerprints.
 */
export function stableKey(key: string): string {
  const parts = key.split('/');
  for (let i = parts.length - 1; i >= 0; i--) if (/\.(app|appex)$/i.test(parts[i]!)) return parts.slice(i).join('/');
  return parts[parts.length - 1] ?? '';
}

interface Manifest {
  artifact: string;
  bundle: BundleRef;
  m: PrivacyManifestFacts;
  /** Positions of top-level keys (XML manifests), for locations. */
  at: Map<string, Position>;
}

interface ApiUse {
  artifact: string;
  bundle: BundleRef;
  category: string;
  apis: string[];
  position: Position;
}

interface Seen {
  type: DataTypeRule;
  app: string;
  evidence: string[];
  location: Location;
}

const MAX_EVIDENCE = 5;

/** Matches a binary's imports and selectors against the required-reason API lists. */
function apiMatcher(privacy: PrivacyRules) {
  const symbols = new Map<string, string[]>();
  const classes = new Map<string, string[]>();
  const selectors = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string, c: string) => {
    const l = m.get(k);
    if (l) l.push(c);
    else m.set(k, [c]);
  };
  for (const c of privacy.requiredReason.categories) {
    for (const s of c.symbols) add(symbols, s, c.id);
    for (const s of c.classes) add(classes, s, c.id);
    for (const s of c.selectors) add(selectors, s, c.id);
  }
  return (facts: Facts): Map<string, { apis: Set<string>; position: Position }> => {
    const out = new Map<string, { apis: Set<string>; position: Position }>();
    const hit = (cats: string[] | undefined, api: string, p: Position) => {
      for (const c of cats ?? []) {
        const u = out.get(c);
        if (u) u.apis.add(api);
        else out.set(c, { apis: new Set([api]), position: pick(p) });
      }
    };
    for (const s of facts.symbols) {
      if (s.kind !== 'import') continue;
      const cls = /^_OBJC_CLASS_\$_(.+)$/.exec(s.name);
      if (cls) hit(classes.get(cls[1]!), cls[1]!, s);
      else {
        // `_stat`, `_stat$INODE64` (x86_64 macOS), `_NSFileModificationDate`
        const name = s.name.replace(/^_/, '').replace(/\$.*$/, '');
        hit(symbols.get(name), name, s);
      }
    }
    for (const s of facts.strings) if (s.kind === 'objc-method') hit(selectors.get(s.value), s.value, s);
    return out;
  };
}

function pick(p: Position): Position {
  const out: Position = {};
  for (const k of ['line', 'column', 'endLine', 'endColumn', 'offset', 'length'] as const) if (p[k] !== undefined) out[k] = p[k];
  return out;
}

export const privacyManifestCheck: Check = {
  id: 'privacy-manifest',
  reports: ['RTC601', 'RTC602', 'RTC603', 'RTC604', 'RTC605'],
  literalReads: 'none',
  create(ctx: CheckContext) {
    const privacy = ctx.rules.privacy;
    if (!privacy) return {};
    const match = apiMatcher(privacy);
    const manifests: Manifest[] = [];
    /** Every bundle seen, by key, with its first artifact (a framework's binary usually comes first). */
    const bundles = new Map<string, { bundle: BundleRef; artifacts: string[] }>();
    const uses: ApiUse[] = [];
    const flowTypes: Seen[] = [];
    return {
      artifact(facts: Facts) {
        const b = bundleOf(facts.artifact);
        const entry = bundles.get(b.key);
        if (!entry) bundles.set(b.key, { bundle: b, artifacts: [facts.artifact] });
        else if (entry.artifacts.length < 8) entry.artifacts.push(facts.artifact);
        if (facts.privacyManifest) {
          const at = new Map<string, Position>();
          for (const c of facts.config) {
            const top = c.key.split('/')[0]!;
            if (!at.has(top) && (c.line !== undefined || c.offset !== undefined)) at.set(top, pick(c));
          }
          manifests.push({ artifact: facts.artifact, bundle: b, m: facts.privacyManifest, at });
        }
        // Required reasons apply to iOS, iPadOS, tvOS, visionOS and watchOS builds, not to macOS (Apple's rule).
        if (facts.format === 'macho' && !/^macos\b/i.test(facts.meta.minOS ?? '')) {
          for (const [category, u] of match(facts)) uses.push({ artifact: facts.artifact, bundle: b, category, apis: [...u.apis].sort(), position: u.position });
        }
        // Flows the JS dataflow found, whatever the scheme (cleartext ones are also RTC301 findings).
        for (const f of facts.flows) {
          const t = dataTypeOfIdentifier(privacy.dataTypes, f.identifier);
          const sink = f.steps[f.steps.length - 1];
          if (t && sink) flowTypes.push({ type: t, app: b.app, evidence: [`${f.identifier} sent by ${f.sink.kind} to ${f.sink.host ?? 'a server'}`], location: { ...pick(sink), artifact: facts.artifact } });
        }
      },
      end() {
        if (!manifests.length && ![...bundles.values()].some((b) => b.bundle.kind !== 'root' && b.bundle.kind !== 'bundle')) return;
        const findings = ctx.reported?.() ?? [];
        const byBundle = new Map(manifests.map((m) => [m.bundle.key, m]));
        missingManifests(ctx, privacy, bundles, manifests, findings);
        trackingDomains(ctx, manifests, findings);
        collectedData(ctx, privacy, bundles, manifests, findings, flowTypes);
        requiredReasons(ctx, privacy, uses, byBundle);
        invalidEntries(ctx, privacy, manifests);
      },
    };
  },
};

function manifestLocation(m: Manifest, key: string): Location {
  return { ...(m.at.get(key) ?? {}), artifact: m.artifact };
}

/** RTC601: vendor SDK frameworks and frameworks on Apple's list without a manifest. */
function missingManifests(
  ctx: CheckContext,
  privacy: PrivacyRules,
  bundles: Map<string, { bundle: BundleRef; artifacts: string[] }>,
  manifests: Manifest[],
  findings: readonly Finding[],
): void {
  // A framework's manifest may sit in the framework (any depth) or, for a statically linked pod, in a resource
  // bundle named after it (`GoogleUtilities_Privacy.bundle`, `Foo.bundle`) anywhere in the same app.
  const covered = (b: BundleRef) =>
    manifests.some((m) => m.artifact.startsWith(b.key + '/')) ||
    manifests.some((m) => m.bundle.kind === 'bundle' && m.bundle.app === b.app && m.bundle.name.replace(/_?Privacy$/i, '').toLowerCase() === b.name.toLowerCase());
  const vendorOf = new Map<string, string>();
  for (const f of findings) {
    if (f.ruleId !== 'RTC101' || typeof f.properties.vendor !== 'string') continue;
    // One RTC101 per vendor per bundle: the SDK's other artifacts (its framework among them) are related locations.
    for (const loc of [f.location, ...(f.related ?? [])]) {
      const b = bundleOf(loc.artifact);
      if (b.kind === 'framework' && !vendorOf.has(b.key)) vendorOf.set(b.key, f.properties.vendor);
    }
  }
  for (const { bundle: b, artifacts } of bundles.values()) {
    if (b.kind !== 'framework' || covered(b)) continue;
    const vendorId = vendorOf.get(b.key);
    const listed = privacy.manifestSdks.has(b.name.toLowerCase());
    if (!vendorId && !listed) continue;
    const vendor = vendorId ? ctx.rules.vendorById.get(vendorId) : undefined;
    const binary = artifacts.find((a) => a.endsWith(`/${b.name}`)) ?? artifacts[0]!;
    const why = listed
      ? `${b.name} is on Apple's list of commonly used third-party SDKs that must ship a privacy manifest (App Store Connect requires it when an app adds the SDK)`
      : `it is ${vendor?.entity === 'protocol' ? `an RTC library (${vendor.name})` : `${vendor?.name ?? vendorId}'s RTC SDK`}, which captures and sends the user's audio and video; Apple asks every third-party SDK to describe its data use and required-reason APIs in its own manifest, and without one Xcode's privacy report for the app leaves the SDK out`;
    ctx.report({
      ruleId: 'RTC601',
      message: `The embedded framework ${b.name}.framework has no PrivacyInfo.xcprivacy: ${why}. Update to a release of the SDK that ships a manifest, or ask the vendor for one.`,
      location: { artifact: binary },
      properties: { category: 'privacy-manifest', framework: b.name, ...(vendorId ? { vendor: vendorId } : {}), appleListed: listed },
      identity: `${b.name}|missing-manifest`,
    });
  }
}

const hostMatches = (host: string, domain: string) => {
  const h = host.toLowerCase();
  const d = domain.toLowerCase().replace(/^\*?\./, '');
  return h === d || h.endsWith('.' + d);
};

/** RTC602: tracking flag and domains against the endpoints the build names. */
function trackingDomains(ctx: CheckContext, manifests: Manifest[], findings: readonly Finding[]): void {
  const hosts = new Map<string, string | undefined>(); // host → vendor
  for (const f of findings) {
    // A manifest's own tracking domains are strings the endpoint check reports too: they are not evidence of use.
    if (isPrivacyManifestPath(f.location.artifact)) continue;
    for (const { host, vendor } of hostsNamed(f)) if (!hosts.has(host.toLowerCase())) hosts.set(host.toLowerCase(), vendor);
  }
  for (const m of manifests) {
    const { tracking, trackingDomains: domains } = m.m;
    const where = manifestLocation(m, 'NSPrivacyTrackingDomains');
    if (tracking === true && domains.length === 0) {
      ctx.report({
        ruleId: 'RTC602',
        level: 'warning',
        message: `${m.artifact.split('/').slice(-2).join('/')} sets NSPrivacyTracking to true but lists no NSPrivacyTrackingDomains: Apple requires the domains a tracking app or SDK connects to, so they can be blocked until the user grants App Tracking Transparency consent.`,
        location: manifestLocation(m, 'NSPrivacyTracking'),
        properties: { category: 'privacy-manifest', problem: 'tracking-without-domains' },
        identity: `${stableKey(m.bundle.key)}|tracking-without-domains`,
      });
    }
    for (const d of domains) {
      const used = [...hosts.entries()].filter(([h]) => hostMatches(h, d));
      const vendorHosts = used.filter(([, v]) => v && ctx.rules.vendorById.get(v)?.entity !== 'protocol');
      if (vendorHosts.length) {
        const vendor = ctx.rules.vendorById.get(vendorHosts[0]![1]!)!;
        ctx.report({
          ruleId: 'RTC602',
          level: 'warning',
          message: `The tracking domain ${d} declared in NSPrivacyTrackingDomains covers ${vendor.name}'s endpoint ${vendorHosts.map(([h]) => h).slice(0, 3).join(', ')}, which the build's RTC SDK uses: iOS blocks requests to tracking domains until the user grants tracking consent, so sessions may fail for users who decline.`,
          location: where,
          properties: { category: 'privacy-manifest', problem: 'rtc-host-as-tracking-domain', domain: d, vendor: vendor.id, host: vendorHosts[0]![0] },
          identity: `${stableKey(m.bundle.key)}|tracking-domain|${d}`,
        });
      } else if (!used.length) {
        ctx.report({
          ruleId: 'RTC602',
          level: 'note',
          message: `The tracking domain ${d} declared in NSPrivacyTrackingDomains is named by no endpoint this scan found in the build: the declaration may be stale, or the URL is built at run time (static analysis cannot tell).`,
          location: where,
          properties: { category: 'privacy-manifest', problem: 'tracking-domain-not-seen', domain: d },
          identity: `${stableKey(m.bundle.key)}|tracking-domain-unseen|${d}`,
        });
      }
    }
    if (tracking === false && domains.length) {
      ctx.report({
        ruleId: 'RTC602',
        level: 'note',
        message: `NSPrivacyTracking is false but NSPrivacyTrackingDomains lists ${domains.length} domain(s): a manifest that names tracking domains says the bundle tracks; one of the two is wrong.`,
        location: manifestLocation(m, 'NSPrivacyTracking'),
        properties: { category: 'privacy-manifest', problem: 'domains-without-tracking' },
        identity: `${stableKey(m.bundle.key)}|domains-without-tracking`,
      });
    }
  }
}

/** Data types the other checks saw leaving the device, per app (the innermost `.app`/`.appex`, or the root). */
export function observedDataTypes(privacy: PrivacyRules, rules: RulePack, findings: readonly Finding[]): Seen[] {
  const out: Seen[] = [];
  const session = privacy.dataTypes.types.filter((t) => t.evidence.includes('rtc-session'));
  for (const f of findings) {
    const p = f.properties;
    const app = bundleOf(f.location.artifact).app;
    const location: Location = { ...pick(f.location), artifact: f.location.artifact };
    if (f.ruleId === 'RTC102' && p.kind === 'join') {
      const vendor = typeof p.vendor === 'string' ? (rules.vendorById.get(p.vendor)?.name ?? p.vendor) : 'an RTC SDK';
      for (const t of session) out.push({ type: t, app, evidence: [`${vendor} session (${String(p.api ?? 'join')})`], location });
    } else if ((f.ruleId === 'RTC301' || f.ruleId === 'RTC303') && typeof p.identifier === 'string') {
      const t = dataTypeOfIdentifier(privacy.dataTypes, p.identifier);
      if (t) out.push({ type: t, app, evidence: [`${p.identifier} sent by ${String(p.sink ?? 'a request')} to ${String(p.host ?? 'a server')}`], location });
    } else if (f.ruleId === 'RTC302' && typeof p.url === 'string') {
      // A cleartext URL literal whose query names an identifier (`?uid=%u`): the identifier travels with it.
      for (const key of queryKeys(p.url)) {
        const t = dataTypeOfIdentifier(privacy.dataTypes, key);
        if (t) out.push({ type: t, app, evidence: [`${key} in the query of ${p.url}`], location });
      }
    }
  }
  return out;
}

function queryKeys(url: string): string[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  return url
    .slice(q + 1)
    .split(/[&#]/)
    .map((kv) => kv.split('=')[0]!)
    .filter((k) => /^[A-Za-z_][\w.-]{0,40}$/.test(k))
    .slice(0, 20);
}

/** RTC603: per app, observed data types that none of its manifests declares. */
function collectedData(
  ctx: CheckContext,
  privacy: PrivacyRules,
  bundles: Map<string, { bundle: BundleRef; artifacts: string[] }>,
  manifests: Manifest[],
  findings: readonly Finding[],
  flowTypes: Seen[],
): void {
  const seen = [...observedDataTypes(privacy, ctx.rules, findings), ...flowTypes];
  const apps = new Map<string, Seen[]>();
  for (const s of seen) {
    // Only apps (and a root that has a manifest of its own): a web bundle has nothing to declare to Apple.
    if (!s.app && !manifests.some((m) => m.bundle.key === '')) continue;
    const list = apps.get(s.app);
    if (list) list.push(s);
    else apps.set(s.app, [s]);
  }
  for (const [app, list] of apps) {
    if (app && bundles.get(app)?.bundle.kind !== 'app' && bundles.get(app)?.bundle.kind !== 'appex') continue;
    const mine = manifests.filter((m) => m.bundle.app === app);
    const declared = new Set(mine.flatMap((m) => m.m.collected.map((c) => c.type)));
    const own = mine.find((m) => m.bundle.key === app);
    const byType = new Map<string, Seen>();
    for (const s of list) {
      if (declared.has(s.type.apple)) continue;
      const prev = byType.get(s.type.id);
      if (!prev) byType.set(s.type.id, { ...s, evidence: [...s.evidence] });
      else for (const e of s.evidence) if (!prev.evidence.includes(e) && prev.evidence.length < MAX_EVIDENCE) prev.evidence.push(e);
    }
    for (const s of byType.values()) {
      const where = own ? manifestLocation(own, 'NSPrivacyCollectedDataTypes') : s.location;
      const declaredBy = mine.length ? `none of the app's ${mine.length} privacy manifest(s) declares it` : 'the app has no privacy manifest';
      ctx.report({
        ruleId: 'RTC603',
        level: s.type.caveat ? 'note' : 'warning',
        message: `${s.type.name} leaves the device (${s.evidence.join('; ')}) but ${declaredBy} as ${s.type.apple}.${s.type.caveat ? ` ${s.type.caveat.replace(/\s+/g, ' ').trim()}` : ''}`,
        location: where,
        related: own ? [{ ...s.location, message: `evidence: ${s.evidence[0]}` }] : undefined,
        properties: { category: 'privacy-manifest', dataType: s.type.apple, playDataType: s.type.play.label, evidence: s.evidence },
        identity: `${stableKey(app)}|collected|${s.type.apple}`,
      });
    }
  }
}

/** RTC604: required-reason API categories a binary uses that neither its bundle's nor its app's manifest declares. */
function requiredReasons(ctx: CheckContext, privacy: PrivacyRules, uses: ApiUse[], byBundle: Map<string, Manifest>): void {
  const names = new Map(privacy.requiredReason.categories.map((c) => [c.id, c]));
  for (const u of uses) {
    const own = byBundle.get(u.bundle.key);
    const app = u.bundle.app !== u.bundle.key ? byBundle.get(u.bundle.app) : undefined;
    const approved = new Set(names.get(u.category)?.reasons ?? []);
    const declares = (m: Manifest | undefined) => !!m?.m.accessedApis.some((a) => a.category === u.category && a.reasons.some((r) => approved.has(r)));
    if (declares(own) || declares(app)) continue;
    const cat = names.get(u.category)!;
    const file = u.artifact.includes('.app/') ? u.artifact.slice(u.artifact.indexOf('.app/') + 5) : u.artifact;
    const manifestSays = own ? `its bundle's PrivacyInfo.xcprivacy does not declare ${u.category}` : `its bundle has no PrivacyInfo.xcprivacy`;
    ctx.report({
      ruleId: 'RTC604',
      message: `${file} uses ${cat.name} (${u.apis.join(', ')}) but ${manifestSays}${app ? ' and neither does the app\'s' : ''}: App Store Connect rejects the upload (ITMS-91053 Missing API declaration). Declare ${u.category} with the approved reason that matches the use (${cat.reasons.join(', ')}).`,
      location: { ...u.position, artifact: u.artifact },
      properties: { category: 'privacy-manifest', apiCategory: u.category, apis: u.apis },
      identity: `${u.category}|${u.apis.join(',')}`,
    });
  }
}

/** RTC605: what a manifest gets wrong on its own: shapes, category names, missing or unapproved reason codes. */
function invalidEntries(ctx: CheckContext, privacy: PrivacyRules, manifests: Manifest[]): void {
  const approved = new Map(privacy.requiredReason.categories.map((c) => [c.id, new Set(c.reasons)]));
  for (const m of manifests) {
    const problems = [...m.m.problems];
    for (const a of m.m.accessedApis) {
      const ok = approved.get(a.category);
      if (!ok) problems.push(`${a.category} is not a required-reason API category (known: ${[...approved.keys()].map((k) => k.replace('NSPrivacyAccessedAPICategory', '')).join(', ')})`);
      else if (!a.reasons.length) problems.push(`${a.category} is declared without a reason`);
      else for (const r of a.reasons) if (!ok.has(r)) problems.push(`${r} is not an approved reason for ${a.category} (${[...ok].join(', ')})`);
    }
    for (const p of problems.slice(0, 20)) {
      ctx.report({
        ruleId: 'RTC605',
        message: `${m.artifact.split('/').slice(-2).join('/')}: ${p}. Xcode and App Store Connect do not read it as a declaration (ITMS-91056 Invalid privacy manifest).`,
        location: manifestLocation(m, p.startsWith('NSPrivacyTracking') ? 'NSPrivacyTracking' : 'NSPrivacyAccessedAPITypes'),
        properties: { category: 'privacy-manifest', problem: p },
        identity: `${stableKey(m.bundle.key)}|invalid|${p}`,
      });
    }
  }
}
