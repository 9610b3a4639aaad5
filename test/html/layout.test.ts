// The HTML report's layout in headless Chromium, per sample: the verdict and errors come before the endpoints, the
// page never scrolls sideways, level badges stay one line, and the data-flow picture has the right nodes.
// With CI=true a missing Chromium is a failure, never a skip (CI installs it: .ci/run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { toHtml } from '../../scanner/report/html.js';
import { ROOT, tempDir } from '../helpers/cli.js';
// @ts-expect-error plain ESM script without types
import { chromiumAvailable, openOffline } from '../../scripts/chromium.mjs';

const rules = defaultRulePack();
const CI = /^(?:true|1)$/i.test(process.env.CI ?? '');
if (!chromiumAvailable() && !CI) console.warn('test/html/layout: Chromium not found, the layout tests are SKIPPED (CI=true makes this a failure)');

/** sample → nodes the data-flow picture must have. */
const SAMPLES: Array<[string, string, string[]]> = [
  ['web', 'samples/web/dist', ['app', 'vendor:agora', 'vendor:webrtc', 'host:api.example.com', 'host:signal.example.net']],
  ['android', 'samples/android/club.apk', ['app', 'vendor:agora']],
  ['ios', 'samples/ios/Club.ipa', ['app', 'vendor:agora']],
];

describe.skipIf(!chromiumAvailable() && !CI)('HTML report layout in headless Chromium', () => {
  let browser: Awaited<ReturnType<typeof openOffline>>;
  let dir: string;
  beforeAll(async () => {
    browser = await openOffline();
    dir = tempDir('rtcscan-layout-');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each(SAMPLES)('%s sample', async (name, input, nodes) => {
    const result = await scan({ inputs: [input], rules, cwd: ROOT });
    const file = join(dir, `${name}.html`);
    writeFileSync(file, toHtml(result, rules));
    const { page } = browser;
    for (const width of [1280, 800]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(pathToFileURL(file).href);
      const top = (sel: string) => page.locator(sel).first().evaluate((e: Element) => e.getBoundingClientRect().top + window.scrollY);
      // Verdict, then errors and warnings, then the endpoints.
      expect(await top('#verdict')).toBeLessThan(await top('#flows'));
      expect(await top('#flows')).toBeLessThan(await top('#endpoints'));
      if (await page.locator('#flows .level-error').count()) expect(await top('#flows .level-error')).toBeLessThan(await top('#endpoints'));
      // No horizontal overflow: the page is as wide as the window.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `page ${width}px wide scrolls sideways`).toBeLessThanOrEqual(0);
      // Every level badge is one line: its height is one line box and its width fits the word.
      const badges = await page.locator('.level').evaluateAll((els: Element[]) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { text: e.textContent, lines: e.getClientRects().length, h: r.height, w: r.width, fits: (e as HTMLElement).scrollWidth <= Math.ceil(r.width) };
        }),
      );
      expect(badges.length).toBeGreaterThan(0);
      for (const b of badges.filter((x) => x.h > 0)) {
        expect(b.lines, `badge ${b.text}`).toBe(1);
        expect(b.h, `badge ${b.text} wraps`).toBeLessThan(24);
        expect(b.fits, `badge ${b.text} is cut`).toBe(true);
      }
      // The data-flow picture: inline SVG with the app, each vendor (with its country) and the hosts identifiers reach.
      const svg = page.locator('#dataflow svg');
      expect(await svg.count()).toBe(1);
      const present = await page.locator('#dataflow svg g.node').evaluateAll((els: Element[]) => els.map((e) => e.getAttribute('data-node')));
      expect(present).toEqual(expect.arrayContaining(nodes));
      if (nodes.includes('vendor:agora')) expect(await page.locator('#dataflow g[data-node="vendor:agora"]').textContent()).toContain('China (CN)');
      if (name === 'web') {
        expect(await page.locator('#dataflow path.edge.cleartext[data-edge="host:api.example.com"]').count()).toBe(1);
        expect(await page.locator('#dataflow path.edge.cleartext[data-edge="vendor:agora"]').count()).toBe(0);
        expect(await page.locator('#dataflow g[data-node="vendor:webrtc"]').textContent()).not.toMatch(/ZZ/);
      }
      const svgBox = await svg.boundingBox();
      expect(svgBox!.width).toBeGreaterThan(width * 0.8);
    }
    // Print: closed sections print open, the SVG stays.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#dataflow svg').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(browser.offPage).toEqual([]);
  }, 180_000);
});
