// cook() against Babel's own `value` for literals made of every kind of escape, and on a long literal (plain runs
// are copied whole: the result must not depend on where the escapes fall).
import { parseExpression } from '@babel/parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cook } from './cook.js';

const PIECES = ['a', 'Z', '0', '7', ' ', 'é', '\u2028', '\\n', '\\t', '\\r', '\\b', '\\f', '\\v', '\\\\', "\\'", '\\"', '\\`', '\\x4a', '\\u0041', '\\u{1F600}', '\\0', '\\\r\n', '\\\n', '\\q', '${x}'.slice(1)];
const OCTAL = ['\\12', '\\101', '\\7', '\\400'];

function babelString(raw: string): string {
  const node = parseExpression(`"${raw}"`, { sourceType: 'script' }) as { value: string };
  return node.value;
}
function babelTemplate(raw: string): string | undefined {
  const node = parseExpression('`' + raw + '`', { sourceType: 'module', errorRecovery: true }) as { quasis: Array<{ value: { cooked: string | null } }> };
  return node.quasis[0]!.value.cooked ?? undefined;
}

describe('cook', () => {
  it('gives Babel’s value for string literals (with legacy octal escapes)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES, ...OCTAL), { maxLength: 40 }), (parts) => {
        const raw = parts.join('');
        expect(cook(raw, false)).toBe(babelString(raw));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives Babel’s cooked value for template chunks, CR and CRLF as LF', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES, '\r\n', '\r', '\n'), { maxLength: 40 }), (parts) => {
        const raw = parts.join('');
        expect(cook(raw, true)).toBe(babelTemplate(raw));
      }),
      { numRuns: 2000 },
    );
  });

  it('cooks a literal of a few hundred kilobytes with escapes spread through it', () => {
    const raw = 'var s="x";\\n'.repeat(40_000) + '\\u0041';
    const value = cook(raw, false)!;
    expect(value.length).toBe(40_000 * 11 + 1);
    expect(value.endsWith('var s="x";\nA')).toBe(true);
  });
});
