// What the structural pass needs to know per source language: keywords that are never callees or types, the
// modifiers that may precede a declaration, and how built-in types map to JVM names (Java, Kotlin).
import type { Lang } from './lexer.js';

const C_CONTROL = ['if', 'else', 'for', 'while', 'do', 'switch', 'case', 'default', 'return', 'break', 'continue', 'throw', 'try', 'catch', 'finally', 'sizeof', 'typeof', 'assert'];

const KEYWORDS: Record<Lang, readonly string[]> = {
  java: [...C_CONTROL, 'new', 'synchronized', 'super', 'this', 'class', 'interface', 'enum', 'extends', 'implements', 'instanceof', 'import', 'package', 'void', 'throws', 'record'],
  kotlin: [...C_CONTROL, 'when', 'fun', 'val', 'var', 'class', 'object', 'interface', 'is', 'in', 'as', 'super', 'this', 'import', 'package', 'constructor', 'init', 'typealias'],
  swift: [...C_CONTROL, 'guard', 'repeat', 'func', 'let', 'var', 'class', 'struct', 'enum', 'protocol', 'extension', 'is', 'as', 'in', 'super', 'self', 'import', 'where', 'defer', 'await', 'some', 'any'],
  objc: [...C_CONTROL, 'self', 'super', 'void', 'struct', 'enum', 'union', 'typedef', 'const', 'static', 'extern', 'return'],
  dart: [...C_CONTROL, 'new', 'const', 'final', 'var', 'late', 'class', 'mixin', 'extension', 'is', 'as', 'in', 'super', 'this', 'import', 'export', 'part', 'library', 'await', 'yield', 'void', 'async', 'with', 'on', 'required', 'rethrow'],
};

const keywordSets = new Map<Lang, Set<string>>();

export function isKeyword(lang: Lang, word: string): boolean {
  let set = keywordSets.get(lang);
  if (!set) keywordSets.set(lang, (set = new Set(KEYWORDS[lang])));
  return set.has(word);
}

/** Words that may precede a declaration (`private static final String X`, `late final RtcEngine e`). */
export const MODIFIERS = new Set([
  'public', 'private', 'protected', 'internal', 'static', 'final', 'const', 'late', 'transient', 'volatile', 'abstract',
  'open', 'override', 'lateinit', 'fileprivate', 'weak', 'unowned', 'lazy', 'readonly', 'nonatomic', 'strong', 'copy',
  'assign', 'atomic', 'external', 'covariant', 'dynamic', 'required', 'mutating', 'nonmutating', 'inline', 'suspend',
  '__weak', '__strong', '__block', 'IBOutlet',
]);

/** Words that make a declaration's binding constant. */
export const CONSTANT_WORDS = new Set(['final', 'const', 'val', 'let']);

/** Java primitives and Kotlin built-ins → JVM descriptors. */
const JVM_PRIMITIVES: Record<string, string> = {
  int: 'I', Int: 'I', long: 'J', Long: 'J', boolean: 'Z', Boolean: 'Z', double: 'D', Double: 'D', float: 'F', Float: 'F',
  short: 'S', Short: 'S', byte: 'B', Byte: 'B', char: 'C', Char: 'C',
};

/** Types every Java / Kotlin file sees without an import. */
const JVM_IMPLICIT: Record<string, string> = {
  String: 'java/lang/String', Object: 'java/lang/Object', Integer: 'java/lang/Integer', StringBuilder: 'java/lang/StringBuilder',
  Any: 'java/lang/Object', CharSequence: 'java/lang/CharSequence', Thread: 'java/lang/Thread', System: 'java/lang/System', Math: 'java/lang/Math',
};

/** JVM descriptor of a resolved type name (`I`, `Ljava/lang/String;`), or undefined for an unresolved one. */
export function jvmDescriptor(type: string): string | undefined {
  const p = JVM_PRIMITIVES[type];
  if (p) return p;
  return type.includes('/') ? `L${type};` : undefined;
}

export function jvmImplicit(name: string): string | undefined {
  return JVM_IMPLICIT[name];
}

export function isJvmPrimitive(name: string): boolean {
  return name in JVM_PRIMITIVES;
}

/** Language of a source file by its name, for the languages with a code model. */
export function modelLanguageOf(name: string): Lang | undefined {
  const m = /\.(java|kt|kts|swift|m|mm|dart)$/.exec(name.toLowerCase());
  if (!m) return undefined;
  switch (m[1]) {
    case 'java':
      return 'java';
    case 'kt':
    case 'kts':
      return 'kotlin';
    case 'swift':
      return 'swift';
    case 'dart':
      return 'dart';
    default:
      return 'objc';
  }
}

/** The platform whose API rules name a language's calls. */
export function platformOfLang(lang: Lang): 'android' | 'ios' | 'flutter' {
  return lang === 'java' || lang === 'kotlin' ? 'android' : lang === 'dart' ? 'flutter' : 'ios';
}
