// HTML escaping for the report. Everything that reaches the page came out of the scanned bundle or was built from
// it, so all of it is hostile text: escape every character that can end a text node or an attribute value.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text safe in element content and in quoted attribute values. C0 controls (except tab/newline) become U+FFFD. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/[&<>"'`]/g, (c) => ENTITIES[c])
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}

/** Tagged template: interpolations are escaped unless they are `Raw` (already-built HTML). */
export class Raw {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return new Raw(out);
}

function piece(v: unknown): string {
  if (v instanceof Raw) return v.html;
  if (Array.isArray(v)) return v.map(piece).join('');
  if (v === undefined || v === null || v === false) return '';
  return esc(v);
}

export function join(parts: Raw[], sep = ''): Raw {
  return new Raw(parts.map((p) => p.html).join(sep));
}
