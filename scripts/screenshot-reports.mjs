#!/usr/bin/env node
// Renders committed HTML reports in headless Chromium and writes PNG screenshots next to them
// (reports/<name>.html.png). Screenshots are not byte-stable across Chromium versions and fonts, so no test
// compares them; regenerate them after changing the HTML report:   node scripts/screenshot-reports.mjs
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumAvailable, CHROMIUM, openOffline } from './chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const names = process.argv.slice(2).length ? process.argv.slice(2) : ['web', 'android'];

if (!chromiumAvailable()) {
  console.error(`screenshot-reports: ${CHROMIUM} not found (apt-get install -y chromium); skipped`);
  process.exit(0);
}
const browser = await openOffline();
try {
  for (const name of names) {
    const file = join(root, 'reports', `${name}.html`);
    await browser.page.goto(pathToFileURL(file).href);
    const out = `${file}.png`;
    await browser.page.screenshot({ path: out, fullPage: false });
    console.log(`${file} → ${out}`);
  }
  if (browser.offPage.length) throw new Error(`reports asked for the network: ${browser.offPage.join(', ')}`);
} finally {
  await browser.close();
}
