// What the commands run, behind one module, each command's modules loaded on its first use. The bin
// (scripts/bundle.mjs) makes this module and everything it reaches one CommonJS file, dist/cli/commands.cjs, run
// with V8's code cache (core/code-cache.ts): a scan then neither resolves, reads and links ~35 ES module files one
// by one nor compiles their functions anew, which Node 20 cannot cache for ES modules. The entry (cli/main.ts) holds
// only the argument parsing, so `--version` loads none of this. The error classes come from here too: `instanceof`
// must see the classes the commands threw.
export const scanCommand = () => import('./scan-command.js');
export const batchCommand = () => import('../batch/cli.js');
export const mergeCommand = () => import('./merge-command.js');
export const diffCommand = () => import('./diff-command.js');
export const rulesCommand = () => import('./rules-command.js');

/** The error classes whose message is the one line an error exit prints (the rest is an internal error). */
export async function expectedErrors(): Promise<Array<abstract new (...args: never[]) => Error>> {
  // Loaded by then when one was thrown (its module threw it): importing them here costs nothing.
  const [{ UsageError }, { RuleError }, { ConfigError }, { BaselineError }, { ReportWriteError }] = await Promise.all([
    import('./errors.js'),
    import('../rules/rule-file.js'),
    import('../config/load.js'),
    import('../report/baseline.js'),
    import('../report/write.js'),
  ]);
  return [UsageError, RuleError, ConfigError, BaselineError, ReportWriteError];
}
