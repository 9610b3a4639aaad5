// HTML escaping for the report. Everything that reaches the page came out of the scanned bundle or was built from
// it, so all of it is hostile text: escape every character that can end a text node or an attribute value.

import { oneLine } from './escape.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Text safe in element content and in quoted attribute values. Controls, bidi overrides and other invisible
 * characters are written visibly (`\x1b`, `\u202e`) by the same layer as the terminal reports (./escape.ts).
 */
export function esc(value: unknown): string {
  return oneLine(value).replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
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
