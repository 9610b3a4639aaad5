// Policy presets (rules/policies/): named jurisdiction sets switched on from the config.
import { describe, expect, it } from 'vitest';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { resolveConfig, ConfigError } from '../../scanner/config/load.js';
import { denialOf, presetFlags } from '../../scanner/config/policy.js';

const rules = defaultRulePack();

describe('policy presets', () => {
  it('ship as rule data with sources', () => {
    expect([...rules.presets.keys()].sort()).toEqual(['eu-third-countries', 'us-doj-28cfr202']);
    for (const p of rules.presets.values()) expect(p.sources.length).toBeGreaterThan(0);
  });

  it('us-doj-28cfr202 flags the six countries of concern with Hong Kong and Macau, nothing else', () => {
    const p = rules.presets.get('us-doj-28cfr202')!;
    for (const c of ['CN', 'HK', 'MO', 'CU', 'IR', 'KP', 'RU', 'VE']) expect(presetFlags(p, c)).toBe(true);
    for (const c of ['US', 'SG', 'TW', 'DE', 'ZZ']) expect(presetFlags(p, c)).toBe(false);
  });

  it('eu-third-countries flags what is neither EEA nor adequate; a protocol without a country never', () => {
    const p = rules.presets.get('eu-third-countries')!;
    for (const c of ['CN', 'SG', 'IN', 'RU']) expect(presetFlags(p, c)).toBe(true);
    for (const c of ['DE', 'NO', 'GB', 'JP', 'CH', 'US', 'ZZ']) expect(presetFlags(p, c)).toBe(false);
  });

  it('a config preset denies the vendors of those jurisdictions (RTC502 reasons name the preset)', () => {
    const cfg = resolveConfig({ policy: { presets: ['us-doj-28cfr202'] } }, undefined, rules);
    const agora = rules.vendorById.get('agora')!;
    const twilio = rules.vendorById.get('twilio')!;
    expect(denialOf(agora, cfg.policy)?.reasons).toEqual(['preset us-doj-28cfr202 (CN)']);
    expect(denialOf(twilio, cfg.policy)).toBeUndefined();
    const leveled = resolveConfig({ policy: { presets: { 'eu-third-countries': 'error' } } }, undefined, rules);
    expect(denialOf(agora, leveled.policy)?.level).toBe('error');
  });

  it('an unknown preset is a one-line config error naming the known ones', () => {
    expect(() => resolveConfig({ policy: { presets: ['us-doj'] } }, 'rtcscan.config.yaml', rules)).toThrow(ConfigError);
    expect(() => resolveConfig({ policy: { presets: ['us-doj'] } }, 'rtcscan.config.yaml', rules)).toThrow(/known: eu-third-countries, us-doj-28cfr202/);
  });
});
