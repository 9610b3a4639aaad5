// `ignore` globs over virtual paths (`club.ipa!/Payload/Club.app/main.jsbundle.map`), for scan({ ignore }).
import picomatch from 'picomatch';

/** A predicate for scan({ ignore }), or undefined when there is nothing to ignore. */
export function ignoreMatcher(patterns: readonly string[]): ((virtualPath: string) => boolean) | undefined {
  if (patterns.length === 0) return undefined;
  // dot: `**` must also cross `.git`-style names and `Payload/.hidden`; a virtual path is a path, dots included.
  return picomatch([...patterns], { dot: true });
}
