#!/usr/bin/env node
// Cold start (issue #17: `--version` ≤ 150 ms, a one-file scan ≤ 300 ms of CPU): whole processes, each timed by
// GNU time (CPU user+sys: on a shared machine CPU time, not wall time, is what compares). Run by `npm run bench`
// and on its own: `node bench/cold-start.mjs [--runs N]` (after `npm run build`).
// Inputs: a real app-sized script, react-native-agora's lib/module/AgoraRtcRenderView.js (a devDependency),
// copied out of node_modules so it is read as app code (parsed and analysed, not as a library), and into a
// node_modules folder (a library file); the samples' tiny iOS app (samples/ios/Club.ipa: Info.plist, Mach-O,
// privacy manifest). The bin (the bundled CLI, scripts/bundle.mjs) and the compiled module tree it is bundled
// from are both timed, alternating, so the bundle's share is measured in the same machine state.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measureOnce, median } from './measure.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BENCH = join(ROOT, '.bench');

/** Rows `{ name, cpu, wall, rssMiB, runs }` (seconds, MiB), medians of `runs` runs each. */
export async function coldStart(runs = 9) {
  const bin = join(ROOT, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin.rtcscan);
  const tree = join(ROOT, 'dist/scanner/cli/main.js');
  if (!existsSync(bin) || !existsSync(tree)) throw new Error('dist/ is missing: run `npm run build` first');
  mkdirSync(join(BENCH, 'app'), { recursive: true });
  const script = join(BENCH, 'app', 'AgoraRtcRenderView.js');
  copyFileSync(join(ROOT, 'node_modules/react-native-agora/lib/module/AgoraRtcRenderView.js'), script);
  // The same file where a library is (inside node_modules): read for its literals, not parsed.
  const libDir = join(BENCH, 'lib', 'node_modules', 'react-native-agora', 'lib', 'module');
  mkdirSync(libDir, { recursive: true });
  copyFileSync(join(ROOT, 'node_modules/react-native-agora/lib/module/AgoraRtcRenderView.js'), join(libDir, 'AgoraRtcRenderView.js'));
  const ipa = join(ROOT, 'samples/ios/Club.ipa');
  const sarif = join(BENCH, 'cold.sarif');
  const scan = ['--fail-on', 'none'];
  const commands = [
    { name: '`rtcscan --version`', args: ['--version'] },
    { name: '`rtcscan scan AgoraRtcRenderView.js` (react-native-agora 4.6.4 lib/module, 1.7 KB, as app code; text to stdout)', args: ['scan', script, ...scan] },
    { name: '`rtcscan scan AgoraRtcRenderView.js --format sarif -o x.sarif`', args: ['scan', script, '--format', 'sarif', '-o', sarif, ...scan] },
    { name: '`rtcscan scan lib/` (the same file inside node_modules: a library, not parsed)', args: ['scan', join(BENCH, 'lib'), ...scan] },
    { name: '`rtcscan scan Club.ipa` (samples/ios, 12 KB; text to stdout)', args: ['scan', ipa, ...scan] },
  ];
  const rows = [];
  for (const c of commands) {
    const a = [];
    const b = [];
    // bin and compiled tree alternate (A B A B …): both see the same machine state.
    for (let i = 0; i < runs; i++) {
      a.push(await measureOnce(process.execPath, [bin, ...c.args], { cwd: ROOT }));
      b.push(await measureOnce(process.execPath, [tree, ...c.args], { cwd: ROOT }));
    }
    for (const r of [...a, ...b]) if (r.code !== 0) throw new Error(`${c.name} exited with ${r.code}: ${r.stderr.split('\n')[0]}`);
    rows.push({ name: c.name, bin: summary(a), tree: summary(b) });
  }
  const floor = [];
  for (let i = 0; i < runs; i++) floor.push(await measureOnce(process.execPath, ['-e', '0'], { cwd: ROOT }));
  rows.push({ name: 'floor: `node -e 0`', bin: summary(floor) });
  return rows;
}

function summary(xs) {
  return { wall: median(xs.map((r) => r.wall)), cpu: median(xs.map((r) => r.cpu)), rssMiB: median(xs.map((r) => r.rssMiB)), cpus: xs.map((r) => r.cpu) };
}

const ms = (s) => (s === undefined ? '' : String(Math.round(s * 1000)));

/** The markdown table of `coldStart()` rows. */
export function coldStartTable(rows, runs) {
  return [
    `Cold start, medians of ${runs} whole-process runs (CPU user+sys; bin = the bundled CLI, dist/cli/rtcscan.cjs; tree = the compiled modules it is bundled from, dist/scanner/cli/main.js; alternating):`,
    '',
    '| Command | CPU bin (ms) | CPU tree (ms) | wall bin (ms) | peak RSS bin (MiB) |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${ms(r.bin.cpu)} | ${ms(r.tree?.cpu)} | ${ms(r.bin.wall)} | ${Math.round(r.bin.rssMiB)} |`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const runs = Number(argv[argv.indexOf('--runs') + 1]) || 9;
  const rows = await coldStart(runs);
  console.log(coldStartTable(rows, runs));
  for (const r of rows) console.log(`raw ${r.name}: bin ${r.bin.cpus.map(ms).join(' ')}` + (r.tree ? `; tree ${r.tree.cpus.map(ms).join(' ')}` : ''));
  console.log(`Node ${process.version}, load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join('/')}`);
}
