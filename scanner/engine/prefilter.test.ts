import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsReader } from '../formats/js/index.js';
import { defaultRulePack } from '../rules/pack.js';
import { scanLiterals } from './prefilter.js';
import { keywordAutomaton, prefilterKeywords } from '../rules/keywords.js';
import { cook } from '../formats/js/cook.js';
import { readArtifactFacts } from './read.js';

const ROOT = join(import.meta.dirname, '../..');
const rules = defaultRulePack();

describe('JS prefilter', () => {
  it('builds keywords from the rule packs (packages, globals, markers, API methods, sinks, vocabulary)', () => {
    const kw = prefilterKeywords(rules);
    for (const k of ['agora-rtc-sdk-ng', 'AgoraRTC', 'AgoraRTCSignal', 'createClient', 'fetch', 'XMLHttpRequest', 'WebSocket', 'userId']) expect(kw).toContain(k);
    expect(kw).not.toContain('join'); // only hangs off a client another API returns
  });

  it('literal scan gives the same literals, values and positions as the JS reader', async () => {
    const code = [
      '// "http://comment.example" is not a literal',
      "var a = 'http://edge.agora.io/x', b = \"tab\\there \\u0041\\x42\";",
      'var re = /"not a string"/g, t = `one ${a} two\\n${`in${b}ner`}`;',
      "var e = '', c = '\\u{1F600}';",
    ].join('\n');
    const full = await jsReader.read(Buffer.from(code), 'a.js', { rules, maxStrings: 1000 });
    const fast = scanLiterals('a.js', code, 1000);
    const lits = (f: typeof fast) => f.strings.filter((s) => s.kind === 'literal').map((s) => [s.value, s.line, s.column]);
    expect(lits(fast)).toEqual(lits(full).sort((x, y) => (x[1] as number) - (y[1] as number) || (x[2] as number) - (y[2] as number)));
    expect(fast.strings.map((s) => s.value)).not.toContain('"not a string"');
  });

  it('skips the AST only for keyword-free scripts, and matches the full reader on a real file', async () => {
    const plain = Buffer.from('var x = "http://cdn.example.com/a.png"; function f(q){ return q + 1; }\n');
    expect(keywordAutomaton(rules).test(plain)).toBe(false);
    const facts = await readArtifactFacts(plain, 'x.js', { rules, maxStrings: 100 });
    expect(facts.meta.prefilter).toBe('no-keyword');
    expect(facts.strings.map((s) => s.value)).toEqual(['http://cdn.example.com/a.png']);
    const rtc = readFileSync(join(ROOT, 'test/flow/fixtures/prop-objects.js'));
    expect(keywordAutomaton(rules).test(rtc)).toBe(true);
    expect((await readArtifactFacts(rtc, 'p.js', { rules, maxStrings: 1000 })).meta.prefilter).toBeUndefined();
  });

  it('cooks escapes like the language does', () => {
    expect(cook('a\\nb\\x41\\u0042\\u{43}\\0\\101', false)).toBe('a\nbABC\0A');
    expect(cook('line\\\ncont', false)).toBe('linecont');
    expect(cook('bad\\u{zz}', true)).toBeUndefined();
  });

  it('keeps at most maxStrings and says so', () => {
    const f = scanLiterals('m.js', '"a";"b";"c";', 2);
    expect(f.strings).toHaveLength(2);
    expect(f.notices[0]?.id).toBe('js/max-strings');
  });
});
