import { describe, expect, it } from 'vitest';
import { jsonTerminalSafe, oneLine, safeLines, sarifPlain } from './escape.js';

/** Any byte a terminal or a log viewer may act on, except the line feed between lines. */
const RAW_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

describe('oneLine', () => {
  it('writes terminal controls visibly', () => {
    expect(oneLine('a\x1b]0;rtcscan: clean\x07b')).toBe('a\\x1b]0;rtcscan: clean\\x07b');
    expect(oneLine('x\x1b[2Jy\rz\n\t')).toBe('x\\x1b[2Jy\\rz\\n\\t');
    expect(oneLine('c1\u009b31m del\x7f nul\0')).toBe('c1\\x9b31m del\\x7f nul\\x00');
  });
  it('writes bidi controls, zero-width and other invisible format characters visibly', () => {
    expect(oneLine('abc\u202edcba\u2066x\u2069\u200b\ufeff\u00ad')).toBe('abc\\u202edcba\\u2066x\\u2069\\u200b\\ufeff\\xad');
    expect(oneLine('tag\u{e0041}sep\u2028para\u2029')).toBe('tag\\u{e0041}sep\\u2028para\\u2029');
    expect(oneLine('lone \ud800 surrogate')).toBe('lone \\ud800 surrogate');
  });
  it('keeps printable text, including non-Latin scripts and emoji, as it is', () => {
    const s = 'Ünïcödé 中文 العربية 🙂 C:\\path [x](y) a::b';
    expect(oneLine(s)).toBe(s);
  });
  it('breaks CI workflow commands', () => {
    expect(oneLine('::error::pwned')).toBe('\\x3a:error::pwned');
    expect(oneLine('   ::add-mask::secret')).toBe('   \\x3a:add-mask::secret');
    expect(oneLine('x ##vso[task.setvariable variable=a]1')).toBe('x \\x23#vso[task.setvariable variable=a]1');
    expect(oneLine('x ##VSO[task.complete]')).toBe('x \\x23#VSO[task.complete]');
    expect(oneLine('##[error]x')).toBe('\\x23#[error]x');
    // Not at the start of the line, `::` is ordinary text (C++ names).
    expect(oneLine('agora::rtc::IRtcEngine')).toBe('agora::rtc::IRtcEngine');
  });
  it('is idempotent', () => {
    const s = '::error::\x1b[31m\n##vso[x]\u202e';
    expect(oneLine(oneLine(s))).toBe(oneLine(s));
  });
});

describe('safeLines', () => {
  it('keeps line breaks and guards every line', () => {
    const out = safeLines('ok\n::warning::x\n  ##vso[task.complete]\nbell\x07');
    expect(out.split('\n')).toEqual(['ok', '\\x3a:warning::x', '  \\x23#vso[task.complete]', 'bell\\x07']);
    expect(out.replace(/\n/g, '')).not.toMatch(RAW_CONTROL);
  });
});

describe('jsonTerminalSafe', () => {
  it('escapes C1 and format characters inside JSON strings without changing the value', () => {
    const value = { a: 'x\u009b2J\u202e\u200d\u2028', b: 'tag\u{e0041}', c: 'plain' };
    const text = jsonTerminalSafe(JSON.stringify(value, null, 2));
    // Pretty-printed JSON keeps its own line feeds; nothing else may be raw.
    expect(text.replace(/\n/g, '')).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('returns ASCII JSON as it is, and still escapes a DEL in it', () => {
    const plain = JSON.stringify({ a: 'plain ascii', b: [1, 2] }, null, 2);
    expect(jsonTerminalSafe(plain)).toBe(plain);
    expect(jsonTerminalSafe(JSON.stringify({ a: 'del\x7f' }))).toBe('{"a":"del\\u007f"}');
    expect(jsonTerminalSafe(JSON.stringify({ a: 'é\u009b' }))).toBe('{"a":"é\\u009b"}');
  });
});

describe('sarifPlain', () => {
  it('escapes the bracket that would open an embedded link', () => {
    expect(sarifPlain('see [here](https://evil.example/) now')).toBe('see [here\\](https://evil.example/) now');
    expect(sarifPlain('-[AgoraRtcEngineKit setAreaCode:]')).toBe('-[AgoraRtcEngineKit setAreaCode:]');
  });
});
