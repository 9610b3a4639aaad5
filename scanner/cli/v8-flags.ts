// V8 settings the CLI runs with, set once before the commands' code loads (main.ts) and by scripts/code-cache.mjs before it makes
// Babel's code cache: V8 accepts a code cache only under the flags it was made with.
//
// The inlining budget of one optimised function (bytecode inlined into it, V8's default 920): with the default,
// TurboFan inlines whole call trees into the engine's large per-artifact functions (the checks' visitors, the
// SDK detection, the JS outline), and every deoptimisation of any inlined piece throws the whole function away
// and compiles it again on V8's background threads. On the benchmark IPA those threads took ~5 s of CPU beside
// the main thread's ~6 s — on two cores, most of the second core. A budget of 150 cuts the background CPU by ~1.2 s
// and leaves the main thread as fast (measured in paired runs; README "IPA wall time"). Results do not depend
// on it: inlining changes only how fast the same code runs.
//
// The interrupt budget (bytecode a function runs before V8 considers optimising it; default 67,584): with the
// default, TurboFan compiled ~770 functions in a scan of the benchmark IPA, ~2.7–3.3 s of CPU on the background
// threads — a third of the process's CPU, on a second core that the main thread needs on a 2-core machine.
// Most of them were warm, not hot: run a few thousand times and then left (each format's reader, the checks'
// per-format paths, Babel's rarely used productions). At 600,000 only the hot loops reach TurboFan: the
// compiler's CPU fell to ~1 s, the process's by 12–16%, for ~0.3 s more on the main thread, whose warm code now
// runs in the baseline tier (paired runs, README "IPA wall time, branch ipa4"); 250,000–350,000 compiled more
// for little main-thread gain, 900,000 and more left hot code in the baseline tier too long.
// node:v8 is loaded when the flags are set, not when this module is: it pulls in ~10 of Node's internal modules
// (heap snapshots, serialisation, promise hooks; ~5 ms), which `rtcscan --version` and `--help` do not need.
import { createRequire } from 'node:module';

const requireBuiltin = createRequire(import.meta.url);

export const V8_FLAGS: readonly string[] = ['--max-inlined-bytecode-size-cumulative=150', '--interrupt-budget=600000'];

let applied = false;

/** Sets V8_FLAGS (once). `RTCSCAN_V8_DEFAULTS=1` leaves V8's defaults (Babel's code cache is then not used). */
export function applyV8Flags(): void {
  if (applied || process.env.RTCSCAN_V8_DEFAULTS === '1') return;
  applied = true;
  const v8 = requireBuiltin('node:v8') as typeof import('node:v8');
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
}
