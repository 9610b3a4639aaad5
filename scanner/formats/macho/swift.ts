// Best-effort reading of Swift mangled type references (__swift5_typeref entries), following the grammar in
// swift/docs/ABI/Mangling.rst: we only recover nominal type paths (Module.Type.Nested), which is what SDK
// detection needs; generic structure and standard-library shortcuts are skipped, not demangled.

/** Splits identifiers into the "words" that later `0`-prefixed word substitutions refer to. */
function addWords(ident: string, words: string[]): void {
  let start = -1;
  for (let i = 0; i <= ident.length; i++) {
    const c = i < ident.length ? ident[i]! : '\0';
    const prev = i > 0 ? ident[i - 1]! : '\0';
    const isUpper = c >= 'A' && c <= 'Z';
    const prevUpper = prev >= 'A' && prev <= 'Z';
    // A word ends at '_', at the end, or where an upper-case letter follows a non-upper-case one.
    if (start >= 0 && (c === '_' || c === '\0' || (isUpper && !prevUpper))) {
      if (i - start >= 2 && words.length < 26) words.push(ident.slice(start, i));
      start = -1;
    }
    if (start < 0 && c !== '_' && c !== '\0' && !(c >= '0' && c <= '9')) start = i;
  }
}

interface Cursor {
  s: string;
  i: number;
}

function natural(c: Cursor): number | undefined {
  const m = /^\d+/.exec(c.s.slice(c.i, c.i + 10));
  if (!m) return undefined;
  c.i += m[0].length;
  return Number(m[0]);
}

/** Reads one identifier (plain `<len><chars>` or word-substituted `0...`), or undefined when malformed. */
function identifier(c: Cursor, words: string[]): string | undefined {
  let out = '';
  let substituting = false;
  if (c.s[c.i] === '0') {
    c.i++;
    if (c.s[c.i] === '0') return undefined; // punycode identifiers: not worth decoding here
    substituting = true;
  }
  do {
    while (substituting && /[a-zA-Z]/.test(c.s[c.i] ?? '')) {
      const ch = c.s[c.i++]!;
      const lower = ch >= 'a' && ch <= 'z';
      const word = words[lower ? ch.charCodeAt(0) - 97 : ch.charCodeAt(0) - 65];
      if (word === undefined) return undefined;
      out += word;
      if (!lower) substituting = false;
    }
    if (c.s[c.i] === '0') {
      c.i++;
      break;
    }
    if (!substituting && out && !/\d/.test(c.s[c.i] ?? '')) break; // ended by an upper-case substitution
    const n = natural(c);
    if (n === undefined || n === 0 || c.i + n > c.s.length) return undefined;
    const literal = c.s.slice(c.i, c.i + n);
    c.i += n;
    addWords(literal, words);
    out += literal;
  } while (substituting);
  return out;
}

const NOMINAL_KINDS = new Set(['C', 'V', 'O', 'P', 'a']); // class, struct, enum, protocol, type alias

/**
 * Nominal type names found in one mangled type reference, e.g. `So17AgoraRtcEngineKitC` →
 * [`__C.AgoraRtcEngineKit`], `Say7RoomKit11ParticipantVG` → [`RoomKit.Participant`]. Empty when the reference
 * names no user type (`SS`, a bare symbolic reference) or uses constructs this reader does not follow.
 */
export function swiftTypeNames(mangled: string): string[] {
  const c: Cursor = { s: mangled, i: 0 };
  const words: string[] = [];
  const stack: Array<{ name: string; type: boolean }> = [];
  const found: string[] = [];
  while (c.i < c.s.length) {
    const ch = c.s[c.i]!;
    if (ch >= '0' && ch <= '9') {
      const id = identifier(c, words);
      if (id === undefined) break;
      stack.push({ name: id, type: false });
    } else if (ch === 'S' && c.s[c.i + 1] === 'o') {
      stack.push({ name: '__C', type: false }); // imported Objective-C / C types
      c.i += 2;
    } else if (ch === 'S') {
      c.i += 2; // a standard type shortcut such as SS (String) or Sa (Array)
    } else if (ch === 's' && /\d/.test(c.s[c.i + 1] ?? '')) {
      stack.push({ name: 'Swift', type: false });
      c.i++;
    } else if (NOMINAL_KINDS.has(ch) && stack.length >= 2 && !stack[stack.length - 1]!.type) {
      const name = stack.pop()!;
      const context = stack.pop()!;
      const full = `${context.name}.${name.name}`;
      stack.push({ name: full, type: true });
      if (!full.includes('?')) found.push(full);
      c.i++;
    } else if (ch.charCodeAt(0) >= 0x01 && ch.charCodeAt(0) <= 0x1f) {
      // Symbolic reference: 0x01–0x17 + 4-byte relative offset, 0x18–0x1f + pointer. Its target is unnamed here.
      c.i += 1 + (ch.charCodeAt(0) <= 0x17 ? 4 : 8);
      stack.push({ name: '?', type: true });
    } else {
      c.i++; // generic and list markers (y, G, _, ...) carry no names
    }
  }
  return [...new Set(found)];
}
