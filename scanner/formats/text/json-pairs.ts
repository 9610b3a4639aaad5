// The key/value pairs of a JSON text, with the positions the YAML parser reports for them, found by a strict
// single-pass scanner. Reading JSON through the YAML 1.2 parser (for its source ranges) cost ~0.35 ms per small
// file — 0.45 s on the 1,334 localisation files of the benchmark IPA — and apps ship thousands (strings, Lottie
// animations, manifests). This scanner answers only for text it can vouch for: strict JSON (RFC 8259) whose every
// key is on the line of its colon and shorter than YAML's implicit-key limit, with `\n` or `\r\n` line breaks. For
// anything else it returns undefined and the caller parses with YAML as before, so what the checks see never depends
// on which path read the file (config.test.ts compares both on real files).

/** One scalar under its slash-joined key path; `column` is 1-based and names the value (after an opening quote). */
export interface JsonPair {
  key: string;
  value: string;
  line: number;
  column: number;
}

/** YAML refuses implicit keys longer than this (the parser then fails and the file is read as lines). */
const MAX_KEY_CHARS = 1000;

class Bail extends Error {}
const BAIL = new Bail();

/**
 * Pairs of `text` in document order (the order the YAML walk visits them), or undefined when the text is not
 * strict JSON this scanner can vouch for. `maxDepth`: nodes deeper than this are not visited (as the YAML walk).
 * `lineStarts` receives the offset of each line's first character.
 */
export function jsonPairs(text: string, maxDepth: number, lineStarts: number[]): JsonPair[] | undefined {
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  lineStarts.length = 0;
  lineStarts.push(0);
  const out: JsonPair[] = [];

  const space = (): void => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09) continue;
      if (c === 0x0a) {
        line++;
        lineStart = i + 1;
        lineStarts.push(lineStart);
        continue;
      }
      if (c === 0x0d) {
        // CRLF only: a lone CR is a line break to YAML but not to this scanner's line count.
        if (text.charCodeAt(i + 1) !== 0x0a) throw BAIL;
        continue;
      }
      return;
    }
  };

  /** A string token at `i` (the opening quote); returns its value and leaves `i` after the closing quote. */
  const string = (): string => {
    const start = ++i;
    let plain = true;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) throw BAIL;
      if (c === 0x5c) {
        plain = false;
        i++;
      }
    }
    if (i >= n) throw BAIL;
    const raw = text.slice(start, i);
    i++;
    return plain ? raw : unescape(raw);
  };

  const number = (): string => {
    const start = i;
    if (text.charCodeAt(i) === 0x2d) i++;
    const intStart = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i === intStart || (text.charCodeAt(intStart) === 0x30 && i - intStart > 1)) throw BAIL;
    if (text.charCodeAt(i) === 0x2e) {
      const f = ++i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (i === f) throw BAIL;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const s = text.charCodeAt(i);
      if (s === 0x2b || s === 0x2d) i++;
      const d = i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (i === d) throw BAIL;
    }
    return String(Number(text.slice(start, i)));
  };

  const word = (w: string): string => {
    if (!text.startsWith(w, i)) throw BAIL;
    i += w.length;
    return w;
  };

  /** A value at `i` (after white space) under `key`; `visit` is false past the depth limit (parsed, not reported). */
  const value = (key: string, depth: number, visit: boolean): void => {
    const c = text.charCodeAt(i);
    if (c === 0x7b) {
      i++;
      space();
      if (text.charCodeAt(i) === 0x7d) {
        i++;
        return;
      }
      for (;;) {
        if (text.charCodeAt(i) !== 0x22) throw BAIL;
        const keyStart = i;
        const keyLine = line;
        const k = string();
        if (i - keyStart > MAX_KEY_CHARS) throw BAIL;
        space();
        if (text.charCodeAt(i) !== 0x3a || line !== keyLine) throw BAIL;
        i++;
        space();
        value(key ? `${key}/${k}` : k, depth + 1, visit && depth + 1 <= maxDepth);
        space();
        const d = text.charCodeAt(i++);
        if (d === 0x7d) return;
        if (d !== 0x2c) throw BAIL;
        space();
      }
    }
    if (c === 0x5b) {
      i++;
      space();
      if (text.charCodeAt(i) === 0x5d) {
        i++;
        return;
      }
      for (let k = 0; ; k++) {
        value(`${key}/${k}`, depth + 1, visit && depth + 1 <= maxDepth);
        space();
        const d = text.charCodeAt(i++);
        if (d === 0x5d) return;
        if (d !== 0x2c) throw BAIL;
        space();
      }
    }
    const at = i;
    const quoted = c === 0x22;
    const v = quoted ? string() : c === 0x74 ? word('true') : c === 0x66 ? word('false') : c === 0x6e ? word('null') : number();
    if (visit && key) out.push({ key, value: v, line, column: at - lineStart + 1 + (quoted ? 1 : 0) });
  };

  try {
    space();
    if (i >= n) return undefined;
    value('', 0, true);
    space();
    if (i < n) return undefined;
    // The rest of the line starts after the value (only white space and line breaks are left).
    return out;
  } catch (e) {
    if (e === BAIL || e instanceof RangeError) return undefined; // RangeError: nesting deeper than the stack
    throw e;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The value of a JSON string body with escapes; throws BAIL on an escape JSON does not have. */
function unescape(raw: string): string {
  let out = '';
  let from = 0;
  for (let i = raw.indexOf('\\'); i >= 0; i = raw.indexOf('\\', from)) {
    out += raw.slice(from, i);
    const e = raw[i + 1];
    if (e === 'u') {
      const hex = raw.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw BAIL;
      out += String.fromCharCode(parseInt(hex, 16));
      from = i + 6;
    } else {
      const r = e === undefined ? undefined : ESCAPES[e];
      if (r === undefined) throw BAIL;
      out += r;
      from = i + 2;
    }
  }
  return out + raw.slice(from);
}
