// Parses an HBC file into strings, functions and per-function string references. Never throws on malformed input:
// every section is checked against the buffer before use, and each stage stops at its first inconsistency with a
// notice, keeping what was read before it.
import { createHash } from 'node:crypto';
import type { Notice } from '../../core/facts.js';
import type { FactBudget } from '../../core/budget.js';
import { fits } from './bounded.js';
import { scanFunction, type BytecodeContext, type Instruction } from './bytecode.js';
import { callSites, type HermesCall } from './calls.js';
import { readFunctionTable, type HermesFunction } from './functions.js';
import { MIN_LAYOUT_VERSION, readHeader, type HbcHeader } from './header.js';
import { computeLayout, type HbcLayout, type Section } from './layout.js';
import { knownBytecodeVersions, opcodeTable } from './opcodes.js';
import { readStringTable, type HermesString } from './strings.js';

export interface HermesFunctionInfo extends HermesFunction {
  /** The function's name from the string table ('' when anonymous or unreadable). */
  name: string;
  /** String ids used by the function's code (empty when the bytecode was not decoded). */
  stringIds: number[];
  /** Call sites whose callee is statically known (see calls.ts). */
  calls: HermesCall[];
  /** Decoded instructions, only with `keepInstructions`. */
  instructions?: Instruction[];
}

export interface HermesFile {
  header?: HbcHeader;
  layout?: HbcLayout;
  strings: HermesString[];
  functions: HermesFunctionInfo[];
  /** True when the bytecode of every function was decoded (known opcode table, no inconsistency). */
  bytecodeDecoded: boolean;
  notices: Notice[];
}

export interface ParseOptions {
  /** Keep at most this many strings (the rest are counted in a notice). */
  maxStrings?: number;
  /** Keep decoded instructions on each function (for tests and tools; costs memory). */
  keepInstructions?: boolean;
  /** Bytes of bytecode to decode at most; default four times the file size. */
  decodeBudget?: number;
  /** Charged for every distinct string read (scanner/core/budget.ts); reading stops when it is spent. */
  factBudget?: FactBudget;
}

const FOOTER_SIZE = 20; // SHA-1 of everything before it
/** Decoding stops once it has walked this many times the file size (guards against overlapping functions). */
const DECODE_BUDGET_FACTOR = 4;

export function parseHermes(data: Buffer, options: ParseOptions = {}): HermesFile {
  const file: HermesFile = { strings: [], functions: [], bytecodeDecoded: false, notices: [] };
  const notice = (level: Notice['level'], id: string, message: string) => file.notices.push({ level, id, message });

  const head = readHeader(data);
  if (!head.ok) {
    notice('error', 'hermes/truncated', `cannot read the HBC header: ${head.reason}`);
    return file;
  }
  const h = (file.header = head.header);
  const known = knownBytecodeVersions();
  if (h.version < MIN_LAYOUT_VERSION) {
    notice('warning', 'hermes/unknown-version',
      `HBC version ${h.version} predates the layouts this reader knows (${MIN_LAYOUT_VERSION}+); nothing read past the header`);
    return file;
  }
  const table = opcodeTable(h.version);
  if (!table) {
    notice('warning', 'hermes/unknown-version',
      `no opcode table for HBC version ${h.version} (known: ${known.join(', ')}); strings and functions read with the ` +
      `nearest header layout, function string references not decoded`);
  }
  if (h.delta) notice('note', 'hermes/delta-form', 'delta-prepped HBC file (not executable form); bytecode not decoded');
  checkLengthAndHash(data, h, notice);

  const l = (file.layout = computeLayout(h));
  const needed: Array<[string, Section]> = [
    ['function headers', l.functionHeaders], ['string kinds', l.stringKinds],
    ['identifier hashes', l.identifierHashes], ['string table', l.smallStringTable],
    ['overflow string table', l.overflowStringTable], ['string storage', l.stringStorage],
  ];
  for (const [what, s] of needed) {
    if (!fits(data, s.offset, s.size)) {
      notice('error', 'hermes/truncated', `${what} (${s.offset}+${s.size}) extends past the ${data.length}-byte file`);
      return file;
    }
  }

  const limit = Math.max(0, options.maxStrings ?? Infinity);
  const st = readStringTable(data, h, l, limit, options.factBudget);
  file.strings = st.strings;
  if (st.problem) notice('error', 'hermes/bad-string-table', `string table: ${st.problem}`);
  else if (h.stringCount > limit) {
    notice('warning', 'hermes/too-many-strings', `kept ${limit} of ${h.stringCount} strings`);
  }

  const ft = readFunctionTable(data, h, l);
  file.functions = ft.functions.map((f) => ({
    index: f.index, nameId: f.nameId, offset: f.offset, size: f.size, paramCount: f.paramCount, frameSize: f.frameSize, large: f.large,
    name: file.strings[f.nameId]?.value ?? '', stringIds: [] as number[], calls: [] as HermesCall[],
  }));
  if (ft.problem) notice('error', 'hermes/bad-function-table', ft.problem);

  if (!table || h.delta) return file;
  const literalSections: Array<[string, Section]> = [
    ['literal value buffer', l.valueBuffer], ['object key buffer', l.objKeyBuffer],
    ['object value buffer', l.objValueBuffer], ['object shape table', l.objShapeTable],
  ];
  for (const [what, s] of literalSections) {
    if (!fits(data, s.offset, s.size)) {
      notice('error', 'hermes/truncated', `${what} (${s.offset}+${s.size}) extends past the file; bytecode not decoded`);
      return file;
    }
  }
  const ctx: BytecodeContext = { data, header: h, layout: l, table };
  const stringAt = (id: number) => file.strings[id]?.value;
  // One closure for every function's call sites: a closure made per function was a new call target each time, and
  // V8 threw callSites' optimised code away on it (a recompile per deoptimisation in every scan).
  const functionName = (i: number) => (i < file.functions.length ? functionLabel(file, i) : undefined);
  let budget = options.decodeBudget ?? DECODE_BUDGET_FACTOR * data.length;
  for (const fn of file.functions) {
    budget -= fn.size;
    if (budget < 0) {
      notice('warning', 'hermes/decode-budget', `stopped decoding at function ${fn.index}: functions overlap too much`);
      return file;
    }
    const scan = scanFunction(ctx, fn, options.keepInstructions);
    fn.stringIds = scan.stringIds;
    if (scan.instructions) fn.instructions = scan.instructions;
    if (scan.problem) {
      notice('error', 'hermes/bad-bytecode', `function ${fn.index} (${fn.name || 'anonymous'}): ${scan.problem}`);
      return file;
    }
    fn.calls = callSites(ctx, fn, stringAt, functionName);
  }
  file.bytecodeDecoded = !ft.problem;
  return file;
}

/** Name used for a function in `context`, symbols and callees: its own name, or its index when anonymous. */
export function functionLabel(file: HermesFile, index: number): string {
  // Asked for every call site, string and function: computed once per function of a parsed file.
  let labels = labelCache.get(file.functions);
  if (!labels) labelCache.set(file.functions, (labels = []));
  const fn = file.functions[index];
  const hit = labels[index];
  if (hit !== undefined && fn && hit.name === fn.name) return hit.label;
  const label = labelOf(file, index);
  if (fn && index < file.functions.length) labels[index] = { name: fn.name, label };
  return label;
}
const labelCache = new WeakMap<HermesFunctionInfo[], { name: string; label: string }[]>();
function labelOf(file: HermesFile, index: number): string {
  // hermesc names the body of an async function (the generator spawnAsync runs with the caller's `arguments`)
  // `?anon_N_<name>`: it is <name>'s code, with the same parameters.
  const name = file.functions[index]?.name?.replace(/^\?anon_\d+_(?=[^?])/, '');
  return name ? name : `function#${index}`;
}

function checkLengthAndHash(data: Buffer, h: HbcHeader, notice: (l: Notice['level'], id: string, m: string) => void) {
  if (h.fileLength !== data.length) {
    notice('warning', 'hermes/length-mismatch', `header says ${h.fileLength} bytes, file has ${data.length}`);
    return;
  }
  if (data.length < h.headerSize + FOOTER_SIZE) return;
  const body = data.subarray(0, data.length - FOOTER_SIZE);
  const digest = createHash('sha1').update(body).digest();
  if (!digest.equals(data.subarray(data.length - FOOTER_SIZE))) {
    notice('warning', 'hermes/bad-checksum', 'SHA-1 footer does not match the file contents (modified or corrupted)');
  }
}
