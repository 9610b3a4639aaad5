// Hostile and broken inputs, end to end through the CLI: exit code, one-line message, SARIF notification,
// nothing written outside the output path, bounded memory.
import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildZip, type ZipMember } from '../helpers/zip-writer.mjs';
import { runCli, tempDir } from '../helpers/cli.js';

interface Outcome {
  code: number;
  stderr: string;
  sarif: any;
  notifications: { level: string; id: string; text: string }[];
  rssMiB: number;
  /** Files present in the work folder and the child's TMPDIR after the run, besides input and report. */
  stray: string[];
}

function scanBytes(name: string, bytes: Buffer, extra: string[] = []): Outcome {
  const dir = tempDir();
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  writeFileSync(join(dir, name), bytes);
  const run = runCli(['scan', name, '-o', 'out/report.sarif', '--quiet', ...extra], dir, { TMPDIR: tmp });
  const sarif = JSON.parse(readFileSync(join(dir, 'out/report.sarif'), 'utf8'));
  const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => ({ level: n.level, id: n.descriptor.id, text: n.message.text }));
  const stray = [
    ...readdirSync(dir).filter((f) => f !== name && f !== 'out' && f !== 'tmp'),
    ...readdirSync(join(dir, 'out')).filter((f) => f !== 'report.sarif'),
    ...readdirSync(tmp),
  ];
  return { code: run.code, stderr: run.stderr, sarif, notifications, rssMiB: run.rssMiB, stray };
}

const oneLine = (s: string) => s.trim().split('\n').length === 1 && !/\n\s+at /.test(s);
const JS = Buffer.from('const url = "http://api.example.com/room?uid=1";\n');

describe('hostile archives', () => {
  it('refuses a zip bomb that would inflate to more than 5 GB, in bounded memory', () => {
    // 60 central-directory entries share one 100 MiB deflate stream: 6 GiB declared, about 100 KiB on disk.
    const zeros = Buffer.alloc(100 * 1024 * 1024);
    const raw = deflateRawSync(zeros, { level: 9 });
    const members: ZipMember[] = [{ name: 'bomb/0.bin', raw, declaredSize: zeros.length }];
    for (let i = 1; i < 60; i++) members.push({ name: `bomb/${i}.bin`, sharesDataWith: 0 });
    members.push({ name: 'app.js', data: JS });
    const o = scanBytes('bomb.ipa', buildZip(members));
    expect(o.code).toBe(0);
    expect(o.notifications.filter((n) => n.id === 'input/zip-bomb')).toHaveLength(60);
    expect(o.stderr.trim()).toMatch(/could not be read/);
    expect(oneLine(o.stderr)).toBe(true);
    // The rest of the archive is still scanned.
    expect(o.sarif.runs[0].results.some((r: any) => r.ruleId === 'RTC302')).toBe(true);
    expect(o.rssMiB).toBeLessThan(512);
    expect(o.stray).toEqual([]);
  });

  it('stops at the total-bytes limit when the ratio limit is lifted, still under 512 MB RSS', () => {
    // 64 MiB members: with 100 MiB ones peak RSS sits near 500 MB (dead buffers wait for a GC), too close to call.
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const raw = deflateRawSync(zeros, { level: 9 });
    const members: ZipMember[] = [{ name: 'bomb/00.bin', raw, declaredSize: zeros.length }];
    for (let i = 1; i < 60; i++) members.push({ name: `bomb/${String(i).padStart(2, '0')}.bin`, sharesDataWith: 0 });
    const o = scanBytes('bomb.zip', buildZip(members), ['--max-ratio', '100000000', '--max-total-size', '1GB']);
    expect(o.notifications.some((n) => n.id === 'input/total-limit')).toBe(true);
    expect(o.rssMiB).toBeLessThan(512);
  });

  it('catches a member that inflates to more than it declares', () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
    const o = scanBytes('liar.apk', buildZip([{ name: 'liar.bin', raw: deflateRawSync(big), declaredSize: 1000 }, { name: 'app.js', data: JS }]));
    expect(o.notifications.find((n) => n.id === 'input/size-mismatch')?.text).toMatch(/liar\.bin/);
    expect(o.rssMiB).toBeLessThan(512);
  });

  it('limits nesting depth', () => {
    let inner = buildZip([{ name: 'deep.js', data: JS }]);
    for (let i = 0; i < 8; i++) inner = buildZip([{ name: `level${i}.zip`, data: inner, method: 0 }]);
    const o = scanBytes('nested.xapk', inner);
    expect(o.notifications.some((n) => n.id === 'input/nesting-too-deep')).toBe(true);
  });

  it('reads nested archives within the limit, under virtual paths', () => {
    const apk = buildZip([{ name: 'assets/index.android.bundle', data: JS }]);
    const o = scanBytes('app.xapk', buildZip([{ name: 'base.apk', data: apk }]));
    const uris = o.sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('app.xapk!/base.apk!/assets/index.android.bundle');
    const artifacts = o.sarif.runs[0].artifacts;
    const member = artifacts.find((a: any) => a.location.uri === 'app.xapk!/base.apk!/assets/index.android.bundle');
    expect(artifacts[member.parentIndex].location.uri).toBe('app.xapk!/base.apk');
    expect(artifacts[artifacts[member.parentIndex].parentIndex].location.uri).toBe('app.xapk');
  });

  it('reports traversal, absolute and symlink members and never follows them', () => {
    const o = scanBytes('evil.ipa', buildZip([
      { name: '../../escape.js', data: JS },
      { name: '/etc/evil.js', data: JS },
      { name: 'Payload/link', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 },
      { name: 'Payload/ok.js', data: JS },
    ]));
    expect(o.notifications.filter((n) => n.id === 'input/unsafe-path')).toHaveLength(2);
    expect(o.notifications.some((n) => n.id === 'input/symlink-entry')).toBe(true);
    const uris = o.sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris.every((u: string) => u.startsWith('evil.ipa!/Payload/ok.js'))).toBe(true);
    expect(o.stray).toEqual([]);
  });

  it('recovers members of a truncated archive from local headers', () => {
    const whole = buildZip([{ name: 'a.js', data: JS }, { name: 'b.js', data: JS }, { name: 'c.txt', data: Buffer.alloc(2000, 0x42) }]);
    const o = scanBytes('cut.ipa', whole.subarray(0, whole.length - 60));
    expect(o.notifications.find((n) => n.id === 'input/corrupt-zip')?.text).toMatch(/recovered/);
    const uris = new Set(o.sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect(uris).toEqual(new Set(['cut.ipa!/a.js', 'cut.ipa!/b.js']));
    expect(oneLine(o.stderr)).toBe(true);
  });

  it('reports a corrupt member and scans the others', () => {
    const zip = buildZip([{ name: 'a.js', data: JS }, { name: 'b.bin', data: Buffer.alloc(4000, 0x43) }]);
    const b = zip.indexOf('b.bin') + 'b.bin'.length; // deflate data of b.bin starts here
    zip.fill(0xff, b, b + 8);
    const o = scanBytes('corrupt.apk', zip);
    expect(o.notifications.some((n) => n.id === 'input/corrupt-member' && n.text.includes('b.bin'))).toBe(true);
    expect(o.sarif.runs[0].results.length).toBeGreaterThan(0);
  });

  it('reports password-protected members', () => {
    const o = scanBytes('locked.ipa', buildZip([{ name: 'secret.js', data: JS, flags: 1 }, { name: 'open.js', data: JS }]));
    expect(o.notifications.find((n) => n.id === 'input/encrypted-member')?.text).toMatch(/1 member/);
    expect(o.sarif.runs[0].invocations[0].executionSuccessful).toBe(true);
  });

  for (const [label, bytes] of [
    ['random bytes named .ipa', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff))],
    ['a zero-byte .ipa', Buffer.alloc(0)],
    ['a zip header with nothing after it', Buffer.from('PK\u0003\u0004garbage')],
  ] as const) {
    it(`exits 2 on ${label}, with one line and a notification`, () => {
      const o = scanBytes('app.ipa', bytes);
      expect(o.code).toBe(2);
      expect(oneLine(o.stderr)).toBe(true);
      expect(o.stderr).toMatch(/^rtcscan: app\.ipa: /);
      expect(o.sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
      expect(o.notifications[0].level).toBe('error');
      expect(o.stray).toEqual([]);
    });
  }
});

describe('command line errors', () => {
  it('exits 2 with one line for a missing input', () => {
    const r = runCli(['scan', 'does-not-exist.apk'], tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('rtcscan: no such file or directory: does-not-exist.apk');
  });

  it('exits 2 with one line for an unknown option or a bad value', () => {
    for (const args of [['scan', '--bogus', 'x'], ['scan', 'x', '--fail-on', 'sometimes'], ['scan', 'x', '--max-entry-size', 'lots'], ['scan', 'x', '-o', 'report.docx']]) {
      const r = runCli(args, tempDir());
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(true);
      expect(r.stderr).toMatch(/^rtcscan: /);
    }
  });
});
