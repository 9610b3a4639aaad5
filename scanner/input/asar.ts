// Electron's app.asar (the format of @electron/asar): a Chromium Pickle holding the header size, a Pickle holding a
// JSON header that lists the tree (`{"files": {"name": {"files": …} | {"offset": "123", "size": 456} | {"link": …}}}`),
// then the file contents back to back; offsets are relative to the end of the header. Files the packager left
// unpacked (`"unpacked": true`, native `.node` addons) live in `app.asar.unpacked/` beside it, not in the archive.
// Listing only: members are read later by offset, never extracted.
import type { ByteSource } from './source.js';

export interface AsarEntry {
  /** `/`-separated path inside the archive. */
  name: string;
  /** Absolute offset of the member's bytes in the archive. */
  start: number;
  size: number;
}

export interface AsarListing {
  entries: AsarEntry[];
  /** Members that are stored beside the archive (`app.asar.unpacked/`), links, and entries past the limit. */
  unpacked: number;
  links: number;
  truncated?: string;
}

export class AsarError extends Error {
  constructor(
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

/** Largest JSON header read: real apps list tens of thousands of files in a few MB. */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;
const MAX_DEPTH = 64;

/** The first 16 bytes are the two Pickle headers of an asar archive and its JSON header opens with `{`. */
export function looksLikeAsar(head: Buffer): boolean {
  if (head.length < 17 || head.readUInt32LE(0) !== 4) return false;
  const headerSize = head.readUInt32LE(4);
  const payload = head.readUInt32LE(8);
  const jsonLength = head.readUInt32LE(12);
  return payload + 4 === headerSize && jsonLength <= payload - 4 && jsonLength > 1 && head[16] === 0x7b;
}

/** Lists an asar archive; throws AsarError for a header that cannot be read. */
export async function listAsar(source: ByteSource, maxEntries: number): Promise<AsarListing> {
  const head = await source.read(0, 16);
  if (!looksLikeAsar(Buffer.concat([head, Buffer.from('{')]))) throw new AsarError('input/corrupt-asar', 'not an asar archive (bad Pickle header)');
  const headerSize = head.readUInt32LE(4);
  const jsonLength = head.readUInt32LE(12);
  if (jsonLength > MAX_HEADER_BYTES || 16 + jsonLength > source.size) throw new AsarError('input/corrupt-asar', `asar header of ${jsonLength} bytes does not fit the ${source.size}-byte file`);
  let tree: unknown;
  try {
    tree = JSON.parse((await source.read(16, jsonLength)).toString('utf8'));
  } catch (e) {
    throw new AsarError('input/corrupt-asar', `asar header is not JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const dataStart = 8 + headerSize;
  const listing: AsarListing = { entries: [], unpacked: 0, links: 0 };
  const walk = (node: unknown, prefix: string, depth: number): void => {
    if (listing.truncated) return;
    const files = (node as { files?: unknown })?.files;
    if (!files || typeof files !== 'object') return;
    if (depth > MAX_DEPTH) throw new AsarError('input/corrupt-asar', `asar tree nested over ${MAX_DEPTH} folders deep`);
    for (const [name, child] of Object.entries(files as Record<string, unknown>)) {
      if (!name || name === '.' || name === '..' || name.includes('/') || name.includes('\\')) throw new AsarError('input/corrupt-asar', `asar member name ${JSON.stringify(name.slice(0, 80))} is not a plain name`);
      const path = prefix ? `${prefix}/${name}` : name;
      const c = child as { files?: unknown; link?: unknown; unpacked?: unknown; offset?: unknown; size?: unknown };
      if (c === null || typeof c !== 'object') throw new AsarError('input/corrupt-asar', `asar member ${path} has no description`);
      if (c.files) walk(c, path, depth + 1);
      else if (c.link !== undefined) listing.links++;
      else if (c.unpacked === true) listing.unpacked++;
      else {
        const offset = Number(c.offset);
        const size = Number(c.size);
        if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(size) || offset < 0 || size < 0 || dataStart + offset + size > source.size) {
          throw new AsarError('input/corrupt-asar', `asar member ${path} lies outside the archive (offset ${String(c.offset)}, size ${String(c.size)})`);
        }
        if (listing.entries.length >= maxEntries) {
          listing.truncated = `asar lists more than ${maxEntries} files; only the first ${maxEntries} were read (limit maxEntries)`;
          return;
        }
        listing.entries.push({ name: path, start: dataStart + offset, size });
      }
    }
  };
  walk(tree, '', 0);
  return listing;
}
