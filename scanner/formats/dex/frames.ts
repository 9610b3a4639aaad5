// Register states of the DEX interpreter (model.ts) as rows of slot ids in one Int32Array arena: the current state
// and every pending branch target's state are rows; the slots themselves sit in a table of the method being walked.
// Copying or merging a state moves integers, so a walk allocates nothing per branch or per method entry, and the
// garbage collector never scans the states.

export class Frames<S> {
  private a = new Int32Array(1 << 14);
  private top = 0;
  private readonly free: number[] = [];
  /** Registers of the method being walked (the row width). */
  width = 0;
  /** Slots by id; id 0 is "nothing known". */
  private readonly slots: Array<S | undefined> = [undefined];
  private n = 1;

  /**
   * Starts a method: every row and slot id of the previous one is forgotten, and its slots are let go (kept in the
   * table, a method's short-lived slots outlived it: each young-generation collection copied them, then promoted them).
   */
  begin(width: number): void {
    this.width = width;
    this.top = 0;
    this.free.length = 0;
    this.slots.fill(undefined, 1, this.n);
    this.n = 1;
  }

  /** A new id for a slot (0 for none). */
  id(s: S | undefined): number {
    if (s === undefined) return 0;
    const k = this.n++;
    this.slots[k] = s;
    return k;
  }

  slot(id: number): S | undefined {
    return this.slots[id];
  }

  /** The slot register `r` of row `f` holds; `r` must be below the width. */
  read(f: number, r: number): S | undefined {
    return this.slots[this.a[f + r]!];
  }

  readId(f: number, r: number): number {
    return this.a[f + r]!;
  }

  writeId(f: number, r: number, id: number): void {
    this.a[f + r] = id;
  }

  /** A row with every register unknown. */
  fresh(): number {
    const f = this.alloc();
    this.a.fill(0, f, f + this.width);
    return f;
  }

  /** A copy of row `from`. */
  copy(from: number): number {
    const f = this.alloc();
    this.a.copyWithin(f, from, from + this.width);
    return f;
  }

  /** Row `f` is no longer used (its space serves the next row). */
  release(f: number): void {
    this.free.push(f);
  }

  private alloc(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    const f = this.top;
    this.top += this.width;
    if (this.top > this.a.length) {
      const grown = new Int32Array(Math.max(this.a.length * 2, this.top));
      grown.set(this.a);
      this.a = grown;
    }
    return f;
  }
}
