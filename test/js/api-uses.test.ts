// The JS reader's vendor API uses (the checks' matches of its code model) on every JS input the tests use stay
// exactly the frozen ones in test/js/expected/api-uses.json: fixtures, samples, the dev corpus (bundles with
// source maps, cross-module apps) and every vendor production build from npm (as shipped, renamed out of
// node_modules, and with app code appended). The expected lists were first made by the reader's former matcher
// (apis.ts) while the code model agreed with it on every input; `npm run js:expected` regenerates them after an
// intended change (review the diff).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { ensureCorpus, outDir, corpusDir } from './corpus.js';
import { jsFilesUnder, usesOf, vendorInputs } from './api-uses.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EXPECTED = join(ROOT, 'test/js/expected/api-uses.json');
const update = process.env.RTCSCAN_UPDATE_EXPECTED === '1';
const rules = defaultRulePack();
const dir = mkdtempSync(join(tmpdir(), 'rtcscan-api-uses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Group = Record<string, string[]>;
const expected: Record<string, Group> = existsSync(EXPECTED) ? JSON.parse(readFileSync(EXPECTED, 'utf8')) : {};
const actual: Record<string, Group> = {};

async function check(group: string, files: Array<{ name: string; file: string }>): Promise<Group> {
  const got: Group = {};
  for (const { name, file } of files) got[name] = await usesOf(file, rules);
  actual[group] = got;
  if (update) {
    const all = existsSync(EXPECTED) ? JSON.parse(readFileSync(EXPECTED, 'utf8')) : {};
    all[group] = got;
    writeFileSync(EXPECTED, JSON.stringify(all, null, 1) + '\n');
  } else {
    expect(got).toEqual(expected[group]);
  }
  return got;
}

const count = (g: Group) => Object.values(g).reduce((n, l) => n + l.length, 0);
const rel = (f: string) => relative(ROOT, f);

describe('JS vendor API uses stay the frozen ones', () => {
  it('fixtures and samples', async () => {
    const files = [...jsFilesUnder(join(ROOT, 'test/fixtures')), ...jsFilesUnder(join(ROOT, 'samples'))].map((file) => ({ name: rel(file), file }));
    const got = await check('fixtures and samples', files);
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect(count(got)).toBeGreaterThanOrEqual(60);
  }, 300_000);

  it('the dev corpus: bundles with source maps and multi-module apps', async () => {
    await ensureCorpus();
    const files = [...jsFilesUnder(outDir), ...jsFilesUnder(join(corpusDir, 'apps'))].map((file) => ({ name: relative(corpusDir, file), file }));
    const got = await check('dev corpus', files);
    expect(count(got)).toBeGreaterThanOrEqual(50);
  }, 300_000);

  it('vendor production builds from npm, renamed and with app code appended', async () => {
    const files = vendorInputs(dir);
    const got = await check('vendor builds', files);
    // The appended app's calls at least.
    expect(count(got)).toBeGreaterThanOrEqual(files.length / 2);
  }, 600_000);
});
