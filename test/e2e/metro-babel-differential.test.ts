// Differential: the same apps built by the real React Native release toolchain — Metro with
// @react-native/babel-preset (classes lowered to _classCallCheck/_createClass/_callSuper, async functions to
// _asyncToGenerator, _interopRequireDefault(require(dependencyMap[i])) and (0, _m.fn)(…) calls, inline requires)
// and Metro's serializer — give the findings the esbuild-built Hermes fixtures and the JS source give: as the
// minified JSC-style bundle (JS reader) and as hermesc -O bytecode (Hermes model). Built by
// samples/hermes-rn/build-metro.mjs (samples/hermes-rn/dist/metro/, test/fixtures/differential/metro/).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

function findings(input: string): any[] {
  const r = runCli(['scan', input, '--format', 'json', '--fail-on', 'none', '--quiet'], ROOT);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).bundles.flatMap((b: any) => b.findings);
}

const kindOf = (api: string) => (/init|shared-engine|create/.test(api) ? 'init' : /join/.test(api) ? 'join' : api);

/** rule, vendor, API kind, and each argument role with the kind of its value; cleartext flows by URL shape. */
function signature(fs: any[]): string[] {
  const out = new Set<string>();
  for (const f of fs) {
    if (['RTC101', 'RTC202', 'RTC302'].includes(f.ruleId)) continue;
    if (f.ruleId === 'RTC301') {
      out.add(`RTC301 ${f.properties.identifier} ${(/\((https?:[^)]*)\)/.exec(f.message)?.[1] ?? '?').replace(/\$\{[^}]*\}/g, '${}')}`);
      continue;
    }
    const roles = [...(f.message as string).matchAll(/\b(appId|token|channel|uid)=("[^"]*"|null|\d+|<[^,)]*>|[^,)\s]+)/g)]
      .map(([, role, v]) => `${role}:${v === 'null' ? 'null' : /^("|\d)/.test(v!) ? 'literal' : 'unknown'}`)
      .sort()
      .join(',');
    out.add([f.ruleId, f.properties.vendor ?? '-', f.properties.api ? kindOf(f.properties.api) : '-', roles].filter(Boolean).join(' '));
  }
  return [...out].sort();
}

describe('samples/hermes-rn through Metro + @react-native/babel-preset: the same findings as the esbuild build', () => {
  const esbuild = findings('samples/hermes-rn/dist/app.hbc');
  const source = findings('samples/hermes-rn/src');
  const hbc = findings('samples/hermes-rn/dist/metro/app.hbc');
  const js = findings('samples/hermes-rn/dist/metro/index.android.bundle');

  it('the artifacts are what Metro and Babel ship: lowered async, interop requires, numeric dependency maps', () => {
    const bundle = readFileSync(join(ROOT, 'samples/hermes-rn/dist/metro/index.android.bundle'), 'latin1');
    expect(bundle).toMatch(/__d\(function\(g,r,i,a,m,e,d\)\{/);
    expect(bundle).toContain('(0,r(d[3]).createAgoraRtcEngine)()');
    expect(bundle).toMatch(/\(0,\w+\.default\)\(function\*\(/); // _asyncToGenerator(function* …)
    expect(bundle).not.toMatch(/__d\([^)]*,\s*\d+,\s*\[[^\]]*\],\s*"/); // no module names in a release build
    expect(readFileSync(join(ROOT, 'samples/hermes-rn/dist/metro/app.hbc')).readUInt32LE(8)).toBeGreaterThanOrEqual(96);
  });

  it('Hermes bytecode and the minified JS bundle give the esbuild sample\'s findings, roles and cleartext flow', () => {
    const want = signature(esbuild);
    expect(want).toEqual([
      'RTC102 agora init appId:literal',
      'RTC102 agora join channel:unknown,token:literal,uid:unknown',
      'RTC301 uid http://api.example.com/v1/presence?uid=${}',
      'RTC304 agora join channel:unknown,token:literal,uid:unknown',
      'RTC401 agora -',
      'RTC404 agora join channel:unknown,token:literal,uid:unknown',
      'RTC501 agora init',
    ]);
    expect(signature(hbc)).toEqual(want);
    expect(signature(js)).toEqual(want);
    expect(signature(source)).toEqual(want);
  });

  it('masks the App ID and keeps the token "" / channel and uid provenance', () => {
    // (The JS bundle's snippets quote its code, where terser inlined the literal, as source snippets do.)
    expect(JSON.stringify(hbc)).not.toContain('5b8e2c7d91f04a6e8c3d2b1a0f9e8d7c');
    for (const fs of [hbc, js]) {
      expect(fs.map((f) => f.message).join('\n')).not.toContain('5b8e2c7d91f04a6e8c3d2b1a0f9e8d7c');
      const init = fs.find((f) => f.ruleId === 'RTC102' && f.properties.api === 'rn-initialize');
      expect(init.message).toContain('appId="5b8e…8d7c"');
      const join = fs.find((f) => f.ruleId === 'RTC404');
      expect(join.message).toContain('token ""');
    }
  });

  it('follows uid from joinChannel through the other module\'s URL builder into fetch, with steps', () => {
    // JS: r(d[4]).presenceUrl is run from its Metro module (flow/metro.ts); Hermes: the string summary.
    const jsFlow = js.find((f) => f.ruleId === 'RTC301');
    expect(jsFlow.properties).toMatchObject({ identifier: 'uid', host: 'api.example.com', scheme: 'http', sink: 'fetch' });
    expect(jsFlow.flow.map((s: any) => s.message)).toEqual([
      't is the uid of Agora rn-join-channel (l.joinChannel)',
      'uid passed as parameter t of (anonymous)',
      'uid inserted into template "http://api.example.com/v1/presence?uid=${…}"',
      'uid returned from (anonymous)',
      'sent by fetch to http://api.example.com/v1/presence?uid=${…}',
    ]);
    const hbcFlow = hbc.find((f) => f.ruleId === 'RTC301');
    expect(hbcFlow.properties).toMatchObject({ identifier: 'uid', host: 'api.example.com', sink: 'fetch' });
    expect(hbcFlow.flow.map((s: any) => s.message)).toEqual([
      expect.stringMatching(/^uid: <param 2 of /),
      expect.stringMatching(/^concatenated into the URL "http:\/\/api\.example\.com\/v1\/presence\?uid=" \+ <param 2 of /),
      'sent by fetch (fetch)',
    ]);
  });
});

describe('class components and a hook module through Metro + @react-native/babel-preset', () => {
  it('lowered classes (_classCallCheck/_createClass/_inherits, _this = _callSuper(this, C, args)): the esbuild fixture\'s findings', () => {
    const want = signature(findings('test/fixtures/differential/class-screen.hbc'));
    expect(want).toEqual([
      'RTC102 agora init appId:literal',
      'RTC102 agora join channel:literal,token:unknown,uid:literal',
      'RTC102 agora join channel:unknown,token:unknown,uid:unknown',
      'RTC401 agora -',
      'RTC501 agora init',
    ]);
    const bundle = readFileSync(join(ROOT, 'test/fixtures/differential/metro/class-screen/index.android.bundle'), 'latin1');
    expect(bundle).toMatch(/\(0,\w+\.default\)\(this,o\)/); // _classCallCheck(this, C)
    expect(signature(findings('test/fixtures/differential/metro/class-screen/app.hbc'))).toEqual(want);
    expect(signature(findings('test/fixtures/differential/metro/class-screen/index.android.bundle'))).toEqual(want);
  });

  it('(0, _useCallEngine2.default)(channel) from another Metro module returns the engine: the esbuild fixture\'s findings', () => {
    const want = signature(findings('test/fixtures/differential/hook-screen.hbc'));
    expect(want).toEqual([
      'RTC102 agora init appId:literal',
      'RTC102 agora join channel:unknown,token:unknown,uid:unknown',
      'RTC304 agora join channel:unknown,token:unknown,uid:unknown',
      'RTC401 agora -',
      'RTC501 agora init',
    ]);
    expect(signature(findings('test/fixtures/differential/metro/hook-screen/app.hbc'))).toEqual(want);
    expect(signature(findings('test/fixtures/differential/metro/hook-screen/index.android.bundle'))).toEqual(want);
  });
});

// The modern toolchain lowers `async` to `_asyncToGenerator(function* …)`; hermesc compiles the generator to a state
// machine over a closure slot (v98+) or to native generator instructions (v90: react-native 0.71's hermesc). In both,
// the awaited value is what the suspension handed out (scanner/formats/hermes/suspensions.ts), and an async helper's
// `return engine` is what the awaited call gives.
describe('async functions through the modern toolchain (generators)', () => {
  it('await-screen: Hermes gives the source\'s sessions — an engine awaited from a helper, tokens awaited from the backend', () => {
    const sessions = (s: string[]) => s.filter((x) => !x.startsWith('RTC301'));
    const source = sessions(signature(findings('test/fixtures/differential/await-screen')));
    expect(source).toHaveLength(7);
    const M = 'test/fixtures/differential/metro/await-screen';
    expect(readFileSync(join(ROOT, `${M}/app.v90.hbc`)).readUInt32LE(8)).toBe(90);
    for (const hbc of ['app.hbc', 'app.v90.hbc']) {
      const fs = findings(`${M}/${hbc}`);
      expect(sessions(signature(fs)), hbc).toEqual(source);
      const joins = fs.filter((f) => f.ruleId === 'RTC102' && f.properties.api === 'rn-join-channel').map((f) => f.message);
      expect(joins, hbc).toHaveLength(2);
      expect(joins.some((m) => /token=tokenFor\(\)/.test(m)), hbc).toBe(true);
      expect(joins.some((m) => /uid=0, token=fetch\(\)\.text\(\)/.test(m)), hbc).toBe(true);
    }
  });
});

describe('await-screen as JS: the helper-awaited engine and the channel sent before the join', () => {
  const TOKEN_BY_CHANNEL = 'RTC301 channel http://api.example.com/v2/token?channel=${}';

  it('the modern Metro bundle joins in quickJoin: `(y = _asyncToGenerator(function* …)).apply(this, arguments)` returns the generator\'s engine', () => {
    const fs = findings('test/fixtures/differential/metro/await-screen/index.android.bundle');
    const joins = fs.filter((f) => f.ruleId === 'RTC102' && f.properties.api === 'rn-join-channel').map((f) => f.message);
    expect(joins).toHaveLength(2);
    expect(joins.some((m: string) => /uid=0\b/.test(m))).toBe(true);
    const sessions = (s: string[]) => s.filter((x) => !x.startsWith('RTC301'));
    expect(sessions(signature(fs))).toEqual(sessions(signature(findings('test/fixtures/differential/await-screen'))));
  });

  it('every JS route reports the channel sent to the token server before the join that names it the channel', () => {
    for (const input of ['test/fixtures/differential/await-screen', 'test/fixtures/differential/metro/await-screen/index.android.bundle', 'test/fixtures/differential/rn068/await-screen/index.android.bundle']) {
      const fs = findings(input);
      expect(signature(fs), input).toContain(TOKEN_BY_CHANNEL);
      const flow = fs.find((f) => f.ruleId === 'RTC301' && f.properties.identifier === 'channel' && /token\?channel=/.test(f.message));
      // The source is the join's channel argument; no flow of that argument into the SDK itself is reported.
      expect(fs.some((f) => f.ruleId === 'RTC303' && f.properties.identifier === 'channel'), input).toBe(false);
      expect(flow, input).toBeDefined();
    }
  });
});

// React Native 0.68's transform (metro-react-native-babel-preset 0.67.0, samples/hermes-rn/build-metro.mjs --rn068):
// every async function is a regenerator state machine, `R.async(function (ctx) { while (1) switch (ctx.prev =
// ctx.next) {…} }, null, this, null, Promise)`, with locals hoisted to the outer function, awaited values read back
// as `ctx.sent` and returns as `ctx.abrupt("return", v)`. Built into test/fixtures/differential/rn068/ (JS bundle,
// hermesc bytecode v99, and v90 from react-native 0.71's hermesc for two of them).
describe('React Native 0.68 builds (regenerator state machines): the findings of the modern builds and the source', () => {
  const R = 'test/fixtures/differential/rn068';

  it('the artifacts are regenerator output', () => {
    const bundle = readFileSync(join(ROOT, `${R}/await-screen/index.android.bundle`), 'latin1');
    expect(bundle).toMatch(/\.default\.async\(function\(\w\)\{for\(;;\)switch\(\w\.prev=\w\.next\)\{case 0:/);
    expect(bundle).toMatch(/\.default\.awrap\(/);
    expect(bundle).not.toMatch(/function\*/);
    expect(readFileSync(join(ROOT, `${R}/await-screen/app.v90.hbc`)).readUInt32LE(8)).toBe(90);
  });

  it('the sample, the class and the hook screens: the Metro builds\' findings on every route', () => {
    for (const [app, modern] of [['voice-room', 'samples/hermes-rn/dist/metro'], ['class-screen', 'test/fixtures/differential/metro/class-screen'], ['hook-screen', 'test/fixtures/differential/metro/hook-screen']] as const) {
      const want = signature(findings(`${modern}/app.hbc`));
      expect(signature(findings(`${R}/${app}/app.hbc`)), app).toEqual(want);
      expect(signature(findings(`${R}/${app}/index.android.bundle`)), app).toEqual(want);
      if (app === 'voice-room') expect(signature(findings(`${R}/${app}/app.v90.hbc`))).toEqual(want);
    }
  }, 180_000); // ten CLI scans: near the default 60 s on a loaded machine

  it('a session after awaits: an async method\'s this.engine, an engine awaited from a helper, tokens awaited from the backend', () => {
    const source = signature(findings('test/fixtures/differential/await-screen'));
    const sessions = (s: string[]) => s.filter((x) => !x.startsWith('RTC301'));
    const urls = (s: string[]) => [...new Set(s.filter((x) => x.startsWith('RTC301')).map((x) => x.split(' ').pop()))].sort();
    expect(sessions(source)).toEqual([
      'RTC102 agora init appId:literal',
      'RTC102 agora join channel:unknown,token:unknown,uid:literal',
      'RTC102 agora join channel:unknown,token:unknown,uid:unknown',
      'RTC304 agora join channel:unknown,token:unknown,uid:literal',
      'RTC304 agora join channel:unknown,token:unknown,uid:unknown',
      'RTC401 agora -',
      'RTC501 agora init',
    ]);
    const js = signature(findings(`${R}/await-screen/index.android.bundle`));
    expect(sessions(js)).toEqual(sessions(source));
    expect(urls(js)).toEqual(urls(source));
    for (const hbc of ['app.hbc', 'app.v90.hbc']) expect(sessions(signature(findings(`${R}/await-screen/${hbc}`))), hbc).toEqual(sessions(source));
   }, 120_000); // four CLI scans: over the default 60 s at a load average of 18 on 2 cores

  it('names the awaited value and the async method\'s receiver (JS)', () => {
    const fs = findings(`${R}/await-screen/index.android.bundle`);
    const inits = fs.filter((f) => f.ruleId === 'RTC102' && f.properties.api === 'rn-initialize').map((f) => f.message);
    // `this.engine.initialize(…)` inside `initEngine`'s state machine (`R.async(fn, null, this, …)`).
    expect(inits.some((m) => /via this\.engine\.initialize/.test(m))).toBe(true);
    expect(fs.filter((f) => f.ruleId === 'RTC102' && f.properties.api === 'rn-join-channel')).toHaveLength(2);
  });

  it('names the awaited values and types the awaited engine (Hermes): `ctx.sent` is the awaited call\'s result', () => {
    for (const hbc of ['app.hbc', 'app.v90.hbc']) {
      const joins = findings(`${R}/await-screen/${hbc}`).filter((f) => f.ruleId === 'RTC102' && f.properties.api === 'rn-join-channel').map((f) => f.message);
      expect(joins, hbc).toHaveLength(2);
      // The token is what `await tokenFor(…)` / `await res.text()` gave, not a read of the state machine's context.
      expect(joins.some((m) => /token=tokenFor\(\)/.test(m)), hbc).toBe(true);
      expect(joins.some((m) => /uid=0, token=fetch\(\)\.text\(\)/.test(m)), hbc).toBe(true);
      expect(joins.join('\n')).not.toMatch(/token=sent\b/);
    }
  });
});
