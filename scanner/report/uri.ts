// Virtual paths → SARIF URIs: relative, percent-encoded per segment, the same from run to run.
import { posix } from 'node:path';

export function toUri(virtualPath: string): string {
  const uri = virtualPath
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
  return uri === '' ? '.' : uri;
}

/**
 * The URI of an original source file named by a source map: its path resolved against the map's folder when the
 * map names it relatively (`samples/web/src/main.js`), else the normalised source name; never absolute, never
 * climbing out of the scan root.
 */
export function originalUri(original: { source: string; path?: string }): string {
  const s = posix.normalize((original.path ?? original.source).replace(/\\/g, '/'));
  return toUri(s.replace(/^(\.\.\/)+/, '').replace(/^\/+/, '').replace(/^[a-z][a-z0-9+.-]*:\/*/i, ''));
}
