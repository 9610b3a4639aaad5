// IP → country from the shipped offline table, and ccTLD hints. Addresses are real ones with well-known owners.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { countryForIp, countryHintForHost, countryName, parseIp } from '../../scanner/jurisdiction/index.js';
import { ipDataLoaded, ipDataProblems } from '../../scanner/jurisdiction/ip-country.js';
import { ipv4Table, ipv6Table } from '../../scanner/jurisdiction/range-table.js';

const dataDir = dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn-country/package.json'));
const v4csv = readFileSync(join(dataDir, 'asn-country-ipv4-num.csv'), 'latin1');
const v6csv = readFileSync(join(dataDir, 'asn-country-ipv6-num.csv'), 'latin1');

describe('countryForIp', () => {
  it('loads nothing until an IP literal is looked up, and each family separately', () => {
    expect(ipDataLoaded(4)).toBe(false);
    expect(ipDataLoaded(6)).toBe(false);
    expect(countryForIp('not an ip')).toBeUndefined();
    expect(ipDataLoaded(4)).toBe(false);
    expect(countryForIp('60.191.137.101')).toBe('CN'); // the ws:// literal in Agora's RTM SDK (China Telecom Zhejiang)
    expect(ipDataLoaded(4)).toBe(true);
    expect(ipDataLoaded(6)).toBe(false);
  });

  it('maps real IPv4 addresses to the country of their RIR registration', () => {
    expect(countryForIp('114.114.114.114')).toBe('CN'); // 114DNS
    expect(countryForIp('223.5.5.5')).toBe('CN'); // Alibaba public DNS
    expect(countryForIp('119.29.29.29')).toBe('CN'); // Tencent DNSPod
    expect(countryForIp('8.8.8.8')).toBe('US');
    expect(countryForIp('202.12.27.33')).toBe('JP'); // M-root (WIDE)
    expect(countryForIp('193.0.14.129')).toBe('NL'); // K-root (RIPE NCC)
  });

  it('maps IPv6 addresses, and IPv4-mapped IPv6 as IPv4', () => {
    expect(countryForIp('2400:3200::1')).toBe('CN'); // Alibaba public DNS
    expect(countryForIp('[2001:4860:4860::8888]')).toBe('US');
    expect(countryForIp('2001:200::1')).toBe('JP');
    expect(countryForIp('::ffff:60.191.137.101')).toBe('CN');
    expect(ipDataProblems()).toEqual([]);
  });

  it('has no country for private, loopback and malformed addresses', () => {
    for (const ip of ['10.0.0.1', '192.168.1.1', '127.0.0.1', '::1', 'fe80::1', '999.1.1.1', '1.2.3', 'fe80::1%eth0', ':::']) {
      expect(countryForIp(ip), ip).toBeUndefined();
    }
  });

  it('agrees with the CSV on the first, a middle and the last range of each family', () => {
    for (const [csv, toIp] of [
      [v4csv, (n: bigint) => [24n, 16n, 8n, 0n].map((s) => (n >> s) & 255n).join('.')],
      [v6csv, (n: bigint) => Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':')],
    ] as const) {
      const lines = csv.trim().split('\n');
      for (const line of [lines[0], lines[lines.length >> 1], lines[lines.length - 1]]) {
        const [s, e, cc] = line.split(',');
        expect(countryForIp(toIp(BigInt(s))), line).toBe(cc);
        expect(countryForIp(toIp(BigInt(e))), line).toBe(cc);
      }
    }
  });
});

describe('range tables on damaged data', () => {
  it('stop at a truncated last line and still answer for the ranges before it', () => {
    const cut = v4csv.slice(0, v4csv.length >> 1);
    const t = ipv4Table(cut.slice(0, cut.lastIndexOf(',')));
    expect(t.problem).toMatch(/line \d+ is malformed/);
    expect(t.size).toBeGreaterThan(1000);
    expect(t.lookup(parseIp('60.191.137.101')!)).toBe('CN');
    expect(t.lookup(parseIp('223.5.5.5')!)).toBeUndefined(); // beyond the cut: unknown, never a wrong country
  });

  it('stop at out-of-order, overlapping or out-of-range lines', () => {
    const lines = v4csv.trim().split('\n');
    const swapped = [lines[1], lines[0], ...lines.slice(2)].join('\n');
    expect(ipv4Table(swapped).problem).toMatch(/line 2 /);
    expect(ipv4Table(swapped).size).toBe(1);
    expect(ipv4Table(`${lines[0]}\n1,99999999999,CN\n`).problem).toMatch(/line 2 /);
    expect(ipv4Table('5,4,CN\n').size).toBe(0);
    const v6 = v6csv.trim().split('\n');
    const lying = `${v6[0]}\n${'9'.repeat(60)},${'9'.repeat(60)},CN\n${v6[1]}`;
    expect(ipv6Table(lying).problem).toMatch(/line 2 /);
    expect(ipv6Table(lying).size).toBe(1);
    expect(ipv6Table('garbage\x00\xff').size).toBe(0);
  });

  it('read lines as the line pattern does: where a table stops, and the line it names, on odd shapes', () => {
    // What the reader took each line to be before it read them by hand: split on LF, /^(\d+),(\d+),([A-Z]{2})\r?$/.
    const LINE = /^(\d+),(\d+),([A-Z]{2})\r?$/;
    const reference = (csv: string) => {
      const lines = csv.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const bad = lines.findIndex((l) => !LINE.test(l));
      return bad < 0 ? { size: lines.length } : { size: bad, problem: `IPv4 table line ${bad + 1} is malformed or out of order: ${JSON.stringify(lines[bad]!.slice(0, 60))}` };
    };
    const [a, b, c] = v4csv.split('\n');
    const odd = ['', '\n', 'x', a, `${a}\r\n${b}`, `${a}\r\r\n${b}`, `${a}\r`, `${a}\n\n${b}\n`, `${a}\n${b}\n${c}`, `${a}\n${b}\n${c}\n`, `${a}\n${b!.toLowerCase()}`];
    odd.push(`${a}\n${b!.slice(0, -1)}`, `${a}\n${b}X`, `${a}\n,${b}`, `${a}\n${b!.replace(',', ',,')}`, `${a}\n${b!.replace(/\d/, 'x')}`, `${a}\n${b!.replace(',', '\r,')}`, `${a}\n ${b}`);
    for (const csv of odd) {
      const t = ipv4Table(csv);
      expect({ size: t.size, ...(t.problem ? { problem: t.problem } : {}) }, JSON.stringify(csv)).toEqual(reference(csv));
    }
  });

  it('read bounds and countries as Number() and the line text give them, at every bound of the real IPv4 table', () => {
    // The bounds are read from the digits and the country from its two capitals without slicing the line
    // (range-table.ts digitsValue, Countries.idOf): each range answers its own country at both ends and just inside,
    // and a gap between ranges answers none — what a table of Number(field) and the field's text answers.
    const t = ipv4Table(v4csv);
    const rows = v4csv.trim().split('\n').map((l) => l.split(','));
    const ip = (n: number) => parseIp([24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.'))!;
    const wrong: string[] = [];
    let prevEnd = -1;
    for (const [s, e, cc] of rows) {
      const start = Number(s);
      const end = Number(e);
      if (t.lookup(ip(start)) !== cc || t.lookup(ip(end)) !== cc) wrong.push(`${s},${e},${cc}`);
      if (start > prevEnd + 1 && t.lookup(ip(start - 1)) !== undefined) wrong.push(`before ${s}`);
      prevEnd = end;
    }
    expect(rows.length).toBeGreaterThan(100_000);
    expect(wrong.slice(0, 5)).toEqual([]);
    // Leading zeros, a CR, one- and ten-digit bounds, and a bound past 2^32 or 2^53 (refused as Number() refuses it).
    expect(ipv4Table('0000000001,0000000002,US\r\n3,4294967295,CN\n').lookup(ip(2))).toBe('US');
    expect(ipv4Table('0000000001,0000000002,US\r\n3,4294967295,CN\n').lookup(ip(4294967295))).toBe('CN');
    expect(ipv4Table('1,2,US\n3,4294967296,CN\n')).toMatchObject({ size: 1, problem: expect.stringMatching(/line 2 /) });
    expect(ipv4Table(`1,2,US\n3,${'9'.repeat(25)},CN\n`)).toMatchObject({ size: 1, problem: expect.stringMatching(/line 2 /) });
    expect(ipv4Table(`1,2,US\n${'9'.repeat(25)},${'9'.repeat(26)},CN\n`)).toMatchObject({ size: 1, problem: expect.stringMatching(/line 2 /) });
    // Countries keep their first-seen order and identity: ZZ, AA and ZA are three codes, not one.
    const odd = ipv4Table('1,1,ZZ\n2,2,AA\n3,3,ZA\n4,4,AZ\n5,5,ZZ\n');
    expect([1, 2, 3, 4, 5].map((n) => odd.lookup(ip(n)))).toEqual(['ZZ', 'AA', 'ZA', 'AZ', 'ZZ']);
  });

  it('build the full real tables without problems', () => {
    const t4 = ipv4Table(v4csv);
    const t6 = ipv6Table(v6csv);
    expect(t4.problem).toBeUndefined();
    expect(t6.problem).toBeUndefined();
    expect(t4.size).toBe(v4csv.trim().split('\n').length);
  });
});

describe('countryHintForHost', () => {
  it('reads country-code TLDs, including second-level and internationalised ones', () => {
    expect(countryHintForHost('rtc.example.cn')).toBe('CN');
    expect(countryHintForHost('api.example.com.cn')).toBe('CN');
    expect(countryHintForHost('media.example.co.uk')).toBe('GB');
    expect(countryHintForHost('Example.DE.')).toBe('DE');
    expect(countryHintForHost('xn--fiqs8s.xn--fiqs8s')).toBe('CN');
    expect(countryHintForHost('a.hk')).toBe('HK');
  });

  it('gives no hint for generic TLDs, generic-use ccTLDs, pseudo-codes and IP literals', () => {
    for (const h of ['agora.io', 'x.co', 'x.me', 'x.tv', 'x.ai', 'x.fm', 'x.ly', 'x.cc', 'x.com', 'x.eu', 'x.zz', 'localhost', '60.191.137.101', '2400:3200::1']) {
      expect(countryHintForHost(h), h).toBeUndefined();
    }
  });

  it('names countries in English', () => {
    expect(countryName('CN')).toBe('China');
    expect(countryName('GB')).toBe('United Kingdom');
  });
});
