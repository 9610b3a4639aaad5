// What the bin loads (issue #17, cold start): each command and each format's parsers load when something needs
// them, so a `--version` or a one-file scan does not pay for the rest. Checked by the modules a run of the bundled
// CLI really loads (test/helpers/loaded-modules.mjs); which of our compiled modules an ES module chunk holds is read
// from the `// dist/scanner/…` comments esbuild writes before each one. The commands' single CommonJS file
// (dist/cli/commands.cjs) holds every module, each run by its own lazy initializer, which esbuild names after the
// module's path: the ones that ran are read from V8's coverage of the run (NODE_V8_COVERAGE). Timings are the
// benchmark's (bench/cold-start.mjs), never a test's.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, ROOT, tempDir } from '../helpers/cli.js';

interface Loaded {
  code: number;
  stdout: string;
  /** npm packages loaded, by name. */
  packages: Set<string>;
  /** Our compiled modules loaded (dist/scanner/… paths): from the ES module chunks and from commands.cjs. */
  modules: Set<string>;
  /** Those of them in the ES module files loaded (the chunks' comments). */
  esModules: Set<string>;
  /** Files of the bundle loaded (dist/cli/…). */
  bundleFiles: string[];
  /** Node's public built-in modules loaded (`child_process`, `v8`, …). */
  builtins: Set<string>;
}

function loadedBy(args: string[], cwd: string): Loaded {
  const list = join(tempDir('rtcscan-modules-'), 'modules.txt');
  const coverage = tempDir('rtcscan-coverage-');
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test/helpers/loaded-modules.mjs'), CLI, ...args], {
    cwd,
    env: { ...process.env, MODULES_FILE: list, NODE_V8_COVERAGE: coverage },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const files = readFileSync(list, 'utf8').split('\n').filter(Boolean);
  const packages = new Set<string>();
  const esModules = new Set<string>();
  const bundleFiles: string[] = [];
  const builtins = new Set(files.filter((f) => f.startsWith('node:')).map((f) => f.slice('node:'.length)));
  for (const f of files) {
    if (f.startsWith('node:')) continue;
    const pkg = /[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(f);
    if (pkg) packages.add(pkg[1]!.split(sep).join('/'));
    const rel = relative(ROOT, f).split(sep).join('/');
    if (!rel.startsWith('dist/cli/')) continue;
    bundleFiles.push(rel);
    if (rel.endsWith('.js')) for (const m of readFileSync(f, 'utf8').matchAll(/^\/\/ (dist\/scanner\/\S+\.js)$/gm)) esModules.add(m[1]!);
  }
  const modules = new Set([...esModules, ...initializedModules(coverage, join(ROOT, 'dist/cli/commands.cjs'))]);
  return { code: r.status ?? -1, stdout: r.stdout, packages, modules, esModules, bundleFiles, builtins };
}

/** Modules of the CommonJS bundle `file` whose initializer (esbuild's, named `dist/scanner/….js`) ran, from V8's coverage. */
function initializedModules(coverageDir: string, file: string): string[] {
  const url = pathToFileURL(file).href;
  const out: string[] = [];
  for (const name of readdirSync(coverageDir)) {
    const { result } = JSON.parse(readFileSync(join(coverageDir, name), 'utf8')) as { result: Array<{ url: string; functions: Array<{ functionName: string; ranges: Array<{ count: number }> }> }> };
    for (const script of result) {
      if (script.url !== url) continue;
      for (const fn of script.functions) if (/^dist\/scanner\/\S+\.js$/.test(fn.functionName) && fn.ranges[0]!.count > 0) out.push(fn.functionName);
    }
  }
  return out;
}

/** Whether a format's reader was loaded (its index module; its small sniff modules are loaded always). */
const readerLoaded = (l: Loaded, format: string) => l.modules.has(`dist/scanner/formats/${format}/index.js`);

describe.runIf(existsSync(CLI))('what the bundled CLI loads', () => {
  it('is the package bin, a bundle: one CommonJS entry, the commands as one CommonJS file with its code cache beside it', () => {
    expect(CLI.split(sep).join('/')).toMatch(/\/dist\/cli\/rtcscan\.cjs$/);
    expect(readFileSync(CLI, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    for (const f of ['commands.cjs', 'commands.cjs.v8cache', 'esm-resolve.mjs']) expect(existsSync(join(ROOT, 'dist/cli', f)), f).toBe(true);
  });

  it('--version: no scanner, no parser, no rules, no schema library', () => {
    const l = loadedBy(['--version'], ROOT);
    expect(l.code).toBe(0);
    expect(l.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    // commander is bundled into the entry (scripts/bundle.mjs, INLINE): nothing is loaded from node_modules.
    expect([...l.packages]).toEqual([]);
    expect([...l.modules].filter((m) => /\/(engine|formats|checks|rules|input)\//.test(m))).toEqual([]);
    expect(l.bundleFiles).not.toContain('dist/cli/commands.cjs');
    // One CommonJS file: no ES module of ours (Node's ES module loader resolves, reads and links each one).
    expect(l.bundleFiles).toEqual(['dist/cli/rtcscan.cjs']);
    // commander's child_process (subcommands as executables) and the V8 flags' node:v8 load when used, not here.
    for (const b of ['child_process', 'v8', 'crypto']) expect(l.builtins, b).not.toContain(b);
    expect(l.builtins).toContain('fs');
  });

  it('runs from the bin\'s path before it was CommonJS (dist/cli/rtcscan.js)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/rtcscan.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('a one-file scan of app code: Babel from its single file, no zod, YAML, plist or binary-format reader', () => {
    const dir = tempDir();
    const script = join(dir, 'AgoraRtcRenderView.js');
    copyFileSync(join(ROOT, 'node_modules/react-native-agora/lib/module/AgoraRtcRenderView.js'), script);
    const l = loadedBy(['scan', script, '--fail-on', 'none', '--no-config'], dir);
    expect(l.code).toBe(0);
    expect(l.stdout).toContain('1 file(s) read');
    // The script was parsed: Babel was loaded, from the bundle's copy and not as ~150 files of node_modules.
    expect(l.bundleFiles).toContain('dist/cli/babel.cjs');
    // The commands from their single file: no ES module chunk of the scanner is loaded.
    expect(l.bundleFiles).toContain('dist/cli/commands.cjs');
    expect(l.bundleFiles.filter((f) => !f.endsWith('.cjs'))).toEqual([]);
    expect(l.builtins).toContain('v8');
    expect([...l.esModules].filter((m) => !/^dist\/scanner\/(cli\/|report\/(tool|escape)\.js|core\/code-cache\.js)/.test(m))).toEqual([]);
    expect([...l.packages].filter((p) => p.startsWith('@babel/'))).toEqual([]);
    // commander and yauzl are bundled (scripts/bundle.mjs, INLINE), and no other package is needed.
    expect([...l.packages]).toEqual([]);
    for (const p of ['zod', 'yaml', 'plist', '@xmldom/xmldom', 'fast-xml-parser', 'piscina', 'fast-glob', 'tldts']) expect(l.packages, p).not.toContain(p);
    for (const f of ['macho', 'dex', 'elf', 'hermes', 'plist']) expect(readerLoaded(l, f), f).toBe(false);
    expect(l.modules).toContain('dist/scanner/formats/js/index.js');
    // Node's modules for archives and IP literals load when one is used (scripts/bundle.mjs, LAZY_BUILTINS; not
    // checked here for node:worker_threads, which the module list's own loader hooks load).
    for (const b of ['zlib', 'child_process']) expect(l.builtins, b).not.toContain(b);
  });

  it('a small iOS app (Mach-O, plists, Hermes bytecode): those readers only, and no Babel', () => {
    const l = loadedBy(['scan', join(ROOT, 'samples/ios/Club.ipa'), '--fail-on', 'none', '--no-config'], ROOT);
    expect(l.code).toBe(0);
    expect(l.stdout).toContain('9 file(s) read');
    // The archive's members are inflated: node:zlib, loaded on first use, is there.
    expect(l.builtins).toContain('zlib');
    for (const f of ['plist', 'macho', 'hermes']) expect(readerLoaded(l, f), f).toBe(true);
    for (const f of ['dex', 'elf', 'js']) expect(readerLoaded(l, f), f).toBe(false);
    expect(l.bundleFiles).not.toContain('dist/cli/babel.cjs');
    expect([...l.packages].filter((p) => p.startsWith('@babel/'))).toEqual([]);
    expect(l.packages).not.toContain('zod');
  });

  it('its read workers (dist/cli/read-worker.js, beside the chunks) give the main thread\'s SARIF, byte for byte', () => {
    const sarif = (workers: string) => {
      const r = spawnSync(process.execPath, [CLI, 'scan', 'samples/android/club.apk', 'samples/ios/Club.ipa', 'samples/web/dist', '--format', 'sarif', '--fail-on', 'none', '--no-config'], {
        cwd: ROOT,
        env: { ...process.env, RTCSCAN_WORKERS: workers },
        encoding: 'utf8',
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    expect(existsSync(join(ROOT, 'dist/cli/read-worker.js'))).toBe(true);
    const main = sarif('0');
    expect(JSON.parse(main).runs[0].results.length).toBeGreaterThan(20);
    expect(sarif('2')).toBe(main);
  }, 180_000);
});
