import { describe, expect, it } from 'vitest';
import { KeywordAutomaton, useKeywordTables, type KeywordTables } from './keywords.js';

const b = (s: string) => Buffer.from(s, 'utf8');

describe('KeywordAutomaton', () => {
  it('finds any keyword, including overlapping and suffix-of-another ones', () => {
    const a = new KeywordAutomaton(['he', 'she', 'his', 'hers', 'joinChannel']);
    expect(a.test(b('ushers'))).toBe(true);
    expect(a.test(b('xhxix'))).toBe(false);
    expect(a.test(b('this'))).toBe(true); // "his" via a failure link
    expect(a.test(b('a.joinchanne'))).toBe(false);
    expect(a.test(b('a.joinChannel('))).toBe(true);
  });

  it('folds ASCII case and ignores _ and - (vocabulary semantics)', () => {
    const a = new KeywordAutomaton(['userId']);
    expect(a.test(b('USER_ID'))).toBe(true);
    expect(a.test(b('user-id'))).toBe(true);
    expect(a.test(b('user id'))).toBe(false);
  });

  it('matches UTF-8 keywords and honours the range', () => {
    const a = new KeywordAutomaton(['声网', 'agora.io']);
    expect(a.test(b('x 声网 y'))).toBe(true);
    const data = b('....agora.io....');
    expect(a.test(data, 0, 8)).toBe(false);
    expect(a.test(data, 4, 12)).toBe(true);
  });

  it('agrees with a naive search on random inputs', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alpha = 'abcAB_';
    const word = (n: number) => Array.from({ length: n }, () => alpha[Math.floor(rnd() * alpha.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const kws = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => word(1 + Math.floor(rnd() * 4)));
      const text = word(Math.floor(rnd() * 30));
      const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
      const naive = kws.map(norm).some((k) => k.length > 0 && norm(text).includes(k));
      expect(new KeywordAutomaton(kws).test(b(text))).toBe(naive);
    }
  });

  it('an empty keyword set matches nothing', () => {
    expect(new KeywordAutomaton([]).test(b('anything'))).toBe(false);
  });
});

describe('KeywordAutomaton.collect', () => {
  it('reports every keyword id found in a string, overlapping ones and suffixes included', () => {
    const a = new KeywordAutomaton(['appcert', 'cert', 'sdk_app_id', 'agora']);
    const ids = (text: string) => {
      const found = new Set<number>();
      a.collect(text, found);
      return [...found].map((i) => a.words[i]).sort();
    };
    expect(ids('AGORA_APP_CERT=1')).toEqual(['agora', 'appcert', 'cert']);
    expect(ids('const SDK-APP-ID = 1400000000')).toEqual(['sdkappid']);
    expect(ids('certificate of agorá')).toEqual(['cert']); // á is not a, and nothing above 0xFF matches
    expect(ids('')).toEqual([]);
  });

  it('agrees with a naive search on random strings, in collect, testString and test (ranges too), scanning plain and by its step table', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    // Keyword letters, ignored separators, a byte of no keyword, and characters above 0xFF (never part of a match).
    const alpha = 'abcAB_-x\u0101\u4e00';
    const word = (n: number) => Array.from({ length: n }, () => alpha[Math.floor(rnd() * alpha.length)]).join('');
    const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
    for (let round = 0; round < 300; round++) {
      const kws = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => word(1 + Math.floor(rnd() * 4)).replace(/[\u0100-\uffff]/g, 'c'));
      const text = word(Math.floor(rnd() * 40));
      const from = Math.floor(rnd() * (text.length + 1));
      const to = from + Math.floor(rnd() * (text.length - from + 1));
      const bytes = b(text.replace(/[\u0100-\uffff]/g, 'x'));
      for (const stepAfterChars of [Infinity, 0]) {
        const a = new KeywordAutomaton(kws, { stepAfterChars });
        const naive = a.words.filter((k) => norm(text).includes(k)).sort();
        const found = new Set<number>();
        a.collect(text, found);
        expect([...found].map((i) => a.words[i]).sort()).toEqual(naive);
        expect(a.testString(text, from, to)).toBe(a.words.some((k) => norm(text.slice(from, to)).includes(k)));
        expect(a.test(bytes)).toBe(a.words.some((k) => norm(bytes.toString('latin1')).includes(k)));
      }
    }
  });
});

describe('keyword tables made once (the rules snapshot carries the prefilter automaton)', () => {
  it('an automaton of the same keyword list takes handed-over tables instead of building its own', () => {
    const built = new KeywordAutomaton(['joinChannel', 'agora_appid', 'rtc']);
    const tables = built.tables();
    expect(JSON.parse(JSON.stringify(tables))).toEqual(tables);
    // Tables of `abc` handed over for the list `xyz`: an automaton of `xyz` then matches what they say.
    const abc = new KeywordAutomaton(['abc']).tables();
    useKeywordTables([JSON.parse(JSON.stringify({ ...abc, words: ['xyz'] })) as KeywordTables]);
    const taken = new KeywordAutomaton(['XYZ']);
    expect(taken.test(b('..abc..'))).toBe(true);
    expect(taken.test(b('..xyz..'))).toBe(false);
    // Faithful tables give the built automaton's answers and tables.
    useKeywordTables([JSON.parse(JSON.stringify(tables)) as KeywordTables]);
    const again = new KeywordAutomaton(['joinChannel', 'agora_appid', 'rtc']);
    expect(again.tables()).toEqual(tables);
    for (const s of ['x.joinchannel(', 'AGORA-APPID', 'webRTC', 'nothing here', '']) {
      expect(again.test(b(s)), s).toBe(built.test(b(s)));
      const [f1, f2] = [new Set<number>(), new Set<number>()];
      again.collect(s, f1);
      built.collect(s, f2);
      expect([...f1]).toEqual([...f2]);
    }
  });

  it('tables whose shapes do not agree are not taken: the automaton is built', () => {
    const words = ['token', 'appid'];
    const good = new KeywordAutomaton(words).tables();
    const broken: KeywordTables[] = [
      { ...good, words: ['tokenx', 'appid'], delta: good.delta.slice(0, 8) },
      { ...good, words: ['tokeny', 'appid'], states: good.states + 1 },
      { ...good, words: ['tokenz', 'appid'], outputs: good.outputs.map(() => null) },
      { ...good, words: ['tokenw', 'appid'], endian: good.endian === 'LE' ? 'BE' : 'LE' },
    ];
    useKeywordTables(broken);
    for (const t of broken) {
      const a = new KeywordAutomaton(t.words);
      expect(a.test(b(`x ${t.words[0]} y`)), t.words[0]).toBe(true);
      const found = new Set<number>();
      a.collect(`x ${t.words[0]} appid`, found);
      expect([...found].sort(), t.words[0]).toEqual([0, 1]);
    }
  });
});
