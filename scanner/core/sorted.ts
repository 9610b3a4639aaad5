// Range questions over a sorted list of offsets (word occurrences, marker positions).

/** True when some offset of the ascending list `xs` lies in `[start, end)` (binary search). */
export function anyInRange(xs: ArrayLike<number>, start: number, end: number): boolean {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < xs.length && xs[lo]! < end;
}
