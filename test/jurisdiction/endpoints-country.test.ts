// The endpoints check names where IP literals are registered and what a host's ccTLD suggests.
import { describe, expect, it } from 'vitest';
import { endpointsCheck } from '../../scanner/checks/endpoints.js';
import { byRule, facts, runChecks } from '../checks/harness.js';

const strings = (...values: string[]) => values.map((value) => ({ value, kind: 'literal' as const, line: 1, column: 1 }));

describe('endpoint findings carry countries', () => {
  const found = runChecks(
    [endpointsCheck],
    [
      facts('app.js', 'js', {
        strings: strings(
          'ws://60.191.137.101:6390/ws', // Agora RTM SDK literal, owned by the agora rule
          'http://114.114.114.114/report', // unattributed, China
          'https://8.8.8.8/dns-query', // unattributed, United States
          'https://[2400:3200::1]/x', // IPv6, China
          'https://upload.example.com.cn/v1', // ccTLD hint CN
          'https://rooms.example.io/v1', // generic-use ccTLD: no hint
          'https://api.example.com/v1',
        ),
      }),
    ],
  );

  it('RTC203 for a vendor IP keeps the vendor HQ in `country` and adds `ipCountry`', () => {
    const agora = byRule(found, 'RTC203').find((f) => f.properties.host === '60.191.137.101')!;
    expect(agora.properties).toMatchObject({ vendor: 'agora', country: 'CN', ipCountry: 'CN' });
    expect(agora.message).toContain('address registered in China (CN)');
  });

  it('RTC203 for unattributed IPs gives the address country', () => {
    const ips = Object.fromEntries(byRule(found, 'RTC203').filter((f) => !f.properties.vendor).map((f) => [f.properties.host, f]));
    expect(ips['114.114.114.114'].properties.country).toBe('CN');
    expect(ips['114.114.114.114'].message).toBe('Hardcoded IP endpoint 114.114.114.114 (no vendor rule owns it; address registered in China (CN)).');
    expect(ips['8.8.8.8'].properties.country).toBe('US');
    expect(ips['2400:3200::1'].properties.country).toBe('CN');
  });

  it('RTC202 carries a ccTLD hint only for country TLDs', () => {
    const hosts = Object.fromEntries(byRule(found, 'RTC202').map((f) => [f.properties.host, f]));
    expect(hosts['upload.example.com.cn'].properties.countryHint).toBe('CN');
    expect(hosts['upload.example.com.cn'].message).toContain('its TLD suggests China (CN)');
    expect(hosts['rooms.example.io'].properties.countryHint).toBeUndefined();
    expect(hosts['api.example.com'].properties.countryHint).toBeUndefined();
    expect(hosts['api.example.com'].message).not.toContain('TLD');
  });
});
