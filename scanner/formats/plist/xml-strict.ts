// A strict reader for the XML property lists Xcode and `plutil` write: the same value `plist`'s parse (xmldom)
// gives, without a DOM, for the documents it can vouch for. Anything outside that narrow shape — comments, CDATA,
// attributes other than `<plist version>`, unknown tags or entities, CR line breaks, control characters, U+FFFD,
// a BOM, keys and values out of alternation — returns undefined and goes the validated xmldom way, which decides
// about notices. The benchmark IPA's 1,334 small plists cost ~0.4 s of cold CPU through fast-xml-parser's
// validator and xmldom; most real plists are this shape.

/** Nesting past this goes the general way (which bounds it itself). */
const MAX_DEPTH = 200;

const DECL = /<\?xml\s+version="1\.[0-9]"(?:\s+encoding="[A-Za-z][A-Za-z0-9._-]*")?(?:\s+standalone="(?:yes|no)")?\s*\?>/y;
const DOCTYPE = /<!DOCTYPE\s+plist\s+PUBLIC\s+"[^"<>[\]]*"\s+"[^"<>[\]]*"\s*>/y;
const PLIST_OPEN = /<plist(?:\s+version="1\.0")?\s*>/y;
/**
 * Text the reader takes as is: no markup, no entity, no CR, no control character, no U+FFFD/U+FFFE/U+FFFF, and no
 * U+0085 or U+2028 (xmldom turns them into line feeds).
 */
const PLAIN_TEXT = /^[^<&\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u0085\u2028\ufffd\ufffe\uffff]*$/;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class Unsure extends Error {}
const unsure = (): never => {
  throw new Unsure();
};

/** The value of an XML plist, or undefined when the document is not one this reader vouches for. */
export function parseStrictPlistXml(text: string): unknown {
  try {
    return new StrictPlist(text).document();
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}

class StrictPlist {
  private i = 0;
  constructor(private readonly s: string) {}

  document(): unknown {
    if (this.s.startsWith('<?xml')) this.sticky(DECL);
    this.space();
    if (this.s.startsWith('<!', this.i)) {
      this.sticky(DOCTYPE);
      this.space();
    }
    this.sticky(PLIST_OPEN);
    const items: unknown[] = [];
    for (;;) {
      this.space();
      if (this.s.startsWith('</plist>', this.i)) break;
      items.push(this.value(0));
    }
    this.i += '</plist>'.length;
    this.space();
    if (this.i !== this.s.length) unsure();
    // As `plist`: the root's children are an array, unwrapped when there is exactly one.
    return items.length === 1 ? items[0] : items;
  }

  private sticky(re: RegExp): void {
    re.lastIndex = this.i;
    if (!re.test(this.s)) unsure();
    this.i = re.lastIndex;
  }

  private space(): void {
    const s = this.s;
    let i = this.i;
    for (let c = s.charCodeAt(i); c === 32 || c === 10 || c === 9; c = s.charCodeAt(++i));
    this.i = i;
  }

  /** `<name>` or `<name/>` at the cursor: the name and whether the element is empty (self-closed). */
  private open(): { name: string; empty: boolean } {
    const s = this.s;
    if (s.charCodeAt(this.i) !== 60 /* < */) unsure();
    let j = this.i + 1;
    while (j < s.length && ((s.charCodeAt(j) | 32) >= 97 && (s.charCodeAt(j) | 32) <= 122)) j++;
    const name = s.slice(this.i + 1, j);
    if (!name) unsure();
    if (s.charCodeAt(j) === 62 /* > */) {
      this.i = j + 1;
      return { name, empty: false };
    }
    if (s.startsWith('/>', j)) {
      this.i = j + 2;
      return { name, empty: true };
    }
    return unsure();
  }

  /** Character data up to `</name>`, entities decoded. */
  private textUntilClose(name: string): string {
    const s = this.s;
    const end = s.indexOf('<', this.i);
    if (end < 0) unsure();
    const raw = s.slice(this.i, end);
    if (!s.startsWith(`</${name}>`, end)) unsure();
    this.i = end + name.length + 3;
    return decode(raw);
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) unsure();
    const { name, empty } = this.open();
    switch (name) {
      case 'dict': {
        const out: Record<string, unknown> = {};
        if (empty) return out;
        for (;;) {
          this.space();
          if (this.s.startsWith('</dict>', this.i)) {
            this.i += 7;
            return out;
          }
          const k = this.open();
          if (k.name !== 'key') unsure();
          const key = k.empty ? '' : this.textUntilClose('key');
          // `plist` refuses the key (CVE-2022-22912); its error becomes the reader's notice.
          if (key === '__proto__') unsure();
          this.space();
          // A key without a value (`plist` gives it ""), and two keys in a row, go the general way.
          if (this.s.startsWith('</dict>', this.i) || this.s.startsWith('<key', this.i)) unsure();
          out[key] = this.value(depth + 1);
        }
      }
      case 'array': {
        const out: unknown[] = [];
        if (empty) return out;
        for (;;) {
          this.space();
          if (this.s.startsWith('</array>', this.i)) {
            this.i += 8;
            return out;
          }
          const v = this.value(depth + 1);
          // As `plist`: null items (`<null/>`) are dropped.
          if (v != null) out.push(v);
        }
      }
      case 'string':
        return empty ? '' : this.textUntilClose('string');
      case 'integer':
      case 'real':
      case 'date': {
        // `plist` refuses empty ones (its error becomes the notice); entities in numbers and dates are not Apple's.
        if (empty) unsure();
        const t = this.textUntilClose(name);
        if (t === '' || t.includes('&')) unsure();
        return name === 'integer' ? parseInt(t, 10) : name === 'real' ? parseFloat(t) : new Date(t);
      }
      case 'data': {
        const t = empty ? '' : this.textUntilClose('data').replace(/\s+/g, '');
        const binary = atob(t);
        const bytes = new Uint8Array(binary.length);
        for (let b = 0; b < binary.length; b++) bytes[b] = binary.charCodeAt(b);
        return bytes;
      }
      case 'true':
      case 'false':
      case 'null':
        // `<true/>`, or `<true></true>` as Firebase's GoogleService-Info.plist writes it.
        if (!empty) {
          if (!this.s.startsWith(`</${name}>`, this.i)) unsure();
          this.i += name.length + 3;
        }
        return name === 'true' ? true : name === 'false' ? false : null;
      default:
        return unsure();
    }
  }
}

function decode(raw: string): string {
  // `]]>` is not allowed in character data.
  if (raw.includes(']]>')) unsure();
  if (PLAIN_TEXT.test(raw)) return raw;
  const rest = raw.replace(ENTITY, '');
  if (!PLAIN_TEXT.test(rest)) unsure();
  return raw.replace(ENTITY, (_m, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named) return NAMED[named]!;
    const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16);
    // Characters XML allows in a document (no C0 controls but tab/LF, no surrogates, no U+FFFE/U+FFFF).
    if (cp === 13 || cp === 0x85 || cp === 0x2028 || (cp < 32 && cp !== 9 && cp !== 10) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff || cp > 0x10ffff) unsure();
    return String.fromCodePoint(cp);
  });
}
