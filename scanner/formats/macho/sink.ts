// Collects facts from one or more slices of a Mach-O file: dedupes across slices (first slice wins, so offsets
// stay those of the first slice) and enforces the reader's string budget.
import { FactBudget, DEFAULT_FACT_LIMITS } from '../../core/budget.js';
import type { Facts, LibraryFact, Notice, StringFact, StringKind, SymbolFact } from '../../core/facts.js';

export class FactSink {
  // One set per kind: keys are the values themselves, no concatenated key strings to build and hash.
  private readonly seenStrings = new Map<string, Set<string>>();
  private readonly seenSymbols = new Map<string, Set<string>>();
  private readonly seenLibraries = new Set<string>();
  private full = false;

  constructor(
    readonly facts: Facts,
    private readonly maxStrings: number,
    private readonly noticePrefix: string,
    private readonly budget: FactBudget = new FactBudget(DEFAULT_FACT_LIMITS.artifactBytes),
  ) {}

  /** False once the string count or the fact budget is spent; callers may stop walking. */
  get accepting(): boolean {
    return !this.full && !this.budget.exceeded;
  }

  notice(level: Notice['level'], id: string, message: string): void {
    // One notice per id and message: a fat file with two identical broken slices says it once.
    if (this.facts.notices.some((n) => n.id === id && n.message === message)) return;
    this.facts.notices.push({ level, id, message, artifact: this.facts.artifact });
  }

  string(kind: StringKind, value: string, offset: number, length: number, snippet?: string): void {
    if (value.length === 0) return;
    const seen = setFor(this.seenStrings, kind);
    if (seen.has(value)) return;
    if (this.facts.strings.length >= this.maxStrings) {
      if (!this.full) {
        this.full = true;
        this.notice('warning', `${this.noticePrefix}/too-many-strings`, `stopped after ${this.maxStrings} strings; the rest of the file was not read for strings`);
      }
      return;
    }
    if (!this.budget.takeText(value, snippet)) return;
    seen.add(value);
    const fact: StringFact = { value, kind, offset, length };
    if (snippet !== undefined) fact.snippet = snippet;
    this.facts.strings.push(fact);
  }

  symbol(kind: SymbolFact['kind'], name: string, offset: number, length: number): void {
    const seen = setFor(this.seenSymbols, kind);
    if (name.length === 0 || seen.has(name)) return;
    if (!this.budget.take(name.length)) return;
    seen.add(name);
    this.facts.symbols.push({ name, kind, offset, length });
  }

  library(fact: LibraryFact): void {
    const key = `${fact.kind}\0${fact.name}\0${fact.snippet ?? ''}`;
    if (this.seenLibraries.has(key)) return;
    if (!this.budget.takeText(fact.name, fact.snippet, fact.version)) return;
    this.seenLibraries.add(key);
    this.facts.libraries.push(fact);
  }
}

function setFor(sets: Map<string, Set<string>>, kind: string): Set<string> {
  let set = sets.get(kind);
  if (!set) sets.set(kind, (set = new Set()));
  return set;
}
