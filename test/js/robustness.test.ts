// The reader never throws and never hangs on truncated, corrupted or non-JS input; sniffing is cheap and strict.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJsReader, jsReader } from '../../scanner/formats/js/index.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { apiCallsOf, ensureCorpus, outDir, readJs } from './corpus.js';

let metro: Buffer;
let clean: Buffer;
beforeAll(async () => {
  await ensureCorpus();
  metro = readFileSync(join(outDir, 'rn-agora/index.android.bundle'));
  clean = readFileSync(join(outDir, 'clean-bait/app.js'));
}, 600_000);

/** Deterministic PRNG (mulberry32) so corrupted variants are the same on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('truncated and corrupted bundles', () => {
  it('reads every truncation of the Metro bundle without throwing', async () => {
    for (let cut = 0; cut < metro.length; cut += 61) {
      const { facts } = await readJs(metro.subarray(0, cut), 'index.android.bundle');
      expect(facts.format).toBe('js');
      for (const c of facts.apiCalls) expect(c.line).toBeGreaterThanOrEqual(1);
    }
  });

  it('reports recovered or failed parses as notices', async () => {
    const { facts } = await readJs(metro.subarray(0, Math.floor(metro.length * 0.6)), 'index.android.bundle');
    expect(facts.notices.map((n) => n.id).some((id) => id === 'js/parse-recovered' || id === 'js/parse-failed')).toBe(true);
  });

  it('survives random byte corruption', async () => {
    const next = rng(7);
    for (let round = 0; round < 40; round++) {
      const bytes = Buffer.from(round % 2 ? metro : clean);
      for (let i = 0; i < 12; i++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      const { facts } = await readJs(bytes, round % 2 ? 'index.android.bundle' : 'app.js');
      expect(Array.isArray(facts.strings)).toBe(true);
    }
  });

  it('keeps only maxStrings strings and says so', async () => {
    const facts = await jsReader.read(clean, 'app.js', { rules: defaultRulePack(), maxStrings: 3 });
    expect(facts.strings).toHaveLength(3);
    expect(facts.notices.map((n) => n.id)).toContain('js/max-strings');
  });

  it('does not parse files above the size limit, but still scans their literals (issue #14 item 8)', async () => {
    const facts = await createJsReader({ maxParseBytes: 100 }).read(clean, 'app.js', { rules: defaultRulePack(), maxStrings: 10 });
    expect(apiCallsOf(facts, defaultRulePack())).toEqual([]);
    expect(facts.code).toBeUndefined();
    expect(facts.strings.length).toBeGreaterThan(0);
    expect(facts.notices.map((n) => n.id)).toContain('js/too-large');
  });

  it('leaves Hermes bytecode to the Hermes reader', async () => {
    const hermes = Buffer.concat([Buffer.from([0xc6, 0x1f, 0xbc, 0x03, 0xc1, 0x03, 0x19, 0x1f]), Buffer.alloc(120)]);
    expect(jsReader.sniff(hermes, 'main.jsbundle')).toBe(false);
    const facts = await jsReader.read(hermes, 'main.jsbundle', { rules: defaultRulePack(), maxStrings: 10 });
    expect(facts.notices.map((n) => n.id)).toEqual(['js/hermes']);
  });
});

describe('sniff', () => {
  it('accepts JS by name or by content, rejects binaries and JSON', () => {
    expect(jsReader.sniff(metro.subarray(0, 512), 'assets/index.android.bundle')).toBe(true);
    expect(jsReader.sniff(clean.subarray(0, 512), 'whatever')).toBe(true); // starts with a license comment + code
    expect(jsReader.sniff(Buffer.from('__d(function(g,r,i,a,m,e,d){},0,[]);'), 'blob')).toBe(true);
    expect(jsReader.sniff(Buffer.from('{"name":"x"}'), 'package.json')).toBe(false);
    expect(jsReader.sniff(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]), 'lib.js')).toBe(false);
    expect(jsReader.sniff(Buffer.from('<?xml version="1.0"?>'), 'Info.plist')).toBe(false);
  });
});
