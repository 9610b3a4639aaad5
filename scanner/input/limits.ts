// Bounds on what one scan may read. Hostile archives (zip bombs, nested bombs, millions of entries) hit these
// limits and are reported as notifications instead of exhausting memory or time.

export interface InputLimits {
  /** Largest single member (uncompressed) read into memory, in bytes. */
  maxEntryBytes: number;
  /** Total uncompressed bytes read from one top-level input, in bytes. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio accepted for members over `ratioFloorBytes`. */
  maxCompressionRatio: number;
  /** Members smaller than this are exempt from the ratio limit (tiny files compress absurdly well). */
  ratioFloorBytes: number;
  /** How deep archives may nest inside archives (the top-level archive is depth 1). */
  maxDepth: number;
  /** Entries listed per archive, and files listed per directory tree. */
  maxEntries: number;
}

export const DEFAULT_LIMITS: Readonly<InputLimits> = Object.freeze({
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxDepth: 4,
  maxEntries: 200_000,
});

/** Parses sizes like `256MB`, `4GiB`, `1024` (bytes). Returns undefined when the text is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.floor(Number(m[1]) * unit);
}
