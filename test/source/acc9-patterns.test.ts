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

describe('static media over http', () => {
  it('reports no cleartext endpoint for a whole URL of a fixed image or audio file, and keeps the others', async () => {
    const found = await run('static-media');
    const cleartext = found.filter((f) => f.ruleId === 'RTC302').map((f) => `${String(f.location?.artifact.split('/').pop())} ${String(f.properties.host)}`).sort();
    expect(cleartext).toEqual(['live.js live.example-fixture.io', 'profile.js api.example-fixture.io', 'profile.js avatars.example-fixture.io']);
    expect(hosts(found)).toContain('RTC202 media.example-fixture.io');
  }, 120_000);
});

describe("a common library's build committed with the app", () => {
  it("is that library's code: no credential or cleartext finding in it, its hosts grouped; the app's page still reports", async () => {
    const found = await run('library-build');
    const inLib = found.filter((f) => f.location?.artifact.endsWith('libs/tim-wx.js'));
    expect(inLib.filter((f) => /^RTC(30\d|40\d)$/.test(f.ruleId))).toEqual([]);
    const grouped = inLib.filter((f) => f.properties.dependency).map((f) => [f.ruleId, f.properties.dependency, f.properties.hosts]);
    expect(grouped).toEqual([['RTC202', 'tim-js-sdk', ['img.example-fixture.io', 'report.example-fixture.io']]]);
    const page = found.filter((f) => f.location?.artifact.endsWith('pages/room.js')).map((f) => f.ruleId).sort();
    expect(page).toEqual(['RTC202', 'RTC301', 'RTC302', 'RTC401']);
  }, 120_000);
});
