// Fingerprints that survive rebuilds: they hash what was found (rule, identity) and where it lives in the bundle's
// structure, with version numbers and content hashes in file names folded away.
import { createHash } from 'node:crypto';
import type { Finding } from '../core/finding.js';

/** `club-1.2.3.ipa!/Payload/Club.app/main.3f2a9c1b.js` → `club-*.ipa!/Payload/Club.app/main.*.js`. */
export function stablePath(virtualPath: string): string {
  return virtualPath
    .split('/')
    .map((seg) =>
      seg
        .replace(/(?<![A-Za-z])v?\d+(?:[._]\d+)+(?:[-+][0-9A-Za-z.]+)?/g, '*')
        .replace(/\b[0-9a-f]{8,}\b/gi, '*')
        .replace(/\b\d{3,}\b/g, '*'),
    )
    .join('/');
}

export function fingerprint(f: Finding): string {
  return createHash('sha256').update(`${f.ruleId}\u0000${stablePath(f.location.artifact)}\u0000${f.identity}`).digest('hex').slice(0, 32);
}

/**
 * What was found, wherever it was: the same finding in a build at another path (a release folder named by
 * version, a renamed archive) has the same identity hash. `rtcscan diff` matches on it when paths moved.
 */
export function identityHash(f: Finding): string {
  return createHash('sha256').update(`${f.ruleId}\u0000${f.identity}`).digest('hex').slice(0, 32);
}

/** GitHub's `primaryLocationLineHash` shape (`<hash>:<occurrence>`), from our own fingerprint. */
export function lineHash(fp: string): string {
  return `${fp.slice(0, 16)}:1`;
}
