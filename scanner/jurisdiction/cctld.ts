// Country hints from a host's country-code TLD. A hint, not a location: a ccTLD says which registry the name
// is under (and so whose law governs the name), not where the server is. ccTLDs marketed for generic use carry
// no hint at all.

/**
 * ccTLDs sold and used as generic names, so they say nothing about a country: Google's list of "generic
 * country-code TLDs" (ad as bz cc cd co dj fm io la me ms nu sc sr su tv tk ws) plus ones used the same way in
 * practice (ai gg ly to sh vc ac im gl).
 */
export const GENERIC_CCTLDS: ReadonlySet<string> = new Set(
  'ad as bz cc cd co dj fm io la me ms nu sc sr su tv tk ws ai gg ly to sh vc ac im gl'.split(' '),
);

/** ccTLDs whose country is not the same letters (ISO 3166 code of `.uk` is GB). `.eu` is not a country. */
const CCTLD_COUNTRY: Readonly<Record<string, string>> = { uk: 'GB' };

/** Internationalised ccTLDs (punycode) of the regions the scanner's users ask about most. */
const IDN_CCTLDS: Readonly<Record<string, string>> = {
  'xn--fiqs8s': 'CN', // .中国
  'xn--fiqz9s': 'CN', // .中國
  'xn--j6w193g': 'HK', // .香港
  'xn--mix891f': 'MO', // .澳門
  'xn--kprw13d': 'TW', // .台湾
  'xn--kpry57d': 'TW', // .台灣
  'xn--p1ai': 'RU', // .рф
  'xn--3e0b707e': 'KR', // .한국
};

// Built on first use: creating it loads ICU's region names (tens of ms), which a scan without endpoints never needs.
let names: Intl.DisplayNames | undefined;
const regionNames = () => (names ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }));

/** Whether `code` is an ISO 3166-1 alpha-2 region the runtime's ICU knows (rejects `EU`-like pseudo codes too). */
function isKnownRegion(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && code !== 'EU' && code !== 'UN' && code !== 'ZZ' && regionNames().of(code) !== code;
}

/**
 * Country (ISO 3166-1 alpha-2) suggested by the host's TLD: `rtc.example.cn` → CN, `a.b.com.cn` → CN,
 * `x.co.uk` → GB. Undefined for generic TLDs (.com), generic-use ccTLDs (.io, .co, .me, .tv, .ai, …) and IP literals.
 */
export function countryHintForHost(host: string): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h.includes('.') || h.includes(':') || /^[\d.]+$/.test(h)) return undefined;
  const tld = h.slice(h.lastIndexOf('.') + 1);
  if (IDN_CCTLDS[tld]) return IDN_CCTLDS[tld];
  if (!/^[a-z]{2}$/.test(tld) || GENERIC_CCTLDS.has(tld)) return undefined;
  const code = CCTLD_COUNTRY[tld] ?? tld.toUpperCase();
  return isKnownRegion(code) ? code : undefined;
}

/** English name of a country code, e.g. `CN` → `China`; the code itself when the runtime does not know it. */
export function countryName(code: string): string {
  try {
    return regionNames().of(code) ?? code;
  } catch {
    return code;
  }
}
