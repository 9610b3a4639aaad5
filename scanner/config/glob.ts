// `ignore` globs matched without regular expressions. picomatch compiles a glob to a backtracking RegExp: a
// config's `**/*a*/**/*a*/**/*a*/**/*a*b` against a 16-segment path of `a`s ran for over ten minutes, and both the
// config and the file names may come from the build under audit. Here `*` and `**` backtrack only to the last
// star (the classic wildcard algorithm, at the character level within a segment and at the segment level for
// `**`), so one match costs at most pattern × path steps. Supported: `*`, `**`, `?`, `[abc]`, `[!a-z]`/`[^a-z]`,
// `{a,b}` (expanded up front, bounded), `\` escapes; dot files match (the walker's virtual paths include them).

/** Longest glob accepted. */
export const MAX_GLOB_LENGTH = 1024;
/** Most alternatives a glob's braces may expand to. */
export const MAX_GLOB_ALTERNATIVES = 256;

export class GlobError extends Error {}

type Atom = { k: 'char'; c: string } | { k: 'any' } | { k: 'star' } | { k: 'class'; negate: boolean; ranges: Array<[string, string]> };
type Segment = { k: 'globstar' } | { k: 'atoms'; atoms: Atom[] };

/** A predicate over `/`-separated paths for one glob; throws GlobError when the glob is refused. */
export function compileGlob(glob: string): (path: string) => boolean {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobError(`longer than ${MAX_GLOB_LENGTH} characters`);
  if (/[@!+*?]\(/.test(glob)) throw new GlobError('extglob groups like @(…) or *(…) are not supported');
  const alternatives = expandBraces(glob).map((g) => g.split('/').map(segment));
  return (path) => {
    const parts = path.split('/');
    return alternatives.some((segs) => matchSegments(segs, parts));
  };
}

/** Any of the globs. */
export function compileGlobs(globs: readonly string[]): (path: string) => boolean {
  const ms = globs.map(compileGlob);
  return (path) => ms.some((m) => m(path));
}

function expandBraces(glob: string): string[] {
  let out = [glob];
  for (let round = 0; ; round++) {
    const next: string[] = [];
    let changed = false;
    for (const g of out) {
      const b = innermostBrace(g);
      if (!b) {
        next.push(g);
        continue;
      }
      changed = true;
      for (const alt of b.alternatives) next.push(g.slice(0, b.open) + alt + g.slice(b.close + 1));
      if (next.length > MAX_GLOB_ALTERNATIVES) throw new GlobError(`braces expand to more than ${MAX_GLOB_ALTERNATIVES} alternatives`);
    }
    out = next;
    if (!changed) return out;
    if (round > MAX_GLOB_LENGTH) throw new GlobError('braces nest too deep');
  }
}

/** The first `{…}` holding no other brace and at least one top-level comma (else it is literal text). */
function innermostBrace(g: string): { open: number; close: number; alternatives: string[] } | undefined {
  let open = -1;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '\\') i++;
    else if (c === '{') open = i;
    else if (c === '}' && open >= 0) {
      const body = g.slice(open + 1, i);
      const alternatives = splitUnescaped(body, ',');
      if (alternatives.length > 1) return { open, close: i, alternatives };
      open = -1;
    }
  }
  return undefined;
}

function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i]! + s[i + 1]!;
      i++;
    } else if (s[i] === sep) {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}

function segment(text: string): Segment {
  if (text === '**') return { k: 'globstar' };
  const atoms: Atom[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) atoms.push({ k: 'char', c: text[++i]! });
    else if (c === '*') {
      if (atoms.at(-1)?.k !== 'star') atoms.push({ k: 'star' }); // `**` inside a segment is one star
    } else if (c === '?') atoms.push({ k: 'any' });
    else if (c === '[') {
      const end = text.indexOf(']', i + 2);
      if (end < 0) {
        atoms.push({ k: 'char', c });
        continue;
      }
      let body = text.slice(i + 1, end);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      const ranges: Array<[string, string]> = [];
      for (let j = 0; j < body.length; j++) {
        if (body[j + 1] === '-' && j + 2 < body.length) {
          ranges.push([body[j]!, body[j + 2]!]);
          j += 2;
        } else ranges.push([body[j]!, body[j]!]);
      }
      atoms.push({ k: 'class', negate, ranges });
      i = end;
    } else atoms.push({ k: 'char', c });
  }
  return { k: 'atoms', atoms };
}

function atomMatches(a: Atom, c: string): boolean {
  switch (a.k) {
    case 'char':
      return a.c === c;
    case 'any':
      return true;
    case 'class': {
      const hit = a.ranges.some(([lo, hi]) => c >= lo && c <= hi);
      return a.negate ? !hit : hit;
    }
    default:
      return false;
  }
}

/**
 * Items against a pattern whose only wildcard is a star that swallows zero or more items. Backtracking goes to
 * the last star only, so the cost is O(items × pattern) — no catastrophic backtracking on hostile globs.
 */
function matchWithStars<P, I>(pats: P[], items: ArrayLike<I>, isStar: (p: P) => boolean, one: (p: P, i: I) => boolean): boolean {
  let p = 0;
  let i = 0;
  let star = -1;
  let mark = 0;
  while (i < items.length) {
    const a = pats[p];
    if (a !== undefined && !isStar(a) && one(a, items[i]!)) {
      p++;
      i++;
    } else if (a !== undefined && isStar(a)) {
      star = p++;
      mark = i;
    } else if (star >= 0) {
      p = star + 1;
      i = ++mark;
    } else return false;
  }
  while (p < pats.length && isStar(pats[p]!)) p++;
  return p === pats.length;
}

/** One path segment against one segment pattern (`*` within a segment). */
function matchAtoms(atoms: Atom[], s: string): boolean {
  return matchWithStars(atoms, s, (a) => a.k === 'star', atomMatches);
}

/** Path segments against pattern segments (`**` spans zero or more segments). */
function matchSegments(segs: Segment[], parts: string[]): boolean {
  return matchWithStars(segs, parts, (g) => g.k === 'globstar', (g, part) => g.k === 'atoms' && matchAtoms(g.atoms, part));
}
