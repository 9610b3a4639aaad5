// DEX reader: strings, types, methods and classes of a classes*.dex, plus which methods call which (invoke-*)
// and which methods use which string literals (const-string). Multidex files are just more DEX artifacts.
import { emptyFacts, type Facts, type StringFact } from '../../core/facts.js';
import { budgetOf, type FactBudget } from '../../core/budget.js';
import type { FormatReader, ReaderContext } from '../reader.js';
import { DexFormatError } from './bytes.js';
import { scanClasses } from './classes.js';
import { adler32, isDexMagic, readHeader } from './header.js';
import { buildDexModel, DEX_MODEL_LIMITS, type DexModelLimits } from './model.js';
import { DexTables } from './tables.js';

export { isDexMagic } from './header.js';

export const dexReader: FormatReader = {
  id: 'dex',
  sniff: (head) => isDexMagic(head),
  read: (data, path, ctx) => readDex(data, path, ctx),
};

export function readDex(
  data: Buffer,
  path: string,
  ctx: Pick<ReaderContext, 'rules' | 'maxStrings' | 'budget'>,
  modelLimits: DexModelLimits = DEX_MODEL_LIMITS,
): Facts {
  const facts = emptyFacts(path, 'dex', false);
  const budget = budgetOf(ctx);
  /** Data offsets of strings already kept: string ids sharing one string_data_item become one fact. */
  const kept = new Set<number>();
  const notice = (id: string, message: string, level: 'error' | 'warning' | 'note' = 'warning'): void => {
    facts.notices.push({ level, id: `dex/${id}`, message, artifact: path });
  };
  try {
    const header = readHeader(data);
    facts.meta.dexVersion = header.version;
    if (header.fileSize !== data.length) {
      notice('size-mismatch', `header says ${header.fileSize} bytes, the file has ${data.length} (truncated or padded)`);
    }
    if (adler32(data, 12) !== header.checksum) notice('bad-checksum', 'Adler-32 checksum does not match the header', 'note');
    const t = new DexTables(data, header);
    facts.meta.strings = String(header.stringIds.size);
    facts.meta.classes = String(header.classDefs.size);

    const scan = scanClasses(t);
    // Index loops: these run once per file, mostly before V8 optimises them, where for-of allocates an iterator
    // result per element (184,664 calls in the benchmark dex).
    for (let i = 0; i < scan.classes.length; i++) {
      const c = scan.classes[i]!;
      if (!budget.take(c.descriptor.length)) break;
      facts.symbols.push({ name: c.descriptor, kind: 'class', offset: c.offset, length: 32 });
    }
    // The scan's calls are already shaped as CallFacts (caller, callee, offset, context): the facts keep its list, or
    // the part the budget allows, rather than copying 184,664 of them one by one on the benchmark dex.
    let calls = 0;
    while (calls < scan.calls.length) {
      const c = scan.calls[calls]!;
      if (!budget.takeText(c.caller, c.callee, c.caller)) break;
      calls++;
    }
    facts.calls = calls === scan.calls.length ? scan.calls : scan.calls.slice(0, calls);
    if (scan.codeWarnings.length > 0) {
      notice('bad-code', `${scan.codeWarnings.length} method bodies not fully decoded; first: ${scan.codeWarnings[0]}`);
    }

    // Types first: SDK detection relies on them, so a file that hits maxStrings loses literals, not types.
    readTypes(t, facts, ctx, notice, budget);
    readStrings(t, facts, ctx, contextsByString(scan.stringUses, vendorPrefixes(ctx)), notice, budget, kept);
    readMethods(t, facts, notice, budget);
    buildModel(t, scan, facts, ctx, modelLimits, notice);
    if (scan.error) notice('malformed', `stopped reading classes: ${scan.error}`);
  } catch (e) {
    if (!(e instanceof DexFormatError)) throw e;
    notice('malformed', e.message, 'error');
  }
  return facts;
}

type NoticeFn = (id: string, message: string, level?: 'error' | 'warning' | 'note') => void;

/** facts.code: call sites of app methods with their argument values (scanner/formats/dex/model.ts). */
function buildModel(
  t: DexTables,
  scan: ReturnType<typeof scanClasses>,
  facts: Facts,
  ctx: Pick<ReaderContext, 'rules'>,
  limits: DexModelLimits,
  notice: NoticeFn,
): void {
  const prefixes = vendorPrefixes(ctx).map((p) => p.slice(1)); // internal names: io/agora/…
  const r = buildDexModel(t, scan.classes, scan.methods, startsWithAny.bind(prefixes), limits);
  facts.code = r.model;
  if (r.warnings.length > 0) notice('model-incomplete', `${r.warnings.length} method bodies only partly modelled; first: ${r.warnings[0]}`);
  if (r.truncated) notice('model-budget', `code model capped: ${r.truncated}`);
}

/** JVM descriptor prefixes (`Lio/agora/`) of the SDK packages the rule pack knows. */
function vendorPrefixes(ctx: Pick<ReaderContext, 'rules'>): string[] {
  return ctx.rules.vendors.flatMap((v) => v.sdk.android?.packages ?? []).map((p) => `L${p.replace(/\./g, '/')}/`);
}

/**
 * The method to name as a string's context: the first app method that loads it, else the first SDK method.
 * App code is preferred because checks skip strings whose only users are SDK internals.
 */
function contextsByString(uses: { stringIdx: number; caller: string }[], vendor: string[]): Map<number, string> {
  const out = new Map<number, string>();
  for (let i = 0; i < uses.length; i++) {
    const u = uses[i]!;
    const prev = out.get(u.stringIdx);
    if (prev === undefined || (startsWithAny.call(vendor, prev) && !startsWithAny.call(vendor, u.caller))) out.set(u.stringIdx, u.caller);
  }
  return out;
}

/**
 * Whether `name` starts with one of the prefixes (`this`): a loop, where `prefixes.some((p) => …)` made a closure and
 * its context at every call (once per walked method and per string use: 3.4 MB per read of the benchmark dex).
 */
function startsWithAny(this: string[], name: string): boolean {
  for (let i = 0; i < this.length; i++) if (name.startsWith(this[i]!)) return true;
  return false;
}

function readStrings(
  t: DexTables,
  facts: Facts,
  ctx: Pick<ReaderContext, 'maxStrings'>,
  contexts: Map<number, string>,
  notice: NoticeFn,
  budget: FactBudget,
  kept: Set<number>,
): void {
  const n = t.header.stringIds.size;
  let badText: string | undefined;
  let shared = 0;
  try {
    for (let i = 0; i < n; i++) {
      if (facts.strings.length >= ctx.maxStrings) {
        if (!facts.notices.some((x) => x.id === 'dex/too-many-strings')) {
          notice('too-many-strings', `reached maxStrings (${ctx.maxStrings}) after ${i} of ${n} strings`);
        }
        break;
      }
      const s = t.string(i);
      if (s.error && !badText) badText = `string ${i}: ${s.error}`;
      if (kept.has(s.offset)) {
        shared++;
        continue;
      }
      const context = contexts.get(i);
      if (!budget.takeText(s.value, context)) break;
      kept.add(s.offset);
      const fact: StringFact = { value: s.value, kind: 'dex-string', offset: s.offset, length: s.byteLength };
      if (context) fact.context = context;
      facts.strings.push(fact);
    }
  } catch (e) {
    if (!(e instanceof DexFormatError)) throw e;
    notice('malformed', `stopped reading strings: ${e.message}`);
  }
  if (shared) notice('shared-strings', `${shared} string ids name the data of an earlier one (real DEX files never share it); each string was read once`);
  if (badText) notice('bad-mutf8', `invalid modified UTF-8 (decoded with U+FFFD): ${badText}`);
}

function readTypes(t: DexTables, facts: Facts, ctx: Pick<ReaderContext, 'maxStrings'>, notice: NoticeFn, budget: FactBudget): void {
  const types = new Set<number>();
  try {
    for (let i = 0; i < t.header.typeIds.size; i++) {
      if (facts.strings.length >= ctx.maxStrings) {
        notice('too-many-strings', `kept the first ${ctx.maxStrings} of ${t.header.typeIds.size} types`);
        return;
      }
      const s = t.string(t.typeStringIndex(i));
      if (types.has(s.offset)) continue;
      if (!budget.take(s.value.length)) return;
      types.add(s.offset);
      facts.strings.push({ value: s.value, kind: 'dex-type', offset: s.offset, length: s.byteLength });
    }
  } catch (e) {
    if (!(e instanceof DexFormatError)) throw e;
    notice('malformed', `stopped reading types: ${e.message}`);
  }
}

function readMethods(t: DexTables, facts: Facts, notice: NoticeFn, budget: FactBudget): void {
  try {
    for (let i = 0; i < t.header.methodIds.size; i++) {
      const name = t.method(i);
      if (!budget.take(name.length)) return;
      facts.symbols.push({ name, kind: 'method', offset: t.methodItemOffset(i), length: 8 });
    }
  } catch (e) {
    if (!(e instanceof DexFormatError)) throw e;
    notice('malformed', `stopped reading methods: ${e.message}`);
  }
}
