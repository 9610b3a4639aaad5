// Text or binary? Looks at the first few KiB: NUL bytes or many control characters mean binary.

export function looksLikeText(head: Buffer): boolean {
  const n = Math.min(head.length, 8192);
  if (n === 0) return true;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / n < 0.02;
}
