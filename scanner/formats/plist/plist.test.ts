import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Facts } from '../../core/facts.js';
import { buildPack } from '../../rules/pack.js';
import { MAX_DEPTH, MAX_EXPANDED_OBJECTS } from './bplist-guard.js';
import { mobileprovisionReader, plistReader } from './index.js';

const FIX = 'test/fixtures/plist';
const ctx = { rules: buildPack([], [], { identifiers: [] }), maxStrings: 100_000 };
const xml = readFileSync(`${FIX}/Info.plist`);
const bin = readFileSync(`${FIX}/Info.binary.plist`);
const provision = readFileSync(`${FIX}/embedded.mobileprovision`);
const readPlist = (b: Buffer, path = 'Payload/Club.app/Info.plist') => plistReader.read(b, path, ctx) as Facts;
const readProvision = (b: Buffer) =>
  mobileprovisionReader.read(b, 'Payload/Club.app/embedded.mobileprovision', ctx) as Facts;
const kv = (f: Facts) => f.config.map((c) => [c.key, c.value]);
const ids = (f: Facts) => f.notices.map((n) => n.id);

/** A binary plist from raw object encodings (1-byte refs, 2-byte offsets), for graphs no tool would write. */
function bplist(objects: Buffer[], top = 0): Buffer {
  const parts: Buffer[] = [Buffer.from('bplist00')];
  const offsets: number[] = [];
  let at = 8;
  for (const o of objects) {
    offsets.push(at);
    parts.push(o);
    at += o.length;
  }
  const table = Buffer.alloc(offsets.length * 2);
  offsets.forEach((o, i) => table.writeUInt16BE(o, i * 2));
  const trailer = Buffer.alloc(32);
  trailer[6] = 2;
  trailer[7] = 1;
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(BigInt(top), 16);
  trailer.writeBigUInt64BE(BigInt(at), 24);
  return Buffer.concat([...parts, table, trailer]);
}
const array = (...refs: number[]) => Buffer.from([0xa0 | refs.length, ...refs]);

describe('plistReader on the fixtures', () => {
  it('flattens the XML plist into ConfigFacts with slash paths and lines', () => {
    const f = readPlist(xml);
    expect(f.notices).toEqual([]);
    const get = (k: string) => f.config.find((c) => c.key === k)?.value;
    expect(get('CFBundleIdentifier')).toBe('com.example.club');
    expect(get('CFBundleShortVersionString')).toBe('1.2.3');
    expect(get('NSMicrophoneUsageDescription')).toMatch(/microphone/);
    expect(get('NSAppTransportSecurity/NSAllowsArbitraryLoads')).toBe(true);
    expect(get('NSAppTransportSecurity/NSExceptionDomains/agora.io/NSExceptionAllowsInsecureHTTPLoads')).toBe(true);
    expect(get('NSAppTransportSecurity/NSExceptionDomains/api.example.com/NSExceptionMinimumTLSVersion')).toBe('TLSv1.0');
    expect(get('CFBundleURLTypes/0/CFBundleURLSchemes/0')).toBe('club');
    expect(get('AgoraMaxUsers')).toBe(17);
    expect(get('AgoraVolume')).toBe(0.75);
    expect(f.meta).toMatchObject({ bundleId: 'com.example.club', version: '1.2.3', encoding: 'xml' });
    // every line points at the <key> of the fact's last dictionary key
    const lines = xml.toString('utf8').split('\n');
    for (const c of f.config) {
      const last = c.key.split('/').filter((s) => !/^\d+$/.test(s)).pop()!;
      expect(lines[c.line! - 1], c.key).toContain(`<key>${last}</key>`);
    }
  });

  it('gives the same facts for the plistlib-written binary plist', () => {
    const f = readPlist(bin);
    expect(f.notices).toEqual([]);
    expect(f.meta.encoding).toBe('binary');
    expect(kv(f)).toEqual(kv(readPlist(xml)));
    expect(f.config.find((c) => c.key === 'CFBundleDisplayName')!.value).toBe('Club 🎙️ Café'); // UTF-16 object
  });

  it('mirrors string values as config strings so endpoint checks see hosts', () => {
    const s = readPlist(bin).strings.find((x) => x.value.startsWith('http://'))!;
    expect(s).toMatchObject({ kind: 'config', value: 'http://signal.example.com/ws?room=lobby', context: 'SignalServerURL' });
  });

  it('sniffs XML and binary plists but not other XML', () => {
    expect(plistReader.sniff(xml, 'Info.plist')).toBe(true);
    expect(plistReader.sniff(bin, 'Info.plist')).toBe(true);
    expect(plistReader.sniff(Buffer.from('<?xml version="1.0"?><manifest/>'), 'a.xml')).toBe(false);
  });
});

describe('plistReader on damaged and hostile input', () => {
  it('keeps the XML parser quiet: invalid UTF-8 in a value is a notice, not console output', () => {
    const doc = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>CFBundleName</key><string>Ab'),
      Buffer.from([0xff]),
      Buffer.from('c</string></dict></plist>\n'),
    ]);
    const printed = vi.spyOn(process.stderr, 'write');
    const warn = vi.spyOn(console, 'warn');
    try {
      const f = readPlist(doc);
      expect(kv(f)).toEqual([['CFBundleName', 'Ab\uFFFDc']]);
      expect(ids(f)).toEqual(['plist/xml-warning']);
      expect(f.notices[0]!.message).toMatch(/1 parser warning\(s\), first: \[xmldom warning\] Unicode replacement character/);
      expect(warn).not.toHaveBeenCalled();
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
      warn.mockRestore();
    }
  });

  it('survives every truncation of the binary plist', () => {
    for (let len = 0; len < bin.length; len++) {
      const f = readPlist(bin.subarray(0, len));
      expect(ids(f), `length ${len}`).toContain('plist/malformed');
    }
  });

  it('rejects lying trailers: object count, offset table offset, top object', () => {
    const t = bin.length - 32;
    const variants: Array<[number, bigint, RegExp]> = [
      [t + 8, 0xffffffffn, /offset table/],
      [t + 24, 0x7fffffffffffn, /offset table/],
      [t + 16, 0xffffn, /top object/],
    ];
    for (const [at, value, why] of variants) {
      const b = Buffer.from(bin);
      b.writeBigUInt64BE(value, at);
      const f = readPlist(b);
      expect(f.notices[0]!.message).toMatch(why);
      expect(f.config).toEqual([]);
    }
  });

  it('rejects offsets and references that point outside the object area', () => {
    const b = Buffer.from(bin);
    const t = b.length - 32;
    const table = Number(b.readBigUInt64BE(t + 24));
    const size = b[t + 6]!;
    b.writeUIntBE(bin.length - 1, table, size); // object 0 "starts" inside the trailer
    expect(readPlist(b).notices[0]!.message).toMatch(/outside the object area/);
  });

  it('refuses reference cycles, exponential sharing and deep nesting quickly', () => {
    const started = Date.now();
    const cycle = readPlist(bplist([array(0)]));
    expect(cycle.notices[0]!.message).toMatch(/contains itself/);
    // 40 arrays each holding the next twice: 2^40 nodes once expanded
    const bomb = readPlist(bplist([...Array.from({ length: 40 }, (_, i) => array(i + 1, i + 1)), Buffer.from([0x10, 0x00])]));
    expect(bomb.notices[0]!.message).toContain(String(MAX_EXPANDED_OBJECTS));
    const deep = readPlist(bplist([...Array.from({ length: 200 }, (_, i) => array(i + 1)), Buffer.from([0x10, 0x00])]));
    expect(deep.notices).toEqual([]); // 200 levels is fine
    const refs = 1200; // deeper than MAX_DEPTH needs 2-byte refs; build by hand
    const objs: Buffer[] = [];
    for (let i = 0; i < refs; i++) objs.push(Buffer.from([0xa1, (i + 1) >> 8, (i + 1) & 0xff]));
    objs.push(Buffer.from([0x10, 0x00]));
    const wide = bplist(objs);
    wide[wide.length - 32 + 7] = 2; // reference size 2
    expect(readPlist(wide).notices[0]!.message).toContain(String(MAX_DEPTH));
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('never throws on random corruption of the binary plist', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 0x1000000;
    for (let i = 0; i < 500; i++) {
      const b = Buffer.from(bin);
      for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++) b[8 + Math.floor(rnd() * (b.length - 8))] = Math.floor(rnd() * 256);
      expect(() => readPlist(b)).not.toThrow();
    }
  });

  it('reports malformed XML plists with a line, and refuses DTD entities', () => {
    const broken = Buffer.from(xml.toString('utf8').replace('</dict>\n</plist>', '</plist>'));
    const f = readPlist(broken);
    expect(f.notices[0]!.message).toMatch(/not well-formed at line \d+/);
    const ents = ['<!ENTITY a0 "' + 'x'.repeat(100) + '">'];
    for (let i = 1; i < 10; i++) ents.push(`<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`);
    const laughs = `<?xml version="1.0"?><!DOCTYPE plist [${ents.join('')}]><plist version="1.0"><dict><key>k</key><string>&a9;</string></dict></plist>`;
    const g = readPlist(Buffer.from(laughs));
    expect(g.notices[0]!.message).toMatch(/entities/);
    expect(g.config).toEqual([]);
  });
});

describe('mobileprovisionReader on an openssl-signed profile', () => {
  it('is a real CMS SignedData blob', () => {
    expect(provision[0]).toBe(0x30);
    expect(mobileprovisionReader.sniff(provision.subarray(0, 64), 'embedded.mobileprovision')).toBe(true);
    expect(mobileprovisionReader.sniff(provision.subarray(0, 64), 'other.bin')).toBe(false);
    expect(mobileprovisionReader.sniff(xml, 'embedded.mobileprovision')).toBe(false);
  });

  it('reads entitlements, team and expiry, with byte offsets of each key', () => {
    const f = readProvision(provision);
    expect(f.notices).toEqual([]);
    expect(f.meta).toMatchObject({
      teamId: 'AB12CD34EF',
      expirationDate: '2025-01-02T03:04:05.000Z',
      applicationIdentifier: 'AB12CD34EF.com.example.club',
      getTaskAllow: 'true',
      apsEnvironment: 'development',
    });
    const get = (k: string) => f.config.find((c) => c.key === k);
    expect(get('Entitlements/keychain-access-groups/0')?.value).toBe('AB12CD34EF.*');
    expect(get('TeamIdentifier/0')?.value).toBe('AB12CD34EF');
    const aps = get('Entitlements/aps-environment')!;
    const tag = '<key>aps-environment</key>';
    expect(provision.toString('utf8', aps.offset!, aps.offset! + tag.length)).toBe(tag);
  });

  it('reports profiles without a plist or with a broken one', () => {
    expect(ids(readProvision(provision.subarray(0, 200)))).toEqual(['mobileprovision/no-plist']);
    const cut = Buffer.from(provision);
    cut.write('</plixt>', provision.indexOf('</plist>'));
    expect(ids(readProvision(cut))).toEqual(['mobileprovision/no-plist']);
    const bad = Buffer.from(provision);
    bad.write('<dixt>', provision.indexOf('<dict>'));
    expect(ids(readProvision(bad))).toEqual(['plist/malformed']);
  });
});
