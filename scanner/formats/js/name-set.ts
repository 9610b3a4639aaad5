// The set of names an outline has kept (outline.ts addName), keyed by where each name stands in the text: a name is
// hashed and compared in place, character by character, and sliced into a string only the first time it is seen.
// A Set<string> needed a fresh string per lookup (a slice of the text, then its hash): on a minified bundle most
// member and key names repeat, and those lookups were the outline's largest single cost.

const EMPTY = -1;

export class NameSet {
  // Open addressing, linear probing: the start offset of each kept name (EMPTY where free), its length, its hash.
  private starts: Int32Array;
  private lengths: Int32Array;
  private hashes: Int32Array;
  private mask: number;
  private size = 0;

  constructor(private readonly code: string) {
    // Sized for the text (a minified bundle keeps about one name per 200 characters) so that few grow.
    let capacity = 1024;
    while (capacity < code.length / 64 && capacity < 1 << 20) capacity *= 2;
    this.starts = new Int32Array(capacity).fill(EMPTY);
    this.lengths = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /**
   * Adds the name `code[start, end)`; true when it was not in the set. A name spelled with an escape (`\u0061`) is
   * never added (false): the parser decodes those.
   */
  add(start: number, end: number): boolean {
    const code = this.code;
    let h = 0;
    for (let k = start; k < end; k++) {
      const c = code.charCodeAt(k);
      if (c === 92) return false;
      h = (Math.imul(h, 31) + c) | 0;
    }
    const length = end - start;
    const { starts, lengths, hashes, mask } = this;
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const at = starts[slot]!;
      if (at === EMPTY) break;
      if (hashes[slot] === h && lengths[slot] === length && this.same(at, start, length)) return false;
      slot = (slot + 1) & mask;
    }
    starts[slot] = start;
    lengths[slot] = length;
    hashes[slot] = h;
    if (++this.size * 2 > mask) this.grow();
    return true;
  }

  private same(a: number, b: number, length: number): boolean {
    const code = this.code;
    for (let k = 0; k < length; k++) if (code.charCodeAt(a + k) !== code.charCodeAt(b + k)) return false;
    return true;
  }

  private grow(): void {
    const { starts, lengths, hashes } = this;
    const capacity = starts.length * 2;
    const mask = capacity - 1;
    const s = new Int32Array(capacity).fill(EMPTY);
    const l = new Int32Array(capacity);
    const h = new Int32Array(capacity);
    for (let i = 0; i < starts.length; i++) {
      if (starts[i] === EMPTY) continue;
      let slot = (hashes[i]! ^ (hashes[i]! >>> 15)) & mask;
      while (s[slot] !== EMPTY) slot = (slot + 1) & mask;
      s[slot] = starts[i]!;
      l[slot] = lengths[i]!;
      h[slot] = hashes[i]!;
    }
    this.starts = s;
    this.lengths = l;
    this.hashes = h;
    this.mask = mask;
  }
}
