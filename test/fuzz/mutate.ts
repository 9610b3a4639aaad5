// Mutations of real fixtures for property-based fuzzing: byte flips, lying 32-bit fields (huge counts, offsets past
// the end), truncation, insertion and deletion, several at once. fast-check shrinks a failing case to few edits.
import fc from 'fast-check';

export type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'u32'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number };

/** Positions are fractions of the file length, so one arbitrary fits every seed. */
const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const lying = fc.oneof(fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x10000, 0x00ffffff), fc.nat());

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at, value: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('u32' as const), at, value: lying }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, bytes: fc.uint8Array({ maxLength: 64 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 256 }) }) },
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 8 });

export function applyMutations(seed: Buffer, muts: Mutation[]): Buffer {
  let b = Buffer.from(seed);
  for (const m of muts) {
    const i = Math.floor(m.at * b.length);
    switch (m.kind) {
      case 'flip':
        if (b.length) b[i] = m.value;
        break;
      case 'u32':
        // Header fields (counts, offsets, sizes) sit on 4-byte boundaries in every format fuzzed here.
        if (b.length >= 4) b.writeUInt32LE(m.value >>> 0, Math.min(i & ~3, b.length - 4));
        break;
      case 'truncate':
        b = b.subarray(0, i);
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, i), m.bytes, b.subarray(i)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, i), b.subarray(i + m.length)]);
        break;
    }
  }
  return b;
}

/** Runs per property: a few hundred in the normal suite, FUZZ_RUNS for `npm run fuzz`. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS) || 200;
/**
 * `npm run fuzz` with FUZZ_SECONDS: each property runs until FUZZ_RUNS or this many seconds, whichever first
 * (fast-check interrupts between runs; an interrupted property still passes if no counterexample was found).
 */
export const FUZZ_TIME_MS = process.env.FUZZ_SECONDS ? Number(process.env.FUZZ_SECONDS) * 1000 : undefined;
export const fuzzParams = () => ({ numRuns: FUZZ_RUNS, seed: FUZZ_SEED, interruptAfterTimeLimit: FUZZ_TIME_MS, markInterruptAsFailure: false });
/** Seed printed on failure so a run can be replayed with FUZZ_SEED. */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
