// The read pool's worker side (read-worker.ts) drops a vendor build's unread literals as the script lane's worker
// does: on a vendor production build from npm, read as shipped, fewer strings travel back and every check finds the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../checks/index.js';
import { literalReadsOf } from '../checks/string-reads.js';
import { defaultRulePack } from '../rules/pack.js';
import { runChecks } from '../../test/checks/harness.js';
import readTask from './read-worker.js';

const rules = defaultRulePack();
const build = 'node_modules/agora-rtc-sdk-ng/AgoraRTC_N-production.js';

describe('read pool worker (read-worker.ts)', () => {
  it('drops the literals of a vendor build that no check reads, with the same findings', async () => {
    const task = () => ({ data: new Uint8Array(readFileSync(build)), path: 'www/lib/AgoraRTC_N-production.js', maxStrings: 500_000 });
    const whole = await readTask(task());
    const dropped = await readTask({ ...task(), literalReads: literalReadsOf(ALL_CHECKS)! });
    expect(whole.meta.vendorBuild).toBe('agora');
    expect(dropped.strings.length).toBeLessThan(whole.strings.length / 2);
    const findings = runChecks([...ALL_CHECKS], [dropped], { pack: rules });
    expect(findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(findings)).toBe(JSON.stringify(runChecks([...ALL_CHECKS], [whole], { pack: rules })));
  }, 120_000);
});
