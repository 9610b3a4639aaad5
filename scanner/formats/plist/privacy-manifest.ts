// Apple privacy manifests (`PrivacyInfo.xcprivacy`, XML or binary plist): the parsed plist value turned into what it
// declares — tracking flag and domains, collected data types, required-reason API categories with their reasons.
// Keys and shapes: https://developer.apple.com/documentation/bundleresources/privacy-manifest-files
// An entry of the wrong shape is left out and named in `problems`, so a check can say the manifest is malformed
// instead of treating the entry as declared.
import type { PrivacyManifestFacts } from '../../core/facts.js';

/** Entries kept per list; real manifests have a few dozen. */
const MAX_ENTRIES = 1000;
/** Longest value kept: keys, domains and reason codes are short; a longer one is named as a problem. */
const MAX_VALUE_CHARS = 253;
/**
 * Characters kept over the whole manifest. A binary plist can reference one string from thousands of places (the
 * decoder shares it), which would multiply here: the cap keeps the facts in proportion to a real manifest.
 */
const MAX_TOTAL_CHARS = 64 * 1024;

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
  let left = MAX_TOTAL_CHARS;
  let full = false;
  /** The value when it may be kept (short enough, within the manifest's total), else undefined. */
  const keep = (v: string, where: string): string | undefined => {
    if (v.length > MAX_VALUE_CHARS) {
      problem(`${where} is longer than ${MAX_VALUE_CHARS} characters`);
      return undefined;
    }
    if (v.length > left) {
      if (!full) problem(`the manifest holds more than ${MAX_TOTAL_CHARS} characters of values; the rest was not read`);
      full = true;
      return undefined;
    }
    left -= v.length;
    return v;
  };
  const strings = (v: unknown, where: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      problem(`${where} is not an array`);
      return [];
    }
    const out: string[] = [];
    for (const [i, s] of v.slice(0, MAX_ENTRIES).entries()) {
      if (typeof s !== 'string') problem(`${where}/${i} is not a string`);
      else {
        const k = keep(s, `${where}/${i}`);
        if (k !== undefined) out.push(k);
      }
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
    const type = keep(d.NSPrivacyCollectedDataType, `${where}/NSPrivacyCollectedDataType`);
    if (type === undefined) continue;
    const linked = bool(d.NSPrivacyCollectedDataTypeLinked, `${where}/NSPrivacyCollectedDataTypeLinked`);
    const tracking = bool(d.NSPrivacyCollectedDataTypeTracking, `${where}/NSPrivacyCollectedDataTypeTracking`);
    m.collected.push({
      type,
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
    const category = keep(d.NSPrivacyAccessedAPIType, `${where}/NSPrivacyAccessedAPIType`);
    if (category === undefined) continue;
    m.accessedApis.push({ category, reasons: strings(d.NSPrivacyAccessedAPITypeReasons, `${where}/NSPrivacyAccessedAPITypeReasons`) });
  }
  return m;
}
