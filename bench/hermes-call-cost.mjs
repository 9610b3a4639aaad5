// What the calls of one function of the Hermes walk cost a build (issue #15, the Hermes model's speed): the most a
// step that skipped every one of them could save, measured before building that step. Two copies of dist's model are
// loaded in one process: in one the function runs once per call (as in the build), in the other twice (the first
// result is dropped); builds of the two alternate, and the median difference of their CPU time is what the calls
// cost, allocation and collection included (a dropped result dies young, so the collector's share is what short-lived
// garbage costs, not what a kept result would). Both copies count the calls, so the two sides pay the same counter.
// Only functions whose calls change nothing but idempotent per-build caches qualify (memberOf, meet, sameAbs,
// fieldRead): the device checks that the two copies' models have the same digest (bench/code-model.mjs) and stops
// when they do not.
// A step that skips a share s of the calls saves at most s × that cost; what it keeps alive to do so is extra
// (count it with --trace-gc-nvp: bytes promoted per build).
// It patches temporary copies of dist/scanner/formats/hermes/model.js (the function's header must be found once).
//   node --max-inlined-bytecode-size-cumulative=150 --interrupt-budget=600000 bench/hermes-call-cost.mjs \
//     [--fn memberOf] [--pairs 12] [FILE.hbc…]   (needs dist/: npm run build; default: the bench's Hermes inputs)
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The compiled source with function `name` wrapped: each call counts in `globalThis.__callCost[name]` and, when
 * `twice`, runs the function once more before the call whose result is returned. The header must be found once and
 * its parameters be plain names (they are passed on as they are).
 */
export function doubleCalls(src, name, twice) {
  const header = new RegExp(`^([ \\t]*)function ${name}\\(([^)]*)\\) \\{$`, 'gm');
  const found = [...src.matchAll(header)];
  if (found.length !== 1) throw new Error(`function ${name}( found ${found.length} times in model.js, not once`);
  const [whole, indent, params] = found[0];
  if (!/^\s*([A-Za-z_$][\w$]*\s*(,\s*[A-Za-z_$][\w$]*\s*)*)?$/.test(params)) throw new Error(`function ${name}: parameters are not plain names (${params})`);
  const args = params.split(',').map((p) => p.trim()).filter(Boolean).join(', ');
  const inner = `${name}__once`;
  const wrapper =
    `${indent}function ${name}(${args}) {\n` +
    `${indent}    globalThis.__callCost[${JSON.stringify(name)}]++;\n` +
    (twice ? `${indent}    ${inner}(${args});\n` : '') +
    `${indent}    return ${inner}(${args});\n` +
    `${indent}}\n` +
    `${indent}function ${inner}(${params}) {`;
  return src.slice(0, found[0].index) + wrapper + src.slice(found[0].index + whole.length);
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function copyOf(root, name, twice) {
  const tmp = mkdtempSync(join(tmpdir(), `hermes-call-cost-${twice ? 2 : 1}-`));
  cpSync(join(root, 'dist/scanner'), join(tmp, 'scanner'), { recursive: true });
  const modelPath = join(tmp, 'scanner/formats/hermes/model.js');
  writeFileSync(modelPath, doubleCalls(readFileSync(modelPath, 'utf8'), name, twice));
  const { buildHermesModel } = await import(pathToFileURL(modelPath).href);
  return { tmp, buildHermesModel };
}

async function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const argv = process.argv.slice(2);
  const opt = (flag, dflt) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : dflt);
  const name = opt('--fn', 'memberOf');
  const pairs = Number(opt('--pairs', '12'));
  const files = argv.filter((a, i) => !a.startsWith('--') && !['--fn', '--pairs'].includes(argv[i - 1]));
  const { hermesInputs, digest } = await import('./code-model.mjs');
  if (!files.length) files.push(...hermesInputs(root, join(root, '.bench')).map((h) => h.path));
  const { defaultRulePack } = await import(pathToFileURL(join(root, 'dist/scanner/rules/pack.js')).href);
  const { parseHermes } = await import(pathToFileURL(join(root, 'dist/scanner/formats/hermes/parse.js')).href);
  const { opcodeTable } = await import(pathToFileURL(join(root, 'dist/scanner/formats/hermes/opcodes.js')).href);
  const rules = defaultRulePack();
  globalThis.__callCost = { [name]: 0 };
  const once = await copyOf(root, name, false);
  const twice = await copyOf(root, name, true);
  try {
    console.log(`${name}: the build's calls once / twice, ${pairs} alternating pairs per input (median)`);
    for (const f of files) {
      const data = readFileSync(f);
      const file = parseHermes(data, { maxStrings: 1e7 });
      const ctx = { data, header: file.header, layout: file.layout, table: opcodeTable(file.header.version) };
      const build = (copy) => copy.buildHermesModel(ctx, file, { rules });
      globalThis.__callCost[name] = 0;
      const m1 = build(once);
      const calls = globalThis.__callCost[name];
      if (digest(m1) !== digest(build(twice))) throw new Error(`${basename(f)}: the model changes when ${name} runs twice: it is not side-effect free`);
      const time = (copy) => {
        const t = cpu();
        build(copy);
        return cpu() - t;
      };
      for (let i = 0; i < 3; i++) time(once), time(twice);
      const t1 = [];
      const t2 = [];
      for (let i = 0; i < pairs; i++) {
        if (i % 2) t2.push(time(twice)), t1.push(time(once));
        else t1.push(time(once)), t2.push(time(twice));
      }
      const diffs = t1.map((t, i) => t2[i] - t);
      const extra = median(diffs);
      const base = median(t1);
      console.log(
        `${basename(f)}: ${calls} calls per build; build ${base.toFixed(3)} s, twice ${median(t2).toFixed(3)} s; ` +
          `the calls cost ${(extra * 1000).toFixed(1)} ms (${((100 * extra) / base).toFixed(1)}% of the build, ${((extra / calls) * 1e9).toFixed(0)} ns per call)`,
      );
    }
  } finally {
    rmSync(once.tmp, { recursive: true, force: true });
    rmSync(twice.tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
