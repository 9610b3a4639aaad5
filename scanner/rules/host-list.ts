// Matching a host against a rule list of hosts (no schema: the JS reader and the checks use it on every URL).

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
