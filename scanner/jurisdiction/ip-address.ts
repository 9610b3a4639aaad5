// IP literal → number. IPv4 as an unsigned 32-bit number, IPv6 as two unsigned 64-bit halves, so the range
// tables can compare them without parsing strings on every lookup.
import { isIPv4, isIPv6 } from 'node:net';

export type ParsedIp = { v: 4; n: number } | { v: 6; hi: bigint; lo: bigint };

/** Parses a bare IP literal (IPv6 with or without brackets, no zone id); undefined for anything else. */
export function parseIp(text: string): ParsedIp | undefined {
  const ip = text.replace(/^\[|\]$/g, '');
  if (isIPv4(ip)) return { v: 4, n: ipv4ToNumber(ip) };
  if (!isIPv6(ip) || ip.includes('%')) return undefined;
  const words = ipv6Words(ip);
  if (!words) return undefined;
  let hi = 0n;
  let lo = 0n;
  for (let i = 0; i < 4; i++) hi = (hi << 16n) | BigInt(words[i]);
  for (let i = 4; i < 8; i++) lo = (lo << 16n) | BigInt(words[i]);
  // An IPv4-mapped address (::ffff:a.b.c.d) is the IPv4 address for location purposes.
  if (hi === 0n && lo >> 32n === 0xffffn) return { v: 4, n: Number(lo & 0xffffffffn) };
  return { v: 6, hi, lo };
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** Eight 16-bit words; `net.isIPv6` has already validated the syntax. */
function ipv6Words(ip: string): number[] | undefined {
  let text = ip;
  const tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToNumber(v4[1]);
    tail.push(Math.floor(n / 65536), n % 65536);
    text = text.slice(0, -v4[1].length).replace(/:$/, '') || ':';
    if (text === ':') text = '::';
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (s: string) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const left = parse(head);
  const right = [...parse(rest ?? ''), ...tail];
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 0) return undefined;
  const words = [...left, ...new Array<number>(rest === undefined ? 0 : missing).fill(0), ...right];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : undefined;
}
