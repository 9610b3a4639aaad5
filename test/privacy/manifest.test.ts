// Privacy manifests (issue #19) on the iOS sample: the app's XML manifest under-declares (a uid leaves the device,
// no UserID), ClubCore's binary manifest (plistlib FMT_BINARY) declares boot time but not the file timestamps its
// binary reads with stat(), and the vendor framework AgoraRtcKit ships none. Plus the reader on both encodings,
// tracking domains against the build's endpoints, and Apple's listed SDKs, on folders built from the same files.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { readFacts } from '../../scanner/formats/index.js';
import type { Finding } from '../../scanner/core/finding.js';

const ROOT = join(import.meta.dirname, '../..');
const IPA = join(ROOT, 'samples/ios/Club.ipa');
const rules = defaultRulePack();

async function findingsOf(input: string): Promise<Finding[]> {
  const r = await scan({ inputs: [input], rules, workers: 0 });
  return r.bundles[0]!.findings;
}

async function member(zipPath: string, name: string): Promise<Buffer> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      zip.on('entry', async (e: yauzl.Entry) => {
        if (e.fileName !== name) return zip.readEntry();
        const chunks: Buffer[] = [];
        for await (const c of await zip.openReadStreamPromise(e)) chunks.push(c as Buffer);
        resolve(Buffer.concat(chunks));
      });
      zip.on('end', () => reject(new Error(`${name} not in ${zipPath}`)));
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

const APP = 'Payload/Club.app/';

describe('privacy manifest reader', () => {
  it('reads the XML manifest of the sample app', async () => {
    const data = await member(IPA, `${APP}PrivacyInfo.xcprivacy`);
    expect(data.subarray(0, 5).toString()).toBe('<?xml');
    const f = await readFacts(data, `x.ipa!/${APP}PrivacyInfo.xcprivacy`, { rules, maxStrings: 1000 });
    expect(f.privacyManifest).toEqual({
      tracking: false,
      trackingDomains: [],
      collected: [{ type: 'NSPrivacyCollectedDataTypeAudioData', linked: false, tracking: false, purposes: ['NSPrivacyCollectedDataTypePurposeAppFunctionality'] }],
      accessedApis: [{ category: 'NSPrivacyAccessedAPICategoryUserDefaults', reasons: ['CA92.1'] }],
      problems: [],
    });
  });

  it('reads the binary manifest (written by python plistlib) of ClubCore.framework', async () => {
    const data = await member(IPA, `${APP}Frameworks/ClubCore.framework/PrivacyInfo.xcprivacy`);
    expect(data.subarray(0, 8).toString()).toBe('bplist00');
    const f = await readFacts(data, `x.ipa!/${APP}Frameworks/ClubCore.framework/PrivacyInfo.xcprivacy`, { rules, maxStrings: 1000 });
    expect(f.meta.encoding).toBe('binary');
    expect(f.privacyManifest).toEqual({
      tracking: false,
      trackingDomains: [],
      collected: [],
      accessedApis: [{ category: 'NSPrivacyAccessedAPICategorySystemBootTime', reasons: ['35F9.1'] }],
      problems: [],
    });
  });

  it('names entries of the wrong shape instead of counting them as declared', async () => {
    const xml = `<?xml version="1.0"?><plist version="1.0"><dict><key>NSPrivacyTracking</key><string>no</string>
      <key>NSPrivacyAccessedAPITypes</key><array><dict><key>NSPrivacyAccessedAPITypeReasons</key><array><string>C617.1</string></array></dict></array></dict></plist>`;
    const f = await readFacts(Buffer.from(xml), 'PrivacyInfo.xcprivacy', { rules, maxStrings: 1000 });
    expect(f.privacyManifest!.accessedApis).toEqual([]);
    expect(f.privacyManifest!.problems).toEqual(['NSPrivacyTracking is not a boolean', 'NSPrivacyAccessedAPITypes/0 has no NSPrivacyAccessedAPIType string']);
  });
});

/**
 * A binary plist manifest in which every string is ONE 253-character object referenced from everywhere: 1,000
 * tracking domains and 300 collected types with 600 purposes each. 4 KB on disk; 45 MB of strings if every
 * reference were kept.
 */
function sharedRefsManifest(): Buffer {
  const objects: Buffer[] = [];
  const add = (b: Buffer) => objects.push(b) - 1;
  const marker = (type: number, n: number) => (n < 15 ? Buffer.from([(type << 4) | n]) : Buffer.from([(type << 4) | 0xf, 0x11, n >> 8, n & 0xff]));
  const str = (v: string) => add(Buffer.concat([marker(0x5, v.length), Buffer.from(v, 'latin1')]));
  const arr = (ids: number[]) => add(Buffer.concat([marker(0xa, ids.length), Buffer.from(ids)]));
  const dict = (kv: Array<[number, number]>) => add(Buffer.concat([marker(0xd, kv.length), Buffer.from(kv.map((x) => x[0])), Buffer.from(kv.map((x) => x[1]))]));
  const big = str('d'.repeat(253));
  const purposes = arr(new Array(600).fill(big));
  const entry = dict([[str('NSPrivacyCollectedDataType'), big], [str('NSPrivacyCollectedDataTypePurposes'), purposes]]);
  const top = dict([[str('NSPrivacyTrackingDomains'), arr(new Array(1000).fill(big))], [str('NSPrivacyCollectedDataTypes'), arr(new Array(300).fill(entry))]]);
  const head = Buffer.from('bplist00');
  const offsets: number[] = [];
  let at = head.length;
  for (const o of objects) offsets.push(at), (at += o.length);
  const table = Buffer.alloc(objects.length * 4);
  offsets.forEach((o, i) => table.writeUInt32BE(o, i * 4));
  const trailer = Buffer.alloc(32);
  trailer[6] = 4; // offset size
  trailer[7] = 1; // reference size
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(BigInt(top), 16);
  trailer.writeBigUInt64BE(BigInt(at), 24);
  return Buffer.concat([head, ...objects, table, trailer]);
}

describe('privacy manifest reader on hostile input', () => {
  it('keeps a bounded amount of a manifest whose strings are shared references, and says so', async () => {
    const data = sharedRefsManifest();
    expect(data.length).toBeLessThan(8 * 1024);
    const f = await readFacts(data, 'x/PrivacyInfo.xcprivacy', { rules, maxStrings: 100000 });
    const m = f.privacyManifest!;
    expect(m.trackingDomains.length).toBeGreaterThan(200); // it was read...
    const chars = JSON.stringify(m).length;
    expect(chars).toBeLessThan(200 * 1024); // ...but not 45 MB of it
    expect(m.problems).toContain('the manifest holds more than 65536 characters of values; the rest was not read');
  });
});

describe('privacy-manifest check on the iOS sample', () => {
  it('reports the vendor framework without a manifest, the undeclared user id and the undeclared stat()', async () => {
    const findings = (await findingsOf(IPA)).filter((f) => f.properties.category === 'privacy-manifest');
    const summary = findings.map((f) => `${f.ruleId} ${f.level ?? '-'} ${f.location.artifact.replace(/^.*Club\.ipa!\//, '')} ${String(f.properties.framework ?? f.properties.dataType ?? f.properties.apiCategory)}`).sort();
    expect(summary).toEqual([
      `RTC601 - ${APP}Frameworks/AgoraRtcKit.framework/AgoraRtcKit AgoraRtcKit`,
      `RTC603 note ${APP}PrivacyInfo.xcprivacy NSPrivacyCollectedDataTypePhotosorVideos`,
      `RTC603 warning ${APP}PrivacyInfo.xcprivacy NSPrivacyCollectedDataTypeUserID`,
      `RTC604 - ${APP}Frameworks/ClubCore.framework/ClubCore NSPrivacyAccessedAPICategoryFileTimestamp`,
    ]);
    const uid = findings.find((f) => f.properties.dataType === 'NSPrivacyCollectedDataTypeUserID')!;
    // the evidence: the Agora join's uid and the uid in the presence URL, both from the app's code
    expect(uid.message).toContain('Agora session');
    expect(uid.message).toContain('uid sent by nsurl to api.clubrooms.example');
    expect(uid.location.line).toBeGreaterThan(1); // the XML manifest's NSPrivacyCollectedDataTypes key
    const api = findings.find((f) => f.ruleId === 'RTC604')!;
    expect(api.properties.apis).toEqual(['stat']);
    expect(api.message).toContain('ITMS-91053');
    expect(api.message).toContain('C617.1');
  });

  it('finds nothing to report once the manifests declare what the build does', async () => {
    // The same app, with manifests completed: UserID and video declared, file timestamps declared for ClubCore
    // and Agora's framework given a manifest.
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-privacy-'));
    const app = join(dir, 'Club.app');
    const put = async (name: string, data?: Buffer) => {
      mkdirSync(join(app, name, '..'), { recursive: true });
      writeFileSync(join(app, name), data ?? (await member(IPA, APP + name)));
    };
    for (const n of ['Club', 'Info.plist', 'Frameworks/AgoraRtcKit.framework/AgoraRtcKit', 'Frameworks/AgoraRtcKit.framework/Info.plist', 'Frameworks/ClubCore.framework/ClubCore']) await put(n);
    const manifest = (collected: string[], apis: Array<[string, string]>) =>
      Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict><key>NSPrivacyTracking</key><false/>
<key>NSPrivacyCollectedDataTypes</key><array>${collected.map((c) => `<dict><key>NSPrivacyCollectedDataType</key><string>${c}</string><key>NSPrivacyCollectedDataTypeLinked</key><true/><key>NSPrivacyCollectedDataTypeTracking</key><false/><key>NSPrivacyCollectedDataTypePurposes</key><array><string>NSPrivacyCollectedDataTypePurposeAppFunctionality</string></array></dict>`).join('')}</array>
<key>NSPrivacyAccessedAPITypes</key><array>${apis.map(([c, r]) => `<dict><key>NSPrivacyAccessedAPIType</key><string>${c}</string><key>NSPrivacyAccessedAPITypeReasons</key><array><string>${r}</string></array></dict>`).join('')}</array></dict></plist>`);
    await put('PrivacyInfo.xcprivacy', manifest(['NSPrivacyCollectedDataTypeUserID', 'NSPrivacyCollectedDataTypeAudioData'], []));
    await put('Frameworks/AgoraRtcKit.framework/PrivacyInfo.xcprivacy', manifest(['NSPrivacyCollectedDataTypePhotosorVideos'], []));
    await put('Frameworks/ClubCore.framework/PrivacyInfo.xcprivacy', manifest([], [['NSPrivacyAccessedAPICategoryFileTimestamp', 'C617.1'], ['NSPrivacyAccessedAPICategorySystemBootTime', '35F9.1']]));
    const findings = (await findingsOf(dir)).filter((f) => f.properties.category === 'privacy-manifest');
    expect(findings.map((f) => f.message)).toEqual([]);
    // ...and a category declared without a reason is no declaration
    await put('Frameworks/ClubCore.framework/PrivacyInfo.xcprivacy', manifest([], [['NSPrivacyAccessedAPICategorySystemBootTime', '35F9.1']]));
    const again = (await findingsOf(dir)).filter((f) => f.properties.category === 'privacy-manifest');
    expect(again.map((f) => `${f.ruleId} ${String(f.properties.apiCategory)}`)).toEqual(['RTC604 NSPrivacyAccessedAPICategoryFileTimestamp']);
  });

  it('tracking domains: an RTC vendor host declared as tracking domain, a domain the build never names, tracking without domains', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-privacy-'));
    const app = join(dir, 'Club.app');
    mkdirSync(join(app, 'Frameworks/AgoraRtcKit.framework'), { recursive: true });
    writeFileSync(join(app, 'Frameworks/AgoraRtcKit.framework/AgoraRtcKit'), await member(IPA, `${APP}Frameworks/AgoraRtcKit.framework/AgoraRtcKit`));
    writeFileSync(join(app, 'Frameworks/AgoraRtcKit.framework/PrivacyInfo.xcprivacy'), '<?xml version="1.0"?><plist version="1.0"><dict><key>NSPrivacyTracking</key><true/></dict></plist>');
    writeFileSync(
      join(app, 'PrivacyInfo.xcprivacy'),
      '<?xml version="1.0"?><plist version="1.0"><dict><key>NSPrivacyTracking</key><true/><key>NSPrivacyTrackingDomains</key><array><string>sd-rtn.com</string><string>ads.example.net</string></array></dict></plist>',
    );
    const findings = (await findingsOf(dir)).filter((f) => f.ruleId === 'RTC602');
    expect(findings.map((f) => `${f.level} ${String(f.properties.problem)} ${String(f.properties.domain ?? '')}`).sort()).toEqual([
      'note tracking-domain-not-seen ads.example.net',
      'warning rtc-host-as-tracking-domain sd-rtn.com',
      'warning tracking-without-domains ',
    ]);
    expect(findings.find((f) => f.properties.domain === 'sd-rtn.com')!.message).toContain('statscollector.sd-rtn.com');
  });

  it("a framework on Apple's list without a manifest is reported; a resource bundle named after it covers it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-privacy-'));
    const fw = join(dir, 'App.app/Frameworks/hermes.framework');
    mkdirSync(fw, { recursive: true });
    copyFileSync(join(ROOT, 'samples/ios/core/ClubCore'), join(fw, 'hermes'));
    writeFileSync(
      join(dir, 'App.app/PrivacyInfo.xcprivacy'),
      `<?xml version="1.0"?><plist version="1.0"><dict><key>NSPrivacyAccessedAPITypes</key><array>
<dict><key>NSPrivacyAccessedAPIType</key><string>NSPrivacyAccessedAPICategoryFileTimestamp</string><key>NSPrivacyAccessedAPITypeReasons</key><array><string>C617.1</string></array></dict>
<dict><key>NSPrivacyAccessedAPIType</key><string>NSPrivacyAccessedAPICategorySystemBootTime</string><key>NSPrivacyAccessedAPITypeReasons</key><array><string>35F9.1</string></array></dict>
</array></dict></plist>`,
    );
    let findings = (await findingsOf(dir)).filter((f) => f.properties.category === 'privacy-manifest');
    // the app's manifest declares both categories hermes' binary uses, so only the missing SDK manifest is left
    expect(findings.map((f) => `${f.ruleId} ${String(f.properties.framework)} ${String(f.properties.appleListed)}`)).toEqual(['RTC601 hermes true']);
    mkdirSync(join(dir, 'App.app/hermes_Privacy.bundle'));
    writeFileSync(join(dir, 'App.app/hermes_Privacy.bundle/PrivacyInfo.xcprivacy'), '<?xml version="1.0"?><plist version="1.0"><dict/></plist>');
    findings = (await findingsOf(dir)).filter((f) => f.properties.category === 'privacy-manifest');
    expect(findings).toEqual([]);
    expect(readFileSync(join(fw, 'hermes')).subarray(0, 4).readUInt32LE(0)).toBe(0xfeedfacf);
  });

  it('RTC605: wrong shapes, unknown categories, missing and unapproved reasons; an unapproved reason is no declaration for RTC604', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-privacy-'));
    const fw = join(dir, 'App.app/Frameworks/ClubCore.framework');
    mkdirSync(fw, { recursive: true });
    copyFileSync(join(ROOT, 'samples/ios/core/ClubCore'), join(fw, 'ClubCore'));
    writeFileSync(
      join(fw, 'PrivacyInfo.xcprivacy'),
      `<?xml version="1.0"?><plist version="1.0"><dict><key>NSPrivacyTracking</key><string>NO</string><key>NSPrivacyAccessedAPITypes</key><array>
<dict><key>NSPrivacyAccessedAPIType</key><string>NSPrivacyAccessedAPICategoryFileTimestamp</string><key>NSPrivacyAccessedAPITypeReasons</key><array><string>CA92.1</string></array></dict>
<dict><key>NSPrivacyAccessedAPIType</key><string>NSPrivacyAccessedAPICategorySystemBootTime</string><key>NSPrivacyAccessedAPITypeReasons</key><array/></dict>
<dict><key>NSPrivacyAccessedAPIType</key><string>NSPrivacyAccessedAPICategoryDeviceModel</string><key>NSPrivacyAccessedAPITypeReasons</key><array><string>1234.1</string></array></dict>
</array></dict></plist>`,
    );
    const findings = (await findingsOf(dir)).filter((f) => f.properties.category === 'privacy-manifest');
    expect(findings.filter((f) => f.ruleId === 'RTC605').map((f) => String(f.properties.problem)).sort()).toEqual([
      'CA92.1 is not an approved reason for NSPrivacyAccessedAPICategoryFileTimestamp (DDA9.1, C617.1, 3B52.1, 0A2A.1)',
      'NSPrivacyAccessedAPICategoryDeviceModel is not a required-reason API category (known: FileTimestamp, SystemBootTime, DiskSpace, ActiveKeyboards, UserDefaults)',
      'NSPrivacyAccessedAPICategorySystemBootTime is declared without a reason',
      'NSPrivacyTracking is not a boolean',
    ]);
    // CA92.1 is a UserDefaults reason: the stat() import is still undeclared, and so is mach_absolute_time
    expect(findings.filter((f) => f.ruleId === 'RTC604').map((f) => String(f.properties.apiCategory)).sort()).toEqual(['NSPrivacyAccessedAPICategoryFileTimestamp', 'NSPrivacyAccessedAPICategorySystemBootTime']);
  });

  it('asks no required reasons of a macOS build (test/fixtures/privacy/ClubCore-macos: the same stat() and mach_absolute_time())', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-privacy-'));
    for (const [name, bin] of [['Mac.app/Contents/Frameworks/ClubCore.framework', 'test/fixtures/privacy/ClubCore-macos'], ['Phone.app/Frameworks/ClubCore.framework', 'samples/ios/core/ClubCore']]) {
      mkdirSync(join(dir, name), { recursive: true });
      copyFileSync(join(ROOT, bin), join(dir, name, 'ClubCore'));
    }
    const findings = (await findingsOf(dir)).filter((f) => f.ruleId === 'RTC604');
    expect(findings.map((f) => `${f.location.artifact.replace(/^.*?\/(Mac|Phone)\.app/, '$1')} ${String(f.properties.apiCategory)}`).sort()).toEqual([
      'Phone/Frameworks/ClubCore.framework/ClubCore NSPrivacyAccessedAPICategoryFileTimestamp',
      'Phone/Frameworks/ClubCore.framework/ClubCore NSPrivacyAccessedAPICategorySystemBootTime',
    ]);
  });
});
