// The checks stay linear on large bundles: many strings, and single huge strings that contain keywords.
import { describe, it, expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sdkCheck } from '../../scanner/checks/sdk.js';
import { credentialsCheck } from '../../scanner/checks/credentials.js';
import { encryptionCheck } from '../../scanner/checks/encryption.js';
import { residencyCheck } from '../../scanner/checks/residency.js';
import type { StringFact } from '../../scanner/core/facts.js';
import { runChecks, facts } from './harness.js';

describe('scale', () => {
  it('200k strings and a 4 MB keyword-laden literal: bounded time, findings capped per string', () => {
    const strings: StringFact[] = [];
    for (let i = 0; i < 200_000; i++) {
      const hex = randomBytes(16).toString('hex');
      strings.push({ value: i % 10 === 0 ? `agora ${hex}` : i % 3 === 0 ? hex : `label_${i}`, kind: 'literal', line: i + 1 });
    }
    // One enormous string of keyword-and-candidate pairs (a minified data blob).
    strings.push({ value: 'agora userSig sdkappid 006 007eJ '.repeat(50_000) + randomBytes(16).toString('hex').repeat(60_000), kind: 'literal', line: 300_000 });
    const t0 = performance.now();
    const f = runChecks([sdkCheck, credentialsCheck, encryptionCheck, residencyCheck], [facts('big.js', 'js', { strings })]);
    const ms = performance.now() - t0;
    // 20,000 strings name agora next to a random 32-hex value; the 4 MB string yields at most 20 candidates.
    const appIds = f.filter((x) => x.ruleId === 'RTC401');
    expect(appIds.length).toBeGreaterThanOrEqual(20_000);
    expect(appIds.length).toBeLessThanOrEqual(20_021);
    expect(ms).toBeLessThan(20_000);
    console.log(`scale: ${strings.length} strings, ${f.length} findings in ${Math.round(ms)} ms`);
  });
});
