// Differential: the same app logic as JavaScript source, as Hermes bytecode (hermesc -O over a Metro-format bundle
// with the real react-native-agora; test/fixtures/differential/build-hermes.sh), as DEX and as arm64 Objective-C
// gives the same findings — rule, vendor, API kind and argument roles with the kind of value each role holds.
// Differences that are intrinsic to a format are asserted as such below, not hidden.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

function findings(input: string): any[] {
  const r = runCli(['scan', input, '--format', 'json', '--fail-on', 'none', '--quiet'], ROOT);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).bundles.flatMap((b: any) => b.findings);
}

/** A JS file scanned alone, as an app's source file (its folder holds nothing else). */
function jsAlone(file: string): any[] {
  const dir = mkdtempSync(join(tmpdir(), 'rtcscan-diff-'));
  copyFileSync(join(ROOT, file), join(dir, 'app.js'));
  return findings(dir);
}

const kindOf = (api: string) => (/init|shared-engine|create/.test(api) ? 'init' : /join/.test(api) ? 'join' : api);

/** rule, vendor, API kind, and each argument role with the kind of its value (literal / null / unknown). */
function signature(fs: any[]): string[] {
  return fs
    .filter((f) => !['RTC101', 'RTC202', 'RTC301', 'RTC302'].includes(f.ruleId) && !f.location.artifact.endsWith('.plist'))
    .map((f) => {
      const roles = [...(f.message as string).matchAll(/\b(appId|token|channel|uid)=("[^"]*"|null|\d+|<[^,)]*>|[^,)\s]+)/g)]
        .map(([, role, v]) => `${role}:${v === 'null' ? 'null' : /^("|\d)/.test(v!) ? 'literal' : 'unknown'}`)
        .sort()
        .join(',');
      return [f.ruleId, f.properties.vendor ?? '-', f.properties.api ? kindOf(f.properties.api) : '-', roles].filter(Boolean).join(' ');
    })
    .sort();
}

/** Cleartext flows by URL shape (holes blanked) and the cleartext hosts. */
const urlShapes = (fs: any[]) => new Set(fs.filter((f) => f.ruleId === 'RTC301').map((f) => /\((http:[^)]*)\)/.exec(f.message)?.[1]?.replace(/\$\{[^}]*\}/g, '${}')));
const cleartextHosts = (fs: any[]) => new Set(fs.filter((f) => f.ruleId === 'RTC301' || f.ruleId === 'RTC302').map((f) => `${f.ruleId} ${f.properties.host}`));

describe('differential: call screen — JS, Hermes bytecode, DEX', () => {
  const js = jsAlone('test/fixtures/differential/call-screen.js');
  const hermes = findings('test/fixtures/differential/call-screen.hbc');
  const dex = findings('test/fixtures/dex/model/app.dex');

  it('Hermes gives the JS findings: rules, vendor, API kinds, argument roles and value kinds', () => {
    expect(signature(hermes)).toEqual(signature(js));
    expect(signature(hermes)).toEqual([
      'RTC102 agora init appId:literal',
      'RTC102 agora join channel:unknown,token:null,uid:unknown',
      'RTC304 agora join channel:unknown,token:null,uid:unknown',
      'RTC401 agora -',
      'RTC404 agora join channel:unknown,token:null,uid:unknown',
      'RTC501 agora init',
    ]);
  });

  it('DEX gives the same sessions, roles included (per-overload roles of joinChannel name the uid)', () => {
    expect(signature(dex)).toEqual(signature(js));
  });

  it('all three trace identifiers into the same two cleartext URL shapes on the same host', () => {
    expect(urlShapes(hermes)).toEqual(urlShapes(js));
    expect(urlShapes(dex)).toEqual(urlShapes(js));
    expect(cleartextHosts(hermes)).toEqual(cleartextHosts(js));
    expect(cleartextHosts(dex)).toEqual(cleartextHosts(js));
    // Intrinsic: the JS flow analysis reports every identifier of a URL (roomId and userId: 4 results); the shared
    // model-flow check reports one identifier per URL (2 results) for Hermes and DEX alike.
    expect(js.filter((f) => f.ruleId === 'RTC301')).toHaveLength(4);
    expect(hermes.filter((f) => f.ruleId === 'RTC301')).toHaveLength(2);
    expect(dex.filter((f) => f.ruleId === 'RTC301')).toHaveLength(2);
  });
});

describe('differential: audio-room app — JS, Hermes bytecode, arm64 Objective-C', () => {
  const js = jsAlone('test/fixtures/macho-app/src/club.js');
  const hermes = findings('test/fixtures/differential/club.hbc');
  const objc = findings('test/fixtures/macho-app/Club-selstubs');

  it('gives the same findings in all three', () => {
    expect(signature(hermes)).toEqual(signature(js));
    expect(signature(objc)).toEqual(signature(hermes));
    expect(signature(hermes)).toContain('RTC403 agora -');
    expect(signature(hermes)).toContain('RTC102 agora join channel:unknown,token:literal,uid:literal');
  });

  it('traces the uid into the same cleartext URL', () => {
    expect(urlShapes(hermes)).toEqual(urlShapes(js));
    expect(urlShapes(objc)).toEqual(urlShapes(js));
  });
});

// Receivers the checks type with one typing for JS and Hermes (scanner/checks/model-types.ts): an engine held in a
// React ref, and the package's default export (esbuild's interop, inlined by hermesc -O into `__copyProps`).
describe('differential: engine in a React ref, and a default import — JS and Hermes bytecode', () => {
  it('useRef(createAgoraRtcEngine()) then engine.current.initialize / joinChannel: the same findings', () => {
    const js = jsAlone('test/fixtures/differential/ref-screen.js');
    const hermes = findings('test/fixtures/differential/ref-screen.hbc');
    expect(signature(hermes)).toEqual(signature(js));
    expect(signature(hermes)).toEqual([
      'RTC102 agora init appId:literal',
      'RTC102 agora join channel:unknown,token:null,uid:unknown',
      'RTC304 agora join channel:unknown,token:null,uid:unknown',
      'RTC401 agora -',
      'RTC404 agora join channel:unknown,token:null,uid:unknown',
      'RTC501 agora init',
    ]);
  });

  it("import createAgoraRtcEngine from 'react-native-agora' (the default export): the same findings", () => {
    const js = jsAlone('test/fixtures/differential/default-import.js');
    const hermes = findings('test/fixtures/differential/default-import.hbc');
    expect(signature(hermes)).toEqual(signature(js));
    expect(signature(hermes)).toContain('RTC102 agora init appId:literal');
    expect(signature(hermes)).toContain('RTC102 agora join channel:unknown,token:literal,uid:unknown');
    expect(signature(hermes)).toContain('RTC403 agora -');
  });
});

// Class components and hooks as the react-native-agora examples write them. Compiled by hermesc, a derived class's
// `this` is what `super(…)` gives (CreateThisForSuper; SelectObject after CallWithNewTarget, or
// HermesBuiltin.applyWithNewTarget for `super(...arguments)`), kept in a closure slot for class-property arrows and
// read back through a TDZ check (ThrowIfEmpty); a hook's `return { engine }` in another Metro module reaches the
// screen through esbuild's export getters.
describe('differential: class components and a hook in another module — JS and Hermes bytecode', () => {
  it('class-property arrows and arrows assigned after super(props) act on the instance: enableEncryption is found (no RTC304), both joins are', () => {
    const js = jsAlone('test/fixtures/differential/class-screen.js');
    const hermes = findings('test/fixtures/differential/class-screen.hbc');
    expect(signature(hermes)).toEqual(signature(js));
    expect(signature(hermes)).toEqual([
      'RTC102 agora init appId:literal',
      'RTC102 agora join channel:literal,token:unknown,uid:literal',
      'RTC102 agora join channel:unknown,token:unknown,uid:unknown',
      'RTC401 agora -',
      'RTC501 agora init',
    ]);
  });

  it("a screen joining on the engine a hook module returns (`const { engine } = useCallEngine(channel)`): the same findings", () => {
    const js = findings(join(ROOT, 'test/fixtures/differential/hook-screen'));
    const hermes = findings('test/fixtures/differential/hook-screen.hbc');
    expect(signature(hermes)).toEqual(signature(js));
    expect(signature(hermes)).toEqual([
      'RTC102 agora init appId:literal',
      'RTC102 agora join channel:unknown,token:unknown,uid:unknown',
      'RTC304 agora join channel:unknown,token:unknown,uid:unknown',
      'RTC401 agora -',
      'RTC501 agora init',
    ]);
  });
});
