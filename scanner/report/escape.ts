// The one escaping layer between artifact-derived text (member and file names, string literals, decoded token
// claims, notice messages) and the channels a person or a CI runner reads: the text report, stdout, stderr,
// progress, batch logs, and the bytes of JSON/SARIF. A scanned build chooses that text, so it must not be able to
// drive the terminal (ESC/CSI/OSC sequences, BEL, CR overwriting a line), hide or reorder what is shown (bidi
// overrides, zero-width and other invisible format characters), forge lines (newlines), or run CI workflow
// commands (`::error::`, `::add-mask::`, `##[…]`, `##vso[…]`).
//
// - `oneLine(s)`: a value or a whole line made printable on one line: every control and invisible format character
//   is written visibly (`\x1b`, `\n`, `\u202e`), workflow-command markers are broken. Idempotent.
// - `safeLines(text)`: the boundary guard for multi-line text about to be written (each line through oneLine).
//   Renderers call oneLine per line they build, so a newline inside a value never splits a line.
// - `jsonTerminalSafe(json)`: JSON text whose strings may hold C1/format characters, with those written as `\uXXXX`
//   escapes: the same JSON value, but bytes that cannot act on a terminal when the report is printed or `cat`.
// - `sarifPlain(s)`: SARIF plain-text messages: a literal `](` would start an embedded link (SARIF §3.11.6) that
//   viewers such as GitHub render; the bracket is escaped as the spec asks.

/** C0/C1 controls and DEL, format characters (bidi embeddings/overrides/isolates, zero-width, soft hyphen, tags,
 *  BOM, interlinear annotation), line/paragraph separators and lone surrogates. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const cp = c.codePointAt(0)!;
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\u{${cp.toString(16)}}`;
}

/**
 * Workflow commands: GitHub Actions runs `::cmd …::` at the start of a line (after leading blanks) and the older
 * `##[cmd …]` anywhere in it; Azure Pipelines runs `##vso[…]` (any case) anywhere in a line. The first character of
 * each marker is written as an escape, which keeps it readable and stops the runner.
 */
const LEADING_COMMAND = /^(\s*):(?=:)/;
const INLINE_COMMAND = /#(?=#(?:vso)?\[)/gi;

/** One printable line: controls and invisible characters escaped visibly, workflow-command markers broken. */
export function oneLine(value: unknown): string {
  return String(value ?? '')
    .replace(UNSAFE, visible)
    .replace(INLINE_COMMAND, '\\x23')
    .replace(LEADING_COMMAND, '$1\\x3a');
}

/** Multi-line text for a human channel: every line made safe by oneLine; the line breaks themselves kept. */
export function safeLines(text: string): string {
  return text.split('\n').map(oneLine).join('\n');
}

/** Characters JSON.stringify leaves raw that a terminal or a log viewer may act on (C1, DEL, format, separators). */
const JSON_UNSAFE = /[\u007f-\u009f\p{Cf}\u2028\u2029]/gu;

/** JSON text with those characters as `\uXXXX` escapes (only ever inside strings, so the value is unchanged). */
export function jsonTerminalSafe(json: string): string {
  // All ASCII and no DEL: nothing to escape (a 3 MB SARIF log is searched with the Unicode-property pattern otherwise).
  if (Buffer.byteLength(json) === json.length && !json.includes('\x7f')) return json;
  return json.replace(JSON_UNSAFE, (c) => {
    const cp = c.codePointAt(0)!;
    if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
    const hi = 0xd800 + ((cp - 0x10000) >> 10);
    const lo = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    return `\\u${hi.toString(16)}\\u${lo.toString(16)}`;
  });
}

/** A SARIF plain-text message in which no scanned text can form an embedded link `[text](target)`. */
export function sarifPlain(text: string): string {
  return text.replace(/\](?=\()/g, '\\]');
}

/** One `rtcscan: …` line for stderr, whatever the message holds. */
export function errorLine(message: string): string {
  return `rtcscan: ${oneLine(message)}\n`;
}
