#!/usr/bin/env node
// Differential check on real applications: the JS reader's own vendor-API matcher vs the code model matched by
// the checks, on every JS/TS source and bundle of the real-app checkouts (eval/realapps/README.md). Prints the
// counts and each difference. Needs a current build (`npm run build`).
//   node scripts/js-model-parity.mjs --apps /tmp/realapps [--max-files N]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createJsReader } from '../dist/scanner/formats/js/index.js';
import { appApiUses } from '../dist/scanner/checks/vendor-calls.js';
import { defaultRulePack } from '../dist/scanner/rules/pack.js';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const appsDir = opt('--apps', '/tmp/realapps');
const maxFiles = Number(opt('--max-files', '100000'));
const rules = defaultRulePack();
const reader = createJsReader({ apiMatching: 'both' });
const JS_FILE = /\.(?:[cm]?jsx?|tsx?)$/;

function filesUnder(root) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      if (name === 'node_modules' || name === '.git') continue;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (JS_FILE.test(name) && !name.endsWith('.d.ts') && st.size <= 24 * 1024 * 1024) out.push(p);
    }
  };
  walk(root);
  return out;
}

const key = (u) =>
  `${u.vendor.id}|${u.apiId}|${u.route}|${u.location.line}:${u.location.column}|${u.callee}|` +
  Object.keys(u.args)
    .sort()
    .map((r) => `${r}=${JSON.stringify(u.args[r])}`)
    .join(',');

function minus(a, b) {
  const left = new Map();
  for (const k of b) left.set(k, (left.get(k) ?? 0) + 1);
  return a.filter((k) => {
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    return n === 0;
  });
}

let files = 0;
let uses = 0;
let diffs = 0;
let calls = 0;
for (const app of readdirSync(appsDir).sort()) {
  const root = join(appsDir, app);
  if (!statSync(root).isDirectory()) continue;
  for (const file of filesUnder(root)) {
    if (files >= maxFiles) break;
    const dir = dirname(file);
    const ctx = {
      rules,
      maxStrings: 1_000_000,
      readSibling: async (rel) => {
        const p = resolve(dir, rel);
        return relative(dir, p).startsWith('..') || !existsSync(p) ? undefined : readFileSync(p);
      },
    };
    const facts = await reader.read(readFileSync(file), relative(appsDir, file), ctx);
    files++;
    calls += facts.code?.calls.length ?? 0;
    const a = appApiUses({ ...facts, code: undefined }, rules).map(key);
    const b = facts.code?.calls.length ? appApiUses({ ...facts, apiCalls: [] }, rules).map(key) : [];
    uses += Math.max(a.length, b.length);
    const onlyReader = minus(a, b);
    const onlyModel = minus(b, a);
    if (onlyReader.length || onlyModel.length) {
      diffs += onlyReader.length + onlyModel.length;
      console.log(relative(appsDir, file));
      for (const k of onlyReader) console.log(`  - reader only: ${k}`);
      for (const k of onlyModel) console.log(`  + model only:  ${k}`);
    }
  }
}
console.log(JSON.stringify({ files, uses, differences: diffs, modelCalls: calls }));
