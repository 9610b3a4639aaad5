// Code model of Java, Kotlin, Swift, Objective-C and Dart source (the languages of native and Flutter apps), read
// by a tokenizer and a structural pass (lexer.ts, model.ts) — no parser. The text reader keeps its string facts
// for these files; this adds `Facts.code`, so the checks find session starts, argument roles, App-ID-only joins,
// missing encryption and cleartext flows in source as they do in DEX, Mach-O, Hermes and JS.
import type { Notice } from '../../core/facts.js';
import type { CodeModel } from '../../model/types.js';
import { libraryPackageOfArtifact } from '../../core/paths.js';
import { lex } from './lexer.js';
import { modelLanguageOf } from './languages.js';
import { buildSourceModel } from './model.js';

export { modelLanguageOf } from './languages.js';

/** Larger source files are generated code (bindings, protobufs): their model is not built. */
export const MAX_MODEL_CHARS = 4 * 1024 * 1024;
const MAX_TOKENS = 1_500_000;

export interface SourceCode {
  code?: CodeModel;
  language?: string;
  notices: Notice[];
}

/** The code model of a source file, or only notices when the file is not one of these languages or too large. */
export function readSourceCode(text: string, path: string, ownerPackage?: string): SourceCode {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
  const lang = modelLanguageOf(name);
  if (!lang) return { notices: [] };
  if (text.length > MAX_MODEL_CHARS) {
    return { language: lang, notices: [{ level: 'note', id: 'source/too-large', artifact: path, message: `${lang} source of ${text.length} characters: read as text only (no code model above ${MAX_MODEL_CHARS})` }] };
  }
  const { tokens, truncated, comments } = lex(text, lang, MAX_TOKENS);
  const notices: Notice[] = [];
  if (truncated) notices.push({ level: 'note', id: 'source/too-many-tokens', artifact: path, message: `${lang} source: the code model covers the first ${MAX_TOKENS} tokens` });
  // A dependency's source (node_modules/<pkg>/android/…, a vendored plugin) is library code: its calls are its own.
  const library = (libraryPackageOfArtifact(path) ?? ownerPackage) !== undefined;
  const { model } = buildSourceModel(text, tokens, lang, { library, comments });
  return { code: model, language: lang, notices };
}
