// The Metro-format React Native bundle and the clean app full of bait.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Facts } from '../../scanner/core/facts.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { ensureCorpus, labelsOf, outDir, readArtifact, readJs, type ManifestEntry } from './corpus.js';

let manifest: ManifestEntry[];
beforeAll(async () => {
  manifest = await ensureCorpus();
}, 600_000);

describe('Metro bundle (rn-agora)', () => {
  let facts: Facts;
  beforeAll(async () => {
    facts = (await readArtifact(manifest.find((m) => m.name === 'rn-agora')!)).facts;
  });

  it('is recognised as Metro, with module names as npm libraries', () => {
    expect(facts.meta.bundler).toBe('metro');
    expect(facts.meta.modules).toBe('4');
    expect(facts.libraries.map((l) => l.name).sort()).toEqual(['react-native', 'react-native-agora']);
  });

  it('resolves r(d[i]) to react-native-agora and follows the engine through createAgoraRtcEngine()', () => {
    const calls = facts.apiCalls.filter((c) => !c.inVendorCode);
    expect(calls.map((c) => `${c.vendor}/${c.api}`)).toEqual(['agora/rn-create-engine', 'agora/rn-initialize', 'agora/rn-join-channel']);
    expect(calls.map((c) => c.kind)).toEqual(labelsOf('rn-agora').map((l) => l.kind));
    const join = calls[2]!;
    expect(join.args).toMatchObject({ token: { kind: 'string', value: '' }, channel: { kind: 'string', value: 'rn-lobby' }, uid: { kind: 'number', value: 0 } });
    // The App ID lives in another Metro module: kept as source text, not guessed.
    expect(calls[1]!.args.appId).toEqual({ kind: 'unknown', text: expect.stringMatching(/\.AGORA_APP_ID$/) });
    expect(join.line).toBe(1); // minified: one line, no source map
    expect(join.column).toBeGreaterThan(1);
  });

  it('does not treat the wrapper module as app code', () => {
    // The stand-in wrapper defines initialize/joinChannel itself; those definitions are not calls, and its own
    // calls go to NativeModules, so no vendor-internal API calls are reported either.
    expect(facts.apiCalls.filter((c) => c.inVendorCode)).toEqual([]);
  });
});

describe('clean app with bait', () => {
  let facts: Facts;
  beforeAll(async () => {
    facts = (await readArtifact(manifest.find((m) => m.name === 'clean-bait')!)).facts;
  });

  it('yields no API calls and no libraries', () => {
    expect(facts.apiCalls).toEqual([]);
    expect(facts.libraries).toEqual([]);
  });

  it('keeps the prose as comments and the bait host as a literal', () => {
    const comments = facts.strings.filter((s) => s.kind === 'comment').map((s) => s.value);
    expect(comments.some((c) => c.includes('Agora, Tencent TRTC, ZEGO, Twilio and LiveKit'))).toBe(true);
    expect(comments.some((c) => c.includes('http://opensource.example.org/licenses/MIT'))).toBe(true);
    const literals = facts.strings.filter((s) => s.kind === 'literal').map((s) => s.value);
    expect(literals).toContain('https://agora-gardens.example/api/visits');
    expect(literals).toContain('agora-rtc-sdk-ng');
  });

  it('source-maps its strings back to the app file', () => {
    const host = facts.strings.find((s) => s.value === 'https://agora-gardens.example/api/visits')!;
    expect(host.original).toMatchObject({ source: 'apps/clean-bait/index.js', line: 5 });
  });

  it('a vendor SDK elsewhere in the bundle does not make Array#join an RTC join', async () => {
    // Same app code appended to the real Agora bundle: the SDK is present, but `[1,2].join(',')` and a local
    // object's join still have no receiver evidence, no shape and no App ID literal.
    const agora = readFileSync(join(outDir, 'agora/app.js'), 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, '');
    const bait = `;function recordVisit(r){const l=[1,2].join(","),o={join:(a,b)=>a+"/"+b};return o.join("garden",r)+l}recordVisit("tulips");`;
    const { facts: mixed } = await readJs(Buffer.from(agora + bait), 'mixed.js');
    const tail = agora.split('\n').length;
    expect(mixed.apiCalls.filter((c) => !c.inVendorCode && (c.line ?? 0) >= tail)).toEqual([]);
  });
});

describe('rules used by these tests', () => {
  it('include the agora pack with the React Native APIs', () => {
    const agora = defaultRulePack().vendorById.get('agora');
    expect(agora?.apis.map((a) => a.id)).toEqual(expect.arrayContaining(['rn-create-engine', 'rn-initialize', 'rn-join-channel']));
  });
});
