#!/usr/bin/env node
// Prints a Markdown table of the vendor rule packs (rules/vendors/*.yaml): who the vendor is, where it sits, which
// platforms rtcscan detects it on and by which routes. `--write FILE` replaces the region between
// `<!-- vendor-table:start -->` and `<!-- vendor-table:end -->` in FILE instead of printing.
// Plain .mjs reading the YAML directly (no build step); the rule loader's schema checks run in the tests.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

export const START = '<!-- vendor-table:start -->';
export const END = '<!-- vendor-table:end -->';

const here = dirname(fileURLToPath(import.meta.url));
export const defaultRulesDir = resolve(here, '..', 'rules');

/** Vendor rule objects from `<rulesDir>/vendors`, sorted by id so the output never depends on directory order. */
export function loadVendors(rulesDir = defaultRulesDir) {
  const dir = join(rulesDir, 'vendors');
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => parse(readFileSync(join(dir, f), 'utf8')))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const count = (xs) => (Array.isArray(xs) ? xs.length : 0);
const anyOf = (obj) => !!obj && Object.values(obj).some((v) => count(v) > 0);
// Markdown table cells cannot hold a raw `|`.
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

function platformSupport(v, platform) {
  const apis = (v.apis ?? []).filter((a) => a.platform === platform);
  const sdk = v.sdk?.[platform];
  if (!anyOf(sdk) && !apis.length) return '—';
  return apis.length ? `yes (${apis.length} API${apis.length === 1 ? '' : 's'})` : 'yes';
}

function jurisdiction(v) {
  const j = v.jurisdiction;
  if (v.entity === 'protocol') return 'n/a (protocol; operator-defined)';
  const regime = j.regime ? `, ${j.regime}` : '';
  return `${j.country}${regime} — ${j.headquarters}`;
}

function routes(v) {
  const out = [];
  const js = v.sdk?.js ?? {};
  if (count(js.packages)) out.push(`npm (${js.packages.length})`);
  if (count(js.globals)) out.push('JS globals');
  if (count(js.markers)) out.push('code markers');
  if (count(js.version)) out.push('JS version');
  const ios = v.sdk?.ios ?? {};
  if (count(ios.frameworks) || count(ios.pods)) out.push('iOS frameworks/pods');
  if (count(ios.classes)) out.push('ObjC classes');
  const android = v.sdk?.android ?? {};
  if (count(android.packages)) out.push('DEX packages');
  if (count(android.nativeLibs)) out.push('native libs');
  if (count(android.maven)) out.push('Maven');
  const ep = v.endpoints ?? {};
  if (count(ep.domains)) out.push(`domains (${ep.domains.length})`);
  if (count(ep.fragments)) out.push('host templates');
  if (count(ep.ips)) out.push('IP literals');
  const kinds = [...new Set((v.credentials ?? []).map((c) => c.kind))].sort();
  if (kinds.length) out.push(`credentials: ${kinds.join('/')}`);
  if (v.residency) out.push('region setting');
  return out.join(', ');
}

const PLATFORM_NAMES = { 'react-native': 'React Native', flutter: 'Flutter', electron: 'Electron', cordova: 'Cordova', capacitor: 'Capacitor', 'uni-app': 'uni-app' };

/** Cross-platform wrapper packages (sdk.wrappers) by platform: `React Native, Flutter (2), uni-app`. */
function wrappers(v) {
  const by = new Map();
  for (const w of v.sdk?.wrappers ?? []) by.set(w.platform, (by.get(w.platform) ?? 0) + 1);
  const order = Object.keys(PLATFORM_NAMES);
  const out = [...by.entries()].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([p, n]) => `${PLATFORM_NAMES[p] ?? p}${n > 1 ? ` (${n})` : ''}`);
  return out.length ? out.join(', ') : '—';
}

/** The Markdown table for these vendors (default: the shipped pack). */
export function renderVendorTable(vendors = loadVendors()) {
  const rows = [
    '| Vendor | HQ / jurisdiction | JS | iOS | Android | Cross-platform wrappers | Detection routes |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const v of vendors) {
    rows.push(
      `| ${cell(`${v.name} (\`${v.id}\`)`)} | ${cell(jurisdiction(v))} | ${platformSupport(v, 'js')} | ` +
        `${platformSupport(v, 'ios')} | ${platformSupport(v, 'android')} | ${cell(wrappers(v))} | ${cell(routes(v))} |`,
    );
  }
  return rows.join('\n') + '\n';
}

/** `text` with the region between the markers replaced by `table`; throws when the markers are missing. */
export function replaceRegion(text, table) {
  const s = text.indexOf(START);
  const e = text.indexOf(END);
  if (s < 0 || e < 0 || e < s) throw new Error(`markers ${START} … ${END} not found (in that order)`);
  return text.slice(0, s + START.length) + '\n' + table + text.slice(e);
}

function main(argv) {
  const i = argv.indexOf('--write');
  const table = renderVendorTable();
  if (i < 0) {
    process.stdout.write(table);
    return 0;
  }
  const file = argv[i + 1];
  if (!file) {
    process.stderr.write('usage: vendor-table.mjs [--write FILE]\n');
    return 2;
  }
  const before = readFileSync(file, 'utf8');
  const after = replaceRegion(before, table);
  if (after !== before) writeFileSync(file, after);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`vendor-table: ${e.message}\n`);
    process.exitCode = 1;
  }
}
