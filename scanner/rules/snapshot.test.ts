// The build's rules snapshot (dist/rules.snapshot.json) must equal what loading the YAML gives, and must be ignored
// as soon as a rule file differs from the ones it was made from.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRulesDir, loadRuleData, packFromData, loadRulePack, type RuleData } from './pack.js';
import { defaultSnapshotFile, makeRulesSnapshot, readRulesSnapshot, snapshotKeywordTables, writeRulesSnapshot } from './snapshot.js';
import { prefilterKeywords } from './keywords.js';
import { sharedAutomaton } from '../checks/string-scan.js';
import { KeywordAutomaton, type KeywordTables } from '../core/keywords.js';

/** Tables with their arrays as base64, as `KeywordAutomaton.tables()` gives them. */
const asBase64 = (t: KeywordTables) => ({ ...t, classOf: Buffer.from(t.classOf).toString('base64'), delta: Buffer.from(t.delta).toString('base64'), accept: Buffer.from(t.accept).toString('base64') });

/** What survives JSON: the snapshot's data must be exactly this. */
const asJson = (d: RuleData) => JSON.parse(JSON.stringify(d)) as RuleData;

let tmp: string;
let rules: string;
let file: string;
let fromYaml: RuleData;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'rtcscan-snap-'));
  rules = join(tmp, 'rules');
  cpSync(defaultRulesDir(), rules, { recursive: true });
  file = join(tmp, 'rules.snapshot.json');
  fromYaml = loadRuleData(rules);
  writeFileSync(file, JSON.stringify(makeRulesSnapshot(rules, fromYaml)));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('rules snapshot', () => {
  it('reads back exactly the validated YAML data, and builds the same pack', () => {
    const snap = readRulesSnapshot(rules, file);
    expect(snap).toBeDefined();
    expect(snap).toStrictEqual(asJson(fromYaml));
    const a = packFromData(snap!);
    const b = loadRulePack(rules);
    expect(asJson({ ...a, presets: [...a.presets.values()] } as never)).toStrictEqual(asJson({ ...b, presets: [...b.presets.values()] } as never));
    for (const host of ['api.agora.io', 'x.trtc.tencent-cloud.com', 'example.com']) expect(a.vendorForHost(host)?.id).toBe(b.vendorForHost(host)?.id);
    // Sets do not survive JSON: the privacy rules' SDK names are rebuilt from a list.
    expect(b.privacy).toBeDefined();
    expect([...a.privacy!.manifestSdks]).toStrictEqual([...b.privacy!.manifestSdks]);
    expect(a.privacy!.manifestSdks).toBeInstanceOf(Set);
  });

  it('is ignored once any rule file changes, is added or removed', () => {
    const vendor = join(rules, 'vendors', 'agora.yaml');
    const before = readFileSync(vendor);
    appendFileSync(vendor, '\n# edited\n');
    expect(readRulesSnapshot(rules, file)).toBeUndefined();
    writeFileSync(vendor, before);
    expect(readRulesSnapshot(rules, file)).toBeDefined();
    const extra = join(rules, 'libraries', 'extra.yaml');
    writeFileSync(extra, 'id: extra\n');
    expect(readRulesSnapshot(rules, file)).toBeUndefined();
    rmSync(extra);
    expect(readRulesSnapshot(rules, file)).toBeDefined();
  });

  it('is ignored when unreadable, of another format, or with data that does not match its digest', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{not json');
    expect(readRulesSnapshot(rules, bad)).toBeUndefined();
    expect(readRulesSnapshot(rules, join(tmp, 'missing.json'))).toBeUndefined();
    const snap = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(bad, JSON.stringify({ ...snap, format: 'other/1' }));
    expect(readRulesSnapshot(rules, bad)).toBeUndefined();
    writeFileSync(bad, JSON.stringify({ ...snap, digest: '0'.repeat(64) }));
    expect(readRulesSnapshot(rules, bad)).toBeUndefined();
  });

  it("hands over its keyword tables from the side file only while that is the one it was written with", () => {
    const tables = new KeywordAutomaton(prefilterKeywords(packFromData(fromYaml))).tables();
    const withTables = join(tmp, 'with-tables.json');
    writeRulesSnapshot(withTables, makeRulesSnapshot(rules, fromYaml, [tables]));
    const side = join(tmp, 'with-tables.bin');
    expect(readFileSync(withTables, 'utf8')).not.toContain(tables.delta as string);
    const read = () => snapshotKeywordTables(withTables, JSON.parse(readFileSync(withTables, 'utf8')));
    expect(read().map(asBase64)).toStrictEqual([tables]);
    const bytes = readFileSync(side);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length >> 1]! ^= 1;
    writeFileSync(side, flipped);
    expect(read()).toEqual([]);
    // The rule data is still read: the automaton is then built, with the same answers.
    expect(readRulesSnapshot(rules, withTables)).toStrictEqual(asJson(fromYaml));
    rmSync(side);
    expect(read()).toEqual([]);
    writeFileSync(side, bytes);
    expect(read().map(asBase64)).toStrictEqual([tables]);
  });

  // `npm run build` (and `npm test`) write it; a tree without a build has none to check.
  it.runIf(existsSync(defaultSnapshotFile(defaultRulesDir())))('the build snapshot holds what the YAML gives', () => {
    const snapshot = defaultSnapshotFile(defaultRulesDir());
    const built = JSON.parse(readFileSync(snapshot, 'utf8'));
    expect(built.data).toStrictEqual(asJson(loadRuleData()));
    // and the tables of the pack's prefilter and string-scan automata (their arrays in the side file), as building them gives.
    const pack = loadRulePack();
    expect(snapshotKeywordTables(snapshot, built).map(asBase64)).toStrictEqual([new KeywordAutomaton(prefilterKeywords(pack)).tables(), sharedAutomaton(pack).automaton.tables()]);
  });
});
