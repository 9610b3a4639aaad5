// Runs the built CLI (dist/) as a child process, the way users and CI run it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The package's bin (the bundled CLI, scripts/bundle.mjs): what `npm install` and the GitHub Action run. */
export const CLI = join(ROOT, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { rtcscan: string } }).bin.rtcscan);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Peak resident set size in MiB. */
  rssMiB: number;
}

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first');
  const rssFile = join(mkdtempSync(join(tmpdir(), 'rtcscan-rss-')), 'rss');
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test/helpers/report-rss.mjs'), CLI, ...args], {
    cwd,
    env: { ...process.env, ...env, RSS_FILE: rssFile },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, rssMiB: rss };
}

export function tempDir(prefix = 'rtcscan-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
