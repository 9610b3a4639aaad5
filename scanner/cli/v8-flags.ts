// V8 settings the CLI runs with, set once at start (main.ts) and by scripts/code-cache.mjs before it makes
// Babel's code cache: V8 accepts a code cache only under the flags it was made with.
//
// The inlining budget of one optimised function (bytecode inlined into it, V8's default 920): with the default,
// TurboFan inlines whole call trees into the engine's large per-artifact functions (the checks' visitors, the
// SDK detection, the JS outline), and every deoptimisation of any inlined piece throws the whole function away
// and compiles it again on V8's background threads. On the benchmark IPA those threads took ~5 s of CPU beside
// the main thread's ~6 s — on two cores, most of the second core. A budget of 150 cuts the background CPU by ~1.2 s
// and leaves the main thread as fast (measured in paired runs; README "IPA wall time"). Results do not depend
// on it: inlining changes only how fast the same code runs.
import v8 from 'node:v8';

export const V8_FLAGS: readonly string[] = ['--max-inlined-bytecode-size-cumulative=150'];

let applied = false;

/** Sets V8_FLAGS (once). `RTCSCAN_V8_DEFAULTS=1` leaves V8's defaults (Babel's code cache is then not used). */
export function applyV8Flags(): void {
  if (applied || process.env.RTCSCAN_V8_DEFAULTS === '1') return;
  applied = true;
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
}
