// Apple privacy manifests (`PrivacyInfo.xcprivacy`, XML or binary plist): the parsed plist value turned into what it
// declares — tracking flag and domains, collected data types, required-reason API categories with their reasons.
// Keys and shapes: https://developer.apple.com/documentation/bundleresources/privacy-manifest-files
// An entry of the wrong shape is left out and named in `problems`, so a check can say the manifest is malformed
// instead of treating the entry as declared.
import type { PrivacyManifestFacts } from '../../core/facts.js';

/** Entries kept per list; real manifests have a few dozen. */
const MAX_ENTRIES = 1000;

export function isPrivacyManifestPath(path: string): boolean {
  return /(?:^|[/!])PrivacyInfo\.xcprivacy$/i.test(path);
}

const isDict = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);

export function readPrivacyManifest(value: unknown): PrivacyManifestFacts {
  const m: PrivacyManifestFacts = { trackingDomains: [], collected: [], accessedApis: [], problems: [] };
  if (!isDict(value)) {
    m.problems.push('the top level is not a dictionary');
    return m;
  }
  const problem = (p: string) => {
    if (m.problems.length < 50) m.problems.push(p);
  };
  const strings = (v: unknown, where: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      problem(`${where} is not an array`);
      return [];
    }
    const out: string[] = [];
    for (const [i, s] of v.slice(0, MAX_ENTRIES).entries()) {
      if (typeof s === 'string') out.push(s);
      else problem(`${where}/${i} is not a string`);
    }
    return out;
  };
  const dicts = (v: unknown, where: string): Array<[number, Record<string, unknown>]> => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      problem(`${where} is not an array`);
      return [];
    }
    const out: Array<[number, Record<string, unknown>]> = [];
    for (const [i, d] of v.slice(0, MAX_ENTRIES).entries()) {
      if (isDict(d)) out.push([i, d]);
      else problem(`${where}/${i} is not a dictionary`);
    }
    return out;
  };
  const bool = (v: unknown, where: string): boolean | undefined => {
    if (v === undefined || typeof v === 'boolean') return v;
    problem(`${where} is not a boolean`);
    return undefined;
  };

  m.tracking = bool(value.NSPrivacyTracking, 'NSPrivacyTracking');
  if (m.tracking === undefined) delete m.tracking;
  m.trackingDomains = strings(value.NSPrivacyTrackingDomains, 'NSPrivacyTrackingDomains');
  for (const [i, d] of dicts(value.NSPrivacyCollectedDataTypes, 'NSPrivacyCollectedDataTypes')) {
    const where = `NSPrivacyCollectedDataTypes/${i}`;
    if (typeof d.NSPrivacyCollectedDataType !== 'string') {
      problem(`${where} has no NSPrivacyCollectedDataType string`);
      continue;
    }
    const linked = bool(d.NSPrivacyCollectedDataTypeLinked, `${where}/NSPrivacyCollectedDataTypeLinked`);
    const tracking = bool(d.NSPrivacyCollectedDataTypeTracking, `${where}/NSPrivacyCollectedDataTypeTracking`);
    m.collected.push({
      type: d.NSPrivacyCollectedDataType,
      ...(linked !== undefined ? { linked } : {}),
      ...(tracking !== undefined ? { tracking } : {}),
      purposes: strings(d.NSPrivacyCollectedDataTypePurposes, `${where}/NSPrivacyCollectedDataTypePurposes`),
    });
  }
  for (const [i, d] of dicts(value.NSPrivacyAccessedAPITypes, 'NSPrivacyAccessedAPITypes')) {
    const where = `NSPrivacyAccessedAPITypes/${i}`;
    if (typeof d.NSPrivacyAccessedAPIType !== 'string') {
      problem(`${where} has no NSPrivacyAccessedAPIType string`);
      continue;
    }
    m.accessedApis.push({ category: d.NSPrivacyAccessedAPIType, reasons: strings(d.NSPrivacyAccessedAPITypeReasons, `${where}/NSPrivacyAccessedAPITypeReasons`) });
  }
  return m;
}
