#!/usr/bin/env node
// Scans inputs twice — the plain sequential engine (no prefilter, no workers) and the fast path (prefilter,
// cache, worker pool) — and prints any difference in findings. `node bench/compare.mjs <inputs…>`.
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const { scan } = await import(join(ROOT, 'dist/scanner/engine/scan.js'));
const { defaultRulePack } = await import(join(ROOT, 'dist/scanner/rules/pack.js'));

/** `fast`: options of the fast-path scan, e.g. `{ workers: 2 }` to force the pool on a two-core machine. */
export async function compareScans(inputs, cwd = ROOT, fast = { workers: 2 }) {
  const rules = defaultRulePack();
  const summary = (r) => r.bundles.map((b) => ({ input: b.input, artifacts: b.artifacts.map((a) => `${a.path} ${a.format} ${a.sha256 ?? ''}`), findings: b.findings.map((f) => JSON.stringify(f)) }));
  const t0 = Date.now();
  const slow = summary(await scan({ inputs, rules, cwd, workers: 0, prefilter: false }));
  const t1 = Date.now();
  const quick = summary(await scan({ inputs, rules, cwd, ...fast }));
  const t2 = Date.now();
  const diffs = [];
  for (let i = 0; i < slow.length; i++) {
    const a = slow[i], b = quick[i];
    if (a.artifacts.join('\n') !== b.artifacts.join('\n')) diffs.push(`${a.input}: artifact lists differ`);
    const sa = new Set(a.findings), sb = new Set(b.findings);
    for (const f of a.findings) if (!sb.has(f)) diffs.push(`${a.input}: only in sequential: ${f.slice(0, 300)}`);
    for (const f of b.findings) if (!sa.has(f)) diffs.push(`${a.input}: only in fast path: ${f.slice(0, 300)}`);
    if (!diffs.length && a.findings.join() !== b.findings.join()) diffs.push(`${a.input}: same findings, different order`);
  }
  return { diffs, sequentialMs: t1 - t0, fastMs: t2 - t1, findings: slow.reduce((n, b) => n + b.findings.length, 0) };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const r = await compareScans(process.argv.slice(2));
  console.log(`${r.findings} findings; sequential ${r.sequentialMs} ms, fast path ${r.fastMs} ms`);
  for (const d of r.diffs) console.log(d);
  process.exit(r.diffs.length ? 1 : 0);
}
