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
  })
  .strict();
export type HostsRule = z.infer<typeof HostsRule>;

/** Whether `host` (or `host/path`) matches an entry of a host list: exact, `.suffix`, or host + path prefix. */
export function hostListMatches(list: readonly string[], host: string, url?: string): boolean {
  for (const entry of list) {
    const slash = entry.indexOf('/');
    if (slash >= 0) {
      const eHost = entry.slice(0, slash);
      if (host === eHost && url && url.includes(entry)) return true;
      continue;
    }
    if (host === entry || host.endsWith(entry.startsWith('.') ? entry : `.${entry}`)) return true;
  }
  return false;
}
