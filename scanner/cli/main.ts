#!/usr/bin/env node
// rtcscan command line. Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
// 2 usage error, an input that could not be read at all, or an internal error (always one line on stderr).
import { Command, CommanderError, Option } from 'commander';
import { TOOL } from '../report/tool.js';
import type { MergeCliOptions } from './merge-command.js';
import type { DiffCliOptions } from './diff-command.js';
import type { BatchCliOptions } from '../batch/cli.js';
import { errorLine } from '../report/escape.js';
// Commands load their modules when they run: `rtcscan --version` and `--help` load no scanner, parser or rules.

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export async function main(argv: string[]): Promise<number> {
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
    .option('-o, --output <file>', 'write a report; format from the extension: .sarif .json .cdx.json (CycloneDX SBOM) .txt .html (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'report format for stdout when no -o is given').choices(['text', 'sarif', 'json', 'html', 'cyclonedx']).default('text'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when an unsuppressed finding is at or above this level; `new`: when one not in --baseline is at error or warning').choices(['error', 'warning', 'note', 'none', 'new']).default('error'))
    .option('--config <file>', 'config file (default: rtcscan.config.{json,yaml,yml} found walking up from the working directory to the repository root)')
    .option('--no-config', 'use no config file, not even a discovered one (scanning an untrusted folder: see README, Trust model)')
    .option('--baseline <file>', 'earlier SARIF report: mark results new/unchanged/updated and add vanished ones as absent (with --batch: the --out-dir of an earlier batch)')
    .option('--category <id>', 'SARIF automationDetails.id (default rtcscan/<ios|android|web|bundle>/)')
    .option('--show-secrets', 'print credentials unmasked in reports', false)
    .option('-q, --quiet', 'no progress output', false)
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
    .action(async (paths: string[], opts: BatchCliOptions) => {
      const [{ maybeRunBatch }, { runScan }] = await Promise.all([import('../batch/cli.js'), import('./scan-command.js')]);
      code = (await maybeRunBatch(paths, opts)) ?? (await runScan(paths, opts));
    });

  program
    .command('merge')
    .description('merge SARIF files (runs kept separate, duplicates by automationDetails.id dropped), or batch summary.json files with --summary')
    .argument('<files...>', 'SARIF files, or summary.json files with --summary')
    .option('-o, --output <file>', 'write the merge here: .sarif, or .csv/.json with --summary (repeatable; default stdout)', collect, [])
    .option('--summary', 'merge batch summary.json files into one summary', false)
    .action(async (files: string[], opts: MergeCliOptions) => {
      const { runMerge } = await import('./merge-command.js');
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
      const { runDiff } = await import('./diff-command.js');
      code = await runDiff(oldFile, newFile, opts);
    });

  program
    .command('rules')
    .description('list every rule: id, level, name, short description')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .action(async (opts: { format: string }) => {
      const { runRules } = await import('./rules-command.js');
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
    // The error classes' modules are loaded by then (they threw); importing them here costs nothing.
    const [{ UsageError }, { RuleError }, { ConfigError }, { BaselineError }] = await Promise.all([
      import('./errors.js'),
      import('../rules/pack.js'),
      import('../config/load.js'),
      import('../report/baseline.js'),
    ]);
    if (e instanceof UsageError || e instanceof RuleError || e instanceof ConfigError || e instanceof BaselineError) {
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
