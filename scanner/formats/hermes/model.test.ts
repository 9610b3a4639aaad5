// The Hermes code model on real compiler output: samples/hermes-rn/dist/app.hbc (hermesc v99, the real
// react-native-agora 4.6.4 in Metro's release module format; rebuilt by samples/hermes-rn/build.mjs).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { hermesReader } from './index.js';
import { loadRulePack } from '../../rules/pack.js';
import { runChecks } from '../../../test/checks/harness.js';
import { ALL_CHECKS } from '../../checks/index.js';

const pack = loadRulePack();
const ENGINE = {
  kind: 'call',
  callee: 'react-native-agora.createAgoraRtcEngine',
  of: { kind: 'member', of: { kind: 'module', name: 'react-native-agora' }, name: 'createAgoraRtcEngine' },
  args: 0,
};

describe('Hermes code model on samples/hermes-rn (real react-native-agora)', () => {
  it('resolves the package module, the App ID through closure slots, the URL through the helper, and the checks fire', async () => {
    const facts = await hermesReader.read(readFileSync('samples/hermes-rn/dist/app.hbc'), 'app.hbc', { rules: pack, maxStrings: 1e6 });
    const calls = facts.code!.calls;
    const init = calls.find((c) => c.method === 'initialize' && c.receiver.kind === 'call')!;
    // Structural, as the JS reader gives it: the call of the package's export, typed by the checks (model-types.ts).
    expect(init.receiver).toEqual(ENGINE);
    expect(init.args[0]).toMatchObject({ kind: 'object', props: { appId: { kind: 'string', value: '5b8e2c7d91f04a6e8c3d2b1a0f9e8d7c' } } });
    expect(facts.code!.functions.filter((f) => f.inVendorCode).length).toBeGreaterThan(100);
    const findings = runChecks([...ALL_CHECKS], [facts], { pack });
    const ids = findings.map((f) => f.ruleId);
    for (const r of ['RTC101', 'RTC102', 'RTC401', 'RTC304', 'RTC301']) expect(ids).toContain(r);
    const flow = findings.find((f) => f.ruleId === 'RTC301')!;
    expect(flow.properties).toMatchObject({ identifier: 'uid', host: 'api.example.com', scheme: 'http', sink: 'fetch' });
    expect(flow.flow).toHaveLength(3);
    expect(flow.flow![1]!.message).toContain('"http://api.example.com/v1/presence?uid=" + <param 2 of');
    expect(findings.find((f) => f.ruleId === 'RTC401')!.message).not.toContain('5b8e2c7d91f04a6e8c3d2b1a0f9e8d7c');
  });

  it('follows the engine through the module-level `let engine` slot (stored undefined, then the factory result) into joinChannel', async () => {
    const facts = await hermesReader.read(readFileSync('samples/hermes-rn/dist/app.hbc'), 'app.hbc', { rules: pack, maxStrings: 1e6 });
    const join = facts.code!.calls.find((c) => c.method === 'joinChannel' && c.receiver.kind === 'call')!;
    expect(join).toBeDefined();
    expect(join.receiver).toEqual(ENGINE);
    // The async function's body (hermesc: `?anon_N_startCall`) is named after startCall, whose arguments it gets.
    expect(join.args.slice(0, 3)).toEqual([
      { kind: 'string', value: '' },
      { kind: 'unknown', text: '', origin: { kind: 'param', fn: 'startCall', index: 1 } },
      { kind: 'unknown', text: '', origin: { kind: 'param', fn: 'startCall', index: 2 } },
    ]);
    const fn = facts.code!.functions[join.fn]!;
    expect(join.context).toBe(`startCall [function ${fn.index} +0x${(join.offset! - fn.offset!).toString(16)}]`);
    const findings = runChecks([...ALL_CHECKS], [facts], { pack });
    const session = findings.find((f) => f.ruleId === 'RTC102' && f.properties.api === 'rn-join-channel')!;
    expect(session.message).toContain('channel=<param 1 of startCall>, uid=<param 2 of startCall>, token=""');
    expect(session.location.offset).toBe(join.offset);
    const noToken = findings.find((f) => f.ruleId === 'RTC404')!;
    expect(noToken.location.offset).toBe(join.offset);
    expect(findings.filter((f) => f.ruleId === 'RTC304').length).toBe(1);
  });
});

describe('Hermes code model: engine kept in a class field (React class component, as the react-native-agora examples do)', () => {
  it('gives `this.engine.joinChannel(…)` in another method the type of the createAgoraRtcEngine() result stored there', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { execFileSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-hermes-class-'));
    writeFileSync(
      join(dir, 'Screen.js'),
      `import { createAgoraRtcEngine } from 'react-native-agora';
export default class Screen {
  constructor(props) { this.state = { appId: props.appId, channelId: props.channel, token: props.token, uid: props.uid }; }
  init() {
    this.engine = createAgoraRtcEngine();
    this.engine.initialize({ appId: this.state.appId });
  }
  join() {
    const { channelId, token, uid } = this.state;
    this.engine?.joinChannel(token, channelId, uid, {});
  }
}
`,
    );
    const hbc = join(dir, 'screen.hbc');
    execFileSync(process.execPath, ['samples/hermes-rn/build.mjs', '--entry', join(dir, 'Screen.js'), '--out', hbc], { stdio: 'ignore' });
    const facts = await hermesReader.read(readFileSync(hbc), 'screen.hbc', { rules: pack, maxStrings: 1e6 });
    const create = facts.code!.calls.find((c) => c.method === 'createAgoraRtcEngine')!;
    expect(create.resultTo).toBe('this.engine');
    const findings = runChecks([...ALL_CHECKS], [facts], { pack });
    const join_ = findings.find((f) => f.ruleId === 'RTC102' && f.properties.api === 'rn-join-channel')!;
    expect(join_.message).toContain('joinChannel(channel=state.channelId, uid=state.uid, token=state.token) in join');
    expect(findings.find((f) => f.ruleId === 'RTC102' && f.properties.api === 'rn-initialize')!.message).toContain('in init');
  }, 120_000);
});
