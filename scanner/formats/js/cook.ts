// Cooked values of JS string literals and template chunks from their raw text (what Babel reports as `value`).

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };

/**
 * The value of a string/template body given its raw text; undefined for a template with an invalid escape. Plain
 * runs between escapes are copied whole (a worker script inlined as a 640 KB literal was built a character at a
 * time: 640,000 string concatenations per read, most of its CPU in garbage collection).
 */
export function cook(raw: string, template: boolean): string | undefined {
  // A template's raw CR and CRLF are LF (a `\` + CRLF continuation stays a continuation as `\` + LF).
  const text = template && raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('\\')) return text;
  let out = '';
  let run = 0;
  for (let i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', run)) {
    out += text.slice(run, i);
    const e = text[++i];
    if (e === undefined) return out;
    if (e in SIMPLE) out += SIMPLE[e];
    else if (e === '\r') {
      if (text[i + 1] === '\n') i++; // line continuation
    } else if (e === '\n' || e === '\u2028' || e === '\u2029') {
      // line continuation
    } else if (e === 'x') {
      const h = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return template ? undefined : out + text.slice(i - 1);
      out += String.fromCharCode(parseInt(h, 16));
      i += 2;
    } else if (e === 'u') {
      let cp: number;
      if (text[i + 1] === '{') {
        const close = text.indexOf('}', i + 2);
        const h = close > 0 ? text.slice(i + 2, close) : '';
        if (!/^[0-9a-fA-F]{1,6}$/.test(h) || parseInt(h, 16) > 0x10ffff) return template ? undefined : out + text.slice(i - 1);
        cp = parseInt(h, 16);
        i = close;
      } else {
        const h = text.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(h)) return template ? undefined : out + text.slice(i - 1);
        cp = parseInt(h, 16);
        i += 4;
      }
      out += String.fromCodePoint(cp);
    } else if (e === '0' && !/[0-9]/.test(text[i + 1] ?? '')) {
      out += '\0';
    } else if (/[0-7]/.test(e)) {
      if (template) return undefined;
      // Legacy octal escape (sloppy-mode strings).
      const m = /^[0-7]{1,3}/.exec(text.slice(i))![0];
      const oct = parseInt(m, 8) > 255 ? m.slice(0, 2) : m;
      out += String.fromCharCode(parseInt(oct, 8));
      i += oct.length - 1;
    } else out += e;
    run = i + 1;
  }
  return out + text.slice(run);
}
