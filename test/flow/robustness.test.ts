// The analysis must never throw or hang: deeply nested and cyclic trees, missing locations, lying API call
// positions, truncated and corrupted variants of the real fixtures, and large generated bundles.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as t from '@babel/types';
import type { ApiCallFact, Notice } from '../../scanner/core/facts.js';
import { analyzeFlows, classifySink } from '../../scanner/formats/js/flow/index.js';
import { loadRulePack } from '../../scanner/rules/pack.js';
import { labelledFiles, parseFixture } from './precision.mjs';

const rules = loadRulePack();
const fixtures = labelledFiles(join(import.meta.dirname, 'fixtures'));

// ---- tiny builders for synthetic trees (Babel itself overflows its stack past ~1,000 nesting levels)
const loc = (line: number) => ({ start: { line, column: 0, index: 0 }, end: { line, column: 1, index: 1 }, filename: '', identifierName: undefined });
const id = (name: string, line = 1) => ({ type: 'Identifier', name, loc: loc(line) }) as unknown as t.Identifier;
const str = (value: string, line = 1) => ({ type: 'StringLiteral', value, loc: loc(line) }) as unknown as t.StringLiteral;
const plus = (left: t.Expression, right: t.Expression, line = 1) =>
  ({ type: 'BinaryExpression', operator: '+', left, right, loc: loc(line) }) as unknown as t.BinaryExpression;
const call = (callee: t.Expression, args: t.Expression[], line = 1) =>
  ({ type: 'CallExpression', callee, arguments: args, loc: loc(line) }) as unknown as t.CallExpression;
const stmt = (expression: t.Expression, line = 1) => ({ type: 'ExpressionStatement', expression, loc: loc(line) }) as unknown as t.Statement;
const fn = (params: string[], body: t.Statement[], line = 1) =>
  ({ type: 'FunctionDeclaration', id: id('f', line), params: params.map((p) => id(p, line)), body: { type: 'BlockStatement', body, directives: [], loc: loc(line) }, loc: loc(line) }) as unknown as t.FunctionDeclaration;
const file = (body: t.Statement[]) => ({ type: 'File', program: { type: 'Program', body, directives: [], sourceType: 'module', loc: loc(1) }, loc: loc(1) }) as unknown as t.File;

function run(ast: t.File, code = '', apiCalls: ApiCallFact[] = [], limits = {}) {
  const notices: Notice[] = [];
  const started = performance.now();
  const flows = analyzeFlows(ast, code, { rules, apiCalls, notices, limits });
  return { flows, notices, ms: performance.now() - started };
}

const DEPTH = 50_000;

describe('deep nesting', () => {
  it('follows a 50,000-operand left-deep concatenation without recursion', () => {
    let e: t.Expression = str('http://api.example.com/?');
    for (let i = 0; i < DEPTH; i++) e = plus(e, str('a'));
    e = plus(e, id('uid', 2), 2);
    const { flows, notices, ms } = run(file([fn(['uid'], [stmt(call(id('fetch', 3), [e], 3), 3)])]));
    expect(notices).toEqual([]);
    expect(flows.map((f) => [f.identifier, classifySink(f.sink), f.steps.at(-1)!.line])).toEqual([['uid', 'cleartext', 3]]);
    expect(ms).toBeLessThan(20_000);
  });

  it('stops at the nesting limit on 50,000 right-nested concatenations and says so', () => {
    let e: t.Expression = id('uid');
    for (let i = 0; i < DEPTH; i++) e = plus(str('a'), e);
    const { flows, notices } = run(file([fn(['uid'], [stmt(call(id('fetch'), [plus(str('http://h/'), e)]))])]));
    expect(notices.map((n) => n.id)).toContain('js-flow/deep-nesting');
    expect(flows).toEqual([]);
  });

  it('handles 50,000 nested blocks and if statements', () => {
    let s: t.Statement = stmt(call(id('fetch'), [plus(str('http://h/'), id('uid'))]));
    for (let i = 0; i < DEPTH; i++) {
      s = i % 2
        ? ({ type: 'BlockStatement', body: [s], directives: [], loc: loc(1) } as unknown as t.Statement)
        : ({ type: 'IfStatement', test: id('x'), consequent: s, alternate: null, loc: loc(1) } as unknown as t.Statement);
    }
    const { notices } = run(file([fn(['uid'], [s])]));
    expect(notices.map((n) => n.id)).toContain('js-flow/deep-nesting');
  });

  it('follows 50,000 nested closures (each function is analysed from the queue, not recursively)', () => {
    let body: t.Expression = call(id('fetch', 9), [plus(str('http://h.example.com/'), id('uid', 9), 9)], 9);
    for (let i = 0; i < DEPTH; i++) {
      body = { type: 'ArrowFunctionExpression', params: [], body, async: false, generator: false, loc: loc(2) } as unknown as t.Expression;
    }
    const { flows, notices, ms } = run(file([fn(['uid'], [stmt(body, 2)])]));
    expect(notices).toEqual([]);
    expect(flows.map((f) => [f.identifier, classifySink(f.sink), f.steps.at(-1)!.line])).toEqual([['uid', 'cleartext', 9]]);
    expect(ms).toBeLessThan(30_000);
  });
});

describe('malformed trees', () => {
  it('terminates on a cyclic tree', () => {
    const obj = { type: 'ObjectExpression', properties: [] as unknown[], loc: loc(1) };
    obj.properties.push({ type: 'ObjectProperty', key: id('userId'), value: obj, computed: false, shorthand: false });
    const ast = file([fn(['uid'], [stmt(call(id('fetch'), [str('http://h/'), obj as unknown as t.Expression]))])]);
    const { notices } = run(ast);
    expect(notices.map((n) => n.id).filter((i) => i !== 'js-flow/deep-nesting')).toEqual([]);
  });

  it('gives every step a position even when nodes have no location', () => {
    const strip = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      delete (n as { loc?: unknown }).loc;
      for (const v of Object.values(n)) Array.isArray(v) ? v.forEach(strip) : strip(v);
    };
    const ast = file([fn(['uid'], [stmt(call(id('fetch'), [plus(str('http://h.example.com/'), id('uid'))]))])]);
    strip(ast);
    const { flows } = run(ast);
    expect(flows).toHaveLength(1);
    for (const s of flows[0]!.steps) expect([s.line, s.column]).toEqual([1, 1]);
  });

  it('ignores API call facts whose positions match nothing, with a notice', () => {
    const code = readFileSync(fixtures.find((f) => f.endsWith('sink-rtc.js'))!, 'utf8');
    const ast = parseFixture(code) as t.File;
    const bad: ApiCallFact[] = [
      { vendor: 'agora', api: 'web-join', kind: 'join', args: {}, callee: 'client.join', inVendorCode: false, line: 1e9, column: 1 },
      { vendor: 'agora', api: 'web-join', kind: 'join', args: {}, callee: 'client.join', inVendorCode: false, line: -4, column: Number.NaN },
      { vendor: 'no-such-vendor', api: 'x', kind: 'join', args: {}, callee: 'x', inVendorCode: false, line: 10, column: 9 },
      { vendor: 'agora', api: 'no-such-api', kind: 'join', args: {}, callee: 'x', inVendorCode: false, line: 10, column: 9 },
      { vendor: 'agora', api: 'web-join', kind: 'join', args: {}, callee: 'x', inVendorCode: false },
    ];
    const { flows, notices } = run(ast, code, bad);
    expect(notices.map((n) => n.id)).toEqual(['js-flow/api-call-unmatched']);
    expect(notices[0]!.message).toMatch(/^4 vendor API call/);
    // Named sources still work; the rtc-arg ones need the API call.
    expect(flows.some((f) => f.sourceKind === 'named')).toBe(true);
    expect(flows.some((f) => f.sourceKind === 'rtc-arg')).toBe(false);
  });

  it('stops at the step budget with a notice and keeps earlier flows', () => {
    const code = readFileSync(fixtures.find((f) => f.endsWith('sink-fetch.js'))!, 'utf8');
    const { flows, notices } = run(parseFixture(code) as t.File, code, [], { hardOps: 20 });
    expect(notices.map((n) => n.id)).toContain('js-flow/budget');
    expect(Array.isArray(flows)).toBe(true);
  });

  it('never throws on truncated fixtures', () => {
    let parsed = 0;
    for (const f of fixtures) {
      const code = readFileSync(f, 'utf8');
      for (let k = 1; k < 12; k++) {
        const cut = code.slice(0, Math.floor((code.length * k) / 12));
        let ast: t.File;
        try {
          ast = parseFixture(cut) as t.File;
        } catch {
          continue; // not even error-recoverable: the reader reports that, the analysis never sees it
        }
        parsed++;
        const lines = cut.split('\n').length;
        const { flows, notices } = run(ast, cut);
        expect(notices.filter((n) => n.id === 'js-flow/internal')).toEqual([]);
        for (const fl of flows) for (const s of fl.steps) expect(s.line).toBeLessThanOrEqual(lines);
      }
    }
    expect(parsed).toBeGreaterThan(20);
  });

  it('never throws on corrupted trees (fields replaced by wrong types, seeded)', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const junk = [null, undefined, 0, -1, 'x', {}, [], { type: 'Bogus' }, { type: 'Identifier' }, [null, { type: 'CallExpression' }]];
    let internal = 0;
    let runs = 0;
    for (const f of fixtures) {
      const code = readFileSync(f, 'utf8');
      for (let v = 0; v < 12; v++) {
        const ast = parseFixture(code) as t.File;
        const all: Record<string, unknown>[] = [];
        const stack: unknown[] = [ast.program];
        while (stack.length) {
          const n = stack.pop() as Record<string, unknown>;
          if (!n || typeof n !== 'object') continue;
          all.push(n);
          for (const [k, x] of Object.entries(n)) if (k !== 'loc') (Array.isArray(x) ? x : [x]).forEach((c) => c && typeof c === 'object' && stack.push(c));
        }
        for (let m = 0; m < 8; m++) {
          const n = all[Math.floor(rnd() * all.length)]!;
          const keys = Object.keys(n).filter((k) => k !== 'type' && k !== 'loc');
          if (keys.length) n[keys[Math.floor(rnd() * keys.length)]!] = junk[Math.floor(rnd() * junk.length)];
        }
        const { flows, notices } = run(ast, code);
        runs++;
        expect(Array.isArray(flows)).toBe(true);
        if (notices.some((n) => n.id === 'js-flow/internal')) internal++;
      }
    }
    expect(runs).toBe(fixtures.length * 12);
    // Corruption may end one file's analysis early (reported as a notice), but must not escape as an exception.
    expect(internal).toBeLessThan(runs);
  });
});

describe('large inputs', () => {
  it('analyses a generated 20,000-function call chain and mutual recursion in bounded time', () => {
    const n = 20_000;
    const parts = ['function f0(uid) { f1(uid); g(uid); }'];
    for (let i = 1; i < n; i++) parts.push(`function f${i}(x) { return f${i + 1}(x) + f0(x); }`);
    parts.push(`function f${n}(x) { return fetch('http://deep.example.com/' + x); }`);
    parts.push('function g(a) { return h(a); } function h(b) { fetch("http://loop.example.com/" + b); return g(b); }');
    const code = parts.join('\n');
    const { flows, notices, ms } = run(parseFixture(code) as t.File, code);
    expect(notices.filter((x) => x.id === 'js-flow/internal')).toEqual([]);
    // Inlining is depth-limited, so the far end of the chain is not reached from f0, but the mutual recursion is.
    expect(flows.some((f) => f.identifier === 'uid' && f.sink.host === 'loop.example.com')).toBe(true);
    expect(ms).toBeLessThan(30_000);
  });

  it('analyses a 2 MB generated bundle of small modules in bounded time', () => {
    const mods: string[] = [];
    for (let i = 0, size = 0; size < 2_000_000; i++, size += mods[mods.length - 1]!.length) {
      mods.push(
        `${i}: function(e, t, n) { var r = n(${i + 1}); function a(o) { var s = { id: o, k: "${i}" }; return r.x(s) || JSON.stringify(s); }` +
          ` t.run${i} = function(userId) { var c = a(userId); if (c) { fetch("https://m${i}.example.com/" + c); } return c; }; },`,
      );
    }
    const code = `(self.webpackChunk = self.webpackChunk || []).push([[1], {\n${mods.join('\n')}\n}]);`;
    const ast = parseFixture(code) as t.File;
    const { flows, notices, ms } = run(ast, code);
    expect(notices.filter((x) => x.id === 'js-flow/internal')).toEqual([]);
    expect(flows.length).toBeGreaterThan(1000);
    expect(flows.every((f) => classifySink(f.sink) === 'https')).toBe(true);
    expect(ms).toBeLessThan(60_000);
  });
});
