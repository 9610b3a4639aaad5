// The countries-of-concern section of the HTML report (scanner/report/html-concern.ts): rendered from a real scan
// of the iOS sample under the us-doj-28cfr202 preset, absent without a policy, and escaping what the bundle controls.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { scan, type ScanResult } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { ALL_CHECKS } from '../../scanner/checks/index.js';
import { resolveConfig } from '../../scanner/config/load.js';
import { policyCheck } from '../../scanner/config/policy.js';
import { applyConfig } from '../../scanner/config/apply.js';
import { toHtml } from '../../scanner/report/html.js';
import { concernSection } from '../../scanner/report/html-concern.js';
import { CONCERN_LIMITS } from '../../scanner/report/concern.js';

const ROOT = join(import.meta.dirname, '../..');
const rules = defaultRulePack();
const IPA = join(ROOT, 'samples/ios/Club.ipa');

describe('HTML countries-of-concern section', () => {
  it('shows Agora (CN) with its endpoints, session identifiers and the limits of static analysis', async () => {
    const cfg = resolveConfig({ policy: { presets: ['us-doj-28cfr202'] } }, undefined, rules);
    const result = await scan({ inputs: [IPA], rules, workers: 0, checks: [...ALL_CHECKS, policyCheck(cfg.policy)] });
    applyConfig(result, rules, cfg); // RTC502 from the preset, as `rtcscan scan` applies the config
    const page = toHtml(result, rules);
    const section = page.slice(page.indexOf('<section id="concern">'), page.indexOf('</section>', page.indexOf('<section id="concern">')));
    expect(section).toContain('<h2>Countries of concern</h2>');
    expect(section).toMatch(/<h3>Agora <span class="muted">\(CN · PRC/);
    expect(section).toContain('preset us-doj-28cfr202 (CN)');
    expect(section).toContain('<code>statscollector.sd-rtn.com</code>');
    expect(section).toContain('channel (session argument)');
    expect(section).toContain('uid (session argument)');
    expect(section).toContain('4.3.0'); // the framework's version from its Info.plist
    expect(section).toContain(CONCERN_LIMITS);
  });

  it('is absent when no policy flags a vendor', async () => {
    const result = await scan({ inputs: [IPA], rules, workers: 0 });
    expect(concernSection(result, rules).html).toBe('');
    expect(toHtml(result, rules)).not.toContain('id="concern"');
  });

  it('escapes hosts and identifiers taken from the bundle', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const loc = { artifact: 'x.ipa!/Payload/A.app/A' };
    const result: ScanResult = {
      bundles: [
        {
          input: 'x.ipa',
          notices: [],
          artifacts: [],
          findings: [
            { ruleId: 'RTC502', message: 'm', location: loc, properties: { category: 'jurisdiction', vendor: 'agora', deniedBy: [evil] }, identity: '1' },
            { ruleId: 'RTC201', message: 'm', location: loc, properties: { category: 'endpoint', vendor: 'agora', host: evil }, identity: '2' },
            { ruleId: 'RTC303', message: 'm', location: loc, properties: { category: 'jurisdiction', vendor: 'agora', identifier: evil, host: 'a.agora.io' }, identity: '3' },
          ],
        },
      ],
      startTime: new Date(0),
      endTime: new Date(0),
      files: 1,
      bytes: 1,
    };
    const out = concernSection(result, rules).html;
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
