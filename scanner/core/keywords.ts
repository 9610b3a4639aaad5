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

export class KeywordAutomaton {
  private readonly classOf = new Int16Array(256);
  private readonly classes: number;
  /** delta[state * classes + cls] = next state; state 0 is the root. */
  private readonly delta: Int32Array;
  /** 1 when a keyword ends in the state (directly or through its failure chain). */
  private readonly accept: Uint8Array;
  /** Ids (indices into `words`) of the keywords ending in each state, failure chain included. */
  private readonly outputs: Array<number[] | undefined>;
  readonly size: number;
  /** The keywords in normalized form; a keyword's id is its index here. */
  readonly words: readonly string[];

  constructor(keywords: Iterable<string>) {
    const words = [...new Set([...keywords].map(normalizeKeyword).filter((w) => w.length > 0))];
    this.words = words;
    // Byte classes: every byte occurring in a keyword gets one, all other bytes share class 0.
    const used = new Map<number, number>();
    for (const w of words) for (const b of Buffer.from(w, 'utf8')) if (!used.has(b)) used.set(b, used.size + 1);
    this.classes = used.size + 1;
    for (let b = 0; b < 256; b++) {
      const folded = b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
      this.classOf[b] = b === 0x5f || b === 0x2d ? IGNORE : (used.get(folded) ?? 0);
    }
    // Trie.
    const trie: Array<Map<number, number>> = [new Map()];
    const out: number[] = [0];
    const ends: Array<number[] | undefined> = [undefined];
    for (const [id, w] of words.entries()) {
      let s = 0;
      for (const b of Buffer.from(w, 'utf8')) {
        const c = this.classOf[b]!;
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
    this.size = words.length;
    // Breadth-first failure links, folded into a full transition table.
    const n = trie.length;
    const delta = new Int32Array(n * this.classes);
    const accept = new Uint8Array(n);
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (let c = 0; c < this.classes; c++) {
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
      for (let c = 0; c < this.classes; c++) {
        const t = trie[s]!.get(c);
        if (t !== undefined) {
          fail[t] = delta[fail[s]! * this.classes + c]!;
          delta[s * this.classes + c] = t;
          queue.push(t);
        } else {
          delta[s * this.classes + c] = delta[fail[s]! * this.classes + c]!;
        }
      }
    }
    this.delta = delta;
    this.accept = accept;
    this.outputs = ends;
  }

  /** True when any keyword occurs in `text[start, end)` (UTF-16 code units; characters above 0xFF never match). */
  testString(text: string, start = 0, end = text.length): boolean {
    if (this.size === 0) return false;
    const { classOf, delta, accept, classes } = this;
    let s = 0;
    for (let i = Math.max(0, start), e = Math.min(end, text.length); i < e; i++) {
      const code = charCodeAt.call(text, i);
      const c = code < 256 ? classOf[code]! : 0;
      if (c === IGNORE) continue;
      s = delta[s * classes + c]!;
      if (accept[s]) return true;
    }
    return false;
  }

  /**
   * Adds to `found` the ids of the keywords occurring in a JS string (UTF-16 code units; characters above 0xFF
   * never match, so keywords should be ASCII).
   */
  collect(text: string, found: Set<number>): void {
    if (this.size === 0) return;
    const { classOf, delta, accept, outputs, classes } = this;
    let s = 0;
    for (let i = 0, e = text.length; i < e; i++) {
      const code = charCodeAt.call(text, i);
      const c = code < 256 ? classOf[code]! : 0;
      if (c === IGNORE) continue;
      s = delta[s * classes + c]!;
      if (accept[s]) for (const id of outputs[s]!) found.add(id);
    }
  }

  /** True when any keyword occurs in `data[start, end)`. */
  test(data: Uint8Array, start = 0, end = data.length): boolean {
    if (this.size === 0) return false;
    const { classOf, delta, accept, classes } = this;
    let s = 0;
    for (let i = Math.max(0, start), e = Math.min(end, data.length); i < e; i++) {
      const c = classOf[data[i]!]!;
      if (c === IGNORE) continue;
      s = delta[s * classes + c]!;
      if (accept[s]) return true;
    }
    return false;
  }
}

/** Lowercase ASCII, `_` and `-` removed: the form the automaton compares. */
export function normalizeKeyword(word: string): string {
  return word.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[_-]/g, '');
}
