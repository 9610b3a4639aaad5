#!/usr/bin/env node
// Precision/recall of rtcscan on real public applications, against the hand labels of ground-truth.yaml.
// Fetches nothing: every application must already be checked out under --apps DIR as DIR/<owner>+<name>
// at the labelled commit (see eval/realapps/README.md). Scans each checkout with the built CLI.
//   node eval/realapps/run.mjs --apps /tmp/realapps [--json out.json] [--only owner/name] [--details]
//     [--cache DIR [--rescan]]   keep each app's rtcscan JSON report in DIR and score from it next time
//     [--cli path/to/dist/scanner/cli/main.js]   score another build (the README's before/after)
//   node eval/realapps/run.mjs --builds DIR [--details] …   score release builds (builds.yaml): DIR/<owner>+<name>/
//     holds what the app's deployment ships; only labels that reach the client count, matched without positions
//     (label positions are source lines): sessions by vendor and kind, cleartext by rule, counted; credentials by
//     rule and value and endpoints by rule and host, as for checkouts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const buildsDir = arg('--builds');
const appsDir = arg('--apps') ?? buildsDir;
if (!appsDir) {
  console.error('usage: node eval/realapps/run.mjs --apps DIR | --builds DIR [--json FILE] [--only owner/name] [--details]');
  process.exit(2);
}
const details = process.argv.includes('--details');
const only = arg('--only');
// --cli: another build of rtcscan (e.g. an earlier commit's dist/) scored against the same labels.
const cli = resolve(arg('--cli') ?? join(root, 'dist/scanner/cli/main.js'));
if (!existsSync(cli)) {
  console.error('dist/ is missing: run `npx tsc -p tsconfig.json` first');
  process.exit(2);
}

const truth = parse(readFileSync(join(root, 'eval/realapps/ground-truth.yaml'), 'utf8'));
const builds = buildsDir ? new Map(parse(readFileSync(join(root, 'eval/realapps/builds.yaml'), 'utf8')).apps.map((b) => [b.repo, b])) : undefined;
const CATEGORIES = ['vendor', 'session', 'credential', 'flow', 'endpoint', 'policy'];
const LINE_SLACK = 2;
const NOT_SCORED_VENDORS = new Set(['webrtc']);

const cacheDir = arg('--cache');

/** Scans one checkout (or reads its earlier report from --cache); returns findings with repository-relative paths. */
function scan(dir) {
  const cached = cacheDir ? join(cacheDir, `${dir.split('/').pop()}.json`) : undefined;
  let json;
  if (cached && existsSync(cached) && !process.argv.includes('--rescan')) json = JSON.parse(readFileSync(cached, 'utf8'));
  else {
    const tmp = mkdtempSync(join(tmpdir(), 'rtcscan-eval-'));
    const out = join(tmp, 'r.json');
    const r = spawnSync(process.execPath, [cli, 'scan', dir, '--fail-on', 'none', '--quiet', '-o', out], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (!existsSync(out)) throw new Error(`scan of ${dir} failed (exit ${r.status}): ${(r.stderr || '').split('\n')[0]}`);
    json = JSON.parse(readFileSync(out, 'utf8'));
    if (cached) writeFileSync(cached, JSON.stringify(json));
    rmSync(tmp, { recursive: true, force: true });
  }
  const findings = json.bundles.flatMap((b) => b.findings);
  // Artifacts are named from the checkout's own folder ("owner+name/src/a.js"); drop that first segment.
  for (const f of findings) f.file = (f.location?.artifact ?? '').split('/').slice(1).join('/').split('!/')[0];
  return findings;
}

/**
 * A finding's message shows a credential masked: first 4 … last 4 characters, or 2 … 2 for short values. A label
 * `abcd…wxyz` matches a message holding it, or a shorter mask of the same value (`ab…yz`).
 */
function showsValue(message, value) {
  if (message.includes(value)) return true;
  const [first, last] = value.split('…');
  for (const m of message.matchAll(/(\S+)…(\S+)/g)) {
    const p = m[1];
    const q = m[2].replace(/[.,;)]+$/, '');
    if (p.length >= 2 && q.length >= 2 && p.length < first.length && first.startsWith(p) && last.endsWith(q)) return true;
  }
  return false;
}

const inNodeModules = (file) => /(^|\/)node_modules\//.test(file);
const hostMatches = (host, list) => list.some((n) => host === n || host.endsWith('.' + n));
const near = (f, label) => f.file === label.file && Math.abs((f.location?.line ?? -99) - label.line) <= LINE_SLACK;

/** Release builds: the labels of code under the built folder that reach the shipped output (builds.yaml). */
function shippedLabels(app, build) {
  const root = build.root ?? '';
  const under = (l) => (l.file ?? '').startsWith(root);
  const dropped = (rule, v) => (build.not_shipped ?? []).some((n) => n.rule === rule && (n.value === v || n.host === v));
  return {
    ...app,
    session: (app.session ?? []).filter(under),
    credentials: (app.credentials ?? []).filter((l) => under(l) && !dropped(l.rule, l.value)),
    flows: (app.flows ?? []).filter((l) => under(l) && !dropped(l.rule, l.file)),
    endpoints: (app.endpoints ?? []).filter((l) => under(l) && !dropped(l.rule, l.host)),
    policy: [],
  };
}

/**
 * Position-free matching of a build: per key (vendor+kind for sessions, rule for cleartext), distinct findings
 * (artifact:line:column) against labels; optional labels absorb extra findings without counting.
 */
function countMatch(res, labels, findings, keyOfLabel, keyOfFinding, show) {
  const keys = new Set([...labels.map(keyOfLabel), ...findings.map(keyOfFinding)]);
  for (const k of keys) {
    const need = labels.filter((l) => keyOfLabel(l) === k && !l.optional);
    const optional = labels.filter((l) => keyOfLabel(l) === k && l.optional).length;
    const got = [...new Map(findings.filter((f) => keyOfFinding(f) === k).map((f) => [`${f.file}:${f.location?.line}:${f.location?.column}`, f])).values()];
    const tp = Math.min(need.length, got.length);
    res.tp += tp;
    res.fn += need.length - tp;
    need.slice(tp).forEach((l) => res.fns.push(`${k} ${l.file}:${l.line} ${l.call ?? l.note ?? ''}`.trim()));
    const extra = got.slice(tp + Math.min(optional, Math.max(0, got.length - tp)));
    res.fp += extra.length;
    extra.forEach((f) => res.fps.push(`${k} ${f.file}:${f.location?.line} ${show(f)}`));
  }
}

function scoreBuild(app, findings) {
  // The bundled SDK's hosts grouped into one note ("SDK code holds N hosts", no host of its own) are the build's
  // counterpart of an SDK in node_modules, which checkouts do not score either.
  const sdkGroup = (f) => f.ruleId === 'RTC201' && !f.properties?.host && !f.properties?.ip;
  // Likewise a recognised non-RTC dependency's hosts grouped into one note (RTC202 `dependency`): what a checkout
  // keeps in that library's node_modules files.
  const dependencyGroup = (f) => f.ruleId === 'RTC202' && typeof f.properties?.dependency === 'string' && !f.properties?.host;
  const res = score({ ...app, session: [], flows: [] }, findings.filter((f) => !/^RTC(102|301|302)$/.test(f.ruleId) && !sdkGroup(f) && !dependencyGroup(f)));
  const vendorOf = app.vendors.length === 1 ? app.vendors[0] : undefined;
  const snippet = (f) => (f.location?.snippet ?? f.message ?? '').slice(0, 90);
  countMatch(res.session, app.session ?? [], findings.filter((f) => f.ruleId === 'RTC102'), (l) => `${l.vendor ?? vendorOf}/${l.kind}`, (f) => `${f.properties?.vendor}/${f.properties?.kind}`, snippet);
  countMatch(res.flow, app.flows ?? [], findings.filter((f) => /^RTC30[12]$/.test(f.ruleId)), (l) => l.rule, (f) => f.ruleId, snippet);
  return res;
}

function score(app, findings) {
  const res = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0, fps: [], fns: [] }]));
  // Vendors: every vendor named by RTC101/RTC102 anywhere in the scan.
  const found = new Set(findings.filter((f) => /^RTC10[12]$/.test(f.ruleId)).map((f) => f.properties?.vendor).filter((v) => v && !NOT_SCORED_VENDORS.has(v)));
  for (const v of app.vendors) (found.has(v) ? (res.vendor.tp++, 0) : (res.vendor.fn++, res.vendor.fns.push(v)));
  for (const v of found) if (!app.vendors.includes(v)) (res.vendor.fp++, res.vendor.fps.push(v));

  // Sessions: RTC102 findings against labelled call sites.
  const sessions = findings.filter((f) => f.ruleId === 'RTC102');
  const labels = app.session ?? [];
  for (const l of labels) {
    if (l.optional) continue;
    if (sessions.some((f) => near(f, l))) res.session.tp++;
    else (res.session.fn++, res.session.fns.push(`${l.file}:${l.line} ${l.call}`));
  }
  const seen = new Set();
  for (const f of sessions) {
    const key = `${f.file}:${f.location?.line}`;
    if (seen.has(key) || labels.some((l) => near(f, l))) continue;
    seen.add(key);
    res.session.fp++;
    res.session.fps.push(`${key} ${(f.location?.snippet ?? '').slice(0, 90)}`);
  }

  // Credentials: by rule and masked value (first 4 … last 4), wherever reported.
  const creds = findings.filter((f) => /^RTC40[123]$/.test(f.ruleId));
  for (const l of app.credentials ?? []) {
    if (creds.some((f) => f.ruleId === l.rule && showsValue(f.message, l.value))) res.credential.tp++;
    else (res.credential.fn++, res.credential.fns.push(`${l.rule} ${l.value} ${l.file}:${l.line}`));
  }
  const credSeen = new Set();
  for (const f of creds) {
    const masked = (f.message.match(/\S+…\S+/) ?? [f.message.slice(0, 40)])[0].replace(/[.,;)]+$/, '');
    const key = `${f.ruleId} ${masked}`;
    if (credSeen.has(key) || (app.credentials ?? []).some((l) => l.rule === f.ruleId && showsValue(f.message, l.value))) continue;
    credSeen.add(key);
    res.credential.fp++;
    res.credential.fps.push(`${key} at ${f.file}:${f.location?.line}`);
  }

  // Cleartext: RTC301/RTC302 findings against labelled flows (file and line).
  const flows = findings.filter((f) => /^RTC30[12]$/.test(f.ruleId));
  for (const l of app.flows ?? []) {
    if (flows.some((f) => f.ruleId === l.rule && near(f, l))) res.flow.tp++;
    else (res.flow.fn++, res.flow.fns.push(`${l.rule} ${l.file}:${l.line}`));
  }
  const flowSeen = new Set();
  for (const f of flows) {
    const key = `${f.ruleId} ${f.file}:${f.location?.line}`;
    if (flowSeen.has(key) || (app.flows ?? []).some((l) => l.rule === f.ruleId && near(f, l))) continue;
    flowSeen.add(key);
    res.flow.fp++;
    res.flow.fps.push(`${key} ${(f.location?.snippet ?? '').slice(0, 90)}`);
  }

  // Endpoints: RTC201–204 by rule and host, outside committed node_modules. A note that groups a recognised SDK's or
  // dependency's hosts (no host of its own: "code of the bundled dependency X holds N hosts") names no endpoint of
  // the app, as a dependency's node_modules files do not.
  const eps = findings.filter((f) => /^RTC20[1-4]$/.test(f.ruleId) && !inNodeModules(f.file) && (f.properties?.host || f.properties?.ip));
  const hostOf = (f) => String(f.properties?.host ?? f.properties?.ip ?? '').toLowerCase();
  for (const l of app.endpoints ?? []) {
    if (eps.some((f) => f.ruleId === l.rule && hostOf(f) === l.host)) res.endpoint.tp++;
    else (res.endpoint.fn++, res.endpoint.fns.push(`${l.rule} ${l.host} (${l.file}:${l.line})`));
  }
  const epSeen = new Set();
  for (const f of eps) {
    const host = hostOf(f);
    const key = `${f.ruleId} ${host}`;
    if (epSeen.has(key) || (app.endpoints ?? []).some((l) => l.rule === f.ruleId && l.host === host) || hostMatches(host, app.neutral ?? [])) continue;
    epSeen.add(key);
    res.endpoint.fp++;
    res.endpoint.fps.push(`${key} at ${f.file}:${f.location?.line}`);
  }
  // Platform policy: RTC311–313 by rule, file and line.
  const policies = findings.filter((f) => /^RTC31[1-3]$/.test(f.ruleId));
  for (const l of app.policy ?? []) {
    if (policies.some((f) => f.ruleId === l.rule && near(f, l))) res.policy.tp++;
    else (res.policy.fn++, res.policy.fns.push(`${l.rule} ${l.file}:${l.line}`));
  }
  const policySeen = new Set();
  for (const f of policies) {
    const key = `${f.ruleId} ${f.file}:${f.location?.line}`;
    if (policySeen.has(key) || (app.policy ?? []).some((l) => l.rule === f.ruleId && near(f, l))) continue;
    policySeen.add(key);
    res.policy.fp++;
    res.policy.fps.push(`${key} ${(f.location?.snippet ?? '').slice(0, 90)}`);
  }
  return res;
}

const pct = (a, b) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);
const totals = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
const perApp = [];
for (const app of truth.apps) {
  if (only && app.repo !== only) continue;
  if (builds && !builds.has(app.repo)) continue;
  const dir = join(appsDir, app.repo.replace('/', '+'));
  if (!existsSync(dir)) {
    console.error(`skip ${app.repo}: no checkout at ${dir}`);
    continue;
  }
  const res = builds ? scoreBuild(shippedLabels(app, builds.get(app.repo)), scan(dir)) : score(app, scan(dir));
  perApp.push({ repo: app.repo, commit: app.commit, res });
  for (const c of CATEGORIES) for (const k of ['tp', 'fp', 'fn']) totals[c][k] += res[c][k];
  if (details) {
    console.log(`\n## ${app.repo}`);
    for (const c of CATEGORIES) {
      const r = res[c];
      console.log(`  ${c}: TP ${r.tp} FP ${r.fp} FN ${r.fn}`);
      for (const x of r.fps) console.log(`    FP ${x}`);
      for (const x of r.fns) console.log(`    FN ${x}`);
    }
  }
}

const NAMES = { vendor: 'vendor detection (RTC101/102 vendor)', session: 'session starts (RTC102)', credential: 'credentials (RTC401/402/403)', flow: 'cleartext (RTC301/302)', endpoint: 'endpoints (RTC201–204)', policy: 'platform policy (RTC311–313)' };
console.log(`\n${perApp.length} applications\n`);
console.log('| category | TP | FP | FN | precision | recall |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const c of CATEGORIES) {
  const t = totals[c];
  console.log(`| ${NAMES[c]} | ${t.tp} | ${t.fp} | ${t.fn} | ${pct(t.tp, t.tp + t.fp)} | ${pct(t.tp, t.tp + t.fn)} |`);
}
const jsonOut = arg('--json');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ totals, apps: perApp }, null, 2) + '\n');
