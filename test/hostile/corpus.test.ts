// Every file of the committed hostile corpus (test/hostile/build.mjs) through the CLI: either a report with a
// tool execution notification saying what was wrong, or exit code 2 with one line on stderr; never a stack
// trace, never a hang (runCli's timeout), peak RSS within 512 MiB.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

const CORPUS = join(import.meta.dirname, 'corpus');
const FILES = readdirSync(CORPUS).sort();
/** Valid but extreme inputs: scanned normally (no notification needed), within the same time and memory bounds. */
const EXTREME_BUT_VALID = new Set(['deep-brackets.js', 'deep-parens.js', 'invalid-utf8.js']);

describe('hostile corpus through the CLI', () => {
  it('has the corpus the build script writes', () => {
    expect(FILES).toEqual(expect.arrayContaining(['bomb-ratio.ipa', 'bomb-nested.zip', 'traversal.ipa', 'deep-brackets.js', 'dex-lying-counts.dex']));
  });
  for (const name of FILES) {
    it(name, () => {
      const out = tempDir();
      const sarifPath = join(out, 'r.sarif');
      const r = runCli(['scan', join(CORPUS, name), '-o', sarifPath, '--quiet', '--fail-on', 'none'], out);
      expect(r.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/); // no stack trace
      expect(r.rssMiB).toBeLessThanOrEqual(512);
      if (r.code === 2) {
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        return;
      }
      expect(r.code).toBe(0);
      expect(existsSync(sarifPath)).toBe(true);
      const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
      const notes = sarif.runs[0].invocations[0].toolExecutionNotifications ?? [];
      if (EXTREME_BUT_VALID.has(name)) {
        // The cleartext endpoint in each still gets reported (from the literal scan when the parser gives up).
        expect(JSON.stringify(sarif.runs[0].results), name).toMatch(/agora\.io/);
      } else {
        expect(notes.length, `${name}: expected a notification`).toBeGreaterThan(0);
      }
      // Nothing was written outside the output folder by traversal or symlink members.
      expect(existsSync('/tmp/rtcscan-evil.js')).toBe(false);
      expect(existsSync('/etc/rtcscan-abs.js')).toBe(false);
    }, 150_000);
  }
});
