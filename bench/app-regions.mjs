#!/usr/bin/env node
// Where an app bundle's read goes, region by region (issue #17: "cost should follow the app's code"). For each script:
// the text left to parse after elision (prepare.ts explainElision: unit, library or app code, rule keywords) and the
// steps the flow interpreter spends at the nodes of each region, grouped by what the region is.
// With a source map beside the file (`x.js.map`, e.g. a `vite build --sourcemap` of the same sources; a measurement
// aid only, scans of shipped builds have none), every region is also attributed to the npm package it came from,
// which shows how much of what stays parsed is framework code read as app code.
//
//   node bench/app-regions.mjs [--root DIR] [--top 15] file.js…
//
// A diagnostic, not a benchmark: it counts the interpreter's steps by wrapping its `tick`, so its timing means nothing.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals: files } = parseArgs({ allowPositionals: true, options: { root: { type: 'string' }, top: { type: 'string', default: '15' } } });
const root = resolve(values.root ?? join(import.meta.dirname, '..'));
const top = Number(values.top);
const dist = (p) => import(join(root, 'dist/scanner', p));
const { defaultRulePack } = await dist('rules/pack.js');
const { explainScript } = await dist('formats/js/index.js');
const { readArtifactFacts } = await dist('engine/read.js');
const { Interpreter } = await dist('formats/js/flow/interpreter.js');
const { parseSourceMap } = await dist('formats/sourcemap/index.js');
const rules = defaultRulePack();

// Steps of the analysed file's own code, by the offset of the node each step is at (regions are summed from it).
let steps = new Uint32Array(0);
const run = Interpreter.prototype.run;
const tick = Interpreter.prototype.tick;
if (typeof tick !== 'function') throw new Error(`${root}/dist has no Interpreter.prototype.tick to count steps with`);
Interpreter.prototype.run = function (ast) {
  steps = new Uint32Array((ast.program.end ?? 0) + 1);
  return run.call(this, ast);
};
Interpreter.prototype.tick = function (node) {
  if (this.cur === this.root && node.start != null && node.start < steps.length) steps[node.start]++;
  return tick.call(this, node);
};

const lineStarts = (code) => {
  const out = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) out.push(i + 1);
  return out;
};
const lineOf = (starts, offset) => {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};
const pct = (n, of) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;

for (const file of files) {
  const data = readFileSync(file);
  const code = data.toString('utf8');
  const path = `www/${basename(file)}`;
  const facts = await readArtifactFacts(data, path, { rules, maxStrings: 500_000 });
  const counted = steps;
  const explained = explainScript(data, path, rules);
  if (!explained) {
    console.log(`\n## ${file}: not elided (${facts.meta?.elided ?? 'parsed whole'})`);
    continue;
  }
  const mapFile = `${file}.map`;
  const map = existsSync(mapFile) ? parseSourceMap(readFileSync(mapFile, 'utf8'), basename(mapFile), path, []) : undefined;
  const starts = lineStarts(code);
  const packageAt = (offset) => {
    if (!map) return undefined;
    const line = lineOf(starts, offset);
    const source = map.trace(line + 1, offset - starts[line] + 1)?.source;
    if (!source) return '(unmapped)';
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
    return m ? m[1] : '(app source)';
  };
  const totalSteps = counted.reduce((a, b) => a + b, 0);
  // Each region's steps: those at nodes starting inside it (regions are disjoint).
  const regionSteps = (r) => {
    let n = 0;
    for (let o = r.start; o < r.end && o < counted.length; o++) n += counted[o];
    return n;
  };
  const rows = explained.regions
    .filter((r) => !r.why.startsWith('between units') && !r.why.startsWith('after units'))
    .map((r) => {
      const first = r.start + Math.max(0, code.slice(r.start, r.start + 256).search(/\S/));
      const kind = r.why.includes('library code') ? 'library code' : r.why.includes('no keyword') ? 'app code, no rule keyword' : 'app code with a rule keyword';
      return { ...r, kind, steps: regionSteps(r), pkg: packageAt(first) };
    });
  const flowNotices = facts.notices.filter((n) => n.id.startsWith('js-flow/')).map((n) => n.id);
  console.log(`\n## ${file} (${(data.length / 1e6).toFixed(2)} MB): ${pct(explained.parsedChars, data.length)} parsed (${explained.parsedChars} characters), ${totalSteps} flow steps${flowNotices.length ? ` (${flowNotices.join(', ')})` : ''}`);
  const group = (keyOf) => {
    const by = new Map();
    for (const r of rows) {
      const k = keyOf(r);
      const g = by.get(k) ?? { chars: 0, steps: 0 };
      g.chars += r.chars;
      g.steps += r.steps;
      by.set(k, g);
    }
    return [...by].sort((a, b) => b[1].chars - a[1].chars);
  };
  console.log('\n| what | parsed characters | flow steps |\n|---|---:|---:|');
  for (const [k, g] of group((r) => r.kind)) console.log(`| ${k} | ${g.chars} (${pct(g.chars, explained.parsedChars)}) | ${g.steps} (${pct(g.steps, totalSteps)}) |`);
  if (map) {
    console.log('\n| package (source map) | parsed characters | flow steps |\n|---|---:|---:|');
    for (const [k, g] of group((r) => r.pkg).slice(0, top)) console.log(`| ${k} | ${g.chars} (${pct(g.chars, explained.parsedChars)}) | ${g.steps} (${pct(g.steps, totalSteps)}) |`);
  }
  console.log(`\nRegions with the most flow steps:`);
  for (const r of [...rows].sort((a, b) => b.steps - a.steps).slice(0, top)) {
    console.log(`- ${r.start}…${r.end} ${r.chars} chars, ${r.steps} steps${r.pkg ? ` [${r.pkg}]` : ''}: ${r.why} — ${JSON.stringify(r.snippet?.slice(0, 70))}`);
  }
}
