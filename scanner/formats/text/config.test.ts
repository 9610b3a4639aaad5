// The text reader's key/value view of config files: keys as paths, positions at the value, comments as prose.
import { describe, it, expect } from 'vitest';
import { textReader } from './index.js';
import { configSyntaxOf } from './config.js';
import type { Facts } from '../../core/facts.js';

const read = (path: string, text: string) => textReader.read(Buffer.from(text), path, { rules: undefined as never, maxStrings: 1000 }) as Facts;

describe('config syntaxes by name', () => {
  it.each([
    ['app/.env', 'dotenv'], ['.env.production.local', 'dotenv'], ['prod.env', 'dotenv'], ['gradle.properties', 'properties'],
    ['Secrets.xcconfig', 'xcconfig'], ['settings.ini', 'ini'], ['application.yml', 'yaml'], ['appsettings.json', 'json'],
    ['app/build.gradle.kts', 'gradle'], ['notes.txt', undefined], ['x.ipa!/Payload/a.env/README', undefined],
  ])('%s → %s', (path, syntax) => expect(configSyntaxOf(path)).toBe(syntax));
});

describe('line syntaxes', () => {
  it('dotenv: export, quotes, trailing comments; comment lines are prose', () => {
    const f = read('.env', '# wss://old.example.com\nexport A_KEY="x y"\nB=plain # note\nC=\n');
    expect(f.config).toEqual([
      expect.objectContaining({ key: 'A_KEY', value: 'x y', line: 2, column: 15 }),
      expect.objectContaining({ key: 'B', value: 'plain', line: 3, column: 3 }),
      expect.objectContaining({ key: 'C', value: '', line: 4 }),
    ]);
    expect(f.strings.find((s) => s.value.includes('old.example.com'))?.kind).toBe('comment');
    expect(f.strings.filter((s) => s.kind === 'config').map((s) => [s.value, s.context])).toEqual([['x y', 'A_KEY'], ['plain', 'B']]);
  });
  it('properties, xcconfig and ini sections', () => {
    expect(read('a.properties', '! c\nzoom.sdk.key : abc\nx y\n').config.map((c) => [c.key, c.value])).toEqual([['zoom.sdk.key', 'abc'], ['x', 'y']]);
    expect(read('a.xcconfig', '// c\nKEY[sdk=iphoneos*] = v1 // note\nOTHER = $(inherited) v2\n').config.map((c) => [c.key, c.value])).toEqual([['KEY', 'v1'], ['OTHER', '$(inherited) v2']]);
    expect(read('a.ini', '[agora]\napp_id = abc\n').config.map((c) => c.key)).toEqual(['agora/app_id']);
  });
  it('gradle: buildConfigField and resValue values, escapes removed', () => {
    const f = read('build.gradle', 'buildConfigField "String", "K1", "\\"v1\\""\nbuildConfigField(\'String\', \'K2\', \'"v2"\')\nresValue "string", "k3", "v3"\nfoo()\n');
    expect(f.config.map((c) => [c.key, c.value])).toEqual([['buildConfigField/K1', 'v1'], ['buildConfigField/K2', 'v2'], ['resValue/k3', 'v3']]);
    expect(f.strings.at(-1)).toMatchObject({ value: 'foo()', kind: 'literal' });
  });
});

describe('structured syntaxes', () => {
  it('YAML: nested keys as slash paths, sequences by index, value positions, comments as prose', () => {
    const f = read('application.yml', 'a:\n  b: "quoted" # http://x.example.com\n  list:\n    - one\n');
    expect(f.config).toEqual([
      expect.objectContaining({ key: 'a/b', value: 'quoted', line: 2, column: 7 }),
      expect.objectContaining({ key: 'a/list/0', value: 'one', line: 4, column: 7 }),
    ]);
    expect(f.strings.find((s) => s.value.startsWith('#'))).toMatchObject({ kind: 'comment', line: 2 });
  });
  it('JSON: paths and positions; numbers kept as text', () => {
    const f = read('appsettings.json', '{\n  "Agora": { "AppId": "abc", "Port": 443 }\n}\n');
    expect(f.config).toEqual([
      expect.objectContaining({ key: 'Agora/AppId', value: 'abc', line: 2, column: 24 }),
      expect.objectContaining({ key: 'Agora/Port', value: '443', line: 2 }),
    ]);
  });
  it('broken YAML/JSON falls back to one string per line', () => {
    const f = read('bad.json', '{ "a": \n');
    expect(f.config).toEqual([]);
    expect(f.meta.configSyntax).toBeUndefined();
    expect(f.strings[0]).toMatchObject({ kind: 'literal', line: 1 });
  });
});
