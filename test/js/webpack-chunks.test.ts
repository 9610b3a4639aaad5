// A vendor's own webpack build as Angular libraries ship it — the runtime chunk, polyfills and main chunks
// concatenated into one file (@zoom/videosdk-ui-toolkit's dist/videosdk-ui-toolkit.js) — is recognised by its
// compilation's chunk-loading global (rules: `chunkGlobal`) and read without the app-code analysis; app code
// concatenated before, between or after its statements, or wrapping them, is still the app's.
//
// The inputs are real webpack 5 output (devDependency) of a small project whose `uniqueName` is "uikit-base", the
// name of Zoom's UI-toolkit project (hence `webpackChunkuikit_base`, the global every webpack release of
// @zoom/videosdk-ui-toolkit pushes its chunks on). The package itself is not a devDependency: the benchmark reads
// it from an unpacked tarball (`node bench/run.mjs --packs DIR`).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpack from 'webpack';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { quickOutline } from '../../scanner/formats/js/quick-outline.js';
import { mayBeBuild, recogniseBuild } from '../../scanner/formats/js/builds.js';
import { VendorIndex } from '../../scanner/formats/js/vendors.js';

const rules = defaultRulePack();
const index = new VendorIndex(rules);
const dir = mkdtempSync(join(tmpdir(), 'rtcscan-webpack-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APP_ID = '5f3c1d2e8a9b4c7d6e0f1a2b3c4d5e6f';
const APP = `var client = AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });\nclient.join("${APP_ID}", "room-1", null, 42);\n`;

/** The toolkit's shape: it creates the Zoom client and joins with the configuration the host page gives it. */
const SOURCES = {
  'polyfills.js': `window.__Zone_disable_requestAnimationFrame = true;\n`,
  'helper.js': `export function docs(path) { return "https://zoom.us/docs/" + path; }\n`,
  'main.js':
    `import { docs } from './helper.js';\n` +
    `const client = WebVideoSDK.createClient();\n` +
    `export async function start(cfg) {\n` +
    `  await client.init("en-US", cfg.dependentAssets);\n` +
    `  await client.join(cfg.sessionName, cfg.videoSDKJWT, cfg.userName);\n` +
    `  console.log(docs("video"));\n` +
    `}\n` +
    `start(window.uitoolkitconfig);\n`,
};

/** runtime.js + polyfills.js + main.js of one webpack compilation, concatenated as the toolkit's build does. */
async function concatenatedBuild(uniqueName: string, minimize: boolean): Promise<string> {
  const root = join(dir, `${uniqueName}-${minimize ? 'min' : 'dev'}`);
  mkdirSync(join(root, 'src'), { recursive: true });
  for (const [name, text] of Object.entries(SOURCES)) writeFileSync(join(root, 'src', name), text);
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(
      {
        mode: 'production',
        context: root,
        entry: { polyfills: './src/polyfills.js', main: './src/main.js' },
        output: { path: join(root, 'dist'), uniqueName },
        optimization: { runtimeChunk: 'single', minimize },
        infrastructureLogging: { level: 'none' },
      },
      (err, s) => (err || !s ? reject(err) : resolve(s)),
    ),
  );
  expect(stats.hasErrors()).toBe(false);
  return ['runtime.js', 'polyfills.js', 'main.js'].map((f) => readFileSync(join(root, 'dist', f), 'utf8')).join('\n');
}

async function findingsOf(name: string, text: string): Promise<Finding[]> {
  const folder = join(dir, 'scan', name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'videosdk-ui-toolkit.js'), text);
  return (await scan({ inputs: [folder], rules, workers: 0 })).bundles[0]!.findings;
}
const sessions = (f: Finding[]) => f.filter((x) => x.ruleId === 'RTC102').map((x) => x.properties.vendor as string);
const recognise = (text: string) => {
  const quick = quickOutline(text);
  return quick ? recogniseBuild(text, 'www/static/ui.js', quick, index) : undefined;
};

describe('a vendor webpack build read by its chunk-loading global', () => {
  const built: Record<string, string> = {};
  beforeAll(async () => {
    built.min = await concatenatedBuild('uikit-base', true);
    built.dev = await concatenatedBuild('uikit-base', false);
    built.other = await concatenatedBuild('shop-app', true);
  }, 120_000);

  it.each(['min', 'dev'])('%s: the whole file is the vendor build; its own init/join are no app sessions', async (kind) => {
    const code = built[kind]!;
    expect(code).toMatch(/\(self(?:\.webpackChunkuikit_base|\["webpackChunkuikit_base"\])\s*=.*\)\.push\(\[\[/);
    expect(mayBeBuild(code, 'www/static/ui.js', index)).toBe(true);
    const build = recognise(code);
    expect(build?.vendor).toBe('zoom-video-sdk');
    expect(build?.evidence).toBe('webpack chunks on webpackChunkuikit_base');
    expect(build?.statements).toBeUndefined();
    const f = await findingsOf(`whole-${kind}`, code);
    expect([...new Set(f.filter((x) => x.ruleId === 'RTC101').map((x) => x.properties.vendor))]).toEqual(['zoom-video-sdk']);
    expect(sessions(f)).toEqual([]);
  }, 60_000);

  it("the same code built under an app's own name is the app's: its init and join are found", async () => {
    expect(built.other).toContain('webpackChunkshop_app');
    expect(recognise(built.other!)).toBeUndefined();
    expect(sessions(await findingsOf('other', built.other!))).toContain('zoom-video-sdk');
  }, 60_000);

  it('app code concatenated before, between or after the statements is parsed: its session is found, not the build’s', async () => {
    const code = built.min!;
    const cut = code.indexOf('\n') + 1; // after the runtime chunk
    for (const [name, text] of [
      ['after', code + '\n' + APP],
      ['before', APP + code],
      ['between', code.slice(0, cut) + APP + code.slice(cut)],
    ] as const) {
      const build = recognise(text);
      expect(build?.vendor, name).toBe('zoom-video-sdk');
      expect(build?.statements?.length, name).toBe(3);
      const s = sessions(await findingsOf(`concat-${name}`, text));
      expect(s, name).toContain('agora');
      expect(s, name).not.toContain('zoom-video-sdk');
    }
  }, 120_000);

  it("an app's own IIFE around the build is no build (the chunk pushes are not top-level statements)", async () => {
    const text = `(function () {\n${built.min}\n${APP}})();\n`;
    expect(recognise(text)).toBeUndefined();
    expect(sessions(await findingsOf('iife', text))).toContain('agora');
  }, 60_000);

  it('the global quoted in app code, or a runtime without chunks, is no build', () => {
    const quoted = `var head = "(self.webpackChunkuikit_base=self.webpackChunkuikit_base||[]).push([[1],";\n${APP}`;
    expect(mayBeBuild(quoted, 'www/app.js', index)).toBe(true);
    expect(recognise(quoted)).toBeUndefined();
    const runtime = built.min!.slice(0, built.min!.indexOf('\n'));
    expect(runtime).toMatch(/^\(\(\)=>\{/);
    expect(recognise(runtime)).toBeUndefined();
  });
});
