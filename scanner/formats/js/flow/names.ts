// Matches program names (variables, parameters, properties) against the identifier vocabulary (rules/vocabulary.yaml).
import type { Vocabulary } from '../../../rules/vocabulary.js';

export interface VocabMatch {
  /** The vocabulary entry's name, e.g. `userId`. */
  entry: string;
  designates: Vocabulary['identifiers'][number]['designates'];
}

/** Splits `strRoomId`, `user_id`, `USER-ID`, `remoteUID` into lowercase words. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** Vocabulary normal form: case-insensitive, `_` and `-` ignored (as rules/vocabulary.ts documents). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface NameMatcher {
  match(name: string): VocabMatch | undefined;
}

/**
 * A name matches when its normal form equals a vocabulary name, or when its trailing camelCase/snake words do
 * (`remoteUid`, `strRoomId`, `localUserId`). Whole words only, so `fluid` never matches `uid`.
 */
export function nameMatcher(vocabulary: Vocabulary): NameMatcher {
  const byNorm = new Map<string, VocabMatch>();
  for (const id of vocabulary.identifiers) {
    const norm = normalizeName(id.name);
    if (norm && !byNorm.has(norm)) byNorm.set(norm, { entry: id.name, designates: id.designates });
  }
  const cache = new Map<string, VocabMatch | null>();
  return {
    match(name: string): VocabMatch | undefined {
      if (name.length === 0 || name.length > 80) return undefined;
      const hit = cache.get(name);
      if (hit !== undefined) return hit ?? undefined;
      let found = byNorm.get(normalizeName(name));
      if (!found) {
        const words = splitWords(name);
        for (let i = 1; i < words.length && !found; i++) found = byNorm.get(words.slice(i).join(''));
      }
      if (cache.size < 50_000) cache.set(name, found ?? null);
      return found;
    },
  };
}

/** An English plural's singular, as REST paths write them (`users`, `classes`, `boxes`, `devices`); else the word. */
export function singular(word: string): string {
  return word.replace(/(?:(?<=ss|x|z|ch|sh)es|(?<!s)s)$/, '');
}
