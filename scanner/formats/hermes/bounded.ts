// Bounds helpers: every read of an offset or count taken from the file goes through these first.

/** True when [offset, offset + length) lies inside `data` (all values are non-negative integers). */
export function fits(data: { length: number }, offset: number, length: number): boolean {
  return Number.isSafeInteger(offset) && Number.isSafeInteger(length) && offset >= 0 && length >= 0 &&
    offset + length <= data.length;
}

/** Rounds up to the 4-byte alignment HBC uses between sections (BYTECODE_ALIGNMENT = alignof(uint32_t)). */
export function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}
