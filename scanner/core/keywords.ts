// Multi-keyword search (Aho–Corasick automaton compiled to a DFA) used by the engine's JS prefilter. Matching is
// deliberately loose: ASCII case is folded and `_`/`-` are ignored (the vocabulary matches `user_id` as `userId`),
// so the automaton finds a superset of what the analysis would react to — a miss would lose findings, a false hit
// only costs time. No npm Aho–Corasick package is maintained and typed, so this is small and hand-written.

/** Bytes mapped to the "ignore" class leave the automaton in its state. */
const IGNORE = -1;

/**
 * Called as `charCodeAt.call(text, i)`: the strings scanned come from every reader (sequential, sliced, cons,
 * external, one- and two-byte), so a `text.charCodeAt` property load sees more string maps than V8 keeps feedback
 * for, goes megamorphic and turns every character into a generic load and call — measured here 3–4× slower on the
 * benchmark's 636,000 strings (~340 ms against ~100 ms). A known function called through `call` is inlined.
 */
const charCodeAt = String.prototype.charCodeAt;

/** An automaton's tables. */
interface Tables {
  classOf: Int16Array;
  classes: number;
  /** delta[state * classes + cls] = next state; state 0 is the root. */
  delta: Int32Array;
  /** 1 when a keyword ends in the state (directly or through its failure chain). */
  accept: Uint8Array;
  /** Ids (indices into the words) of the keywords ending in each state, failure chain included. */
  outputs: Array<number[] | undefined>;
}

/**
 * An automaton's tables as JSON: the rules snapshot carries the shipped pack's prefilter automaton (~3,000 states,
 * 15-45 ms to build on a cold start), which a scan then decodes instead (scripts/rules-snapshot.mjs).
 */
export interface KeywordTables {
  /** The normalized keywords, in id order: the tables serve exactly this list. */
  words: string[];
  classes: number;
  states: number;
  /** Byte order of the typed arrays below (the machine's that wrote them). */
  endian: 'LE' | 'BE';
  /**
   * The typed arrays' bytes, as base64 or as bytes (the rules snapshot's binary side file): Int16 classOf, delta
   * (Uint16 below 65,536 states, else Int32), Uint8 accept.
   */
  classOf: string | Uint8Array;
  delta: string | Uint8Array;
  accept: string | Uint8Array;
  /** Keyword ids per state (null: none). */
  outputs: Array<number[] | null>;
}

const ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';
/** Tables handed over by `useKeywordTables`, by their keyword list (JSON); decoded on first use. */
const given = new Map<string, KeywordTables | Tables>();

/** Tables that automata of exactly these keyword lists take instead of building their own (the rules snapshot's). */
export function useKeywordTables(list: readonly KeywordTables[]): void {
  for (const t of list) if (t && Array.isArray(t.words) && t.endian === ENDIAN) given.set(JSON.stringify(t.words), t);
}

/** Characters an automaton scans the plain way before it builds its step table (see KeywordAutomaton.step). */
const STEP_AFTER_CHARS = 1 << 20;

export interface KeywordAutomatonOptions {
  /** Characters scanned before the step table is built (tests: 0, to take it at once). */
  stepAfterChars?: number;
}

export class KeywordAutomaton {
  private readonly classOf: Int16Array;
  private readonly classes: number;
  private readonly delta: Int32Array;
  private readonly accept: Uint8Array;
  private readonly outputs: Array<number[] | undefined>;
  /**
   * The scanning form of the tables, built once the automaton has scanned `stepAfter` characters:
   * `step[state * width + column]` is the next state times `width`, bitwise negated (`~`) when a keyword ends there;
   * column `classes` is the ignored bytes' (the state stays). One load per character after the byte's column, no
   * multiply and no separate accept lookup on the loop's dependency chain: ~25% less time on the credential
   * prefilter's ~45 M characters of the benchmark IPA. Built at once it cost a cold process 15–60 ms for the JS
   * prefilter's 3,188 × 41 entries (interpreted loop), which a one-file scan never earns back.
   */
  private step: Int32Array | undefined = undefined;
  private width = 0;
  /** Byte → column of `step` (IGNORE → `classes`). */
  private column: Uint16Array = NO_COLUMNS;
  private stepAfter: number;
  private scanned = 0;
  readonly size: number;
  /** The keywords in normalized form; a keyword's id is its index here. */
  readonly words: readonly string[];

  constructor(keywords: Iterable<string>, opts: KeywordAutomatonOptions = {}) {
    const words = [...new Set([...keywords].map(normalizeKeyword).filter((w) => w.length > 0))];
    this.words = words;
    this.size = words.length;
    const t = givenTables(words) ?? buildTables(words);
    this.classOf = t.classOf;
    this.classes = t.classes;
    this.delta = t.delta;
    this.accept = t.accept;
    this.outputs = t.outputs;
    this.stepAfter = opts.stepAfterChars ?? STEP_AFTER_CHARS;
  }

  /** Counts `n` characters about to be scanned; true when the step table is there to scan them with. */
  private stepping(n: number): boolean {
    if (this.step) return true;
    this.scanned += n;
    if (this.scanned < this.stepAfter) return false;
    const st = stepTables({ classOf: this.classOf, classes: this.classes, delta: this.delta, accept: this.accept });
    // Handed-over tables with a transition out of range: keep scanning the plain way, as before.
    if (!st) {
      this.stepAfter = Infinity;
      return false;
    }
    this.step = st.step;
    this.width = st.width;
    this.column = st.column;
    return true;
  }

  /** The tables as JSON, for `useKeywordTables` in another process. */
  tables(): KeywordTables {
    const states = this.accept.length;
    const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    return {
      words: [...this.words],
      classes: this.classes,
      states,
      endian: ENDIAN,
      classOf: b64(this.classOf),
      delta: b64(states < 0x10000 ? Uint16Array.from(this.delta) : this.delta),
      accept: b64(this.accept),
      outputs: this.outputs.map((o) => o ?? null),
    };
  }

  /** True when any keyword occurs in `text[start, end)` (UTF-16 code units; characters above 0xFF never match). */
  testString(text: string, start = 0, end = text.length): boolean {
    if (this.size === 0) return false;
    const from = Math.max(0, start);
    const to = Math.min(end, text.length);
    if (!this.stepping(to - from)) {
      const { classOf, delta, accept, classes } = this;
      let s = 0;
      for (let i = from; i < to; i++) {
        const code = charCodeAt.call(text, i);
        const c = code < 256 ? classOf[code]! : 0;
        if (c === IGNORE) continue;
        s = delta[s * classes + c]!;
        if (accept[s]) return true;
      }
      return false;
    }
    const step = this.step!;
    const column = this.column;
    let s = 0;
    for (let i = from; i < to; i++) {
      const code = charCodeAt.call(text, i);
      s = step[s + (code < 256 ? column[code]! : 0)]!;
      if (s < 0) return true;
    }
    return false;
  }

  /**
   * Adds to `found` the ids of the keywords occurring in a JS string (UTF-16 code units; characters above 0xFF
   * never match, so keywords should be ASCII).
   */
  collect(text: string, found: Set<number>): void {
    if (this.size === 0) return;
    if (!this.stepping(text.length)) {
      const { classOf, delta, accept, outputs, classes } = this;
      let s = 0;
      for (let i = 0, e = text.length; i < e; i++) {
        const code = charCodeAt.call(text, i);
        const c = code < 256 ? classOf[code]! : 0;
        if (c === IGNORE) continue;
        s = delta[s * classes + c]!;
        if (accept[s]) for (const id of outputs[s]!) found.add(id);
      }
      return;
    }
    const step = this.step!;
    const { column, outputs, width } = this;
    let s = 0;
    for (let i = 0, e = text.length; i < e; i++) {
      const code = charCodeAt.call(text, i);
      s = step[s + (code < 256 ? column[code]! : 0)]!;
      if (s < 0) {
        s = ~s;
        for (const id of outputs[s / width]!) found.add(id);
      }
    }
  }

  /** True when any keyword occurs in `data[start, end)`. */
  test(data: Uint8Array, start = 0, end = data.length): boolean {
    if (this.size === 0) return false;
    const from = Math.max(0, start);
    const to = Math.min(end, data.length);
    if (!this.stepping(to - from)) {
      const { classOf, delta, accept, classes } = this;
      let s = 0;
      for (let i = from; i < to; i++) {
        const c = classOf[data[i]!]!;
        if (c === IGNORE) continue;
        s = delta[s * classes + c]!;
        if (accept[s]) return true;
      }
      return false;
    }
    const step = this.step!;
    const column = this.column;
    let s = 0;
    for (let i = from; i < to; i++) {
      s = step[s + column[data[i]!]!]!;
      if (s < 0) return true;
    }
    return false;
  }
}

/**
 * The scanning form of `t` (see KeywordAutomaton.step), or undefined when a transition leaves the table (handed-over
 * tables are checked by shape only; then they are built anew).
 */
const NO_COLUMNS = new Uint16Array(0);

function stepTables(t: Pick<Tables, 'classOf' | 'classes' | 'delta' | 'accept'>): { step: Int32Array; width: number; column: Uint16Array } | undefined {
  const states = t.accept.length;
  const width = t.classes + 1;
  if (states * width >= 2 ** 31) return undefined;
  const step = new Int32Array(states * width);
  for (let s = 0; s < states; s++) {
    for (let c = 0; c < t.classes; c++) {
      const n = t.delta[s * t.classes + c]!;
      if (!(n >= 0 && n < states)) return undefined;
      step[s * width + c] = t.accept[n] ? ~(n * width) : n * width;
    }
    step[s * width + t.classes] = s * width;
  }
  const column = new Uint16Array(256);
  for (let b = 0; b < 256; b++) column[b] = t.classOf[b] === IGNORE ? t.classes : t.classOf[b]!;
  return { step, width, column };
}

/** The handed-over tables of exactly `words`, decoded, when whole and consistent; else undefined (then built). */
function givenTables(words: readonly string[]): Tables | undefined {
  if (given.size === 0) return undefined;
  const key = JSON.stringify(words);
  const g = given.get(key);
  if (!g || !('endian' in g)) return g;
  given.delete(key);
  const t = decodeTables(g, words.length);
  if (t) given.set(key, t);
  return t;
}

/**
 * The tables of `g` when their shapes agree (lengths, classes, outputs); the states in `delta` are the build's, not
 * checked one by one (125,000 entries: as long as building them anew in an interpreted loop).
 */
function decodeTables(g: KeywordTables, wordCount: number): Tables | undefined {
  const { states, classes } = g;
  if (!Number.isInteger(states) || !Number.isInteger(classes) || states < 1 || classes < 1 || !Array.isArray(g.outputs) || g.outputs.length !== states) return undefined;
  const wide = states >= 0x10000;
  const classOf = typed(g.classOf, 2, (n) => new Int16Array(n));
  const delta = typed(g.delta, wide ? 4 : 2, (n) => (wide ? new Int32Array(n) : new Uint16Array(n)));
  const accept = typed(g.accept, 1, (n) => new Uint8Array(n));
  if (classOf?.length !== 256 || delta?.length !== states * classes || accept?.length !== states) return undefined;
  for (let i = 0; i < 256; i++) if (classOf[i]! < IGNORE || classOf[i]! >= classes) return undefined;
  const outputs: Array<number[] | undefined> = [];
  for (let s = 0; s < states; s++) {
    const o = g.outputs[s];
    if (o === null) outputs.push(undefined);
    else if (Array.isArray(o) && o.length > 0 && o.every((id) => Number.isInteger(id) && id >= 0 && id < wordCount)) outputs.push(o);
    else return undefined;
    // A state accepts exactly when some keyword ends in it.
    if ((accept[s] === 1) !== (o !== null) || accept[s]! > 1) return undefined;
  }
  return { classOf, classes, delta: delta instanceof Int32Array ? delta : Int32Array.from(delta), accept, outputs };
}

/** A typed array of the base64 or bytes `s` (copied: aligned, owned), or undefined when its length does not fit. */
function typed<T extends Int16Array | Uint16Array | Int32Array | Uint8Array>(s: unknown, size: number, make: (n: number) => T): T | undefined {
  if (typeof s !== 'string' && !(s instanceof Uint8Array)) return undefined;
  const b = typeof s === 'string' ? Buffer.from(s, 'base64') : s;
  if (b.length % size !== 0) return undefined;
  const out = make(b.length / size);
  new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(b);
  return out;
}

/** The Aho–Corasick automaton of `words` (normalized, distinct), folded into a full transition table. */
function buildTables(words: readonly string[]): Tables {
  // Byte classes: every byte occurring in a keyword gets one, all other bytes share class 0.
  const used = new Map<number, number>();
  for (const w of words) for (const b of Buffer.from(w, 'utf8')) if (!used.has(b)) used.set(b, used.size + 1);
  const classes = used.size + 1;
  const classOf = new Int16Array(256);
  for (let b = 0; b < 256; b++) {
    const folded = b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
    classOf[b] = b === 0x5f || b === 0x2d ? IGNORE : (used.get(folded) ?? 0);
  }
  // Trie.
  const trie: Array<Map<number, number>> = [new Map()];
  const out: number[] = [0];
  const ends: Array<number[] | undefined> = [undefined];
  for (const [id, w] of words.entries()) {
    let s = 0;
    for (const b of Buffer.from(w, 'utf8')) {
      const c = classOf[b]!;
      let n = trie[s]!.get(c);
      if (n === undefined) {
        n = trie.length;
        trie.push(new Map());
        out.push(0);
        ends.push(undefined);
        trie[s]!.set(c, n);
      }
      s = n;
    }
    out[s] = 1;
    (ends[s] ??= []).push(id);
  }
  // Breadth-first failure links, folded into a full transition table.
  const n = trie.length;
  const delta = new Int32Array(n * classes);
  const accept = new Uint8Array(n);
  const fail = new Int32Array(n);
  const queue: number[] = [];
  for (let c = 0; c < classes; c++) {
    const t = trie[0]!.get(c);
    if (t !== undefined) {
      delta[c] = t;
      queue.push(t);
    }
  }
  for (let i = 0; i < n; i++) accept[i] = out[i]!;
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    accept[s] = accept[s]! | accept[fail[s]!]!;
    const inherited = ends[fail[s]!];
    if (s !== 0 && inherited) ends[s] = [...(ends[s] ?? []), ...inherited];
    for (let c = 0; c < classes; c++) {
      const t = trie[s]!.get(c);
      if (t !== undefined) {
        fail[t] = delta[fail[s]! * classes + c]!;
        delta[s * classes + c] = t;
        queue.push(t);
      } else {
        delta[s * classes + c] = delta[fail[s]! * classes + c]!;
      }
    }
  }
  return { classOf, classes, delta, accept, outputs: ends };
}

/** Lowercase ASCII, `_` and `-` removed: the form the automaton compares. */
export function normalizeKeyword(word: string): string {
  return word.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[_-]/g, '');
}
