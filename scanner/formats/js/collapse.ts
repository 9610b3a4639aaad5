// Parsing a blanked text without walking its blanks. A blanked bundle is mostly spaces (agora's app bundle: 1.59 MB
// of which 842 characters stay to parse), and Babel skips whitespace one character at a time — on the near-empty
// app bundles that was a tenth of the reader's CPU over the skeleton and final parses. So each long blank is cut
// down to one space, the short text is parsed, and every position in its AST (node offsets, lines and columns,
// comments) is moved back to where it lies in the original: the AST is the one Babel gives for the full-length
// blanked text. Only blanks are cut, and each cut lies inside braces (`{ }`), after a blanked statement's `;` or
// after a declarator's name, so no two tokens run together and no line break that separates statements goes.
import type * as t from '@babel/types';
import { parseJs, type ParseOutcome } from './babel.js';
import { blankBodies, blankedChars, blankInside, type Blank } from './elide.js';
import { pushChildren } from './children.js';
import { JS_LINE_TERMINATORS, lineStarts } from '../../core/line-index.js';

/**
 * Texts are cut only when they hold this many blank characters per character left to parse. Moving positions costs
 * per node of what is left, skipping spaces per blank character: on the benchmark's app bundles cutting was no gain
 * for daily and livekit (7 and 5 blanks per character left) and 2–40× faster for twilio (95) and agora (2,500).
 */
const MIN_BLANKS_PER_LIVE = 16;

/** Blanks shorter than this are written as spaces, as blankBodies writes them: a cut costs more than it saves. */
const MIN_CUT = 64;

/** Line starts of a text (Babel's line breaks: `\r\n`, `\r`, `\n`, U+2028, U+2029), made once per text. */
export class LineStarts {
  readonly starts: number[];
  constructor(code: string) {
    this.starts = lineStarts(code, JS_LINE_TERMINATORS);
  }
  /** Sets a Babel position to an offset's 1-based line and 0-based column. */
  place(pos: { line: number; column: number; index: number }, offset: number): void {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    pos.line = lo + 1;
    pos.column = offset - s[lo]!;
    pos.index = offset;
  }
}

/** The text with long blanks cut to one space, and where each cut's space stands (`at`) and what it replaced. */
interface Collapsed {
  text: string;
  /** Ascending: the cut's space at `at` in the short text stands for `[from, to)` of the original. */
  cuts: Array<{ at: number; from: number; to: number }>;
  /** Characters of the short text that are blanks (for the parse budget). */
  blanked: number;
}

function collapse(code: string, blanks: readonly Blank[]): Collapsed {
  const parts: string[] = [];
  const cuts: Collapsed['cuts'] = [];
  let length = 0;
  let blanked = 0;
  let at = 0;
  for (const b of [...blanks].sort((x, y) => x.open - y.open)) {
    if (b.open + 1 < at) continue; // nested in a blank already written
    const head = code.slice(at, b.open + 1);
    parts.push(head);
    length += head.length;
    at = b.close;
    // A statement's first character becomes `;` (blankBodies): what is cut starts after it.
    const from = b.kind === 'statement' && b.close > b.open + 1 ? b.open + 2 : b.open + 1;
    if (b.close - from < MIN_CUT) {
      const n = parts.length;
      blankInside(code, b, parts);
      for (let i = n; i < parts.length; i++) length += parts[i]!.length;
      blanked += b.close - b.open - 1;
      continue;
    }
    if (from > b.open + 1) {
      parts.push(';');
      length++;
    }
    cuts.push({ at: length, from, to: b.close });
    parts.push(' ');
    length++;
    blanked++;
  }
  parts.push(code.slice(at));
  return { text: parts.join(''), cuts, blanked };
}

/**
 * `parseJs(blankBodies(code, blanks), …)` with long blanks cut out of the text Babel reads; the AST's positions are
 * the full-length text's. A parse with errors (whose messages carry the short text's positions) is redone on the
 * full-length text.
 */
export function parseBlanked(code: string, blanks: readonly Blank[], maxUnits: number, lines: () => LineStarts, minBlanksPerLive = MIN_BLANKS_PER_LIVE): ParseOutcome {
  const blanked = blankedChars(blanks);
  const full = () => parseJs(blankBodies(code, blanks), '', maxUnits, blanked);
  if (blanked < minBlanksPerLive * (code.length - blanked)) return full();
  const c = collapse(code, blanks);
  if (!c.cuts.length) return full();
  const p = parseJs(c.text, '', maxUnits, c.blanked);
  if (p.tooLarge !== undefined || !p.ast || p.errors.length) return full();
  relocate(p.ast, c.cuts, lines(), c.text.length);
  return p;
}

/**
 * Moves every position of an AST parsed from the short text to the original's. Every offset of the short text is
 * mapped once, in order, to its original offset and line (two typed arrays): the AST then costs a table load per
 * position instead of two binary searches (cuts, line starts), which had made relocating cost as much as parsing.
 *
 * Small functions, not one with closures: V8 compiled the single function on-stack, then whole, and its optimised
 * code bailed out whenever an `extra` object of a shape not seen yet arrived (Babel's `extra` objects come in many
 * shapes: `{rawValue, raw}`, `{parenthesized, parenStart}`, `{trailingComma}`, …): 8–9 *wrong map* bailouts at
 * that one load and more compiles over the benchmark's bundles. Now the table loop, the node walk and the `extra`
 * offsets are compiled one by one, and a new shape costs the small `moveExtra` its feedback, not the walk its code.
 */
function relocate(ast: t.File, cuts: Collapsed['cuts'], lines: LineStarts, shortLength: number): void {
  const r = new Relocation(cuts, lines, shortLength);
  const first = cuts[0]!.at;
  // Nodes that end before the first cut are where the short text has them: their subtrees are left as they are.
  const stack: t.Node[] = [ast];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.end != null && n.end <= first) continue;
    r.move(n);
    if (n.extra) moveExtra(n.extra, r);
    if (n.type === 'File') stack.push(n.program);
    else pushChildren(n, stack);
  }
  for (const c of ast.comments ?? []) r.move(c as never);
}

/** The offsets Babel keeps in a node's `extra` (a parenthesised expression's `(`, a list's trailing comma). */
function moveExtra(extra: Record<string, unknown>, r: Relocation): void {
  if (typeof extra.parenStart === 'number') extra.parenStart = r.map(extra.parenStart);
  if (typeof extra.trailingComma === 'number') extra.trailingComma = r.map(extra.trailingComma);
}

/** The short text's offsets mapped to the original's offsets and lines (see relocate). */
class Relocation {
  readonly first: number;
  readonly starts: number[];
  // offsetOf[s]: the original offset of short offset s; lineOf[s]: its 0-based line.
  readonly offsetOf: Int32Array;
  readonly lineOf: Int32Array;

  constructor(
    cuts: Collapsed['cuts'],
    readonly lines: LineStarts,
    readonly shortLength: number,
  ) {
    this.first = cuts[0]!.at;
    this.starts = lines.starts;
    this.offsetOf = new Int32Array(shortLength + 1);
    this.lineOf = new Int32Array(shortLength + 1);
    fillOffsets(cuts, lines.starts, this.offsetOf, this.lineOf);
  }

  map(off: number): number {
    return off >= 0 && off <= this.shortLength ? this.offsetOf[off]! : off;
  }

  place(pos: { line: number; column: number; index: number }, short: number): void {
    if (short < 0 || short > this.shortLength) return this.lines.place(pos, this.map(short));
    const l = this.lineOf[short]!;
    const off = this.offsetOf[short]!;
    pos.line = l + 1;
    pos.column = off - this.starts[l]!;
    pos.index = off;
  }

  move(n: { start?: number | null; end?: number | null; loc?: t.SourceLocation | null }): void {
    if (n.end != null && n.end <= this.first) return;
    if (n.start == null || n.end == null) return;
    const start = n.start;
    const end = n.end;
    n.start = this.map(start);
    n.end = this.map(end);
    // Babel shares position objects between nodes that start or end at the same offset (a parent and its first
    // child, nodes ending at the same token): each is set from the node's own offset, the same for all.
    if (n.loc) {
      this.place(n.loc.start, start);
      this.place(n.loc.end, end);
    }
  }
}

/**
 * Fills offsetOf[s] (the original offset of short offset s: after the last cut whose space lies before s, shifted by
 * what it replaced) and lineOf[s] (its 0-based line) for every offset of the short text.
 */
function fillOffsets(cuts: Collapsed['cuts'], starts: readonly number[], offsetOf: Int32Array, lineOf: Int32Array): void {
  const shortLength = offsetOf.length - 1;
  let k = -1; // the last cut with at < s
  let shift = 0;
  let line = 0;
  for (let s = 0; s <= shortLength; s++) {
    while (k + 1 < cuts.length && cuts[k + 1]!.at < s) {
      k++;
      shift = cuts[k]!.to - (cuts[k]!.at + 1);
    }
    const off = s + shift;
    while (line + 1 < starts.length && starts[line + 1]! <= off) line++;
    while (line > 0 && starts[line]! > off) line--; // (offsets only grow along the text; kept exact regardless)
    offsetOf[s] = off;
    lineOf[s] = line;
  }
}
