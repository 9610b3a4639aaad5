// `ignore` globs over virtual paths (`club.ipa!/Payload/Club.app/main.jsbundle.map`), for scan({ ignore }).
import { compileGlobs } from './glob.js';

/** A predicate for scan({ ignore }), or undefined when there is nothing to ignore. */
export function ignoreMatcher(patterns: readonly string[]): ((virtualPath: string) => boolean) | undefined {
  if (patterns.length === 0) return undefined;
  // Dot names match (`.git`, `Payload/.hidden`): a virtual path is a path, dots included. Matching is linear
  // (glob.ts), not a backtracking RegExp: the globs and the names may both come from the build under audit.
  return compileGlobs(patterns);
}
