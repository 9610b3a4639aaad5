// The text reader's key/value view of config files: keys as paths, positions at the value, comments as prose.
import { describe, it, expect } from 'vitest';
import { textReader } from './index.js';
import { configSyntaxOf, readConfigText } from './config.js';
import { jsonPairs } from './json-pairs.js';
import { emptyFacts, type Facts } from '../../core/facts.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

describe('JSON: the strict scanner agrees with the YAML parser', () => {
  const both = (path: string, text: string) => {
    const via = (yamlToo: boolean) => {
      const facts = emptyFacts(path, 'text', true);
      return { ok: readConfigText(text, 'json', facts, 100_000, yamlToo), facts };
    };
    return { scanned: via(false), parsed: via(true), vouched: jsonPairs(text, 64, []) !== undefined };
  };

  it('on real JSON files from node_modules, as shipped, minified, tab-indented and with CRLF line breaks', () => {
    // Package manifests, schemas, locale data and fixtures of the installed (third-party) packages, sorted so the
    // sample is the same on every machine with the same lockfile.
    const files: string[] = [];
    const walk = (dir: string, depth: number) => {
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch {
        return;
      }
      for (const name of names) {
        if (files.length >= 1500) return;
        const p = join(dir, name);
        if (name.endsWith('.json') && statSync(p).isFile() && statSync(p).size < 50_000) files.push(p);
        else if (depth < 6 && !name.startsWith('.') && !name.endsWith('.json') && statSync(p).isDirectory()) walk(p, depth + 1);
      }
    };
    walk(join(process.cwd(), 'node_modules'), 0);
    expect(files.length).toBeGreaterThan(400);
    let vouched = 0;
    for (const file of files) {
      const original = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      let parsed: unknown;
      try {
        parsed = JSON.parse(original);
      } catch {
        parsed = undefined;
      }
      const variants = [original];
      if (parsed !== undefined) variants.push(JSON.stringify(parsed), JSON.stringify(parsed, null, '\t'), JSON.stringify(parsed, null, 2).replace(/\n/g, '\r\n'));
      for (const text of variants) {
        const r = both(file, text);
        if (r.vouched) vouched++;
        expect(r.scanned.ok, file).toBe(r.parsed.ok);
        expect(r.scanned.facts, file).toEqual(r.parsed.facts);
      }
    }
    expect(vouched).toBeGreaterThan(1200);
  });

  it('on escapes, numbers, nesting, duplicate keys and what only YAML decides', () => {
    const deep = `${'{"k":'.repeat(70)}1${'}'.repeat(70)}`;
    const cases = [
      '{"a":"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/","b":[1,-0,1.50,1e3,-2.5E-3,12345678901234567890,true,false,null],"c":{},"d":[]}',
      '{"a":1,"a":2}',
      '{\n  "url": "wss://rtc.example.com",\n  "nested": {"appId": "0123456789abcdef0123456789abcdef"}\n}\n',
      '"just a string"',
      '[]',
      deep,
      '{"a"\n: 1}', // the key is not on its colon's line: YAML refuses it
      `{"${'k'.repeat(1100)}": 1}`, // an implicit key past YAML's limit
      '{"a": 1,}', // not JSON (YAML reads it)
      '{"a": 01}',
      '{"a": "x\ry"}',
      '{"a": 1}\r',
      '{"a": 1} // comment',
      "{'a': 1}",
      '{"a": "tab\there"}',
      '\t{"a":\t1}\t',
      '{"a": "\u2028 and \u0085"}',
      '',
    ];
    for (const text of cases) {
      const r = both('x.json', text);
      expect(r.scanned.ok, text).toBe(r.parsed.ok);
      expect(r.scanned.facts, text).toEqual(r.parsed.facts);
    }
    expect(both('x.json', cases[0]!).vouched).toBe(true);
    expect(both('x.json', deep).vouched).toBe(true);
    expect(both('x.json', '{"a"\n: 1}').vouched).toBe(false);
  });
});
