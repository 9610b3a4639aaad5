// Finds URLs, host names and IP literals inside one string. Pure and allocation-light: it runs on every string
// of every artifact. tldts (Public Suffix List) decides what a real host name is.
import { parse as parseDomain } from 'tldts';

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
}

const URL_RE = /\b(https?|wss?|stuns?|turns?|rtmps?|rtsp|ftp|mqtts?|tcp|udp):(\/\/)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::(\d{1,5}))?([/?#][^\s"'`<>\\{}|^]*)?/g;
const BARE_HOST_RE = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)(?::(\d{1,5}))?(\/[^\s"'`<>\\]*)?$/;
const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Schemes whose URL needs `//` to carry a host; stun:/turn: do not. */
const NEEDS_SLASHES = new Set(['http', 'https', 'ws', 'wss', 'rtmp', 'rtmps', 'rtsp', 'ftp', 'mqtt', 'mqtts', 'tcp', 'udp']);

export function isIpv4(host: string): boolean {
  const m = IPV4_RE.exec(host);
  return !!m && m.slice(1).every((o) => Number(o) <= 255 && !(o.length > 1 && o.startsWith('0')));
}

/** Loopback, private, link-local, multicast and unspecified addresses: not endpoints worth reporting. */
export function isNonPublicIp(host: string): boolean {
  if (host.includes(':')) {
    const h = host.toLowerCase();
    return h === '::1' || h === '::' || h.startsWith('fe80:') || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('ff');
  }
  const [a, b] = host.split('.').map(Number);
  return a === 0 || a === 10 || a === 127 || a >= 224 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

export { hostListMatches } from '../../rules/hosts.js';

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h) || h === '0.0.0.0';
}

/** True when `host` is a plausible internet host name (ICANN public suffix and a registrable domain). */
export function isRealHostName(host: string): boolean {
  if (host.length > 253 || !host.includes('.')) return false;
  const p = parseDomain(host, { allowPrivateDomains: false, extractHostname: false });
  return !!p.domain && p.isIcann === true && !p.isIp;
}

/** Every URL in `text`, plus the whole string as a bare host or IP when it is nothing else. */
export function extractEndpoints(text: string, bareHostTlds: ReadonlySet<string>, isVendorHost: (host: string) => boolean): EndpointMatch[] {
  const out: EndpointMatch[] = [];
  // Cheap prefilter (native substring searches): a URL needs `://`, except stun:/turn: ones; every host a '.'.
  if (text.includes('://') || text.includes('stun') || text.includes('turn')) {
    URL_RE.lastIndex = 0;
    for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) {
      const scheme = m[1].toLowerCase();
      if (NEEDS_SLASHES.has(scheme) && !m[2]) continue;
      let host = m[3].toLowerCase();
      if (host.startsWith('[')) host = host.slice(1, -1);
      const isIp = host.includes(':') || isIpv4(host);
      if (!isIp && host !== 'localhost' && !isRealHostName(host)) continue;
      const port = m[4] ? Number(m[4]) : undefined;
      if (port !== undefined && port > 65535) continue;
      out.push({ url: m[0], scheme, host, port, isIp, index: m.index, length: m[0].length });
    }
  }
  if (out.length === 0 && text.length <= 260 && text.includes('.')) {
    const bare = bareEndpoint(text.trim(), bareHostTlds, isVendorHost);
    if (bare) out.push({ ...bare, index: Math.max(0, text.indexOf(bare.host)) });
  }
  return out;
}

function bareEndpoint(text: string, tlds: ReadonlySet<string>, isVendorHost: (h: string) => boolean): Omit<EndpointMatch, 'index'> | undefined {
  const m = BARE_HOST_RE.exec(text);
  if (!m) return undefined;
  const host = m[1];
  const port = m[2] ? Number(m[2]) : undefined;
  if (port !== undefined && port > 65535) return undefined;
  if (isIpv4(host)) {
    // A bare dotted quad is often a version number; accept it only with a port or when it is a public address.
    if (isNonPublicIp(host) && port === undefined) return undefined;
    return { host, port, isIp: true, length: m[0].length };
  }
  if (!isRealHostName(host)) return undefined;
  if (!isVendorHost(host)) {
    const tld = host.slice(host.lastIndexOf('.') + 1);
    if (!tlds.has(tld)) return undefined;
  }
  return { host, port, isIp: false, length: m[0].length };
}

