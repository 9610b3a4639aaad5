// URLs a file writes around a host it does not spell out: `http://${ip}:3000/users/${id}` where `ip` is a constant
// (this module's or an imported one's, `export default '192.168.1.25'`). The scheme, port and path are this file's
// text, so the file writes a request to that origin as surely as if the host were inline; the endpoint checks read
// literal strings only and would see `http://` alone. The analysis hands such URLs to the reader as composed strings.
import type { Part } from './url.js';
import type { Val } from './value.js';

/** The head of a URL whose host comes next: a scheme and `//`, nothing else. */
const SCHEME_ONLY = /^[a-z][a-z0-9+.-]*:\/\/$/i;
/** A host, optionally with a port: letters, digits, dots and dashes (no path, no spaces, no placeholder). */
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/i;

/**
 * `head` + the constant `host` + the text that follows up to the next unknown part, when `head` is only a scheme
 * and `host` a known constant host; else undefined.
 */
export function composedUrl(head: string, host: Val, after: readonly Part[]): string | undefined {
  if (!SCHEME_ONLY.test(head) || !host.constant || !host.str?.length) return undefined;
  if (host.str.some((p) => p === null)) return undefined;
  const name = host.str.join('');
  if (!HOST.test(name)) return undefined;
  const tail = typeof after[0] === 'string' ? after[0] : '';
  return head + name + tail;
}
