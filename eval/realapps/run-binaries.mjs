#!/usr/bin/env node
// Precision/recall of rtcscan on release binaries that third parties built and committed (binaries.yaml), scanned as
// an auditor would: the committed build output alone. Fetches nothing: DIR/<owner>+<name>/ must hold the blobs listed
// under `scan`, at their `as` paths (extract-binaries.mjs fills it; see eval/realapps/README.md). Labels come from the repository's source at the same commit and are
// matched without positions (scoreBinary in match.mjs). Each scan runs under GNU time: wall, CPU and peak RSS.
//   node eval/realapps/run-binaries.mjs --binaries /tmp/apks [--labels FILE] [--details] [--json out.json]
//     [--cli path/to/dist/scanner/cli/main.js]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { arg, root } from './args.mjs';
import { scoreBinary, tally } from './match.mjs';

const dir = arg('--binaries');
if (!dir) {
  console.error('usage: node eval/realapps/run-binaries.mjs --binaries DIR [--labels FILE] [--details] [--json FILE]');
  process.exit(2);
}
const details = process.argv.includes('--details');
const cli = resolve(arg('--cli') ?? join(root, 'dist/scanner/cli/main.js'));
if (!existsSync(cli)) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const labels = parse(readFileSync(resolve(arg('--labels') ?? join(root, 'eval/realapps/binaries.yaml')), 'utf8'));
const GNU_TIME = '/usr/bin/time';

/** Scans one binary under GNU time; returns its findings (member paths inside the binary) and the resources used. */
function scan(file) {
  const tmp = mkdtempSync(join(tmpdir(), 'rtcscan-bin-'));
  const out = join(tmp, 'r.json');
  const timeFile = join(tmp, 'time');
  const argv = [cli, 'scan', file, '--fail-on', 'none', '--quiet', '-o', out];
  const timed = existsSync(GNU_TIME);
  const r = timed
    ? spawnSync(GNU_TIME, ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (!existsSync(out)) throw new Error(`scan of ${file} failed (exit ${r.status}): ${(r.stderr || '').split('\n')[0]}`);
  const json = JSON.parse(readFileSync(out, 'utf8'));
  let time;
  if (timed) {
    const [wall, user, sys, rssKiB] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    time = { wall, cpu: +(user + sys).toFixed(2), rssMiB: +(rssKiB / 1024).toFixed(1) };
  }
  rmSync(tmp, { recursive: true, force: true });
  const findings = json.bundles.flatMap((b) => b.findings);
  // "owner+name/lib/arm64-v8a/libapp.so" → "lib/arm64-v8a/libapp.so": the path inside the scanned build output.
  for (const f of findings) f.file = (f.location?.artifact ?? '').split('/').slice(1).join('/');
  return { findings, time };
}

const scores = tally();
const perApp = [];
for (const app of labels.apps ?? []) {
  const file = join(dir, app.repo.replace('/', '+'));
  if (!existsSync(file)) {
    console.error(`skip ${app.repo}: nothing at ${file}`);
    continue;
  }
  const { findings, time } = scan(file);
  const res = scoreBinary(app, findings);
  perApp.push({ repo: app.repo, commit: app.commit, time, res });
  scores.add(res, `${app.repo}${time ? ` (wall ${time.wall} s, CPU ${time.cpu} s, peak RSS ${time.rssMiB} MiB)` : ''}`, details);
}

scores.print(perApp.length, 'binaries');
if (perApp.some((a) => a.time)) {
  console.log('\n| binary | wall s | CPU s | peak RSS MiB |\n|---|---:|---:|---:|');
  for (const a of perApp) if (a.time) console.log(`| ${a.repo} | ${a.time.wall} | ${a.time.cpu} | ${a.time.rssMiB} |`);
}
const jsonOut = arg('--json');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ totals: scores.totals, apps: perApp }, null, 2) + '\n');
