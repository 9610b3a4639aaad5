// Where things are: IP literal → country (offline table) and ccTLD → country hint.
export { countryForIp, ipDataProblems, ATTRIBUTION as IP_DATA_ATTRIBUTION } from './ip-country.js';
export { countryHintForHost, countryName, GENERIC_CCTLDS } from './cctld.js';
export { parseIp, type ParsedIp } from './ip-address.js';
