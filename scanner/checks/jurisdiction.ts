// How findings name a vendor's jurisdiction, consistently across checks.
import type { VendorRule } from '../rules/schema.js';

/** e.g. `headquarters Shanghai, China (CN); subject to PRC law`. */
export function describeJurisdiction(v: VendorRule): string {
  const j = v.jurisdiction;
  const regime = j.regime ? `; subject to ${j.regime} law` : '';
  return `headquarters ${j.headquarters} (${j.country})${regime}`;
}
