// What rounds 1 and 2 of the Hermes walk recompute that round 0 (or the round before) already had (issue #15, the
// Hermes model's speed). Every round walks the same instructions of a function in the same order
// (scanner/formats/hermes/model.ts), so an instruction is a *site*: (function, offset). For every register an
// instruction writes (operand 0, the instructions whose class says `writes0`), this compares the value a later round
// writes with the value the same site wrote in the round before:
//   - same: the very object (`===`): values the walk shares already (constants, parameters, modules, memoised reads);
//   - equal: another object that the meet's comparison calls equal (`sameAbs`): made afresh, structurally the same;
//   - differ: anything else (a slot that now holds more, a call result whose text changed, an object literal).
// "equal + same" is the share of later-round writes a domain of values interned per site (or a sparse re-walk that
// propagates only changed values) would not recompute; the rest must be. Per opcode kind (the walk's K enum, named
// here), the largest first. Round shares of CPU (`--rounds`): a copy patched only with timers around each round,
// median of the last 5 of 10 builds (run node with the CLI's V8 flags, scanner/cli/v8-flags.ts, to time what a scan
// runs).
// It is a measurement device: it patches a temporary copy of dist/scanner/formats/hermes/model.js (every anchor must
// match: it stops when one does not, e.g. after model.ts changed), so the walk and its output are the build's own.
//   node bench/hermes-site-stability.mjs [--rounds] [FILE.hbc…]   (needs dist/: npm run build; default: the bench's Hermes inputs)
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hermesInputs } from './code-model.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// The names of the walk's K enum, in its order (model.ts).
export const KINDS = `Other LoadThis LoadString LoadNumber LoadConst Mov LoadParam Global GetById GetByIndex GetByVal Closure FunctionEnv
  InnerEnv ParentEnv EnvOf ClosureEnv EnvStore EnvLoad NewObjectBuffer NewObject NewArrayBuffer PutSlot PutById Add AddEmpty
  CallN Call Construct CallDirect CreateThis Select Ret Catch SuperThis CallBuiltin StrictEqJump SwitchImm
  SaveGenerator ResumeGenerator JmpBuiltinIs`.split(/\s+/);

/** [anchor, replacement] in the compiled model.js. */
const SITES = [
  ['function makeBuilder() {', `const S = { prev: new Map(), round: 0, by: new Map() };
globalThis.__siteStability = S;
function makeBuilder() {`],
  ['function run(fn, round) {', 'function run(fn, round) {\n        S.round = round;'],
  ['            handlers[c.kind](at, op, c);\n', `            handlers[c.kind](at, op, c);
            if (c.writes0) {
                const key = fn.index * 0x100000000 + (at - fn.offset);
                const v = regs[readOperand(data, at, op, 0)];
                const had = S.prev.has(key);
                const p = S.prev.get(key);
                S.prev.set(key, v);
                if (S.round > 0 && had) {
                    const cat = p === v ? 0 : p !== undefined && v !== undefined && sameAbs(p, v) ? 1 : 2;
                    let row = S.by.get(c.kind);
                    if (!row) S.by.set(c.kind, (row = [0, 0, 0]));
                    row[cat]++;
                }
            }
`],
];
/** Timers around each round (`globalThis.__roundTimes.t`: CPU µs of rounds 0, 1, 2), also used by hermes-sparse-bound.mjs. */
export const ROUNDS = [
  ['function makeBuilder() {', `const R = { t: [0, 0, 0] };
globalThis.__roundTimes = R;
const cpuNow = () => { const u = process.cpuUsage(); return u.user + u.system; };
function makeBuilder() {`],
  ['for (const fn of fns)\n                    run(fn, round);', 'const t0 = cpuNow();\n                for (const fn of fns)\n                    run(fn, round);\n                R.t[round] += cpuNow() - t0;'],
];

/** A temporary copy of dist/scanner with model.js patched ([anchor, replacement], each anchor found once), loaded. */
export async function patched(patches, tag) {
  const tmp = mkdtempSync(join(tmpdir(), `site-stability-${tag}-`));
  cpSync(join(root, 'dist/scanner'), join(tmp, 'scanner'), { recursive: true });
  const modelPath = join(tmp, 'scanner/formats/hermes/model.js');
  let src = readFileSync(modelPath, 'utf8');
  for (const [anchor, replacement] of patches) {
    if (src.split(anchor).length !== 2) throw new Error(`anchor not found once in model.js: ${anchor.slice(0, 60)}`);
    src = src.replace(anchor, replacement);
  }
  writeFileSync(modelPath, src);
  const { parseHermes } = await import(pathToFileURL(join(tmp, 'scanner/formats/hermes/parse.js')).href);
  const { opcodeTable } = await import(pathToFileURL(join(tmp, 'scanner/formats/hermes/opcodes.js')).href);
  const { buildHermesModel } = await import(pathToFileURL(modelPath).href);
  return { tmp, parseHermes, opcodeTable, buildHermesModel };
}

async function main() {
  const argv = process.argv.slice(2);
  const rounds = argv.includes('--rounds');
  const files = argv.filter((a) => !a.startsWith('--'));
  // The bench's Hermes inputs (bench/code-model.mjs: the SDK builds are compiled into .bench/ when missing).
  if (!files.length) files.push(...hermesInputs(root, join(root, '.bench')).map((h) => h.path));
  const { defaultRulePack } = await import(pathToFileURL(join(root, 'dist/scanner/rules/pack.js')).href);
  const rules = defaultRulePack();
  const m = await patched(rounds ? ROUNDS : SITES, rounds ? 'rounds' : 'sites');
  const label = (f) => (resolve(f).startsWith(root) ? resolve(f).slice(root.length + 1) : basename(f));
  const pct = (x, n) => `${((100 * x) / n).toFixed(1)}%`;
  try {
    for (const f of files) {
      const data = readFileSync(f);
      const file = m.parseHermes(data, { maxStrings: 1e7 });
      const build = () => m.buildHermesModel({ data, header: file.header, layout: file.layout, table: m.opcodeTable(file.header.version) }, file, { rules });
      if (rounds) {
        const R = globalThis.__roundTimes;
        const per = [];
        for (let i = 0; i < 10; i++) {
          R.t = [0, 0, 0];
          build();
          per.push(R.t.slice());
        }
        const last = per.slice(5);
        const med = (k) => last.map((t) => t[k]).sort((a, b) => a - b)[2];
        const tot = med(0) + med(1) + med(2);
        console.log(`${label(f)}: rounds 0/1/2 = ${pct(med(0), tot)} / ${pct(med(1), tot)} / ${pct(med(2), tot)} of the walk's CPU (medians ${[0, 1, 2].map((k) => (med(k) / 1000).toFixed(0)).join('/')} ms)`);
        continue;
      }
      const S = globalThis.__siteStability;
      S.prev = new Map();
      S.by = new Map();
      build();
      let same = 0;
      let equal = 0;
      let differ = 0;
      for (const [, [s, e, d]] of S.by) (same += s), (equal += e), (differ += d);
      const n = same + equal + differ;
      const kinds = [...S.by].sort((a, b) => b[1][0] + b[1][1] + b[1][2] - (a[1][0] + a[1][1] + a[1][2])).slice(0, 8);
      console.log(`${label(f)}: rounds 1+2 register writes ${n}: same ${pct(same, n)}, equal ${pct(equal, n)}, differ ${pct(differ, n)}`);
      console.log(`  by kind (same/equal/differ): ${kinds.map(([k, [s, e, d]]) => `${KINDS[k] ?? k} ${s}/${e}/${d}`).join(', ')}`);
    }
  } finally {
    rmSync(m.tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
