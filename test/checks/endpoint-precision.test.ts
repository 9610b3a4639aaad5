// Endpoint precision on real reader output: a JS file with the patterns real bundles carry, a clang-built native
// library (test/fixtures/endpoints/build.sh) with certificate, licence and version strings, and a dev .env.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readFacts } from '../../scanner/formats/index.js';
import { loadRulePack } from '../../scanner/rules/pack.js';
import { endpointsCheck } from '../../scanner/checks/endpoints.js';
import { runChecks } from './harness.js';

const pack = loadRulePack();
const read = (f: string) => readFacts(readFileSync(fileURLToPath(new URL(`../fixtures/endpoints/${f}`, import.meta.url))), `app!/${f}`, { rules: pack, maxStrings: 100_000 });

async function findings(file: string) {
  const f = runChecks([endpointsCheck], [await read(file)], { pack });
  return f.map((x) => `${x.ruleId} ${String(x.properties.host)}`).sort();
}

describe('endpoint precision', () => {
  it('JS: cleartext only for URL values; host lists split; versions, stun: schemes, namespaces, example.com and licences dropped; internal hosts reported', async () => {
    expect(await findings('app.js')).toEqual([
      'RTC202 a.example.com',
      'RTC202 api-staging.club.io',
      'RTC202 api.club.io',
      'RTC202 b.example.com',
      'RTC202 cdn.club.io', // inside a log message: a host, not a cleartext endpoint
      'RTC202 stun.l.google.com',
      'RTC202 turn.club.io',
      'RTC204 192.168.1.20',
      'RTC204 signal.corp.club.internal',
      'RTC302 192.168.1.20', // http to a LAN address: readable by anyone on that network, so cleartext too
      'RTC302 api.club.io',
    ]);
  });

  it("a dependency's cleartext URLs are its own, except those to an RTC vendor's host", async () => {
    const code = 'var home = "http://github.com/some/lib";\nvar lbs = "http://wanproxy-bj.127.net/lbs";\nvar api = "http://api.club.io/v1";\n';
    const at = async (path: string) => {
      const facts = await readFacts(Buffer.from(code), path, { rules: pack, maxStrings: 1000 });
      return runChecks([endpointsCheck], [facts], { pack }).filter((x) => x.ruleId === 'RTC302').map((x) => String(x.properties.host)).sort();
    };
    // In app code every cleartext URL value is reported.
    expect(await at('app!/www/app.js')).toEqual(['api.club.io', 'github.com', 'wanproxy-bj.127.net']);
    // In a dependency (node_modules, or a vendor package's own folder) only the vendor's host: the SDK talks to its
    // vendor over http, carrying the app's ids.
    expect(await at('app!/node_modules/some-lib/dist/index.js')).toEqual(['wanproxy-bj.127.net']);
  });

  it('a bare www.<public suffix> is a placeholder argument, not a host; with a scheme it stays a URL', async () => {
    const { extractEndpoints } = await import('../../scanner/checks/endpoints/extract.js');
    const opts = { bareHostTlds: new Set(['com', 'uk']), isVendorHost: () => false };
    const hosts = (t: string) => extractEndpoints(t, opts).map((m) => m.host);
    expect(hosts('www.com')).toEqual([]);
    expect(hosts('www.co.uk')).toEqual([]);
    expect(hosts('www.club.com')).toEqual(['www.club.com']);
    expect(hosts('club.com')).toEqual(['club.com']);
    expect(hosts('http://www.com/favicon')).toEqual(['www.com']);
  });

  it('JS: a staging host carries its stage', async () => {
    const f = runChecks([endpointsCheck], [await read('app.js')], { pack });
    expect(f.find((x) => x.properties.host === 'api-staging.club.io')!.properties.stage).toBe('staging');
  });

  it('native library: no CRL/OCSP/AIA, licence or version endpoints; prose URL is a host only', async () => {
    expect(await findings('libnative.so')).toEqual([
      'RTC202 edge1.club.io',
      'RTC202 edge2.club.io',
      'RTC202 log.club.io',
      'RTC202 signal.club.io',
      'RTC204 10.1.2.3',
      'RTC302 10.1.2.3',
      'RTC302 signal.club.io',
    ]);
  });

  it('config values: internal names and private IPs are internal endpoints (and cleartext when http); comments are prose', async () => {
    expect(await findings('.env.development')).toEqual(['RTC204 10.20.0.5', 'RTC204 rtc.build-01.lan', 'RTC302 rtc.build-01.lan']);
  });
});
