#!/usr/bin/env node
// Renders the HTML report of each sample in headless Chromium and writes full-page screenshots to
// docs/screenshots/<sample>.png (the README shows them). Scans with the built CLI (run `npm run build` first).
// Screenshots depend on Chromium and fonts, so no test compares them; regenerate after changing the HTML report:
//   node scripts/screenshots.mjs [sample …]        (samples: web android ios clean; default all)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumAvailable, CHROMIUM, openOffline } from './chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOT_SAMPLES = { web: 'samples/web/dist', android: 'samples/android/club.apk', ios: 'samples/ios/Club.ipa', clean: 'samples/clean/dist' };
const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SCREENSHOT_SAMPLES);

if (!chromiumAvailable()) {
  console.error(`screenshots: ${CHROMIUM} not found (apt-get install -y chromium)`);
  process.exit(1);
}
const outDir = join(root, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'rtcscan-shots-'));
const browser = await openOffline();
try {
  for (const name of names) {
    const input = SCREENSHOT_SAMPLES[name];
    if (!input) throw new Error(`unknown sample ${name}`);
    const html = join(tmp, `${name}.html`);
    const r = spawnSync(process.execPath, ['dist/scanner/cli/main.js', 'scan', input, '--fail-on', 'none', '--quiet', '-o', html], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`scan of ${input} exited ${r.status}`);
    await browser.page.setViewportSize({ width: 1280, height: 900 });
    await browser.page.goto(pathToFileURL(html).href);
    const height = await browser.page.evaluate(() => document.documentElement.scrollHeight);
    const out = join(outDir, `${name}.png`);
    // The first 2,000 px: verdict, summary, data-flow picture and the start of the errors (what the layout puts first).
    await browser.page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 2000) } });
    console.log(`${input} → ${out} (page height ${height} px at 1280 px)`);
  }
  if (browser.offPage.length) throw new Error(`reports asked for the network: ${browser.offPage.join(', ')}`);
} finally {
  await browser.close();
}
