// A vendor's own webpack output read as a file of top-level statements (builds.ts, `chunkGlobal` signatures): the
// runtime chunk and the chunks that push themselves on the compilation's chunk-loading global, as webpack emits
// them and as an Angular library build concatenates them into one file (runtime.js, polyfills.js, main.js):
//
//   (()=>{…;r=self.webpackChunkX=self.webpackChunkX||[];…})();
//   (self.webpackChunkX=self.webpackChunkX||[]).push([[429],{270:()=>{…},…},e=>{…}]);
//
// The global is the compilation's own name (`webpackChunk` + its project's package name, or `chunkLoadingGlobal`):
// an app's bundler names its own. Only the statements of that shape are the vendor's; anything else at the top
// level (an app script concatenated before, between or after) is foreign and is parsed.
import { statementBlank, type Blank } from './elide.js';
import type { Outline } from './outline.js';

export interface ChunkStatements {
  /** The runtime and chunk statements (with a `"use strict";` before them), as statement blanks, in order. */
  statements: Blank[];
  /** Whether any other code stands at the top level (between, before or after them). */
  foreign: boolean;
}

interface Shapes {
  /** Ends a gap just before a chunk's modules `{`: `"use strict";(self.G=self.G||[]).push([[ids],`. */
  pushHead: RegExp;
  /** Ends a gap just before the runtime's body: `(()=>`, `(function()`, `!function()`. */
  runtimeHead: RegExp;
  /** How the runtime takes the global: `r=self.G=self.G||[];`, `var chunkLoadingGlobal = self["G"] = self["G"] || [];`. */
  runtimeTakes: RegExp;
}

const shapesOf = new Map<string, Shapes>();

/** Text that may precede a statement's first token in the same gap: nothing, or the end of the one before. */
const STATEMENT_START = String.raw`(?:^|[;})\]\s])`;
const DIRECTIVE = String.raw`(?:(?:"use strict"|'use strict')\s*;?\s*)?`;
/** After a chunk's modules (or between them and its own runtime function): `,e=>`, `, __webpack_require__ => `, `,function(e)`. */
const CHUNK_NEXT = /^\s*,\s*(?:function\s*\(\s*[\w$]*\s*\)|(?:[\w$]+|\(\s*[\w$]*\s*\))\s*=>)\s*$/;
const CHUNK_END = /^\s*\]\s*\)\s*;?/;
/** After the runtime's body: `)()`, `}()` of `!function(){…}()`, `())` of `(function(){…}())`. */
const RUNTIME_END = /^\s*(?:\)\s*\(\s*\)|\(\s*\)\s*\)?)\s*;?/;

function shapes(global: string): Shapes {
  let s = shapesOf.get(global);
  if (s) return s;
  const g = global.replace(/\$/g, '\\$');
  const ref = String.raw`(?:self|window|this|globalThis|global)\s*(?:\.\s*${g}|\[\s*["']${g}["']\s*\])`;
  s = {
    pushHead: new RegExp(String.raw`${STATEMENT_START}(${DIRECTIVE}\(\s*${ref}\s*=\s*${ref}\s*\|\|\s*\[\s*\]\s*\)\s*\.\s*push\s*\(\s*\[\s*\[[\w$\s,"'-]*\]\s*,\s*)$`),
    runtimeHead: new RegExp(String.raw`${STATEMENT_START}(${DIRECTIVE}(?:\(|!)\s*(?:function\s*\(\s*\)|\(\s*\)\s*=>)\s*)$`),
    runtimeTakes: new RegExp(String.raw`=\s*${ref}\s*=\s*${ref}\s*\|\|\s*\[\s*\]\s*[;,]`, 'y'),
  };
  shapesOf.set(global, s);
  return s;
}

/**
 * The top-level statements of `code[start, end)` that are the webpack compilation's of `global`, or undefined when
 * there is no chunk pushing itself on it. Reads the quick outline's top-level `{…}` spans (a chunk's modules object,
 * its runtime function, the runtime's body) and the short texts between them, comments blanked.
 */
export function webpackChunkStatements(code: string, outline: Outline, global: string, start: number, end: number): ChunkStatements | undefined {
  const { pushHead, runtimeHead, runtimeTakes } = shapes(global);
  const spans = outline.bodies.filter((b) => b.parent === -1 && b.close >= 0);
  const comments = outline.strings.filter((s) => s.kind === 'comment');
  let comment = 0;
  /** `code[from, to)` with its comments as spaces (offsets kept). */
  const gapText = (from: number, to: number): string => {
    while (comment < comments.length && comments[comment]!.end <= from) comment++;
    let text = '';
    let at = from;
    for (let k = comment; k < comments.length && comments[k]!.start < to; k++) {
      const c = comments[k]!;
      const s = Math.max(c.start, at);
      text += code.slice(at, s) + ' '.repeat(Math.max(0, Math.min(c.end, to) - s));
      at = Math.max(at, Math.min(c.end, to));
    }
    return text + code.slice(at, to);
  };
  // Where the global's name occurs. The runtime's body names it exactly twice, where it takes it (a body that also
  // pushes a chunk on it, or names it elsewhere, is some other code: an app's IIFE around a chunk).
  const named: number[] = [];
  for (let i = code.indexOf(global, start); i >= 0 && i < end; i = code.indexOf(global, i + global.length)) named.push(i);
  const isRuntime = (open: number, close: number) => {
    const inside = named.filter((i) => i > open && i < close);
    if (inside.length !== 2) return false;
    const from = code.lastIndexOf('=', inside[0]);
    runtimeTakes.lastIndex = from;
    return from > open && inside[0]! - from < 64 && runtimeTakes.test(code);
  };

  const statements: Blank[] = [];
  let foreign = false;
  let pushes = 0;
  /** The statement being read: where it starts and what it is. */
  let open: { at: number; kind: 'push' | 'runtime' } | undefined;
  // Between statements, the gap `code[from, to)` may hold foreign code, then the head of a statement whose first
  // span opens at `to`; without such a head, that span is foreign too.
  const between = (from: number, to: number, span: { open: number; close: number } | undefined): void => {
    const text = gapText(from, to);
    const head = span ? (pushHead.exec(text) ?? runtimeHead.exec(text)) : null;
    const at = head ? from + head.index + head[0].length - head[1]!.length : to;
    if (/[^\s;]/.test(text.slice(0, at - from))) foreign = true;
    if (!span) return;
    const kind = head ? (head[1]!.includes('push') ? 'push' : 'runtime') : undefined;
    if (!kind || (kind === 'runtime' && !isRuntime(span.open, span.close))) foreign = true;
    else open = { at, kind };
  };
  let from = start;
  for (let i = 0; i <= spans.length; i++) {
    const span = i < spans.length ? spans[i]! : undefined;
    const to = span ? span.open : end;
    if (!open) between(from, to, span);
    else {
      const text = gapText(from, to);
      const close = (open.kind === 'push' ? CHUNK_END : RUNTIME_END).exec(text);
      if (close) {
        statements.push(statementBlank(open.at, from + close[0].length));
        if (open.kind === 'push') pushes++;
        open = undefined;
        between(from + close[0].length, to, span);
      } else if (!(open.kind === 'push' && span && CHUNK_NEXT.test(text))) {
        // Not a webpack statement after all (its spans so far included): foreign code.
        foreign = true;
        open = undefined;
        between(from, to, span);
      }
      // Else the chunk's own runtime function follows its modules: the span is the statement's.
    }
    if (span) from = span.close + 1;
  }
  if (open) foreign = true;
  return pushes ? { statements, foreign } : undefined;
}
