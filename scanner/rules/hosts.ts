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
