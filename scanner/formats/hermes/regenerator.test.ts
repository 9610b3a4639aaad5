// Regenerator state machines in the Hermes model, on bytecode the npm hermesc (devDependency) compiles here from the
// two shapes Babel's regenerator emits: regenerator-runtime's (`switch (ctx.prev = ctx.next)`, `ctx.sent`,
// `ctx.abrupt("return", v)`, a string "end" case: hermesc compiles the switch to a JStrictEqual chain) and Babel
// 7.28+'s (`switch (ctx.n)`, `ctx.v`, `ctx.a(2, v)`, dense numeric labels: a UIntSwitchImm jump table).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hermesReader } from './index.js';
import { loadRulePack } from '../../rules/pack.js';

const pack = loadRulePack();
const hermesc = join('node_modules/hermes-compiler/hermesc', process.platform === 'darwin' ? 'osx-bin/hermesc' : 'linux64-bin/hermesc');
const STEPS = 12;

/** `async function join(ch, uid) { const e = create(); await step1(); … const t = await step11(); e.joinChannel(t, ch, uid, {}); return e; }` as regenerator writes it. */
function machine(modern: boolean): string {
  const [state, next, sent, ret] = modern ? ['_context.n', '_context.n', '_context.v', '_context.a(2, e)'] : ['_context.prev = _context.next', '_context.next', '_context.sent', "_context.abrupt('return', e)"];
  const steps: string[] = [];
  for (let i = 1; i < STEPS; i++) steps.push(`        ${next} = ${i};\n        return R.awrap(step${i}(uid));\n      case ${i}:`);
  // In a function of its own (a module factory, as Metro writes it): \`join\` is a local closure, not a global.
  return `(function (require) {
var R = require('rt');
function join(ch, uid) {
  var e, t;
  return R.async(function (_context) {
    while (1) switch (${state}) {
      case 0:
        e = create();
${steps.join('\n')}
        t = ${sent};
        e.joinChannel(t, ch, uid, {});
        return ${ret};${modern ? '' : "\n      case 'end':\n        return _context.stop();"}
    }
  }, null, this, null, Promise);
}
globalThis.engine = join('room', 7).then(function (x) { return x; });
})(globalThis.require);
`;
}

async function model(modern: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'rtcscan-regen-'));
  writeFileSync(join(dir, 'sm.js'), machine(modern));
  execFileSync(hermesc, ['-emit-binary', '-O', '-out', join(dir, 'sm.hbc'), join(dir, 'sm.js')]);
  const bytes = readFileSync(join(dir, 'sm.hbc'));
  const dump = execFileSync(hermesc, ['-O', '-dump-bytecode', join(dir, 'sm.js')], { encoding: 'utf8' });
  const facts = await hermesReader.read(bytes, 'sm.hbc', { rules: pack, maxStrings: 1e6 });
  return { calls: facts.code!.calls, dump };
}

describe('Hermes model: regenerator state machines', () => {
  for (const modern of [false, true]) {
    it(`${modern ? 'Babel 7.28+ (ctx.n / ctx.v / ctx.a, jump table)' : 'regenerator-runtime (ctx.next / ctx.sent / ctx.abrupt, compare chain)'}: ctx.sent is the awaited call, hoisted locals carry the engine`, async () => {
      const { calls, dump } = await model(modern);
      expect(dump).toMatch(modern ? /UIntSwitchImm|SwitchImm/ : /JStrictEqual/);
      const joinCall = calls.find((c) => c.method === 'joinChannel')!;
      // The engine made in state 0 (a hoisted local: a closure slot) is the receiver in the last state.
      expect(joinCall.receiver).toMatchObject({ kind: 'call', callee: 'create' });
      // The token is the value awaited by the step resuming in the last state (`R.awrap(step11(uid))`: unwrapped).
      expect(joinCall.args[0]).toMatchObject({ kind: 'unknown', origin: { kind: 'call', callee: `step${STEPS - 1}` } });
      // The runtime call's result is what the machine returns (`ctx.abrupt("return", e)`): `join(…)` gives the engine.
      const then = calls.find((c) => c.method === 'then')!;
      expect(JSON.stringify(then.receiver)).toContain('"callee":"create"');
    });
  }
});
