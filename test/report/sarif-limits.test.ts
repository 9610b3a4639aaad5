// GitHub's upload limits: a log over the gzip size keeps its most severe results and says what it dropped.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { gzipBound, sarifText, GITHUB_LIMITS } from '../../scanner/report/sarif.js';
import type { Finding } from '../../scanner/core/finding.js';
import type { ScanResult } from '../../scanner/engine/scan.js';

function finding(i: number, ruleId: string): Finding {
  // Incompressible messages, so the gzip limit is reached with few results.
  const noise = randomBytes(300).toString('base64');
  return {
    ruleId,
    message: `finding ${i} ${noise}`,
    location: { artifact: `app/file${i}.js`, line: 1, column: 1 },
    properties: { category: ruleId === 'RTC301' ? 'cleartext-id' : 'endpoint', host: `h${i}.example.com` },
    identity: `id${i}`,
  };
}

describe('SARIF size limits', () => {
  it('drops the least severe results to fit the gzipped size, with a notification', () => {
    const rules = defaultRulePack();
    const findings = [...Array.from({ length: 300 }, (_, i) => finding(i, 'RTC202')), ...Array.from({ length: 20 }, (_, i) => finding(1000 + i, 'RTC301'))];
    const result: ScanResult = { bundles: [{ input: 'app', findings, notices: [], artifacts: [] }], startTime: new Date(0), endTime: new Date(0), files: 1, bytes: 1 };
    const limits = { ...GITHUB_LIMITS, maxGzipBytes: 40 * 1024 };
    const text = sarifText(result, { rules, category: 'rtcscan/test/', limits });
    expect(gzipSync(text).length).toBeLessThanOrEqual(limits.maxGzipBytes);
    const run = JSON.parse(text).runs[0];
    expect(run.results.length).toBeLessThan(320);
    expect(run.results.filter((r: any) => r.ruleId === 'RTC301')).toHaveLength(20);
    const note = run.invocations[0].toolExecutionNotifications.find((n: any) => n.descriptor.id === 'report/results-truncated');
    expect(note.message.text).toMatch(/gzipped/);
  });

  it('leaves a log under the limits untouched', () => {
    const rules = defaultRulePack();
    const result: ScanResult = { bundles: [{ input: 'app', findings: [finding(1, 'RTC202')], notices: [], artifacts: [] }], startTime: new Date(0), endTime: new Date(0), files: 1, bytes: 1 };
    const run = JSON.parse(sarifText(result, { rules, category: 'rtcscan/test/' })).runs[0];
    expect(run.results).toHaveLength(1);
    expect(run.invocations[0].toolExecutionNotifications).toEqual([]);
  });

  it('compresses to check only a log whose gzip could pass the limit, and keeps one that compresses under it', () => {
    // The bound holds for data deflate cannot shrink (random bytes), at sizes around its block boundaries.
    for (const n of [0, 1, 100, 16_383, 16_384, 65_537, 1 << 20]) expect(gzipSync(randomBytes(n)).length).toBeLessThanOrEqual(gzipBound(n));
    const rules = defaultRulePack();
    // Repetitive messages: the raw log is over the limit, its gzip under it; nothing is dropped.
    const findings = Array.from({ length: 300 }, (_, i) => ({ ...finding(i, 'RTC202'), message: `finding ${i} ${'x'.repeat(300)}` }));
    const result: ScanResult = { bundles: [{ input: 'app', findings, notices: [], artifacts: [] }], startTime: new Date(0), endTime: new Date(0), files: 1, bytes: 1 };
    const limits = { ...GITHUB_LIMITS, maxGzipBytes: 40 * 1024 };
    const text = sarifText(result, { rules, category: 'rtcscan/test/', limits });
    expect(Buffer.byteLength(text)).toBeGreaterThan(limits.maxGzipBytes);
    expect(JSON.parse(text).runs[0].results).toHaveLength(300);
  });
});
