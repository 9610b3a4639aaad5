// Launches Debian's headless Chromium through playwright-core, offline: no sandbox (CI runs as root), no GPU, no
// background or component-update traffic, a fresh profile per launch. Shared by the HTML rendering test and
// scripts/screenshots.mjs.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.RTCSCAN_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function chromiumAvailable() {
  return existsSync(CHROMIUM);
}

/**
 * A persistent context on a throw-away user-data-dir. Every request goes through a route that lets file: and
 * data: URLs through and aborts and records anything else, so a page that tries the network is caught, not served.
 * Returns { context, page, offPage: string[] (the non-file URLs asked for), close() }.
 */
export async function openOffline() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'rtcscan-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 1400 },
    offline: true,
    javaScriptEnabled: true,
  });
  const offPage = [];
  const watch = (url) => {
    if (!/^(file|data|about):/.test(url) && !offPage.includes(url)) offPage.push(url);
  };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    watch(url);
    return /^(file|data|about):/.test(url) ? route.continue() : route.abort('blockedbyclient');
  });
  context.on('request', (req) => watch(req.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    offPage,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
