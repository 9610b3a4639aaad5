// A cleartext literal whose URL object never leaves its function (a URL feature test) does not keep library code
// parsed (elide.ts, containedUrlLiteral); every other use of such a literal does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containedUrlLiteral } from './elide.js';
import { outlineScript } from './outline.js';

/** Whether each cleartext literal (`http:`/`ws:` start) of a script is contained, in source order. */
function contained(code: string): Array<[string, boolean]> {
  const outline = outlineScript(code);
  return outline.strings.filter((s) => s.kind === 'literal' && !s.compared && /^(?:http|ws):/.test(s.value)).map((s) => [s.value, containedUrlLiteral(code, outline, s.start, s.end)]);
}

describe('containedUrlLiteral', () => {
  it("holds for core-js's URL feature test as SendBird's build ships it", () => {
    // sendbird-calls bundles core-js; its URL detection builds URLs from "http://a", "http://тест", "http://a#б", "http://x".
    const code = readFileSync(join(process.cwd(), 'node_modules/sendbird-calls/SendBirdCall.min.js'), 'utf8');
    const at = code.indexOf('"b?a=1&b=2&c=3","http://a"');
    expect(at).toBeGreaterThan(0);
    const open = code.lastIndexOf('function(){', at);
    const end = code.indexOf('"http://x",void 0).host})', at);
    expect(open).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(at);
    const test = code.slice(open, end + 24);
    const found = contained(`var r = !f(${test});`);
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(found.every(([, c]) => c)).toBe(true);
  });

  it('holds for schemeless parts and compared scheme parts', () => {
    expect(contained('function f() { return new URL("http://a#b").hash !== "#b" || new URL("ws://x").origin === "ws://x"; }')).toEqual([
      ['http://a#b', true],
      ['ws://x', true],
    ]);
    expect(contained('function f() { var u = new URL("p?q=1", "http://a"); return "http://a/" !== u.href || "x" !== u.host; }')[0]).toEqual(['http://a', true]);
    expect(contained('function f() { var u = new URL("p?q=1", "http://a"); u.pathname = "c"; return u.href !== "http://a/c" || u.searchParams.get("q"); }')[0]).toEqual(['http://a', true]);
    // core-js 3.2x tests `toJSON` for presence (as shipped in a CRA build with agora-rtc-sdk-ng's webpack module).
    expect(contained('function f() { var e = new URL("b?a=1&b=2&c=3", "http://a"), t = e.searchParams, n = ""; return e.pathname = "c%20d", !e.toJSON || !t.sort || "http://a/c%20d?a=1&c=3" !== e.href; }')[0]).toEqual(['http://a', true]);
  });

  it('skips functions nested in it whose parameter takes the same name (minifiers reuse names)', () => {
    expect(contained('function f() { var u = new URL("http://a"); [1].forEach(function (u, i) { send(u); }); g((u) => { send(u); }); return u.host; }')).toEqual([['http://a', true]]);
  });

  it('does not hold when the URL can leave its function', () => {
    for (const code of [
      'function f(uid) { var u = new URL("http://a"); u.search = "uid=" + uid; fetch(u); }', // passed to a sink
      'function f() { var u = new URL("http://a"); return u; }', // returned
      'function f() { return new URL("http://a").href; }', // the scheme-bearing part, not compared
      'function f() { return "x" !== new URL("http://a").href.slice(0) + send(new URL("http://b").href); }', // built on, sent
      'function f() { return new URL("http://a").toString(); }',
      'function f() { var u = new URL("http://a"); return !u.toJSON() || send(u); }', // negated, but also sent
      'function f() { var u = new URL("http://a"); return !u.toString().length; }', // built on before the negation applies
      'function f(g) { var t; g(t = new URL("http://a")); }', // an assignment used as an argument
      'function f(h) { return new URL("http://" + h); }', // built on
      'function f(p) { return new URL(p, "http://a"); }', // the base of an unknown input
      'var u = new URL("http://a"); u.hash !== "";', // no function around it
      'function f() { var u = new URL("http://a"), v = u; return v; }', // aliased
      'function f() { var u = new URL("http://a"); return { u }; }',
      'function f() { var u = new URL("http://a"); function g() { send(u); } return u.host; }', // a closure sends it
      'function f() { var u = new URL("http://a"); g((u) => send(u)); return u.host; }', // an expression-bodied arrow's parameter is not read: conservative
      'function f() { ws = new WebSocket("ws://a"); }',
    ]) {
      expect(contained(code).some(([, c]) => c), code).toBe(false);
    }
  });
});
