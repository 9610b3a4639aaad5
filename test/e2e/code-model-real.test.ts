// The code-model stage on real compiled code, checked against references rather than against recorded digests:
// - DEX: the one-walk interpreter (loop headers from a decode-only pass) against the two-walk reference (walk, learn
//   the loops, walk again) on every DEX of the Android sample (javac + d8 / smali), the DEX fixtures, and seeded
//   byte mutations of them (malformed code is where the one walk must fall back to the two).
// - Hermes: the model is a pure function of the file (its caches, interned environments and copy-on-write register
//   states leave nothing behind between files), and specific facts of real bytecode: the React Native sample (real
//   react-native-agora 4.6.4) and the real twilio-video SDK build compiled by the npm hermes-compiler.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { DexTables } from '../../scanner/formats/dex/tables.js';
import { readHeader as readDexHeader } from '../../scanner/formats/dex/header.js';
import { scanClasses } from '../../scanner/formats/dex/classes.js';
import { buildDexModel } from '../../scanner/formats/dex/model.js';
import { parseHermes } from '../../scanner/formats/hermes/parse.js';
import { buildHermesModel } from '../../scanner/formats/hermes/model.js';
import { opcodeTable } from '../../scanner/formats/hermes/opcodes.js';
import type { CodeModel, ModelCall } from '../../scanner/model/types.js';
import { bufferSource } from '../../scanner/input/source.js';
import { listZip, readZipEntry } from '../../scanner/input/zip.js';
import { ROOT } from '../helpers/cli.js';

function dexModel(data: Buffer, twoWalks: boolean): string {
  try {
    const t = new DexTables(data, readDexHeader(data));
    const scan = scanClasses(t);
    return JSON.stringify(buildDexModel(t, scan.classes, scan.methods, () => false, undefined, { twoWalks }));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

async function sampleDexes(): Promise<Array<[string, Buffer]>> {
  const apk = bufferSource(readFileSync(join(ROOT, 'samples/android/club.apk')));
  const out: Array<[string, Buffer]> = [];
  for (const e of (await listZip(apk, 1000)).entries) {
    if (/^classes\d*\.dex$/.test(e.name)) out.push([`club.apk!/${e.name}`, await readZipEntry(apk, e, 1 << 26)]);
  }
  return out;
}

const FIXTURES = ['test/fixtures/dex/classes.dex', 'test/fixtures/dex/classes2.dex', 'test/fixtures/dex/model/app.dex', 'test/fixtures/dex/model/edge.dex'];

describe('DEX model: one walk equals the two-walk reference', () => {
  it('on every DEX of the Android sample and the fixtures', async () => {
    const inputs: Array<[string, Buffer]> = [...(await sampleDexes()), ...FIXTURES.map((f): [string, Buffer] => [f, readFileSync(join(ROOT, f))])];
    expect(inputs.length).toBeGreaterThanOrEqual(6);
    for (const [name, data] of inputs) {
      const one = dexModel(data, false);
      expect(one.startsWith('error'), name).toBe(false);
      expect(JSON.parse(one).model.calls.length, name).toBeGreaterThan(0);
      expect(one, name).toBe(dexModel(data, true));
    }
  });

  it('on seeded byte mutations of the model fixtures (malformed code, where the one walk falls back)', () => {
    let seed = 20260601;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let compared = 0;
    for (const f of ['test/fixtures/dex/model/app.dex', 'test/fixtures/dex/model/edge.dex']) {
      const orig = readFileSync(join(ROOT, f));
      for (let i = 0; i < 150; i++) {
        const data = Buffer.from(orig);
        const at = 0x70 + Math.floor(rnd() * (data.length - 0x70));
        for (let k = 1 + Math.floor(rnd() * 8); k > 0; k--) data[Math.min(data.length - 1, at + Math.floor(rnd() * 64))] = Math.floor(rnd() * 256);
        expect(dexModel(data, false), `${f} mutant ${i}`).toBe(dexModel(data, true));
        compared++;
      }
    }
    expect(compared).toBe(300);
  });
});

const rules = defaultRulePack();
function hermesModel(data: Buffer): CodeModel {
  const file = parseHermes(data, { maxStrings: 1e7 });
  const table = opcodeTable(file.header!.version)!;
  return buildHermesModel({ data, header: file.header!, layout: file.layout!, table }, file, { rules });
}
const calls = (m: CodeModel, pred: (c: ModelCall) => boolean) => m.calls.filter(pred);

describe('Hermes model on real bytecode', () => {
  const app = readFileSync(join(ROOT, 'samples/hermes-rn/dist/app.hbc'));

  it('is a pure function of the file: the same output built twice, with another file built in between', () => {
    const first = JSON.stringify(hermesModel(app));
    const other = hermesModel(readFileSync(join(ROOT, 'test/fixtures/differential/call-screen.hbc')));
    expect(other.calls.length).toBeGreaterThan(0);
    expect(JSON.stringify(hermesModel(app))).toBe(first);
  });

  it('the React Native sample: module-resolved receivers, object literal props, string concatenation, parameters', () => {
    const m = hermesModel(app);
    expect(m.functions).toHaveLength(2976);
    // startCall is async: its body is the function hermesc names `?anon_N_startCall` (labelled startCall).
    const inStart = calls(m, (c) => c.context?.startsWith('startCall [') === true);
    const init = inStart.find((c) => c.method === 'initialize')!;
    // Structural, as the JS reader gives it (typed by scanner/checks/model-types.ts): the call of the package's export.
    expect(init.receiver).toEqual({
      kind: 'call',
      callee: 'react-native-agora.createAgoraRtcEngine',
      of: { kind: 'member', of: { kind: 'module', name: 'react-native-agora' }, name: 'createAgoraRtcEngine' },
      args: 0,
    });
    expect(init.args[0]).toMatchObject({ kind: 'object', props: { appId: { kind: 'string', value: '5b8e2c7d91f04a6e8c3d2b1a0f9e8d7c' } } });
    const join = inStart.find((c) => c.method === 'joinChannel')!;
    expect(join.args.slice(0, 3)).toEqual([
      { kind: 'string', value: '' },
      { kind: 'unknown', text: '', origin: { kind: 'param', fn: 'startCall', index: 1 } },
      { kind: 'unknown', text: '', origin: { kind: 'param', fn: 'startCall', index: 2 } },
    ]);
    const fetch = inStart.find((c) => c.callee === 'fetch')!;
    expect(fetch.receiver).toEqual({ kind: 'global', name: 'globalThis' });
    expect(fetch.args[0]).toEqual({
      kind: 'concat',
      parts: [
        { kind: 'string', value: '' },
        { kind: 'string', value: 'http://api.example.com/v1' },
        { kind: 'string', value: '/presence?uid=' },
        { kind: 'unknown', text: '', origin: { kind: 'param', fn: 'startCall', index: 2 } },
      ],
    });
    expect(fetch.args[1]).toEqual({ kind: 'object', props: { method: { kind: 'string', value: 'POST' } } });
    // The SDK's own functions are vendor code (module → package by the wrapper's markers).
    expect(m.functions.filter((f) => f.inVendorCode).length).toBeGreaterThan(500);
  });

  const hermesc = join(ROOT, 'node_modules/hermes-compiler/hermesc', process.platform === 'darwin' ? 'osx-bin/hermesc' : 'linux64-bin/hermesc');
  const twilioSrc = join(ROOT, 'node_modules/twilio-video/dist/twilio-video.min.js');
  it.runIf(existsSync(hermesc) && existsSync(twilioSrc))('twilio-video (real SDK build, hermesc -O): WebSocket and getUserMedia with their arguments', () => {
    const dir = join(tmpdir(), 'rtcscan-code-model-real');
    mkdirSync(dir, { recursive: true });
    const out = join(dir, 'twilio-video.hbc');
    const r = spawnSync(hermesc, ['-emit-binary', '-O', '-w', '-out', out, twilioSrc], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const m = hermesModel(readFileSync(out));
    expect(m.functions.length).toBeGreaterThan(2000);
    const ws = calls(m, (c) => c.construct === true && c.callee === 'WebSocket');
    expect(ws.map((c) => c.args[0])).toContainEqual({ kind: 'unknown', text: 'gateway', origin: { kind: 'field', name: 'gateway' } });
    const gum = calls(m, (c) => c.callee === 'navigator.mediaDevices.getUserMedia');
    expect(gum[0]?.receiver).toEqual({ kind: 'member', of: { kind: 'global', name: 'navigator' }, name: 'mediaDevices' });
  }, 120_000);

  // A property read of an object literal named like an Object.prototype member (`o.isPrototypeOf`,
  // `o.constructor`) once gave the prototype's function as the value, and the scan died cloning the facts to the
  // main thread ("function isPrototypeOf() could not be cloned"): the real AgoraRTC production build does this.
  const agoraSrc = join(ROOT, 'node_modules/agora-rtc-sdk-ng/AgoraRTC_N-production.js');
  it.runIf(existsSync(hermesc) && existsSync(agoraSrc))('agora-rtc-sdk-ng (real SDK build, hermesc -O): the model holds data only (structured-cloneable)', () => {
    const dir = join(tmpdir(), 'rtcscan-code-model-real');
    mkdirSync(dir, { recursive: true });
    const out = join(dir, 'agora.hbc');
    const r = spawnSync(hermesc, ['-emit-binary', '-O', '-w', '-out', out, agoraSrc], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const m = hermesModel(readFileSync(out));
    expect(m.calls.length).toBeGreaterThan(10_000);
    expect(() => structuredClone(m)).not.toThrow();
  }, 180_000);
});
