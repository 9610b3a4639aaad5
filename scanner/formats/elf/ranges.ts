// File-range arithmetic for the string scans.

/** Union of section file ranges: crafted headers may repeat or overlap sections, each byte is scanned once. */
export function mergeRanges(sections: Array<{ offset: number; size: number }>): Array<{ start: number; end: number }> {
  const sorted = sections.map((s) => ({ start: s.offset, end: s.offset + s.size })).sort((a, b) => a.start - b.start);
  const out: Array<{ start: number; end: number }> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}
