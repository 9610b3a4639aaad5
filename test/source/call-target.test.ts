// The other party of a 1:1 call or chat is a user: `targetId` (RongCloud IM's conversation target, chat apps' call
// APIs) posted over http is an identifier flow; a bare `target` (a name, here) is not (rules/vocabulary.yaml).
// Fixture: test/fixtures/call-target (made-up LAN host).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { ROOT } from '../helpers/cli.js';

describe('the other party of a call', () => {
  it('reports targetId in a request body sent in cleartext, and not an unnamed target', async () => {
    const result = await scan({ inputs: [join(ROOT, 'test/fixtures/call-target')], rules: defaultRulePack(), workers: 0 });
    const flows = result.bundles.flatMap((b) => b.findings).filter((f) => f.ruleId === 'RTC301');
    expect(flows.map((f) => `${f.location?.line} ${String(f.properties.identifier)}`)).toEqual(['5 targetId']);
    expect(flows[0]!.properties.host).toBe('10.1.2.3');
  }, 60_000);
});
