// The V8 code cache of a CommonJS file (scanner/core/code-cache.ts; the bin's Babel, issue #17 cold start): used
// when it is the file's and V8 accepts it, ignored — with the same results — when it is damaged, another source's,
// or another V8's. Every load runs in a process of its own: within one process V8 would answer a second compile
// of the same source from its in-memory compilation cache, whatever the cached data says.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, ROOT, tempDir } from '../helpers/cli.js';
import { buildZip } from '../helpers/zip-writer.mjs';

const MODULE = join(ROOT, 'dist/scanner/core/code-cache.js');

interface Load {
  outcome: string;
  rejected: boolean | undefined;
  results: unknown;
}

/** Loads `file` in a fresh process (optionally writing its cache after the warm calls, as the build does). */
function load(file: string, write = false): Load {
  const code = `
    const { loadCommonJs, codeCacheBytes, codeCacheFile } = await import(${JSON.stringify(pathToFileURL(MODULE).href)});
    const { writeFileSync } = await import('node:fs');
    const r = loadCommonJs(${JSON.stringify(file)});
    const lib = r.exports;
    const results = { fib: lib.fib(20), words: lib.words('a cold start'), base: lib.base, self: lib.self };
    if (${write}) writeFileSync(codeCacheFile(${JSON.stringify(file)}), codeCacheBytes(r.source, r.script.createCachedData()));
    console.log(JSON.stringify({ outcome: r.outcome, rejected: r.script.cachedDataRejected, results }));`;
  const p = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
  expect(p.status, p.stderr).toBe(0);
  return JSON.parse(p.stdout) as Load;
}

function fixture(): { file: string; first: Load; cache: string } {
  const file = join(tempDir('rtcscan-code-cache-'), 'lib.cjs');
  writeFileSync(
    file,
    [
      "const path = require('node:path');",
      'function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }',
      'function words(s) { return s.split(/\\s+/).map((w) => w.toUpperCase()); }',
      'module.exports = { fib, words, base: path.basename(__filename), self: module.exports === exports };',
    ].join('\n'),
  );
  const first = load(file, true);
  return { file, first, cache: `${file}.v8cache` };
}

const expected = { fib: 6765, words: ['A', 'COLD', 'START'], base: 'lib.cjs', self: true };

describe.runIf(existsSync(MODULE))('loadCommonJs with a V8 code cache', () => {
  it('runs the file as require() would without a cache, and uses a valid one with the same results', () => {
    const { file, first, cache } = fixture();
    expect(first).toEqual({ outcome: 'absent', results: expected });
    expect(existsSync(cache)).toBe(true);
    expect(load(file)).toEqual({ outcome: 'used', rejected: false, results: expected });
  });

  it('ignores a cache with a flipped byte anywhere, before V8 sees it (same results)', () => {
    const { file, cache } = fixture();
    const good = readFileSync(cache);
    for (const at of [0, 30, 60, good.length >> 1, good.length - 1]) {
      const bad = Buffer.from(good);
      bad[at]! ^= 0x5a;
      writeFileSync(cache, bad);
      expect(load(file), `byte ${at}`).toEqual({ outcome: 'invalid', results: expected });
    }
    writeFileSync(cache, good.subarray(0, 40));
    expect(load(file).outcome).toBe('invalid');
  });

  it('ignores the cache of another source text', () => {
    const { file, cache } = fixture();
    const good = readFileSync(cache);
    writeFileSync(file, readFileSync(file, 'utf8').replace('toUpperCase', 'toLowerCase'));
    writeFileSync(cache, good);
    expect(load(file)).toEqual({ outcome: 'invalid', results: { ...expected, words: ['a', 'cold', 'start'] } });
  });

  it("leaves a cache of another V8 (its version hash differs) to V8, which refuses it: compiled as without one", () => {
    const { file, cache } = fixture();
    const bytes = readFileSync(cache);
    const magic = bytes.indexOf('\n') + 1;
    const data = Buffer.from(bytes.subarray(magic + 32));
    // V8's code cache header: magic number, then the V8 version hash (bytes 4-7). Signed anew, so only V8 can tell.
    data.writeUInt32LE((data.readUInt32LE(4) ^ 0x01010101) >>> 0, 4);
    const code = `
      const { codeCacheBytes } = await import(${JSON.stringify(pathToFileURL(MODULE).href)});
      const { readFileSync, writeFileSync } = await import('node:fs');
      writeFileSync(${JSON.stringify(cache)}, codeCacheBytes(readFileSync(${JSON.stringify(file)}), Buffer.from(${JSON.stringify(data.toString('base64'))}, 'base64')));`;
    expect(spawnSync(process.execPath, ['--input-type=module', '-e', code]).status).toBe(0);
    expect(load(file)).toEqual({ outcome: 'rejected', rejected: true, results: expected });
  });
});

describe.runIf(existsSync(join(ROOT, 'dist/cli/babel.cjs.v8cache')))("the bin's code caches (dist/cli/babel.cjs.v8cache, commands.cjs.v8cache)", () => {
  /** SARIF of a one-file scan of app code by the bin in `cli`, and what NODE_DEBUG=rtcscan says of each cache. */
  function scan(cli: string, script: string) {
    const r = spawnSync(process.execPath, [cli, 'scan', script, '--format', 'sarif', '--fail-on', 'none', '--no-config'], {
      cwd: ROOT,
      env: { ...process.env, NODE_DEBUG: 'rtcscan' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const outcome = (file: string) => new RegExp(`code cache of \\S*${file.replace('.', '\\.')}: (\\w+)`).exec(r.stderr)?.[1];
    return { sarif: r.stdout.replace(/"(?:startTimeUtc|endTimeUtc)": "[^"]*"/g, ''), babel: outcome('babel.cjs'), commands: outcome('commands.cjs') };
  }

  for (const file of ['babel.cjs', 'commands.cjs'] as const) {
    const which = file === 'babel.cjs' ? 'babel' : 'commands';
    it(`${file}'s is used by a scan that parses app code; a damaged or missing one is ignored, with the same SARIF`, () => {
      const dir = tempDir();
      const script = join(dir, 'App.js');
      copyFileSync(join(ROOT, 'samples/hermes-rn/src/App.js'), script);
      const good = scan(CLI, script);
      expect(good.babel).toBe('used');
      expect(good.commands).toBe('used');
      expect(JSON.parse(good.sarif).runs[0].results.length).toBeGreaterThan(0);
      // A copy of the bin's folder beside it (node_modules and rules/ resolve as for the original).
      const copy = join(ROOT, 'dist', `cli-cache-test-${process.pid}-${which}`);
      try {
        cpSync(join(ROOT, 'dist/cli'), copy, { recursive: true });
        const cache = join(copy, `${file}.v8cache`);
        const bytes = readFileSync(cache);
        const bad = Buffer.from(bytes);
        bad[bad.length >> 1]! ^= 0xff;
        writeFileSync(cache, bad);
        const damaged = scan(join(copy, 'rtcscan.cjs'), script);
        expect(damaged[which]).toBe('invalid');
        expect(damaged.sarif).toBe(good.sarif);
        rmSync(cache);
        const none = scan(join(copy, 'rtcscan.cjs'), script);
        expect(none[which]).toBe('absent');
        expect(none.sarif).toBe(good.sarif);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    }, 180_000);
  }

  // The lanes' workers run their code from the bundle's CommonJS files (engine/worker-file.ts) with caches of their
  // own, made by the build's warm read of the checkout's files through each worker's answer function.
  it("the lanes' workers' caches are used by an archive scan; damaged or missing ones are ignored, with the same SARIF", () => {
    const dir = tempDir();
    const ipa = join(dir, 'Lanes.ipa');
    const noise = Buffer.alloc(1_200_000);
    for (let i = 0, o = 0; o < noise.length; i++, o += 32) createHash('sha256').update(`n${i}`).digest().copy(noise, o);
    noise.write('\u0000wss://webrtc2-ap-web-1.agora.io/api/v1\u0000', 600_000, 'latin1');
    writeFileSync(
      ipa,
      buildZip([
        { name: 'Payload/L.app/Info.plist', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>CFBundleIdentifier</key><string>com.example.lanes</string></dict></plist>\n') },
        { name: 'Payload/L.app/www/app.js', data: Buffer.from(`${'var pad = 1;\n'.repeat(8000)}fetch("https://api.daily.co/v1/rooms");\n`) },
        { name: 'Payload/L.app/model.bin', data: noise, method: 0 },
      ]),
    );
    const run = (cli: string) => {
      const r = spawnSync(process.execPath, [cli, 'scan', ipa, '--format', 'sarif', '--fail-on', 'none', '--no-config'], { cwd: dir, env: { ...process.env, NODE_DEBUG: 'rtcscan', RTCSCAN_TAKE_BACK: '0' }, encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      const outcome = (file: string) => new RegExp(`code cache of \\S*${file.replaceAll('.', '\\.')}: (\\w+)`).exec(r.stderr)?.[1];
      return { sarif: r.stdout.replace(/"(?:startTimeUtc|endTimeUtc)": "[^"]*"/g, ''), script: outcome('script-worker.body.cjs'), blob: outcome('blob-worker.body.cjs') };
    };
    const good = run(CLI);
    expect(good).toMatchObject({ script: 'used', blob: 'used' });
    const uris = JSON.parse(good.sarif).runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('Lanes.ipa!/Payload/L.app/www/app.js');
    expect(uris).toContain('Lanes.ipa!/Payload/L.app/model.bin');
    const copy = join(ROOT, 'dist', `cli-cache-test-${process.pid}-lanes`);
    try {
      cpSync(join(ROOT, 'dist/cli'), copy, { recursive: true });
      for (const w of ['script-worker', 'blob-worker']) {
        const cache = join(copy, `${w}.body.cjs.v8cache`);
        const bad = readFileSync(cache);
        bad[bad.length >> 1]! ^= 0xff;
        writeFileSync(cache, bad);
      }
      expect(run(join(copy, 'rtcscan.cjs'))).toEqual({ ...good, script: 'invalid', blob: 'invalid' });
      for (const w of ['script-worker', 'blob-worker']) rmSync(join(copy, `${w}.body.cjs.v8cache`));
      expect(run(join(copy, 'rtcscan.cjs'))).toEqual({ ...good, script: 'absent', blob: 'absent' });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 180_000);

  // core/code-cache.ts reads an ASCII file as Latin-1: a one-byte string, half the memory of the two-byte string
  // UTF-8 decoding makes of a file with one character above U+007F (a dash in a comment was enough).
  it('are ASCII files, so each start reads them as Latin-1', () => {
    const files = readdirSync(join(ROOT, 'dist/cli')).filter((f) => /\.(?:c|m)?js$/.test(f));
    expect(files).toContain('commands.cjs');
    expect(files.filter((f) => !isAscii(readFileSync(join(ROOT, 'dist/cli', f))))).toEqual([]);
  });
});
