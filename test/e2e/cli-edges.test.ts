// The CLI at its edges, run as users run it (the built CLI in a child process): a reader that closes the pipe,
// nothing to scan, a missing input, outputs that cannot be written, exit codes in --help, progress with totals.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { CLI, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { buildZip } from '../helpers/zip-writer.mjs';

const APK = join(ROOT, 'samples/android/club.apk');
const IPA = join(ROOT, 'samples/ios/Club.ipa');

/** Runs a shell pipeline with bash's pipefail off, returning the CLI's own exit code (PIPESTATUS[0]). */
function pipeline(cmd: string, cwd: string): { cliCode: number; out: string; err: string } {
  const r = spawnSync('bash', ['-c', `${cmd}; echo "cli-exit=\${PIPESTATUS[0]}" >&2`], { cwd, encoding: 'utf8', timeout: 120_000 });
  const m = /cli-exit=(\d+)\n$/.exec(r.stderr);
  return { cliCode: Number(m?.[1] ?? -1), out: r.stdout, err: r.stderr.replace(/cli-exit=\d+\n$/, '') };
}

function oneLine(s: string): boolean {
  return /^rtcscan: [^\n]+\n$/.test(s);
}

describe('a reader that closes the pipe early', () => {
  it('ends quietly: no stack trace, the exit code the findings decide', () => {
    const full = runCli(['scan', APK, '--format', 'sarif', '-q'], ROOT);
    // Far more than a pipe buffer, so the writer does meet the closed pipe.
    expect(full.stdout.length).toBeGreaterThan(100_000);
    const p = pipeline(`node ${CLI} scan ${APK} --format sarif -q | head -c 10`, ROOT);
    expect(p.out).toBe(full.stdout.slice(0, 10));
    expect(p.err).toBe('');
    expect(p.cliCode).toBe(full.code);
    expect(full.code).toBe(1);
  });

  it('also when stderr shares the closed pipe (progress on)', () => {
    const p = pipeline(`node ${CLI} scan ${APK} --format sarif --progress 2>&1 | head -c 10`, ROOT);
    expect(p.out).toHaveLength(10);
    expect(p.err).toBe('');
    expect(p.cliCode).toBe(1);
  });
});

describe('nothing to scan', () => {
  it('an empty folder is exit 2 with one line, and no report is written', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'build'));
    const r = runCli(['scan', 'build', '-o', 'r.sarif'], dir);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/no files to scan in build; nothing written \(--allow-empty/);
    expect(existsSync(join(dir, 'r.sarif'))).toBe(false);
  });

  it('a folder whose every file the config ignores is empty too', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'build', 'app.js'), 'fetch("http://api.example.com/?uid=" + uid);\n');
    writeFileSync(join(dir, 'rtcscan.config.json'), JSON.stringify({ ignore: ['build/**'] }));
    const r = runCli(['scan', 'build', '-q'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no files to scan in build/);
  });

  it('an archive with no members (only a folder entry) is empty too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'app.ipa'), buildZip([{ name: 'Payload/' }]));
    const r = runCli(['scan', 'app.ipa', '-o', 'r.sarif'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rtcscan: no files to scan in app.ipa; nothing written (--allow-empty writes an empty report)\n');
    expect(existsSync(join(dir, 'r.sarif'))).toBe(false);
  });

  it('--allow-empty writes the empty SARIF and exits 0', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'build'));
    const r = runCli(['scan', 'build', '-o', 'r.sarif', '--allow-empty'], dir);
    expect(r.code).toBe(0);
    const log = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'));
    expect(log.runs[0].results).toEqual([]);
  });
});

describe('a missing input', () => {
  it('writes nothing, with one line and exit 2, even beside a good input', () => {
    const dir = tempDir();
    const r = runCli(['scan', APK, 'missing.apk', '-o', 'r.sarif', '-o', 'r.html'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rtcscan: no such file or directory: missing.apk\n');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('outputs that cannot be written', () => {
  const noTemp = (s: string) => expect(s).not.toMatch(/\.tmp|internal error|\n.+/);

  it('a path under a regular file: one line naming the path as given', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    const r = runCli(['scan', IPA, '-q', '-o', 'file/sub/r.sarif'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rtcscan: cannot write file/sub/r.sarif: a part of the path is a file, not a folder\n');
    noTemp(r.stderr);
  });

  it('a folder where files cannot be created (sysfs refuses even root): permission denied', () => {
    if (!existsSync('/sys/kernel')) return expect.fail('this test needs Linux /sys');
    const r = runCli(['scan', IPA, '-q', '-o', '/sys/kernel/rtcscan-report.sarif'], tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rtcscan: cannot write /sys/kernel/rtcscan-report.sarif: permission denied\n');
    noTemp(r.stderr);
  });

  it('a full device: no space left, said once; /dev/null takes the report and stays a device', () => {
    const full = runCli(['scan', IPA, '-q', '--format', 'sarif', '-o', '/dev/full'], tempDir());
    expect(full.code).toBe(2);
    expect(full.stderr).toBe('rtcscan: cannot write /dev/full: no space left on device\n');
    const nul = runCli(['scan', IPA, '-q', '--fail-on', 'none', '--format', 'sarif', '-o', '/dev/null'], tempDir());
    expect(nul.code).toBe(0);
    expect(nul.stderr).toBe('');
    const st = spawnSync('stat', ['-c', '%F', '/dev/null'], { encoding: 'utf8' });
    expect(st.stdout.trim()).toBe('character special file');
  });

  it('a folder named as the report: one line', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'r.sarif'));
    const r = runCli(['scan', IPA, '-q', '-o', 'r.sarif'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rtcscan: cannot write r.sarif: it is a folder\n');
  });
});

describe('scan --help', () => {
  it('lists the exit codes', () => {
    const r = runCli(['scan', '--help'], ROOT);
    expect(r.code).toBe(0);
    const tail = r.stdout.slice(r.stdout.indexOf('Exit codes:'));
    for (const code of ['0', '1', '2']) expect(tail).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
    expect(tail).toMatch(/--allow-empty/);
  });
});

function zipMembers(path: string): Promise<number> {
  return new Promise((res, rej) =>
    yauzl.open(path, { lazyEntries: false }, (e, z) => {
      if (e || !z) return rej(e);
      let n = 0;
      z.on('entry', (en: yauzl.Entry) => void (en.fileName.endsWith('/') || n++));
      z.on('end', () => res(n));
    }),
  );
}

describe('progress', () => {
  it('--progress in a log: the total from the zip central directory, a percentage, and a closing summary', async () => {
    const members = await zipMembers(IPA);
    const r = runCli(['scan', IPA, '--progress', '-o', 'r.sarif'], tempDir());
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^\\[ *\\d+%\\] 1/${members} entries  .*Club\\.ipa!/`));
    expect(lines.at(-1)).toMatch(/^scanned \d+ file\(s\), .* in \d+\.\d s$/);
    expect(r.stderr).not.toMatch(/\r|\x1b/);
  });

  it('on a terminal: redrawn in place per entry with the running total, cleared at the end', () => {
    if (!existsSync('/usr/bin/script')) return expect.fail('this test needs script(1) from util-linux for a terminal');
    const dir = tempDir();
    // A folder of 40 files and the IPA: the total grows when the IPA's central directory is read.
    mkdirSync(join(dir, 'site'));
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, 'site', `page${String(i).padStart(2, '0')}.js`), `fetch("https://api${i}.example.com/x?uid=" + uid);\n`.repeat(2000));
    writeFileSync(join(dir, 'site', 'zz.ipa'), readFileSync(IPA));
    const r = spawnSync('script', ['-qfec', `node ${CLI} scan site -o r.sarif`, '/dev/null'], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, COLUMNS: '120' } });
    const frames = r.stdout.split('\r\x1b[K').filter((f) => f.startsWith('['));
    expect(frames.length).toBeGreaterThanOrEqual(2);
    for (const f of frames) expect(f).toMatch(/^\[ *\d+%\] \d+\/\d+ entries  \S+ \S+  (site\/|…)/);
    const totals = frames.map((f) => Number(/\/(\d+) entries/.exec(f)![1]));
    expect(totals[0]).toBeGreaterThanOrEqual(41);
    expect(new Set(frames.map((f) => f.replace(/^.*entries {2}\S+ \S+ {2}/, ''))).size).toBeGreaterThanOrEqual(2);
    expect(r.stdout).toMatch(/\r\x1b\[K\s*$/);
  });
});
