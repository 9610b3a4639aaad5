// URL facts from a statically known string shape: scheme, host, loopback, and whether a sink is cleartext.
import type { FlowFact } from '../../../core/facts.js';

/** A string with unknown parts: literal text and `null` holes (values not known statically). */
export type Part = string | null;

export interface UrlInfo {
  /** The URL with holes rendered as `${…}`. */
  url?: string;
  scheme?: string;
  host?: string;
}

const HOLE_TEXT = '${…}';

export function renderShape(parts: readonly Part[]): string {
  return parts.map((p) => (p === null ? HOLE_TEXT : p)).join('');
}

function leadingLiteral(parts: readonly Part[]): string {
  return typeof parts[0] === 'string' ? parts[0] : '';
}

/** True for a shape that is an absolute URL prefix or fully relative path (not an unknown-first value). */
export function isRelativeShape(parts: readonly Part[]): boolean {
  const lead = leadingLiteral(parts);
  return lead.length > 0 && !/^[a-z][a-z0-9+.-]*:/i.test(lead) && !lead.startsWith('//');
}

/** Joins a relative request path to a base URL shape the way axios does (`baseURL` + `/` + path). */
export function joinBase(base: readonly Part[], rel: readonly Part[]): Part[] {
  const out: Part[] = [...base];
  const last = out[out.length - 1];
  const first = rel[0];
  if (typeof last === 'string' && typeof first === 'string') {
    const a = last.replace(/\/+$/, '');
    const b = first.replace(/^\/+/, '');
    out[out.length - 1] = `${a}/${b}`;
    return [...out, ...rel.slice(1)];
  }
  return [...out, ...rel];
}

/** Scheme and host when the shape begins with a literal `scheme://host` (the host must end before the first hole). */
export function describeUrl(parts: readonly Part[] | undefined): UrlInfo {
  if (!parts || parts.length === 0) return {};
  const url = renderShape(parts).slice(0, 2048);
  const lead = leadingLiteral(parts);
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:[^/?#@\s[\]]*@)?(\[[0-9a-f:.]*\]|[^/?#:\s]*)/i.exec(lead);
  if (!m) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(lead)?.[1]?.toLowerCase();
    return { url, scheme };
  }
  const scheme = m[1]!.toLowerCase();
  const hostText = m[2]!.toLowerCase();
  // The host is complete only if the literal continues past it (a port, path, query) or the whole URL is literal.
  const rest = lead.slice(m[0].length);
  const complete = rest.length > 0 || parts.length === 1;
  const host = complete && hostText.length > 0 ? hostText : undefined;
  return { url, scheme, host };
}

/** localhost, *.localhost, 127.0.0.0/8, ::1 (bracketed or not). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '[::1]' || h === '::1' || h === '[0:0:0:0:0:0:0:1]') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
}

export type SinkClass = 'cleartext' | 'https' | 'loopback' | 'unknown' | 'rtc';

/**
 * How a flow's sink transmits: `cleartext` (http/ws to a host that is not loopback; an unknown host after a literal
 * `http://` counts, since only loopback is exempt), `https` (https/wss), `loopback`, `unknown` (URL not resolved),
 * `rtc` (given to a vendor SDK; its transport is the vendor's).
 */
export function classifySink(sink: FlowFact['sink']): SinkClass {
  if (sink.kind === 'rtc-sdk') return 'rtc';
  const scheme = sink.scheme?.toLowerCase();
  if (scheme === 'https' || scheme === 'wss') return 'https';
  if (scheme === 'http' || scheme === 'ws') return sink.host && isLoopbackHost(sink.host) ? 'loopback' : 'cleartext';
  return 'unknown';
}
