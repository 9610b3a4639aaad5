// Suspension points of generator bodies compiled by hermesc, paired with where they resume. A resumed generator
// receives what its caller passes to `next(x)`; for an async function — hermesc's own lowering of `async` (the body
// run by HermesBuiltin.spawnAsync) or Babel's `_asyncToGenerator(function* …)`, a generator passed to a call — that
// is the awaited value of what the last `yield` handed out. The model takes `await v` as v, as the JS model does (a
// promise of a vendor object resolves to that object: provenance.ts treats a non-delegate `yield` in a generator
// passed to a call as an await). Two compiled forms:
// - native generator instructions (bytecode up to v96): `SaveGenerator L; Ret v` suspends handing out v,
//   `L: ResumeGenerator d, isReturn` resumes with the sent value in d (isReturn: `gen.return(x)` was called);
// - hermesc's generator lowering (v98+): the body is a state machine over a slot of its closure environment (the
//   one CreateGenerator gave it). Entry loads the slot and dispatches on it (`JStrictEqual L_i, i, state`, or a
//   SwitchImm; the last state falls through); a suspension stores the next state i and returns
//   `{value: v, done: false}`; the sent value is parameter 2 (parameter 1 is the action: next, throw, return).
//   The resume slot is the one compared with the initial state 0 (the generator's status slot is compared with
//   "executing" and "completed" only).
// Also what the generator returns (`return v` — native: a Ret that is no suspension; lowered: `{value: v, done:
// true}`), except on the paths that only answer `gen.return(x)` / `gen.throw(x)` (the protocol paths: taken when the
// action or isReturn says so), where the sent value is handed back.
// Generic over the walk's register value V (scanner/formats/hermes/model.ts): this module keeps the pairing, the walk
// keeps registers. Offsets are absolute (file offsets of instructions).

/** A resume-slot key: an environment (an object, compared by identity) and a slot index. */
interface SlotKey {
  env: object;
  slot: number;
}

/** Per generator body, what the walks learnt (kept across rounds: the code does not change). */
interface Body<V> {
  /** Lowered form: per resume-slot key, state number → the offset its dispatch jumps to. */
  cases: Map<object, Map<number, Map<number, number>>>;
  /** Lowered form: per resume-slot key, where the dispatch falls through (the last state's block). */
  fallThrough: Map<object, Map<number, number>>;
  /** Keys compared with state 0: resume slots. */
  resumeSlots: Map<object, Set<number>>;
  /** Resume offset → (suspending Ret's offset → value handed out). Native: the ResumeGenerator; lowered: the block. */
  awaited: Map<number, Map<number, V>>;
  /** Offsets where the lowered form resumes (jump targets and fall-throughs that have an awaited value). */
  resumeAt: Set<number>;
  /** Blocks entered only to answer `gen.return(x)` / `gen.throw(x)`. */
  protocol: Set<number>;
}

const MAX_PER_POINT = 8;

export class Suspensions<V, R> {
  /** Generator bodies (made by CreateGenerator) → the function that made them (its closure is what is called). */
  private wrapperOf = new Map<number, number>();
  private wrappers = new Set<number>();
  /** Functions passed as the first argument of a call (`_asyncToGenerator(f)`, `spawnAsync(f, this, args)`). */
  private passed = new Set<number>();
  private bodies = new Map<number, Body<V>>();
  /** What each generator body returns, by its wrapper (what `add` made of the values handed to `returned`). */
  private returns = new Map<number, R[]>();
  // The walked function (when it is a generator body) and its block state.
  private body: Body<V> | undefined;
  private fn = -1;
  private stateEnv: object | undefined;
  private pendingSave: number | undefined;
  private pendingStates: { key: SlotKey; state: number }[] = [];
  private inProtocol = false;
  private tags = new WeakMap<object, SlotKey>();

  reset(): void {
    this.wrapperOf.clear();
    this.wrappers.clear();
    this.passed.clear();
    this.bodies.clear();
    this.returns.clear();
    this.body = undefined;
    this.stateEnv = undefined;
    this.tags = new WeakMap();
  }

  /** CreateGenerator in `wrapper` makes `body`. */
  created(wrapper: number, body: number): void {
    if (this.wrapperOf.has(body)) return;
    this.wrapperOf.set(body, wrapper);
    this.wrappers.add(wrapper);
  }
  /** `f` is passed as the first argument of a call. */
  passedToCall(f: number): void {
    this.passed.add(f);
  }
  /** A generator body whose generator is run by a call it was passed to (an async function's body). */
  isAsyncBody(fn: number): boolean {
    const w = this.wrapperOf.get(fn);
    return w !== undefined && this.passed.has(w);
  }
  /** A function that makes a generator body (its closure is what `_asyncToGenerator` / `spawnAsync` get). */
  isWrapper(f: number): boolean {
    return this.wrappers.has(f);
  }
  /** What the generator a wrapper makes returns (a live list: filled as the walks meet its returns). */
  returnsOf(wrapper: number): R[] {
    let l = this.returns.get(wrapper);
    if (!l) this.returns.set(wrapper, (l = []));
    return l;
  }

  /** A walk of function `fn` begins (stateEnv: the environment its closure captured). True: a generator body. */
  begin(fn: number, stateEnv: object | undefined): boolean {
    this.fn = fn;
    this.pendingSave = undefined;
    this.pendingStates.length = 0;
    this.inProtocol = false;
    if (!this.wrapperOf.has(fn)) {
      this.body = undefined;
      return false;
    }
    let b = this.bodies.get(fn);
    if (!b) this.bodies.set(fn, (b = { cases: new Map(), fallThrough: new Map(), resumeSlots: new Map(), awaited: new Map(), resumeAt: new Set(), protocol: new Set() }));
    this.body = b;
    this.stateEnv = stateEnv;
    return true;
  }

  /** A block starts at `at` (a jump target, or code after a Ret/Throw/jump). */
  blockStart(at: number): void {
    this.pendingSave = undefined;
    this.pendingStates.length = 0;
    this.inProtocol = this.body?.protocol.has(at) ?? false;
  }

  /** Lowered form: true when the state `at` resumes gets an awaited value (the walk then calls `awaitedAt`). */
  resumesAt(at: number): boolean {
    return this.body !== undefined && this.body.resumeAt.has(at);
  }

  /** What the suspensions resuming at `at` handed out (one value, or several for the walk to combine). */
  awaitedAt(at: number): V[] | undefined {
    if (!this.body || !this.isAsyncBody(this.fn)) return undefined;
    const m = this.body.awaited.get(at);
    return m && m.size ? [...m.values()] : undefined;
  }

  /**
   * A load of slot `slot` of environment `env` into a register: when it may be the resume state (the body's own
   * closure environment), the walk tags a fresh value with it (`tag`) so a comparison can name the slot.
   */
  mayBeState(env: object | undefined): boolean {
    return this.body !== undefined && env !== undefined && env === this.stateEnv;
  }
  tag(v: object, env: object, slot: number): void {
    this.tags.set(v, { env, slot });
  }

  /** `JStrictEqual target, a, b`: a dispatch on the resume state (`n`: the other side's number) or on the action. */
  compare(a: object, b: object, na: number | undefined, nb: number | undefined, target: number, next: number, actionSide: boolean): void {
    const body = this.body;
    if (!body) return;
    // Only the lowered form has an action parameter (a native body's parameter 1 is the function's own).
    if (actionSide) {
      if (body.resumeSlots.size) body.protocol.add(target);
      return;
    }
    const ka = this.tags.get(a);
    const key = ka ?? this.tags.get(b);
    const n = ka ? nb : na;
    if (!key || n === undefined) return;
    this.addCase(body, key, n, target);
    let ft = body.fallThrough.get(key.env);
    if (!ft) body.fallThrough.set(key.env, (ft = new Map()));
    ft.set(key.slot, next);
  }
  /** SwitchImm on the resume state: cases min… (target -1: none), the default where the rest go. */
  switchOn(v: object, min: number, targets: number[], dflt: number): void {
    const body = this.body;
    const key = body ? this.tags.get(v) : undefined;
    if (!body || !key) return;
    for (let i = 0; i < targets.length; i++) if (targets[i]! >= 0) this.addCase(body, key, min + i, targets[i]!);
    let ft = body.fallThrough.get(key.env);
    if (!ft) body.fallThrough.set(key.env, (ft = new Map()));
    ft.set(key.slot, dflt);
  }
  private addCase(body: Body<V>, key: SlotKey, n: number, target: number): void {
    let byEnv = body.cases.get(key.env);
    if (!byEnv) body.cases.set(key.env, (byEnv = new Map()));
    let bySlot = byEnv.get(key.slot);
    if (!bySlot) byEnv.set(key.slot, (bySlot = new Map()));
    if (!bySlot.has(n)) bySlot.set(n, target);
    if (n === 0) {
      let s = body.resumeSlots.get(key.env);
      if (!s) body.resumeSlots.set(key.env, (s = new Set()));
      s.add(key.slot);
    }
  }

  /** A store of number `n` into slot `slot` of `env` (lowered form: the next state, when it is the resume slot). */
  stored(env: object, slot: number, n: number): void {
    if (this.body && env === this.stateEnv && this.pendingStates.length < 4) this.pendingStates.push({ key: { env, slot }, state: n });
  }
  /** SaveGenerator `resume` (native form): the next Ret suspends, resuming at `resume`. */
  save(resume: number): void {
    if (this.body) this.pendingSave = resume;
  }

  /**
   * A Ret at `at` returning `ret`; `literal`: when ret is an object literal with a boolean `done`, its `value` and
   * `done` (lowered form). Records a suspension's value at its resume point, or what the generator returns.
   */
  returned(at: number, ret: V, literal: { value: V; done: boolean } | undefined, add: (list: R[], v: V) => void): void {
    const body = this.body;
    if (!body) return;
    if (this.pendingSave !== undefined) {
      this.handOut(body, this.pendingSave, at, ret);
      this.pendingSave = undefined;
      return;
    }
    if (literal && !literal.done) {
      for (const { key, state } of this.pendingStates) {
        if (!body.resumeSlots.get(key.env)?.has(key.slot)) continue;
        const target = body.cases.get(key.env)?.get(key.slot)?.get(state) ?? body.fallThrough.get(key.env)?.get(key.slot);
        if (target === undefined) continue;
        this.handOut(body, target, at, literal.value);
        body.resumeAt.add(target);
      }
      this.pendingStates.length = 0;
      return;
    }
    if (this.inProtocol) return;
    const w = this.wrapperOf.get(this.fn);
    if (w === undefined) return;
    if (literal) add(this.returnsOf(w), literal.value);
    // Native form: a Ret that suspends nothing is a `return` (hermesc writes CompleteGenerator before it).
    else if (!body.resumeSlots.size) add(this.returnsOf(w), ret);
  }
  private handOut(body: Body<V>, resume: number, at: number, v: V): void {
    let m = body.awaited.get(resume);
    if (!m) body.awaited.set(resume, (m = new Map()));
    if (m.size < MAX_PER_POINT || m.has(at)) m.set(at, v);
  }
  /** Native form: `JmpTrue target, isReturn` after a ResumeGenerator leads to a protocol path. */
  protocolPath(target: number): void {
    this.body?.protocol.add(target);
  }
}
