// A call's snippet is shown as is by every report: minified code inlines credential literals into the call, so the
// snippet must mask them as the messages do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { maskCredentialsIn } from '../../scanner/checks/vendor-calls.js';

const APP_ID = '5f3c1d2e8a9b4c7d6e0f1a2b3c4d5e6f';
const dir = mkdtempSync(join(tmpdir(), 'rtcscan-snippet-mask-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('credential literals in call snippets', () => {
  it('are masked in every finding of a minified one-line call', async () => {
    const file = join(dir, 'app.min.js');
    writeFileSync(file, `import A from"agora-rtc-sdk-ng";const c=A.createClient({mode:"rtc",codec:"vp8"});c.join("${APP_ID}","room-1",null,42);\n`);
    const r = await scan({ inputs: [file], rules: defaultRulePack(), workers: 0 });
    const findings = r.bundles[0]!.findings;
    const withSnippet = findings.filter((f) => f.location.snippet?.includes('c.join('));
    expect(withSnippet.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['RTC102', 'RTC401', 'RTC404']));
    for (const f of findings) expect(JSON.stringify(f)).not.toContain(APP_ID);
    expect(withSnippet[0]!.location.snippet).toContain('"5f3c…5e6f"');
  });

  it('masks a value the snippet cut short, and leaves other arguments alone', () => {
    const args = { appId: { kind: 'string' as const, value: APP_ID }, channel: { kind: 'string' as const, value: 'room-12345' } };
    expect(maskCredentialsIn(`x.join("${APP_ID.slice(0, 20)}…`, args)).toBe('x.join("5f3c…');
    expect(maskCredentialsIn(`x.join("${APP_ID}","room-12345")`, args)).toBe('x.join("5f3c…5e6f","room-12345")');
  });
});
