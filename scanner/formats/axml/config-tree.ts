// Turns element/attribute/text events (from binary or text XML) into ConfigFacts with slash paths:
//   manifest/application/@android:usesCleartextTraffic = true
//   network-security-config/domain-config/domain = "example.com"   (element text)
// Flat keys lose which element an attribute belongs to, so every fact's `context` names the element instance
// with sibling indices, e.g. `network-security-config/domain-config[1]/domain[0]`: facts of one element share
// it and a check can find a domain's enclosing domain-config by dropping the last segment.
import type { ConfigFact, Facts, Position } from '../../core/facts.js';
import { FactBudget, DEFAULT_FACT_LIMITS } from '../../core/budget.js';

export type ConfigValue = string | number | boolean | null;

const MAX_DEPTH = 256;

interface OpenElement {
  name: string;
  path: string;
  instance: string;
  childCounts: Map<string, number>;
}

export class ConfigTreeBuilder {
  private readonly stack: OpenElement[] = [];
  private readonly rootCounts = new Map<string, number>();
  /** Name of the first element, e.g. `manifest`. */
  root: string | undefined;
  /** Set when the tree was deeper than MAX_DEPTH; elements below are skipped. */
  tooDeep = false;
  /** Set when string values were dropped because the artifact reached `maxStrings`. */
  stringsCapped = false;
  private skippedDepth = 0;

  constructor(
    private readonly facts: Facts,
    private readonly maxStrings: number,
    private readonly budget: FactBudget = new FactBudget(DEFAULT_FACT_LIMITS.artifactBytes),
  ) {}

  /** True once the fact budget is spent: the caller may stop reading. */
  get full(): boolean {
    return this.budget.exceeded;
  }

  startElement(name: string): void {
    if (this.skippedDepth > 0 || this.stack.length >= MAX_DEPTH) {
      this.tooDeep = true;
      this.skippedDepth++;
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    const counts = parent ? parent.childCounts : this.rootCounts;
    const index = counts.get(name) ?? 0;
    counts.set(name, index + 1);
    this.root ??= name;
    this.stack.push({
      name,
      path: parent ? `${parent.path}/${name}` : name,
      instance: `${parent ? `${parent.instance}/` : ''}${name}[${index}]`,
      childCounts: new Map(),
    });
  }

  endElement(): void {
    if (this.skippedDepth > 0) {
      this.skippedDepth--;
      return;
    }
    this.stack.pop();
  }

  get depth(): number {
    return this.stack.length + this.skippedDepth;
  }

  /** An attribute of the innermost open element; `name` carries its prefix (`android:name`). */
  attribute(name: string, value: ConfigValue, pos: Position): void {
    const el = this.current();
    if (!el) return;
    this.push({ ...pos, key: `${el.path}/@${name}`, value, context: el.instance });
  }

  /** Text content of the innermost open element. */
  text(value: string, pos: Position): void {
    const el = this.current();
    if (!el || value.trim() === '') return;
    this.push({ ...pos, key: el.path, value: value.trim(), context: el.instance });
  }

  private current(): OpenElement | undefined {
    return this.skippedDepth > 0 ? undefined : this.stack[this.stack.length - 1];
  }

  private push(fact: ConfigFact): void {
    const text = typeof fact.value === 'string' ? fact.value : undefined;
    if (!this.budget.takeText(fact.key, text, fact.context)) return;
    this.facts.config.push(fact);
    // String values also go to the string list so endpoint and credential checks see them.
    // Resource references (`@xml/nsc`, `@0x7f0e0000`, `?attr/x`) are not strings anyone ships.
    if (typeof fact.value === 'string' && !/^[@?][\w.:/+-]*$/.test(fact.value)) {
      if (this.facts.strings.length >= this.maxStrings) {
        this.stringsCapped = true;
        return;
      }
      const { key: _key, value, ...pos } = fact;
      if (!this.budget.takeText(value, fact.context)) return;
      this.facts.strings.push({ ...pos, value, kind: 'config' });
    }
  }
}
