// Finds and loads the source map of a JS artifact, and traces generated positions back to original sources.
// Maps come only from inside the container: an inline `data:` URL, a relative `sourceMappingURL` read through
// `ctx.readSibling`, or `<file>.map` next to the artifact. Absolute paths and URLs are never followed.
import { jsonErrorWithoutContent } from '../../core/parse-error.js';
import type { TraceMap } from '@jridgewell/trace-mapping';
import { lazyPackage } from '../../core/lazy.js';

const traceMapping = lazyPackage<typeof import('@jridgewell/trace-mapping')>('@jridgewell/trace-mapping');
import { posix } from 'node:path';
import type { Notice, Position } from '../../core/facts.js';
import type { ReaderContext } from '../reader.js';

/** A map that parsed as JSON but has not the shape of a source map (our own message, no content in it). */
class SourceMapShapeError extends Error {}

export type Original = NonNullable<Position['original']>;

export interface SourceMapLimits {
  /** Largest map (bytes of JSON) that is parsed; bigger maps are skipped with a notice. */
  maxMapBytes: number;
}

export const DEFAULT_MAP_LIMITS: SourceMapLimits = { maxMapBytes: 64 * 1024 * 1024 };

/**
 * Most mapping segments decoded. Decoding keeps a small array per segment (~70 bytes): a 50 MB map of 10 M
 * segments took 1.1 GB. Real maps have far fewer (opentok.js: 388 k; livekit-client: 202 k).
 */
export const MAX_MAP_SEGMENTS = 2_000_000;

/** Segments in the map's `mappings` (all sections' for a sectioned map): separators + 1, an upper bound. */
function segmentCount(json: Record<string, unknown>): number {
  const count = (m: unknown) => {
    if (typeof m !== 'string') return 0;
    let n = 1;
    for (let i = m.indexOf(','); i >= 0; i = m.indexOf(',', i + 1)) n++;
    for (let i = m.indexOf(';'); i >= 0; i = m.indexOf(';', i + 1)) n++;
    return n;
  };
  if (!Array.isArray(json.sections)) return count(json.mappings);
  let n = 0;
  for (const s of json.sections as Array<{ map?: { mappings?: unknown } } | null>) n += count(s?.map?.mappings);
  return n;
}

export interface LoadedSourceMap {
  /** Where the map came from: `inline`, or the relative path it was read from. */
  origin: string;
  /** Normalised source paths (see `normaliseSource`), in map order. */
  sources: string[];
  /** Original position of a generated 1-based line and 1-based column, if the map covers it. */
  trace(line: number, column: number): Original | undefined;
}

/**
 * Makes map sources comparable across bundlers: strips `webpack://<ns>/`, `file://`, leading `./` and
 * `../` runs (bundlers emit maps relative to the output folder), and Metro/Vite `/@fs/` prefixes.
 * `webpack://app/./src/call.ts` → `src/call.ts`; `../../node_modules/x/y.js` → `node_modules/x/y.js`.
 * Absolute paths and http(s) URLs are kept as written (they are names, never read).
 */
export function normaliseSource(source: string): string {
  let s = source.trim().replace(/\\/g, '/');
  const webpack = /^webpack:\/\/[^/]*\//.exec(s);
  if (webpack) s = s.slice(webpack[0].length);
  s = s.replace(/^\/@fs\//, '/');
  s = s.replace(/^(?:\.\/)+/, '');
  while (s.startsWith('../')) s = s.slice(3);
  s = s.replace(/^(?:\.\/)+/, '');
  // Keep what follows the last node_modules/ so nested installs name the package that owns the file.
  const nm = s.lastIndexOf('node_modules/');
  if (nm > 0 && !/^[a-z][a-z0-9+.-]*:/i.test(s)) s = s.slice(nm);
  return s;
}

/**
 * The `sourceMappingURL` of a JS text, if any: the last such comment that starts a line (as bundlers write it),
 * so a `sourceMappingURL=` inside a string of bundled code is not mistaken for the bundle's own.
 */
export function sourceMappingUrl(code: string): string | undefined {
  const re = /(?:^|\n)[ \t]*(?:\/\/[#@][ \t]*sourceMappingURL=([^\s'"`]+)[ \t]*(?=\r?\n|$)|\/\*[#@][ \t]*sourceMappingURL=([^\s*'"`]+)[ \t]*\*\/)/g;
  const tail = code.length > 4096 ? code.slice(-4096) : code;
  let found: string | undefined;
  for (let m = re.exec(tail); m; m = re.exec(tail)) found = m[1] ?? m[2];
  if (found || code.length <= 4096) return found;
  // Inline maps are long: the comment may start before the tail window.
  const idx = code.lastIndexOf('\n//# sourceMappingURL=data:');
  if (idx < 0) return undefined;
  const start = idx + '\n//# sourceMappingURL='.length;
  const end = code.slice(start).search(/[\s'"`]/);
  return code.slice(start, end < 0 ? undefined : start + end);
}

/** True for a relative reference that stays inside the artifact's folder tree (no scheme, no root, no `..`). */
export function isSafeRelativeRef(ref: string): boolean {
  if (!ref || ref.length > 1024) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return false; // http:, file:, data: (handled separately), C:
  if (ref.startsWith('/') || ref.startsWith('\\')) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(ref);
  } catch {
    return false;
  }
  return !decoded.split(/[\\/]/).some((seg) => seg === '..');
}

function decodeDataUrl(url: string): string | undefined {
  const m = /^data:([^,]*),(.*)$/s.exec(url);
  if (!m) return undefined;
  const meta = m[1]!.toLowerCase();
  if (!meta.startsWith('application/json') && meta !== '' && !meta.startsWith('text/plain')) return undefined;
  try {
    return meta.split(';').includes('base64')
      ? Buffer.from(m[2]!, 'base64').toString('utf8')
      : decodeURIComponent(m[2]!);
  } catch {
    return undefined;
  }
}

function fileName(path: string): string {
  const inner = path.slice(path.lastIndexOf('!') + 1);
  return inner.slice(inner.lastIndexOf('/') + 1);
}

/**
 * Loads the artifact's source map, or returns undefined (adding a notice when a map was referenced but could not
 * be used). Never throws.
 */
export async function loadSourceMap(
  code: string,
  path: string,
  ctx: Pick<ReaderContext, 'readSibling'>,
  notices: Notice[],
  limits: SourceMapLimits = DEFAULT_MAP_LIMITS,
): Promise<LoadedSourceMap | undefined> {
  const note = (id: string, message: string, level: Notice['level'] = 'warning') =>
    notices.push({ level, id, message, artifact: path });
  const ref = sourceMappingUrl(code);
  let text: string | undefined;
  let origin = '';
  if (ref?.startsWith('data:')) {
    if (ref.length > limits.maxMapBytes * 1.4) {
      note('sourcemap/too-large', `inline source map larger than ${limits.maxMapBytes} bytes; not traced`);
      return undefined;
    }
    text = decodeDataUrl(ref);
    origin = 'inline';
    if (text === undefined) note('sourcemap/bad-data-url', 'inline source map is not a JSON data: URL');
    else {
      const inline = parseSourceMap(text, origin, path, notices);
      if (inline) return inline;
      text = undefined;
    }
  } else if (ref) {
    if (!isSafeRelativeRef(ref)) {
      note('sourcemap/outside', `sourceMappingURL ${JSON.stringify(ref.slice(0, 200))} is absolute or a URL; not followed`, 'note');
    } else if (ctx.readSibling) {
      const rel = decodeURIComponent(ref.replace(/[?#].*$/, ''));
      const buf = await safeRead(ctx, rel);
      if (buf && buf.length > limits.maxMapBytes) {
        note('sourcemap/too-large', `${rel} is larger than ${limits.maxMapBytes} bytes; not traced`);
        return undefined;
      }
      if (buf) {
        text = buf.toString('utf8');
        origin = rel;
      } else note('sourcemap/missing', `sourceMappingURL names ${rel}, which is not in the scanned input (missing, outside it, or not a regular file); not read`, 'note');
    }
  }
  if (text === undefined && ctx.readSibling) {
    // Bundlers often ship `x.js.map` without a comment (hidden source maps).
    const sibling = `${fileName(path)}.map`;
    if (sibling !== origin) {
      const buf = await safeRead(ctx, sibling);
      if (buf && buf.length <= limits.maxMapBytes) {
        text = buf.toString('utf8');
        origin = sibling;
      }
    }
  }
  if (text === undefined) return undefined;
  return parseSourceMap(text, origin, path, notices);
}

async function safeRead(ctx: Pick<ReaderContext, 'readSibling'>, rel: string): Promise<Buffer | undefined> {
  try {
    return await ctx.readSibling?.(rel);
  } catch {
    return undefined;
  }
}

/** Parses map JSON (plain or sectioned) into a tracer; adds a notice and returns undefined if it is malformed. */
export function parseSourceMap(text: string, origin: string, artifact: string, notices: Notice[]): LoadedSourceMap | undefined {
  let map: TraceMap;
  const body = text.replace(/^\)\]\}'[^\n]*\n/, '');
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch (e) {
    // The parser's message quotes the text; the map may not be a map at all, so only the position is said.
    notices.push({ level: 'warning', id: 'sourcemap/malformed', message: `source map ${origin} could not be read: ${jsonErrorWithoutContent(e, body)}`, artifact });
    return undefined;
  }
  const segments = json && typeof json === 'object' ? segmentCount(json) : 0;
  if (segments > MAX_MAP_SEGMENTS) {
    notices.push({ level: 'warning', id: 'sourcemap/too-large', message: `source map ${origin} has ${segments} mapping segments, over the limit of ${MAX_MAP_SEGMENTS}; not traced`, artifact });
    return undefined;
  }
  try {
    if (!json || typeof json !== 'object') throw new SourceMapShapeError('not an object');
    if (Array.isArray(json.sections)) map = new (traceMapping().FlattenMap)(json as never);
    else {
      if (typeof json.mappings !== 'string' || !Array.isArray(json.sources)) throw new SourceMapShapeError('no mappings/sources');
      map = new (traceMapping().TraceMap)(json as never);
    }
  } catch (e) {
    notices.push({
      level: 'warning',
      id: 'sourcemap/malformed',
      message: `source map ${origin} could not be read: ${e instanceof SourceMapShapeError ? e.message : 'not a source map (bad mappings or sources)'}`,
      artifact,
    });
    return undefined;
  }
  // Sources as written (map.sources), not resolved against a URL we must not touch.
  const raw = (map.sources ?? []).map((s) => (typeof s === 'string' ? s : ''));
  const sources = raw.map(normaliseSource);
  const bySource = new Map<string, string>();
  (map.resolvedSources ?? []).forEach((r, i) => bySource.set(r, sources[i] ?? r));
  // Where each original file sits in the scanned tree: relative sources resolve against the map's own folder
  // (and sourceRoot), so `samples/web/dist/app.js.map` + `../src/main.js` names `samples/web/src/main.js`.
  const mapDir = posix.dirname(posix.join(posix.dirname(artifact), origin && origin !== 'inline' ? origin : '.'));
  const root = typeof (map as { sourceRoot?: unknown }).sourceRoot === 'string' ? ((map as { sourceRoot?: string }).sourceRoot as string) : '';
  const byPath = new Map<string, string>();
  (map.resolvedSources ?? []).forEach((r, i) => {
    const s = raw[i] ?? '';
    if (!s || /^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(root) || root.startsWith('/')) return;
    byPath.set(r, posix.normalize(posix.join(mapDir, root, s)));
  });
  return {
    origin,
    sources,
    trace(line: number, column: number): Original | undefined {
      if (!(line >= 1) || !(column >= 1)) return undefined;
      try {
        const o = traceMapping().originalPositionFor(map, { line, column: column - 1 });
        if (o.source == null || o.line == null || o.column == null) return undefined;
        const out: Original = { source: bySource.get(o.source) ?? normaliseSource(o.source), line: o.line, column: o.column + 1 };
        const path = byPath.get(o.source);
        if (path) out.path = path;
        if (o.name) out.name = o.name;
        return out;
      } catch {
        return undefined;
      }
    },
  };
}
