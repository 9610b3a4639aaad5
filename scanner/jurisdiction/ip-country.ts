// IP literal → country, offline. The data is the RIR-derived "asn-country" table of @ip-location-db (data by the
// NRO under CC BY 4.0: reports that show a country from it carry the attribution, see ATTRIBUTION). It is read
// lazily, on the first IP literal a scan meets, and kept for the rest of the process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseIp } from './ip-address.js';
import { ipv4Table, ipv6Table, type RangeTable } from './range-table.js';

export const IP_DATA_PACKAGE = '@ip-location-db/asn-country';
export const ATTRIBUTION = 'IP-to-country data: @ip-location-db/asn-country, from RIR statistics by the NRO (nro.net), CC BY 4.0.';

/** Each family's table is built on the first lookup of that family; `null` = tried and unavailable. */
const tables: { 4?: RangeTable | null; 6?: RangeTable | null } = {};
const problems: string[] = [];

function dataDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${IP_DATA_PACKAGE}/package.json`));
  } catch {
    return undefined;
  }
}

function load(v: 4 | 6): RangeTable | null {
  const dir = dataDir();
  if (!dir) {
    problems.push(`${IP_DATA_PACKAGE} is not installed; IP literals get no country`);
    return null;
  }
  const file = `asn-country-ipv${v}-num.csv`;
  try {
    const table = (v === 4 ? ipv4Table : ipv6Table)(readFileSync(join(dir, file), 'latin1'));
    if (table.problem) problems.push(`${file}: ${table.problem}`);
    return table;
  } catch (e) {
    problems.push(`cannot read ${file}: ${(e as Error).message}`);
    return null;
  }
}

/** Country (ISO 3166-1 alpha-2) of the range holding `ip` in the offline table; undefined when not known. */
export function countryForIp(ip: string): string | undefined {
  const parsed = parseIp(ip);
  if (!parsed) return undefined;
  if (tables[parsed.v] === undefined) tables[parsed.v] = load(parsed.v);
  return tables[parsed.v]?.lookup(parsed);
}

/** Problems met while loading the table (empty when it loaded fully or was never needed). */
export function ipDataProblems(): readonly string[] {
  return problems;
}

/** Whether the table has been loaded (for tests of the lazy loading). */
export function ipDataLoaded(v: 4 | 6): boolean {
  return tables[v] !== undefined;
}
