// Schema of rules/hosts.yaml: hosts that appear in code as names, not as network peers.
import { z } from 'zod';

export const HostsRule = z
  .object({
    /**
     * Hosts (exact, or `.suffix`) whose URLs are identifiers rather than endpoints: XML namespaces, DTDs, schema ids.
     * URLs on them are never reported as endpoints or as cleartext.
     */
    nonNetwork: z.array(z.string().min(3)).default([]),
    /** Top-level domains accepted for a bare host name (one not inside a URL) that no vendor owns. */
    bareHostTlds: z.array(z.string().regex(/^[a-z]{2,}$/)).default([]),
    /** Exact hosts that are documentation placeholders (IANA's example.com page): never endpoints. Subdomains are not covered. */
    documentationHosts: z.array(z.string().min(3)).default([]),
    /**
     * Regexes over a URL: certificate revocation and issuer URLs (CRL, OCSP, AIA) that X.509 certificates and TLS
     * stacks embed. The platform's certificate validator fetches them over http by design (the payload is signed):
     * neither an app endpoint nor cleartext.
     */
    pkiUrls: z.array(z.string().min(3)).default([]),
    /** Name suffixes of private networks (`.internal`, `.corp`, `.lan`, `.local`): reported as internal endpoints. */
    internalSuffixes: z.array(z.string().regex(/^[a-z0-9.-]+$/)).default([]),
    /** Config keys (last segment) whose values are application identifiers (package names, bundle ids), never hosts. */
    identifierKeys: z.array(z.string().min(2)).default([]),
    /**
     * Calls whose first string argument is an identifier with a host's shape, never an endpoint: `OAuthProvider(
     * "apple.com")` names a sign-in provider. Matched against the callee as written or its last `.` segment.
     */
    identifierArguments: z.array(z.string().min(2)).default([]),
    /**
     * Config keys (last segment) whose URL values a build tool uses on the developer's machine, never the app:
     * electron-builder's Authenticode timestamp authorities (`win.rfc3161TimeStampServer`, `win.timeStampServer`).
     */
    buildToolKeys: z.array(z.string().min(2)).default([]),
    /**
     * Names a URL literal is bound to (source code) where the URL scopes something instead of being requested:
     * cookie properties (`cookieProperties[.originURL] = "http://…"`). The host stays an endpoint; the URL is no
     * cleartext one, since nothing is sent to it there.
     */
    scopeBindings: z.array(z.string().min(2)).default([]),
    /**
     * File extensions of static media (images, audio, video files): an `http://` URL whose whole path names such a
     * file fetches fixed bytes and sends nothing of the user's, so it is no cleartext endpoint (its host stays an
     * endpoint). A URL that an identifier completes (`'http://…/avatar/' + uid + '.jpg'`) is not one whole literal.
     */
    staticMediaExtensions: z.array(z.string().regex(/^[a-z0-9]+$/)).default([]),
    /** First host labels that mark a non-production stage (`staging.api.example.com`, `api-dev.example.com`). */
    stageLabels: z.array(z.string().regex(/^[a-z0-9]+$/)).default([]),
  })
  .strict();
export type HostsRule = z.infer<typeof HostsRule>;

export { hostListMatches } from './host-list.js';
