import type { Finding } from './finding.js';

/**
 * The hosts an endpoint finding names, with the vendor each belongs to when the finding says so. A host in app code
 * is one result (`properties.host`); hosts in a vendor's own code come as one grouped result per vendor and artifact
 * (`vendorHosts` are that vendor's, `otherHosts` someone else's; older reports only `hosts`).
 */
export function hostsNamed(f: Finding): Array<{ host: string; vendor?: string }> {
  const p = f.properties;
  const vendor = typeof p.vendor === 'string' ? p.vendor : undefined;
  const list = (k: string): string[] => (Array.isArray(p[k]) ? (p[k] as unknown[]).filter((h): h is string => typeof h === 'string' && h !== '') : []);
  const out: Array<{ host: string; vendor?: string }> = [];
  if (typeof p.host === 'string' && p.host) out.push({ host: p.host, vendor });
  const own = list('vendorHosts');
  const others = list('otherHosts');
  for (const host of own) out.push({ host, vendor });
  for (const host of others) out.push({ host });
  if (!own.length && !others.length) for (const host of list('hosts')) out.push({ host, vendor });
  return out;
}
