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
  const opts = { minBytes: 10, maxBytes: 100 };

  it('keeps content from its second sighting on, retargeted to the new path, shared read-only', () => {
    const cache = new FactsCache(opts);
    cache.put('h1', 50, facts('a.js'));
    expect(cache.get('h1', 'b.js')).toBeUndefined(); // seen once: nothing copied
    const second = facts('b.js');
    cache.put('h1', 50, second);
    second.strings[0]!.value = 'the reader\'s own object'; // the cache keeps its own copy
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
});
