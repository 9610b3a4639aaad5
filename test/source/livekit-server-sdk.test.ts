// LiveKit's server SDK (rules/vendors/livekit.yaml, server-* apis): the key and secret literals its constructors take
// are credentials wherever the code runs; values read from the environment are not. Fixture: made-up values.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { ROOT } from '../helpers/cli.js';

describe('livekit-server-sdk', () => {
  it('reports the API key and secret passed to new AccessToken, and nothing for environment values', async () => {
    const result = await scan({ inputs: [join(ROOT, 'test/fixtures/livekit-server')], rules: defaultRulePack(), workers: 0 });
    const findings = result.bundles.flatMap((b) => b.findings);
    const creds = findings.filter((f) => /^RTC40/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.location?.line} ${String(f.properties.vendor)} ${f.message.includes(f.ruleId === 'RTC401' ? 'APIf…0001' : 'fixt…fXYZ')}`);
    expect(creds.sort()).toEqual(['RTC401 5 livekit true', 'RTC402 5 livekit true']);
  }, 60_000);
});
