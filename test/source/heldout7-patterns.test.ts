// The seventh held-out round's patterns (test/fixtures/heldout7-patterns, made-up values, each folder scanned as a
// folder as the real apps were): Angular decorators and injected services, a `this` alias, Agora Android's
// user-account join, Agora's Video UIKit for iOS, and repeated requests of one file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { parseJs } from '../../scanner/formats/js/babel.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/heldout7-patterns');
const run = async (dir: string) => (await scan({ inputs: [join(FIX, dir)], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
const of = (f: Finding[], rule: string) => f.filter((x) => x.ruleId === rule);
const at = (f: Finding) => `${f.location?.artifact.split('/').pop()}:${f.location?.line}`;
const session = (f: Finding) => `${at(f)} ${String(f.properties.api)}`;

describe('held-out round 7: Angular', () => {
  it('a decorated TypeScript class parses (it was a fatal error, and the whole file was lost)', () => {
    const r = parseJs("@Injectable({ providedIn: 'root' })\nexport class A { constructor(private b: B) {} }\n", 'a.service.ts');
    expect(r.fatal).toBeUndefined();
    expect(r.errors).toEqual([]);
  });

  it('an injected service whose method returns the client: the component joins on what it returned', async () => {
    const f = await run('angular-service');
    expect(of(f, 'RTC102').map(session).sort()).toEqual(['call.service.ts:11 web-create-client', 'lesson.component.ts:25 web-join']);
    // The App ID in the component's options field is found now that the decorated file is read at all.
    expect(of(f, 'RTC401').map((x) => `${at(x)} ${String(x.properties.vendor)}`)).toEqual(['lesson.component.ts:11 agora']);
  }, 120_000);
});

describe('held-out round 7: a this alias', () => {
  it('`const _this = this; _this.client.join(…)` joins on what the class assigned to this.client', async () => {
    const f = await run('this-alias');
    expect(of(f, 'RTC102').map(session).sort()).toEqual(['rtcWrapper.js:10 web-create-client', 'rtcWrapper.js:18 web-join']);
  }, 120_000);
});

describe('held-out round 7: native rules', () => {
  it('Agora Android 4.x joinChannelWithUserAccount on an engine from a Kotlin object', async () => {
    const f = await run('kotlin-user-account');
    expect(of(f, 'RTC102').map(session).sort()).toEqual(['Engines.kt:16 android-create', 'RoomActivity.kt:15 android-join-channel-with-user-account']);
  }, 120_000);

  it("Agora Video UIKit for iOS: AgoraVideoViewer.join(channel:with:as:uid:) in a file importing only AgoraUIKit", async () => {
    const f = await run('swift-uikit');
    expect(of(f, 'RTC102').map(session)).toEqual(['CallPanel.swift:14 ios-uikit-join']);
    expect(of(f, 'RTC102')[0]!.properties.vendor).toBe('agora');
  }, 120_000);
});

describe('held-out round 7: repeated requests', () => {
  it('the same ids sent to the same http URL from two request sites of one file are two results', async () => {
    const f = await run('repeated-requests');
    const flows = of(f, 'RTC301').map((x) => `${at(x)} ${String(x.properties.identifier)}`).sort();
    expect(flows).toEqual(['Thread.js:10 uid', 'Thread.js:10 userId', 'Thread.js:11 uid', 'Thread.js:11 userId', 'Thread.js:5 uid', 'Thread.js:5 userId']);
    // Each result keeps a distinct identity (the engine drops repeated identities of one artifact).
    expect(new Set(of(f, 'RTC301').map((x) => x.identity)).size).toBe(6);
  }, 120_000);
});

describe('held-out round 7: a Swift request helper', () => {
  it("a user's id in the path of a URL passed through two helper methods to URLSession.downloadTask", async () => {
    const f = await run('swift-request-helper');
    const flows = of(f, 'RTC301');
    // The user path's id is found at the caller; the theme path holds no identifier.
    expect(flows.map((x) => `${at(x)} ${String(x.properties.identifier)}`)).toEqual(['ProfileView.swift:8 userId']);
    const steps = (flows[0]!.flow ?? []).map((s) => s.message ?? '');
    expect(steps.some((m) => m.includes('passed to DownloadManager.downloadData'))).toBe(true);
    expect(steps[steps.length - 1]).toContain('URLSession.downloadTask');
  }, 120_000);

  it("user ids in a JSON body the helper sets as the request's httpBody, sent over http", async () => {
    const f = await run('swift-json-upload');
    // The caller's dictionary is the finding; the request without ids and the https one are none.
    expect(of(f, 'RTC301').map((x) => `${at(x)} ${String(x.properties.identifier)}`)).toEqual(['MatchView.swift:11 user.id']);
    const steps = (of(f, 'RTC301')[0]!.flow ?? []).map((s) => s.message ?? '');
    expect(steps.some((m) => m.includes('passed to UploadHelper.upload in the request'))).toBe(true);
    expect(steps[steps.length - 1]).toContain('URLSession.dataTask');
  }, 120_000);
});
