// Vendor desktop/Node binaries named by what they contain, with no JS beside them: clang/lld-built addons
// (test/fixtures/native-vendor/build.sh) carrying the exports, crate paths and file names measured on the real
// npm packages (@livekit/rtc-node-*, agora-electron-sdk; see rules/vendors/*.yaml `sdk.native`).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readFacts } from '../../scanner/formats/index.js';
import { loadRulePack } from '../../scanner/rules/pack.js';
import { sdkCheck } from '../../scanner/checks/sdk.js';
import { runChecks } from './harness.js';

const pack = loadRulePack();
async function scan(file: string) {
  const facts = await readFacts(readFileSync(fileURLToPath(new URL(`../fixtures/native-vendor/${file}`, import.meta.url))), `app!/${file}`, { rules: pack, maxStrings: 100_000 });
  return { facts, findings: runChecks([sdkCheck], [facts], { pack }) };
}

describe('native vendor binaries on their own', () => {
  it.each([
    ['rtc-node.linux-x64-gnu.node', 'elf'],
    ['rtc-node.darwin-arm64.node', 'macho'],
  ])('%s (%s): LiveKit by exported FFI symbol and crate path, nothing else', async (file, format) => {
    const { facts, findings } = await scan(file);
    expect(facts.format).toBe(format);
    expect(findings.map((f) => [f.ruleId, f.properties.vendor])).toEqual([['RTC101', 'livekit']]);
    expect(findings[0]!.properties.routes).toEqual(expect.arrayContaining(['native-symbol', 'native-marker']));
  });

  it('agora_node_ext.node: Agora by the addon file name', async () => {
    const { findings } = await scan('agora_node_ext.node');
    expect(findings.map((f) => [f.ruleId, f.properties.vendor, f.properties.route])).toEqual([['RTC101', 'agora', 'native-library']]);
  });

  it('an unrelated addon names no vendor', async () => {
    expect((await scan('addon.node')).findings).toEqual([]);
  });
});
