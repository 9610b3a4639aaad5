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
 * The URI of an original source file named by a source map, for a bundle at `artifact`. Sources are resolved
 * against the bundle's folder when the bundle is a plain file, so `dist/app.js` + `../src/call.ts` gives
 * `src/call.ts`; what still climbs out of the scan root, and absolute paths, lose their leading parts.
 */
export function originalUri(artifact: string, source: string): string {
  let s = source.replace(/\\/g, '/');
  if (!artifact.includes('!/') && !posix.isAbsolute(s)) s = posix.join(posix.dirname(artifact), s);
  s = posix.normalize(s).replace(/^(\.\.\/)+/, '').replace(/^\/+/, '');
  return toUri(s);
}
