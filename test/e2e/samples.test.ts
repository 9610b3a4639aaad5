// End to end on the committed samples: what an auditor must see for each, through the CLI.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

function scanJson(input: string) {
  const r = runCli(['scan', input, '--format', 'json', '--fail-on', 'none', '--quiet'], ROOT);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).bundles[0] as { findings: any[]; notices: any[] };
}

function scanSarif(input: string) {
  const r = runCli(['scan', input, '--format', 'sarif', '--fail-on', 'none', '--quiet'], ROOT);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).runs[0];
}

const routesOf = (findings: any[], vendor: string) =>
  new Set(findings.filter((f) => f.ruleId === 'RTC101' && f.properties.vendor === vendor).flatMap((f) => f.properties.routes));

describe('samples/web (minified, source-mapped, real Agora SDK)', () => {
  const b = scanJson('samples/web/dist');

  it('finds the bundled SDK and the app-code join with its resolved arguments', () => {
    expect(routesOf(b.findings, 'agora')).toContain('js-package');
    const join = b.findings.find((f) => f.ruleId === 'RTC102' && f.properties.api === 'web-join');
    expect(join.location.original).toMatchObject({ path: 'samples/web/src/main.js', line: 12 });
    expect(join.message).toContain('appId="8a2f…7a45"');
    expect(join.message).toContain('token=null');
    expect(b.findings.some((f) => f.ruleId === 'RTC404' && f.properties.vendor === 'agora')).toBe(true);
    expect(b.findings.some((f) => f.ruleId === 'RTC304' && f.properties.vendor === 'agora')).toBe(true);
    expect(b.findings.some((f) => f.ruleId === 'RTC501' && f.properties.vendor === 'agora')).toBe(true);
  });

  it('traces uid and channel to the cleartext fetch and WebSocket, every step at its original line', () => {
    const flows = b.findings.filter((f) => f.ruleId === 'RTC301');
    const sinks = new Set(flows.map((f) => `${f.properties.identifier} ${f.properties.sink} ${f.properties.host}`));
    expect(sinks).toEqual(new Set(['uid fetch api.example.com', 'channel fetch api.example.com', 'uid websocket signal.example.net', 'channel websocket signal.example.net']));
    const sources = {
      'samples/web/src/main.js': readFileSync(join(ROOT, 'samples/web/src/main.js'), 'utf8').split('\n'),
      'samples/web/src/api.js': readFileSync(join(ROOT, 'samples/web/src/api.js'), 'utf8').split('\n'),
    } as Record<string, string[]>;
    const channelFetch = flows.find((f) => f.properties.identifier === 'channel' && f.properties.sink === 'fetch');
    // Source in main.js (the join), through api.js (roomUrl), back to the fetch in main.js.
    expect(channelFetch.flow.map((s: any) => s.original.path)).toEqual(expect.arrayContaining(['samples/web/src/main.js', 'samples/web/src/api.js']));
    for (const step of flows.flatMap((f) => f.flow)) {
      const line = sources[step.original.path]?.[step.original.line - 1];
      expect(line, `step "${step.message}" at ${step.original.path}:${step.original.line}`).toBeDefined();
    }
    const last = channelFetch.flow[channelFetch.flow.length - 1];
    expect(sources[last.original.path][last.original.line - 1]).toContain('fetch(');
  });

  it('reads the source map through the bundle only, never reporting findings at the map itself', () => {
    expect(b.findings.filter((f) => f.location.artifact.endsWith('.map'))).toEqual([]);
  });

  it('puts the original file first in SARIF, with the bundle position as a related location and codeFlows', () => {
    const run = scanSarif('samples/web/dist');
    const r = run.results.find((x: any) => x.ruleId === 'RTC301');
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('samples/web/src/main.js');
    expect(r.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe('samples/web/dist/app.js');
    const steps = r.codeFlows[0].threadFlows[0].locations;
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps[0].kinds).toEqual(['source']);
    expect(steps[steps.length - 1].kinds).toEqual(['sink']);
  });
});

describe('samples/clean (bait)', () => {
  it('yields no RTC, credential or cleartext finding', () => {
    const b = scanJson('samples/clean/dist');
    const bad = b.findings.filter((f) => /^RTC(1|3|4|5)/.test(f.ruleId));
    expect(bad).toEqual([]);
    // The bait host is only listed as an unattributed endpoint, never as Agora's.
    expect(b.findings.find((f) => f.properties.host === 'agora-gardens.example.com')?.ruleId).toBe('RTC202');
  });
});

describe('samples/ios/Club.ipa', () => {
  const b = scanJson('samples/ios/Club.ipa');

  it('finds Agora by framework link, framework bundle, ObjC class and Hermes bytecode strings', () => {
    const routes = routesOf(b.findings, 'agora');
    for (const r of ['framework-link', 'framework-bundle', 'objc-class']) expect(routes).toContain(r);
    // One RTC101 for the bundle; the Hermes bytecode's evidence is one of its related locations.
    const agora = b.findings.filter((f) => f.ruleId === 'RTC101' && f.properties.vendor === 'agora');
    expect(agora).toHaveLength(1);
    expect(agora[0].properties.routes).toContain('hermes-string');
    const sarif = scanSarif('samples/ios/Club.ipa').results.find((r: any) => r.ruleId === 'RTC101');
    expect(sarif.relatedLocations.some((l: any) => l.physicalLocation.artifactLocation.uri.endsWith('main.jsbundle'))).toBe(true);
  });

  it('reports the ATS exceptions, as an error for the vendor domain', () => {
    const vendorAts = b.findings.find((f) => f.ruleId === 'RTC312' && f.properties.host === 'agoraio.cn');
    expect(vendorAts.level).toBe('error');
    expect(b.findings.some((f) => f.ruleId === 'RTC311')).toBe(true);
  });
});

describe('samples/android/club.apk', () => {
  const b = scanJson('samples/android/club.apk');

  it('finds Agora by DEX types, native library and JNI symbols, and the app-class call sites', () => {
    const routes = routesOf(b.findings, 'agora');
    for (const r of ['dex-type', 'native-library']) expect(routes).toContain(r);
    const calls = b.findings.filter((f) => f.ruleId === 'RTC102');
    expect(calls.map((f) => f.message).join('\n')).toMatch(/Lcom\/example\/club\/RoomActivity;->join/);
  });

  it('reports cleartext traffic permitted, as an error for the vendor domain', () => {
    const rtc313 = b.findings.filter((f) => f.ruleId === 'RTC313');
    expect(rtc313.some((f) => f.level === 'error' && f.properties.vendor === 'agora')).toBe(true);
    expect(rtc313.some((f) => /usesCleartextTraffic/.test(f.message))).toBe(true);
  });
});
