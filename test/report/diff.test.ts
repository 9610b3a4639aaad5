// `rtcscan diff`: what changed between two releases' reports. Inputs are the committed sample reports (real scanner
// output) and copies of them changed the way a later release or a hostile report would change them.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { countChanges, diffReports } from '../../scanner/report/diff.js';
import { diffToMarkdown, diffToText } from '../../scanner/report/diff-render.js';

const load = (name: string): Sarif.Log => JSON.parse(readFileSync(join(ROOT, 'reports', name), 'utf8'));
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('release diff', () => {
  it('a report against itself: nothing appeared, nothing went away', () => {
    const web = load('web.sarif');
    const d = diffReports(web, clone(web), { old: 'a', new: 'b' });
    // A grouped result (hosts in a vendor's own code) is compared host by host: one item per listed host.
    const items = web.runs[0]!.results!.reduce((n, r) => {
      const hosts = (r.properties as { hosts?: string[] } | undefined)?.hosts;
      return n + (Array.isArray(hosts) && hosts.length ? new Set(hosts).size : 1);
    }, 0);
    expect(items).toBeGreaterThan(web.runs[0]!.results!.length);
    expect(countChanges(d)).toEqual({ appeared: 0, disappeared: 0, unchanged: items });
  });

  it('the sample releases: 1.1 adds the cleartext flows, the hardcoded App ID and the token-less join', () => {
    const d = diffReports(load('web-1.0.sarif'), load('web.sarif'), { old: 'web-1.0.sarif', new: 'web.sarif' });
    const appeared = (id: string) => d.sections.find((s) => s.id === id)!.appeared.map((i) => i.ruleId).sort();
    // Five RTC301: the uid in the socket URL and the one WebSocket.send sends to the same URL are two request sites.
    expect(appeared('flows')).toEqual(['RTC301', 'RTC301', 'RTC301', 'RTC301', 'RTC301', 'RTC302', 'RTC302']);
    expect(appeared('credentials')).toEqual(['RTC401', 'RTC404']);
    expect(appeared('sessions')).toContain('RTC304');
    expect(appeared('policy')).toEqual(['RTC501']);
    // The SDK's own endpoints are the same in both releases although the builds sit in different folders.
    const endpoints = d.sections.find((s) => s.id === 'endpoints')!;
    expect(endpoints.unchanged).toBeGreaterThan(100);
    expect(endpoints.disappeared).toEqual([]);
    expect(d.vendors).toEqual({ appeared: [], disappeared: [] });
  });

  it('a vendor that went away and one that arrived are named, with the new endpoint jurisdictions', () => {
    const d = diffReports(load('android.sarif'), load('web.sarif'), { old: 'a', new: 'b' });
    const ios = diffReports(load('clean.sarif'), load('ios.sarif'), { old: 'a', new: 'b' });
    expect(ios.vendors.appeared).toContain('agora');
    expect(ios.jurisdictions.appeared).toContain('CN');
    expect(countChanges(d).appeared).toBeGreaterThan(0);
    const back = diffReports(load('ios.sarif'), load('clean.sarif'), { old: 'a', new: 'b' });
    expect(back.vendors.disappeared).toContain('agora');
  });

  it('hostile text in a report cannot break out of markdown or start a CI log line', () => {
    const old = load('clean.sarif');
    const hostile = clone(old);
    const r = clone(load('web.sarif').runs[0]!.results!.find((x) => x.ruleId === 'RTC301')!);
    r.message.text = 'x ``` </details>\n::error file=a::pwned\r\n##vso[task.setvariable]1 \u001b]0;clean\u0007 \u202etxt.exe';
    r.partialFingerprints = { 'rtcscanFindingHash/v1': 'f'.repeat(32) };
    hostile.runs[0]!.results!.push(r);
    const d = diffReports(old, hostile, { old: 'old.sarif', new: 'new\n::warning::x.sarif' });
    for (const out of [diffToMarkdown(d), diffToText(d)]) {
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
      for (const line of out.split('\n')) expect(line).not.toMatch(/^\s*(::|##vso\[)/);
    }
    const md = diffToMarkdown(d);
    // The message sits in a code span whose fence is longer than any backtick run inside it.
    expect(md).toContain('````x ``` </details>\\n::error file=a::pwned');
  });

  it('CLI: formats by extension, --fail-on, and one-line refusals', () => {
    const dir = tempDir('rtcscan-diff-');
    const ok = runCli(['diff', join(ROOT, 'reports/web-1.0.sarif'), join(ROOT, 'reports/web.sarif'), '-o', join(dir, 'd.md'), '-o', join(dir, 'd.json')], dir);
    expect(ok.code).toBe(0);
    expect(readFileSync(join(dir, 'd.md'), 'utf8')).toContain('### rtcscan release diff');
    expect(JSON.parse(readFileSync(join(dir, 'd.json'), 'utf8')).counts.appeared).toBeGreaterThan(5);
    const gate = runCli(['diff', join(ROOT, 'reports/web-1.0.sarif'), join(ROOT, 'reports/web.sarif'), '--fail-on', 'error'], dir);
    expect(gate.code).toBe(1);
    const same = runCli(['diff', join(ROOT, 'reports/web.sarif'), join(ROOT, 'reports/web.sarif'), '--fail-on', 'note'], dir);
    expect(same.code).toBe(0);

    writeFileSync(join(dir, 'not.sarif'), '{"secret": "hunter2"');
    const bad = runCli(['diff', join(dir, 'not.sarif'), join(ROOT, 'reports/web.sarif')], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).not.toContain('hunter2');

    execFileSync('mkfifo', [join(dir, 'pipe.sarif')]);
    const fifo = runCli(['diff', join(dir, 'pipe.sarif'), join(ROOT, 'reports/web.sarif')], dir);
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toMatch(/not a regular file/);

    const clash = runCli(['diff', join(dir, 'd.json'), join(ROOT, 'reports/web.sarif'), '-o', join(dir, 'd.json')], dir);
    expect(clash.code).toBe(2);
  });
});
