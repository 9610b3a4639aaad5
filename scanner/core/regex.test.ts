import { describe, expect, it } from 'vitest';
import { anyOf, escapeRegExp } from './regex.js';

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
});
