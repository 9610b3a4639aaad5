// The Hermes model's fast walk against its reference walk (`reference: true`: every speed device off — register
// states copied at every jump and block entry instead of shared copy-on-write, jump states by offset instead of by
// target rank, shapes and register writes recomputed per walk, no member memo, no interned string/number values,
// literal buffers decoded afresh, no shared literal templates). Both walks share the modelling itself, so this
// checks what speed work changes — sharing, caching, interning, per-walk state reuse — on the whole model
// (functions and every call with its receiver and argument values), not on a recorded digest: real bytecode (the
// React Native sample on the real react-native-agora, the differential fixtures, one app per bytecode version,
// real vendor SDK builds compiled by the npm hermes-compiler) and seeded byte mutations of fixtures.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { parseHermes } from '../../scanner/formats/hermes/parse.js';
import { buildHermesModel } from '../../scanner/formats/hermes/model.js';
import { opcodeTable } from '../../scanner/formats/hermes/opcodes.js';
import type { CodeModel } from '../../scanner/model/types.js';
import { ROOT } from '../helpers/cli.js';

const rules = defaultRulePack();

/**
 * Structural identity of a value: equal ids for equal structures (keys in order, undefined properties left out, a
 * cycle as a back reference). Hash-consed: each distinct node's text is made once from its children's ids, so a
 * value shared many times (string foldings of mutated bytecode) stays linear to compare.
 */
class Structure {
  private table = new Map<string, string>();
  private memo = new Map<object, string>();
  /** Ids whose text holds a back reference (they depend on the path, so they are not memoised). */
  private contextual = new Set<string>();
  id(x: unknown, stack: object[] = []): string {
    if (typeof x !== 'object' || x === null) return JSON.stringify(x) ?? 'undefined';
    const hit = this.memo.get(x);
    if (hit) return hit;
    const back = stack.indexOf(x);
    if (back >= 0) return `^${stack.length - back}`;
    stack.push(x);
    const o = x as Record<string, unknown>;
    const parts = Array.isArray(x) ? x.map((v) => this.id(v, stack)) : Object.keys(o).filter((k) => o[k] !== undefined).map((k) => `${k}:${this.id(o[k], stack)}`);
    stack.pop();
    const text = Array.isArray(x) ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
    let id = this.table.get(text);
    if (!id) this.table.set(text, (id = `#${this.table.size}`));
    if (parts.some((p) => p.includes('^') || this.contextual.has(p.slice(p.lastIndexOf(':') + 1)))) this.contextual.add(id);
    else this.memo.set(x, id);
    return id;
  }
  text(id: string): string {
    for (const [t, i] of this.table) if (i === id) return t;
    return id;
  }
}

function build(data: Buffer, reference: boolean): CodeModel | string {
  try {
    const file = parseHermes(data, { maxStrings: 1e7 });
    const table = opcodeTable(file.header.version);
    if (!table) return 'no opcode table';
    return buildHermesModel({ data, header: file.header, layout: file.layout, table }, file, { rules, reference });
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/** Fast and reference models of one input are the same structure; returns the number of calls compared. */
function expectSame(name: string, data: Buffer): number {
  const fast = build(data, false);
  const ref = build(data, true);
  if (typeof fast === 'string' || typeof ref === 'string') {
    expect(fast, name).toEqual(ref);
    return 0;
  }
  expect(fast.functions.length, name).toBe(ref.functions.length);
  expect(fast.calls.length, name).toBe(ref.calls.length);
  // Everything (functions, calls, bundled vendors); on a difference, the first call that differs is named.
  const st = new Structure();
  if (st.id(fast) !== st.id(ref)) {
    for (let i = 0; i < fast.calls.length; i++) {
      const a = st.id(fast.calls[i]);
      const b = st.id(ref.calls[i]);
      if (a !== b) expect(`${name} call ${i}: ${st.text(a)}`).toBe(`${name} call ${i}: ${st.text(b)}`);
    }
    expect.fail(`${name}: the models differ outside the calls`);
  }
  return fast.calls.length;
}

const FIXTURES = [
  'samples/hermes-rn/dist/app.hbc',
  'test/fixtures/differential/call-screen.hbc',
  'test/fixtures/differential/class-screen.hbc',
  'test/fixtures/differential/hook-screen.hbc',
  'test/fixtures/differential/ref-screen.hbc',
  'test/fixtures/differential/default-import.hbc',
  'test/fixtures/differential/club.hbc',
  // RN 0.68 (bytecode v90) builds whose receiver terms nest deeper than 8 levels: with the meet's comparison bounded
  // at that depth, the walks disagreed here (a term rebuilt per walk was "not known to be the same").
  'test/fixtures/differential/rn068/await-screen/app.v90.hbc',
  'test/fixtures/differential/rn068/voice-room/app.v90.hbc',
  ...[84, 85, 89, 90, 94, 96, 98, 99].map((v) => `test/fixtures/hermes/app-v${v}.hbc`),
  'test/fixtures/hermes/big-v96.hbc',
  'test/fixtures/hermes/big-v99.hbc',
];

describe('Hermes model: the fast walk equals the reference walk', () => {
  it('on the React Native sample, the differential fixtures and one app per bytecode version', () => {
    let calls = 0;
    for (const f of FIXTURES) calls += expectSame(f, readFileSync(join(ROOT, f)));
    // The inputs are not trivial: the sample alone has thousands of call sites.
    expect(calls).toBeGreaterThan(5000);
  }, 120_000);

  it('on seeded byte mutations of fixtures (malformed bytecode)', () => {
    let seed = 20261206;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    // Small apps (one per opcode table family): a mutant of a large bundle takes seconds to build twice.
    const sources = ['test/fixtures/hermes/app-v84.hbc', 'test/fixtures/hermes/app-v90.hbc', 'test/fixtures/hermes/app-v96.hbc', 'test/fixtures/hermes/app-v99.hbc'];
    let compared = 0;
    let withCalls = 0;
    for (const f of sources) {
      const orig = readFileSync(join(ROOT, f));
      for (let i = 0; i < 10; i++) {
        const data = Buffer.from(orig);
        // Past the header (a broken header only fails the parse): bytecode, tables, literal buffers.
        for (let k = 1 + Math.floor(rnd() * 6); k > 0; k--) data[128 + Math.floor(rnd() * (data.length - 128))] = Math.floor(rnd() * 256);
        if (expectSame(`${f} mutant ${i}`, data) > 0) withCalls++;
        compared++;
      }
    }
    expect(compared).toBe(40);
    // Most mutants still parse and have calls to compare.
    expect(withCalls).toBeGreaterThan(10);
  }, 300_000);

  const hermesc = join(ROOT, 'node_modules/hermes-compiler/hermesc', process.platform === 'darwin' ? 'osx-bin/hermesc' : 'linux64-bin/hermesc');
  for (const [pkg, src] of [['twilio-video', 'dist/twilio-video.min.js'], ['livekit-client', 'dist/livekit-client.umd.js']] as const) {
    const path = join(ROOT, 'node_modules', pkg, src);
    it.runIf(existsSync(hermesc) && existsSync(path))(`on ${pkg} (real SDK build, hermesc -O)`, () => {
      const dir = join(tmpdir(), 'rtcscan-hermes-model-reference');
      mkdirSync(dir, { recursive: true });
      const out = join(dir, `${pkg}.hbc`);
      const r = spawnSync(hermesc, ['-emit-binary', '-O', '-w', '-out', out, path], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(expectSame(pkg, readFileSync(out))).toBeGreaterThan(5000);
    }, 180_000);
  }
});
