// A Google Play "Data safety" draft from a scan: the data types the analysis sees leaving the device (a user id
// passed to an RTC session or sent in a request, the voice and video of RTC sessions), who receives them (vendor,
// its country, the endpoints the build names) and whether a cleartext flow carries them. JSON for people and
// tools; CSV in the five-column layout of the Play Console Data safety template (Question ID, Response ID, Response
// value, Answer requirement, Human-friendly question label) with every answer static analysis cannot give left
// blank. The data types and their Play ids are data (rules/privacy/data-types.yaml).
import { hostsNamed } from '../core/finding-hosts.js';
import { basename } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Finding } from '../core/finding.js';
import type { ScanResult } from '../engine/scan.js';
import type { RulePack } from '../rules/pack.js';
import type { DataTypeRule } from '../rules/privacy.js';
import { observedDataTypes } from '../checks/privacy-manifest.js';
import { TOOL } from './tool.js';

export interface DataSafetyRecipient {
  /** Vendor id from rules/vendors, when a vendor receives the data. */
  vendor?: string;
  name: string;
  country?: string;
  /** Hosts of the recipient the build names (RTC201–RTC203 for the vendor, or the flow's host). */
  endpoints: string[];
  evidence: string[];
  /** True when this data reaches this recipient in cleartext (an RTC301 flow, or an RTC302 URL naming it in its query). */
  cleartext: boolean;
}

export interface DataSafetyType {
  id: string;
  name: string;
  play: { category: string; type: string; question: string; response: string };
  appleManifestType: string;
  /** Play's "collection": the data is transmitted off the device. */
  collected: true;
  /** False when a cleartext flow carries it; null when nothing shows either way. */
  encryptedInTransit: false | null;
  recipients: DataSafetyRecipient[];
  caveat?: string;
}

/** Questions of the form a scan cannot answer, with why; said in every draft. */
export const NOT_DETERMINABLE: Array<{ question: string; why: string }> = [
  { question: 'Is this data collected, shared, or both?', why: 'Play does not count a transfer to a service provider that processes data on your behalf as sharing; whether an RTC vendor or backend acts as one is a matter of contract, not code.' },
  { question: 'Is this data processed ephemerally?', why: 'whether the vendor or backend keeps the data after serving the request in real time is not in the build.' },
  { question: 'Is this data required, or can users choose?', why: 'whether the code path runs for every user (or behind a setting) is not decided statically.' },
  { question: 'Why is this data collected / shared? (purposes)', why: 'purposes are intentions, not code.' },
  { question: 'Data retention and deletion', why: 'server-side behaviour.' },
  { question: 'Is all of the user data encrypted in transit?', why: 'answered "No" only when a cleartext flow is found; a build without one is not proof that every request is encrypted (URLs built at run time, native code the analysis does not model).' },
];

export interface DataSafetyDraft {
  format: 'rtcscan-play-data-safety-draft';
  version: 1;
  tool: { name: string; version: string };
  app: string;
  statement: string;
  collectsOrShares: true | null;
  encryptedInTransit: false | null;
  dataTypes: DataSafetyType[];
  notDeterminable: typeof NOT_DETERMINABLE;
}

const STATEMENT =
  'Draft from static analysis of the release build: data types rtcscan sees leaving the device and who receives them. Review every answer; data types the analysis does not model (location, contacts, purchases, analytics SDKs other than RTC) are not covered.';

function playParts(t: DataTypeRule): { category: string; type: string } {
  const [category, type] = t.play.label.split(' / ');
  return { category: category ?? t.play.label, type: type ?? t.play.label };
}

export function dataSafetyDraft(result: ScanResult, rules: RulePack): DataSafetyDraft {
  const findings: Finding[] = result.bundles.flatMap((b) => b.findings);
  const privacy = rules.privacy;
  const app = result.bundles.length === 1 ? basename(result.bundles[0]!.input) : 'scanned builds';
  const base = { format: 'rtcscan-play-data-safety-draft' as const, version: 1 as const, tool: { name: TOOL.name, version: TOOL.version }, app, statement: STATEMENT };
  if (!privacy) return { ...base, collectsOrShares: null, encryptedInTransit: null, dataTypes: [], notDeterminable: NOT_DETERMINABLE };
  // Hosts each vendor is reached at, from the endpoint findings.
  const vendorHosts = new Map<string, Set<string>>();
  for (const f of findings) {
    if (!/^RTC20[123]$/.test(f.ruleId)) continue;
    for (const { host, vendor } of hostsNamed(f)) {
      if (!vendor) continue;
      let s = vendorHosts.get(vendor);
      if (!s) vendorHosts.set(vendor, (s = new Set()));
      s.add(host);
    }
  }
  const types = new Map<string, DataSafetyType>();
  const typeOf = (t: DataTypeRule): DataSafetyType => {
    let d = types.get(t.id);
    if (!d) {
      const parts = playParts(t);
      d = { id: t.id, name: t.name, play: { ...parts, question: t.play.question, response: t.play.response }, appleManifestType: t.apple, collected: true, encryptedInTransit: null, recipients: [], ...(t.caveat ? { caveat: t.caveat.replace(/\s+/g, ' ').trim() } : {}) };
      types.set(t.id, d);
    }
    return d;
  };
  const recipient = (d: DataSafetyType, vendorId: string | undefined, host: string | undefined): DataSafetyRecipient => {
    const vendor = vendorId ? rules.vendorById.get(vendorId) : host ? rules.vendorForHost(host) : undefined;
    const key = vendor?.id ?? host ?? 'unknown';
    let r = d.recipients.find((x) => (x.vendor ?? x.name) === key);
    if (!r) {
      r = vendor
        ? { vendor: vendor.id, name: vendor.name, ...(vendor.jurisdiction.country !== 'ZZ' ? { country: vendor.jurisdiction.country } : {}), endpoints: [...(vendorHosts.get(vendor.id) ?? [])].sort(), evidence: [], cleartext: false }
        : { name: host ? `${host} (owner not known: your backend or a third party)` : 'unknown server', endpoints: host ? [host] : [], evidence: [], cleartext: false };
      d.recipients.push(r);
    }
    if (host && !r.endpoints.includes(host)) r.endpoints.push(host);
    return r;
  };
  for (const f of findings) {
    const p = f.properties;
    for (const seen of observedDataTypes(privacy, rules, [f])) {
      const d = typeOf(seen.type);
      const host = /^RTC30[123]$/.test(f.ruleId) && typeof p.host === 'string' ? p.host : undefined;
      const r = recipient(d, typeof p.vendor === 'string' ? p.vendor : undefined, host);
      for (const e of seen.evidence) if (!r.evidence.includes(e) && r.evidence.length < 10) r.evidence.push(e);
      if (f.ruleId === 'RTC301' || f.ruleId === 'RTC302') {
        r.cleartext = true;
        d.encryptedInTransit = false;
      }
    }
  }
  const dataTypes = [...types.values()].sort((a, b) => a.id.localeCompare(b.id));
  for (const d of dataTypes) d.recipients.sort((a, b) => a.name.localeCompare(b.name));
  const cleartext = findings.some((f) => f.ruleId === 'RTC301' || f.ruleId === 'RTC302');
  return { ...base, collectsOrShares: dataTypes.length ? true : null, encryptedInTransit: cleartext ? false : null, dataTypes, notDeterminable: NOT_DETERMINABLE };
}

export function toDataSafetyJson(result: ScanResult, rules: RulePack): string {
  return JSON.stringify(dataSafetyDraft(result, rules), null, 2) + '\n';
}

/** Play Console's purpose options (response ids of the collection and sharing purpose questions). */
const PURPOSES: Array<[string, string]> = [
  ['PSL_APP_FUNCTIONALITY', 'App functionality'],
  ['PSL_ANALYTICS', 'Analytics'],
  ['PSL_DEVELOPER_COMMUNICATIONS', 'Developer communications'],
  ['PSL_FRAUD_PREVENTION_SECURITY', 'Fraud prevention, security, and compliance'],
  ['PSL_ADVERTISING', 'Advertising or marketing'],
  ['PSL_PERSONALIZATION', 'Personalization'],
  ['PSL_ACCOUNT_MANAGEMENT', 'Account management'],
];

export const DATASAFETY_CSV_HEADER = ['Question ID (machine readable)', 'Response ID (machine readable)', 'Response value', 'Answer requirement', 'Human-friendly question label'];

/**
 * The draft as rows of Play Console's Data safety CSV template: the general questions, each detected data type
 * selected, and its usage questions — "collected" answered TRUE (the data leaves the device), everything else
 * blank for the developer. Cells a spreadsheet would run as a formula are escaped (csv-stringify escape_formulas).
 */
export function toDataSafetyCsv(result: ScanResult, rules: RulePack): string {
  const d = dataSafetyDraft(result, rules);
  const rows: string[][] = [DATASAFETY_CSV_HEADER];
  const tf = (v: boolean | null) => (v === null ? '' : v ? 'TRUE' : 'FALSE');
  rows.push(['PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA', '', tf(d.collectsOrShares), 'REQUIRED', 'Does your app collect or share any of the required user data types?']);
  rows.push(['PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT', '', tf(d.encryptedInTransit), 'MAYBE_REQUIRED', 'Is all of the user data collected by your app encrypted in transit?']);
  for (const t of d.dataTypes) rows.push([t.play.question, t.play.response, 'TRUE', 'MULTIPLE_CHOICE', `${t.play.category} / ${t.play.type}`]);
  for (const t of d.dataTypes) {
    const q = `PSL_DATA_USAGE_RESPONSES:${t.play.response}`;
    const label = `Data usage and handling (${t.play.type})`;
    rows.push([`${q}:PSL_DATA_USAGE_COLLECTION_AND_SHARING`, 'PSL_DATA_USAGE_ONLY_COLLECTED', 'TRUE', 'MULTIPLE_CHOICE', `${label} / Is this data collected, shared, or both? / Collected`]);
    rows.push([`${q}:PSL_DATA_USAGE_COLLECTION_AND_SHARING`, 'PSL_DATA_USAGE_ONLY_SHARED', '', 'MULTIPLE_CHOICE', `${label} / Is this data collected, shared, or both? / Shared`]);
    rows.push([`${q}:PSL_DATA_USAGE_EPHEMERAL`, '', '', 'MAYBE_REQUIRED', `${label} / Is this data processed ephemerally?`]);
    rows.push([`${q}:DATA_USAGE_USER_CONTROL`, 'PSL_DATA_USAGE_USER_CONTROL_OPTIONAL', '', 'SINGLE_CHOICE', `${label} / Is this data required for your app, or can users choose whether it's collected? / Users can choose whether this data is collected`]);
    rows.push([`${q}:DATA_USAGE_USER_CONTROL`, 'PSL_DATA_USAGE_USER_CONTROL_REQUIRED', '', 'SINGLE_CHOICE', `${label} / Is this data required for your app, or can users choose whether it's collected? / Data collection is required (users can't turn off this data collection)`]);
    for (const [id, name] of PURPOSES) rows.push([`${q}:DATA_USAGE_COLLECTION_PURPOSE`, id, '', 'MULTIPLE_CHOICE', `${label} / Why is this user data collected? Select all that apply. / ${name}`]);
    for (const [id, name] of PURPOSES) rows.push([`${q}:DATA_USAGE_SHARING_PURPOSE`, id, '', 'MULTIPLE_CHOICE', `${label} / Why is this user data shared? Select all that apply. / ${name}`]);
  }
  return stringify(rows, { record_delimiter: 'unix', escape_formulas: true });
}
