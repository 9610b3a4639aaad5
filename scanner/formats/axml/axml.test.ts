import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfigFact, Facts } from '../../core/facts.js';
import { buildPack } from '../../rules/pack.js';
import { axmlReader, xmlReader } from './index.js';

const FIX = 'test/fixtures/axml';
const ctx = { rules: buildPack([], [], { identifiers: [] }), maxStrings: 100_000 };
const manifestBin = readFileSync(`${FIX}/out/AndroidManifest.xml`);
const nscBin = readFileSync(`${FIX}/out/res/xml/network_security_config.xml`);
const legacyBin = readFileSync(`${FIX}/legacy/AndroidManifest.bin`);

const readBin = (buf: Buffer, path = 'club.apk!/AndroidManifest.xml') => axmlReader.read(buf, path, ctx) as Facts;
const readText = (path: string) => xmlReader.read(readFileSync(path), path, ctx) as Facts;
const kv = (f: Facts) => f.config.map((c) => [c.key, c.value] as const);

/** ConfigFact-style (key, value) pairs from `aapt dump xmltree`, an independent binary XML decoder. */
function aaptTree(file: string): Array<readonly [string, ConfigFact['value']]> {
  const out: Array<readonly [string, ConfigFact['value']]> = [];
  const stack: Array<{ indent: number; name: string }> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^( *)([NEAC]): (.*)$/.exec(line);
    if (!m) continue;
    const indent = m[1]!.length;
    const body = m[3]!;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const path = stack.map((s) => s.name).join('/');
    if (m[2] === 'E') stack.push({ indent, name: body.replace(/ \(line=\d+\)$/, '') });
    else if (m[2] === 'C') out.push([path, JSON.parse(body)]);
    else if (m[2] === 'A') {
      const a = /^([\w:]+)(?:\(0x[0-9a-f]+\))?=(.*)$/.exec(body)!;
      const v = a[2]!.replace(/ \(Raw: .*\)$/, '');
      let value: ConfigFact['value'];
      const typed = /^\(type (0x[0-9a-f]+)\)(0x[0-9a-f]+)$/.exec(v);
      if (typed && typed[1] === '0x12') value = typed[2] !== '0x0';
      else if (typed) value = parseInt(typed[2]!, 16) | 0;
      else if (v.startsWith('"')) value = JSON.parse(v);
      else value = v; // @0x7f… references
      out.push([`${path}/@${a[1]}`, value]);
    }
  }
  return out;
}

describe('axmlReader on aapt/apktool-built binary XML', () => {
  it('matches aapt dump xmltree for the manifest, the network security config and an aapt2 manifest', () => {
    expect(kv(readBin(manifestBin))).toEqual(aaptTree(`${FIX}/out/AndroidManifest.xmltree.txt`));
    expect(kv(readBin(nscBin, 'res/xml/network_security_config.xml'))).toEqual(
      aaptTree(`${FIX}/out/res/xml/network_security_config.xmltree.txt`),
    );
    expect(kv(readBin(legacyBin))).toEqual(aaptTree(`${FIX}/legacy/AndroidManifest.xmltree.txt`));
  });

  it('yields the manifest keys checks rely on, with attribute offsets', () => {
    const f = readBin(manifestBin);
    expect(f.notices).toEqual([]);
    const get = (k: string) => f.config.filter((c) => c.key === k).map((c) => c.value);
    expect(get('manifest/@package')).toEqual(['com.example.club']);
    expect(get('manifest/application/@android:usesCleartextTraffic')).toEqual([true]);
    expect(get('manifest/uses-permission/@android:name')).toContain('android.permission.RECORD_AUDIO');
    expect(get('manifest/application/service/@android:name')).toEqual(['io.agora.rtc2.extensions.MediaProjectionMgr']);
    expect(f.meta).toMatchObject({ package: 'com.example.club', targetSdkVersion: '33', root: 'manifest' });
    const flag = f.config.find((c) => c.key.endsWith('@android:usesCleartextTraffic'))!;
    expect(manifestBin[flag.offset! + 15]).toBe(0x12); // Res_value.dataType = TYPE_INT_BOOLEAN
    expect(f.strings.map((s) => s.value)).toContain('http://signal.example.com/ws');
  });

  it('reads the UTF-8 string pool of res/xml and groups domains by their domain-config', () => {
    expect(nscBin.readUInt32LE(8 + 16) & 0x100).toBe(0x100); // aapt wrote a UTF-8 pool here
    expect(manifestBin.readUInt32LE(8 + 16) & 0x100).toBe(0); // and a UTF-16 one for the manifest
    const f = readBin(nscBin, 'res/xml/network_security_config.xml');
    const domains = f.config.filter((c) => c.key === 'network-security-config/domain-config/domain');
    expect(domains.map((d) => [d.value, d.context])).toEqual([
      ['agora.io', 'network-security-config[0]/domain-config[0]/domain[0]'],
      ['api.example.com', 'network-security-config[0]/domain-config[0]/domain[1]'],
      ['secure.example.com', 'network-security-config[0]/domain-config[1]/domain[0]'],
    ]);
  });

  it('names android: attributes from the resource map when the name string is stripped or renamed', () => {
    const name = Buffer.from('usesCleartextTraffic', 'utf16le');
    const at = manifestBin.indexOf(name);
    expect(manifestBin.readUInt16LE(at - 2)).toBe(20);
    const stripped = Buffer.from(manifestBin);
    stripped.writeUInt16LE(0, at - 2); // zero-length name, as shrinkers leave it
    const renamed = Buffer.from(manifestBin);
    Buffer.from('xxxxxxxxxxxxxxxxxxxx', 'utf16le').copy(renamed, at);
    for (const b of [stripped, renamed]) {
      const f = readBin(b);
      expect(f.notices).toEqual([]);
      expect(f.config.find((c) => c.key === 'manifest/application/@android:usesCleartextTraffic')?.value).toBe(true);
    }
  });
});

describe('xmlReader on the text sources of the same files', () => {
  // aapt adds build keys; references differ in form (@xml/name in text, @0x7f… compiled).
  const comparable = (f: Facts) =>
    kv(f).filter(([k, v]) => !/@(android:compileSdk|platformBuild)/.test(k) && !(typeof v === 'string' && v.startsWith('@')));

  it('gives the same keys and values as the compiled manifest', () => {
    const text = readText(`${FIX}/app/AndroidManifest.xml`);
    expect(text.notices).toEqual([]);
    expect(new Set(comparable(text).map((p) => JSON.stringify(p)))).toEqual(
      new Set(comparable(readBin(manifestBin)).map((p) => JSON.stringify(p))),
    );
    const flag = text.config.find((c) => c.key === 'manifest/application/@android:usesCleartextTraffic')!;
    // The attribute's own line, not its element's (`<application` is on line 10).
    expect(flag.line).toBe(13);
  });

  it('gives the same network security config facts, contexts included', () => {
    const text = readText(`${FIX}/app/res/xml/network_security_config.xml`);
    const bin = readBin(nscBin, 'network_security_config.xml');
    const strip = (f: Facts) => f.config.map((c) => [c.key, c.value, c.context]);
    expect(strip(text)).toEqual(strip(bin));
    expect(text.config.find((c) => c.value === 'agora.io')!.line).toBe(10);
  });

  it('keeps value resources as named config facts (the name attribute and the text share a context)', () => {
    const f = readText(`${FIX}/app/res/values/strings.xml`);
    expect(f.meta.root).toBe('resources');
    const text = f.config.find((c) => c.key === 'resources/string' && c.value === 'Club')!;
    expect(f.config.find((c) => c.key === 'resources/string/@name' && c.context === text.context)).toBeDefined();
    expect(f.strings.map((s) => s.value)).toContain('Club');
  });

  it('keeps only strings from other XML', () => {
    const f = xmlReader.read(Buffer.from('<svg><text>http://a.example.com</text></svg>'), 'a.xml', { rules: undefined as never, maxStrings: 100 }) as Facts;
    expect(f.config).toEqual([]);
    expect(f.strings.map((s) => s.value)).toContain('http://a.example.com');
  });

  it('sniffs text and binary XML apart', () => {
    const text = readFileSync(`${FIX}/app/AndroidManifest.xml`);
    expect(xmlReader.sniff(text, 'AndroidManifest.xml')).toBe(true);
    expect(xmlReader.sniff(manifestBin, 'AndroidManifest.xml')).toBe(false);
    expect(axmlReader.sniff(manifestBin, 'AndroidManifest.xml')).toBe(true);
    expect(axmlReader.sniff(text, 'AndroidManifest.xml')).toBe(false);
  });

  it('does not expand DTD entities and refuses absurd nesting', () => {
    const ents = ['<!ENTITY a0 "' + 'x'.repeat(100) + '">'];
    for (let i = 1; i < 10; i++) ents.push(`<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`);
    const laughs = `<?xml version="1.0"?><!DOCTYPE manifest [${ents.join('')}]><manifest package="&a9;"><application/></manifest>`;
    const f = xmlReader.read(Buffer.from(laughs), 'AndroidManifest.xml', ctx) as Facts;
    expect(String(f.config.find((c) => c.key === 'manifest/@package')!.value).length).toBeLessThan(100);
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    expect((xmlReader.read(Buffer.from(deep), 'deep.xml', ctx) as Facts).notices[0]!.id).toBe('xml/malformed');
  });

  it('caps strings at maxStrings with a notice', () => {
    const f = axmlReader.read(manifestBin, 'AndroidManifest.xml', { ...ctx, maxStrings: 2 }) as Facts;
    expect(f.strings).toHaveLength(2);
    expect(f.notices.map((n) => n.id)).toEqual(['axml/too-many-strings']);
  });

  it('reports malformed text XML', () => {
    const f = xmlReader.read(Buffer.from('<manifest><application></manifest>'), 'AndroidManifest.xml', ctx) as Facts;
    expect(f.notices.map((n) => n.id)).toEqual(['xml/malformed']);
    expect(f.config).toEqual([]);
  });
});

describe('axmlReader on damaged files', () => {
  const ids = (f: Facts) => f.notices.map((n) => n.id);
  const poolAt = 8; // the string pool chunk follows the 8-byte XML header

  it('survives every truncation', () => {
    for (const buf of [manifestBin, nscBin]) {
      for (let len = 0; len < buf.length; len += 3) {
        const f = readBin(buf.subarray(0, len));
        expect(f.notices.length, `length ${len}`).toBeGreaterThan(0);
      }
    }
  });

  it('stops at a chunk size of 0 and at a huge one', () => {
    for (const size of [0, 0xfffffff0]) {
      const b = Buffer.from(manifestBin);
      b.writeUInt32LE(size, poolAt + 4);
      const f = readBin(b);
      expect(ids(f)).toContain('axml/malformed');
      expect(f.config).toEqual([]);
    }
  });

  it('rejects a lying string count and out-of-pool string offsets', () => {
    const lying = Buffer.from(manifestBin);
    lying.writeUInt32LE(0x10000000, poolAt + 8);
    expect(readBin(lying).notices[0]!.message).toMatch(/declares 268435456 strings/);
    const offsets = Buffer.from(manifestBin);
    offsets.writeUInt32LE(0x7ffffff0, poolAt + 28); // offset of string 0
    const f = readBin(offsets);
    expect(ids(f)).toContain('axml/malformed');
    expect(f.notices.find((n) => n.id === 'axml/malformed')!.message).toMatch(/outside the string pool/);
  });

  it('rejects an element whose attribute count overruns its chunk', () => {
    const b = Buffer.from(manifestBin);
    // first START_ELEMENT chunk (0x0102, header 16): attributeCount at +16+12
    let at = 8;
    while (b.readUInt16LE(at) !== 0x0102) at += b.readUInt32LE(at + 4);
    b.writeUInt16LE(0xffff, at + 16 + 12);
    const f = readBin(b);
    expect(f.notices.find((n) => n.id === 'axml/malformed')!.message).toMatch(/65535 attributes/);
  });

  it('never throws on random corruption', () => {
    let seed = 99;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 0x1000000;
    for (const src of [manifestBin, nscBin, legacyBin]) {
      for (let i = 0; i < 300; i++) {
        const b = Buffer.from(src);
        for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
        expect(() => readBin(b)).not.toThrow();
      }
    }
  });
});

describe('axmlReader on aapt2 protobuf XML (App Bundle manifests)', () => {
  const protoManifest = readFileSync(`${FIX}/proto/AndroidManifest.xml`);
  const protoNsc = readFileSync(`${FIX}/proto/res/xml/network_security_config.xml`);
  const MANIFEST = 'club.aab!/base/manifest/AndroidManifest.xml';
  const NSC = 'club.aab!/base/res/xml/network_security_config.xml';
  // aapt2 orders attributes by resource id, so compare as sorted lists
  const full = (f: Facts) => f.config.map((c) => JSON.stringify([c.key, c.value, c.context])).sort();
  const readProto = (b: Buffer, path = MANIFEST) => axmlReader.read(b, path, ctx) as Facts;

  it('is sniffed by path and content, not as binary XML', () => {
    expect(axmlReader.sniff(protoManifest.subarray(0, 64), MANIFEST)).toBe(true);
    expect(axmlReader.sniff(protoNsc.subarray(0, 64), NSC)).toBe(true);
    expect(axmlReader.sniff(protoManifest.subarray(0, 64), 'base/assets/data.bin')).toBe(false);
    expect(xmlReader.sniff(protoManifest.subarray(0, 64), MANIFEST)).toBe(false);
    // a text manifest starting with a newline (0x0a, like a protobuf field-1 tag) stays text
    const text = Buffer.concat([Buffer.from('\n'), readFileSync(`${FIX}/app/AndroidManifest.xml`)]);
    expect(axmlReader.sniff(text, MANIFEST)).toBe(false);
    expect(xmlReader.sniff(text, MANIFEST)).toBe(true);
  });

  it('gives exactly the facts of the text sources it was compiled from', () => {
    const m = readProto(protoManifest);
    expect(m.notices).toEqual([]);
    expect(m.meta).toMatchObject({ encoding: 'protobuf', package: 'com.example.club', targetSdkVersion: '33' });
    const text = readText(`${FIX}/app/AndroidManifest.xml`);
    // aapt2 adds build keys the source does not have
    expect(full(m).filter((k) => !/@(android:compileSdk|platformBuild)/.test(k))).toEqual(full(text));
    const n = readProto(protoNsc, NSC);
    expect(full(n)).toEqual(full(readText(`${FIX}/app/res/xml/network_security_config.xml`)));
  });

  it('survives truncation, lying lengths and random corruption', () => {
    for (let len = 1; len < protoManifest.length; len += 5) {
      const f = readProto(protoManifest.subarray(0, len));
      expect(f.notices.map((n) => n.id), `length ${len}`).toContain('axml/malformed');
    }
    const lying = Buffer.from(protoManifest);
    lying[2] = 0x7f; // the root element's length varint (2 bytes) now claims more than the file
    expect(readProto(lying).notices[0]!.message).toMatch(/runs past its message/);
    let seed = 5;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 0x1000000;
    for (let i = 0; i < 300; i++) {
      const b = Buffer.from(protoManifest);
      for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      expect(() => readProto(b)).not.toThrow();
    }
  });
});
