// Finds URLs, host names and IP literals inside one string. Pure and allocation-light: it runs on every string
// of every artifact. tldts (Public Suffix List) decides what a real host name is.
import { lazyPackage } from '../../core/lazy.js';

const tldts = lazyPackage<typeof import('tldts')>('tldts');

export interface EndpointMatch {
  /** Full URL when the match is a URL (`wss://edge.agora.io:443/ws`). */
  url?: string;
  scheme?: string;
  /** Lowercase host name or IP literal (IPv6 without brackets). */
  host: string;
  port?: number;
  isIp: boolean;
  /** Index of the match inside the string, and its length. */
  index: number;
  length: number;
  /** A private-network name (`.internal`, `.corp`, …) or a private IP range: reported as an internal endpoint. */
  internal?: boolean;
  /** The match is the whole (trimmed) string or one item of a host list: a value, not a URL quoted in prose. */
  whole?: boolean;
  /**
   * A URL a message points its reader to (`…not available\n\n    See http://goo.gl/MqrFmX`, `see: https://…`,
   * `for more information visit https://…`): a documentation link, not a host the code talks to.
   */
  reference?: boolean;
}

/** What the caller knows about the string and the rule data extraction needs. */
export interface ExtractOptions {
  bareHostTlds: ReadonlySet<string>;
  isVendorHost: (host: string) => boolean;
  /** Private-network name suffixes without the dot (`internal`, `home.arpa`). */
  internalSuffixes?: readonly string[];
  /**
   * The string is a config value (a setting's value): bare IPv4 literals and bare internal names count. Elsewhere a
   * dotted quad without scheme or port is as likely a version (`1.2.0.4`, `compareVersion(v, "40.7.39.1")`).
   */
  configValue?: boolean;
}

const URL_RE = /\b(https?|wss?|stuns?|turns?|rtmps?|rtsp|ftp|mqtts?|tcp|udp):(\/\/)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::(\d{1,5}))?([/?#][^\s"'`<>\\{}|^]*)?/g;
const BARE_HOST_RE = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)(?::(\d{1,5}))?(\/[^\s"'`<>\\]*)?$/;
const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Words of a message that send its reader to a link right after them (`See http://…`, `more info at: https://…`). */
const REFERENCE_BEFORE = /\b(?:see|visit|read|refer to|consult|documentation|docs|details|more info(?:rmation)?(?: at| on)?|learn more(?: at)?)\s*[:(<]?\s*$/i;
/** The URL is an HTML hyperlink's target (`<a class="x" href="https://…">`): where a reader may navigate, not a request of the app. */
const ANCHOR_BEFORE = /<a\s[^<>]*\bhref\s*=\s*["']?$/i;

/** Schemes whose URL needs `//` to carry a host; stun:/turn: do not. */
const NEEDS_SLASHES = new Set(['http', 'https', 'ws', 'wss', 'rtmp', 'rtmps', 'rtsp', 'ftp', 'mqtt', 'mqtts', 'tcp', 'udp']);

export function isIpv4(host: string): boolean {
  const m = IPV4_RE.exec(host);
  return !!m && m.slice(1).every((o) => Number(o) <= 255 && !(o.length > 1 && o.startsWith('0')));
}

/** Private ranges (RFC 1918, RFC 6598 shared space, RFC 4193 unique local): internal endpoints, reported as such. */
export function isPrivateIp(host: string): boolean {
  if (host.includes(':')) {
    const h = host.toLowerCase();
    return h.startsWith('fc') || h.startsWith('fd');
  }
  const [a, b] = host.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/** A name under a private-network suffix (`signal.corp`, `api.svc.cluster.internal`, `nas.home.arpa`). */
export function isInternalName(host: string, suffixes: readonly string[]): boolean {
  if (!host.includes('.') || host.length > 253) return false;
  return suffixes.some((s) => host.endsWith(`.${s}`));
}

/** Loopback, private, link-local, multicast and unspecified addresses: not public endpoints. */
export function isNonPublicIp(host: string): boolean {
  if (host.includes(':')) {
    const h = host.toLowerCase();
    return h === '::1' || h === '::' || h.startsWith('fe80:') || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('ff');
  }
  const [a, b] = host.split('.').map(Number);
  return a === 0 || a === 10 || a === 127 || a >= 224 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

export { hostListMatches } from '../../rules/host-list.js';

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  // 10.0.2.2 / 10.0.3.2: the Android emulator's (and Genymotion's) alias for the development machine's loopback.
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h) || h === '0.0.0.0' || h === '10.0.2.2' || h === '10.0.3.2';
}

/** True when `host` is a plausible internet host name (ICANN public suffix and a registrable domain). */
export function isRealHostName(host: string): boolean {
  if (host.length > 253 || !host.includes('.')) return false;
  const p = tldts().parse(host, { allowPrivateDomains: false, extractHostname: false });
  return !!p.domain && p.isIcann === true && !p.isIp;
}

/** True when the host is `www` (or `www2`…) directly on a public suffix: `www.com`, `www.co.uk`. */
function webPrefixOnly(host: string): boolean {
  const p = tldts().parse(host, { allowPrivateDomains: false, extractHostname: false });
  return !p.subdomain && /^www\d*$/i.test(p.domainWithoutSuffix ?? '');
}

/** Separators of host lists in one literal (`"a.example.com,b.example.com".split(",")`, `"h1 h2"`, `"h1;h2"`). */
const LIST_SEP = /[\s,;|]+/;
const MAX_LIST_ITEMS = 64;

/**
 * Every URL in `text`, plus the whole string as a bare host or IP when it is nothing else, or each item when the
 * string is a delimited list of hosts.
 */
export function extractEndpoints(text: string, opts: ExtractOptions): EndpointMatch[] {
  const out: EndpointMatch[] = [];
  const internal = opts.internalSuffixes ?? [];
  // Cheap prefilter (native substring searches): a URL needs `://`, except stun:/turn: ones; every host a '.'.
  if (text.includes('://') || text.includes('stun') || text.includes('turn')) {
    const trimmed = text.trim();
    URL_RE.lastIndex = 0;
    for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) {
      const scheme = m[1].toLowerCase();
      if (NEEDS_SLASHES.has(scheme) && !m[2]) continue;
      let host = m[3].toLowerCase();
      if (host.startsWith('[')) host = host.slice(1, -1);
      const isIp = host.includes(':') || isIpv4(host);
      const isInternal = isIp ? isPrivateIp(host) : isInternalName(host, internal);
      if (!isIp && !isInternal && host !== 'localhost' && !isRealHostName(host)) continue;
      const port = m[4] ? Number(m[4]) : undefined;
      if (port !== undefined && port > 65535) continue;
      const whole = m[0].length === trimmed.length || isListItem(text, m.index, m[0].length);
      const reference = !whole && (REFERENCE_BEFORE.test(text.slice(Math.max(0, m.index - 64), m.index)) || ANCHOR_BEFORE.test(text.slice(Math.max(0, m.index - 256), m.index)));
      out.push({ url: m[0], scheme, host, port, isIp, index: m.index, length: m[0].length, ...(isInternal ? { internal: true } : {}), ...(whole ? { whole } : {}), ...(reference ? { reference } : {}) });
    }
  }
  if (out.length === 0 && text.includes('.')) {
    const trimmed = text.trim();
    if (trimmed.length <= 260) {
      const bare = bareEndpoint(trimmed, opts);
      if (bare) out.push({ ...bare, index: Math.max(0, text.indexOf(bare.host)), whole: true });
    }
    if (out.length === 0 && trimmed.length <= 16 * 1024 && LIST_SEP.test(trimmed)) out.push(...hostList(text, opts));
  }
  return out;
}

/** True when the match is delimited like a list item (`a,b`, `a b`) rather than embedded in a word or sentence. */
function isListItem(text: string, index: number, length: number): boolean {
  const before = text.slice(0, index).trim();
  const after = text.slice(index + length).trim();
  const sepOrEdge = (c: string | undefined) => c === undefined || /[,;|]/.test(c);
  return sepOrEdge(before.at(-1)) && sepOrEdge(after[0]) && (before !== '' || after !== '');
}

/** Hosts of a delimited list: every item must be a host (one prose word and the string is not a list). */
function hostList(text: string, opts: ExtractOptions): EndpointMatch[] {
  const items = text.split(LIST_SEP);
  const nonEmpty = items.filter((i) => i !== '');
  if (nonEmpty.length < 2 || nonEmpty.length > MAX_LIST_ITEMS) return [];
  const out: EndpointMatch[] = [];
  let from = 0;
  for (const item of nonEmpty) {
    const bare = bareEndpoint(item, opts);
    if (!bare) return [];
    const index = text.indexOf(item, from);
    from = index + item.length;
    out.push({ ...bare, index, whole: true });
  }
  return out;
}

function bareEndpoint(text: string, opts: ExtractOptions): Omit<EndpointMatch, 'index'> | undefined {
  const m = BARE_HOST_RE.exec(text);
  if (!m) return undefined;
  const host = m[1];
  const port = m[2] ? Number(m[2]) : undefined;
  if (port !== undefined && port > 65535) return undefined;
  if (isIpv4(host)) {
    // A bare dotted quad is as often a version number (`1.2.0.4`, "40.7.39.1"): only a port or a config value makes
    // it an address.
    if (port === undefined && !opts.configValue) return undefined;
    if (isNonPublicIp(host) && !isPrivateIp(host)) return undefined;
    return { host, port, isIp: true, length: m[0].length, ...(isPrivateIp(host) ? { internal: true } : {}) };
  }
  if (opts.configValue && isInternalName(host, opts.internalSuffixes ?? [])) return { host, port, isIp: false, length: m[0].length, internal: true };
  if (!isRealHostName(host)) return undefined;
  // `www.com`, `www.co.uk`: the web prefix on a bare public suffix names no site — a placeholder argument
  // (`getFavicon("www.com")`). With a scheme (`http://www.com`) it is still a URL and an endpoint.
  if (webPrefixOnly(host) && !opts.isVendorHost(host)) return undefined;
  if (!opts.isVendorHost(host)) {
    const tld = host.slice(host.lastIndexOf('.') + 1);
    if (!opts.bareHostTlds.has(tld)) return undefined;
  }
  return { host, port, isIp: false, length: m[0].length };
}
