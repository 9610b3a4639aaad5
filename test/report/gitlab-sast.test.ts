// `--format gitlab-sast` / `-o gl-sast-report.json`: GitLab's SAST report for the samples, validated against GitLab's
// own schema (test/fixtures/gitlab, vendored with its source), and carrying the same results as the SARIF log.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/gitlab/sast-report-format-15.0.7.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function valid(report: unknown): void {
  const ok = validate(report);
  expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
}

const SAMPLES = ['samples/android/club.apk', 'samples/ios/Club.ipa', 'samples/web/dist', 'samples/clean/dist'];

describe('GitLab SAST report', () => {
  for (const sample of SAMPLES) {
    it(`${sample}: valid against GitLab's schema 15.0.7, one vulnerability per SARIF result`, () => {
      const dir = tempDir();
      const r = runCli(['scan', join(ROOT, sample), '-q', '--fail-on', 'none', '-o', join(dir, 'gl-sast-report.json'), '-o', join(dir, 'r.sarif')], ROOT);
      expect(r.code, r.stderr).toBe(0);
      const gl = JSON.parse(readFileSync(join(dir, 'gl-sast-report.json'), 'utf8'));
      const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'));
      valid(gl);
      expect(gl.version).toBe('15.0.7');
      expect(gl.scan.type).toBe('sast');
      expect(gl.scan.status).toBe('success');
      const results = sarif.runs[0].results;
      expect(gl.vulnerabilities).toHaveLength(results.length);
      // Same order, same rule, same (masked) message, the location's file and line.
      gl.vulnerabilities.forEach((v: any, i: number) => {
        expect(v.identifiers[0]).toMatchObject({ type: 'rtcscan_rule_id', value: results[i].ruleId });
        expect(v.description).toBe(results[i].message.text);
        expect(v.location.start_line).toBe(results[i].locations[0].physicalLocation.region.startLine);
        expect(encodeURI(v.location.file)).toBe(results[i].locations[0].physicalLocation.artifactLocation.uri);
      });
      const ids = gl.vulnerabilities.map((v: any) => v.id);
      expect(new Set(ids).size).toBe(ids.length);
    });
  }

  it('maps severities: security rules by security-severity, CWE identifiers from the rule tags', () => {
    const dir = tempDir();
    runCli(['scan', join(ROOT, 'samples/android/club.apk'), '-q', '--format', 'gitlab-sast', '-o', join(dir, 'r.sarif')], ROOT);
    const r = runCli(['scan', join(ROOT, 'samples/android/club.apk'), '-q', '--fail-on', 'none', '--format', 'gitlab-sast'], ROOT);
    const gl = JSON.parse(r.stdout);
    valid(gl);
    const rules = new Map<string, any>(JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')).runs[0].tool.driver.rules.map((x: any) => [x.id, x]));
    const severities = new Set<string>();
    for (const v of gl.vulnerabilities) {
      const rule = rules.get(v.identifiers[0].value);
      const ss = Number(rule.properties['security-severity']);
      const expected = ss >= 9 ? 'Critical' : ss >= 7 ? 'High' : ss >= 4 ? 'Medium' : ss > 0 ? 'Low' : undefined;
      if (expected) expect(v.severity).toBe(expected);
      severities.add(v.severity);
      const cwes = (rule.properties.tags as string[]).filter((t) => t.startsWith('external/cwe/'));
      expect(v.identifiers.filter((x: any) => x.type === 'cwe').map((x: any) => `external/cwe/cwe-${x.value}`)).toEqual(cwes);
    }
    expect(severities.size).toBeGreaterThanOrEqual(2);
  });

  it('an unreadable input gives status failure and a message, still valid', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'app.ipa'), 'not a zip at all');
    const r = runCli(['scan', 'app.ipa', '-o', 'gl-sast-report.json'], dir);
    expect(r.code).toBe(2);
    const gl = JSON.parse(readFileSync(join(dir, 'gl-sast-report.json'), 'utf8'));
    valid(gl);
    expect(gl.scan.status).toBe('failure');
    expect(gl.scan.messages[0].value).toMatch(/not a zip archive/);
  });

  it('the schema itself rejects what GitLab would reject (the validation can fail)', () => {
    const r = runCli(['scan', join(ROOT, 'samples/android/club.apk'), '-q', '--fail-on', 'none', '--format', 'gitlab-sast'], ROOT);
    const gl = JSON.parse(r.stdout);
    expect(gl.vulnerabilities.length).toBeGreaterThan(0);
    for (const broken of [
      { ...gl, scan: { ...gl.scan, start_time: new Date().toISOString() } },
      { ...gl, vulnerabilities: [{ ...gl.vulnerabilities[0], severity: 'Severe' }] },
      { ...gl, vulnerabilities: [{ ...gl.vulnerabilities[0], identifiers: [] }] },
    ]) expect(validate(broken)).toBe(false);
  });
});
