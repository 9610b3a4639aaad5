import { describe, expect, it } from 'vitest';
import { emptyFacts } from '../core/facts.js';
import { FactsCache } from './cache.js';

const facts = (path: string) => {
  const f = emptyFacts(path, 'js', true);
  f.strings.push({ value: 'wss://gw.example.com', kind: 'literal', line: 1, column: 1 });
  f.notices.push({ level: 'note', id: 'x', message: 'm', artifact: path });
  return f;
};

describe('FactsCache', () => {
  const opts = { minBytes: 10, maxBytes: 100, firstSightingBytes: 30, maxFirstSightingFactBytes: 1_000 };

  it('keeps content from its second sighting on, retargeted to the new path, shared read-only', () => {
    const cache = new FactsCache({ ...opts, firstSightingBytes: 1_000 });
    cache.put('h1', 50, facts('a.js'));
    expect(cache.get('h1', 'b.js')).toBeUndefined(); // seen once: nothing copied
    const second = facts('b.js');
    cache.put('h1', 50, second);
    // The cache keeps the reader's object, frozen: neither the engine nor a check may write to it any more.
    expect(() => {
      second.strings[0]!.value = 'the reader\'s own object';
    }).toThrow(TypeError);
    const hit = cache.get('h1', 'c.js')!;
    expect(hit.artifact).toBe('c.js');
    expect(hit.notices[0]!.artifact).toBe('c.js');
    // Hits share one frozen copy (no clone per hit): a check writing to facts fails instead of leaking into others.
    expect(() => {
      hit.strings[0]!.value = 'changed';
    }).toThrow(TypeError);
    const again = cache.get('h1', 'd.js')!;
    expect(again.strings[0]!.value).toBe('wss://gw.example.com');
    expect(again.strings).toBe(hit.strings);
    expect(again.notices[0]!.artifact).toBe('d.js');
    expect(cache.hits).toBe(2);
  });

  it('skips small, oversized and source-mapped artifacts and evicts the oldest past its budget', () => {
    const cache = new FactsCache(opts);
    const mapped = facts('m.js');
    mapped.meta.sourceMap = 'm.js.map';
    for (const [h, size, f] of [['small', 5, facts('s')], ['big', 500, facts('b')], ['map', 50, mapped]] as const) {
      cache.put(h, size, f);
      cache.put(h, size, f);
      expect(cache.get(h, 'x')).toBeUndefined();
    }
    for (const h of ['a', 'b', 'c']) {
      cache.put(h, 40, facts(h));
      cache.put(h, 40, facts(h));
    }
    expect(cache.get('a', 'x')).toBeUndefined(); // 120 bytes > 100: the oldest went
    expect(cache.get('b', 'x')).toBeDefined();
    expect(cache.get('c', 'x')).toBeDefined();
  });

  it('keeps analysed code from its first sighting within a fact budget, but not vendor builds, literal scans or other formats', () => {
    const cache = new FactsCache(opts);
    const app = facts('a.js');
    cache.put('app', 40, app);
    // Kept on speculation: the reader's object, not copied or frozen while its own checks run.
    expect(Object.isFrozen(app.strings[0])).toBe(false);
    const ext = cache.get('app', 'ext.js')!;
    expect(ext.artifact).toBe('ext.js'); // the extension's copy of the app bundle is a hit
    // The first hit freezes it (no copy: checks only read facts) and shares it.
    expect(ext.strings).toBe(app.strings);
    expect(Object.isFrozen(app.strings[0])).toBe(true);
    expect(() => {
      ext.strings[0]!.value = 'changed';
    }).toThrow(TypeError);
    expect(cache.get('app', 'ext2.js')!.strings).toBe(ext.strings);
    const vendor = facts('v.js');
    vendor.meta.vendorBuild = 'agora';
    const literals = facts('l.js');
    literals.meta.prefilter = 'no-keyword';
    const text = { ...facts('t.json'), format: 'text' };
    const small = facts('s.js');
    for (const [h, size, f] of [['vendor', 40, vendor], ['literals', 40, literals], ['text', 40, text], ['small', 20, small]] as const) {
      cache.put(h, size, f);
      expect(cache.get(h, 'x')).toBeUndefined();
      cache.put(h, size, f);
      expect(cache.get(h, 'x')).toBeDefined(); // the second sighting as before
    }
    // Facts larger than the first-sighting budget wait for a second sighting; past the budget the oldest go.
    const tight = new FactsCache({ ...opts, maxFirstSightingFactBytes: 200 });
    const big = facts('big.js');
    big.strings.push({ value: 'x'.repeat(300), kind: 'literal', line: 1, column: 1 });
    tight.put('big', 40, big);
    expect(tight.get('big', 'x')).toBeUndefined();
    tight.put('one', 40, facts('one.js'));
    tight.put('two', 40, facts('two.js'));
    expect(tight.get('one', 'x')).toBeUndefined();
    expect(tight.get('two', 'x')).toBeDefined();
  });
});
