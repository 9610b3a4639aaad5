// A DEX call site as the model keeps it. The model outlives its build (the checks read it), so every call site is
// copied twice by V8's young-generation collections before it settles in old space; keeping them was ~30% of a
// warm build of the benchmark dex. Here a call keeps only what is its own (receiver, arguments, position, resultTo)
// and refers to what it shares: the invoked method's names (the reader's method reference) and the calling method's index
// and name (one record per method). The other ModelCall fields are getters on the prototype, so the checks read
// the same values; JSON (`toJSON`) and the copy that crosses to another thread (`plainCall`) are the plain object
// the model made before, key for key in the same order.
import type { CodeModel, ModelCall, ModelValue, Receiver } from '../../model/types.js';
import type { DexMethodRef } from './tables.js';

/**
 * What every call of one invoked method shares: its names (the reader's method reference, where they are made once
 * per method id and file), and nothing of the model build's per-callee state (a call site that referred to that
 * would keep it alive with the model).
 */
export type CalleeNames = Pick<DexMethodRef, 'callee' | 'name' | 'cls' | 'signature' | 'full'>;

/** What every call made by one method shares. */
export interface CallerNames {
  /** Index into CodeModel.functions. */
  fn: number;
  /** The method's full name (`Lcom/app/Call;->join(…)V`). */
  context: string;
}

/** The `at` of a DexCall (`length` below 16: an invoke instruction's bytes). */
export function callPosition(offset: number, length: number, construct: boolean): number {
  return offset * 32 + length * 2 + (construct ? 1 : 0);
}

export class DexCall implements ModelCall {
  constructor(
    readonly caller: CallerNames,
    readonly site: CalleeNames,
    public receiver: Receiver,
    public args: ModelValue[],
    /**
     * Offset, length and construct in one number (`offset * 32 + length * 2 + construct`; an invoke is 6 bytes): two
     * fields fewer per kept call site (2.6 MB of 161,356 on the benchmark dex that every young-generation collection
     * of the build copies). Exact for files up to 2^48 bytes.
     */
    private readonly at: number,
    public resultTo: string | undefined,
  ) {}

  get offset(): number {
    return Math.floor(this.at / 32);
  }
  get length(): number {
    return (this.at % 32) >> 1;
  }
  get construct(): true | undefined {
    return this.at % 2 === 1 ? true : undefined;
  }

  get fn(): number {
    return this.caller.fn;
  }
  get callee(): string {
    return this.site.callee;
  }
  get method(): string {
    return this.site.name;
  }
  get receiverType(): string {
    return this.site.cls;
  }
  get signature(): string {
    return this.site.signature;
  }
  get context(): string {
    return this.caller.context;
  }
  get snippet(): string {
    return this.site.full;
  }

  toJSON(): ModelCall {
    return plainCall(this);
  }
}

/** The call as the plain object the model made before DexCall (same keys, same order, undefined ones included). */
export function plainCall(c: DexCall): ModelCall {
  return {
    fn: c.fn,
    callee: c.callee,
    method: c.method,
    receiverType: c.receiverType,
    signature: c.signature,
    receiver: c.receiver,
    args: c.args,
    offset: c.offset,
    length: c.length,
    context: c.context,
    snippet: c.snippet,
    construct: c.construct,
    resultTo: c.resultTo,
  };
}

/**
 * The model with its DEX call sites as plain objects, for a structured clone (a worker's answer): a clone keeps
 * own data properties only, so a DexCall would arrive without its getters. Other models are returned as they are.
 */
export function withPlainCalls(model: CodeModel): CodeModel {
  const calls = model.calls;
  if (!calls.some((c) => c instanceof DexCall)) return model;
  const out = new Array<ModelCall>(calls.length);
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i]!;
    out[i] = c instanceof DexCall ? plainCall(c) : c;
  }
  return { ...model, calls: out };
}
