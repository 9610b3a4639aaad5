// The contract every format reader implements. Readers are recognised by content (magic numbers) first, name second.
import type { Facts, FormatId } from '../core/facts.js';
import type { FactBudget } from '../core/budget.js';
import type { RulePack } from '../rules/pack.js';

export interface ReaderContext {
  rules: RulePack;
  /** Reads another artifact of the same container by its path relative to this artifact's folder (source maps). */
  readSibling?(relativePath: string): Promise<Buffer | undefined>;
  /**
   * The vendor npm package this artifact is a file of when its path does not say (engine/package-owner.ts: its
   * nearest package.json names it): read as library code, exactly as under `node_modules/<package>/`.
   */
  package?: string;
  /** Upper bound on strings a reader keeps from one artifact; readers stop and add a notice past it. */
  maxStrings: number;
  /**
   * Bytes of facts this artifact may still produce (scanner/core/budget.ts). Readers charge every fact they keep
   * (`budgetOf(ctx).take…`) and stop when it says no; `readFacts` then adds the `<reader>/budget-exceeded` notice.
   */
  budget?: FactBudget;
  /**
   * Whether the scan's checks read a literal string fact of this value (with no snippet, context or binding): set by
   * the engine where it drops the others after the read (checks/string-reads.ts). A reader may then skip making
   * such facts, counting them against `maxStrings` as if made; the text reader does, for its line facts.
   */
  readsLiteral?(value: string): boolean;
  /**
   * The same question for the literals of a file the JS reader recognises as a vendor's build and reads from its
   * outline (formats/js/index.ts readVendorBuild): set by the engine where it drops a vendor build's unread literals
   * after the read. Not `readsLiteral`, which the JS reader's text scans (a file too large to parse, a Vue
   * component's markup) would see: their literals stay.
   */
  readsBuildLiteral?(value: string): boolean;
}

export interface FormatReader {
  id: FormatId;
  /** True when this reader understands the data. Must be cheap: look at magic bytes and, if needed, the name. */
  sniff(head: Buffer, path: string): boolean;
  /**
   * Extracts facts. Must never throw on malformed input: bounds-check every offset and count, stop at the first
   * inconsistency and add a notice (`facts.notices`) saying what could not be read. Must not allocate in proportion
   * to a count read from the file without checking it against the file's size first.
   */
  read(data: Buffer, path: string, ctx: ReaderContext): Facts | Promise<Facts>;
}
