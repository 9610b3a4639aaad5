// Property lists: `plistReader` for XML and binary plists (Info.plist, framework plists, entitlements), and
// `mobileprovisionReader` for embedded.mobileprovision (a CMS-signed XML plist). XML is parsed by a strict reader
// of the plists Xcode writes (xml-strict.ts), anything else by a maintained library (`plist`); binary plists by our own decoder after a structural guard (bplist-parser decodes a shared
// object again at every reference). This module bounds the input and flattens the result into ConfigFacts.
import { lazyEsmPackage, lazyPackage } from '../../core/lazy.js';
import { emptyFacts, type Facts } from '../../core/facts.js';
import type { FormatReader } from '../reader.js';
import { budgetOf } from '../../core/budget.js';
import { checkBinaryPlist } from './bplist-guard.js';
import { decodeBinaryPlist } from './bplist-decode.js';
import { flattenPlist } from './flatten.js';
import { xmlKeyLocator } from './xml-positions.js';
import { parseStrictPlistXml } from './xml-strict.js';
import { isPrivacyManifestPath, readPrivacyManifest } from './privacy-manifest.js';
import { isBinaryPlist, isMobileProvision, isPlist } from './sniff.js';

const fxp = lazyPackage<typeof import('fast-xml-parser')>('fast-xml-parser');
/** `plist` (with xmldom and xmlbuilder, ~40 ms to load) only when an XML plist is parsed. */
const plist = lazyEsmPackage<typeof import('plist')>('plist');

/** Larger plists are not configuration; refusing them keeps the XML parser's memory bounded. */
export const MAX_PLIST_BYTES = 16 * 1024 * 1024;

const INFO_META: Record<string, string> = {
  CFBundleIdentifier: 'bundleId',
  CFBundleShortVersionString: 'version',
  CFBundleVersion: 'build',
  CFBundleExecutable: 'executable',
  MinimumOSVersion: 'minimumOSVersion',
};


export const plistReader: FormatReader = {
  id: 'plist',
  sniff: isPlist,
  read(data, path, ctx) {
    const binary = isBinaryPlist(data);
    const facts = emptyFacts(path, 'plist', !binary);
    facts.meta.encoding = binary ? 'binary' : 'xml';
    const value = binary ? parseBinary(data, facts) : parseXml(data.toString('utf8'), facts);
    if (value === undefined) return facts;
    if (isPrivacyManifestPath(path)) facts.privacyManifest = readPrivacyManifest(value);
    const locate = binary ? undefined : xmlKeyLocator(data.toString('utf8'));
    flattenPlist(value, facts, { maxStrings: ctx.maxStrings, locate, budget: budgetOf(ctx) });
    for (const c of facts.config) {
      const m = INFO_META[c.key];
      if (m && typeof c.value === 'string') facts.meta[m] = c.value;
    }
    return facts;
  },
};

function notice(facts: Facts, id: string, message: string): void {
  facts.notices.push({ level: 'warning', id, message, artifact: facts.artifact });
}

function parseBinary(data: Buffer, facts: Facts): unknown {
  if (data.length > MAX_PLIST_BYTES) {
    notice(facts, 'plist/too-large', `binary plist of ${data.length} bytes skipped (limit ${MAX_PLIST_BYTES})`);
    return undefined;
  }
  const problem = checkBinaryPlist(data);
  if (problem) {
    notice(facts, 'plist/malformed', `binary plist not parsed: ${problem}`);
    return undefined;
  }
  try {
    return decodeBinaryPlist(data);
  } catch (e) {
    notice(facts, 'plist/malformed', `binary plist not parsed: ${(e as Error).message}`);
    return undefined;
  }
}

function parseXml(text: string, facts: Facts): unknown {
  if (text.length > MAX_PLIST_BYTES) {
    notice(facts, 'plist/too-large', `XML plist of ${text.length} characters skipped (limit ${MAX_PLIST_BYTES})`);
    return undefined;
  }
  // Apple's plists never declare entities; a document that does is hostile or not a plist (xmldom would log
  // every unresolved reference to the console).
  if (/<!ENTITY/i.test(text)) {
    notice(facts, 'plist/malformed', 'XML plist declares DTD entities; not parsed');
    return undefined;
  }
  // The plists Xcode writes, read without a DOM (xml-strict.ts); anything else goes the validated xmldom way.
  const strict = parseStrictPlistXml(text);
  if (strict !== undefined) return strict;
  // xmldom (under `plist`) logs malformed input to the console and recovers silently; check well-formedness first
  // so a broken plist becomes one clean notice with a line number.
  const valid = fxp().XMLValidator.validate(text);
  if (valid !== true) {
    notice(facts, 'plist/malformed', `XML plist not well-formed at line ${valid.err.line}: ${valid.err.msg}`);
    return undefined;
  }
  try {
    // Well-formed input can still make xmldom log (U+FFFD from invalid UTF-8, odd doctypes): what it would print
    // becomes a notice; the scanner's own output stays the only thing on stderr.
    const { value, logged } = withConsoleCaptured(() => plist().parse(text));
    if (logged.length) notice(facts, 'plist/xml-warning', `XML plist parsed with ${logged.length} parser warning(s), first: ${logged[0]!.slice(0, 200)}`);
    return value;
  } catch (e) {
    notice(facts, 'plist/malformed', `XML plist not parsed: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

/** Runs a synchronous call with console.log/warn/error collected instead of printed. */
function withConsoleCaptured<T>(fn: () => T): { value: T; logged: string[] } {
  const logged: string[] = [];
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const collect = (...args: unknown[]) => void logged.push(args.map(String).join(' ').replace(/\s+/g, ' ').trim());
  console.log = console.warn = console.error = collect;
  try {
    return { value: fn(), logged };
  } finally {
    Object.assign(console, saved);
  }
}


const PROVISION_META: Record<string, string> = {
  'TeamIdentifier/0': 'teamId',
  TeamName: 'teamName',
  ExpirationDate: 'expirationDate',
  CreationDate: 'creationDate',
  AppIDName: 'appIdName',
  Name: 'profileName',
  UUID: 'profileUuid',
  'Entitlements/application-identifier': 'applicationIdentifier',
  'Entitlements/get-task-allow': 'getTaskAllow',
  'Entitlements/aps-environment': 'apsEnvironment',
};

/**
 * embedded.mobileprovision: the CMS SignedData's content is an XML plist stored as one DER OCTET STRING, so the
 * plist text sits in the file as is. The reader locates `<?xml` … `</plist>` and parses that range; the signature
 * is not verified (that needs Apple's certificate chain and says nothing about transport security).
 */
export const mobileprovisionReader: FormatReader = {
  id: 'mobileprovision',
  sniff: isMobileProvision,
  read(data, path, ctx) {
    const facts = emptyFacts(path, 'mobileprovision', false);
    const range = locatePlist(data);
    if (!range) {
      notice(facts, 'mobileprovision/no-plist', 'no embedded XML plist found in the signed data');
      return facts;
    }
    facts.meta.plistOffset = String(range.start);
    const text = data.toString('utf8', range.start, range.end);
    const value = parseXml(text, facts);
    if (value === undefined) return facts;
    // Byte offsets into the artifact: line numbers of the inner text would not mean anything in a binary file.
    flattenPlist(value, facts, { maxStrings: ctx.maxStrings, locate: xmlKeyLocator(text, range.start), budget: budgetOf(ctx) });
    for (const c of facts.config) {
      const m = PROVISION_META[c.key];
      if (m && c.value !== null) facts.meta[m] = String(c.value);
    }
    return facts;
  },
};

function locatePlist(data: Buffer): { start: number; end: number } | undefined {
  let start = data.indexOf('<?xml');
  if (start < 0) start = data.indexOf('<plist');
  if (start < 0) return undefined;
  const close = data.indexOf('</plist>', start);
  if (close < 0) return undefined;
  return { start, end: close + '</plist>'.length };
}
