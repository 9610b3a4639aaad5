// Patterns of the eighth accuracy session (test/fixtures/acc8-patterns, made-up values, each folder scanned as a
// folder as the real apps were).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/acc8-patterns');
const run = async (dir: string) => (await scan({ inputs: [join(FIX, dir)], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
const at = (f: Finding) => `${f.location?.artifact.split('/').slice(-2).join('/')}:${f.location?.line}`;

describe('URLs written around a host constant', () => {
  it('reports the origin a file writes as `http://${host}:port` with the host from a constant (imported or local)', async () => {
    const found = await run('template-host');
    const cleartext = found.filter((f) => f.ruleId === 'RTC302').map((f) => `${at(f)} ${String(f.properties.host)}`).sort();
    // Once per file and origin (the first request), as for literal URLs; nothing for a host unknown statically.
    expect(cleartext).toEqual(['screens/Feed.js:4 feed.example-fixture.io', 'screens/Inbox.js:5 10.20.30.40']);
    // The private address the requests go to is an internal endpoint of the file that writes them.
    expect(found.filter((f) => f.ruleId === 'RTC204').map((f) => `${at(f)} ${String(f.properties.host)}`)).toEqual(['screens/Inbox.js:5 10.20.30.40']);
    expect(found.some((f) => f.location?.artifact.endsWith('Share.js') && /^RTC(20\d|30\d)$/.test(f.ruleId))).toBe(false);
  }, 120_000);
});

describe('Java library archives committed with the app', () => {
  it("groups a jar's hosts as that library's and reports only the app's own URLs", async () => {
    const found = await run('library-jar');
    const endpoints = found.filter((f) => /^RTC(20\d|302)$/.test(f.ruleId));
    const own = endpoints.filter((f) => f.properties.host).map((f) => `${f.ruleId} ${at(f)} ${String(f.properties.host)}`).sort();
    expect(own).toEqual(['RTC202 app/Api.java:4 api.example-fixture.io', 'RTC302 app/Api.java:4 api.example-fixture.io']);
    const grouped = endpoints.filter((f) => f.properties.dependency);
    expect(grouped.map((f) => [f.ruleId, f.properties.dependency, f.properties.hosts])).toEqual([['RTC202', 'tiles-sdk.jar', ['stats.example-fixture.io', 'tiles.example-fixture.io']]]);
  }, 120_000);
});

describe('session starts in app code the model did not reach', () => {
  const sessions = (f: Finding[]) => f.filter((x) => x.ruleId === 'RTC102').map((x) => `${at(x)} ${String(x.properties.vendor)} ${String(x.properties.kind)}`).sort();

  it("counts an app's own Kotlin source under the SDK vendor's namespace as app code", async () => {
    expect(sessions(await run('vendor-namespace-app'))).toEqual(['calls/CallClient.kt:13 twilio join']);
  }, 120_000);

  it('follows a Vue component method called as this.join(this.client) to the client another method created', async () => {
    expect(sessions(await run('vue-methods'))).toEqual(['views/Room.vue:14 tencent-trtc init', 'views/Room.vue:19 tencent-trtc join']);
  }, 120_000);
});
