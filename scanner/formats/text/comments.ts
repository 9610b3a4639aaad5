// Whole-line comments of source and markup files that no dedicated reader parses (CSS, C/C++, Swift, Kotlin, Java,
// Dart, Go, shell, TOML, HTML, XML …). Their lines are prose: URLs in them (licence links, docs, bug trackers) are
// not endpoints. Only comments that start a line are recognised, and a block ends at its closing line; a comment
// after code, or code after a block's end, leaves the line as code (conservative: nothing is hidden by a `//` that
// sits inside a string such as "http://…").

type Family = 'c' | 'hash' | 'markup';

const C_LIKE = /\.(?:css|scss|less|sass|c|cc|cpp|cxx|h|hh|hpp|m|mm|swift|kt|kts|java|dart|go|rs|scala|groovy|cs)$/;
const HASH = /\.(?:toml|sh|bash|zsh|py|rb|r|pl|cfg|conf|mk)$/;
const HASH_NAMES = new Set(['gradlew', 'dockerfile', 'makefile', 'podfile', 'gemfile', 'procfile', 'brewfile', 'buck', '_buck', 'build.bazel', 'workspace']);
const MARKUP = /\.(?:html?|xhtml|xml|svg|plist|storyboard|xib)$/;

function familyOf(path: string): Family | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1).toLowerCase();
  if (C_LIKE.test(name)) return 'c';
  if (HASH.test(name) || HASH_NAMES.has(name)) return 'hash';
  if (MARKUP.test(name)) return 'markup';
  return undefined;
}

/** A function telling, line by line in order, whether the line is entirely comment; undefined for other files. */
export function commentLineClassifier(path: string): ((line: string) => boolean) | undefined {
  const family = familyOf(path);
  if (!family) return undefined;
  const [open, close] = family === 'markup' ? ['<!--', '-->'] : ['/*', '*/'];
  let inBlock = false;
  return (line: string) => {
    const t = line.trim();
    if (inBlock) {
      const end = t.indexOf(close);
      if (end < 0) return true;
      inBlock = false;
      return t.slice(end + close.length).trim() === '';
    }
    if (family === 'hash') return t.startsWith('#');
    if (family === 'c' && t.startsWith('//')) return true;
    if (t.startsWith(open)) {
      const end = t.indexOf(close, open.length);
      if (end < 0) {
        inBlock = true;
        return true;
      }
      return t.slice(end + close.length).trim() === '';
    }
    return false;
  };
}

/** CSS and its preprocessors' files, whose only comments are `/* … *\/` (and `//` in SCSS/Less). */
export function isStylesheet(name: string): boolean {
  return /\.(?:css|scss|less|sass)$/i.test(name);
}

/**
 * The line `text[start, end)` with each `/* … *\/` comment that opens and closes on it replaced by spaces (columns
 * kept). Quoted strings are skipped, so `content: "/*"` stays; a comment left open at the line's end stays too.
 */
export function blankBlockComments(text: string, start: number, end: number): string {
  const line = text.slice(start, end);
  if (!line.includes('/*')) return line;
  return line.replace(CSS_STRING_OR_COMMENT, (m) => (m[0] === '/' ? ' '.repeat(m.length) : m));
}

const CSS_STRING_OR_COMMENT = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/\*[\s\S]*?\*\//g;
