// The eighth held-out round's patterns (test/fixtures/heldout8-patterns, made-up values, each folder scanned as a
// folder as the real apps were): credentials committed in commented-out vendor calls.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { lex } from '../../scanner/formats/source/lexer.js';
import { buildSourceModel, commentCode } from '../../scanner/formats/source/model.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/heldout8-patterns');
const run = async (dir: string) => (await scan({ inputs: [join(FIX, dir)], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
const of = (f: Finding[], ...rules: string[]) => f.filter((x) => rules.includes(x.ruleId));
const at = (f: Finding) => `${f.ruleId} ${f.location?.artifact.split('/').pop()}:${f.location?.line}:${f.location?.column}`;

describe('held-out round 8: credentials in commented-out vendor calls', () => {
  it('Dart: the App ID and AppSign of a commented createEngineWithProfile, where each literal sits', async () => {
    const f = await run('dart-commented-engine');
    const creds = of(f, 'RTC401', 'RTC402', 'RTC403');
    expect(creds.map(at).sort()).toEqual(['RTC401 main.dart:9:8', 'RTC402 main.dart:11:17']);
    expect(creds.every((x) => x.properties.vendor === 'zegocloud' && /commented-out code/.test(x.message))).toBe(true);
    // The placeholders, the prose, the commented loginRoom and the logged hex string: nothing; no session either.
    expect(of(f, 'RTC102', 'RTC404')).toEqual([]);
  }, 120_000);

  it('Kotlin: the App ID of a commented RtcEngine.create in a block comment; no App-ID-only join from a commented joinChannel(null, …)', async () => {
    const f = await run('kotlin-commented-engine');
    expect(of(f, 'RTC401', 'RTC402', 'RTC403').map(at)).toEqual(['RTC401 CallActivity.kt:18:16']);
    expect(of(f, 'RTC404')).toEqual([]);
    // The real calls are the sessions; the commented ones add none.
    expect(of(f, 'RTC102').map((x) => x.location?.line).sort()).toEqual([14, 25]);
  }, 120_000);
});

describe('held-out round 8: the ZEGO engine profile in live code', () => {
  // Live calls report at the call, as every literal credential argument does.
  it('ZegoEngineProfile(appID, scenario, appSign: …): the positional App ID and the named AppSign', async () => {
    const f = await run('dart-engine-profile');
    expect(of(f, 'RTC401', 'RTC402', 'RTC403').map(at).sort()).toEqual(['RTC401 engine.dart:4:51', 'RTC402 engine.dart:4:51']);
    expect(of(f, 'RTC102').map((x) => `${x.location?.line} ${String(x.properties.api)}`)).toEqual(['4 flutter-create-engine-with-profile']);
  }, 120_000);
});

describe('commented-out code in the source model', () => {
  const model = (text: string, lang: 'dart' | 'kotlin' | 'swift' | 'java') => {
    const { tokens, comments } = lex(text, lang);
    return buildSourceModel(text, tokens, lang, { comments }).model;
  };

  it('joins consecutive `//` lines, keeps a trailing comment apart, blanks markers at their offsets', () => {
    const text = 'a(); // x.f(1)\n// y.g(\n//   "s")\nb();\n/*** z.h(2) */\n';
    const groups = commentCode(text, lex(text, 'java').comments);
    expect(groups.map((g) => g.code)).toEqual(['   x.f(1)', '   y.g(\n     "s")', '     z.h(2)   ']);
    expect(groups.map((g) => text.slice(g.at, g.at + g.code.length).replace(/[^\n]/g, '.'))).toEqual(groups.map((g) => g.code.replace(/[^\n]/g, '.')));
  });

  it('commented calls are kept apart from the calls, marked, with their literals located', () => {
    const m = model('fun f() {\n  g()\n  // Engine.create(ctx, "abc123", 42)\n}\n', 'kotlin');
    expect(m.calls.map((c) => c.method)).toEqual(['g']);
    const c = m.commentedCalls?.find((x) => x.method === 'create');
    expect(c?.commented).toBe(true);
    expect(c?.fn).toBe(-1);
    expect(c?.literalAt).toEqual({ abc123: { line: 3, column: 25 }, '42': { line: 3, column: 35 } });
  });

  it('a file of many code-like comments is read for the first 2,000 only (each is a pass of its own)', () => {
    const filler = Array.from({ length: 2000 }, (_, i) => `  // if (v > ${i}) return 1;\n  int v${i} = ${i};`).join('\n');
    const early = model(`class A {\n void f() {\n  // Engine.create(ctx, "abc123")\n${filler}\n }\n}\n`, 'java');
    expect(early.commentedCalls?.map((c) => c.method)).toEqual(['create']);
    const late = model(`class A {\n void f() {\n${filler}\n  // Engine.create(ctx, "abc123")\n }\n}\n`, 'java');
    expect(late.commentedCalls).toBeUndefined();
  });

  it('prose comments give no calls', () => {
    const m = model('void f() {\n  // Call this once (see the docs) before joining.\n  /// Returns the engine.\n}\n', 'dart');
    expect(m.commentedCalls).toBeUndefined();
  });
});
