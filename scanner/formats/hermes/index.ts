// Hermes bytecode (HBC) reader: React Native bundles compiled by hermesc (`main.jsbundle`, `index.android.bundle`).
// Yields the string table (literals and identifiers, with file offsets), functions as symbols, for each string the
// first function whose code uses it (as `context`), and call sites with a statically known callee (`calls`, e.g.
// caller `startCall`, callee `joinChannel` or `AgoraRTC.createClient`). Vendor detection is left to the checks.
import { emptyFacts, type Facts, type StringFact } from '../../core/facts.js';
import { budgetOf, FactBudget, DEFAULT_FACT_LIMITS } from '../../core/budget.js';
import type { FormatReader, ReaderContext } from '../reader.js';
import { isHermesBytecode } from './sniff.js';
import { functionLabel, parseHermes, type HermesFile } from './parse.js';
import { buildHermesModel } from './model.js';
import { opcodeTable } from './opcodes.js';
import type { RulePack } from '../../rules/pack.js';

export { functionLabel, parseHermes } from './parse.js';
export type { HermesCall } from './calls.js';
export type { HermesFile, HermesFunctionInfo, ParseOptions } from './parse.js';
export type { HermesString } from './strings.js';
export { knownBytecodeVersions } from './opcodes.js';

/**
 * Builds the facts of one parsed file; call sites past `maxCalls` are dropped with a notice. String ids that share
 * one string (the parser interns them by storage range) become one fact; its text was charged by the parser, so
 * `budget` here pays only for contexts, symbols and calls. With `code`, the code model is built too.
 */
export function hermesFacts(
  file: HermesFile,
  path: string,
  maxCalls = Infinity,
  budget = new FactBudget(DEFAULT_FACT_LIMITS.artifactBytes),
  code?: { data: Buffer; rules?: RulePack },
): Facts {
  const facts = emptyFacts(path, 'hermes', false);
  const h = file.header;
  if (h) {
    facts.meta.hermesVersion = String(h.version);
    facts.meta.functionCount = String(h.functionCount);
    facts.meta.stringCount = String(h.stringCount);
    facts.meta.identifierCount = String(h.identifierCount);
    facts.meta.bytecodeDecoded = String(file.bytecodeDecoded);
    if (h.delta) facts.meta.hermesForm = 'delta';
  }
  // First function (lowest index) using each string; the global function is index 0.
  const firstUser = new Int32Array(file.strings.length).fill(-1);
  for (const fn of file.functions) {
    for (const id of fn.stringIds) if (id < firstUser.length && firstUser[id] === -1) firstUser[id] = fn.index;
  }
  const kept = { identifier: new Set<string>(), string: new Set<string>() };
  let shared = 0;
  for (const s of file.strings) {
    const seen = s.identifier ? kept.identifier : kept.string;
    if (seen.has(s.value)) {
      shared++;
      continue;
    }
    const user = firstUser[s.id]!;
    const context = user >= 0 ? functionLabel(file, user) : undefined;
    if (!budget.take(context?.length ?? 0)) break;
    seen.add(s.value);
    const fact: StringFact = {
      value: s.value,
      kind: s.identifier ? 'hermes-identifier' : 'hermes-string',
      offset: s.offset,
      length: s.byteLength,
    };
    if (context !== undefined) fact.context = context;
    facts.strings.push(fact);
  }
  for (const fn of file.functions) {
    if (budget.exceeded) break;
    if (fn.name && budget.take(fn.name.length)) facts.symbols.push({ name: fn.name, kind: 'function', offset: fn.offset, length: fn.size });
    const caller = functionLabel(file, fn.index);
    for (const c of fn.calls) {
      if (facts.calls.length >= maxCalls || !budget.takeText(caller, c.callee, caller)) break;
      facts.calls.push({ caller, callee: c.callee, offset: c.offset, length: c.length, context: caller });
    }
  }
  // The code model: calls with receivers and argument values (scanner/model), when the bytecode was decoded.
  const table = h ? opcodeTable(h.version) : undefined;
  if (code && h && file.layout && table && file.bytecodeDecoded) {
    facts.code = buildHermesModel({ data: code.data, header: h, layout: file.layout, table }, file, { rules: code.rules, maxCalls: Number.isFinite(maxCalls) ? maxCalls : undefined });
  }
  facts.notices = file.notices.map((n) => ({ ...n, artifact: path }));
  if (shared) {
    facts.notices.push({ level: 'warning', id: 'hermes/shared-strings', message: `${shared} string table entries repeat an earlier string (hermesc never writes duplicates); each string was kept once`, artifact: path });
  }
  const totalCalls = file.functions.reduce((n, f) => n + f.calls.length, 0);
  if (totalCalls > facts.calls.length) {
    facts.notices.push({
      level: 'warning', id: 'hermes/too-many-calls', message: `kept ${facts.calls.length} of ${totalCalls} call sites`,
      artifact: path,
    });
  }
  return facts;
}

export const hermesReader: FormatReader = {
  id: 'hermes',
  sniff: isHermesBytecode,
  read(data: Buffer, path: string, ctx: ReaderContext): Facts {
    try {
      // The string cap also bounds call sites: both grow with the size of the bundle.
      const budget = budgetOf(ctx);
      return hermesFacts(parseHermes(data, { maxStrings: ctx.maxStrings, factBudget: budget }), path, ctx.maxStrings, budget, { data, rules: ctx.rules });
    } catch (err) {
      // Bounds checks should make this unreachable; a reader must still never throw.
      const facts = emptyFacts(path, 'hermes', false);
      facts.notices.push({ level: 'error', id: 'hermes/internal-error', message: String(err), artifact: path });
      return facts;
    }
  },
};
