// CycloneDX 1.6 SBOMs of the samples (real scanner output) validate against the CycloneDX schema with the
// validator of @cyclonedx/cyclonedx-library, and say which SDKs, which services and which data.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { ROOT } from '../helpers/cli.js';
import { classifyIdentifier, purlOf } from '../../scanner/report/cyclonedx.js';

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
const reports = join(ROOT, 'reports');
const bom = (name: string) => JSON.parse(readFileSync(join(reports, name), 'utf8'));

describe('CycloneDX SBOM', () => {
  it('every committed sample SBOM is valid CycloneDX 1.6 (strict)', async () => {
    const files = readdirSync(reports).filter((f) => f.endsWith('.cdx.json'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) expect({ f, error: await validator.validate(readFileSync(join(reports, f), 'utf8')) }).toEqual({ f, error: null });
  });

  it('the validator rejects a broken BOM (the check above can fail)', async () => {
    const broken = bom('web.cdx.json');
    broken.services[0].data[0].flow = 'sideways';
    expect(await validator.validate(JSON.stringify(broken))).not.toBeNull();
  });

  it('web sample: the npm SDK with its purl and supplier country, the vendor service, cleartext user and room ids to the backend', () => {
    const b = bom('web.cdx.json');
    const agora = b.components.find((c: { name: string }) => c.name === 'agora-rtc-sdk-ng');
    expect(agora).toMatchObject({ version: '4.24.8', purl: 'pkg:npm/agora-rtc-sdk-ng@4.24.8', supplier: { name: 'Agora', address: { country: 'CN' } } });
    const service = b.services.find((s: { 'bom-ref': string }) => s['bom-ref'] === 'service:agora');
    expect(service.endpoints.length).toBeGreaterThan(10);
    expect(service.properties).toContainEqual({ name: 'rtcscan:jurisdiction', value: 'CN' });
    const backend = b.services.find((s: { name: string }) => s.name === 'example.com');
    expect(backend.data.map((d: { classification: string }) => d.classification).sort()).toEqual(['room id', 'user id']);
    expect(backend.properties).toContainEqual({ name: 'rtcscan:cleartext', value: 'room id,user id' });
    expect(b.dependencies[0].dependsOn).toContain(agora['bom-ref']);
    expect(b.dependencies.find((d: { ref: string }) => d.ref === agora['bom-ref']).dependsOn).toEqual(['service:agora']);
    // No scheme fragment is a service.
    expect(b.services.map((s: { name: string }) => s.name)).not.toContain('*stun:');
  });

  it('iOS sample: one Agora component per version across the framework and the app binary, TRTC beside it', () => {
    const b = bom('ios.cdx.json');
    const agora = b.components.filter((c: { properties: Array<{ name: string; value: string }> }) => c.properties.some((p) => p.value === 'agora'));
    expect(agora).toHaveLength(1);
    expect(agora[0].version).toBe('4.3.0');

  });

  it('purls and data classes', () => {
    expect(purlOf('npm/@livekit/react-native', '2.1.0')).toBe('pkg:npm/%40livekit/react-native@2.1.0');
    expect(purlOf('maven/io.agora.rtc/full-sdk', '4.3.0')).toBe('pkg:maven/io.agora.rtc/full-sdk@4.3.0');
    expect(classifyIdentifier('roomId')).toBe('room id');
    expect(classifyIdentifier('uid')).toBe('user id');
  });
});
