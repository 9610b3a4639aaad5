// Text from scanned builds made safe for a terminal or CI log line: every control character (C0, DEL, C1), line
// break and bidi/invisible format character becomes a visible escape, so input can neither move the cursor, set a
// title, start a new log line (`::error …`, `##vso[…]`) nor reorder what a reader sees.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function visibleText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
