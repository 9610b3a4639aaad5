// The CLI's own surface: rules listing, version, help, exit codes by --fail-on.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

describe('rtcscan rules', () => {
  it('lists every check rule with its level and short description', () => {
    const r = runCli(['rules'], ROOT);
    expect(r.code).toBe(0);
    const ids = r.stdout.split('\n').filter((l) => /^RTC\d{3} /.test(l)).map((l) => l.slice(0, 6));
    expect(ids).toContain('RTC101');
    expect(ids).toContain('RTC301');
    expect(ids.length).toBeGreaterThanOrEqual(18);
  });

  it('gives the help text of each rule in markdown', () => {
    const r = runCli(['rules', '--format', 'markdown'], ROOT);
    expect(r.stdout).toMatch(/## RTC301 CleartextIdTransmission/);
    const sections = r.stdout.split('\n## ').slice(1);
    for (const s of sections) expect(s.length, s.slice(0, 40)).toBeGreaterThan(200);
  });
});

describe('rtcscan --version and --help', () => {
  it('prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const r = runCli(['--version'], ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('prints help for scan', () => {
    const r = runCli(['scan', '--help'], ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--fail-on/);
  });
});

describe('exit codes by --fail-on', () => {
  it('is 1 when findings reach the threshold and 0 when they do not', () => {
    // The clean sample has notes (unattributed endpoints) only.
    expect(runCli(['scan', 'samples/clean/dist', '-q'], ROOT).code).toBe(0);
    expect(runCli(['scan', 'samples/clean/dist', '-q', '--fail-on', 'note'], ROOT).code).toBe(1);
    expect(runCli(['scan', 'samples/android/club.apk', '-q', '--fail-on', 'error'], ROOT).code).toBe(1);
    expect(runCli(['scan', 'samples/android/club.apk', '-q', '--fail-on', 'none'], ROOT).code).toBe(0);
  });
});
