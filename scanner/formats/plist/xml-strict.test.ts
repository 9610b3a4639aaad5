// The strict XML plist reader against `plist` (xmldom), the library it stands in for: equal values on every XML
// plist in the repository, on documents `plist.build` writes from random values, and on hand-written edges; and
// no answer (the general way) for what it does not vouch for.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as plist from 'plist';
import { parseStrictPlistXml } from './xml-strict.js';
import { prng } from '../../../test/helpers/prng.js';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n';
const doc = (body: string) => `${HEAD}${body}\n</plist>\n`;

/** Deep equality where two invalid dates are equal and key order counts. */
function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return Object.is(a.getTime(), b.getTime());
  if (a instanceof Uint8Array || b instanceof Uint8Array) return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return isDeepStrictEqual(ka, kb) && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return Object.is(a, b);
}

function expectSameAsPlist(text: string): void {
  const got = parseStrictPlistXml(text);
  expect(got, text.slice(0, 200)).not.toBeUndefined();
  expect(same(got, plist.parse(text)), text.slice(0, 300)).toBe(true);
}


describe('parseStrictPlistXml', () => {
  it('gives plist.parse’s value for every XML plist in the repository and the provisioning profile’s', () => {
    const files = [
      'samples/ios/src/Info.plist',
      'samples/ios/src/AgoraRtcKit-Info.plist',
      'samples/ios/core/Info.plist',
      'samples/ios/core/PrivacyInfo.plist',
      'test/fixtures/realapp-flows/ios/Runner/GoogleService-Info.plist',
      'test/fixtures/plist/Info.plist',
    ];
    for (const f of files) expectSameAsPlist(readFileSync(f, 'utf8'));
    const p = readFileSync('test/fixtures/plist/embedded.mobileprovision');
    const start = p.indexOf('<?xml');
    expectSameAsPlist(p.toString('utf8', start, p.indexOf('</plist>', start) + 8));
  });

  it('gives plist.parse’s value for documents plist.build writes from random values', () => {
    const rand = prng(17);
    const pieces = ['a', 'Key', '&', '<', '>', '"', "'", ' ', '\n', '\t', 'é', '値', '😀', '1', '0', '-', '_', 'http://x.example/?a=1&b=2', 'CF', 'constructor'];
    const str = () => Array.from({ length: Math.floor(rand() * 6) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.35) return str();
      if (r < 0.45) return Math.floor(rand() * 2e9) - 1e9;
      if (r < 0.5) return rand() * 1000;
      if (r < 0.55) return rand() < 0.5;
      if (r < 0.58) return new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 1e10));
      if (r < 0.6) return Buffer.from(str());
      if (r < 0.8) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let k = Math.floor(rand() * 5); k > 0; k--) o[str() || 'k'] = value(depth + 1);
      return o;
    };
    for (let i = 0; i < 300; i++) {
      const v = value(0);
      const text = plist.build(v as plist.PlistValue);
      // plist.build writes a number as <real> or <integer> and omits nothing; the reader must agree with parse.
      expectSameAsPlist(text);
    }
  });

  it('gives plist.parse’s value on hand-written edges', () => {
    const bodies = [
      '<dict><key>a&amp;b &lt;c&gt;</key><string>x &quot;y&quot; &apos;z&apos; &#65;&#x42;&#x1F600;</string></dict>',
      '<dict><key>b</key><integer>1</integer><key>2</key><string>two</string><key>1</key><true/><key>a</key><false/></dict>', // integer-like keys reorder
      '<dict><key>a</key><integer>1</integer><key>b</key><integer>2</integer><key>a</key><integer>3</integer></dict>', // a duplicate key keeps its place
      '<dict><key>arr</key><array><string>s</string><integer>-5</integer><real>1.5e3</real><date>2024-01-02T03:04:05Z</date><data>SGVs\n bG8=</data><dict/><array/><string/></array></dict>',
      '<array><null/><string>x</string><null></null></array>', // null items are dropped
      '<string>a</string><string>b</string>', // several top-level values stay an array
      '',
      '<dict><key/><string>v</string><key></key><string>w</string></dict>',
      '<dict>\n\t<key> spaced </key>\n\t<string>  \n  </string>\n</dict>',
      '<dict><key>d</key><date>not a date</date><key>i</key><integer>12abc</integer><key>r</key><real>x</real></dict>',
      '<dict><key>t</key><true></true><key>f</key><false></false></dict>', // as Firebase writes them
      '<dict><key>k</key><string>a > b</string></dict>',
    ];
    for (const b of bodies) {
      expectSameAsPlist(doc(b));
      expectSameAsPlist(`<plist version="1.0">${b}</plist>`);
      expectSameAsPlist(`<plist>${b}</plist>`);
    }
  });

  it('leaves what it does not vouch for to the general way', () => {
    const bodies = [
      '<dict><!-- c --><key>a</key><string>b</string></dict>',
      '<dict><key>a</key><string><![CDATA[x]]></string></dict>',
      '<dict><key>__proto__</key><string>b</string></dict>',
      '<dict><key>a</key></dict>',
      '<dict><key>a</key><key>b</key><string>c</string></dict>',
      '<dict><key>a</key><foo>b</foo></dict>',
      '<dict><key id="1">a</key><string>b</string></dict>',
      '<dict><key>a</key><string>&nbsp;</string></dict>',
      '<dict><key>a</key><string>&#0;</string></dict>',
      '<dict>\r\n<key>a</key><string>b</string></dict>',
      '<dict><key>a</key><string>\ufffd</string></dict>',
      '<dict><key>a</key><string>line\u2028sep</string></dict>', // xmldom turns it into a line feed
      '<dict><key>a</key><string>b</strin></dict>',
      '<dict><key>a</key><integer/></dict>',
      '<dict><key>a</key><true>x</true></dict>',
      '<dict><key>a</key><string>]]></string></dict>',
    ];
    for (const b of bodies) expect(parseStrictPlistXml(doc(b)), b).toBeUndefined();
    expect(parseStrictPlistXml(`${HEAD}<dict/></plist><x/>`)).toBeUndefined();
    expect(parseStrictPlistXml(`\ufeff${doc('<dict/>')}`)).toBeUndefined();
    expect(parseStrictPlistXml(doc('<dict/>').replace('<!DOCTYPE plist', '<!DOCTYPE plist [<!ENTITY x "y">]'))).toBeUndefined();
    expect(parseStrictPlistXml(`${HEAD}${'<array>'.repeat(300)}${'</array>'.repeat(300)}</plist>`)).toBeUndefined();
  });
});
