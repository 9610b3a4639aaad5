// The cross-app summary of a batch scan for auditors: one row per bundle with the vendors found, their
// jurisdictions, counts by level and the counts that matter most (cleartext identifiers, credentials), plus what
// could not be read. Written as summary.json (the merge input) and summary.csv (for spreadsheets).
import { jsonErrorWithoutContent } from '../core/parse-error.js';
import { jsonTerminalSafe } from './escape.js';
import { stringify } from 'csv-stringify/sync';
import type { BundleResult } from '../engine/scan.js';
import type { RulePack } from '../rules/pack.js';
import { levelOf } from './text.js';
import { TOOL } from './tool.js';

export const SUMMARY_FORMAT = 'rtcscan-summary/v1';

export interface SummaryVendor {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2 of the headquarters; `ZZ` for protocols (plain WebRTC), which have no operator. */
  country: string;
  regime?: string;
  /** Rule ids of the findings that name this vendor (RTC101 = SDK bundled, RTC201 = vendor endpoint, …). */
  evidence: string[];
}

export interface SummaryRow {
  bundle: string;
  input: string;
  /** False when the bundle could not be read at all (missing, not the archive it claims, internal error). */
  readable: boolean;
  vendors: SummaryVendor[];
  /** Countries of the operating companies among `vendors` (protocols excluded), sorted. */
  countries: string[];
  levels: { error: number; warning: number; note: number };
  /** RTC301: identifier → cleartext network sink data flows. */
  cleartextFlows: number;
  /** RTC302: http:// and ws:// endpoints used by app code. */
  cleartextEndpoints: number;
  credentials: { RTC401: number; RTC402: number; RTC403: number; RTC404: number };
  /** Error notifications: parts of the bundle (or the whole bundle) that could not be read. */
  unreadable: number;
  /** The first of them, `artifact: message`, for a quick look. */
  firstUnreadable?: string;
  files: number;
  bytes: number;
}

export interface SummaryDocument {
  format: typeof SUMMARY_FORMAT;
  tool: { name: string; version: string };
  bundles: SummaryRow[];
}

const CREDENTIAL_RULES = ['RTC401', 'RTC402', 'RTC403', 'RTC404'] as const;

export function summarizeBundle(name: string, bundle: BundleResult, rules: RulePack, size: { files: number; bytes: number }): SummaryRow {
  const levels = { error: 0, warning: 0, note: 0 };
  const credentials = { RTC401: 0, RTC402: 0, RTC403: 0, RTC404: 0 };
  const evidence = new Map<string, Set<string>>();
  let cleartextFlows = 0;
  let cleartextEndpoints = 0;
  for (const f of bundle.findings) {
    levels[levelOf(f, rules)]++;
    if (f.ruleId === 'RTC301') cleartextFlows++;
    if (f.ruleId === 'RTC302') cleartextEndpoints++;
    if ((CREDENTIAL_RULES as readonly string[]).includes(f.ruleId)) credentials[f.ruleId as (typeof CREDENTIAL_RULES)[number]]++;
    const v = f.properties.vendor;
    if (typeof v === 'string' && rules.vendorById.has(v)) {
      const set = evidence.get(v) ?? new Set<string>();
      set.add(f.ruleId);
      evidence.set(v, set);
    }
  }
  const vendors = [...evidence.keys()].sort().map((id): SummaryVendor => {
    const v = rules.vendorById.get(id)!;
    return { id, name: v.name, country: v.jurisdiction.country, ...(v.jurisdiction.regime ? { regime: v.jurisdiction.regime } : {}), evidence: [...evidence.get(id)!].sort() };
  });
  const countries = [...new Set(vendors.filter((v) => rules.vendorById.get(v.id)!.entity !== 'protocol').map((v) => v.country))].sort();
  const errors = bundle.notices.filter((n) => n.level === 'error');
  const first = errors[0];
  return {
    bundle: name,
    input: bundle.input,
    readable: !bundle.fatal,
    vendors,
    countries,
    levels,
    cleartextFlows,
    cleartextEndpoints,
    credentials,
    unreadable: errors.length,
    ...(first ? { firstUnreadable: first.artifact ? `${first.artifact}: ${first.message}` : first.message } : {}),
    files: size.files,
    bytes: size.bytes,
  };
}

export function summaryDocument(rows: SummaryRow[]): SummaryDocument {
  return { format: SUMMARY_FORMAT, tool: { name: TOOL.name, version: TOOL.version }, bundles: [...rows].sort((a, b) => (a.bundle < b.bundle ? -1 : a.bundle > b.bundle ? 1 : 0)) };
}

export const SUMMARY_COLUMNS = [
  'bundle',
  'readable',
  'vendor_ids',
  'vendor_names',
  'countries',
  'errors',
  'warnings',
  'notes',
  'cleartext_flows_rtc301',
  'cleartext_endpoints_rtc302',
  'app_ids_rtc401',
  'vendor_secrets_rtc402',
  'access_tokens_rtc403',
  'tokenless_joins_rtc404',
  'unreadable_parts',
  'first_unreadable',
  'files',
  'bytes',
] as const;

/**
 * RFC 4180 CSV with a header row; lists are `; `-joined. Bundle names come from hostile file names, so quoting is
 * left to csv-stringify and cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) are
 * prefixed with `'` (OWASP CSV injection advice, csv-stringify's `escape_formulas`).
 */
export function summaryToCsv(rows: SummaryRow[]): string {
  const records = summaryDocument(rows).bundles.map((r) => [
    r.bundle,
    r.readable ? 'yes' : 'no',
    r.vendors.map((v) => v.id).join('; '),
    r.vendors.map((v) => v.name).join('; '),
    r.countries.join('; '),
    r.levels.error,
    r.levels.warning,
    r.levels.note,
    r.cleartextFlows,
    r.cleartextEndpoints,
    r.credentials.RTC401,
    r.credentials.RTC402,
    r.credentials.RTC403,
    r.credentials.RTC404,
    r.unreadable,
    r.firstUnreadable ?? '',
    r.files,
    r.bytes,
  ]);
  return stringify(records, { header: true, columns: [...SUMMARY_COLUMNS], escape_formulas: true, record_delimiter: 'unix' });
}

export function summaryToJson(rows: SummaryRow[]): string {
  return jsonTerminalSafe(JSON.stringify(summaryDocument(rows), null, 2)) + '\n';
}

/** Reads a summary.json written by rtcscan; throws one-line errors naming the file. */
export function parseSummary(text: string, file: string): SummaryDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SummaryError(`${file}: ${jsonErrorWithoutContent(e, text)}`);
  }
  const d = doc as Partial<SummaryDocument> | null;
  if (!d || typeof d !== 'object' || d.format !== SUMMARY_FORMAT || !Array.isArray(d.bundles)) {
    throw new SummaryError(`${file}: not an rtcscan summary.json (expected "format": "${SUMMARY_FORMAT}" and a "bundles" array)`);
  }
  for (const [i, r] of d.bundles.entries()) {
    if (!r || typeof r.bundle !== 'string' || !r.levels || !Array.isArray(r.vendors) || !r.credentials) {
      throw new SummaryError(`${file}: bundles[${i}] is not a summary row`);
    }
  }
  return d as SummaryDocument;
}

export class SummaryError extends Error {}
