// A vendor SDK package copied out of node_modules (an unpacked npm tarball, `www/lib/<sdk>/`, `vendor/<sdk>/`) keeps
// its package.json: a file whose nearest package.json names a vendor package of the rules is that vendor's library
// code, exactly as under node_modules/<name>/ (scanner/input/package-scope.ts, scanner/engine/package-owner.ts).
// Material: twilio-video's per-file modules (lib/webrtc/**, real devDependency, unmodified), whose own
// `new RTCPeerConnection` calls were reported as the app's session start before.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { buildZip } from '../helpers/zip-writer.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const TWILIO = join(ROOT, 'node_modules/twilio-video');
const rules = defaultRulePack();
const dir = mkdtempSync(join(tmpdir(), 'rtcscan-pkgroots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APP_CODE = `const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:stun.example.org:3478' }] });
pc.createOffer().then((o) => pc.setLocalDescription(o));
`;

/**
 * app/package.json (the app) + app/src/call.js (app code starting a session) + the vendor tree at
 * app/www/lib/twilio-video/ with its package.json as `manifest` (none when undefined) + a demo app inside it with its
 * own package.json.
 */
function makeApp(name: string, manifest: string | Buffer | undefined): string {
  const app = join(dir, name);
  const vendor = join(app, 'www/lib/twilio-video');
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'my-call-app', dependencies: { 'twilio-video': '^2.32.0' } }));
  writeFileSync(join(app, 'src/call.js'), APP_CODE);
  cpSync(join(TWILIO, 'lib/webrtc'), join(vendor, 'lib/webrtc'), { recursive: true });
  if (manifest !== undefined) writeFileSync(join(vendor, 'package.json'), manifest);
  mkdirSync(join(vendor, 'demo'), { recursive: true });
  writeFileSync(join(vendor, 'demo/package.json'), JSON.stringify({ name: 'twilio-video-demo', private: true }));
  writeFileSync(join(vendor, 'demo/index.js'), APP_CODE);
  return app;
}

function filesOf(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(root, f)).isFile()).sort();
}

async function findingsOf(input: string, workers = 0): Promise<Finding[]> {
  const r = await scan({ inputs: [input], rules, workers, cwd: dir });
  return r.bundles[0]!.findings;
}
const sessionStarts = (f: Finding[]) => [...new Set(f.filter((x) => x.ruleId === 'RTC102').map((x) => x.location.artifact.replace(/^.*?!\//, '')))].sort();
const sdkVendors = (f: Finding[]) => [...new Set(f.filter((x) => x.ruleId === 'RTC101').map((x) => x.properties.vendor))].sort();

const TWILIO_MANIFEST = readFileSync(join(TWILIO, 'package.json'));
const vendorStarts = (starts: string[]) => starts.filter((a) => a.includes('/lib/webrtc/'));

describe('vendored package trees (nearest package.json)', () => {
  it('the vendor tree with its own package.json is library code; the app and a demo app inside it are not', async () => {
    const app = makeApp('vendored', TWILIO_MANIFEST);
    const f = await findingsOf(app);
    const starts = sessionStarts(f);
    expect(starts).toContain('vendored/src/call.js');
    // Nearest wins: the demo has its own package.json, so its code is app code again.
    expect(starts).toContain('vendored/www/lib/twilio-video/demo/index.js');
    expect(vendorStarts(starts)).toEqual([]);
    expect(sdkVendors(f)).toContain('twilio');
  }, 120_000);

  it('without the package.json the same files are read as app code (the control)', async () => {
    const f = await findingsOf(makeApp('unowned', undefined));
    expect(vendorStarts(sessionStarts(f)).length).toBeGreaterThanOrEqual(3);
    expect(sessionStarts(f)).toContain('unowned/src/call.js');
  }, 120_000);

  it('ignores a malformed or huge package.json (the app package above decides), with no crash or stack trace', async () => {
    const huge = JSON.stringify({ name: 'twilio-video', description: 'x'.repeat(300 * 1024) });
    for (const [name, manifest] of [['malformed', '{"name": "twilio-video",'], ['huge', huge]] as const) {
      const r = await scan({ inputs: [makeApp(name, manifest)], rules, workers: 0, cwd: dir });
      const f = r.bundles[0]!.findings;
      expect(vendorStarts(sessionStarts(f)).length, name).toBeGreaterThanOrEqual(3);
      expect(r.bundles[0]!.notices.filter((n) => /\n\s+at /.test(n.message)), name).toEqual([]);
    }
  }, 120_000);

  it('inside a zip (an IPA with a Cordova www/): the same as the folder', async () => {
    const app = makeApp('zipped', TWILIO_MANIFEST);
    const zip = join(dir, 'zipped.ipa');
    writeFileSync(zip, buildZip(filesOf(app).map((rel) => ({ name: `Payload/App.app/${rel}`, data: readFileSync(join(app, rel)) }))));
    const f = await findingsOf(zip);
    const starts = sessionStarts(f).map((a) => a.replace(/^Payload\/App\.app\//, ''));
    expect(starts).toEqual(['src/call.js', 'www/lib/twilio-video/demo/index.js']);
    expect(sdkVendors(f)).toContain('twilio');
  }, 120_000);

  // Workers read from the compiled build: the package reaches them with the artifact (engine/pool.ts).
  const DIST = join(ROOT, 'dist/scanner/engine/scan.js');
  it.runIf(existsSync(DIST))('gives the same findings with two workers as on the main thread', async () => {
    const app = makeApp('workers', TWILIO_MANIFEST);
    const { scan: distScan } = (await import(DIST)) as { scan: typeof scan };
    // The shipped pack of the compiled build: workers are used with it only.
    const { loadShippedRulePack } = (await import(join(ROOT, 'dist/scanner/rules/rule-pack.js'))) as { loadShippedRulePack: () => Promise<ReturnType<typeof defaultRulePack>> };
    const pack = await loadShippedRulePack();
    const view = (f: Finding[]) => f.map((x) => `${x.ruleId} ${x.location.artifact} ${x.message}`);
    const run = async (workers: number) => view((await distScan({ inputs: [app], rules: pack, workers, cwd: dir })).bundles[0]!.findings);
    const [main, pooled] = [await run(0), await run(2)];
    expect(pooled).toEqual(main);
    expect(main.filter((m) => m.startsWith('RTC102') && m.includes('/lib/webrtc/'))).toEqual([]);
  }, 300_000);
});
