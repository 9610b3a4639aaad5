// The committed reports of samples/ must be what the scanner produces today, and must pass the SARIF Multitool
// with GitHub's ingestion rules switched on.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers/cli.js';
// @ts-expect-error plain ESM script without types
import { validate } from '../../scripts/validate-sarif.mjs';

const committed = join(ROOT, 'reports');
let fresh: string;

beforeAll(() => {
  fresh = tempDir('rtcscan-reports-');
  const r = spawnSync(process.execPath, ['scripts/scan-samples.mjs', '--out', fresh], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
});

describe('sample reports', () => {
  it('are up to date (run `npm run scan:samples` after changing scanner/ or rules/)', () => {
    const names = readdirSync(fresh).filter((f) => /\.(sarif|txt|html|md|cdx\.json|datasafety\.json|datasafety\.csv)$/.test(f)).sort();
    expect(names.length).toBeGreaterThanOrEqual(22);
    expect(names).toContain('web-release.diff.md');
    for (const name of names) {
      expect(readFileSync(join(fresh, name), 'utf8'), `reports/${name} drifted`).toBe(readFileSync(join(committed, name), 'utf8'));
    }
  });

  it('are byte-identical when the same input is scanned twice', () => {
    const again = tempDir('rtcscan-reports-');
    const r = spawnSync(process.execPath, ['scripts/scan-samples.mjs', '--out', again], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const name of readdirSync(fresh)) expect(readFileSync(join(again, name))).toEqual(readFileSync(join(fresh, name)));
  });

  it('pass the SARIF Multitool with GitHub rules: 0 errors, 0 warnings', () => {
    for (const name of readdirSync(committed).filter((f) => f.endsWith('.sarif'))) {
      const v = validate(join(committed, name));
      expect({ file: name, errors: v.errors, warnings: v.warnings }).toEqual({ file: name, errors: [], warnings: [] });
    }
  });

  it('carry what GitHub needs beyond the schema', () => {
    for (const name of readdirSync(committed).filter((f) => f.endsWith('.sarif'))) {
      const log = JSON.parse(readFileSync(join(committed, name), 'utf8'));
      expect(log.runs).toHaveLength(1);
      const run = log.runs[0];
      expect(run.automationDetails.id).toMatch(/^rtcscan\/[a-z-]+\/$/);
      for (const rule of run.tool.driver.rules) {
        expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
        expect(rule.help.text.length).toBeGreaterThan(40);
        if (rule.properties.tags.includes('security')) expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
      }
      for (const res of run.results) {
        expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
        const loc = res.locations[0].physicalLocation;
        expect(loc.artifactLocation.uri).not.toMatch(/^(\/|[a-z]+:)/i);
        expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
        expect(res.partialFingerprints['rtcscanFindingHash/v1']).toMatch(/^[0-9a-f]{32}$/);
        expect(res.properties.category).toBeTruthy();
      }
    }
  });
});
