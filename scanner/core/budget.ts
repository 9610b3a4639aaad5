// Readers are bounded by what they PRODUCE, not by the size of their input. Hostile files make one string-table
// entry, object reference or attribute stand for megabytes each (a 2 MB DEX of 500,000 string ids naming one
// 256 KB string is 128 GB of strings), so a count from the file times a length from the file must never decide
// memory. Every fact a reader keeps is charged to a FactBudget: its text plus a fixed cost per fact. Past the
// budget the reader stops, keeps what it has, and the engine adds one `<reader>/budget-exceeded` notice.
// The engine gives each artifact the smaller of the per-artifact limit and what is left of the per-scan limit.
import type { Facts, Notice } from './facts.js';

export interface FactLimits {
  /** Bytes of facts one artifact may produce (text characters + FACT_OVERHEAD per fact). */
  artifactBytes: number;
  /** Bytes of facts all artifacts of one scan may produce together. */
  scanBytes: number;
}

/**
 * Defaults: far above real builds (the largest artifact of the samples and of the vendor SDKs on npm produces
 * under 8 MB of facts, a whole IPA under 40 MB), far below what exhausts a 2 GB heap.
 */
export const DEFAULT_FACT_LIMITS: Readonly<FactLimits> = Object.freeze({
  artifactBytes: 64 * 1024 * 1024,
  scanBytes: 1024 * 1024 * 1024,
});

/** What one fact costs besides its text: the object, its position fields and the array slot. */
export const FACT_OVERHEAD = 64;

export class FactBudget {
  private spent = 0;
  private over = false;

  /** `scope` says which limit `limit` came from, for the notice. */
  constructor(
    readonly limit: number,
    readonly scope: 'artifact' | 'scan' = 'artifact',
  ) {}

  /** Charges one fact carrying `chars` characters of text. False once the budget is spent: drop it and stop. */
  take(chars: number): boolean {
    if (this.over) return false;
    const cost = chars + FACT_OVERHEAD;
    if (this.spent + cost > this.limit) {
      this.over = true;
      return false;
    }
    this.spent += cost;
    return true;
  }

  /** Charges one fact whose text is these strings. */
  takeText(a: string | undefined, b?: string, c?: string): boolean {
    return this.take((a?.length ?? 0) + (b?.length ?? 0) + (c?.length ?? 0));
  }

  get exceeded(): boolean {
    return this.over;
  }

  get used(): number {
    return this.spent;
  }

  /** The notice the engine adds once a reader hit this budget. */
  notice(readerId: string, artifact: string): Notice {
    const which = this.scope === 'scan' ? 'what was left of the scan-wide fact limit' : 'the per-artifact fact limit';
    return {
      level: 'warning',
      id: `${readerId}/budget-exceeded`,
      artifact,
      message: `the strings and facts read from this file reached ${which} (${this.limit} bytes); what was read before it is kept, the rest of the file was not read`,
    };
  }
}

/**
 * The budget a reader charges: the engine's, or a fresh per-artifact one when a reader is called directly (call it
 * once per read and pass it down: without an engine budget each call gives a new one).
 */
export function budgetOf(ctx: { budget?: FactBudget }): FactBudget {
  return ctx.budget ?? new FactBudget(DEFAULT_FACT_LIMITS.artifactBytes);
}

/**
 * Logical size of `facts` as the budget counts it: every string a fact carries plus FACT_OVERHEAD per fact
 * (strings shared by several facts count once per fact: checks read each of them). For the scan-wide limit, the
 * amplification property in the fuzz tests, and measurements.
 */
export function factBytes(facts: Facts): number {
  let n = 0;
  const len = (s: string | undefined): number => (s === undefined ? 0 : s.length);
  const pos = (p: { snippet?: string; context?: string }): number => FACT_OVERHEAD + len(p.snippet) + len(p.context);
  // Strings inline (no call per string: an IPA's data files give hundreds of thousands).
  for (const s of facts.strings) {
    n += FACT_OVERHEAD + s.value.length;
    if (s.snippet !== undefined) n += s.snippet.length;
    if (s.context !== undefined) n += s.context.length;
  }
  for (const s of facts.symbols) n += pos(s) + s.name.length;
  for (const l of facts.libraries) n += pos(l) + l.name.length + len(l.version);
  for (const c of facts.config) n += pos(c) + c.key.length + (typeof c.value === 'string' ? c.value.length : 0);
  for (const c of facts.calls) n += pos(c) + c.caller.length + c.callee.length;
  for (const a of facts.apiCalls) n += pos(a) + a.callee.length + JSON.stringify(a.values ?? a.args ?? null).length;
  for (const f of [...facts.flows, ...(facts.flowCandidates ?? [])]) n += FACT_OVERHEAD + f.identifier.length + JSON.stringify(f.sink).length + f.steps.reduce((m, s) => m + pos(s) + s.message.length, 0);
  for (const x of facts.notices) n += FACT_OVERHEAD + x.message.length;
  return n;
}
