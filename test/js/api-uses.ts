// Frozen vendor API uses of the JS reader (test/js/api-uses.test.ts): per input, the checks' AppApiUses of the code
// model as sorted keys (vendor, API, route, position, callee, argument values by role). The inputs: fixtures, the
// samples, the dev corpus, and every vendor production build from npm as shipped (renamed out of node_modules) and
// with app code appended. test/js/expected/api-uses.json holds the expected keys; regenerate it with
// `npm run js:expected` (RTCSCAN_UPDATE_EXPECTED=1) after a change that is meant to alter what the reader finds.
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { appApiUses, type AppApiUse } from '../../scanner/checks/vendor-calls.js';
import { createJsReader } from '../../scanner/formats/js/index.js';
import type { ReaderContext } from '../../scanner/formats/reader.js';
import type { RulePack } from '../../scanner/rules/pack.js';
// @ts-ignore plain .mjs shared with the benchmark (no types)
import { VENDOR_BUILDS, VENDOR_FILES, installedBuilds } from '../../bench/vendor-builds.mjs';

const reader = createJsReader();

/** What is compared of one use: vendor, API, route, position, callee and argument values by role. */
export function useKey(u: AppApiUse): string {
  const args = Object.keys(u.args)
    .sort()
    .map((r) => `${r}=${JSON.stringify(u.args[r as keyof typeof u.args])}`)
    .join(',');
  return `${u.vendor.id}|${u.apiId}|${u.route}|${u.location.line}:${u.location.column}|${u.callee}|${args}`;
}

/** The sorted use keys of one file read as `artifact` (siblings from its own folder). */
export async function usesOf(file: string, rules: RulePack, artifact = file): Promise<string[]> {
  const dir = dirname(file);
  const ctx: ReaderContext = {
    rules,
    maxStrings: 1_000_000,
    readSibling: async (rel) => {
      const p = resolve(dir, rel);
      if (relative(dir, p).startsWith('..') || !existsSync(p)) return undefined;
      return readFileSync(p);
    },
  };
  const facts = await reader.read(readFileSync(file), artifact, ctx);
  return appApiUses(facts, rules).map(useKey).sort();
}

const JS_FILE = /\.(?:[cm]?jsx?|tsx?)$/;

/** JS/TS files under a folder (no node_modules, no declaration files), sorted. */
export function jsFilesUnder(root: string, limit = 5000): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (out.length >= limit) return;
      if (name === 'node_modules' || name === '.git') continue;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (JS_FILE.test(name) && !name.endsWith('.d.ts') && st.size <= 24 * 1024 * 1024) out.push(p);
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

/** App code appended to each vendor build (the app's calls must be found beside the SDK's own code). */
export const APPENDED_APP = 'var client = AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });\nclient.join("5f3c1d2e8a9b4c7d6e0f1a2b3c4d5e6f", "room-1", null, 42);\n';

/**
 * Each installed vendor build and vendor file (VENDOR_FILES) copied into `dir` twice: as shipped (renamed out of node_modules) and with the app
 * code appended. Named in results by package and file.
 */
export function vendorInputs(dir: string): Array<{ name: string; file: string }> {
  const builds = installedBuilds([...VENDOR_BUILDS, ...VENDOR_FILES]) as Array<{ pkg: string; file: string; path: string }>;
  const out: Array<{ name: string; file: string }> = [];
  builds.forEach((b, i) => {
    const renamed = join(dir, `static-${i}.js`);
    copyFileSync(b.path, renamed);
    const appended = join(dir, `appended-${i}.js`);
    writeFileSync(appended, readFileSync(b.path, 'utf8') + '\n' + APPENDED_APP);
    out.push({ name: `static ${b.pkg}/${b.file}`, file: renamed }, { name: `appended ${b.pkg}/${b.file}`, file: appended });
  });
  return out;
}
