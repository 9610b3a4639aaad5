// Who parses a script-lane member: one Int32 slot per member of an archive, on memory shared by the main thread and
// the lane's worker (engine/script-lane.ts, engine/script-worker.ts). 0 while nobody does; the first thread to
// compare-and-swap its mark in owns it — the worker just before it parses, or the main thread when it would
// otherwise wait for the worker (it then reads the member itself). Neither waits for the other to decide.
export const CLAIMED_BY_WORKER = 1;
export const CLAIMED_BY_MAIN = 2;

/** Claims `slot` for `by`; false when the other thread has it. */
export function claim(claims: Int32Array, slot: number, by: typeof CLAIMED_BY_WORKER | typeof CLAIMED_BY_MAIN): boolean {
  return Atomics.compareExchange(claims, slot, 0, by) === 0;
}
