#!/usr/bin/env node
// Precision and recall of the JS identifier dataflow analysis over labelled fixtures.
//
// Labels are line comments on the sink line:
//   // @flow cleartext uid            a flow of `uid` to a cleartext sink on this line
//   // @flow https roomId; rtc uid    several flows: class + identifier, `;`-separated
//   // @noflow                        no flow on this line (documents a negative; any flow there is a false positive)
//   // @api agora web-join            the call on this line is the vendor API the JS reader reports (an ApiCallFact)
// Classes: cleartext | https | loopback | unknown | rtc (see classifySink in scanner/formats/js/flow/url.ts).
// Flows on unlabelled lines are false positives too.
//
// Usage: node test/flow/precision.mjs [--json] [dir ...]
//   Scores test/flow/fixtures, test/flow/heldout and, when present, test/corpus (files with @flow/@noflow labels).
//   The analysis is compiled from scanner/ with the project's tsc into a temporary folder first.
import { readFileSync, readdirSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { parse } from '@babel/parser';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLASSES = ['cleartext', 'https', 'loopback', 'unknown', 'rtc'];

/** Parses a fixture the way tests do: module or script, JSX and TypeScript-free. */
export function parseFixture(code) {
  return parse(code, { sourceType: 'unambiguous', errorRecovery: true, plugins: ['jsx'] });
}

/** Labels by 1-based line: { flows: [{cls, id}], noflow: boolean, api?: {vendor, api} }. */
export function parseLabels(code) {
  const labels = new Map();
  code.split('\n').forEach((text, i) => {
    const line = i + 1;
    const entry = { flows: [], noflow: false, api: undefined };
    const api = /\/\/.*@api\s+([a-z0-9-]+)\s+([a-z0-9-]+)/.exec(text);
    if (api) entry.api = { vendor: api[1], api: api[2] };
    if (/\/\/.*@noflow\b/.test(text)) entry.noflow = true;
    const flow = /\/\/.*@flow\s+([^@\n]+)/.exec(text);
    if (flow) {
      for (const part of flow[1].split(';')) {
        const [cls, id, ...rest] = part.trim().split(/\s+/);
        if (!cls) continue;
        if (!CLASSES.includes(cls) || !id || rest.length > 0) throw new Error(`line ${line}: bad label "${part.trim()}"`);
        entry.flows.push({ cls, id });
      }
    }
    if (entry.api || entry.noflow || entry.flows.length > 0) labels.set(line, entry);
  });
  return labels;
}

function* nodes(root) {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop();
    yield n;
    for (const k of Object.keys(n)) {
      if (k === 'loc' || k.endsWith('Comments')) continue;
      const v = n[k];
      for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c.type === 'string') stack.push(c);
    }
  }
}

/**
 * ApiCallFacts for the `@api` labels: the call on that line whose method is the API's method. This stands in for
 * the JS reader's API matcher so fixtures can name the API exactly; positions follow the reader's contract
 * (start of the call expression, 1-based column).
 */
export function apiCallsFromLabels(ast, code, labels, rules) {
  const out = [];
  for (const [line, entry] of labels) {
    if (!entry.api) continue;
    const rule = rules.vendorById.get(entry.api.vendor)?.apis.find((a) => a.id === entry.api.api);
    if (!rule) throw new Error(`line ${line}: unknown api ${entry.api.vendor} ${entry.api.api}`);
    const call = [...nodes(ast.program)].find(
      (n) =>
        (n.type === 'CallExpression' || n.type === 'NewExpression') &&
        n.loc.start.line === line &&
        n.callee.type === 'MemberExpression' &&
        n.callee.property.name === rule.method,
    );
    if (!call) throw new Error(`line ${line}: no ${rule.method}() call for @api`);
    out.push({
      vendor: entry.api.vendor,
      api: entry.api.api,
      kind: rule.kind,
      args: {},
      callee: code.slice(call.callee.start, call.callee.end),
      inVendorCode: false,
      line: call.loc.start.line,
      column: call.loc.start.column + 1,
    });
  }
  return out;
}

/** Runs the analysis on one labelled file and compares. Returns expected/actual keys `line|class|identifier`. */
export function scoreFile(file, { analyzeFlows, classifySink, rules }) {
  const code = readFileSync(file, 'utf8');
  const labels = parseLabels(code);
  const ast = parseFixture(code);
  const notices = [];
  const flows = analyzeFlows(ast, code, { rules, apiCalls: apiCallsFromLabels(ast, code, labels, rules), notices });
  const expected = new Set();
  for (const [line, e] of labels) for (const f of e.flows) expected.add(`${line}|${f.cls}|${f.id}`);
  const actual = new Set();
  for (const f of flows) {
    const last = f.steps[f.steps.length - 1];
    actual.add(`${last.line}|${classifySink(f.sink)}|${f.identifier}`);
  }
  return { file, expected, actual, flows, notices, labels };
}

function count(results, cls) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of results) {
    const pick = (set) => [...set].filter((k) => cls === undefined || k.split('|')[1] === cls);
    const exp = new Set(pick(r.expected));
    const act = new Set(pick(r.actual));
    for (const k of act) (exp.has(k) ? tp++ : fp++);
    for (const k of exp) if (!act.has(k)) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { tp, fp, fn, precision, recall };
}

/** Precision/recall of cleartext flows (the product's question), of each class, and of all flows. */
export function metrics(results) {
  const out = { cleartext: count(results, 'cleartext'), all: count(results, undefined), byClass: {} };
  for (const c of CLASSES) out.byClass[c] = count(results, c);
  return out;
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;

export function markdownTable(m, label) {
  const rows = [
    ['cleartext ID flows', m.cleartext],
    ...CLASSES.filter((c) => c !== 'cleartext').map((c) => [`${c} flows`, m.byClass[c]]),
    ['all flows (class and identifier must match)', m.all],
  ];
  const lines = [`| ${label} | TP | FP | FN | precision | recall |`, '|---|---:|---:|---:|---:|---:|'];
  for (const [name, s] of rows) lines.push(`| ${name} | ${s.tp} | ${s.fp} | ${s.fn} | ${pct(s.precision)} | ${pct(s.recall)} |`);
  return lines.join('\n');
}

/** Labelled .js/.mjs/.jsx files under a folder (recursively). */
export function labelledFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (/\.(m?js|jsx)$/.test(name) && /@(no)?flow\b/.test(readFileSync(p, 'utf8'))) out.push(p);
    }
  }
  return out.sort();
}

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const dirs = args.filter((a) => !a.startsWith('--'));
  const targets = dirs.length ? dirs : [join(ROOT, 'test', 'flow', 'fixtures'), join(ROOT, 'test', 'flow', 'heldout'), join(ROOT, 'test', 'corpus')];
  // Inside node_modules so the compiled modules resolve the project's packages; removed afterwards.
  const cacheDir = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const out = mkdtempSync(join(cacheDir, 'rtcscan-flow-'));
  try {
    // Only the flow analysis and the rule loader (and what they import) are compiled.
    const entries = ['scanner/formats/js/flow/index.ts', 'scanner/rules/pack.ts'].map((f) => join(ROOT, f));
    const opts = ['--outDir', out, '--rootDir', ROOT, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--skipLibCheck', '--types', 'node', '--strict'];
    try {
      execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), [...opts, ...entries], { stdio: 'pipe' });
    } catch (e) {
      // tsc still emits on type errors; report them and go on.
      console.error(String(e.stdout ?? e).slice(0, 2000));
    }
    const flow = await import(pathToFileURL(join(out, 'scanner', 'formats', 'js', 'flow', 'index.js')).href);
    const pack = await import(pathToFileURL(join(out, 'scanner', 'rules', 'pack.js')).href);
    const rules = pack.loadRulePack(join(ROOT, 'rules'));
    for (const dir of targets) {
      const files = labelledFiles(dir);
      if (files.length === 0) continue;
      const results = files.map((f) => scoreFile(f, { analyzeFlows: flow.analyzeFlows, classifySink: flow.classifySink, rules }));
      const m = metrics(results);
      const name = relative(ROOT, dir) || dir;
      if (json) {
        console.log(JSON.stringify({ dir: name, files: files.length, metrics: m }));
        continue;
      }
      console.log(`\n${name} (${files.length} files)\n`);
      console.log(markdownTable(m, 'flows'));
      for (const r of results) {
        const fp = [...r.actual].filter((k) => !r.expected.has(k));
        const fn = [...r.expected].filter((k) => !r.actual.has(k));
        if (fp.length || fn.length) console.log(`\n${relative(ROOT, r.file)}: FP ${fp.join(', ') || '-'}; FN ${fn.join(', ') || '-'}`);
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
