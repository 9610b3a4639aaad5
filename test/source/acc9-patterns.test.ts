// Patterns of the ninth accuracy session (test/fixtures/acc9-patterns, made-up values, each folder scanned as a
// folder as the real apps were).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/acc9-patterns');
const run = async (dir: string) => (await scan({ inputs: [join(FIX, dir)], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
const hosts = (found: Finding[]) =>
  found
    .filter((f) => /^RTC20\d$/.test(f.ruleId))
    .map((f) => `${f.ruleId} ${String(f.properties.host)}`)
    .sort();

describe("a cloud's shared domain", () => {
  it("attributes the host named after the vendor's own account to the vendor, another account's to the app", async () => {
    expect(hosts(await run('account-host'))).toEqual([
      'RTC201 service-fx1demo0-1252463788.gz.apigw.tencentcs.com',
      'RTC202 service-ab12cd34-1300000001.sh.apigw.tencentcs.com',
    ]);
  }, 120_000);
});

describe('code that is not shipped or not code', () => {
  it("reports the hosts of the app's code, not of its unit tests (Jest, spec files, Android src/test)", async () => {
    expect(hosts(await run('test-sources'))).toEqual(['RTC202 api.example-fixture.io', 'RTC202 links.example-fixture.io']);
  }, 120_000);

  it("reads a stylesheet's block comment inside a line of minified rules as prose", async () => {
    expect(hosts(await run('stylesheet'))).toEqual(['RTC202 img.example-fixture.io']);
  }, 120_000);
});
