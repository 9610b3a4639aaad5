// RTC201/RTC202/RTC203/RTC204/RTC302: hardcoded endpoints in any artifact, attributed to vendors, internal endpoints,
// and cleartext URLs. Cleartext is reported for a URL that is a value (the whole string, an item of a host list, a
// config value) — compiled strings carry no call context, so that is the conservative stand-in for "fetched": a URL
// quoted inside a sentence (a log message, a licence notice) is a host, not a cleartext endpoint.
import { archiveLibraryOf, libraryPackageOfFacts } from '../core/paths.js';
import type { Facts, StringFact, StringKind } from '../core/facts.js';
import type { Check, CheckContext, Location } from '../core/finding.js';
import type { VendorRule } from '../rules/schema.js';
import { extractEndpoints, hostListMatches, isLoopback, isNonPublicIp, type EndpointMatch, type ExtractOptions } from './endpoints/extract.js';
import { locateWithin } from './position.js';
import { anyOf } from '../core/regex.js';
import { describeJurisdiction } from './jurisdiction.js';
import { countryForIp, countryHintForHost, countryName, ipDataProblems } from '../jurisdiction/index.js';
import { codeOwner } from './endpoints/owner.js';
import { isTestSource } from './variant.js';
import { endpointFragments, HAS_DOT, HAS_FRAGMENT, HAS_SCHEME_SEP, HAS_STUN_TURN, IS_SCANNED, stringScan } from './string-scan.js';
import type { LiteralReads } from './string-reads.js';

/** String kinds that can hold an endpoint. Identifiers, comments, class and method names cannot. */
const ENDPOINT_KINDS = new Set<StringKind>(['literal', 'cstring', 'cfstring', 'config', 'dex-string', 'hermes-string', 'printable']);

interface Seen {
  first: Location;
  count: number;
  match: EndpointMatch;
  vendor?: VendorRule;
  /** Fragments: the vendor whose own code holds the string, and the string (grouped after the host pass). */
  owner?: VendorRule;
  string?: StringFact;
}

/** The needles without which a string holds no endpoint and no host fragment (the loop below skips it). */
const ENDPOINT_NEEDLES = HAS_SCHEME_SEP | HAS_STUN_TURN | HAS_DOT | HAS_FRAGMENT;

/** The literals this check reads (checks/string-reads.ts): those with an endpoint's needles. */
export function endpointsLiteralReads(): LiteralReads {
  return { flags: ENDPOINT_NEEDLES };
}

export const endpointsCheck: Check = {
  id: 'endpoints',
  reports: ['RTC201', 'RTC202', 'RTC203', 'RTC204', 'RTC302'],
  literalReads: 'endpoints',
  create(ctx: CheckContext) {
    const hostsRule = ctx.rules.hosts;
    const base: ExtractOptions = {
      bareHostTlds: new Set(hostsRule.bareHostTlds),
      isVendorHost: (h: string) => !!ctx.rules.vendorForHost(h),
      internalSuffixes: hostsRule.internalSuffixes,
    };
    const asConfig: ExtractOptions = { ...base, configValue: true };
    const documentation = new Set(hostsRule.documentationHosts);
    const identifierKeys = new Set(hostsRule.identifierKeys.map((k) => k.toLowerCase()));
    /** A config value under an application-identifier key (`package_name`, `BUNDLE_ID`) names the app, not a host. */
    const identifierArguments = new Set(hostsRule.identifierArguments);
    /** A URL bound to a cookie property scopes the cookie: nothing is requested from it there. */
    const scopeBindings = new Set(hostsRule.scopeBindings);
    /** `OAuthProvider("apple.com")`: a provider id with a host's shape, as written or by the callee's last segment. */
    const isIdentifierArgument = (s: StringFact) => !!s.argumentOf && (identifierArguments.has(s.argumentOf) || identifierArguments.has(s.argumentOf.slice(s.argumentOf.lastIndexOf('.') + 1)));
    /** A config value under a build tool's key (electron-builder's timestamp server) is fetched by the build machine. */
    const buildToolKeys = new Set(hostsRule.buildToolKeys.map((k) => k.toLowerCase()));
    const keyOfConfig = (s: StringFact) => (s.kind === 'config' && s.context ? s.context.slice(s.context.lastIndexOf('/') + 1).toLowerCase() : undefined);
    const isIdentifierValue = (s: StringFact) => {
      const key = keyOfConfig(s);
      return (key !== undefined && (identifierKeys.has(key) || buildToolKeys.has(key))) || isIdentifierArgument(s);
    };
    const pki = hostsRule.pkiUrls.map((r) => new RegExp(r, 'i'));
    const staticMedia = hostsRule.staticMediaExtensions.length ? new RegExp(`\\.(?:${hostsRule.staticMediaExtensions.join('|')})$`, 'i') : undefined;
    /** A whole URL naming a static media file (hosts.yaml staticMediaExtensions): fixed bytes, nothing sent. */
    const isStaticMedia = (m: EndpointMatch) => !!staticMedia && !!m.url && staticMedia.test(m.url.replace(/[?#].*$/, ''));
    // A schemeless `host/path` (a channel name, a namespace written without `http://`) is matched against the
    // path-prefixed entries of `nonNetwork` as a URL would be.
    const notAnEndpoint = (m: EndpointMatch, s: StringFact) =>
      documentation.has(m.host) ||
      hostListMatches(hostsRule.nonNetwork, m.host, m.url ?? s.value.slice(m.index, m.index + m.length)) ||
      (!!m.url && pki.some((r) => r.test(m.url!)));
    return {
      end() {
        // The IP table loads on the first IP literal; if it could not, say so rather than silently omit countries.
        for (const problem of ipDataProblems()) ctx.notify({ level: 'warning', id: 'jurisdiction/ip-data', message: problem });
      },
      artifact(facts: Facts) {
        // A test's URLs (`test.com`, `http://bit.ly/xyz` as inputs of assertions) are never requested by the app.
        if (isTestSource(facts.artifact)) return;
        const hosts = new Map<string, Seen>();
        const internal = new Map<string, Seen>();
        const cleartext = new Map<string, Seen>();
        const fragments = new Map<string, Seen>();
        /** Hosts no vendor owns in a recognised dependency's code, by package. */
        const dependencies = new Map<string, Map<string, Seen>>();
        // A dependency's file (node_modules/) still names hosts the build can reach, but its cleartext URLs are the
        // library's (homepages, test servers, fallbacks), not app code using them — except a URL to an RTC vendor's
        // own host: an SDK that talks to its vendor over http carries the app's ids in cleartext, whether its files
        // sit in node_modules, an Electron asar, an iOS framework or a static folder.
        // A class or resource of a Java library archive (core/paths.ts) is likewise that library's: its hosts are
        // grouped under the archive's name, as a bundled dependency's are.
        const archive = archiveLibraryOf(facts.artifact);
        // So is a file that is wholly a common library's own build (rules/libraries `builds`), committed outside
        // node_modules (a mini program's copy of an IM SDK).
        const libraryBuild = facts.meta.libraryBuild;
        const library = libraryPackageOfFacts(facts) !== undefined || archive !== undefined || libraryBuild !== undefined;
        // Hosts in a vendor's own code, by that vendor, for rules that group them (rules/checks `inVendorCode`).
        const owned = new Map<string, { vendor: VendorRule; hosts: Map<string, Seen & { ruleId: string }> }>();
        const ownerOf = codeOwner(facts, ctx.rules);
        const grouped = (ruleId: string, owner: VendorRule | undefined, key: string, s: StringFact, m: EndpointMatch, vendor: VendorRule | undefined): boolean => {
          if (!owner || ctx.rules.checkById.get(ruleId)?.inVendorCode !== 'group') return false;
          let g = owned.get(owner.id);
          if (!g) owned.set(owner.id, (g = { vendor: owner, hosts: new Map() }));
          const prev = g.hosts.get(key);
          if (prev) prev.count++;
          else g.hosts.set(key, { first: locateWithin(facts, s, m.index, m.length), count: 1, match: m, vendor, ruleId });
          return true;
        };
        // The owner of the string in hand, looked up at most once and only when a host needs it (one closure for
        // the artifact, not one per string).
        let current: StringFact | undefined;
        let owner: VendorRule | undefined | null = null;
        const own = () => (owner === null ? (owner = ownerOf(current!)) : owner);
        // Which needles each string holds, from the checks' shared pass (string-scan.ts): extractEndpoints finds
        // nothing in a string without `://`, `stun`, `turn` or a '.', findFragments nothing without a fragment.
        const { flags } = stringScan(facts, ctx.rules);
        const strings = facts.strings;
        for (let i = 0; i < strings.length; i++) {
          const f = flags[i]!;
          // (IS_SCANNED: the kind is one of ENDPOINT_KINDS, the same set.)
          if (!(f & IS_SCANNED) || !(f & ENDPOINT_NEEDLES)) continue;
          const s = strings[i]!;
          if (!ENDPOINT_KINDS.has(s.kind) || s.value.length < 4 || s.module || isIdentifierValue(s)) continue;
          current = s;
          owner = null;
          if (f & (HAS_SCHEME_SEP | HAS_STUN_TURN | HAS_DOT)) for (const m of extractEndpoints(s.value, s.kind === 'config' ? asConfig : base)) {
            if (notAnEndpoint(m, s) || m.reference || isLoopback(m.host)) continue;
            // A cleartext URL is readable by anyone on the network path; a private network (office or café Wi-Fi, a
            // LAN backend) is such a path too, so a URL to a private host is cleartext like any other (loopback aside).
            const plainUrl = (m.scheme === 'http' || m.scheme === 'ws') && (m.whole || s.kind === 'config') && !(s.binding && scopeBindings.has(s.binding)) && !isStaticMedia(m);
            // A host in a recognised dependency's code inside the bundle (StringFact.libraryCode) is that library's,
            // as in its node_modules file: no cleartext finding for it, and its hosts are grouped per package below.
            const cleartextUrl = plainUrl && !library && !s.libraryCode;
            if (m.internal) {
              if (!grouped('RTC204', own(), m.host, s, m, undefined)) tally(internal, m.host, facts, s, m, undefined);
              if (cleartextUrl) tally(cleartext, origin(m), facts, s, m, undefined);
              continue;
            }
            if (m.isIp && isNonPublicIp(m.host)) continue;
            const vendor = m.isIp ? ctx.rules.vendors.find((v) => v.endpoints.ips.includes(m.host)) : ctx.rules.vendorForHost(m.host);
            const ruleId = m.isIp ? 'RTC203' : vendor ? 'RTC201' : 'RTC202';
            const dependency = s.libraryCode ?? archive ?? libraryBuild;
            if (ruleId === 'RTC202' && dependency && !own()) {
              let g = dependencies.get(dependency);
              if (!g) dependencies.set(dependency, (g = new Map()));
              tally(g, m.host, facts, s, m, undefined);
            } else if (!grouped(ruleId, own(), m.host, s, m, vendor)) tally(hosts, m.host, facts, s, m, vendor);
            if (cleartextUrl || (plainUrl && vendor)) tally(cleartext, origin(m), facts, s, m, vendor);
          }
          if (f & HAS_FRAGMENT) findFragments(ctx, facts, s, fragments, own);
        }
        for (const [host, seen] of hosts) reportHost(ctx, host, seen, hostsRule.stageLabels);
        for (const [host, seen] of internal) reportInternal(ctx, host, seen);
        const allHosts = [...hosts.values(), ...[...owned.values()].flatMap((g) => [...g.hosts.values()])];
        for (const [fragment, seen] of fragments) {
          if (allHosts.some((h) => h.vendor?.id === seen.vendor!.id && h.match.host.endsWith(fragment.replace(/^[.-]/, '')))) continue;
          if (!(seen.owner && grouped('RTC201', seen.owner, `*${fragment}`, seen.string!, seen.match, seen.vendor))) reportHost(ctx, `*${fragment}`, seen, []);
        }
        for (const g of owned.values()) reportVendorCodeHosts(ctx, g.vendor, g.hosts);
        for (const [pkg, g] of dependencies) reportDependencyHosts(ctx, pkg, g);
        for (const [origin, seen] of cleartext) reportCleartext(ctx, origin, seen);
      },
    };
  },
};

/** `http://host:port` of a URL match. */
function origin(m: EndpointMatch): string {
  return `${m.scheme}://${m.host}${m.port ? `:${m.port}` : ''}`;
}

function tally(map: Map<string, Seen>, key: string, facts: Facts, s: StringFact, m: EndpointMatch, vendor: VendorRule | undefined): void {
  const prev = map.get(key);
  if (prev) {
    prev.count++;
    return;
  }
  map.set(key, { first: locateWithin(facts, s, m.index, m.length), count: 1, match: m, vendor });
}

interface FragmentIndex {
  list: Array<{ vendor: VendorRule; fragment: string }>;
  /** Any fragment: one native search rejects the strings holding none (nearly all of them). */
  gate?: RegExp;
}
const fragmentIndexes = new WeakMap<CheckContext['rules'], FragmentIndex>();

function fragmentIndex(rules: CheckContext['rules']): FragmentIndex {
  let idx = fragmentIndexes.get(rules);
  if (!idx) {
    // A fragment reported as a host must name part of one: URI schemes (`stun:`, `artc://`) and the fragments of a
    // protocol entry (plain WebRTC: a STUN host belongs to whoever runs it) are not hosts.
    // (The shared pass's fragment needles are this list: string-scan.ts.)
    const list = endpointFragments(rules);
    idx = { list, gate: anyOf(list.map((f) => f.fragment)) };
    fragmentIndexes.set(rules, idx);
  }
  return idx;
}

/** Host templates built at run time (`"wss://" + region + ".vss.twilio.com"`) leave only a fragment behind. */
function findFragments(ctx: CheckContext, facts: Facts, s: StringFact, out: Map<string, Seen>, owner: () => VendorRule | undefined): void {
  const { list, gate } = fragmentIndex(ctx.rules);
  if (!gate?.test(s.value)) return;
  for (const { vendor, fragment } of list) {
    const i = s.value.indexOf(fragment);
    if (i < 0 || out.has(fragment)) continue;
    const o = owner();
    out.set(fragment, { first: locateWithin(facts, s, i, fragment.length), count: 1, match: { host: fragment, isIp: false, index: i, length: fragment.length }, vendor, ...(o ? { owner: o, string: s } : {}) });
  }
}

/** `staging` for `staging.api.club.io`, `api-dev.club.io`, `qa1.club.io`: the first label or one of its parts. */
export function stageOf(host: string, labels: readonly string[]): string | undefined {
  const first = host.split('.')[0] ?? '';
  for (const part of first.split(/[-_]/)) {
    const word = part.replace(/\d+$/, '');
    if (labels.includes(word)) return word;
  }
  return undefined;
}

function reportInternal(ctx: CheckContext, host: string, seen: Seen): void {
  const times = seen.count > 1 ? ` (${seen.count} occurrences in this file)` : '';
  const port = seen.match.port ? `:${seen.match.port}` : '';
  const what = seen.match.isIp ? 'private-network address' : 'private-network host';
  ctx.report({
    ruleId: 'RTC204',
    message: `Internal endpoint ${host}${port}: a ${what} ships in the build${seen.match.scheme ? ` (${seen.match.scheme})` : ''}${times}.`,
    location: seen.first,
    properties: { category: 'internal-endpoint', host, occurrences: seen.count, isIp: seen.match.isIp, ...(seen.match.url ? { url: seen.match.url } : {}), ...(seen.match.scheme ? { scheme: seen.match.scheme } : {}) },
    identity: `internal|${host}`,
  });
}

function reportHost(ctx: CheckContext, host: string, seen: Seen, stageLabels: readonly string[]): void {
  const times = seen.count > 1 ? ` (${seen.count} occurrences in this file)` : '';
  const stage = seen.match.isIp ? undefined : stageOf(host, stageLabels);
  const props = { host, occurrences: seen.count, ...(seen.match.url ? { url: seen.match.url } : {}), ...(stage ? { stage } : {}) };
  // Where the address is registered (IP literals) or which registry the name is under (ccTLD hint).
  const ipCountry = seen.match.isIp ? countryForIp(host) : undefined;
  const hint = seen.match.isIp ? undefined : countryHintForHost(host);
  const ipWhere = ipCountry ? `address registered in ${countryName(ipCountry)} (${ipCountry})` : undefined;
  if (seen.vendor) {
    const v = seen.vendor;
    ctx.report({
      ruleId: seen.match.isIp ? 'RTC203' : 'RTC201',
      message: `Hardcoded endpoint ${host} belongs to ${v.name} (${describeJurisdiction(v)}${ipWhere ? `; ${ipWhere}` : ''})${times}.`,
      location: seen.first,
      // `country` stays the vendor's headquarters here, as on RTC201; the address's own country is `ipCountry`.
      properties: { category: 'endpoint', vendor: v.id, ...(v.entity === 'protocol' ? {} : { country: v.jurisdiction.country }), ...(ipCountry ? { ipCountry } : {}), ...props },
      identity: `${v.id}|${host}`,
    });
    return;
  }
  const port = seen.match.port ? `:${seen.match.port}` : '';
  ctx.report({
    ruleId: seen.match.isIp ? 'RTC203' : 'RTC202',
    message: seen.match.isIp
      ? `Hardcoded IP endpoint ${host}${port} (no vendor rule owns it${ipWhere ? `; ${ipWhere}` : ''})${times}.`
      : `Hardcoded endpoint ${host}; no RTC vendor rule owns this host${hint ? ` (its TLD suggests ${countryName(hint)} (${hint}))` : ''}${times}.`,
    location: seen.first,
    properties: { category: 'endpoint', ...(ipCountry ? { country: ipCountry } : {}), ...(hint ? { countryHint: hint } : {}), ...props },
    identity: host,
  });
}

/**
 * One RTC201 for every host a vendor's own code holds in this artifact: its own domains and whatever third-party
 * hosts the SDK names. Each host is a related location and is listed in `properties.hosts`.
 */
function reportVendorCodeHosts(ctx: CheckContext, owner: VendorRule, hosts: Map<string, Seen & { ruleId: string }>): void {
  const list = [...hosts].sort(([a], [b]) => a.localeCompare(b));
  const own = list.filter(([, h]) => h.vendor?.id === owner.id);
  const others = list.filter(([, h]) => h.vendor?.id !== owner.id);
  const occurrences = list.reduce((n, [, h]) => n + h.count, 0);
  const domains = [...new Set(own.map(([host]) => registrable(host, owner)))].sort();
  // Anchored at the vendor's first own host (the SDK's code), else at the first host it holds.
  const first = (own.length ? own : list).map(([, h]) => h.first).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.offset ?? 0) - (b.offset ?? 0))[0]!;
  const sample = (xs: string[]) => (xs.length > 4 ? `${xs.slice(0, 4).join(', ')}, …` : xs.join(', '));
  ctx.report({
    ruleId: 'RTC201',
    message:
      `${owner.name} SDK code holds ${list.length} hardcoded host(s) (${describeJurisdiction(owner)}): ` +
      `${own.length} of ${owner.name} (${sample(domains) || 'none'})` +
      `${others.length ? `, ${others.length} other (${sample(others.map(([h]) => h))})` : ''}. These are the SDK's own endpoints, listed as related locations.`,
    location: { ...first, message: `${owner.name} SDK code` },
    listsRelated: true,
    related: list.map(([host, h]) => ({ ...h.first, message: `${host}${h.vendor ? ` (${h.vendor.name})` : ''}${h.count > 1 ? ` ×${h.count}` : ''}` })),
    properties: {
      category: 'endpoint',
      vendor: owner.id,
      country: owner.jurisdiction.country,
      vendorCode: true,
      hosts: list.map(([host]) => host),
      vendorHosts: own.map(([host]) => host),
      otherHosts: others.map(([host]) => host),
      occurrences,
    },
    identity: `${owner.id}|vendor-code-hosts`,
  });
}

/**
 * One RTC202 for the hosts a non-RTC dependency's own code holds in this artifact (a bundled React, Firebase, parse5
 * recognised by its markers): the library's error links, provider ids and backends, not hosts the app chose. The
 * app's own URLs, even to the same hosts, are reported one by one as usual.
 */
function reportDependencyHosts(ctx: CheckContext, pkg: string, hosts: Map<string, Seen>): void {
  const list = [...hosts].sort(([a], [b]) => a.localeCompare(b));
  const occurrences = list.reduce((n, [, h]) => n + h.count, 0);
  const first = list.map(([, h]) => h.first).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.offset ?? 0) - (b.offset ?? 0))[0]!;
  const names = list.map(([h]) => h);
  ctx.report({
    ruleId: 'RTC202',
    message:
      `Code of the bundled dependency ${pkg} holds ${list.length} hardcoded host(s) (${names.length > 4 ? `${names.slice(0, 4).join(', ')}, …` : names.join(', ')}): ` +
      `the library's own endpoints and links, listed as related locations.`,
    location: { ...first, message: `${pkg} code` },
    listsRelated: true,
    related: list.map(([host, h]) => ({ ...h.first, message: `${host}${h.count > 1 ? ` ×${h.count}` : ''}` })),
    properties: { category: 'endpoint', dependency: pkg, hosts: names, occurrences },
    identity: `dependency|${pkg}|hosts`,
  });
}

/** `agora.io` for `webrtc2-ap-web-1.agora.io`: the vendor domain the host falls under, else the host. */
function registrable(host: string, v: VendorRule): string {
  return v.endpoints.domains.find((d) => host === d || host.endsWith(`.${d}`)) ?? host.replace(/^\*/, '');
}

function reportCleartext(ctx: CheckContext, origin: string, seen: Seen): void {
  const v = seen.vendor;
  const owner = v ? ` (${v.name}, ${describeJurisdiction(v)})` : '';
  ctx.report({
    ruleId: 'RTC302',
    message: `Cleartext endpoint ${origin}${owner}: traffic to it, including any identifiers it carries, is readable and modifiable on the network.`,
    location: seen.first,
    properties: { category: 'cleartext-id', host: seen.match.host, scheme: seen.match.scheme, url: seen.match.url, ...(v ? { vendor: v.id } : {}) },
    identity: origin,
  });
}
