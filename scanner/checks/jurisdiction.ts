// How findings name a vendor's jurisdiction, consistently across checks.
import type { VendorRule } from '../rules/schema.js';

/** e.g. `headquarters Shanghai, China (CN); subject to PRC law`. */
export function describeJurisdiction(v: VendorRule): string {
  if (isProtocol(v)) return PROTOCOL_JURISDICTION;
  const j = v.jurisdiction;
  const regime = j.regime ? `; subject to ${j.regime} law` : '';
  return `headquarters ${j.headquarters} (${j.country})${regime}`;
}

/** Said of a protocol (plain WebRTC) wherever a vendor's jurisdiction would be: it has none of its own. */
export const PROTOCOL_JURISDICTION = 'an open protocol, no jurisdiction of its own: its servers are whoever the app configures';

/** An open protocol (`entity: protocol`), not a company: never shown with a country. */
export function isProtocol(v: Pick<VendorRule, 'entity'> | undefined): boolean {
  return v?.entity === 'protocol';
}
