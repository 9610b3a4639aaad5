// Cooked values of JS string literals and template chunks from their raw text (what Babel reports as `value`).

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };

/** The value of a string/template body given its raw text; undefined for a template with an invalid escape. */
export function cook(raw: string, template: boolean): string | undefined {
  if (!raw.includes('\\')) return template ? raw.replace(/\r\n?/g, '\n') : raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      if (template && c === '\r') {
        out += '\n';
        if (raw[i + 1] === '\n') i++;
      } else out += c;
      continue;
    }
    const e = raw[++i];
    if (e === undefined) break;
    if (e in SIMPLE) out += SIMPLE[e];
    else if (e === '\r') {
      if (raw[i + 1] === '\n') i++; // line continuation
    } else if (e === '\n' || e === '\u2028' || e === '\u2029') {
      // line continuation
    } else if (e === 'x') {
      const h = raw.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return template ? undefined : out + raw.slice(i - 1);
      out += String.fromCharCode(parseInt(h, 16));
      i += 2;
    } else if (e === 'u') {
      let cp: number;
      if (raw[i + 1] === '{') {
        const close = raw.indexOf('}', i + 2);
        const h = close > 0 ? raw.slice(i + 2, close) : '';
        if (!/^[0-9a-fA-F]{1,6}$/.test(h) || parseInt(h, 16) > 0x10ffff) return template ? undefined : out + raw.slice(i - 1);
        cp = parseInt(h, 16);
        i = close;
      } else {
        const h = raw.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(h)) return template ? undefined : out + raw.slice(i - 1);
        cp = parseInt(h, 16);
        i += 4;
      }
      out += String.fromCodePoint(cp);
    } else if (e === '0' && !/[0-9]/.test(raw[i + 1] ?? '')) {
      out += '\0';
    } else if (/[0-7]/.test(e)) {
      if (template) return undefined;
      // Legacy octal escape (sloppy-mode strings).
      const m = /^[0-7]{1,3}/.exec(raw.slice(i))![0];
      const oct = parseInt(m, 8) > 255 ? m.slice(0, 2) : m;
      out += String.fromCharCode(parseInt(oct, 8));
      i += oct.length - 1;
    } else out += e;
  }
  return out;
}
