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
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { arg, root } from './args.mjs';
import { score, scoreBuild, tally } from './match.mjs';

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

const scores = tally();
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
  scores.add(res, app.repo, details);
}

scores.print(perApp.length, 'applications');
const jsonOut = arg('--json');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ totals: scores.totals, apps: perApp }, null, 2) + '\n');
