// Babel's parser for the JS analysis: one parse configuration. CommonJS, loaded on first use (babel-packages.ts): a
// scan that parses no JS (a vendor build read from tokens, an app without scripts, `rtcscan --version`) never loads
// it. Names are resolved by our own pass over the AST (scope.ts), not by @babel/traverse.
import type { ParserOptions } from '@babel/parser';
import type * as t from '@babel/types';
import { MAX_PARSE_UNITS, parseUnits } from './parse-budget.js';
import { babelPackages } from './babel-packages.js';

let parser: typeof import('@babel/parser') | undefined;

const baseOptions: ParserOptions = {
  sourceType: 'unambiguous',
  errorRecovery: true,
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowUndeclaredExports: true,
  allowSuperOutsideMethod: true,
  allowNewTargetOutsideFunction: true,
  // Bundles rely on sloppy-mode forms (octal escapes, `with`) that strict parsing of modules rejects.
  strictMode: false,
  attachComment: false,
  tokens: false,
};

export interface ParseOutcome {
  ast?: t.File;
  /** Recoverable errors Babel reported (the AST is still usable). */
  errors: string[];
  /** Set when no AST could be built. */
  fatal?: string;
  /** Set instead of parsing when the AST would exceed the parse budget (parse-budget.ts): the units counted. */
  tooLarge?: number;
}

/**
 * The syntax a file is written in, from its name: `typescript` (.ts .mts .cts), `tsx`, `jsx`, or `js` (.js .mjs
 * .cjs, bundles and nameless scripts, which may still hold JSX, Flow or TypeScript — see parseJs).
 */
export type Dialect = 'js' | 'jsx' | 'typescript' | 'tsx';

export function dialectOf(path: string): Dialect {
  const m = /\.([cm]?[jt]sx?)$/i.exec(path);
  const ext = m ? m[1]!.toLowerCase() : '';
  if (ext === 'tsx') return 'tsx';
  if (ext === 'ts' || ext === 'mts' || ext === 'cts') return 'typescript';
  if (ext === 'jsx') return 'jsx';
  return 'js';
}

type Plugins = NonNullable<ParserOptions['plugins']>;

/**
 * Plugin sets tried in order, per dialect. `typescript` and `flow` exclude each other; `.ts` never gets `jsx`
 * (`<T>(x) => x` is a generic arrow there, a JSX element elsewhere). A `.d.ts` is parsed as a declaration file.
 * TypeScript gets `decorators-legacy` (tsc's experimentalDecorators): without it an Angular `@Injectable()` or
 * `@Component()` class is a fatal parse error and the whole file is lost.
 */
function attemptsFor(dialect: Dialect, code: string, path: string): Plugins[] {
  switch (dialect) {
    case 'typescript':
      return [[['typescript', { dts: /\.d\.[cm]?ts$/i.test(path) }], 'decorators-legacy']];
    case 'tsx':
      return [['typescript', 'jsx', 'decorators-legacy']];
    case 'jsx':
      return FLOW_PRAGMA.test(code.slice(0, 4096)) ? [['jsx', 'flow']] : [['jsx'], ['jsx', 'flow'], ['typescript', 'jsx']];
    default:
      // Plain first (JSX can misread `a < b > c`-style minified code), then what app sources are written in: a
      // `.js` of React Native is commonly JSX with Flow annotations, sometimes TypeScript syntax.
      return FLOW_PRAGMA.test(code.slice(0, 4096)) ? [['jsx', 'flow'], []] : [[], ['jsx'], ['jsx', 'flow'], ['typescript', 'jsx']];
  }
}

/** `// @flow` or `/* @flow *\/` near the top: the file is written with Flow annotations. */
const FLOW_PRAGMA = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*?(?:\/\/|\/\*|\*)\s*@flow\b/;

/**
 * Type-syntax attempts (Flow, TypeScript) are made for app-sized texts only: minified bundles are plain
 * JavaScript, and a bundle with a recovered error would otherwise pay for two more full parses.
 */
const MAX_TYPED_RETRY = 2 * 1024 * 1024;

/**
 * Parses with the dialect's plugin sets in turn, stopping at the first clean parse, else keeping whichever attempt
 * recovered from fewest errors (the first of equals). Positions do not depend on the plugins: every attempt reads
 * the same text. `blanked`: how many characters of the text are blanks (elide.ts blankedChars), which the parse
 * budget need not tokenize.
 */
export function parseJs(code: string, path = '', maxUnits = MAX_PARSE_UNITS, blanked = 0): ParseOutcome {
  const units = parseUnits(code, maxUnits, code.length - blanked);
  if (units > maxUnits) return { errors: [], tooLarge: units };
  const attempt = (plugins: Plugins): ParseOutcome => {
    try {
      const ast = (parser ??= babelPackages().parser).parse(code, { ...baseOptions, plugins });
      const errors = ((ast as { errors?: Array<{ message: string }> }).errors ?? []).map((e) => e.message);
      return { ast, errors };
    } catch (e) {
      return { errors: [], fatal: (e as Error).message };
    }
  };
  const dialect = dialectOf(path);
  let best: ParseOutcome | undefined;
  for (const plugins of attemptsFor(dialect, code, path)) {
    const typed = plugins.some((p) => p === 'flow' || p === 'typescript');
    if (best && dialect === 'js' && typed && code.length > MAX_TYPED_RETRY) break;
    const r = attempt(plugins);
    if (r.ast && r.errors.length === 0) return r;
    if (!best || (r.ast && (!best.ast || r.errors.length < best.errors.length))) best = r;
  }
  return best!;
}
