// Source maps: inline, linked and hidden maps; references that would leave the container; malformed maps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseSource, sourceMappingUrl, isSafeRelativeRef } from '../../scanner/formats/sourcemap/index.js';
import { createJsReader } from '../../scanner/formats/js/index.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { ensureCorpus, outDir, readJs } from './corpus.js';

const HOST = 'https://agora-gardens.example/api/visits';
let code: string; // clean-bait bundle without its sourceMappingURL comment
let mapText: string;
const withComment = (c: string) => `${code}//# sourceMappingURL=${c}\n`;
const dataUrl = (json: string) => `data:application/json;base64,${Buffer.from(json).toString('base64')}`;

beforeAll(async () => {
  await ensureCorpus();
  const dir = join(outDir, 'clean-bait');
  code = readFileSync(join(dir, 'app.js'), 'utf8').replace(/\/\/# sourceMappingURL=.*\n?$/m, '');
  mapText = readFileSync(join(dir, 'app.js.map'), 'utf8');
}, 600_000);

/** A read whose only sibling is a map with this text; records what the reader asked for. */
async function readWithMap(js: string, map = mapText) {
  const siblingRequests: string[] = [];
  const { facts } = await readJs(Buffer.from(js), 'web.zip!/static/app.js', undefined, {
    readSibling: async (rel) => {
      siblingRequests.push(rel);
      return rel === 'app.js.map' ? Buffer.from(map) : undefined;
    },
  });
  return { facts, siblingRequests };
}
const hostOriginal = (facts: { strings: Array<{ value: string; original?: unknown }> }) => facts.strings.find((s) => s.value === HOST)?.original;

describe('source map discovery', () => {
  it('normalises bundler source names', () => {
    expect(normaliseSource('webpack://app/./src/call.ts')).toBe('src/call.ts');
    expect(normaliseSource('webpack:///./node_modules/twilio-video/es5/index.js')).toBe('node_modules/twilio-video/es5/index.js');
    expect(normaliseSource('../../node_modules/agora-rtc-sdk-ng/AgoraRTC_N-production.js')).toBe('node_modules/agora-rtc-sdk-ng/AgoraRTC_N-production.js');
    expect(normaliseSource('/home/dev/app/node_modules/x/y.js')).toBe('node_modules/x/y.js');
    expect(normaliseSource('/home/dev/app/src/a.js')).toBe('/home/dev/app/src/a.js');
    expect(normaliseSource('http://evil.example/src/a.js')).toBe('http://evil.example/src/a.js');
  });

  it('only takes a sourceMappingURL comment that starts a line', () => {
    expect(sourceMappingUrl('var s="//# sourceMappingURL=data:x";\n//# sourceMappingURL=app.js.map\n')).toBe('app.js.map');
    expect(sourceMappingUrl('var s="\\n//# sourceMappingURL=evil.map";')).toBeUndefined();
    expect(sourceMappingUrl('x()\n/*# sourceMappingURL=a.map */')).toBe('a.map');
  });

  it('accepts only relative references that stay below the artifact', () => {
    expect(isSafeRelativeRef('app.js.map')).toBe(true);
    expect(isSafeRelativeRef('maps/app.js.map')).toBe(true);
    for (const bad of ['/etc/passwd', '../secret.map', 'maps/%2e%2e/x.map', 'http://evil.example/a.map', 'file:///etc/passwd', '//evil.example/a.map', 'C:\\x.map']) {
      expect(isSafeRelativeRef(bad), bad).toBe(false);
    }
  });
});

describe('tracing', () => {
  it('traces through a linked map', async () => {
    const { facts, siblingRequests } = await readWithMap(withComment('app.js.map'));
    expect(siblingRequests).toEqual(['app.js.map']);
    expect(facts.meta.sourceMap).toBe('app.js.map');
    expect(hostOriginal(facts)).toMatchObject({ source: 'apps/clean-bait/index.js', line: 5 });
  });

  it('traces through an inline data: map without reading siblings', async () => {
    const { facts, siblingRequests } = await readWithMap(withComment(dataUrl(mapText)), '{}');
    expect(siblingRequests).toEqual([]);
    expect(facts.meta.sourceMap).toBe('inline');
    expect(hostOriginal(facts)).toMatchObject({ source: 'apps/clean-bait/index.js', line: 5 });
  });

  it('finds a hidden map (no comment) next to the file', async () => {
    const { facts, siblingRequests } = await readWithMap(code);
    expect(siblingRequests).toEqual(['app.js.map']);
    expect(hostOriginal(facts)).toMatchObject({ source: 'apps/clean-bait/index.js', line: 5 });
  });

  it('never follows absolute, parent or URL references', async () => {
    for (const ref of ['/etc/passwd', 'http://evil.example/app.js.map', '../../../etc/app.js.map', 'file:///etc/passwd']) {
      const { facts, siblingRequests } = await readWithMap(withComment(ref));
      expect(siblingRequests, ref).toEqual(['app.js.map']); // only the in-container sibling fallback
      expect(facts.notices.map((n) => n.id), ref).toContain('sourcemap/outside');
    }
  });

  it('reports absolute and http sources as names without reading them', async () => {
    const map = JSON.parse(mapText) as { sources: string[] };
    map.sources = map.sources.map((s, i) => (i === 0 ? 'http://evil.example/src/index.js' : `/home/dev/${s}`));
    const { facts, siblingRequests } = await readWithMap(withComment('app.js.map'), JSON.stringify(map));
    expect(siblingRequests).toEqual(['app.js.map']);
    expect(hostOriginal(facts)).toMatchObject({ source: 'http://evil.example/src/index.js', line: 5 });
  });
});

describe('malformed and oversized maps', () => {
  const cases: Record<string, () => string> = {
    truncated: () => mapText.slice(0, Math.floor(mapText.length / 2)),
    'not an object': () => '[1,2,3]',
    'no sources': () => JSON.stringify({ ...JSON.parse(mapText), sources: 'x' }),
    'garbage mappings': () => JSON.stringify({ ...JSON.parse(mapText), mappings: '////////////////////////////;;;;+++,,,zzzzzzzz' }),
    'lying line numbers': () => JSON.stringify({ ...JSON.parse(mapText), mappings: 'AAAA,A/////////////D;'.repeat(4) }),
    binary: () => '\u0000\u0001\u0002',
  };
  for (const [name, make] of Object.entries(cases)) {
    it(`survives a ${name} map`, async () => {
      const { facts } = await readWithMap(withComment('app.js.map'), make());
      expect(facts.strings.some((s) => s.value === HOST)).toBe(true);
      for (const s of facts.strings) {
        if (!s.original) continue;
        expect(s.original.line).toBeGreaterThanOrEqual(1);
        expect(s.original.column).toBeGreaterThanOrEqual(1);
      }
    });
  }

  it('adds a notice for maps that cannot be parsed', async () => {
    const { facts } = await readWithMap(withComment('app.js.map'), cases.truncated!());
    expect(facts.notices.map((n) => n.id)).toContain('sourcemap/malformed');
    expect(hostOriginal(facts)).toBeUndefined();
  });

  it('skips maps above the size limit', async () => {
    const reader = createJsReader({ maxMapBytes: 100 });
    const facts = await reader.read(Buffer.from(withComment('app.js.map')), 'app.js', {
      rules: defaultRulePack(),
      maxStrings: 1000,
      readSibling: async () => Buffer.from(mapText),
    });
    expect(facts.notices.map((n) => n.id)).toContain('sourcemap/too-large');
    expect(hostOriginal(facts)).toBeUndefined();
  });
});
