import { describe, expect, it } from 'vitest';
import type * as t from '@babel/types';
import { parseJs } from './babel.js';
import { pathOf, resolveScopes, type NodePath } from './scope.js';
import { ValueResolver, asString, isKnown } from './values.js';

/** Resolves the first argument of every `probe(...)` call in `code`, in source order. */
function probe(code: string): ReturnType<ValueResolver['resolve']>[] {
  const { ast } = parseJs(code);
  const resolver = new ValueResolver(code);
  const out: ReturnType<ValueResolver['resolve']>[] = [];
  for (const node of resolveScopes(ast!).visited) {
    if (node.type !== 'CallExpression') continue;
    const c = node.callee;
    if (c.type === 'Identifier' && c.name === 'probe') out.push(resolver.resolve(pathOf(node as t.CallExpression).get('arguments')[0] as NodePath));
  }
  return out;
}

describe('ValueResolver', () => {
  it('resolves literals, minifier forms and arithmetic', () => {
    const v = probe(`probe("a"); probe(42); probe(!0); probe(!1); probe(void 0); probe(null); probe(-1 >>> 0); probe(0xffffffff ^ 1)`);
    expect(v).toEqual([
      { kind: 'string', value: 'a' },
      { kind: 'number', value: 42 },
      { kind: 'boolean', value: true },
      { kind: 'boolean', value: false },
      { kind: 'undefined' },
      { kind: 'null' },
      { kind: 'number', value: 4294967295 },
      { kind: 'number', value: -2 }, // JS semantics: bitwise ops yield int32
    ]);
  });

  it('follows consts, templates, concatenation and object properties', () => {
    const [d, a, b, c] = probe(`
      const host = "rtc.example.com", port = 8080;
      const cfg = { appId: "0123456789abcdef0123456789abcdef", nested: { room: "r-" + 7 } };
      function f() { const path = \`/ws/\${cfg.nested.room}\`; probe("wss://" + host + ":" + port + path); }
      probe(cfg.appId); probe(cfg["nested"].room); probe({ ...cfg.nested, uid: 5 });
      f();
    `);
    expect(a).toEqual({ kind: 'string', value: '0123456789abcdef0123456789abcdef' });
    expect(b).toEqual({ kind: 'string', value: 'r-7' });
    expect(c).toEqual({ kind: 'object', props: { room: { kind: 'string', value: 'r-7' }, uid: { kind: 'number', value: 5 } } });
    expect(d).toEqual({ kind: 'string', value: 'wss://rtc.example.com:8080/ws/r-7' });
  });

  it('resolves parameters of functions called once, and JSON.stringify', () => {
    const [a, b, c] = probe(`
      function join(channel, uid = 9) { probe(channel); probe(uid); }
      join("lobby");
      const body = { uid: 12, room: "x" };
      probe(JSON.stringify(body));
    `);
    expect(a).toEqual({ kind: 'string', value: 'lobby' });
    expect(b).toEqual({ kind: 'number', value: 9 });
    expect(c).toEqual({ kind: 'string', value: '{"uid":12,"room":"x"}' });
  });

  it('keeps source text for values it cannot know', () => {
    const [a, b, c, d] = probe(`
      let n = 1; n++;
      function twice(x) { probe(x); } twice(1); twice(2);
      probe(n); probe(location.hostname + "/x"); probe(await getToken());
    `);
    expect(a).toEqual({ kind: 'unknown', text: 'x' });
    expect(b).toEqual({ kind: 'unknown', text: 'n' });
    expect(c).toEqual({ kind: 'unknown', text: 'location.hostname + "/x"' });
    expect(d).toEqual({ kind: 'unknown', text: 'await getToken()' });
    expect(isKnown(c!)).toBe(false);
  });

  it('survives cycles and shadowed globals', () => {
    const [a, b] = probe(`
      var a = b, b = a; probe(a);
      function g(String) { probe(String(1)); } g(x => x);
    `);
    expect(a!.kind).toBe('unknown');
    expect(b!.kind).toBe('unknown');
    expect(asString({ kind: 'number', value: 3 })).toBe('3');
  });
});
