// How much of the Hermes model's rounds 1 and 2 a worklist could skip (issue #15, the Hermes model's speed).
// The walk runs three rounds over every function (scanner/formats/hermes/model.ts); a worklist would re-walk a
// function in a later round only when something it reads changed since its previous walk. This measures, without
// changing the walk, how much bytecode such a worklist could leave out with cheap bookkeeping: per closure slot
// instead of per read. A walk of function F in round r is *clean* when none of these changed since F's walk in
// round r-1:
//   - a closure slot F read: its value from the previous round (slots are stored afresh each round, and a read of a
//     slot this round has not stored yet gives the previous round's value) or a store into it earlier in this round
//     that differs from the same function's store in the previous round (a walk's stores are compared with the same
//     function's stores one round earlier, `sameAbs`);
//   - a string return summary F looked up (by function: its value changed in the previous round or so far in this
//     one; by name: the round's name table gives another value);
//   - an object literal made by another walk and written by a third one (F read one of its properties);
//   - structure the walk learns once (a closure's parent or environment, an environment's parent, a Metro module,
//     a module export, a getter's closure, a state machine's runner): after such an event in round r every later walk
//     of round r counts as changed;
//   - F's own object literals written by other walks in the previous round (F must make them again).
// Rounds 1 and 2 already skip functions that can change nothing (no slot store and no summary; no store and no call).
// "clean but stores differ" counts clean walks whose slot stores nevertheless differed from their previous walk's:
// a dependency this bookkeeping does not see (a module's package learnt late, values deeper than `sameValue` looks),
// i.e. what a worklist built on it would get wrong. It is a measurement device: it patches a temporary copy of
// dist/scanner/formats/hermes/model.js (every anchor must match: it stops when one does not, e.g. after model.ts
// changed), so the walk and its output are the build's own.
//   node bench/hermes-walk-skips.mjs [--why] [FILE.hbc…]     (needs dist/: npm run build; default: the bench inputs)
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const why = argv.includes('--why');
const files = argv.filter((a) => !a.startsWith('--'));
if (!files.length) {
  for (const f of ['samples/hermes-rn/dist/app.hbc', 'samples/hermes-rn/dist/metro/app.hbc', ...['agora-rtc-sdk-ng', 'livekit-client', 'twilio-video', 'trtc-sdk-v5'].map((p) => `.bench/${p}.hbc`)]) {
    if (existsSync(join(root, f))) files.push(join(root, f));
  }
}

/** [anchor, replacement] in the compiled model.js; `n`: how many times the anchor occurs (all are replaced). */
const STRUCT = (kind) => `if (W.round > 0) { W.globalDirty = true; W.structEvents[W.round]++; W.kinds[W.round]['${kind}'] = (W.kinds[W.round]['${kind}'] ?? 0) + 1; }`;
const PATCHES = [
  ['function makeBuilder() {', `const W = { creator: new WeakMap(), extW: new WeakSet(), forcedNext: new Set(), forced: new Set(), globalDirty: false, structEvents: [0, 0, 0], kinds: [{}, {}, {}], rd: false, stores: null, prevStores: [], dirtyHere: new Set(), dirtyPrev: new Set(), retChanged: new Set(), retChangedNow: new Set(), lastByName: undefined, stat: null, unsound: 0, round: 0, why: null };
globalThis.__walkSkips = W;
function makeBuilder() {`],
  ['const e = { parent: undefined, slots: undefined, prev: undefined, abs: undefined };', 'const e = { parent: undefined, slots: undefined, prev: undefined, abs: undefined, wId: envs.length, wPrev: undefined };'],
  ['if (!selfBindings.isOwn(wFn.index, env, slot))\n            storeSlot(env, slot, val);', 'if (!selfBindings.isOwn(wFn.index, env, slot)) {\n            W.stores.push(env.wId * 65536 + slot, val);\n            storeSlot(env, slot, val);\n        }'],
  ['const here = env?.slots?.[index];', `const here = env?.slots?.[index];
        if (env && W.round > 0) {
            const key = env.wId * 65536 + index;
            if (W.dirtyHere.has(key) || ((here === undefined || (here !== null && nullish(here))) && W.dirtyPrev.has(key))) W.rd = true;
        }`],
  ["if (typeof nameOrFn === 'number')\n            return returns[nameOrFn] ?? undefined;", `if (typeof nameOrFn === 'number') {
            if (W.retChanged.has(nameOrFn) || W.retChangedNow.has(nameOrFn)) W.rd = true;
            return returns[nameOrFn] ?? undefined;
        }`],
  ['return summaryByName.get(nameOrFn) ?? undefined;', `const wCur = summaryByName.get(nameOrFn), wOld = W.lastByName?.get(nameOrFn);
        if (W.round > 0 && !(wCur === wOld || (wCur && wOld && sameValue(wCur, wOld, 0)))) W.rd = true;
        return wCur ?? undefined;`],
  ['parentFn[target] = fn.index;', `{ parentFn[target] = fn.index; ${STRUCT('closure parent')} }`],
  ['closureEnv[target] = env;', `{ closureEnv[target] = env; ${STRUCT('closure environment')} }`],
  ['env.parent = parent;', `{ env.parent = parent; ${STRUCT('environment parent')} }`, 2],
  ['modules.set(args[0].closure, { id: args[1].v.value, deps });', `if (modules.get(args[0].closure)?.id !== args[1].v.value) ${STRUCT('Metro module')}
            modules.set(args[0].closure, { id: args[1].v.value, deps });`],
  ['smAsync.add(runs);', `{ if (!smAsync.has(runs)) ${STRUCT('state machine runner')} smAsync.add(runs); }`],
  ['retClosure[fn.index] = old === undefined || old === ret.closure ? ret.closure : null;', `{ const nv = old === undefined || old === ret.closure ? ret.closure : null; if (nv !== old) ${STRUCT('getter closure')} retClosure[fn.index] = nv; }`],
  ['m.set(key, { fn: val.closure, getter });', `{ ${STRUCT('module export')} m.set(key, { fn: val.closure, getter }); }`],
  ['m.set(key, null);', `{ ${STRUCT('module export')} m.set(key, null); }`],
  ["const lit = new Abs({ kind: 'object', props: (!reference && t.props) || t.build() }, UNKNOWN);", `const lit = new Abs({ kind: 'object', props: (!reference && t.props) || t.build() }, UNKNOWN);
            W.creator.set(lit.v, wFn.index); W.creator.set(lit, wFn.index);`],
  ["const a = new Abs({ kind: 'object', props: {} }, UNKNOWN);\n        a.keys = [];", `const a = new Abs({ kind: 'object', props: {} }, UNKNOWN);
        W.creator.set(a.v, wFn.index); W.creator.set(a, wFn.index);
        a.keys = [];`],
  ['const put = (o, key, val) => {', `const put = (o, key, val) => {
        if (key !== undefined && (o.v.kind === 'object' || o.keys !== undefined)) {
            const c = W.creator.get(o) ?? W.creator.get(o.v);
            if (c !== wFn.index) { if (c === undefined) W.globalDirty = true; else W.forcedNext.add(c); W.extW.add(o.v); W.extW.add(o); }
        }`],
  ["if (o.v.kind === 'object' && Object.hasOwn(o.v.props, prop)) {", `if (o.v.kind === 'object' && (W.extW.has(o.v) || W.extW.has(o)) && (W.creator.get(o.v) ?? -1) !== wFn.index) W.rd = true;
        if (o.v.kind === 'object' && Object.hasOwn(o.v.props, prop)) {`],
  ['wEmit = round === 2;', 'wEmit = round === 2;\n        W.walked = true;'],
  ['function run(fn, round) {', `function run(fn, round) {
        W.rd = false; W.stores = []; W.walked = false;
        const r0 = returns[fn.index];
        walkOnce(fn, round);
        if (!W.walked) return;
        const st = W.stat[round];
        st.bytes += fn.size;
        const prev = W.prevStores[fn.index] ?? [];
        const cur = W.stores;
        let same = prev.length === cur.length;
        for (let i = 0; same && i < cur.length; i += 2) same = prev[i] === cur[i] && (prev[i + 1] === cur[i + 1] || sameAbs(prev[i + 1], cur[i + 1]));
        const r1 = returns[fn.index];
        if (!(r0 === r1 || (r0 && r1 && sameValue(r0, r1, 0)))) W.retChangedNow.add(fn.index);
        if (round > 0) {
            if (W.globalDirty || W.forced.has(fn.index)) W.rd = true;
            if (!W.rd) {
                st.clean += fn.size;
                if (!same) { W.unsound++; if (W.why) W.why(round, label(fn.index), fn.index, prev, cur); }
            }
            if (!same) { for (let i = 0; i < prev.length; i += 2) W.dirtyHere.add(prev[i]); for (let i = 0; i < cur.length; i += 2) W.dirtyHere.add(cur[i]); }
        }
        W.prevStores[fn.index] = cur;
    }
    function walkOnce(fn, round) {`],
  ['if (round > 0) {\n                    for (const e of envs) {\n                        e.prev = e.slots;', `W.round = round; W.globalDirty = false; W.forced = W.forcedNext; W.forcedNext = new Set();
                if (round === 0) { W.stat = [0, 1, 2].map(() => ({ bytes: 0, clean: 0 })); W.prevStores = []; W.unsound = 0; W.structEvents = [0, 0, 0]; W.kinds = [{}, {}, {}]; W.retChanged = new Set(); W.retChangedNow = new Set(); W.lastByName = undefined; W.forced = new Set(); }
                else {
                    W.dirtyHere = new Set(); W.dirtyPrev = new Set();
                    for (const e of envs) {
                        const a = e.slots ?? [], b = e.prev ?? [];
                        for (let i = 0, n = Math.max(a.length, b.length); i < n; i++) { const x = a[i], y = b[i]; if (x === y || (x && y && sameAbs(x, y))) continue; W.dirtyPrev.add(e.wId * 65536 + i); }
                    }
                    W.retChanged = W.retChangedNow; W.retChangedNow = new Set();
                }
                if (round > 0) {
                    for (const e of envs) {
                        e.prev = e.slots;`],
  ['for (const fn of fns)\n                    run(fn, round);', 'for (const fn of fns)\n                    run(fn, round);\n                W.lastByName = summaryByName;'],
];

const tmp = mkdtempSync(join(tmpdir(), 'walk-skips-'));
try {
  cpSync(join(root, 'dist/scanner'), join(tmp, 'scanner'), { recursive: true });
  const modelPath = join(tmp, 'scanner/formats/hermes/model.js');
  let src = readFileSync(modelPath, 'utf8');
  for (const [anchor, replacement, n = 1] of PATCHES) {
    const count = src.split(anchor).length - 1;
    if (count !== n) throw new Error(`model.js changed: anchor found ${count} times, expected ${n}: ${anchor.split('\n')[0]}`);
    src = src.split(anchor).join(replacement);
  }
  writeFileSync(modelPath, src);
  const { defaultRulePack } = await import(pathToFileURL(join(root, 'dist/scanner/rules/pack.js')).href);
  const { parseHermes } = await import(pathToFileURL(join(tmp, 'scanner/formats/hermes/parse.js')).href);
  const { opcodeTable } = await import(pathToFileURL(join(tmp, 'scanner/formats/hermes/opcodes.js')).href);
  const { buildHermesModel } = await import(pathToFileURL(modelPath).href);
  const rules = defaultRulePack();
  const W = globalThis.__walkSkips;
  if (why) {
    W.why = (round, name, index, prev, cur) => {
      const show = (a) => (a ? JSON.stringify({ v: a.v, as: a.as }).slice(0, 160) : String(a));
      for (let i = 0; i < Math.max(prev.length, cur.length); i += 2) {
        if (prev[i] === cur[i] && prev[i + 1] && cur[i + 1] && JSON.stringify(prev[i + 1].v) === JSON.stringify(cur[i + 1].v) && JSON.stringify(prev[i + 1].as) === JSON.stringify(cur[i + 1].as)) continue;
        console.log(`  round ${round}, ${name} [function ${index}]: store ${i / 2}\n    was ${show(prev[i + 1])}\n    now ${show(cur[i + 1])}`);
        return;
      }
      console.log(`  round ${round}, ${name} [function ${index}]: the stored values print the same (JSON) but sameAbs differs (nesting deeper than sameValue compares, or a field JSON leaves out)`);
    };
  }
  console.log('| input | functions | walks per function (bytes) | round 1 walked / clean | round 2 walked / clean | structure events round 1 / 2 | clean but stores differ |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const path of files) {
    const data = readFileSync(path);
    const file = parseHermes(data, { maxStrings: 1e7 });
    buildHermesModel({ data, header: file.header, layout: file.layout, table: opcodeTable(file.header.version) }, file, { rules });
    const total = file.functions.reduce((a, f) => a + f.size, 0);
    const pct = (x) => `${((100 * x) / total).toFixed(1)}%`;
    const visits = W.stat.reduce((a, s) => a + s.bytes, 0) / total;
    const [, r1, r2] = W.stat;
    if (why) console.log(`  structure events by kind, round 1: ${JSON.stringify(W.kinds[1])}; round 2: ${JSON.stringify(W.kinds[2])}`);
    console.log(`| ${basename(dirname(path)) === 'metro' ? 'metro/' : ''}${basename(path)} | ${file.functions.length} | ${visits.toFixed(2)} | ${pct(r1.bytes)} / ${pct(r1.clean)} | ${pct(r2.bytes)} / ${pct(r2.clean)} | ${W.structEvents[1]} / ${W.structEvents[2]} | ${W.unsound} |`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
