// The measurement device bench/hermes-call-cost.mjs wraps one function of the compiled Hermes model so that each call
// counts and, on request, runs twice. What it measures is only as good as the wrapper: same result, one count per
// call, the extra run only when asked, and a refusal (not a silent wrong patch) when the function is not found once.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-ignore plain .mjs of the benchmark (no types)
import { doubleCalls } from '../../bench/hermes-call-cost.mjs';

const MODEL = fileURLToPath(new URL('../../dist/scanner/formats/hermes/model.js', import.meta.url));
const wrap = doubleCalls as (src: string, name: string, twice: boolean) => string;

/** Evaluates a patched source that defines `name` and returns it, with the counter of the wrapped function. */
function load(src: string, name: string, wrapped = name): { fn: (...a: unknown[]) => unknown; counts: Record<string, number> } {
  const counts: Record<string, number> = { [wrapped]: 0 };
  const g = globalThis as { __callCost?: Record<string, number> };
  g.__callCost = counts;
  const fn = new Function(`${src}\nreturn ${name};`)() as (...a: unknown[]) => unknown;
  return { fn, counts };
}

const SRC = ['let runs = 0;', 'function pick(a, b) {', '    runs++;', '    return { a, b, runs };', '}'].join('\n');

describe('hermes-call-cost: the wrapper of one function', () => {
  it('keeps the result, counts each call, and runs the body twice only when asked', () => {
    const once = load(wrap(SRC, 'pick', false), 'pick');
    expect(once.fn(1, 2)).toEqual({ a: 1, b: 2, runs: 1 });
    expect(once.fn(3, 4)).toEqual({ a: 3, b: 4, runs: 2 });
    expect(once.counts.pick).toBe(2);
    const twice = load(wrap(SRC, 'pick', true), 'pick');
    // The result returned is the second run's (the first is dropped): the body ran twice per call.
    expect(twice.fn(1, 2)).toEqual({ a: 1, b: 2, runs: 2 });
    expect(twice.fn(3, 4)).toEqual({ a: 3, b: 4, runs: 4 });
    expect(twice.counts.pick).toBe(2);
  });

  it('keeps the indentation of a function nested in another', () => {
    const nested = ['function outer() {', '    function inner(x) {', '        return x + 1;', '    }', '    return inner;', '}'].join('\n');
    const out = wrap(nested, 'inner', true);
    expect(out).toContain('    function inner(x) {\n        globalThis.__callCost["inner"]++;\n        inner__once(x);\n        return inner__once(x);\n    }\n    function inner__once(x) {');
    const { fn, counts } = load(out, 'outer', 'inner');
    expect((fn() as (x: number) => number)(41)).toBe(42);
    expect(counts.inner).toBe(1);
  });

  it('refuses a function it does not find exactly once, or whose parameters it cannot pass on', () => {
    expect(() => wrap(SRC, 'absent', false)).toThrow(/found 0 times/);
    expect(() => wrap(`${SRC}\n${SRC.replace('let runs = 0;', '')}`, 'pick', false)).toThrow(/found 2 times/);
    expect(() => wrap('function f(a = 1) {\n}', 'f', false)).toThrow(/not plain names/);
    expect(() => wrap('function f({ a }) {\n}', 'f', false)).toThrow(/not plain names/);
  });

  // dist/ comes from `npm run build`.
  it.skipIf(!existsSync(MODEL))('finds the functions it is meant for in the built model, once each', () => {
    const src = readFileSync(MODEL, 'utf8');
    for (const name of ['memberOf', 'meet', 'sameAbs', 'fieldRead']) expect(() => wrap(src, name, true)).not.toThrow();
  });
});
