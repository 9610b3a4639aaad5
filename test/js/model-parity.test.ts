// The JS code model matched by the checks finds exactly the vendor API uses the reader's own matcher found (same
// vendor, API, position, callee and argument values by role), on every JS input the tests use: fixtures, the
// samples, the dev corpus (bundles with source maps, cross-module apps) and every vendor production build from npm
// (as shipped, renamed out of node_modules, and with app code appended). Real apps: scripts/js-model-parity.mjs.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { ensureCorpus, outDir, corpusDir } from './corpus.js';
import { jsFilesUnder, parityOf, type Parity } from './model-parity.js';
// @ts-ignore plain .mjs shared with the benchmark (no types)
import { installedBuilds } from '../../bench/vendor-builds.mjs';

const rules = defaultRulePack();
const dir = mkdtempSync(join(tmpdir(), 'rtcscan-model-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(files: Array<{ file: string; artifact?: string }>): Promise<{ results: Parity[]; uses: number }> {
  const results: Parity[] = [];
  for (const { file, artifact } of files) results.push(await parityOf(file, rules, artifact));
  return { results, uses: results.reduce((n, r) => n + r.uses, 0) };
}

const differences = (results: Parity[]) => results.filter((r) => r.onlyReader.length || r.onlyModel.length).map((r) => ({ file: r.file, onlyReader: r.onlyReader, onlyModel: r.onlyModel }));

describe('JS vendor API uses: code model vs the reader', () => {
  it('fixtures and samples', async () => {
    const files = [...jsFilesUnder('test/fixtures'), ...jsFilesUnder('samples')].map((file) => ({ file }));
    const { results, uses } = await run(files);
    expect(differences(results)).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect(uses).toBeGreaterThanOrEqual(60);
  }, 300_000);

  it('the dev corpus: bundles with source maps and multi-module apps', async () => {
    await ensureCorpus();
    const files = [...jsFilesUnder(outDir), ...jsFilesUnder(join(corpusDir, 'apps'))].map((file) => ({ file }));
    const { results, uses } = await run(files);
    expect(differences(results)).toEqual([]);
    expect(uses).toBeGreaterThanOrEqual(50);
  }, 300_000);

  it('vendor production builds from npm, renamed and with app code appended', async () => {
    const builds = installedBuilds() as Array<{ vendor: string; pkg: string; file: string; path: string }>;
    const APP = 'var client = AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });\nclient.join("5f3c1d2e8a9b4c7d6e0f1a2b3c4d5e6f", "room-1", null, 42);\n';
    const files: Array<{ file: string; artifact?: string }> = [];
    builds.forEach((b, i) => {
      const renamed = join(dir, `static-${i}.js`);
      copyFileSync(b.path, renamed);
      const appended = join(dir, `appended-${i}.js`);
      writeFileSync(appended, readFileSync(b.path, 'utf8') + '\n' + APP);
      files.push({ file: renamed }, { file: appended });
    });
    const { results, uses } = await run(files);
    expect(differences(results)).toEqual([]);
    expect(uses).toBeGreaterThanOrEqual(builds.length); // the appended app's calls at least
  }, 600_000);
});
