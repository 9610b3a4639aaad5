// The blob lane (scanner/engine/blob-lane.ts): large binary members read on a worker thread of the bundle
// (dist/cli/blob-worker.cjs, its code run from V8's code cache) must give the SARIF of reading them on the main thread, byte for byte — including
// findings that only those members' printable runs carry.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, tempDir } from '../helpers/cli.js';
import { buildZip } from '../helpers/zip-writer.mjs';

/** Deterministic noise (SHA-256 in counter mode) with `text` planted at `at`. */
function blob(size: number, seed: string, plants: Array<[number, string]>): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0, o = 0; o < size; i++, o += 32) createHash('sha256').update(`${seed}:${i}`).digest().copy(out, o);
  for (const [at, text] of plants) out.write(text, at, 'latin1');
  return out;
}

describe('blob lane', () => {
  it('reads large binary members off the main thread with the same SARIF as inline', () => {
    const dir = tempDir('rtcscan-lane-');
    const ipa = join(dir, 'Lane.ipa');
    writeFileSync(
      ipa,
      buildZip([
        { name: 'Payload/Lane.app/Info.plist', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>CFBundleIdentifier</key><string>com.example.lane</string></dict></plist>\n') },
        // Inside noise (an opaque block) and in a readable stretch of a second blob.
        { name: 'Payload/Lane.app/model.bin', data: blob(2 * 1024 * 1024, 'a', [[700_000, '\u0000wss://webrtc2-ap-web-1.agora.io/api/v1\u0000']]), method: 0 },
        { name: 'Payload/Lane.app/media.dat', data: blob(3 * 1024 * 1024, 'b', [[1_500_000, `\u0000${'config '.repeat(700)} http://api.twilio.com/2010-04-01 ${'x'.repeat(100)}\u0000`]]), method: 0 },
        { name: 'Payload/Lane.app/www/app.js', data: Buffer.from('fetch("https://api.daily.co/v1/rooms");\n') },
        // Stored and large, but not binary: the walk defers it, its first bytes send it back to the main thread.
        { name: 'Payload/Lane.app/www/big.js', data: Buffer.from(`${'var pad = 1;\n'.repeat(90_000)}fetch("https://api.daily.co/v1/meetings");\n`), method: 0 },
        // Two stored copies of one blob (same size and CRC-32: read by the walk as before, then laned).
        { name: 'Payload/Lane.app/a.pak', data: blob(1_300_000, 'c', [[900_000, '\u0000turn:global.turn.twilio.com:3478\u0000']]), method: 0 },
        { name: 'Payload/Lane.app/b.pak', data: blob(1_300_000, 'c', [[900_000, '\u0000turn:global.turn.twilio.com:3478\u0000']]), method: 0 },
      ]),
    );
    const run = (env: Record<string, string>) => {
      const r = spawnSync(process.execPath, [CLI, 'scan', ipa, '--format', 'sarif', '--fail-on', 'none', '--no-config'], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
      expect(r.status, r.stderr).toBe(0);
      return r;
    };
    expect(existsSync(join(ROOT, 'dist/cli/blob-worker.cjs'))).toBe(true);
    const inline = run({ RTCSCAN_BLOB_LANE: '0' }).stdout;
    const laned = run({ RTCSCAN_COSTS: '1', NODE_DEBUG: 'rtcscan' });
    // The bundle's worker: its CommonJS code, from the build's code cache.
    expect(laned.stderr).toMatch(/code cache of \S*blob-worker\.body\.cjs: used/);
    // The cost ledger says the two blobs went through the lane.
    expect(laned.stderr).toMatch(/\| binary ≥ 64 KiB, blob lane \| 4 \|/);
    expect(laned.stdout).toBe(inline);
    const uris = JSON.parse(inline).runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('Lane.ipa!/Payload/Lane.app/model.bin');
    expect(uris).toContain('Lane.ipa!/Payload/Lane.app/media.dat');
    expect(uris).toContain('Lane.ipa!/Payload/Lane.app/www/big.js');
    expect(uris).toContain('Lane.ipa!/Payload/Lane.app/a.pak');
    // Every member read is hashed, the deferred ones by the lane.
    const hashed = JSON.parse(inline).runs[0].artifacts.filter((a: { hashes?: object }) => a.hashes).length;
    expect(hashed).toBe(7);
  }, 180_000);
});
