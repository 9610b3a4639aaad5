// What checks produce: findings with locations inside artifacts, plus the check-module contract.
import type { Facts, FlowStep, Notice, Position } from './facts.js';
import type { RulePack } from '../rules/pack.js';
import type { Category } from '../rules/schema.js';
import type { LiteralReadsKey } from '../checks/string-reads.js';

export interface Location extends Position {
  /** Virtual path of the artifact, e.g. `club.ipa!/Payload/Club.app/main.jsbundle`. */
  artifact: string;
  /** Short label shown for related locations and flow steps. */
  message?: string;
}

export interface Finding {
  /** Check rule id from rules/checks (RTC101 …). */
  ruleId: string;
  /** Overrides the rule's default level for this result (e.g. a vendor domain in a cleartext exception). */
  level?: 'error' | 'warning' | 'note';
  message: string;
  location: Location;
  related?: Location[];
  /**
   * The related locations are what the finding lists (every host in a vendor's own code): writers keep them all,
   * up to their listing limit, instead of the few examples kept for ordinary related locations.
   */
  listsRelated?: boolean;
  /** Data flow from source to sink, each step a location (SARIF codeFlows). */
  flow?: Array<Location & FlowStep>;
  /** Machine-readable properties for filtering: category, vendor, host, … */
  properties: {
    category: Category;
    vendor?: string;
    host?: string;
    [key: string]: string | number | boolean | string[] | undefined;
  };
  /**
   * Identity of the finding that survives unrelated rebuilds: what was found, not where in the file.
   * E.g. `agora|join|channel=roomId` — never a byte offset or line number. The SARIF writer hashes it with
   * the rule id and the artifact's stable path into partialFingerprints.
   */
  identity: string;
}

/** Shared by all checks during one scan of one bundle. */
export interface CheckContext {
  rules: RulePack;
  /** Reveal credentials in messages instead of masking them. */
  showSecrets: boolean;
  report(finding: Finding): void;
  notify(notice: Notice): void;
  /**
   * Findings of this bundle reported so far (by every check's `artifact`, and by the `end` of checks listed before
   * this one). For checks that reconcile a declaration with what the other checks found (privacy manifests).
   */
  reported?(): readonly Finding[];
}

/**
 * A check, in the style of an ESLint rule module: `create` is called once per bundle and returns visitors.
 * `artifact` sees the facts of each artifact as they are read; `end` runs once after the last artifact,
 * for conclusions that need the whole bundle (e.g. "joins a channel but never enables encryption").
 */
export interface Check {
  id: string;
  /** Check rule ids this check may report; each must exist in rules/checks. */
  reports: string[];
  /**
   * Which literal string facts it reads: the key of its declaration in checks/string-reads.ts. Without one it may
   * read any, and the engine keeps every literal of every artifact for it.
   */
  literalReads?: LiteralReadsKey;
  create(ctx: CheckContext): {
    artifact?(facts: Facts): void;
    end?(): void;
  };
}
