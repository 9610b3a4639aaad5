// The baseline comparison and the allowed-endpoint matcher on hand-made logs: edge cases the end-to-end test
// does not reach (baseline-absent results, rule index remapping, suffix matching).
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { addAbsentResults, baselineState, readBaseline } from '../../scanner/report/baseline.js';
import { hostAllowed } from '../../scanner/config/apply.js';
import { tempDir } from '../helpers/cli.js';

const result = (ruleId: string, fp: string, extra: Partial<Sarif.Result> = {}): Sarif.Result => ({
  ruleId,
  ruleIndex: 7,
  level: 'warning',
  message: { text: `m ${fp}` },
  locations: [{ physicalLocation: { artifactLocation: { uri: 'a.js', index: 3 }, region: { startLine: 1 } } }],
  partialFingerprints: { 'rtcscanFindingHash/v1': fp },
  ...extra,
});
const log = (results: Sarif.Result[], rules: string[] = []): Sarif.Log => ({
  version: '2.1.0',
  runs: [{ tool: { driver: { name: 'rtcscan', rules: rules.map((id) => ({ id })) } }, results }],
});

function baselineOf(l: Sarif.Log) {
  const file = join(tempDir('rtcscan-baseline-unit-'), 'b.sarif');
  writeFileSync(file, JSON.stringify(l));
  return readBaseline(file);
}

describe('baseline comparison', () => {
  const b = baselineOf(log([result('RTC201', 'a'), result('RTC202', 'b'), result('RTC203', 'c', { baselineState: 'absent' })]));

  it('states by rule id + fingerprint; message or level changes are updates', () => {
    expect(baselineState(b, 'RTC201', 'a', 'm a', 'warning')).toBe('unchanged');
    expect(baselineState(b, 'RTC201', 'a', 'm a (2 occurrences)', 'warning')).toBe('updated');
    expect(baselineState(b, 'RTC201', 'a', 'm a', 'error')).toBe('updated');
    expect(baselineState(b, 'RTC202', 'a', 'm a', 'warning')).toBe('new'); // same hash, other rule
    expect(baselineState(b, 'RTC203', 'c', 'm c', 'warning')).toBe('new'); // absent in the baseline itself
  });

  it('copies vanished results as absent, remapping the rule index and dropping artifact indexes', () => {
    const current = log([result('RTC201', 'a')], ['RTC101', 'RTC201', 'RTC202']);
    expect(addAbsentResults(current, b)).toBe(1);
    const absent = current.runs[0].results![1];
    expect(absent.baselineState).toBe('absent');
    expect(absent.ruleId).toBe('RTC202');
    expect(absent.ruleIndex).toBe(2);
    expect(absent.locations![0].physicalLocation!.artifactLocation).toEqual({ uri: 'a.js' });
  });

  it('rejects what is not a SARIF 2.1.0 log', () => {
    const file = join(tempDir('rtcscan-baseline-unit-'), 'x.sarif');
    writeFileSync(file, JSON.stringify({ version: '2.0.0', runs: [] }));
    expect(() => readBaseline(file, 'x.sarif')).toThrow('baseline x.sarif is not a SARIF 2.1.0 log');
    writeFileSync(file, '{');
    expect(() => readBaseline(file, 'x.sarif')).toThrow(/^cannot read baseline x\.sarif: /);
  });
});

describe('allowedEndpoints matching', () => {
  it('exact hosts and .suffix patterns, case-insensitive, no partial labels', () => {
    expect(hostAllowed('api.example.com', ['api.example.com'])).toBe(true);
    expect(hostAllowed('x.api.example.com', ['api.example.com'])).toBe(false);
    expect(hostAllowed('example.net', ['.example.net'])).toBe(true);
    expect(hostAllowed('A.B.Example.NET.', ['.example.net'])).toBe(true);
    expect(hostAllowed('badexample.net', ['.example.net'])).toBe(false);
  });
});
