#!/usr/bin/env node
// rtcscan command line. Exit codes (listed in `scan --help`, scan-command.ts EXIT_CODES_HELP): 0 nothing at or above
// --fail-on; 1 findings at or above it; 2 usage error, an input that could not be read at all, no files to scan, a
// report that could not be written, or an internal error (always one line on stderr).
import { Command, CommanderError, Option } from 'commander';
import { TOOL } from '../report/tool.js';
import type { MergeCliOptions } from './merge-command.js';
import type { DiffCliOptions } from './diff-command.js';
import type { BatchCliOptions } from '../batch/cli.js';
import { errorLine } from '../report/escape.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import nodeModule from 'node:module';
import { applyV8Flags } from './v8-flags.js';
// Node >= 22.1 can keep V8's compiled code of the modules between runs (in the OS temp folder; off with
// NODE_DISABLE_COMPILE_CACHE=1): used when present. Node 20 has no such cache.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// Commands load their modules when they run: `rtcscan --version` and `--help` load no scanner, parser or rules.
// (In the bin, ./commands.js is dist/cli/commands.cjs with its code cache: scripts/bundle.mjs.) The JIT's
// budgets (cli/v8-flags.ts) are set before that code is compiled: the code caches are made under them.
const commands = () => {
  applyV8Flags();
  return import('./commands.js');
};

/**
 * stdout or stderr closed by the reader (`| head`): further output is dropped quietly, the run ends as it would
 * have, with its own exit code. Any other error on them is one line on whichever stream still works.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
        stream.destroy();
        return;
      }
      process.exitCode = 2;
      if (stream !== process.stderr && !process.stderr.destroyed) process.stderr.write(errorLine(`cannot write output: ${e.code ?? e.message}`));
    });
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  const program = new Command();
  program
    .name('rtcscan')
    .description('Find RTC SDKs, vendor endpoints, credentials and cleartext identifiers in app bundles; report SARIF 2.1.0.')
    .version(TOOL.version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(errorLine(s.replace(/^error: /, '').trim())) });

  let code = 0;
  program
    .command('scan')
    .description('scan files, folders and archives (.ipa .apk .aab .xapk .apks .zip .jar .aar)')
    .argument('<paths...>', 'files, folders or archives to scan')
    .option('-o, --output <file>', 'write a report; format from the name: .sarif .json .cdx.json (CycloneDX SBOM) gl-sast-report.json or .gitlab-sast.json (GitLab SAST) .datasafety.json/.datasafety.csv (Play Data safety draft) .txt .html (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'report format for stdout when no -o is given').choices(['text', 'sarif', 'json', 'html', 'cyclonedx', 'gitlab-sast', 'datasafety-json', 'datasafety-csv']).default('text'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when an unsuppressed finding is at or above this level; `new`: when one not in --baseline is at error or warning').choices(['error', 'warning', 'note', 'none', 'new']).default('error'))
    .option('--config <file>', 'config file (default: rtcscan.config.{json,yaml,yml} found walking up from the working directory to the repository root)')
    .option('--no-config', 'use no config file, not even a discovered one (scanning an untrusted folder: see README, Trust model)')
    .option('--baseline <file>', 'earlier SARIF report: mark results new/unchanged/updated and add vanished ones as absent (with --batch: the --out-dir of an earlier batch)')
    .option('--category <id>', 'SARIF automationDetails.id (default rtcscan/<ios|android|web|bundle>/)')
    .option('--show-secrets', 'print credentials unmasked in reports', false)
    .option('-q, --quiet', 'no progress output', false)
    .option('--progress', 'progress on stderr even when it is not a terminal (a line every few seconds)', false)
    .option('--allow-empty', 'no files to scan is not an error: write the (empty) reports and exit 0', false)
    .option('-v, --verbose', 'text report: list every note and note-level notification (default: counted in one line)', false)
    .option('--max-entry-size <size>', 'largest file or archive member read, e.g. 256MB')
    .option('--max-total-size <size>', 'most bytes read from one input, e.g. 4GB')
    .option('--max-ratio <n>', 'largest compression ratio accepted for members over 1 MiB')
    .option('--max-depth <n>', 'how deep archives may nest')
    .option('--max-entries <n>', 'most entries read per archive or folder')
    .option('--batch', 'audit mode: each archive, sub-folder or JS bundle in the given folders is its own bundle (see the README)')
    .option('--out-dir <dir>', 'batch: write <bundle>.sarif, <bundle>.txt, summary.csv and summary.json here')
    .option('--jobs <n>', 'batch: bundles scanned at once (default: available cores)')
    .option('--shard <i/n>', 'batch: scan only shard i of n (round-robin over the name-sorted bundles)')
    .option('--combined <file>', 'batch: also write all runs to one .sarif (split into -1, -2 … files above 20 runs)')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (paths: string[], opts: BatchCliOptions) => {
      // The batch modules (thread pool, CSV) load only for --batch or one of its flags (which it then checks).
      const batchFlags = opts.batch || (['outDir', 'jobs', 'shard', 'combined'] as const).some((k) => opts[k] !== undefined);
      const batch = batchFlags ? await (await (await commands()).batchCommand()).maybeRunBatch(paths, opts) : undefined;
      code = batch ?? (await (await (await commands()).scanCommand()).runScan(paths, opts));
    });

  program
    .command('merge')
    .description('merge SARIF files (runs kept separate, duplicates by automationDetails.id dropped), or batch summary.json files with --summary')
    .argument('<files...>', 'SARIF files, or summary.json files with --summary')
    .option('-o, --output <file>', 'write the merge here: .sarif, or .csv/.json with --summary (repeatable; default stdout)', collect, [])
    .option('--summary', 'merge batch summary.json files into one summary', false)
    .action(async (files: string[], opts: MergeCliOptions) => {
      const { runMerge } = await (await commands()).mergeCommand();
      code = await runMerge(files, opts);
    });

  program
    .command('diff')
    .description('compare two rtcscan SARIF reports (an earlier release and this one): vendors, endpoints by jurisdiction, sessions, flows, credentials, policy')
    .argument('<old>', 'SARIF report of the earlier release')
    .argument('<new>', 'SARIF report of this release')
    .option('-o, --output <file>', 'write the diff; format from the extension: .txt .md .html .json (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'format for stdout when no -o is given').choices(['text', 'markdown', 'html', 'json']).default('text'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when an unsuppressed result at or above this level appeared').choices(['error', 'warning', 'note', 'none']).default('none'))
    .action(async (oldFile: string, newFile: string, opts: DiffCliOptions) => {
      const { runDiff } = await (await commands()).diffCommand();
      code = await runDiff(oldFile, newFile, opts);
    });

  program
    .command('rules')
    .description('list every rule: id, level, name, short description')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .action(async (opts: { format: string }) => {
      const { runRules } = await (await commands()).rulesCommand();
      code = await runRules(opts.format);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; parse errors were already printed on one line.
      return e.exitCode === 0 ? 0 : 2;
    }
    // The commands' module threw it, so it is loaded; if loading it failed, that is the internal error below.
    const expected = await commands().then((c) => c.expectedErrors(), () => []);
    if (e instanceof Error && expected.some((c) => e instanceof c)) {
      process.stderr.write(errorLine(e.message));
      return 2;
    }
    process.stderr.write(errorLine(`internal error: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`));
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
