// Common non-RTC libraries (rules/libraries/) are recognised by their markers in the top-level statements of
// scope-hoisted bundles: that code is library code, so an RTC-looking call inside it is not an app call, and a
// statement between two of the library's statements belongs to it too. Module factories are never classified by
// these markers (an app module may carry an inlined copy of a library function).
import { describe, expect, it } from 'vitest';
import { createJsReader, jsReader } from '../../scanner/formats/js/index.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { apiCallsOf } from './corpus.js';

const ctx = { rules: defaultRulePack(), maxStrings: 100_000 };
const read = (code: string) => jsReader.read(Buffer.from(code), 'bundle.js', ctx);
// Calls inside library code are the library's own: they are not in the code model, so never an app use.
const agoraCalls = async (code: string) =>
  apiCallsOf(await read(code), ctx.rules)
    .filter((c) => c.vendor === 'agora')
    .map((c) => ({ line: c.line }));

describe('library markers', () => {
  const lines = [
    'var AgoraRTC = globalThis.AgoraRTC;',
    // A statement of the events package (its marker), one without a marker, and another with one.
    'function warn(n) { console.warn("Possible EventEmitter memory leak detected. " + n); }',
    'function relay() { return AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }); }',
    'function check(e) { if (!e) throw new TypeError(\'The "emitter" argument must be of type EventEmitter. Received type \' + typeof e); }',
    // The app.
    'const client = AgoraRTC.createClient({ mode: "live", codec: "h264" });',
    '',
  ];

  it('classify hoisted statements, and the statements between them, as library code', async () => {
    expect(await agoraCalls(lines.join('\n'))).toEqual([{ line: 5 }]);
  });

  it('do not classify a statement outside a run of the library', async () => {
    // Without the closing marker statement the middle statement is not between two events statements.
    const open = lines.filter((l) => !l.startsWith('function check'));
    expect(await agoraCalls(open.join('\n'))).toEqual([{ line: 3 }, { line: 4 }]);
  });

  it('classify wrapper-shaped components between them, bounded by a marker inside one', async () => {
    // Headless UI's hoisted components are `let X = forwardRefWithAs(function (props, ref) {…})`, read as wrapper
    // units; its closing marker sits inside such a component.
    const hoisted = [
      'var AgoraRTC = globalThis.AgoraRTC;',
      'function render(e) { if (e) throw new Error(["Render a single element as the child so that we can forward the props onto that element."].join("")); }',
      'let Dialog = ft(function (e, t) { return AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }); });',
      'let Child = ft(function (e, t) { if (!t) throw new Error("Did you forget to passthrough the `ref` to the actual DOM node?"); return e; });',
      'const client = AgoraRTC.createClient({ mode: "live", codec: "h264" });',
      '',
    ];
    expect(await agoraCalls(hoisted.join('\n'))).toEqual([{ line: 5 }]);
    // Without the closing marker the component is the app's.
    expect(await agoraCalls(hoisted.filter((l) => !l.startsWith('let Child')).join('\n'))).toEqual([{ line: 3 }, { line: 4 }]);
  });

  it('do not classify a module factory', async () => {
    const webpack = [
      '(self.webpackChunkapp = self.webpackChunkapp || []).push([[1], {',
      '  11: (module, exports, n) => { console.warn("Possible EventEmitter memory leak detected. "); module.exports = globalThis.AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }); },',
      '  12: (module, exports, n) => { module.exports = 1; },',
      '}]);',
      '',
    ];
    expect(await agoraCalls(webpack.join('\n'))).toEqual([{ line: 2 }]);
  });
});

describe('library literals', () => {
  // @firebase/installations' constants module comes before its first marker statement (as Vite ships it): its
  // backend URL is the library's when the bundle carries the library, an app literal otherwise.
  const constants = 'const CONFIG_URL = "https://firebaseinstallations.googleapis.com/v1", PACKAGE = "installations";';
  const library = 'function missing(e) { throw new Error("Firebase Installation is not registered." + e); }';
  const libraryOf = async (code: string) => (await read(code)).strings.find((s) => s.value === 'https://firebaseinstallations.googleapis.com/v1')?.libraryCode;

  it("are the library's in an artifact that carries its markers", async () => {
    expect(await libraryOf([constants, library, ''].join('\n'))).toBe('@firebase/installations');
  });

  it('are app literals without the library', async () => {
    expect(await libraryOf([constants, 'function missing(e) { throw new Error(e); }', ''].join('\n'))).toBeUndefined();
  });
});

describe('libraries bundled into app bundles', () => {
  // An esbuild IIFE of a package as an app bundles it; the package's own code around the library is app code.
  it.each([
    // Daily's daily-js bundles Sentry (@sentry/browser, @sentry/core) and Bowser: most of what Daily's own code
    // does not fill.
    { pkg: '@daily-co/daily-js', share: 0.93 },
    // axios on its own (statements the app names, such as the default instance, stay).
    { pkg: 'axios', share: 0.6 },
  ])('$pkg: read from tokens, with the literals, bindings and calls a full parse gives', async ({ pkg, share }) => {
    const data = await bundleApp(`import * as lib from ${JSON.stringify(pkg)}; globalThis.__lib = lib;`);
    const fast = await createJsReader({ elideMinBytes: 0 }).read(data, 'app.min.js', ctx);
    const full = await createJsReader({ elideMinBytes: Infinity, maxParseUnits: Infinity }).read(data, 'app.min.js', ctx);
    expect(Number(fast.meta.elided!.split(' ')[0])).toBeGreaterThan(data.length * share);
    const lits = (f: typeof fast) => f.strings.filter((s) => s.kind === 'literal');
    expect(lits(fast).map((s) => `${s.line}:${s.column} ${s.value}`)).toEqual(lits(full).map((s) => `${s.line}:${s.column} ${s.value}`));
    // A literal bound to a name in blanked code is bound to the name the AST gives it.
    const fullBinding = new Map(lits(full).map((s) => [`${s.line}:${s.column}`, s.binding]));
    const bound = lits(fast).filter((s) => s.binding);
    expect(bound.filter((s) => fullBinding.get(`${s.line}:${s.column}`) !== s.binding)).toEqual([]);
    expect(bound.length).toBeGreaterThan([...fullBinding.values()].filter(Boolean).length * 0.8);
    const calls = (f: typeof fast) => apiCallsOf(f, ctx.rules).map((c) => `${c.line}:${c.column} ${c.vendor} ${c.api}`);
    expect(calls(fast)).toEqual(calls(full));
    expect(fast.flows.length).toBe(full.flows.length);
  }, 120_000);
});

describe('vendor SDK code bundled into an app bundle', () => {
  // An app that imports livekit-client and joins once, bundled as an app bundler ships it: the scope-hoisted
  // statements of LiveKit (its connection-check classes call this.room.connect, its token source holds
  // cloud-api.livekit.io) and of @bufbuild/protobuf's runtime are the vendor's, so the app's join is the only one.
  it('livekit-client: only the app joins; LiveKit internals and the protobuf runtime are vendor code', async () => {
    const app = [
      `import { Room, TokenSource } from 'livekit-client';`,
      `globalThis.tokens = TokenSource.sandboxTokenServer('my-sandbox');`,
      `const room = new Room(); room.connect('wss://demo.livekit.cloud', globalThis.appToken);`,
    ].join('\n');
    const data = await bundleApp(app);
    const facts = await createJsReader({ elideMinBytes: 0 }).read(data, 'app.min.js', ctx);
    const joins = apiCallsOf(facts, ctx.rules).filter((c) => c.vendor === 'livekit' && c.kind === 'join');
    expect(joins.map((c) => c.snippet)).toEqual([expect.stringContaining('.connect("wss://demo.livekit.cloud"')]);
    // The vendor's endpoint stays the vendor's: found in LiveKit's code, not in the app's.
    const host = facts.strings.find((s) => s.value === 'https://cloud-api.livekit.io');
    expect(host?.vendorCode).toBe('livekit');
    // LiveKit's classes and the protobuf runtime are no longer parsed as app code: under 5% of the bundle is.
    expect(Number(facts.meta.elided!.split(' ')[0])).toBeGreaterThan(data.length * 0.95);
  }, 120_000);
});

describe("a vendor's hoisted package (sdk.js.hoisted)", () => {
  // @livekit/components-react hoisted after livekit-client: its statements between two of its markers are LiveKit's,
  // so its own room.connect(…) (useLiveKitRoom) is no app join; a statement outside its markers stays the app's.
  const livekitCalls = async (code: string) =>
    apiCallsOf(await createJsReader({ elideMinBytes: 0 }).read(Buffer.from(code), 'bundle.js', ctx), ctx.rules)
      .filter((c) => c.vendor === 'livekit' && c.kind === 'join')
      .map((c) => ({ line: c.line }));
  const lines = [
    'var LK = globalThis.LivekitClient;',
    'function trackId(t) { if (!t) throw new Error("Can\'t generate a id for the given track reference: " + t); return t.sid; }',
    'function useLiveKitRoom(e) { const r = new LK.Room(); r.connect(e.serverUrl, e.token); return r; }',
    'function ensure(r) { if (!r) throw Error("No room provided, make sure you are inside a Room context or pass the room explicitly"); return r; }',
    'const room = new LK.Room(); room.connect("wss://demo.livekit.cloud", globalThis.appToken);',
    '',
  ];

  it("reads the statements between its markers as the vendor's code", async () => {
    expect(await livekitCalls(lines.join('\n'))).toEqual([{ line: 5 }]);
  });

  it("leaves a statement outside its markers the app's", async () => {
    expect(await livekitCalls(lines.filter((l) => !l.startsWith('function ensure')).join('\n'))).toEqual([{ line: 3 }, { line: 4 }]);
  });
});

/** The app script bundled as app bundlers ship it: esbuild, minified IIFE, production defines. */
async function bundleApp(contents: string): Promise<Buffer> {
  const { build } = await import('esbuild');
  const r = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return Buffer.from(r.outputFiles[0]!.contents);
}
