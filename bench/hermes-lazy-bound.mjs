// How much of a Hermes file a lazy code-model walk would still have to model (issue #15, the Hermes model's speed).
// A lazy walk models in full only the functions that can matter to a finding and leaves the rest until a flow needs
// them. This measures the share of the bytecode in that set, from a cheap pre-scan (each function's string and
// identifier operand ids, as the parser collects them, and its closure creations):
//   seeds      functions that name a key the checks match on: a vendor API method or receiver, a compiled-wrapper
//              marker or member, a model sink's method or type, a sink rule's call or module, an identifier of the
//              vocabulary (uid, userId, roomId, …), a URL (`://`) or a 32-hex string (an App ID);
//   ancestors  their lexical ancestors (the functions whose environments they read);
//   callers    functions calling one of them by name, transitively with their ancestors (a parameter followed into
//              its caller, as the checks resolve a request's parameters), taken from the full model's calls.
// Seeds with ancestors are a lower bound on what a lazy walk keeping every finding models (environment-slot writers,
// this-field writers and string return summaries add more), so x(1 / that share) bounds its gain. The callers are
// what a pre-scan that cannot resolve call targets must add; in minified builds many functions share a name, so
// that figure over-approximates what resolved targets would need.
//   node bench/hermes-lazy-bound.mjs FILE.hbc…      (needs dist/: npm run build)
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist/scanner');
const { defaultRulePack } = await import(join(dist, 'rules/pack.js'));
const { parseHermes } = await import(join(dist, 'formats/hermes/parse.js'));
const { opcodeTable, readOperand } = await import(join(dist, 'formats/hermes/opcodes.js'));
const { buildHermesModel } = await import(join(dist, 'formats/hermes/model.js'));

const pack = defaultRulePack();
const keys = new Set();
for (const v of pack.vendors) {
  for (const a of v.apis ?? []) {
    if (a.method) keys.add(a.method);
    for (const r of [].concat(a.receiver ?? [])) keys.add(r);
  }
  for (const c of v.sdk.js?.compiled ?? []) for (const m of [...c.markers, ...c.members]) keys.add(m);
}
for (const s of pack.sinks?.modelSinks ?? []) for (const k of [s.method, s.type, s.then]) if (k) keys.add(k);
for (const s of pack.sinks?.sinks ?? []) for (const k of Object.values(s.match ?? {}).flat()) keys.add(k);
for (const m of Object.values(pack.sinks?.modules ?? {})) keys.add(m);
for (const i of pack.vocabulary?.identifiers ?? []) keys.add(i.name);
const relevant = (s) => keys.has(s) || s.includes('://') || /^[0-9a-f]{32}$/i.test(s);
const CLOSURE = /^Create(Async|Generator)?Closure(LongIndex)?$|^CreateGenerator(LongIndex)?$/;

for (const path of process.argv.slice(2)) {
  const data = readFileSync(path);
  const file = parseHermes(data, { maxStrings: 1e7 });
  if (!file.header || !file.layout || !file.bytecodeDecoded) {
    console.log(`${basename(path)}: not decoded`);
    continue;
  }
  const table = opcodeTable(file.header.version);
  const fns = file.functions;
  const named = new Uint8Array(file.strings.length);
  for (const s of file.strings) if (relevant(s.value)) named[s.id] = 1;
  const keep = new Uint8Array(fns.length);
  for (const fn of fns) if (fn.stringIds.some((id) => named[id])) keep[fn.index] = 1;
  // Lexical parent: the function whose code creates the closure.
  const parent = new Int32Array(fns.length).fill(-1);
  for (const fn of fns) {
    for (let at = fn.offset, end = fn.offset + fn.size; at < end;) {
      const op = table[data[at]];
      if (!op) break;
      if (CLOSURE.test(op.name)) {
        const child = readOperand(data, at, op, 2);
        if (child < parent.length) parent[child] = fn.index;
      }
      at += op.length;
    }
  }
  const total = fns.reduce((n, fn) => n + fn.size, 0);
  const share = () => fns.reduce((n, fn) => n + (keep[fn.index] ? fn.size : 0), 0) / total;
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  const work = [];
  const add = (f) => {
    for (let g = f, k = 0; g >= 0 && k < 64; g = parent[g], k++) {
      if (keep[g] && g !== f) break;
      keep[g] = 1;
      work.push(g);
    }
  };
  const seeds = share();
  for (const fn of fns) if (keep[fn.index]) add(fn.index);
  const ancestors = share();
  const model = buildHermesModel({ data, header: file.header, layout: file.layout, table }, file, { rules: pack });
  const byName = new Map();
  for (const fn of fns) if (fn.name) (byName.get(fn.name) ?? byName.set(fn.name, []).get(fn.name)).push(fn.index);
  const callers = new Map();
  for (const c of model.calls) for (const g of byName.get(c.method) ?? []) (callers.get(g) ?? callers.set(g, new Set()).get(g)).add(c.fn);
  while (work.length) for (const c of callers.get(work.pop()) ?? []) if (c >= 0 && !keep[c]) add(c);
  const all = share();
  console.log(
    `${basename(path)}: ${fns.length} functions, ${(total / 2 ** 20).toFixed(2)} MiB of bytecode; a lazy walk models: ` +
      `seeds ${pct(seeds)}, with lexical ancestors ${pct(ancestors)} (gain at most x${(1 / ancestors).toFixed(2)}), with callers by name ${pct(all)}`,
  );
}
