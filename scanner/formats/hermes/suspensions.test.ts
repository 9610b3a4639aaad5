// Values across `await` in the Hermes model (suspensions.ts), on bytecode the npm hermesc (devDependency) compiles
// here: hermesc lowers generators — its own lowering of `async` and Babel's `_asyncToGenerator(function* …)` — to a
// state machine over a closure-environment slot (a JStrictEqual chain for a few states, a UIntSwitchImm jump table
// for many; the last state falls through). The native generator instructions of older bytecode (SaveGenerator /
// ResumeGenerator, v90) are covered on committed builds by test/e2e/metro-babel-differential.test.ts and
// test/e2e/rn-wrappers-differential.test.ts.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hermesReader } from './index.js';
import { loadRulePack } from '../../rules/pack.js';

const pack = loadRulePack();
const hermesc = join('node_modules/hermes-compiler/hermesc', process.platform === 'darwin' ? 'osx-bin/hermesc' : 'linux64-bin/hermesc');

async function model(src: string) {
  const dir = mkdtempSync(join(tmpdir(), 'rtcscan-await-'));
  writeFileSync(join(dir, 'a.js'), src);
  execFileSync(hermesc, ['-emit-binary', '-O', '-out', join(dir, 'a.hbc'), join(dir, 'a.js')]);
  const dump = execFileSync(hermesc, ['-O', '-dump-bytecode', join(dir, 'a.js')], { encoding: 'utf8' });
  const facts = await hermesReader.read(readFileSync(join(dir, 'a.hbc')), 'a.hbc', { rules: pack, maxStrings: 1e6 });
  return { calls: facts.code!.calls, dump };
}

const steps = (n: number) => Array.from({ length: n }, (_, i) => `  const t${i + 1} = await step${i + 1}(uid);`).join('\n');

describe('Hermes model: values across await', () => {
  it('native async functions (hermesc lowering, jump table): the awaited value resumes, an awaited helper returns the engine', async () => {
    const { calls, dump } = await model(`(function () {
async function getEngine() { const x = create(); await perm(); return x; }
async function join(ch, uid) {
  const e = await getEngine();
${steps(12)}
  e.joinChannel(t12, ch, uid, {});
}
globalThis.j = join;
})();
`);
    expect(dump).toMatch(/UIntSwitchImm/);
    expect(dump).not.toMatch(/ResumeGenerator/);
    const joinCall = calls.find((c) => c.method === 'joinChannel')!;
    // The token is what the last await (a fall-through or a jump-table state) resumed with.
    expect(joinCall.args[0]).toMatchObject({ kind: 'unknown', origin: { kind: 'call', callee: 'step12' } });
    // The receiver is the awaited getEngine(), whose body returns create()'s result (through spawnAsync).
    expect(joinCall.receiver).toMatchObject({ kind: 'call', callee: 'getEngine' });
    const text = JSON.stringify(joinCall.receiver);
    expect(text).toContain('"callee":"create"');
    // `gen.return(x)` answers hand back what the caller passed, not what the body returns: no awaited perm() there.
    expect(text).not.toContain('perm');
  });

  it("Babel's _asyncToGenerator(function* …) with its .apply(this, arguments) pair (JStrictEqual chain, JmpBuiltinIs fast path)", async () => {
    const { calls, dump } = await model(`(function (asyncToGenerator) {
function getEngine() { return _getEngine.apply(this, arguments); }
function _getEngine() { return (_getEngine = asyncToGenerator(function* () { const x = create(); yield perm(); return x; })).apply(this, arguments); }
function join(ch, uid) { return _join.apply(this, arguments); }
function _join() { return (_join = asyncToGenerator(function* (ch, uid) { const e = yield getEngine(); const t = yield token(uid); e.joinChannel(t, ch, uid, {}); })).apply(this, arguments); }
globalThis.j = join;
})(globalThis.asyncToGenerator);
`);
    expect(dump).toMatch(/JmpBuiltinIs/);
    expect(dump).toMatch(/JStrictEqual/);
    const joinCall = calls.find((c) => c.method === 'joinChannel')!;
    expect(joinCall.args[0]).toMatchObject({ kind: 'unknown', origin: { kind: 'call', callee: 'token' } });
    expect(joinCall.receiver).toMatchObject({ kind: 'call', callee: 'getEngine' });
    expect(JSON.stringify(joinCall.receiver)).toContain('"callee":"create"');
  });

  it('a generator not run by a call it was passed to is no async body: what it yields is not what it receives', async () => {
    const { calls } = await model(`(function () {
function* g() { const x = yield create(); x.leaveChannel(); }
var it = g(); it.next(); it.next(other());
})();
`);
    const leave = calls.find((c) => c.method === 'leaveChannel')!;
    expect(JSON.stringify(leave.receiver)).not.toContain('create');
  });
});
