// The same code read as source and as its compiled form gives the same session starts: our Java fixture compiled by
// javac + AOSP dx (test/fixtures/dex/javac: src/ → rooms.dex) and our Objective-C fixture compiled by clang +
// ld64.lld (test/fixtures/macho: src/App.m → App). Compared per call: vendor, API, kind and each argument role's
// value class (a literal's value, null, or "unknown"). Differences the two routes legitimately have are named in
// the expectations below, not hidden.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFacts } from '../../scanner/formats/index.js';
import { appApiUses, type AppApiUse } from '../../scanner/checks/vendor-calls.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { JsValue } from '../../scanner/core/facts.js';
import { ROOT } from '../helpers/cli.js';

const rules = defaultRulePack();
const ctx = { rules, maxStrings: 100_000 };

const valueClass = (v: JsValue) => (v.kind === 'string' || v.kind === 'number' ? `${v.kind}:${String(v.value)}` : v.kind === 'null' || v.kind === 'undefined' || v.kind === 'boolean' ? v.kind : 'unknown');

function sessions(uses: AppApiUse[]): string[] {
  return uses
    .filter((u) => u.kind === 'init' || u.kind === 'join' || u.kind === 'encryption')
    .map((u) => `${u.vendor.id} ${u.apiId} ${u.kind} ${Object.entries(u.args).map(([r, v]) => `${r}=${valueClass(v!)}`).sort().join(' ')}`)
    .sort();
}

async function usesOf(path: string, virtual: string): Promise<AppApiUse[]> {
  const facts = await readFacts(readFileSync(join(ROOT, path)), virtual, ctx);
  return appApiUses(facts, rules);
}

describe('source and compiled forms of the same code', () => {
  it('Java (Agora 2.x RtcEngineEx, TRTC) as source and as DEX', async () => {
    const dex = sessions(await usesOf('test/fixtures/dex/javac/rooms.dex', 'classes.dex'));
    const src = sessions([
      ...(await usesOf('test/fixtures/dex/javac/src/com/example/rooms/Engine.java', 'src/com/example/rooms/Engine.java')),
      ...(await usesOf('test/fixtures/dex/javac/src/com/example/rooms/RoomModule.java', 'src/com/example/rooms/RoomModule.java')),
    ]);
    expect(dex.length).toBeGreaterThan(0);
    // TRTC's enterRoom takes a TRTCParams filled field by field: the DEX reader follows the object's field stores
    // (iput) into roles; the source model has no object-field tracking, so the source route knows the call, not
    // the roles. Everything else is the same.
    const withoutTrtcRoles = (l: string[]) => l.map((s) => (s.startsWith('tencent-trtc ') ? s.split(' ').slice(0, 3).join(' ') : s));
    expect(withoutTrtcRoles(src)).toEqual(withoutTrtcRoles(dex));
    expect(dex.filter((s) => s.startsWith('tencent-trtc ')).join()).toMatch(/uid=unknown/);
  });

  it('Objective-C as source and as an arm64 Mach-O executable', async () => {
    const macho = sessions(await usesOf('test/fixtures/macho/App', 'club.ipa!/Payload/Club.app/Club'));
    const src = sessions(await usesOf('test/fixtures/macho/src/App.m', 'src/App.m'));
    expect(macho.length).toBeGreaterThan(0);
    // App.m passes `joinChannelByToken:0`: in the binary that is a null pointer (x2 = 0), in the source a literal 0
    // — the source reader does not know the parameter is an object pointer (an NSUInteger uid is a number). Both
    // routes see the join; only the token's value class differs, so the source route misses this RTC404.
    expect(src.map((s) => s.replace('token=number:0', 'token=null'))).toEqual(macho);
    expect(src.some((s) => s.includes('token=number:0'))).toBe(true);
  });
});
