// Matching identifier names to the data types of rules/privacy/data-types.yaml, without the schemas (the checks
// run it; a scan from the rules snapshot loads no zod).
import type { DataTypeRule, DataTypes } from './privacy.js';

/** The data type an identifier name stands for (user id, device id), or undefined for room and other names. */
export function dataTypeOfIdentifier(rules: DataTypes, identifier: string): DataTypeRule | undefined {
  const id = identifier.toLowerCase().replace(/[^a-z0-9_]/g, '');
  if (rules.roomIdentifiers.some((r) => id.includes(r))) return undefined;
  return rules.types.find((t) => t.evidence.includes('identifier') && t.identifiers.some((w) => id.includes(w)));
}
