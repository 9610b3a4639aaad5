// The Play Data safety draft (issue #19) on the Android sample (apktool-built APK with Agora's DEX calls, a native
// library and a cleartext uid URL): which data types leave the device, to whom, what stays blank — in JSON and in
// the five columns of Play Console's Data safety CSV template.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { runCli, tempDir } from '../helpers/cli.js';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { dataSafetyDraft, toDataSafetyCsv, DATASAFETY_CSV_HEADER, NOT_DETERMINABLE } from '../../scanner/report/datasafety.js';

const ROOT = join(import.meta.dirname, '../..');
const rules = defaultRulePack();

describe('Play Data safety draft', async () => {
  const result = await scan({ inputs: [join(ROOT, 'samples/android/club.apk')], rules, workers: 0 });
  const draft = dataSafetyDraft(result, rules);

  it('lists the user id, voice and video the Agora sessions and the uid URL send, with Agora as recipient', () => {
    expect(draft.dataTypes.map((t) => `${t.play.category} / ${t.play.type}`)).toEqual([
      'Audio files / Voice or sound recordings',
      'Personal info / User IDs',
      'Photos and videos / Videos',
    ]);
    const uid = draft.dataTypes.find((t) => t.id === 'user-id')!;
    const agora = uid.recipients.find((r) => r.vendor === 'agora')!;
    expect(agora.country).toBe('CN');
    expect(agora.evidence.some((e) => e.startsWith('Agora session'))).toBe(true);
    expect(uid.recipients.map((r) => r.name)).toEqual(['Agora']);
    expect(agora.endpoints).toEqual(['agora.io', 'api.agora.io', 'report.agora.io', 'webrtc2-ap-web-1.agora.io']);
    // the native SDK's report URL http://report.agora.io/v1/report?uid=%u&cname=%s carries the uid in cleartext
    // (the app's own http:// flows carry the channel, a room id, which is no Play data type)
    expect(agora.evidence).toContain('uid in the query of http://report.agora.io/v1/report?uid=%u&cname=%s');
    expect(agora.cleartext).toBe(true);
    expect(uid.encryptedInTransit).toBe(false);
    expect(draft.encryptedInTransit).toBe(false);
    // audio: nothing shows it unencrypted, nothing proves it encrypted
    expect(draft.dataTypes.find((t) => t.id === 'audio')!.encryptedInTransit).toBeNull();
    const audio = draft.dataTypes.find((t) => t.id === 'audio')!;
    expect(audio.caveat).toMatch(/ephemeral/i);
    expect(audio.encryptedInTransit).toBeNull();
    expect(draft.notDeterminable).toBe(NOT_DETERMINABLE);
  });

  it('CSV: the template columns, detected types selected, usage answers other than "collected" blank', () => {
    const rows = parse(toDataSafetyCsv(result, rules)) as string[][];
    expect(rows[0]).toEqual(DATASAFETY_CSV_HEADER);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    const value = (q: string, r = '') => rows.find((x) => x[0] === q && x[1] === r)?.[2];
    expect(value('PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA')).toBe('TRUE');
    expect(value('PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT')).toBe('FALSE');
    expect(value('PSL_DATA_TYPES_PERSONAL', 'PSL_USER_ACCOUNT')).toBe('TRUE');
    expect(value('PSL_DATA_TYPES_AUDIO', 'PSL_AUDIO')).toBe('TRUE');
    expect(value('PSL_DATA_TYPES_PHOTOS_AND_VIDEOS', 'PSL_VIDEOS')).toBe('TRUE');
    expect(value('PSL_DATA_USAGE_RESPONSES:PSL_USER_ACCOUNT:PSL_DATA_USAGE_COLLECTION_AND_SHARING', 'PSL_DATA_USAGE_ONLY_COLLECTED')).toBe('TRUE');
    const usage = rows.filter((r) => r[0]!.startsWith('PSL_DATA_USAGE_RESPONSES:') && r[1] !== 'PSL_DATA_USAGE_ONLY_COLLECTED');
    expect(usage.length).toBe(3 * 18); // shared, ephemeral, 2 user-control, 7 + 7 purposes
    expect(usage.every((r) => r[2] === '')).toBe(true);
  });

  it('a build without RTC sessions or identifier flows gives an empty draft, not a guess', async () => {
    const clean = await scan({ inputs: [join(ROOT, 'samples/clean')], rules, workers: 0 });
    const d = dataSafetyDraft(clean, rules);
    expect(d.dataTypes).toEqual([]);
    expect(d.collectsOrShares).toBeNull();
    const rows = parse(toDataSafetyCsv(clean, rules)) as string[][];
    expect(rows.slice(1).map((r) => r[2])).toEqual(['', '']);
  });

  it('CLI: -o x.datasafety.json / x.datasafety.csv by extension, --format datasafety-json on stdout', () => {
    const dir = tempDir('rtcscan-datasafety-');
    const r = runCli(['scan', 'samples/android/club.apk', '--fail-on', 'none', '--quiet', '-o', join(dir, 'club.datasafety.json'), '-o', join(dir, 'club.datasafety.csv')], ROOT);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'club.datasafety.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(draft)));
    expect(readFileSync(join(dir, 'club.datasafety.csv'), 'utf8')).toBe(toDataSafetyCsv(result, rules));
    const out = runCli(['scan', 'samples/android/club.apk', '--fail-on', 'none', '--quiet', '--format', 'datasafety-json'], ROOT);
    expect(JSON.parse(out.stdout).dataTypes.map((t: { id: string }) => t.id)).toEqual(['audio', 'user-id', 'video']);
  });
});
