import { describe, expect, it } from 'vitest';
import { bindingBefore } from './bindings.js';
import { blankLiterals, sourceLanguageOf, sourceLiterals } from './source-literals.js';
import { isDependencySourceLine } from './build-sources.js';
import { readVersionCatalog } from './version-catalog.js';
import { emptyFacts } from '../../core/facts.js';
import { scanLiterals } from '../../engine/prefilter.js';

describe('bindingBefore: the name a literal is bound to', () => {
  it.each([
    ['    const val APP_ID = ', 'APP_ID'],
    ['  private static final String AGORA_APP_ID = ', 'AGORA_APP_ID'],
    ['  static let appId: String = ', 'appId'],
    ['NSString *const kAppSign = @', 'kAppSign'],
    ['  appSign: ', 'appSign'],
    ['  "appSign": ', 'appSign'],
    ["  'app_id' : ", 'app_id'],
    ['appID := ', 'appID'],
    ['export const AgoraAppId = ', 'AgoraAppId'],
  ])('%s → %s', (before, name) => expect(bindingBefore(before)).toBe(name));

  it.each([['if (mode === '], ['x == '], ['a != '], ['f(() => '], ['call(appId, ']])('%s → none', (before) => expect(bindingBefore(before)).toBeUndefined());
});

describe('sourceLiterals: one fact per string literal of a source line', () => {
  it('Kotlin: literals with positions and bindings; a trailing comment is not code', () => {
    const line = '    private const val URL = "http://203.0.113.7:8080/x" // see "docs"';
    const l = sourceLiterals(line, 'c');
    expect(l.map((x) => [x.value, x.binding, line.slice(x.index, x.index + x.value.length)])).toEqual([['http://203.0.113.7:8080/x', 'URL', 'http://203.0.113.7:8080/x']]);
    expect(blankLiterals(line, l)).toBe(`    private const val URL = "${' '.repeat(25)}" // see "docs"`);
  });

  it('Dart single quotes, escapes, several literals; Python # comments', () => {
    expect(sourceLiterals("  var path = '/x/$id'; var q = \"a\\\"b\";", 'c').map((x) => [x.value, x.binding])).toEqual([['/x/$id', 'path'], ['a"b', 'q']]);
    expect(sourceLiterals("TOKEN = 'eyJ.x.y'  # 'not this'", 'hash').map((x) => x.value)).toEqual(['eyJ.x.y']);
  });

  it('multi-line literals and unclosed quotes give nothing for that part', () => {
    expect(sourceLiterals('let s = """', 'c')).toEqual([]);
    expect(sourceLiterals('val a = "ok"; val b = "open', 'c').map((x) => x.value)).toEqual(['ok']);
  });

  it('which files are source code read this way', () => {
    expect(['a.kt', 'A.java', 'b.swift', 'c.dart', 'd.m', 'e.go', 'f.py'].map(sourceLanguageOf)).toEqual(['c', 'c', 'c', 'c', 'c', 'c', 'hash']);
    expect(['a.css', 'a.txt', 'a.js', 'a.toml'].map(sourceLanguageOf)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('isDependencySourceLine: build-tool repositories', () => {
  it.each([
    ['build.gradle', "        maven { url 'https://jitpack.io' }"],
    ['build.gradle.kts', '        maven { url = uri("https://maven.example.org/releases") }'],
    ['settings.gradle.kts', '    maven("https://jitpack.io")'],
    ['build.gradle', '            url "https://maven.example.org/repo"'],
    ['gemfile', "source 'https://rubygems.org'"],
    ['podfile', "source 'https://cdn.cocoapods.org/'"],
  ])('%s: %s', (name, line) => expect(isDependencySourceLine(name, line)).toBe(true));

  it('runtime values of the same files are not', () => {
    expect(isDependencySourceLine('build.gradle', '        buildConfigField "String", "API_URL", "\\"http://api.example.org\\""')).toBe(false);
    expect(isDependencySourceLine('podfile', "  pod 'AgoraRtcEngine_iOS', '4.2.0'")).toBe(false);
    expect(isDependencySourceLine('app.kt', 'maven { url "https://x.example.org" }')).toBe(false);
  });
});

describe('readVersionCatalog', () => {
  it('libraries as maven facts with versions from [versions]', () => {
    const facts = emptyFacts('gradle/libs.versions.toml', 'text', true);
    readVersionCatalog(['[versions]', 'sdk = "4.5.0"', '', '[libraries]', 'voice = { module = "io.agora.rtc:full-sdk", version.ref = "sdk" }', 'ok = { group = "com.squareup.okhttp3", name = "okhttp", version = "4.12.0" }', 'plain = "im.zego:express-video:3.14.5"', '[plugins]', 'x = { id = "com.android.application", version.ref = "sdk" }'].join('\n'), facts);
    expect(facts.libraries.map((l) => [l.name, l.version, l.line])).toEqual([
      ['io.agora.rtc:full-sdk', '4.5.0', 5],
      ['com.squareup.okhttp3:okhttp', '4.12.0', 6],
      ['im.zego:express-video', '3.14.5', 7],
    ]);
  });
});

describe('the JS prefilter keeps the names literals are bound to', () => {
  it('object keys and declarations, not module specifiers', () => {
    const code = "import x from 'lib';\nconst zego_config = {\n  appID: '1807001234',\n  appSign: \"9f8e7d\",\n};\nexport const AgoraAppId = 'abc123';\n";
    const facts = scanLiterals('src/ZegoConfig.js', code, 100);
    expect(facts.strings.map((s) => [s.value, s.binding, s.module])).toEqual([
      ['lib', undefined, true],
      ['1807001234', 'appID', undefined],
      ['9f8e7d', 'appSign', undefined],
      ['abc123', 'AgoraAppId', undefined],
    ]);
  });
});

describe('boundNumbers (held-out round: numeric App IDs)', async () => {
  const { boundNumbers, blankLiterals, sourceLiterals } = await import('./source-literals.js');
  const nums = (line: string) => boundNumbers(blankLiterals(line, sourceLiterals(line, 'c')), 'c').map((n) => `${n.binding}=${n.value}`);
  it('reads integers bound to a name, not unbound ones, not inside strings or comments', () => {
    expect(nums('const appId = 1234567890;')).toEqual(['appId=1234567890']);
    expect(nums('public static final long APP_ID = 1400000001L; // 1400000002')).toEqual(['APP_ID=1400000001']);
    expect(nums('static let sdkAppId: UInt32 = 140000123')).toEqual(['sdkAppId=140000123']);
    expect(nums('Thread.sleep(100000); val s = "appId = 99999999"')).toEqual([]);
    expect(nums('val v = 3.14159265; val w = 0x12345678')).toEqual([]);
  });
});
