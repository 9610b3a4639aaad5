// Issue 14's "Done when", one generated case per class through the built CLI with default limits, each checked
// for all of it at once: exit code, at most one-line messages on stderr (no stack trace), the notification id in
// SARIF, nothing written or changed outside the output folder (the input untouched), no raw control byte in
// stdout, stderr, the text or the HTML report, peak RSS <= 512 MiB, <= 60 s, and the planted genuine finding still
// reported. output.test.ts and budget.test.ts hold the class-specific assertions (escaping details, caps, sizes).
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, lstatSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';
// @ts-expect-error plain ESM helper without types
import { buildZip } from '../helpers/zip-writer.mjs';
// @ts-expect-error plain ESM helper without types
import { fifoMaps, injectionIpa, plantedConfig, privateBeside } from './output-cases.mjs';
// @ts-expect-error plain ESM helper without types
import { bplistSharedRefs, manyLiterals, notificationBombZip, PLANTED_JS } from './amplify.mjs';

const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;
const MAX_RSS_MIB = 512;
const MAX_SECONDS = 60;

interface Case {
  /** Builds the input under `dir/in`; returns the CLI arguments (outputs go to `dir/out`). */
  setup(inDir: string): string[];
  code: number;
  /** Notification id the SARIF must hold (undefined: the case refuses to run, exit 2). */
  note?: string | RegExp;
  /** Rule id of the genuine finding planted beside the attack. */
  planted?: string;
  /** The single stderr line of a refusal. */
  refusal?: RegExp;
}

/** Every file under `dir` (no symlink followed) with a hash of its bytes, or its kind when not a regular file. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (p.length > 4000) continue; // the deep-path case: past what the kernel opens in one call
      const st = lstatSync(p);
      if (st.isDirectory()) visit(p);
      else out.set(relative(dir, p), st.isFile() ? createHash('sha256').update(readFileSync(p)).digest('hex') : `mode ${st.mode}`);
    }
  };
  visit(dir);
  return out;
}

function runCase(c: Case): void {
  const dir = tempDir('rtcscan-class-');
  const inDir = join(dir, 'in');
  mkdirSync(inDir);
  mkdirSync(join(dir, 'out'));
  const args = c.setup(inDir);
  const before = snapshot(inDir);
  const t0 = Date.now();
  const outs = c.code === 2 ? [] : ['-o', '../out/r.sarif', '-o', '../out/r.txt', '-o', '../out/r.html'];
  const r = runCli(['scan', ...args, ...outs], inDir);
  const seconds = (Date.now() - t0) / 1000;

  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|FATAL ERROR|heap out of memory/);
  expect(r.code).toBe(c.code);
  expect(r.rssMiB).toBeLessThanOrEqual(MAX_RSS_MIB);
  expect(seconds).toBeLessThanOrEqual(MAX_SECONDS);
  const lines = r.stderr.split('\n').filter(Boolean);
  for (const l of lines) expect(l).toMatch(/^rtcscan: /);
  // At most: the config in force, and one summary of what could not be read (or the one refusal line).
  expect(lines.length).toBeLessThanOrEqual(c.code === 2 ? 1 : 2);
  if (c.refusal) expect(lines[0]).toMatch(c.refusal);
  for (const [label, text] of [['stdout', r.stdout], ['stderr', r.stderr]]) expect(text, label).not.toMatch(RAW);
  // Nothing outside the output folder was written, changed or removed; the output folder holds the reports only.
  expect(snapshot(inDir)).toEqual(before);
  expect(readdirSync(dir).sort()).toEqual(['in', 'out']);
  expect(readdirSync(join(dir, 'out')).sort()).toEqual(c.code === 2 ? [] : ['r.html', 'r.sarif', 'r.txt']);
  if (c.code === 2) return;

  for (const f of ['r.txt', 'r.html']) expect(readFileSync(join(dir, 'out', f), 'utf8'), f).not.toMatch(RAW);
  const run = JSON.parse(readFileSync(join(dir, 'out/r.sarif'), 'utf8')).runs[0];
  const notes: string[] = (run.invocations[0].toolExecutionNotifications ?? []).map((n: { descriptor: { id: string } }) => n.descriptor.id);
  if (c.note) expect(notes.some((id) => (typeof c.note === 'string' ? id === c.note : c.note!.test(id))), `${notes}`).toBe(true);
  if (c.planted) expect(run.results.map((x: { ruleId: string }) => x.ruleId)).toContain(c.planted);
}

const write = (dir: string, name: string, data: string | Buffer) => writeFileSync(join(dir, name), data);

describe('issue 14, every class through the CLI', () => {
  it('1: control characters and workflow commands in member names', () => {
    runCase({ setup: (d) => (write(d, 'inj.ipa', injectionIpa()), ['inj.ipa', '--fail-on', 'none']), code: 0, planted: 'RTC301' });
  });

  it('2: a binary plist of shared references', () => {
    runCase({ setup: (d) => (write(d, 'Info.plist', bplistSharedRefs()), ['Info.plist']), code: 0, note: 'plist/budget-exceeded', planted: 'RTC311' });
  });

  it('3: a notification bomb of nested zips; 1 M literals', () => {
    runCase({ setup: (d) => (write(d, 'n.ipa', notificationBombZip()), ['n.ipa', '--fail-on', 'none']), code: 0, note: 'input/unsafe-path', planted: 'RTC201' });
    runCase({ setup: (d) => (write(d, 'app.js', manyLiterals()), ['app.js', '--fail-on', 'none']), code: 0, note: 'js/too-large', planted: 'RTC201' });
  });

  it('4: FIFOs as source maps', () => {
    runCase({ setup: (d) => (fifoMaps(join(d, 'web')), ['web', '--fail-on', 'none']), code: 0, note: 'input/not-regular-file', planted: 'RTC301' });
  });

  it('5: a sourceMappingURL naming a private file beside a single-file input', () => {
    runCase({ setup: (d) => (privateBeside(join(d, 'site')), ['site/app.js', '--fail-on', 'none']), code: 0, note: 'sourcemap/missing', planted: 'RTC301' });
  });

  it('6: an -o that is one of the inputs is refused', () => {
    runCase({ setup: (d) => (write(d, 'app.js', PLANTED_JS), ['app.js', '-o', 'app.js']), code: 2, refusal: /app\.js/ });
  });

  it('7: a planted config is named; --no-config scans without it', () => {
    runCase({ setup: (d) => (plantedConfig(join(d, 'untrusted')), ['untrusted', '--no-config', '--fail-on', 'none']), code: 0, planted: 'RTC301' });
  });

  it('8: a folder past 4,096 characters of path is an error notice; the rest is scanned', () => {
    runCase({
      setup: (d) => {
        write(d, 'app.js', PLANTED_JS);
        execFileSync('bash', ['-c', `cd "${d}" && n=$(printf 'd%.0s' $(seq 250)) && for i in $(seq 18); do mkdir $n && cd $n; done && echo x > f.js`]);
        return ['.', '--fail-on', 'none'];
      },
      code: 0,
      note: 'input/unreadable',
      planted: 'RTC201',
    });
  });

  it('8: entries past maxEntries in an archive are an error notice', () => {
    runCase({
      setup: (d) => {
        const members = [{ name: 'Payload/A.app/0-main.js', data: Buffer.from(PLANTED_JS) }];
        for (let i = 1; i <= 150; i++) members.push({ name: `Payload/A.app/f${i}.js`, data: Buffer.from('x') });
        write(d, 'many.ipa', buildZip(members));
        write(d, 'rtcscan.config.json', JSON.stringify({ limits: { maxEntries: 100 } }));
        return ['many.ipa', '--fail-on', 'none'];
      },
      code: 0,
      note: 'input/truncated-listing',
      planted: 'RTC201',
    });
  });

  it('8: a backtracking-prone ignore glob is matched in linear time; a brace explosion is refused', () => {
    runCase({
      setup: (d) => {
        write(d, 'app.js', PLANTED_JS);
        let p = d;
        for (let i = 0; i < 12; i++) mkdirSync((p = join(p, 'a'.repeat(200))));
        write(p, 'x.js', 'var a = 1;\n');
        write(d, 'rtcscan.config.json', JSON.stringify({ ignore: ['**/*a*/**/*a*/**/*a*/**/*a*b'] }));
        return ['.', '--fail-on', 'none'];
      },
      code: 0,
      planted: 'RTC201',
    });
    runCase({
      setup: (d) => {
        write(d, 'app.js', PLANTED_JS);
        write(d, 'rtcscan.config.json', JSON.stringify({ ignore: ['{a,b}'.repeat(10)] }));
        return ['.'];
      },
      code: 2,
      refusal: /ignore\.0: bad glob .*more than 256 alternatives/,
    });
  });

  it('the hostile inputs left nothing at the paths the traversal members name', () => {
    expect(existsSync('/tmp/rtcscan-evil.js')).toBe(false);
    expect(existsSync('/tmp/evil0.js')).toBe(false);
  });
});
