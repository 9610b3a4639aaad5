// The measurement device bench/hermes-sparse-bound.mjs counts which sites of the Hermes walk's rounds 1 and 2 a sparse
// re-walk would have to visit. Its figures are only as good as its comparison (identity, exact equality, a literal
// filled in after it was seen) and its def-use propagation (through jumps and block entries, forgotten at loop
// heads and dead code), tested here on hand-made walks; and its patch must leave the built model as it is.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-ignore plain .mjs of the benchmark (no types)
import { SPARSE, SparseBound, compareValues, snapshot } from '../../bench/hermes-sparse-bound.mjs';
// @ts-ignore plain .mjs of the benchmark (no types)
import { patched } from '../../bench/hermes-site-stability.mjs';
// @ts-ignore plain .mjs of the benchmark (no types)
import { digest } from '../../bench/code-model.mjs';

type V = { v: { kind: string; props?: Record<string, unknown>; value?: unknown } } | undefined;
type Row = { walked: number; changedId: number; changed: number; seeds: number; closure: number; calls: number; changedOrCall: number; closureOrCall: number };
interface Bound {
  rounds: Row[];
  byKind: Map<number, number[]>;
  prev: Map<number, unknown>;
  same: unknown;
  reset(): void;
  begin(round: number): void;
  carry(rank: number): void;
  entered(rank: number, live: boolean, regs: V[], forgotten?: number[]): void;
  cleared(regs: V[]): void;
  site(key: number, kind: number, reads: number[], ins: V[], outs: V[], writes: number[]): void;
}
const cmp = compareValues as (a: V[], b: V[], same: (x: NonNullable<V>, y: NonNullable<V>) => boolean) => number;
const snap = snapshot as (x: V) => V;
// A stand-in for sameAbs: same kind and value.
const same = (x: NonNullable<V>, y: NonNullable<V>) => x.v.kind === y.v.kind && JSON.stringify(x.v) === JSON.stringify(y.v);
const num = (value: number): V => ({ v: { kind: 'number', value } });
const bound = (): Bound => new (SparseBound as new (s: unknown) => Bound)(same);
const MOV = 5;
const CALL_N = 26;

describe('hermes-sparse-bound: the comparison', () => {
  it('tells the very object, an equal one and a different one apart', () => {
    const a = num(1);
    expect(cmp([a, undefined], [a, undefined], same)).toBe(0);
    expect(cmp([a], [num(1)], same)).toBe(1);
    expect(cmp([a], [num(2)], same)).toBe(2);
    expect(cmp([a], [undefined], same)).toBe(2);
    expect(cmp([a], [a, a], same)).toBe(2);
  });

  it('keeps a literal as it was: one filled in since is the same object but not the same value', () => {
    const lit: V = { v: { kind: 'object', props: { a: 1 } } };
    const kept = snap(lit);
    expect(cmp([lit], [kept], same)).toBe(0);
    lit!.v.props!.b = 2;
    expect(cmp([lit], [kept], same)).toBe(2);
    // A fresh literal with the properties the kept one had is equal to it, not the same.
    expect(cmp([{ v: { kind: 'object', props: { a: 1 } } }], [kept], same)).toBe(1);
    expect(snap(undefined)).toBeUndefined();
    const n = num(3);
    expect(snap(n)).toBe(n);
  });
});

describe('hermes-sparse-bound: the counts of one walk', () => {
  // Site 1 writes r0 (from something outside the registers), site 2 copies r0 to r1, site 3 reads r2 only.
  function walk(b: Bound, round: number, r0: V, r2: V) {
    b.begin(round);
    b.site(1, MOV, [], [], [r0], [0]);
    b.site(2, MOV, [0], [r0], [r0], [1]);
    b.site(3, CALL_N, [2], [r2], [undefined], [3]);
  }

  it('counts a seed, the sites it reaches, and an unchanged site', () => {
    const b = bound();
    const c = num(7);
    walk(b, 0, num(1), c);
    walk(b, 1, num(1), c);
    expect(b.rounds[1]).toMatchObject({ walked: 3, changedId: 2, changed: 0, seeds: 0, closure: 0 });
    walk(b, 2, num(2), c);
    // Site 1's output changed with its inputs equal (a seed); site 2's input changed; site 3 is untouched, but it is a
    // call, which round 2 emits.
    expect(b.rounds[2]).toMatchObject({ walked: 3, changed: 2, seeds: 1, closure: 2, calls: 1, changedOrCall: 3, closureOrCall: 3 });
  });

  /** Rounds 0 and 1: site 1 writes r0 (5, then 9: a seed), then `rest(b, r0, v)` (v: an unchanged value). */
  function seeded(rest: (b: Bound, r0: V, v: V) => void): Bound {
    const b = bound();
    const v = num(5);
    for (let round = 0; round < 2; round++) {
      b.begin(round);
      const r0 = num(round ? 9 : 5);
      b.site(1, MOV, [], [], [r0], [0]);
      rest(b, r0, v);
    }
    return b;
  }

  it('carries a dirty register through a jump to a block entry, and forgets it at a loop head', () => {
    const b = seeded((b, r0, v) => {
      b.carry(0);
      // Dead code between the jump and its target: the registers are dropped (and with them what is dirty).
      b.cleared([]);
      b.entered(0, false, [r0]);
      // Equal inputs (the meet gave an equal value) but read from a register a changed site wrote: in the closure.
      b.site(2, MOV, [0], [v], [v], [1]);
      b.carry(1);
      b.entered(1, true, [r0, undefined], [1]);
      b.site(3, MOV, [1], [undefined], [undefined], [2]);
    });
    expect(b.rounds[1]).toMatchObject({ walked: 3, changed: 1, seeds: 1, closure: 2 });
  });

  it('drops what is dirty with the registers the walk drops, and keeps it with the registers it keeps', () => {
    for (const kept of [false, true]) {
      const b = seeded((b, r0, v) => {
        b.cleared(kept ? [r0] : []);
        b.site(2, MOV, [0], [v], [v], [1]);
      });
      expect(b.rounds[1]).toMatchObject({ walked: 2, changed: 1, closure: kept ? 2 : 1 });
    }
  });

  it('does not count round 0, and resets', () => {
    const b = bound();
    walk(b, 0, num(1), num(2));
    expect(b.rounds[0].walked).toBe(0);
    expect(b.prev.size).toBe(3);
    b.reset();
    expect(b.prev.size).toBe(0);
  });
});

const MODEL = fileURLToPath(new URL('../../dist/scanner/formats/hermes/model.js', import.meta.url));
const APP = fileURLToPath(new URL('../../samples/hermes-rn/dist/app.hbc', import.meta.url));

// dist/ comes from `npm run build`.
describe.skipIf(!existsSync(MODEL))('hermes-sparse-bound: the patched walk', () => {
  it('finds every anchor once, builds the same model, and counts within what it walked', async () => {
    const g = globalThis as { __sparseBound?: Bound };
    const b = (g.__sparseBound = bound());
    const m = await (patched as (p: unknown, tag: string) => Promise<{ tmp: string; parseHermes: Function; opcodeTable: Function; buildHermesModel: Function }>)(SPARSE, 'sparse-test');
    try {
      const { buildHermesModel } = await import('../../dist/scanner/formats/hermes/model.js');
      const { parseHermes } = await import('../../dist/scanner/formats/hermes/parse.js');
      const { opcodeTable } = await import('../../dist/scanner/formats/hermes/opcodes.js');
      const data = readFileSync(APP);
      const file = parseHermes(data, { maxStrings: 1e7 });
      const ctx = { data, header: file.header, layout: file.layout, table: opcodeTable(file.header.version) };
      b.reset();
      const counted = m.buildHermesModel(ctx, file, {});
      // The patch hands the walk's own exact comparison to the counter.
      expect(b.same).not.toBe(same);
      expect(digest(counted)).toBe(digest(buildHermesModel(ctx, file, {})));
      for (const round of [1, 2]) {
        const r = b.rounds[round]!;
        expect(r.walked).toBeGreaterThan(0);
        expect(r.changed).toBeLessThanOrEqual(r.changedId);
        expect(r.seeds).toBeLessThanOrEqual(r.changed);
        expect(r.changed).toBeLessThanOrEqual(r.closure);
        expect(r.closure).toBeLessThanOrEqual(r.walked);
      }
      // Round 2 emits: it has call sites; round 1 counts none.
      expect(b.rounds[2]!.calls).toBeGreaterThan(0);
      expect(b.rounds[1]!.calls).toBe(0);
    } finally {
      rmSync(m.tmp, { recursive: true, force: true });
    }
  });
});
