// `--shard i/n`: split one audit across the machines of a CI matrix. Shard i (1-based) takes the bundles whose
// index in the name-sorted bundle list is ≡ i-1 (mod n). Round-robin over the sorted list balances the shards
// to within one bundle; the price is that adding a bundle can move others to another shard, which only matters
// when shards of different runs are compared (they are not: each run merges its own shards).

export interface Shard {
  index: number; // 1-based
  count: number;
}

/** Parses `i/n`; returns an error message instead of throwing so the CLI can word it. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  if (!m) return `--shard takes i/n, e.g. 2/4, not ${JSON.stringify(text)}`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return `--shard ${text}: need 1 ≤ i ≤ n`;
  return { index, count };
}

/** The items of one shard, in their original order. `items` must already be sorted the same way on every machine. */
export function selectShard<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}
