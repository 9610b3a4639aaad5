// Collects facts from one or more slices of a Mach-O file: dedupes across slices (first slice wins, so offsets
// stay those of the first slice) and enforces the reader's string budget.
import type { Facts, LibraryFact, Notice, StringFact, StringKind, SymbolFact } from '../../core/facts.js';

export class FactSink {
  private readonly seenStrings = new Set<string>();
  private readonly seenSymbols = new Set<string>();
  private readonly seenLibraries = new Set<string>();
  private full = false;

  constructor(
    readonly facts: Facts,
    private readonly maxStrings: number,
    private readonly noticePrefix: string,
  ) {}

  /** False once the string budget is spent; callers may stop walking. */
  get accepting(): boolean {
    return !this.full;
  }

  notice(level: Notice['level'], id: string, message: string): void {
    // One notice per id and message: a fat file with two identical broken slices says it once.
    if (this.facts.notices.some((n) => n.id === id && n.message === message)) return;
    this.facts.notices.push({ level, id, message, artifact: this.facts.artifact });
  }

  string(kind: StringKind, value: string, offset: number, length: number, snippet?: string): void {
    if (value.length === 0) return;
    const key = `${kind}\0${value}`;
    if (this.seenStrings.has(key)) return;
    if (this.facts.strings.length >= this.maxStrings) {
      if (!this.full) {
        this.full = true;
        this.notice('warning', `${this.noticePrefix}/too-many-strings`, `stopped after ${this.maxStrings} strings; the rest of the file was not read for strings`);
      }
      return;
    }
    this.seenStrings.add(key);
    const fact: StringFact = { value, kind, offset, length };
    if (snippet !== undefined) fact.snippet = snippet;
    this.facts.strings.push(fact);
  }

  symbol(kind: SymbolFact['kind'], name: string, offset: number, length: number): void {
    const key = `${kind}\0${name}`;
    if (name.length === 0 || this.seenSymbols.has(key)) return;
    this.seenSymbols.add(key);
    this.facts.symbols.push({ name, kind, offset, length });
  }

  library(fact: LibraryFact): void {
    const key = `${fact.kind}\0${fact.name}\0${fact.snippet ?? ''}`;
    if (this.seenLibraries.has(key)) return;
    this.seenLibraries.add(key);
    this.facts.libraries.push(fact);
  }
}
