// Issue 14, items 1 and 4–7, through the built CLI on generated hostile cases (test/hostile/output-cases.mjs):
// exit code, one-line messages, notifications, nothing read or written outside, no control byte in any human
// output, and the genuine finding planted beside the attack still reported.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';
// @ts-expect-error plain ESM helper without types
import { fifoMaps, injectionFolder, injectionIpa, plantedConfig, privateBeside } from './output-cases.mjs';

/** Raw bytes a terminal or CI log may act on (line feed excepted: it separates our own lines). */
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;
const COMMAND_LINE = /^\s*::|##(vso)?\[/im;

function humanSafe(label: string, text: string) {
  expect(text, `${label}: raw control`).not.toMatch(RAW);
  expect(text, `${label}: workflow command`).not.toMatch(COMMAND_LINE);
}
const sarifOf = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
const rule301 = (sarif: any) => sarif.runs[0].results.filter((r: any) => r.ruleId === 'RTC301');
const notes = (sarif: any) => (sarif.runs[0].invocations[0].toolExecutionNotifications ?? []).map((n: any) => `${n.descriptor.id} ${n.message.text}`);

describe('terminal and CI-log injection', () => {
  it('escapes names and literals in every human channel, keeps exact values in SARIF', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'inj.ipa'), injectionIpa());
    const r = runCli(['scan', 'inj.ipa', '-o', 'r.sarif', '-o', 'r.txt', '-o', 'r.html', '-o', 'r.json'], dir);
    expect(r.code).toBe(1); // the genuine RTC301 errors
    humanSafe('stderr', r.stderr);
    for (const f of ['r.txt', 'r.html']) humanSafe(f, readFileSync(join(dir, f), 'utf8'));
    // JSON and SARIF: no raw C1/format bytes, but the parsed values are the member names exactly.
    for (const f of ['r.sarif', 'r.json']) expect(readFileSync(join(dir, f), 'utf8')).not.toMatch(/[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u);
    const sarif = sarifOf(join(dir, 'r.sarif'));
    expect(rule301(sarif)).toHaveLength(8);
    const uris = sarif.runs[0].artifacts.map((a: any) => decodeURIComponent(a.location.uri));
    expect(uris.some((u: string) => u.includes('\u202etxt.exe\u2066\u2069'))).toBe(true);
    const text = runCli(['scan', 'inj.ipa', '--fail-on', 'none'], dir);
    expect(text.code).toBe(0);
    humanSafe('stdout', text.stdout);
    expect(text.stdout).toMatch(/^Verdict: FAIL — .*\. 8 error, /m);
    expect(text.stdout).toContain('\\x1b]0;rtcscan: clean\\x07');
    expect(text.stdout).toContain('\\u202e');
  });

  it('batch logs and summaries: hostile bundle file names never start a line or reach the terminal raw', () => {
    const dir = tempDir();
    injectionFolder(join(dir, 'audit'));
    const r = runCli(['scan', '--batch', 'audit', '--out-dir', 'out', '--jobs', '1'], dir);
    expect(r.code).toBe(1);
    humanSafe('batch stdout', r.stdout);
    humanSafe('batch stderr', r.stderr);
    for (const f of readdirSync(join(dir, 'out')).filter((n) => n.endsWith('.txt'))) humanSafe(f, readFileSync(join(dir, 'out', f), 'utf8'));
    expect(r.stdout.match(/1 error/g)?.length).toBe(8);
  }, 150_000);
});

describe('reads beside the input', () => {
  it('a FIFO as the sibling map or the sourceMappingURL target is refused without blocking', () => {
    const dir = tempDir();
    fifoMaps(join(dir, 'web'));
    const t0 = Date.now();
    const r = runCli(['scan', 'web', '-o', 'r.sarif', '-o', 'r.txt'], dir);
    expect(Date.now() - t0).toBeLessThan(60_000);
    expect(r.code).toBe(1);
    const sarif = sarifOf(join(dir, 'r.sarif'));
    expect(rule301(sarif).length).toBeGreaterThanOrEqual(2);
    expect(notes(sarif).join('\n')).toMatch(/input\/not-regular-file .*hidden\.js\.map/);
    expect(notes(sarif).join('\n')).toMatch(/input\/not-regular-file .*maps\/app\.map/);
    // Single-file inputs too.
    for (const f of ['web/app.js', 'web/hidden.js']) {
      const one = runCli(['scan', f, '--fail-on', 'none', '-o', 'one.sarif'], dir);
      expect(one.code).toBe(0);
      expect(rule301(sarifOf(join(dir, 'one.sarif')))).toHaveLength(1);
    }
  });

  it('a config or baseline that is a FIFO is one line, exit 2, no hang', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'app.js'), 'fetch("http://api.example.com/room?uid=" + uid);\n');
    execFileSync('mkfifo', [join(dir, 'rtcscan.config.json'), join(dir, 'base.sarif')]);
    const c = runCli(['scan', 'app.js'], dir);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/^rtcscan: cannot read config rtcscan\.config\.json: not a regular file\n$/);
    const b = runCli(['scan', 'app.js', '--no-config', '--baseline', 'base.sarif'], dir);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^rtcscan: cannot read baseline base\.sarif: not a regular file\n$/);
  });

  it('a single-file input never opens another file a sourceMappingURL names, nor a map that is a link', () => {
    const dir = tempDir();
    privateBeside(join(dir, 'site'));
    for (const f of ['app.js', 'linked.js']) {
      const r = runCli(['scan', `site/${f}`, '-o', 'r.sarif', '-o', 'r.txt', '-o', 'r.html'], dir);
      expect(r.code).toBe(1);
      expect(rule301(sarifOf(join(dir, 'r.sarif')))).toHaveLength(1);
      for (const out of ['r.sarif', 'r.txt', 'r.html']) expect(readFileSync(join(dir, out), 'utf8')).not.toContain('LEAKED-SOURCE-NAME');
    }
    expect(notes(sarifOf(join(dir, 'r.sarif'))).join('\n')).not.toContain('LEAKED');
    const app = runCli(['scan', 'site/app.js', '-o', 'r.sarif'], dir);
    expect(notes(sarifOf(join(dir, 'r.sarif'))).join('\n')).toMatch(/sourcemap\/missing .*private\/token\.txt.*not in the scanned input/);
    expect(app.code).toBe(1);
    // Its own map (exact name) is read, but a parse error never quotes it.
    const bad = runCli(['scan', 'site/bad.js', '-o', 'r.sarif', '-o', 'r.txt'], dir);
    expect(bad.code).toBe(1);
    expect(notes(sarifOf(join(dir, 'r.sarif'))).join('\n')).toMatch(/sourcemap\/malformed .*not JSON/);
    for (const out of ['r.sarif', 'r.txt']) expect(readFileSync(join(dir, out), 'utf8')).not.toContain('SECRET-TOKEN');
  });
});

describe('report files', () => {
  it('-o naming the input (or a path inside an input file) is refused with one line, input untouched', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'inj.ipa'), injectionIpa());
    const before = readFileSync(join(dir, 'inj.ipa'));
    const inside = runCli(['scan', 'inj.ipa', '-o', 'inj.ipa/r.sarif'], dir);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/^rtcscan: -o .*would overwrite the input inj\.ipa;[^\n]*\n$/);
    writeFileSync(join(dir, 'app.sarif'), '{}');
    const same = runCli(['scan', 'app.sarif', '-o', 'app.sarif'], dir);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/^rtcscan: -o .*app\.sarif would overwrite the input app\.sarif; write the report somewhere else\n$/);
    expect(readFileSync(join(dir, 'app.sarif'), 'utf8')).toBe('{}');
    expect(readFileSync(join(dir, 'inj.ipa')).equals(before)).toBe(true);
    // No temporary file is left behind by a normal run.
    const ok = runCli(['scan', 'inj.ipa', '-o', 'out/r.sarif', '--fail-on', 'none'], dir);
    expect(ok.code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['r.sarif']);
  });
});

describe('config in force', () => {
  it('a planted config is named on stderr and in SARIF; --no-config ignores it', () => {
    const dir = tempDir();
    plantedConfig(join(dir, 'untrusted'));
    const cwd = join(dir, 'untrusted');
    mkdirSync(join(cwd, '.git'));
    // The planted `ignore: ["**"]` hides every file: that is no files to scan, exit 2, and nothing written…
    const none = runCli(['scan', '.', '-o', '../r.sarif'], cwd);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^rtcscan: no files to scan in \.; nothing written/m);
    expect(existsSync(join(dir, 'r.sarif'))).toBe(false);
    // …and where an empty scan is accepted, the config still names itself.
    const r = runCli(['scan', '.', '-o', '../r.sarif', '--allow-empty'], cwd);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^rtcscan: using config .*untrusted\/rtcscan\.config\.json$/m);
    expect(sarifOf(join(dir, 'r.sarif')).runs[0].invocations[0].properties.config).toMatch(/rtcscan\.config\.json$/);
    const n = runCli(['scan', '.', '--no-config', '-o', '../n.sarif'], cwd);
    expect(n.code).toBe(1);
    expect(n.stderr).not.toMatch(/using config/);
    const sarif = sarifOf(join(dir, 'n.sarif'));
    expect(sarif.runs[0].invocations[0].properties.config).toBeNull();
    expect(rule301(sarif)).toHaveLength(1);
    expect(existsSync(join(cwd, 'r.sarif'))).toBe(false);
  });
});
