// A Vue single-file component (.vue, and uni-app's .nvue pages: the same SFC syntax rendered natively): its <script> blocks (`<script>`, `<script setup>`, `lang="ts"`) are the
// component's JavaScript or TypeScript; the template and styles are markup. The script view keeps every character
// position — what lies outside the script blocks becomes spaces, newlines stay — so the lines and columns of calls
// and literals are the .vue file's own. The markup view is the complement (script blocks blanked), for the text
// scan of the template (hosts in attributes, <img src>).

const SCRIPT_BLOCK = /<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi;

export function isVueSfc(path: string): boolean {
  return /\.n?vue$/i.test(path);
}

/** Every character not kept becomes a space; line breaks stay so positions do not move. */
function blankOutside(text: string, keep: ReadonlyArray<readonly [number, number]>, invert: boolean): string {
  const out: string[] = [];
  let at = 0;
  const push = (from: number, to: number, kept: boolean) => {
    if (to <= from) return;
    const part = text.slice(from, to);
    out.push(kept ? part : part.replace(/[^\n\r]/g, ' '));
  };
  for (const [s, e] of keep) {
    push(at, s, invert);
    push(s, e, !invert);
    at = e;
  }
  push(at, text.length, invert);
  return out.join('');
}

/** The spans of the script blocks' contents (between `<script …>` and `</script>`). */
function scriptSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(SCRIPT_BLOCK)) {
    const start = m.index! + m[0].indexOf('>') + 1;
    spans.push([start, start + m[1]!.length]);
  }
  return spans;
}

/** The component's code with the markup blanked; undefined when it has no script block. */
export function vueScriptView(text: string): string | undefined {
  const spans = scriptSpans(text);
  return spans.length ? blankOutside(text, spans, false) : undefined;
}

/** The component's markup with the script blocks blanked. */
export function vueMarkupView(text: string): string {
  return blankOutside(text, scriptSpans(text), true);
}
