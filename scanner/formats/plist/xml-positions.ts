// Best-effort line numbers for keys of an XML plist. The plist library returns plain objects, so each key path
// is found again in the text: the `<key>` of its last segment, searched forward from the previous hit, which
// follows document order for the usual plist layout.

/** A key's line, or its byte offset (one of the two), or nothing when it is not found. */
export type KeyPosition = { line: number; offset?: undefined } | { offset: number; line?: undefined } | { line?: undefined; offset?: undefined };

/**
 * With `byteBase` set, positions are byte offsets (`byteBase` + UTF-8 offset in `text`), for plists embedded in
 * a binary artifact; otherwise 1-based lines.
 */
export function xmlKeyLocator(text: string, byteBase?: number): (key: string, last: string) => KeyPosition {
  let cursor = 0;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const pos = (index: number): KeyPosition =>
    byteBase === undefined ? { line: lineOf(index) } : { offset: byteBase + Buffer.byteLength(text.slice(0, index)) };
  return (_key, last) => {
    const needle = `<key>${escapeXml(last)}</key>`;
    const at = text.indexOf(needle, cursor);
    if (at >= 0) {
      cursor = at + needle.length;
      return pos(at);
    }
    // Out of document order (array items share their array's key, integer-like keys are reordered by JS):
    // take the first occurrence without moving the cursor.
    const anywhere = text.indexOf(needle);
    return anywhere >= 0 ? pos(anywhere) : {};
  };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
