// CycloneDX 1.6 JSON: an SBOM that says where data goes. A component per detected RTC SDK (purl where the build
// names its package: npm, CocoaPods, Maven; supplier with country), a service per endpoint group (a vendor's hosts,
// or one registrable domain of hosts no vendor owns) with the URLs the build contains, the data the analysis sees
// flowing to it (user id, room id, credentials, audio/video) and its trust boundary, and dependencies app → SDKs and
// services. What static analysis cannot know (volumes, whether a code path runs) is not claimed.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { getDomain } from 'tldts';
import type { Finding } from '../core/finding.js';
import type { BundleResult, ScanResult } from '../engine/scan.js';
import type { RulePack } from '../rules/pack.js';
import type { VendorRule } from '../rules/schema.js';
import { TOOL } from './tool.js';

type Props = Array<{ name: string; value: string }>;

interface Component {
  type: 'library' | 'framework' | 'application';
  'bom-ref': string;
  name: string;
  version?: string;
  purl?: string;
  supplier?: { name: string; address?: { country: string } };
  description?: string;
  properties?: Props;
  evidence?: { occurrences: Array<{ location: string }> };
}

interface ServiceData {
  flow: 'inbound' | 'outbound' | 'bi-directional' | 'unknown';
  classification: string;
  description?: string;
}

interface Service {
  'bom-ref': string;
  name: string;
  provider?: { name: string; address?: { country: string } };
  description?: string;
  endpoints?: string[];
  authenticated?: boolean;
  'x-trust-boundary': boolean;
  trustZone?: string;
  data?: ServiceData[];
  properties?: Props;
}

/** Endpoints listed per service; the rest is counted in a property. */
const MAX_ENDPOINTS = 100;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A host name or IP literal: endpoint results also carry scheme fragments (`*stun:`) that name no service. */
const HOSTLIKE = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$|^\[?[0-9a-f:.]+\]?$/i;

/** `pkg:npm/%40scope/name@1.0`, `pkg:cocoapods/Pod@1.0`, `pkg:maven/g/a@1.0` from `npm/@scope/name` etc. */
export function purlOf(coordinate: string, version?: string): string {
  const [type, ...rest] = coordinate.split('/');
  const path = rest.map((seg) => encodeURIComponent(seg)).join('/');
  return `pkg:${type}/${path}${version ? `@${encodeURIComponent(version)}` : ''}`;
}

function supplierOf(v: VendorRule): { name: string; address?: { country: string } } {
  const country = v.jurisdiction.country;
  return { name: v.name, ...(country && country !== 'ZZ' ? { address: { country } } : {}) };
}

/** Name-based UUID (RFC 4122 version 5 layout) from the BOM's own content: the same scan gives the same serial. */
function contentUuid(content: string): string {
  const h = createHash('sha1').update(content).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** What kind of data an identifier name stands for, in words an SBOM reader filters on. */
export function classifyIdentifier(identifier: string): string {
  const id = identifier.toLowerCase();
  if (/room|channel|meeting|call|session|conference/.test(id)) return 'room id';
  if (/uid|user|account|member|device|phone|email/.test(id)) return 'user id';
  return 'identifier';
}

interface ServiceAcc {
  service: Service;
  urls: Set<string>;
  data: Map<string, ServiceData>;
  cleartext: Set<string>;
}

export function toCycloneDx(result: ScanResult, rules: RulePack, now: Date = sourceDate() ?? result.startTime): string {
  const findings: Finding[] = result.bundles.flatMap((b: BundleResult) => b.findings);
  const appName = result.bundles.length === 1 ? basename(result.bundles[0]!.input) : 'scanned builds';
  const app: Component = { type: 'application', 'bom-ref': 'app', name: appName };

  // One SDK per vendor and package: RTC101 results of several artifacts (the framework binary, its Info.plist, the
  // app binary linking it) are one component; evidence without a version joins the version found elsewhere.
  const sdks = new Map<string, { vendor: VendorRule; coords: Set<string>; versions: Set<string>; routes: Set<string>; locations: Set<string> }>();
  for (const f of findings) {
    if (f.ruleId !== 'RTC101') continue;
    const vendor = rules.vendorById.get(String(f.properties.vendor));
    if (!vendor || vendor.jurisdiction.country === 'ZZ') continue; // a protocol (plain WebRTC), not a supplier
    let sdk = sdks.get(vendor.id);
    if (!sdk) sdks.set(vendor.id, (sdk = { vendor, coords: new Set(), versions: new Set(), routes: new Set(), locations: new Set() }));
    for (const c of Array.isArray(f.properties.packages) ? f.properties.packages : []) sdk.coords.add(c);
    for (const v of [f.properties.version, ...(Array.isArray(f.properties.versions) ? f.properties.versions : [])]) if (str(v)) sdk.versions.add(v as string);
    for (const r of Array.isArray(f.properties.routes) ? f.properties.routes : [String(f.properties.route ?? '')]) if (r) sdk.routes.add(r);
    sdk.locations.add(f.location.artifact);
    for (const r of f.related ?? []) sdk.locations.add(r.artifact);
  }
  const components: Component[] = [];
  for (const { vendor, coords, versions, routes, locations } of [...sdks.values()].sort((a, b) => a.vendor.id.localeCompare(b.vendor.id))) {
    for (const coord of coords.size ? [...coords].sort() : [undefined]) {
      for (const version of versions.size ? [...versions].sort() : [undefined]) {
        const name = coord ? coord.split('/').slice(1).join(coord.startsWith('maven/') ? ':' : '/') : `${vendor.name} RTC SDK`;
        components.push({
          type: 'library',
          'bom-ref': `sdk:${vendor.id}:${coord ?? 'sdk'}${version ? `@${version}` : ''}`,
          name,
          ...(version ? { version } : {}),
          ...(coord ? { purl: purlOf(coord, version) } : {}),
          supplier: supplierOf(vendor),
          description: `${vendor.name} real-time communication SDK`,
          properties: [
            { name: 'rtcscan:vendor', value: vendor.id },
            { name: 'rtcscan:jurisdiction', value: vendor.jurisdiction.country },
            ...(vendor.jurisdiction.headquarters ? [{ name: 'rtcscan:headquarters', value: vendor.jurisdiction.headquarters }] : []),
            { name: 'rtcscan:detectedBy', value: [...routes].sort().join(',') },
          ],
          evidence: { occurrences: [...locations].sort().slice(0, 20).map((location) => ({ location })) },
        });
      }
    }
  }

  const services = new Map<string, ServiceAcc>();
  const serviceFor = (vendorId: string | undefined, host: string | undefined): ServiceAcc | undefined => {
    const vendor = vendorId ? rules.vendorById.get(vendorId) : host ? rules.vendorForHost(host) : undefined;
    if (vendor && vendor.jurisdiction.country !== 'ZZ') {
      const ref = `service:${vendor.id}`;
      let s = services.get(ref);
      if (!s) {
        s = {
          service: {
            'bom-ref': ref,
            name: `${vendor.name} RTC service`,
            provider: supplierOf(vendor),
            'x-trust-boundary': true,
            trustZone: `vendor:${vendor.id}`,
            properties: [
              { name: 'rtcscan:vendor', value: vendor.id },
              { name: 'rtcscan:jurisdiction', value: vendor.jurisdiction.country },
              ...(vendor.jurisdiction.regime ? [{ name: 'rtcscan:regime', value: vendor.jurisdiction.regime }] : []),
            ],
          },
          urls: new Set(),
          data: new Map(),
          cleartext: new Set(),
        };
        services.set(ref, s);
      }
      return s;
    }
    if (!host) return undefined;
    const domain = getDomain(host) ?? host;
    const ref = `service:host:${domain}`;
    let s = services.get(ref);
    if (!s) {
      s = { service: { 'bom-ref': ref, name: domain, 'x-trust-boundary': true, trustZone: 'external' }, urls: new Set(), data: new Map(), cleartext: new Set() };
      services.set(ref, s);
    }
    return s;
  };
  const addData = (s: ServiceAcc, d: ServiceData) => {
    const key = `${d.flow}|${d.classification}`;
    if (!s.data.has(key)) s.data.set(key, d);
  };

  for (const f of findings) {
    const p = f.properties;
    const host = str(p.host) && HOSTLIKE.test(String(p.host)) ? String(p.host) : undefined;
    switch (f.ruleId) {
      case 'RTC201':
      case 'RTC202':
      case 'RTC203': {
        // A vendor's own code lists its hosts in one result: each goes to the service of whoever owns it.
        if (Array.isArray(p.hosts)) {
          for (const h of p.hosts) {
            if (!HOSTLIKE.test(h)) continue;
            const s = serviceFor(rules.vendorForHost(h)?.id, h);
            s?.urls.add(`//${h}`);
          }
          break;
        }
        const s = serviceFor(str(p.vendor), host);
        if (s && host) s.urls.add(str(p.url) ?? `//${host}`);
        break;
      }
      case 'RTC301':
      case 'RTC303': {
        const s = serviceFor(str(p.vendor), host);
        const id = str(p.identifier) ?? 'identifier';
        if (s) {
          addData(s, { flow: 'outbound', classification: classifyIdentifier(id), description: `${id} sent by ${str(p.sink) ?? 'a network call'}` });
          if (f.ruleId === 'RTC301') s.cleartext.add(classifyIdentifier(id));
          if (host && str(p.url)) s.urls.add(str(p.url)!);
        }
        break;
      }
      case 'RTC102': {
        const s = serviceFor(str(p.vendor), undefined);
        if (s) {
          addData(s, { flow: 'bi-directional', classification: 'audio/video', description: 'real-time media and session signalling of the SDK' });
          addData(s, { flow: 'outbound', classification: 'room id', description: 'channel / room name of the session' });
          addData(s, { flow: 'outbound', classification: 'user id', description: 'uid of the session' });
        }
        break;
      }
      case 'RTC401':
      case 'RTC402':
      case 'RTC403':
      case 'RTC404': {
        const s = serviceFor(str(p.vendor), undefined);
        if (s) addData(s, { flow: 'outbound', classification: 'credentials', description: 'vendor credential compiled into the build' });
        break;
      }
    }
  }

  const serviceList: Service[] = [...services.values()]
    .sort((a, b) => a.service['bom-ref'].localeCompare(b.service['bom-ref']))
    .map((s) => {
      const urls = [...s.urls].sort();
      const props = [...(s.service.properties ?? [])];
      if (urls.length > MAX_ENDPOINTS) props.push({ name: 'rtcscan:endpointsOmitted', value: String(urls.length - MAX_ENDPOINTS) });
      if (s.cleartext.size) props.push({ name: 'rtcscan:cleartext', value: [...s.cleartext].sort().join(',') });
      return {
        ...s.service,
        ...(urls.length ? { endpoints: urls.slice(0, MAX_ENDPOINTS) } : {}),
        ...(s.data.size ? { data: [...s.data.values()].sort((a, b) => `${a.classification}${a.flow}`.localeCompare(`${b.classification}${b.flow}`)) } : {}),
        ...(props.length ? { properties: props } : {}),
      };
    });
  const componentList = components;

  const body = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      tools: { components: [{ type: 'application', name: TOOL.name, version: TOOL.version }] },
      component: app,
      properties: [{ name: 'rtcscan:inputs', value: result.bundles.map((b) => b.input).join(',') }],
    },
    components: componentList,
    services: serviceList,
    dependencies: [
      { ref: 'app', dependsOn: [...componentList.map((c) => c['bom-ref']), ...serviceList.map((s) => s['bom-ref'])] },
      // An SDK talks to its vendor's service.
      ...componentList.map((c) => {
        const vendor = c.properties?.find((p) => p.name === 'rtcscan:vendor')?.value;
        return { ref: c['bom-ref'], dependsOn: serviceList.filter((s) => s['bom-ref'] === `service:${vendor}`).map((s) => s['bom-ref']) };
      }),
    ],
  };
  const json = JSON.stringify(body);
  return JSON.stringify({ $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json', ...body, serialNumber: `urn:uuid:${contentUuid(json)}` }, null, 2) + '\n';
}

/** SOURCE_DATE_EPOCH (reproducible-builds convention) fixes the timestamp, so committed SBOMs do not drift. */
function sourceDate(): Date | undefined {
  const e = process.env.SOURCE_DATE_EPOCH;
  return e && /^\d+$/.test(e) ? new Date(Number(e) * 1000) : undefined;
}
