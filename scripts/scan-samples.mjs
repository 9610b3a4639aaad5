#!/usr/bin/env node
// Scans every sample in samples/ and writes its SARIF, text and HTML reports to reports/ (or to --out DIR).
// Runs from the repository root so that report URIs are repository-relative, as GitHub needs them.
//   node scripts/scan-samples.mjs [--out DIR]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(root, 'reports');
/** The package's bin (the bundled CLI): the reports are what users get. */
const cli = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin.rtcscan;

/** name → input path (relative to the repository root) and SARIF category. */
export const SAMPLES = [
  { name: 'web', input: 'samples/web/dist', category: 'rtcscan/web/' },
  { name: 'web-1.0', input: 'samples/web-1.0/dist', category: 'rtcscan/web/' },
  { name: 'clean', input: 'samples/clean/dist', category: 'rtcscan/web-clean/' },
  { name: 'ios', input: 'samples/ios/Club.ipa', category: 'rtcscan/ios/' },
  // The Android sample also gets a Play Data safety draft (JSON and CSV).
  { name: 'android', input: 'samples/android/club.apk', category: 'rtcscan/android/', datasafety: true },
  // React Native release bundle: hermesc bytecode of the app on the real react-native-agora (samples/hermes-rn).
  { name: 'hermes-rn', input: 'samples/hermes-rn/dist/app.hbc', category: 'rtcscan/hermes-rn/' },
  // The same app through the real RN toolchain (Metro + @react-native/babel-preset, samples/hermes-rn/build-metro.mjs):
  // its hermesc bytecode and the minified JSC-style bundle, side by side.
  { name: 'hermes-rn-metro', input: 'samples/hermes-rn/dist/metro', category: 'rtcscan/hermes-rn-metro/' },
  // A policy preset run: the iOS sample under the US DOJ countries-of-concern preset (28 CFR part 202).
  { name: 'ios-us-doj', input: 'samples/ios/Club.ipa', category: 'rtcscan/ios-us-doj/', config: 'samples/policy/us-doj.config.yaml' },
];

mkdirSync(outDir, { recursive: true });
let failed = false;
for (const s of SAMPLES) {
  const args = [cli, 'scan', s.input, '--category', s.category, '--fail-on', 'none', '--quiet', '-o', join(outDir, `${s.name}.sarif`), '-o', join(outDir, `${s.name}.txt`), '-o', join(outDir, `${s.name}.html`), '-o', join(outDir, `${s.name}.cdx.json`), ...(s.datasafety ? ['-o', join(outDir, `${s.name}.datasafety.json`), '-o', join(outDir, `${s.name}.datasafety.csv`)] : []), ...(s.config ? ['--config', s.config] : [])];
  // SOURCE_DATE_EPOCH fixes the SBOM's timestamp (2026-01-01), so committed reports do not drift.
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
  if (r.status !== 0) {
    console.error(`scan of ${s.input} exited ${r.status}`);
    failed = true;
  } else {
    console.log(`${s.input} → ${join(outDir, `${s.name}.sarif`)}`);
  }
}
// Release diffs: what the later sample release changed (markdown as a pull-request comment would show it).
export const DIFFS = [{ name: 'web-release', old: 'web-1.0', new: 'web' }];
for (const d of failed ? [] : DIFFS) {
  const out = join(outDir, `${d.name}.diff.md`);
  // Run inside the output folder so the reports are named as they are committed, not by a temporary path.
  const args = [join(root, cli), 'diff', `${d.old}.sarif`, `${d.new}.sarif`, '-o', out, '-o', join(outDir, `${d.name}.diff.txt`)];
  const r = spawnSync(process.execPath, args, { cwd: outDir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`diff ${d.old} → ${d.new} exited ${r.status}`);
    failed = true;
  } else {
    console.log(`${d.old} → ${d.new} → ${out}`);
  }
}
process.exit(failed ? 1 : 0);
