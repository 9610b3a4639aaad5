// Vendor code is never app code: every vendor production build npm serves (the devDependencies, unmodified) is
// scanned as shipped (under node_modules/) and renamed into a static folder (content alone must tell): the right
// vendor and no other, no session start, encryption or cleartext-flow finding, no credential. And the guard the
// other way: a vendor build with app code appended, a banner quoted inside app code, and an app bundle that
// contains the SDK keep their app calls.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { outlineScript } from '../../scanner/formats/js/outline.js';
import { quickOutline } from '../../scanner/formats/js/quick-outline.js';
import { codeStart, mayBeBuild, recogniseBuild } from '../../scanner/formats/js/builds.js';
import { VendorIndex } from '../../scanner/formats/js/vendors.js';
// @ts-ignore plain .mjs shared with the benchmark (no types)
import { VENDOR_BUILDS, VENDOR_FILES, installedBuilds } from '../../bench/vendor-builds.mjs';

const rules = defaultRulePack();
const builds = installedBuilds([...VENDOR_BUILDS, ...VENDOR_FILES]) as Array<{ vendor: string; pkg: string; file: string; kind: string; path: string }>;
const dir = mkdtempSync(join(tmpdir(), 'rtcscan-vendor-builds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function findingsOf(path: string): Promise<Finding[]> {
  const r = await scan({ inputs: [path], rules, workers: 0 });
  return r.bundles[0]!.findings;
}
const sdkVendors = (f: Finding[]) => [...new Set(f.filter((x) => x.ruleId === 'RTC101').map((x) => x.properties.vendor))].sort();
const appFindings = (f: Finding[]) => f.filter((x) => /^RTC(?:102|301|304|40\d)$/.test(x.ruleId)).map((x) => `${x.ruleId} ${x.message.slice(0, 120)}`);

const AGORA_UMD = join(process.cwd(), 'node_modules/agora-rtc-sdk-ng/AgoraRTC_N-production.js');
const APP_ID = '5f3c1d2e8a9b4c7d6e0f1a2b3c4d5e6f';
const APP = `var client = AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });\nclient.join("${APP_ID}", "room-1", null, 42);\n`;

describe('vendor production builds from npm', () => {
  it('covers at least 20 builds of at least 10 vendors', () => {
    expect(builds.length).toBeGreaterThanOrEqual(20);
    expect(new Set(builds.map((b) => b.vendor)).size).toBeGreaterThanOrEqual(10);
  });

  it.each(builds.map((b) => [`${b.pkg}/${b.file}`, b] as const))('%s: as shipped and renamed into a static folder', async (_name, b) => {
    const renamed = join(dir, 'static', 'js', `chunk-${b.pkg.replace(/\W/g, '')}-${b.file.replace(/\W/g, '')}.js`);
    mkdirSync(join(dir, 'static', 'js'), { recursive: true });
    copyFileSync(b.path, renamed);
    for (const path of [b.path, renamed]) {
      const f = await findingsOf(path);
      expect(sdkVendors(f), path).toEqual([b.vendor]);
      expect(appFindings(f), path).toEqual([]);
    }
  }, 120_000);
});

describe('well-known libraries an RTC package ships beside its SDK (rules/libraries builds)', () => {
  // TensorFlow.js and its WASM backend as @zoom/videosdk ships them for its virtual background (dist/lib/vb-resource).
  const libs = [
    ['tf.min.js', '@tensorflow/tfjs'],
    ['tf-backend-wasm.min.js', '@tensorflow/tfjs-backend-wasm'],
  ] as const;
  it.each(libs)('%s renamed into a static folder: named as its library, read from tokens, no vendor and no app finding', async (file, pkg) => {
    const source = join(process.cwd(), 'node_modules/@zoom/videosdk/dist/lib/vb-resource', file);
    const copy = join(dir, 'static', 'ml', `m-${file.replace(/\W/g, '')}.js`);
    mkdirSync(join(dir, 'static', 'ml'), { recursive: true });
    copyFileSync(source, copy);
    const code = readFileSync(source, 'utf8');
    const index = new VendorIndex(rules);
    const build = recogniseBuild(code, 'www/static/m.js', quickOutline(code)!, index);
    expect(build?.library).toBe(pkg);
    expect(build?.vendor).toBe('');
    const f = await findingsOf(copy);
    expect(sdkVendors(f)).toEqual([]);
    expect(appFindings(f)).toEqual([]);
    // App code appended after the UMD (then the library's wrapper body only, or no build): the app's session is found.
    const concat = join(dir, `lib-concat-${file.replace(/\W/g, '')}.js`);
    writeFileSync(concat, code + '\n' + APP);
    const g = await findingsOf(concat);
    expect(g.filter((x) => x.ruleId === 'RTC102').map((x) => x.properties.vendor)).toContain('agora');
  }, 180_000);
});

describe('strings of vendor builds that are names, not peers', () => {
  it("lib-jitsi-meet's XMPP namespaces (xmlns, disco features) are no cleartext endpoints; its plugin download links are", async () => {
    const copy = join(dir, 'static', 'jitsi.js');
    mkdirSync(join(dir, 'static'), { recursive: true });
    copyFileSync(join(process.cwd(), 'node_modules/lib-jitsi-meet/dist/lib-jitsi-meet.min.js'), copy);
    const f = await findingsOf(copy);
    const cleartext = f.filter((x) => x.ruleId === 'RTC302').map((x) => x.message);
    expect(cleartext.some((m) => /jabber\.org|jitsi\.org/.test(m))).toBe(false);
    // Temasys' plugin installers offered over http (portalLink, downloadLinks) stay reported.
    expect(cleartext.some((m) => m.includes('http://bit.ly'))).toBe(true);
  }, 120_000);
});

describe('the quick outline of a vendor build', () => {
  // Literals, template chunks and comments exactly as the full outline (itself tested equal to Babel's) gives them.
  const view = (s: { value: string; kind: string; start: number; end: number; line: number; column: number; endLine: number; endColumn: number }) =>
    `${s.kind} ${s.start}-${s.end} ${s.line}:${s.column}-${s.endLine}:${s.endColumn} ${s.value}`;
  it.each(builds.map((b) => [`${b.pkg}/${b.file}`, b] as const))('%s: same strings as the full outline', (_name, b) => {
    const code = readFileSync(b.path, 'utf8');
    const quick = quickOutline(code);
    expect(quick).toBeDefined();
    const full = outlineScript(code);
    expect(quick!.strings.map(view)).toEqual(full.strings.filter((s) => s.kind !== 'identifier').map(view));
    // Every function body of the full outline lies in one top-level brace span of the quick one, and a
    // wrapper's factory body (a top-level function body holding most of the text, opening within the 4 KB a
    // wrapper's head may take) is one of the spans. (A class method holding an inlined worker script is no
    // wrapper: the quick outline's span is then the class body around it.)
    const spans = quick!.bodies;
    for (const f of full.bodies.filter((x) => x.parent === -1 && x.close > 0)) {
      expect(spans.some((x) => x.open <= f.open && f.close <= x.close)).toBe(true);
      if (f.close - f.open > code.length / 2 && f.open <= codeStart(code) + 4096) expect(spans.some((x) => x.open === f.open && x.close === f.close)).toBe(true);
    }
  }, 60_000);

  it('never throws on truncated or corrupted builds, and what it returns is in source order', () => {
    const code = readFileSync(join(process.cwd(), 'node_modules/@daily-co/daily-js/dist/daily.js'), 'utf8');
    for (let k = 1; k <= 200; k++) {
      const cut = Math.floor((code.length * k) / 201);
      for (const text of [code.slice(0, cut), code.slice(0, cut) + '"\\u{' + code.slice(cut + 7), code.slice(0, cut) + '`${' + code.slice(cut)]) {
        const q = quickOutline(text);
        if (!q) continue;
        for (let i = 1; i < q.strings.length; i++) expect(q.strings[i]!.start).toBeGreaterThanOrEqual(q.strings[i - 1]!.end);
      }
    }
  }, 120_000);

  it('gives up on what it cannot read (unterminated literal, unbalanced braces)', () => {
    expect(quickOutline('var a = "x')).toBeUndefined();
    expect(quickOutline('function f() { return 1;')).toBeUndefined();
    expect(quickOutline('var t = `a${b`')).toBeUndefined();
    expect(quickOutline('var r = /a[/]b/g, s = "/*", t = `x${{ a: "}" }.a}y`; // c')!.strings.map((s) => s.value)).toEqual(['/*', 'x', '}', 'y', 'c']);
  });
});

describe('the vendor-build prefilter (mayBeBuild)', () => {
  const index = new VendorIndex(rules);
  it.each(builds.map((b) => [`${b.pkg}/${b.file}`, b] as const))('%s renamed: says yes whenever the build is recognised', (_name, b) => {
    const code = readFileSync(b.path, 'utf8');
    const path = `www/static/${b.file.replace(/\W/g, '')}.js`;
    const quick = quickOutline(code);
    const recognised = quick ? recogniseBuild(code, path, quick, index) : undefined;
    if (recognised) expect(mayBeBuild(code, path, index)).toBe(true);
  });

  it('does not recognise an app bundle whose own IIFE wraps the vendor UMD (the UMD head is inside the bundle)', async () => {
    const r = await build({
      stdin: { contents: 'import TRTC from "trtc-sdk-v5";\nglobalThis.t = TRTC.create();\n', resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    const code = r.outputFiles[0]!.text;
    // The vendor's UMD assignment is within the first 4 KB, but inside the bundle's own wrapper body.
    expect(code.slice(0, 4096)).toMatch(/\.TRTC=/);
    // A candidate (a build's shim may sit inside an outer wrapper, as lib-jitsi-meet's debug build's does), but the
    // bundle's IIFE goes on with the app's code after the SDK's factory: no build.
    const quick = quickOutline(code);
    expect(quick && recogniseBuild(code, 'www/app.js', quick, index)).toBeFalsy();
  }, 120_000);

  it("a UMD on the toolkit's generic global is Zoom's only with the toolkit's own root class inside its wrapper", () => {
    // The same shim Vite writes for the toolkit, around an app's own library that names its global UIToolkit too.
    const shim = (body: string) =>
      `(function(e,t){typeof exports=="object"&&typeof module<"u"?module.exports=t():typeof define=="function"&&define.amd?define(t):(e=typeof globalThis<"u"?globalThis:e||self,e.UIToolkit=t())})(this,(function(){"use strict";${body}}));`;
    const lib = 'function a(n){return{open:function(){return document.body.className="my-toolkit-root-"+n}}}'.repeat(40) + 'return{a:a};';
    const own = shim(lib);
    expect(recogniseBuild(own, 'www/static/ui.js', quickOutline(own)!, index)).toBeUndefined();
    expect(mayBeBuild(own, 'www/static/ui.js', index)).toBe(false);
    // The class only outside the wrapper (an app script after the library) lends it nothing.
    const around = own + '\ndocument.body.className="zoom-ui-toolkit-root";';
    expect(recogniseBuild(around, 'www/static/ui.js', quickOutline(around)!, index)).toBeUndefined();
    const inside = shim(lib.replace('"my-toolkit-root-"', '"zoom-ui-toolkit-root"'));
    expect(recogniseBuild(inside, 'www/static/ui.js', quickOutline(inside)!, index)?.evidence).toBe('umd global UIToolkit + literal "zoom-ui-toolkit-root"');
  });

  it('reads a prefix with its outermost open brace as an open body', () => {
    expect(quickOutline('!function(e,t){e.X=t()}(this,function(){var a="{";', true)!.bodies.map((b) => [b.open, b.close])).toEqual([
      [14, 22],
      [39, -1],
    ]);
    expect(quickOutline('function f() { return 1;')).toBeUndefined();
    expect(quickOutline('var a = "x', true)).toBeUndefined();
  });
});

describe('app code next to or around a vendor build is still the app', () => {
  it('a UMD build with an app script appended: the app calls are found', async () => {
    const file = join(dir, 'concat.js');
    writeFileSync(file, readFileSync(AGORA_UMD, 'utf8') + '\n' + APP);
    const f = await findingsOf(file);
    expect(f.filter((x) => x.ruleId === 'RTC102').map((x) => x.properties.vendor)).toContain('agora');
    expect(f.some((x) => x.ruleId === 'RTC401')).toBe(true);
  }, 120_000);

  it('a Rollup CommonJS build with an app script appended: its export run no longer ends the file', async () => {
    const file = join(dir, 'stream-concat.js');
    writeFileSync(file, readFileSync(join(process.cwd(), 'node_modules/@stream-io/video-client/dist/index.cjs.js'), 'utf8') + '\n' + APP);
    const f = await findingsOf(file);
    expect(f.filter((x) => x.ruleId === 'RTC102').map((x) => x.properties.vendor)).toContain('agora');
  }, 120_000);

  it("a worker that ends with the vendor's own source map is the vendor's; app code appended after it is not", async () => {
    const worker = readFileSync(join(process.cwd(), 'node_modules/@zoom/videosdk/dist/lib/net_thread.min.js'), 'utf8');
    const index = new VendorIndex(rules);
    expect(worker).toMatch(/\n\/\/# sourceMappingURL=https:\/\/d1cdksi819e9z7\.cloudfront\.net\/sourcemap\/\S+\s*$/);
    expect(recogniseBuild(worker, 'www/static/nt.js', quickOutline(worker)!, index)?.vendor).toBe('zoom-video-sdk');
    // The same map line pointing anywhere else is no signature.
    const elsewhere = worker.replace(/sourceMappingURL=https:\/\/d1cdksi819e9z7\.cloudfront\.net\//, 'sourceMappingURL=https://cdn.example.com/');
    expect(mayBeBuild(elsewhere, 'www/static/nt.js', index)).toBe(false);
    // App code appended after the worker: the map line no longer ends the file, and the app's session is found.
    const file = join(dir, 'zoom-worker-concat.js');
    writeFileSync(file, worker + '\n' + APP);
    const f = await findingsOf(file);
    expect(f.filter((x) => x.ruleId === 'RTC102').map((x) => x.properties.vendor)).toContain('agora');
  }, 120_000);

  it("a UMD shim inside an outer wrapper (lib-jitsi-meet's debug build) is the build; app code inside that wrapper is not", async () => {
    const debug = readFileSync(join(process.cwd(), 'node_modules/lib-jitsi-meet/dist/lib-jitsi-meet.js'), 'utf8');
    const index = new VendorIndex(rules);
    // As shipped: `!function(){ !function(){}(); (function webpackUniversalModuleDefinition(…){…})(this, function(){…}); }();`
    expect(debug.slice(0, 40)).toMatch(/^!function\(\)\{\s*!function\(\)\{\s*\}\(\);/);
    expect(mayBeBuild(debug, 'www/static/j.js', index)).toBe(true);
    const shipped = recogniseBuild(debug, 'www/static/j.js', quickOutline(debug)!, index);
    expect(shipped?.vendor).toBe('jitsi');
    // Its factory is the inner function, not the outer wrapper.
    expect(shipped?.body?.open).toBeGreaterThan(debug.indexOf('webpackUniversalModuleDefinition'));
    // App code appended after the file: still the build, and the app's session is found (parsed around the factory).
    const after = join(dir, 'jitsi-debug-concat.js');
    writeFileSync(after, debug + '\n' + APP);
    const f1 = await findingsOf(after);
    expect(f1.filter((x) => x.ruleId === 'RTC102').map((x) => x.properties.vendor)).toContain('agora');
    // App code inside the outer wrapper after the factory: no build at all, and the app's session is found.
    const close = debug.lastIndexOf('}();');
    const inside = debug.slice(0, close) + APP + debug.slice(close);
    expect(recogniseBuild(inside, 'www/static/j.js', quickOutline(inside)!, index)).toBeUndefined();
    const file = join(dir, 'jitsi-debug-inside.js');
    writeFileSync(file, inside);
    const f2 = await findingsOf(file);
    expect(f2.filter((x) => x.ruleId === 'RTC102').map((x) => x.properties.vendor)).toContain('agora');
  }, 180_000);

  it("a build anchored at both ends (TRTC's worklet: Emscripten glue, then registerProcessor) is the whole file", async () => {
    const worklet = readFileSync(join(process.cwd(), 'node_modules/trtc-sdk-v5/assets/audioProcessor-wasm.js'), 'utf8');
    const index = new VendorIndex(rules);
    const whole = recogniseBuild(worklet, 'www/static/w.js', quickOutline(worklet)!, index);
    expect(whole?.vendor).toBe('tencent-trtc');
    expect(whole?.body).toBeUndefined();
    // App code appended or prepended breaks an anchor: parsed, and the app's session is found.
    for (const [name, text] of [['after', worklet + '\n' + APP], ['before', APP + worklet]] as const) {
      expect(recogniseBuild(text, 'www/static/w.js', quickOutline(text)!, index), name).toBeUndefined();
      const file = join(dir, `worklet-${name}.js`);
      writeFileSync(file, text);
      const f = await findingsOf(file);
      expect(f.filter((x) => x.ruleId === 'RTC102').map((x) => x.properties.vendor), name).toContain('agora');
    }
  }, 180_000);

  it('a wrapper-head signature reads only the UMD shim before the factory body', async () => {
    // The shape of zego-express-engine-webrtc's webpack UMD shim (no global; it loads the build's externals).
    const shim = (body: string) =>
      `!function(t,i){if("object"==typeof exports&&"object"==typeof module)module.exports=i(require("zego-express-logger"));` +
      `else if("function"==typeof define&&define.amd)define(["zego-express-logger"],i);else{var n=i(t["zego-express-logger"]);` +
      `for(var e in n)t[e]=n[e]}}(self,function(e){${body}});\n`;
    const index = new VendorIndex(rules);
    const vendorBody = 'var zegoconn_version="3.12.0";'.repeat(200);
    const build = shim(vendorBody);
    const quick = quickOutline(build)!;
    expect(mayBeBuild(build, 'www/z.js', index)).toBe(true);
    expect(recogniseBuild(build, 'www/z.js', quick, index)?.vendor).toBe('zegocloud');
    // The same text quoted by app code inside its own IIFE is no shim: the app is parsed and its session found.
    const app = `(function(){var doc=${JSON.stringify(shim(''))};\n${APP}})();\n`;
    expect(mayBeBuild(app, 'www/app.js', index)).toBe(false);
    const file = join(dir, 'quoted-shim.js');
    writeFileSync(file, app);
    const f = await findingsOf(file);
    expect(f.filter((x) => x.ruleId === 'RTC102').map((x) => x.properties.vendor)).toContain('agora');
  }, 120_000);

  it('a vendor banner quoted inside app code does not make the app a vendor build', async () => {
    const file = join(dir, 'quoted.js');
    writeFileSync(file, `"use strict";\n/**\n * AgoraWebSDK_N-v4.24.8-0-gf100be755-dirty Copyright AgoraInc.\n */\n${APP}export { client as AgoraRTC, client as createClient, client as getDevices };\n`);
    const f = await findingsOf(file);
    expect(f.filter((x) => x.ruleId === 'RTC102').length).toBeGreaterThan(0);
  }, 120_000);

  it('an app bundle containing the SDK (esbuild IIFE) keeps its app session start', async () => {
    const r = await build({
      stdin: { contents: `import AgoraRTC from "agora-rtc-sdk-ng";\n${APP}`, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      legalComments: 'inline',
    });
    const file = join(dir, 'app-bundle.js');
    writeFileSync(file, r.outputFiles[0]!.contents);
    const f = await findingsOf(file);
    expect(f.filter((x) => x.ruleId === 'RTC102').map((x) => x.properties.vendor)).toContain('agora');
  }, 180_000);
});
