// The JS prefilter: a file in which no keyword of the rule packs occurs cannot hold a vendor API call, an SDK
// global, an SDK marker or a dataflow source/sink the analysis reacts to, so it skips the AST (the expensive part)
// and only gets a tokenizer-level scan of its string literals (endpoints, credentials), with line/column and
// without comments. Keywords: vendor packages, globals, markers and JS API method names (except methods that only
// hang off objects another API returns: the creating API's name is a keyword), sink globals and modules, and the
// identifier vocabulary.
import jsTokens from 'js-tokens';
import { emptyFacts, type Facts, type StringFact } from '../core/facts.js';
import type { RulePack } from '../rules/pack.js';
import { KeywordAutomaton } from './keywords.js';

/** Keywords shorter than this are left out (they would match nearly every file). */
const MIN_KEYWORD = 3;

export function prefilterKeywords(rules: RulePack): string[] {
  const out = new Set<string>();
  const add = (w: string | undefined) => {
    if (w && w.length >= MIN_KEYWORD) out.add(w);
  };
  for (const v of rules.vendors) {
    const js = v.sdk?.js;
    for (const p of js?.packages ?? []) add(p);
    for (const g of js?.globals ?? []) add(g);
    for (const m of js?.markers ?? []) add(m);
    for (const a of v.apis ?? []) {
      if (a.platform !== 'js') continue;
      const receivers = a.receiver ?? [];
      if (receivers.length && receivers.every((r) => r.startsWith('type:'))) continue;
      add(a.method);
      for (const r of receivers) if (!r.startsWith('type:')) add(r);
    }
  }
  const sinks = rules.sinks;
  if (sinks) {
    for (const [mod, global] of Object.entries(sinks.modules)) {
      add(mod);
      add(global);
    }
    for (const s of sinks.sinks) {
      for (const name of [...(s.match.call ?? []), ...(s.match.new ?? [])]) add(name.split('.').pop());
    }
  }
  for (const id of rules.vocabulary.identifiers) add(id.name);
  return [...out].sort();
}

const automata = new WeakMap<RulePack, KeywordAutomaton>();

/** The rule pack's keyword automaton, built once per pack. */
export function keywordAutomaton(rules: RulePack): KeywordAutomaton {
  let a = automata.get(rules);
  if (!a) automata.set(rules, (a = new KeywordAutomaton(prefilterKeywords(rules))));
  return a;
}

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;

/**
 * String literals and template chunks of a JS text, as the JS reader reports them (cooked values, 1-based
 * line/column of the token start, end after the closing quote), found with a tokenizer so comments and regular
 * expressions are never mistaken for strings.
 */
export function scanLiterals(path: string, code: string, maxStrings: number): Facts {
  const facts = emptyFacts(path, 'js', true);
  facts.meta.prefilter = 'no-keyword';
  let line = 1;
  let lineStart = 0; // UTF-16 index where the current line starts
  let pos = 0;
  let total = 0;
  for (const tok of jsTokens(code)) {
    const start = pos;
    const value = tok.value;
    pos += value.length;
    const startLine = line;
    const startCol = start - lineStart + 1;
    if (tok.type === 'LineTerminatorSequence') {
      line++;
      lineStart = pos;
      continue;
    }
    if (tok.type !== 'WhiteSpace' && tok.type !== 'Punctuator' && tok.type !== 'IdentifierName' && value.length > 1) {
      LINE_BREAK.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = LINE_BREAK.exec(value))) {
        line++;
        lineStart = start + m.index + m[0].length;
      }
    }
    let cooked: string | undefined;
    switch (tok.type) {
      case 'StringLiteral':
        cooked = cook(value.slice(1, tok.closed ? -1 : undefined), false);
        break;
      case 'NoSubstitutionTemplate':
        cooked = cook(value.slice(1, tok.closed ? -1 : undefined), true);
        break;
      case 'TemplateHead':
        cooked = cook(value.slice(1, -2), true);
        break;
      case 'TemplateMiddle':
        cooked = cook(value.slice(1, -2), true);
        break;
      case 'TemplateTail':
        cooked = cook(value.slice(1, tok.closed ? -1 : undefined), true);
        break;
      default:
        continue;
    }
    // Babel reports empty template chunks as nothing and empty string literals as ''.
    if (cooked === undefined || (cooked === '' && tok.type !== 'StringLiteral')) continue;
    total++;
    if (facts.strings.length >= maxStrings) continue;
    // Template chunks are placed like Babel's TemplateElement: inside the backtick/brace and before `${`/backtick.
    const template = tok.type !== 'StringLiteral';
    const tail = !template ? 0 : tok.type === 'TemplateHead' || tok.type === 'TemplateMiddle' ? 2 : 'closed' in tok && tok.closed ? 1 : 0;
    const s: StringFact = { value: cooked, kind: 'literal', line: startLine, column: startCol + (template ? 1 : 0), endLine: line, endColumn: pos - tail - lineStart + 1 };
    facts.strings.push(s);
  }
  if (total > facts.strings.length) {
    facts.notices.push({ level: 'warning', id: 'js/max-strings', artifact: path, message: `kept the first ${facts.strings.length} of ${total} strings` });
  }
  return facts;
}

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };

/** The value of a string/template body given its raw text; undefined for a template with an invalid escape. */
export function cook(raw: string, template: boolean): string | undefined {
  if (!raw.includes('\\')) return template ? raw.replace(/\r\n?/g, '\n') : raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      if (template && c === '\r') {
        out += '\n';
        if (raw[i + 1] === '\n') i++;
      } else out += c;
      continue;
    }
    const e = raw[++i];
    if (e === undefined) break;
    if (e in SIMPLE) out += SIMPLE[e];
    else if (e === '\r') {
      if (raw[i + 1] === '\n') i++; // line continuation
    } else if (e === '\n' || e === '\u2028' || e === '\u2029') {
      // line continuation
    } else if (e === 'x') {
      const h = raw.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return template ? undefined : out + raw.slice(i - 1);
      out += String.fromCharCode(parseInt(h, 16));
      i += 2;
    } else if (e === 'u') {
      let cp: number;
      if (raw[i + 1] === '{') {
        const close = raw.indexOf('}', i + 2);
        const h = close > 0 ? raw.slice(i + 2, close) : '';
        if (!/^[0-9a-fA-F]{1,6}$/.test(h) || parseInt(h, 16) > 0x10ffff) return template ? undefined : out + raw.slice(i - 1);
        cp = parseInt(h, 16);
        i = close;
      } else {
        const h = raw.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(h)) return template ? undefined : out + raw.slice(i - 1);
        cp = parseInt(h, 16);
        i += 4;
      }
      out += String.fromCodePoint(cp);
    } else if (e === '0' && !/[0-9]/.test(raw[i + 1] ?? '')) {
      out += '\0';
    } else if (/[0-7]/.test(e)) {
      if (template) return undefined;
      // Legacy octal escape (sloppy-mode strings).
      const m = /^[0-7]{1,3}/.exec(raw.slice(i))![0];
      const oct = parseInt(m, 8) > 255 ? m.slice(0, 2) : m;
      out += String.fromCharCode(parseInt(oct, 8));
      i += oct.length - 1;
    } else out += e;
  }
  return out;
}
