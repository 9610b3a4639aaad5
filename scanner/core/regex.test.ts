import { describe, expect, it } from 'vitest';
import { anyOf, anyOfIgnoringCase, escapeRegExp } from './regex.js';
import { loadShippedRulePack } from '../rules/rule-pack.js';

describe('regex helpers', () => {
  it('escape every syntax character, with and without the u flag', () => {
    const s = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p';
    expect(new RegExp(`^${escapeRegExp(s)}$`).test(s)).toBe(true);
    expect(new RegExp(`^${escapeRegExp(s)}$`, 'u').test(s)).toBe(true);
  });
  it('build one alternation of literals, none when the list is empty', () => {
    const re = anyOf(['wss://sdkgw.', 'stun:', 'stun:', 'dmogdx0jrul3u.cloudfront.net'])!;
    expect(re.test('x wss://sdkgw.example')).toBe(true);
    expect(re.test('wss://sdkgwXexample')).toBe(false);
    expect(re.test('dmogdx0jrul3uXcloudfront.net')).toBe(false);
    expect(anyOf(['Agora.IO'], 'iu')!.test('edge.agora.io')).toBe(true);
    expect(anyOf([])).toBeUndefined();
  });
  it("test for literals ignoring case with exactly the `iu` alternation's answers", async () => {
    const rules = await loadShippedRulePack();
    const domains = [...new Set(rules.vendors.flatMap((v) => v.endpoints.domains))];
    expect(domains.some((d) => d.includes('k')) && domains.some((d) => d.includes('s'))).toBe(true);
    const sets: string[][] = [domains, ['Agora.IO', 'sdk.kit', 'x-s.k'], ['straße.de', 'agora.io']];
    for (const literals of sets) {
      const iu = anyOf(literals, 'iu')!;
      const gate = anyOfIgnoringCase(literals)!;
      const strings = ['', 'nothing here', '\u0130o', ...literals.flatMap((l) => [l, l.toUpperCase(), `https://${l}/x`, l.replace(/k/g, '\u212a'), l.replace(/s/g, '\u017f'), l.replace(/K|k/g, '\u212a').toUpperCase(), l.replace(/i/g, '\u0130'), l.slice(1)])];
      // Every BMP character in place of each position of a few literals: whatever folds onto a letter is found.
      const chars = [0x130, 0x17f, 0x212a, 0x212b];
      for (let c = 0; c < 0x10000; c += c < 0x300 ? 1 : 7) chars.push(c);
      for (const l of literals.slice(0, literals.length > 3 ? 1 : 3)) for (let i = 0; i < l.length; i++) for (const c of chars) strings.push(l.slice(0, i) + String.fromCharCode(c) + l.slice(i + 1));
      const all = [...strings, ...strings.map((s) => s.toLowerCase())];
      expect(all.filter((s) => gate(s) !== iu.test(s))).toEqual([]);
      expect(all.filter((s) => gate(s)).length).toBeGreaterThan(literals.length * 6);
    }
    expect(anyOfIgnoringCase([])).toBeUndefined();
  });
});
