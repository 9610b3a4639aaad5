// The ceiling of a sparse re-walk of the Hermes walk's rounds 1 and 2 (issue #15, the Hermes model's speed), counted
// before building it. Every round walks the same instructions of a function in the same order
// (scanner/formats/hermes/model.ts), so an instruction is a *site* (function, offset) and each round visits it once.
// A sparse round would visit only the sites whose inputs changed since the round before. For every site of rounds 1
// and 2 this device records what the current (dense) walk sees:
//   - its register inputs: the register operands it reads (operand 0 too unless it only writes it; a call's argument
//     window and `this`), as they are when its handler runs (after the block entry's meet);
//   - its register outputs: its register operands after the handler;
// and compares both with what the same site saw the last time it was walked. Counts per round:
//   - walked: the sites the dense round visits (the functions `run` walks in that round);
//   - changed (===): an input or output that is not the very object of last time: what a sparse round must visit
//     when "unchanged" is one identity comparison (values as ids);
//   - changed (equal): an input or output that the meet's exact comparison (`sameAbs`) does not call equal: the fewest
//     visits of a sparse round with an exact comparison and a cut-off (a visit whose outputs came out equal stops there);
//   - seeds: inputs equal, outputs not: something outside the registers changed (a slot, a summary, an export, a
//     memo, a resumed generator's awaited value): what a work list must be seeded with;
//   - closure: the seeds and changed sites plus every site that reads a register one of them wrote, transitively within
//     the function's round, with def-use links through block entries (a register is "dirty" after a block entry when
//     it is on any way in, and clean when a loop head forgets it): a sparse round without the cut-off;
//   - + calls: round 2 emits every call, so a sparse round 2 visits the call sites as well (unless round 1 kept the
//     calls it would emit).
// The ceiling on the walk is T / (T0 + T1·v1 + T2·v2), where Tr is round r's CPU (timers around each round, the median
// of the last 5 of 10 builds, in a second copy that only times) and vr the share of round r's sites a sparse round
// visits: the same cost per visit, and nothing for the work list. The device checks that its counting copy builds the
// model the plain build does (the bench's digest).
//   node --max-inlined-bytecode-size-cumulative=150 --interrupt-budget=600000 bench/hermes-sparse-bound.mjs [FILE.hbc…]
//   (needs dist/: npm run build; default: the bench's Hermes inputs)
import { readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { KINDS, ROUNDS, patched } from './hermes-site-stability.mjs';

const K = (name) => {
  const k = KINDS.indexOf(name);
  if (k < 0) throw new Error(`no kind ${name}`);
  return k;
};
const CALL_KINDS = ['CallN', 'Call', 'Construct', 'CallDirect'].map(K);

/**
 * What a site saw, kept for the next round: an object literal's value is filled in place by the stores that follow
 * (writeProp), so it is kept as a copy of its properties as they were (`of`: the value itself, for identity).
 */
export function snapshot(x) {
  if (x === undefined || x.v?.kind !== 'object') return x;
  const s = Object.assign(Object.create(Object.getPrototypeOf(x)), x);
  s.v = { ...x.v, props: { ...x.v.props } };
  s.of = x;
  return s;
}

/** 0: every pair the very object; 1: every pair equal by `same`; 2: a pair differs (or the lists do). `b` is kept (snapshot). */
export function compareValues(a, b, same) {
  if (a.length !== b.length) return 2;
  let cat = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y || (y?.of !== undefined && x === y.of && sameProps(x, y))) continue;
    if (x === undefined || y === undefined || !same(x, y)) return 2;
    cat = 1;
  }
  return cat;
}
/** The very object, and its properties the ones it had then (a literal filled in since is not the same). */
function sameProps(x, y) {
  const a = x.v.props;
  const b = y.v.props;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

/**
 * The counter the patched walk reports to. Per function walk: `begin(round)`; `carry(rank)` at each jump (the dirty
 * registers travel with the state); `entered(rank, live, regs, forgotten)` after a block entry's meet; `cleared(regs)`
 * after the walk drops registers (dead code, a catch); `site(…)` after each handler.
 */
export class SparseBound {
  constructor(same) {
    this.same = same;
    this.reset();
  }
  reset() {
    this.prev = new Map();
    this.rounds = [0, 1, 2].map(() => ({ walked: 0, changedId: 0, changed: 0, seeds: 0, closure: 0, calls: 0, changedOrCall: 0, closureOrCall: 0 }));
    this.byKind = new Map();
    this.round = 0;
    this.dirty = [];
    this.pend = [];
  }
  begin(round) {
    this.round = round;
    this.dirty = [];
    this.pend = [];
  }
  carry(rank) {
    (this.pend[rank] ??= []).push(this.dirty.slice());
  }
  entered(rank, live, regs, forgotten) {
    const ins = this.pend[rank] ?? [];
    this.pend[rank] = undefined;
    if (live) ins.push(this.dirty);
    const d = [];
    for (const s of ins) for (let r = 0; r < s.length; r++) if (s[r]) d[r] = true;
    // A loop head forgets what the body writes: those registers are unknown whatever came in.
    if (forgotten) for (const r of forgotten) if (regs[r] === undefined) d[r] = false;
    this.dirty = d;
  }
  cleared(regs) {
    const d = this.dirty;
    for (let r = 0; r < d.length; r++) if (d[r] && regs[r] === undefined) d[r] = false;
  }
  /** A site's visit: `ins` the values of registers `reads`, `outs` its register operands after, `writes` what it wrote. */
  site(key, kind, reads, ins, outs, writes) {
    const p = this.prev.get(key);
    this.prev.set(key, { ins: ins.map(snapshot), outs: outs.map(snapshot) });
    let dirty = false;
    for (let i = 0; i < reads.length; i++) if (this.dirty[reads[i]]) dirty = true;
    if (this.round === 0) {
      for (const w of writes) this.dirty[w] = false;
      return;
    }
    const ci = p ? compareValues(ins, p.ins, this.same) : 2;
    const co = p ? compareValues(outs, p.outs, this.same) : 2;
    const changed = ci === 2 || co === 2;
    const inClosure = changed || dirty;
    for (const w of writes) this.dirty[w] = inClosure;
    const row = this.rounds[this.round];
    const call = this.round === 2 && CALL_KINDS.includes(kind);
    row.walked++;
    if (ci > 0 || co > 0) row.changedId++;
    if (changed) row.changed++;
    if (ci < 2 && co === 2) row.seeds++;
    if (inClosure) row.closure++;
    if (call) row.calls++;
    if (changed || call) row.changedOrCall++;
    if (inClosure || call) row.closureOrCall++;
    // By kind: walked, changed (===), changed (equal), seeds, closure.
    let k = this.byKind.get(kind);
    if (!k) this.byKind.set(kind, (k = [0, 0, 0, 0, 0]));
    k[0]++;
    if (ci > 0 || co > 0) k[1]++;
    if (changed) k[2]++;
    if (ci < 2 && co === 2) k[3]++;
    if (inClosure) k[4]++;
  }
}

/** [anchor, replacement] in the compiled model.js: the walk reports each site to `globalThis.__sparseBound`. */
export const SPARSE = [
  ['function makeBuilder() {', 'const SB = globalThis.__sparseBound;\nSB.same = sameAbs;\nfunction makeBuilder() {'],
  [
    '    const handlers = [];\n',
    `    const handlers = [];
    const sbRegOps = (at, op) => {
        const out = [];
        for (let i = 0; i < op.types.length; i++)
            if (op.types[i] === 'Reg8' || op.types[i] === 'Reg32')
                out.push(readOperand(data, at, op, i));
        return out;
    };
    const sbReads = (at, op, c, ops) => {
        const out = c.writes0 ? ops.slice(1) : ops.slice();
        const thisReg = wFn.frameSize - thisOffset;
        if (c.kind === ${K('Call')} || c.kind === ${K('Construct')} || c.kind === ${K('CallDirect')}) {
            const n = Math.min(readOperand(data, at, op, c.kind === ${K('CallDirect')} ? 1 : 2) - 1, thisReg);
            out.push(thisReg);
            for (let i = 0; i < n; i++)
                out.push(thisReg - 1 - i);
        }
        else if (c.kind === ${K('CallBuiltin')}) {
            for (let i = 0; i < 4 && thisReg - i >= 0; i++)
                out.push(thisReg - i);
            out.push(fastApplyReg);
        }
        return out;
    };
`,
  ],
  ['        wEmit = round === 2;\n', '        wEmit = round === 2;\n        SB.begin(round);\n'],
  [
    '                if (mark !== 0)\n                    enter(at, mark - 1);\n                else\n                    clear(at);\n',
    '                if (mark !== 0)\n                    enter(at, mark - 1), SB.entered(mark - 1, live, regs, wShape.loopWrites?.get(at));\n                else\n                    clear(at), SB.cleared(regs);\n',
  ],
  ['            else if (c.kind === 33 /* K.Catch */)\n                clear(at);\n', '            else if (c.kind === 33 /* K.Catch */)\n                clear(at), SB.cleared(regs);\n'],
  [
    '            handlers[c.kind](at, op, c);\n',
    `            const sbOps = sbRegOps(at, op);
            const sbIn = sbReads(at, op, c, sbOps);
            const sbInV = sbIn.map((r) => regs[r]);
            const sbBefore = sbOps.map((r) => regs[r]);
            handlers[c.kind](at, op, c);
            const sbOut = sbOps.map((r) => regs[r]);
            const sbW = sbOps.filter((r, i) => (i === 0 && c.writes0) || sbOut[i] !== sbBefore[i]);
            SB.site(fn.index * 0x100000000 + (at - fn.offset), c.kind, sbIn, sbInV, sbOut, sbW);
`,
  ],
  ['        const rank = wShape.targets[wShape.base - wFn.offset + to] - 1;\n', '        const rank = wShape.targets[wShape.base - wFn.offset + to] - 1;\n        SB.carry(rank);\n'],
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const label = (f) => (resolve(f).startsWith(root) ? resolve(f).slice(root.length + 1) : basename(f));
const pct = (x, n) => `${((100 * x) / n).toFixed(1)}%`;

async function main() {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const { hermesInputs, digest } = await import('./code-model.mjs');
  if (!files.length) files.push(...hermesInputs(root, join(root, '.bench')).map((h) => h.path));
  const { defaultRulePack } = await import(pathToFileURL(join(root, 'dist/scanner/rules/pack.js')).href);
  const { buildHermesModel } = await import(pathToFileURL(join(root, 'dist/scanner/formats/hermes/model.js')).href);
  const rules = defaultRulePack();
  const sb = (globalThis.__sparseBound = new SparseBound(undefined));
  const counting = await patched(SPARSE, 'sparse');
  const timing = await patched(ROUNDS, 'rounds');
  try {
    for (const f of files) {
      const data = readFileSync(f);
      const file = counting.parseHermes(data, { maxStrings: 1e7 });
      const ctx = { data, header: file.header, layout: file.layout, table: counting.opcodeTable(file.header.version) };
      sb.reset();
      const model = counting.buildHermesModel(ctx, file, { rules });
      if (digest(model) !== digest(buildHermesModel(ctx, file, { rules }))) throw new Error(`${basename(f)}: the counting copy builds another model`);
      const R = globalThis.__roundTimes;
      const per = [];
      for (let i = 0; i < 10; i++) {
        R.t = [0, 0, 0];
        timing.buildHermesModel(ctx, file, { rules });
        per.push(R.t.slice());
      }
      const t = [0, 1, 2].map((k) => per.slice(5).map((x) => x[k]).sort((a, b) => a - b)[2]);
      const total = t[0] + t[1] + t[2];
      const [, r1, r2] = sb.rounds;
      const ceiling = (field) => total / (t[0] + (t[1] * r1[field]) / r1.walked + (t[2] * r2[field]) / r2.walked);
      console.log(`${label(f)}: rounds 0/1/2 ${t.map((x) => (x / 1000).toFixed(0)).join('/')} ms (${t.map((x) => pct(x, total)).join(' / ')}); ` + `round 1/2 sites walked ${r1.walked}/${r2.walked}, ${((t[1] / r1.walked) * 1000).toFixed(0)}/${((t[2] / r2.walked) * 1000).toFixed(0)} ns per visit`);
      for (const [name, field] of [
        ['changed (===)', 'changedId'],
        ['changed (equal)', 'changed'],
        ['  of which seeds', 'seeds'],
        ['closure', 'closure'],
        ['changed (equal) + round 2 calls', 'changedOrCall'],
        ['closure + round 2 calls', 'closureOrCall'],
      ]) {
        const c = name.startsWith('  ') ? '' : `; walk ×${ceiling(field).toFixed(2)} at most`;
        console.log(`  ${name}: round 1 ${r1[field]} (${pct(r1[field], r1.walked)}), round 2 ${r2[field]} (${pct(r2[field], r2.walked)})${c}`);
      }
      const top = (col, n) => [...sb.byKind].filter(([, r]) => r[col] > 0).sort((a, b) => b[1][col] - a[1][col]).slice(0, n);
      const kinds = (rows, cols) => rows.map(([k, r]) => `${KINDS[k] ?? k} ${cols.map((c) => r[c]).join('/')}`).join(', ');
      console.log(`  by kind, rounds 1+2 (walked/changed ===/changed equal/closure): ${kinds(top(0, 8), [0, 1, 2, 4])}`);
      console.log(`  seeds by kind: ${kinds(top(3, 6), [3])}`);
    }
  } finally {
    rmSync(counting.tmp, { recursive: true, force: true });
    rmSync(timing.tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
