// The script lane (scanner/engine/script-lane.ts): large scripts of an archive read by a worker thread of the bundle
// (dist/cli/script-worker.cjs, its code run from V8's code cache) from the archive itself must give the SARIF of reading them on the main thread, byte
// for byte — with members the lane gives back (an archive named like a script, a member that does not inflate),
// source maps read beside a script, twin scripts (the second read on the main thread, as before), and a large data
// file (the lane's, or taken back by the main thread).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, tempDir } from '../helpers/cli.js';
import { buildZip } from '../helpers/zip-writer.mjs';

const pad = (n: number) => 'var pad = 1;\n'.repeat(Math.ceil(n / 13));
const script = (body: string, size = 80_000) => Buffer.from(`${pad(size)}${body}\n`);
/** Bytes that are not a deflate stream (SHA-256 in counter mode). */
const noise = (n: number) => Buffer.concat(Array.from({ length: Math.ceil(n / 32) }, (_, i) => createHash('sha256').update(`n${i}`).digest())).subarray(0, n);

describe('script lane', () => {
  it('reads large scripts off the main thread with the same SARIF as inline', () => {
    const dir = tempDir('rtcscan-scripts-');
    const ipa = join(dir, 'Scripts.ipa');
    const twin = script('fetch("https://api.daily.co/v1/meetings");', 120_000);
    const map = { version: 3, sources: ['src/rooms.ts'], sourcesContent: ['export const rooms = () => fetch("https://api.daily.co/v1/rooms");\n'], names: [], mappings: 'AAAA' };
    writeFileSync(
      ipa,
      buildZip([
        { name: 'Payload/S.app/Info.plist', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>CFBundleIdentifier</key><string>com.example.scripts</string></dict></plist>\n') },
        { name: 'Payload/S.app/www/app.js', data: script('fetch("https://api.daily.co/v1/rooms");\n//# sourceMappingURL=app.js.map') },
        { name: 'Payload/S.app/www/app.js.map', data: Buffer.from(JSON.stringify(map)) },
        { name: 'Payload/S.app/www/a/twin.js', data: twin },
        { name: 'Payload/S.app/www/b/twin.js', data: twin },
        // Stored, large and a script: the lane's, not the blob lane's.
        { name: 'Payload/S.app/www/stored.mjs', data: script('new WebSocket("wss://webrtc2-ap-web-1.agora.io/api/v1");'), method: 0 },
        // An archive under a script's name: given back, walked as an archive.
        { name: 'Payload/S.app/www/packed.js', data: buildZip([{ name: 'inner.js', data: script('fetch("https://api.twilio.com/2010-04-01/Accounts");'), method: 0 }]), method: 0 },
        // Does not inflate: given back, the walk's own read reports it.
        { name: 'Payload/S.app/www/broken.js', raw: noise(70_000), declaredSize: 100_000 },
        { name: 'Payload/S.app/www/small.js', data: Buffer.from('fetch("https://api.daily.co/v1/presence");\n') },
        // A large data file: the lane's too (its unread lines dropped there), or taken back by the main thread.
        { name: 'Payload/S.app/data/rows.json', data: Buffer.from(`[\n${Array.from({ length: 3000 }, (_, i) => `{"id":${i},"name":"row ${i}"},`).join('\n')}\n{"signal":"wss://sdk.daily.co/ws"}]\n`) },
      ]),
    );
    const run = (env: Record<string, string>) => {
      const r = spawnSync(process.execPath, [CLI, 'scan', ipa, '--format', 'sarif', '--fail-on', 'none', '--no-config'], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
      expect(r.status, r.stderr).toBe(0);
      return r;
    };
    expect(existsSync(join(ROOT, 'dist/cli/script-worker.cjs'))).toBe(true);
    const inline = run({ RTCSCAN_SCRIPT_LANE: '0' }).stdout;
    // The main thread taking members back (when the worker is behind) is off here: the worker must read them.
    const laned = run({ RTCSCAN_COSTS: '1', RTCSCAN_TAKE_BACK: '0', NODE_DEBUG: 'rtcscan' });
    // The bundle's worker: its CommonJS code, from the build's code cache.
    expect(laned.stderr).toMatch(/code cache of \S*script-worker\.body\.cjs: used/);
    // app.js, a/twin.js and stored.mjs went through the lane (b/twin.js is read here: the twin of a laned member).
    expect(laned.stderr).toMatch(/js [^|]*, script lane \| 3 \|/);
    expect(laned.stderr).toMatch(/text ≥ 64 KiB, script lane \| 1 \|/);
    expect(laned.stdout).toBe(inline);
    // With it on (the default), whichever thread reads a member, the SARIF is the same.
    expect(run({}).stdout).toBe(inline);
    const sarif = JSON.parse(inline).runs[0];
    const uris = new Set(sarif.results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    for (const u of ['www/app.js', 'www/a/twin.js', 'www/b/twin.js', 'www/stored.mjs', 'www/packed.js!/inner.js', 'data/rows.json']) expect(uris).toContain(`Scripts.ipa!/Payload/S.app/${u}`);
    expect(JSON.stringify(sarif.invocations)).toMatch(/broken\.js/);
  }, 180_000);
});
