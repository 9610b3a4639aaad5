// A total order on findings, so the same input always gives byte-identical reports.
import type { Finding } from '../core/finding.js';

const cmp = (a: string | number | undefined, b: string | number | undefined): number =>
  a === b ? 0 : a === undefined ? -1 : b === undefined ? 1 : a < b ? -1 : 1;

export function compareFindings(a: Finding, b: Finding): number {
  const la = a.location;
  const lb = b.location;
  return (
    cmp(la.artifact, lb.artifact) ||
    cmp(la.line, lb.line) ||
    cmp(la.column, lb.column) ||
    cmp(la.offset, lb.offset) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.identity, b.identity) ||
    cmp(a.message, b.message)
  );
}
