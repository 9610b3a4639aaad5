// String literals of one line of source code in a language rtcscan does not parse (Kotlin, Java, Swift, Dart,
// Objective-C, Go, C#, Python, Ruby, C/C++): each literal is its own string, so `"http://10.0.0.5/token"` in
// `val url = "http://10.0.0.5/token"` is a value (a URL the code uses), not a URL quoted inside a line of prose,
// and `const val APP_ID = "…"` carries the name it is bound to. A lexer per line, not a parser: literals that span
// lines (Swift/Kotlin/Python triple quotes) leave their lines as they are.
import { bindingBefore } from './bindings.js';

export interface SourceLiteral {
  value: string;
  /** 0-based index of the first character of the value (after the opening quote). */
  index: number;
  /** Index just after the closing quote. */
  end: number;
  binding?: string;
  /** The callee when the literal is a call's first argument (`OAuthProvider("apple.com")`, Swift `f(label: "…")`). */
  argumentOf?: string;
}

type Lang = 'c' | 'hash';

const C_SOURCE = /\.(?:kt|kts|java|swift|dart|m|mm|go|cs|scala|groovy|rs|c|cc|cpp|cxx|h|hh|hpp)$/;
const HASH_SOURCE = /\.(?:py|rb)$/;

/** The comment syntax of a source file whose literals are read line by line, or undefined for other files. */
export function sourceLanguageOf(name: string): Lang | undefined {
  if (C_SOURCE.test(name)) return 'c';
  if (HASH_SOURCE.test(name)) return 'hash';
  return undefined;
}

const MAX_LITERALS = 64;
/** `Name(` or `a.b.Name(` right before the literal, with an optional argument label (`providerID:`). */
const FIRST_ARGUMENT = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(\s*(?:[A-Za-z_]\w*\s*:\s*)?@?$/;

/** The string literals of `line` (see above); empty when the line has none or a literal does not close on it. */
export function sourceLiterals(line: string, lang: Lang): SourceLiteral[] {
  if (line.includes('"""') || line.includes("'''")) return [];
  const out: SourceLiteral[] = [];
  for (let i = 0; i < line.length && out.length < MAX_LITERALS; i++) {
    const ch = line[i]!;
    if (lang === 'c' && ch === '/' && line[i + 1] === '/') break;
    if (lang === 'hash' && ch === '#') break;
    if (ch !== '"' && ch !== "'") continue;
    let value = '';
    let j = i + 1;
    for (; j < line.length && line[j] !== ch; j++) {
      if (line[j] === '\\' && j + 1 < line.length) {
        const next = line[++j]!;
        value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      } else value += line[j];
    }
    if (j >= line.length) return out; // unclosed: a multi-line literal or a quote in prose; keep what closed
    const lit: SourceLiteral = { value, index: i + 1, end: j + 1 };
    const binding = bindingBefore(line.slice(0, i));
    if (binding) lit.binding = binding;
    const callee = FIRST_ARGUMENT.exec(line.slice(Math.max(0, i - 96), i))?.[1];
    if (callee) lit.argumentOf = callee;
    out.push(lit);
    i = j;
  }
  return out;
}

/** `line` with every literal's content blanked (same length, so columns stay right). */
export function blankLiterals(line: string, literals: readonly SourceLiteral[]): string {
  let out = '';
  let from = 0;
  for (const l of literals) {
    out += line.slice(from, l.index) + ' '.repeat(Math.max(0, l.end - 1 - l.index));
    from = l.end - 1;
  }
  return out + line.slice(from);
}

const BOUND_NUMBER = /(?<![\w.$])(\d{5,20})(?:[lLuU]{1,2})?(?![\w.])/g;

/**
 * Integer literals bound to a name on a line whose string literals are already blanked (`blankLiterals`):
 * `const appId = 1234567890;`, `public static final long APP_ID = 1400000001L;`. Numeric App IDs (ZEGO, TRTC) are
 * credentials by the name they are bound to, as string ones are; an unbound number (`sleep(10000)`) is not read.
 */
export function boundNumbers(code: string, lang: Lang): SourceLiteral[] {
  const cut = lang === 'c' ? code.indexOf('//') : code.indexOf('#');
  const text = cut >= 0 ? code.slice(0, cut) : code;
  const out: SourceLiteral[] = [];
  for (const m of text.matchAll(BOUND_NUMBER)) {
    if (out.length >= MAX_LITERALS) break;
    const binding = bindingBefore(text.slice(0, m.index));
    if (binding) out.push({ value: m[1]!, index: m.index!, end: m.index! + m[0].length, binding });
  }
  return out;
}
