// Release builds as Vite makes them (Rollup + @rollup/plugin-commonjs, minified by esbuild), built from a made-up
// app on the real twilio-video and livekit-client packages (test/web-builds/build.mjs): the app's session
// starts are found through Rollup's CommonJS loaders (`function a(){return F||(F=1,…),E}`) and through React-style
// hooks called on a minified namespace (`hE.useState(() => new Room())`); and in a webpack 5 production build (as
// react-scripts 5 makes), the app's calls in the entry IIFE webpack concatenates with the ES module SDK it imports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJs } from './corpus.js';
import type { ApiCallFact } from '../../scanner/core/facts.js';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';

let calls: ApiCallFact[] = [];
let craCalls: ApiCallFact[] = [];
let outDir = '';

beforeAll(async () => {
  const mod = (await import(join(process.cwd(), 'test/web-builds/build.mjs'))) as { buildWebFixtures(): Promise<string> };
  const out = await mod.buildWebFixtures();
  outDir = out;
  const file = join(out, 'vite-like/app.js');
  calls = (await readJs(readFileSync(file), 'dist/assets/app.js', join(out, 'vite-like'))).facts.apiCalls;
  const cra = join(out, 'cra-like/main.js');
  craCalls = (await readJs(readFileSync(cra), 'build/static/js/main.js', join(out, 'cra-like'))).facts.apiCalls;
}, 600_000);

describe('Vite-like release build (Rollup CommonJS loaders, minified)', () => {
  it('Twilio connect(token, {name}) through the loader of the CommonJS package', () => {
    const twilio = calls.filter((c) => c.vendor === 'twilio' && c.api === 'web-connect');
    expect(twilio).toHaveLength(1);
    expect(twilio[0]!.callee).toMatch(/^[\w$]+\.connect$/);
    expect(twilio[0]!.snippet).toContain('name:');
  });

  it('LiveKit room.connect(url, token) on a Room kept by a minified hooks namespace', () => {
    const lk = calls.filter((c) => c.vendor === 'livekit' && c.api === 'web-connect');
    expect(lk).toHaveLength(1);
    expect(lk[0]!.args.url).toEqual({ kind: 'string', value: 'wss://fixture-demo.livekit.cloud' });
  });

  it("the CommonJS SDK's own RTCPeerConnection calls are vendor code, not app sessions", () => {
    // twilio-video's preflight and peer connections live in its Rollup loaders (and in the statements between its
    // markers), the SDKs' other RTCPeerConnection calls in modules recognised as theirs: no plain-WebRTC session of
    // the app is left (the commit before README "Release builds, second pass" gave three).
    const webrtc = calls.filter((c) => c.vendor === 'webrtc');
    expect(webrtc.map((c) => c.snippet)).toEqual([]);
  });
});

describe('webpack 5 production build (entry concatenated with an ES module SDK in the bootstrap IIFE)', () => {
  it("the app's Agora createClient and join are app code, not the concatenated LiveKit statements", () => {
    const agora = craCalls.filter((c) => c.vendor === 'agora').map((c) => c.api);
    expect(agora).toEqual(expect.arrayContaining(['web-create-client', 'web-join']));
    const join = craCalls.find((c) => c.api === 'web-join')!;
    expect(join.args.appId).toEqual({ kind: 'string', value: '0f4a2c9e7b1d4e5f8a6b3c2d1e0f9a8b' });
  });

  // Not yet: LiveKit's room.connect on a Room kept by `(0, n.useState)(…)` of the app's CommonJS module in this build.
});

// React's core package (CommonJS, react.production.js) in a Rollup loader of the Vite-like build: two of its markers
// (rules/libraries/react.yaml) make the loader React's file, read like a library statement instead of as app code.
describe("Vite-like build: React's CommonJS loader", () => {
  it("is React's code, the app's module is not", async () => {
    const { facts } = await readJs(readFileSync(join(outDir, 'deps-vite/app.js')), 'dist/assets/app.js', join(outDir, 'deps-vite'));
    const owner = (text: string) => {
      const found = facts.strings.filter((s) => s.value.includes(text));
      expect(found.length).toBeGreaterThan(0);
      return [...new Set(found.map((s) => s.libraryCode ?? 'app'))];
    };
    expect(owner('React.Children.only expected to receive a single React element child.')).toEqual(['react']);
    // A string of the same loader that is no marker (React.cloneElement's argument check).
    expect(owner('The argument must be a React element, but you passed ')).toEqual(['react']);
    expect(owner('https://api.fixture-shop.io/v1/cart')).toEqual(['app']);
  });
});

// Non-RTC libraries bundled with the app (src/deps-main.js: the real react-dom, CommonJS, and immer, an ES module),
// built like Vite (Rollup loaders + scope-hoisted statements) and like react-scripts (a webpack module factory + the
// entry IIFE that concatenates immer with the app, merged by terser into shared statements).
describe.each([
  ['Vite-like', 'deps-vite'],
  ['webpack 5', 'deps-cra'],
])('%s build: hosts of bundled dependencies', (_label, folder) => {
  const endpoints = async () => {
    const result = await scan({ inputs: [join(outDir, folder)], rules: defaultRulePack(), cwd: outDir });
    return result.bundles.flatMap((b) => b.findings).filter((f) => /^RTC20[1-4]$/.test(f.ruleId) || f.ruleId === 'RTC302');
  };

  it("groups React DOM's and immer's own hosts per package, and keeps the app's URLs (one to react.dev) as the app's", async () => {
    const found = await endpoints();
    const groups = Object.fromEntries(found.filter((f) => f.properties.dependency).map((f) => [f.properties.dependency, f.properties.hosts]));
    expect(groups).toEqual({ 'react-dom': ['react.dev'], immer: ['bit.ly'] });
    const appHosts = found.filter((f) => f.ruleId === 'RTC202' && f.properties.host).map((f) => f.properties.host).sort();
    expect(appHosts).toEqual(['api.fixture-shop.io', 'react.dev']);
  });
});
