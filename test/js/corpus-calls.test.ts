// Each corpus app is bundled (minified, real npm SDK) and read back: every `@expect` label must be found as an
// app-code API call at the labelled original line, and no unlabelled app-code call may appear.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiCallFact, Facts, JsValue } from '../../scanner/core/facts.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { createJsReader } from '../../scanner/formats/js/index.js';
import { ensureCorpus, labelsOf, readArtifact, type ManifestEntry } from './corpus.js';

const WEB_APPS = ['agora', 'agora-aliases', 'tencent-trtc', 'twilio', 'livekit', 'daily', 'hms', 'opentok', 'sendbird', 'jitsi', 'nertc'];

/**
 * Labels the reader is known to miss, with the reason. The test fails if one of them starts matching, so the
 * list cannot go stale. `new HMSReactiveStore()`: the SDK ships pre-minified, so neither the bundle nor the
 * source map's `names` keep the class name, and the class is declared outside any marker-bearing statement.
 */
const KNOWN_MISSES = new Set(['apps/hms/index.js:4']);

let manifest: ManifestEntry[];
const facts = new Map<string, Facts>();

beforeAll(async () => {
  manifest = await ensureCorpus();
  for (const app of WEB_APPS) {
    const entry = manifest.find((m) => m.name === app)!;
    facts.set(app, (await readArtifact(entry)).facts);
  }
}, 600_000);

const vendorIds = new Set(defaultRulePack().vendors.map((v) => v.id));
const appCalls = (app: string): ApiCallFact[] => facts.get(app)!.apiCalls.filter((c) => !c.inVendorCode);
const str = (value: string): JsValue => ({ kind: 'string', value });

describe.each(WEB_APPS)('corpus app %s', (app) => {
  const labels = labelsOf(app);
  const covered = labels.filter((l) => vendorIds.has(l.vendor));

  it('has labels for vendors that have rule packs', () => {
    expect(labels.length).toBeGreaterThan(0);
    expect(covered.length, `no rule pack for ${[...new Set(labels.map((l) => l.vendor))]}`).toBeGreaterThan(0);
  });

  it('finds every labelled call at its original line, and nothing else in app code', () => {
    const calls = appCalls(app);
    for (const l of covered) {
      const key = `${l.source}:${l.line}`;
      const hit = calls.find((c) => c.vendor === l.vendor && c.kind === l.kind && c.original?.source === l.source && c.original.line === l.line);
      if (KNOWN_MISSES.has(key)) expect(hit, `${key} is listed as a known miss but now matches`).toBeUndefined();
      else expect(hit, `missing ${l.vendor} ${l.kind} at ${key}`).toBeDefined();
    }
    for (const c of calls) {
      const labelled = labels.some((l) => l.source === c.original?.source && l.line === c.original.line && l.vendor === c.vendor);
      expect(labelled, `unlabelled app call ${c.vendor}/${c.api} ${c.callee} at ${c.original?.source}:${c.original?.line}`).toBe(true);
    }
  });

  it('names the SDK package among the libraries', () => {
    const entry = manifest.find((m) => m.name === app)!;
    const names = facts.get(app)!.libraries.map((l) => l.name);
    for (const pkg of Object.keys(entry.sdk)) expect(names).toContain(pkg);
  });
});

describe('resolved arguments', () => {
  const call = (app: string, api: string) => appCalls(app).find((c) => c.api === api);

  it('agora: App ID and channel from another module, App-ID-only token, encryption and area settings', () => {
    expect(call('agora', 'web-join')?.args).toMatchObject({
      appId: str('5f3c1d2e8a9b4c7d6e0f1a2b3c4d5e6f'),
      channel: str('team-standup'),
      token: { kind: 'null' },
    });
    // startCall is exported, so its parameter is not resolved from the one local call.
    expect(call('agora', 'web-join')?.args.uid?.kind).toBe('unknown');
    expect(call('agora', 'web-set-encryption-config')?.args).toMatchObject({ mode: str('aes-256-gcm2') });
    expect(call('agora', 'web-set-area')?.args.area).toMatchObject({ kind: 'object', props: { excludedArea: str('CHINA') } });
    expect(call('agora', 'web-create-client')?.args.config).toEqual({ kind: 'object', props: { mode: str('rtc'), codec: str('vp8') } });
  });

  it('agora: the SDK version comes from the bundled SDK', () => {
    expect(facts.get('agora')!.libraries.find((l) => l.name === 'agora-rtc-sdk-ng')?.version).toBe('4.24.8');
  });

  it('agora-aliases: require, destructuring, this.client and a parameter of a function called once', () => {
    const joins = appCalls('agora-aliases').filter((c) => c.api === 'web-join');
    expect(joins.map((j) => j.callee).sort()).toEqual(['this.client.join', expect.stringMatching(/^\w+\.join$/)].sort());
    const viaParam = joins.find((j) => j.callee !== 'this.client.join')!;
    expect(viaParam.args).toMatchObject({ appId: str('0a1b2c3d4e5f60718293a4b5c6d7e8f9'), channel: str('side-room'), token: { kind: 'null' }, uid: str('guest-7') });
    const viaThis = joins.find((j) => j.callee === 'this.client.join')!;
    expect(viaThis.args.token).toEqual(str('token-from-server'));
    expect(viaThis.context).toMatch(/\.enter$|^enter$/);
  });

  it('tencent-trtc: object-argument properties map to roles', () => {
    expect(call('tencent-trtc', 'web-enter-room')?.args).toMatchObject({
      appId: { kind: 'number', value: 1400123456 },
      uid: str('alice'),
      channel: { kind: 'number', value: 8888 },
      token: { kind: 'unknown' },
    });
  });

  it('twilio: room name and region from the options object', () => {
    expect(call('twilio', 'web-connect')?.args).toMatchObject({ channel: str('daily-standup'), area: str('de1'), token: { kind: 'unknown' } });
  });

  it('livekit: server URL from a module-level const; the mangled Room class is named through the map', () => {
    expect(call('livekit', 'web-connect')?.args.url).toEqual(str('wss://acme-7c1f.livekit.cloud'));
    expect(call('livekit', 'web-room')?.callee).toMatch(/^\w+$/); // a mangled identifier, not `Room`
  });

  it('vendor-internal calls are never app calls, whether the SDK is parsed or not (it is not by default)', async () => {
    // Default reader: the SDK's function bodies are read from tokens (no AST), so no call inside it is reported.
    const livekit = facts.get('livekit')!;
    expect(livekit.meta.elided).toMatch(/characters of library code/);
    for (const c of livekit.apiCalls) expect(c.original?.source ?? '').not.toMatch(/^node_modules\//);
    // With elision off the SDK is parsed: its own calls are left out of the code model (library code), and the
    // app's calls are the same as with elision.
    const full = (await readArtifact(manifest.find((m) => m.name === 'livekit')!, createJsReader({ elideMinBytes: Infinity }))).facts;
    for (const c of full.apiCalls) expect(c.original?.source ?? '').not.toMatch(/^node_modules\//);
    for (const c of full.code?.calls ?? []) expect(c.original?.source ?? '').not.toMatch(/^node_modules\//);
    expect(full.apiCalls.map((c) => `${c.api}@${c.line}:${c.column}`)).toEqual(livekit.apiCalls.map((c) => `${c.api}@${c.line}:${c.column}`));
  });
});
