// Entry point of the JS identifier dataflow analysis: which user/room identifiers reach which network sinks.
import type * as t from '@babel/types';
import type { ApiCallFact, FlowFact, JsValue, Notice } from '../../../core/facts.js';
import { defaultSinkRules, type RulePack } from '../../../rules/rule-pack.js';
import type { SinkRules } from '../../../rules/sinks.js';
import { Interpreter, type FlowLimits, type FlowModules } from './interpreter.js';
import { indexRtcSites } from './rtc.js';
import type { MetroUnit } from './metro.js';
import { dedupeFlows } from './dedupe.js';

export { classifySink, isLoopbackHost, describeUrl, type SinkClass } from './url.js';
export { nameMatcher, splitWords } from './names.js';
export type { FlowLimits, FlowModule, FlowModules } from './interpreter.js';

export interface FlowContext {
  rules: RulePack;
  /** Vendor API call sites the JS reader found in this file (their positions locate the call nodes). */
  apiCalls: ApiCallFact[];
  /** Receives notices (budget exhausted, deep nesting, unmatched API call positions). */
  notices?: Notice[];
  /** Virtual path of the artifact, copied into notices. */
  artifact?: string;
  /**
   * Optional static resolver (the JS reader's values.ts) for URL arguments the analysis cannot resolve itself,
   * e.g. constants imported from another module.
   */
  resolve?: (node: t.Node) => JsValue | undefined;
  limits?: Partial<FlowLimits>;
  /** App modules the file imports by relative path: calls of their exported functions are followed. */
  modules?: FlowModules;
  /** Metro module units of this file (a React Native bundle): module loads between them are followed. */
  metro?: readonly MetroUnit[];
}

let defaultSinks: SinkRules | undefined;

/** The pack's sinks, or rules/sinks.yaml next to package.json when the pack was built without them. */
function sinksOf(rules: RulePack): SinkRules {
  const own = (rules as RulePack & { sinks?: SinkRules }).sinks;
  if (own) return own;
  return (defaultSinks ??= defaultSinkRules());
}

function limitsFor(nodeCount: number, given: Partial<FlowLimits> | undefined): FlowLimits {
  return {
    maxInlineDepth: 6,
    maxEvalDepth: 600,
    softOps: 4 * nodeCount + 200_000,
    hardOps: 12 * nodeCount + 1_000_000,
    maxFlows: 5_000,
    ...given,
  };
}

/**
 * Finds flows of user/room identifiers to network sinks in one parsed file. Never throws: on malformed or
 * oversized input it returns what it found and adds notices to `ctx.notices`.
 */
export function analyzeFlows(ast: t.File, code: string, ctx: FlowContext): FlowFact[] {
  return analyzeFlowsWithCandidates(ast, code, ctx).flows;
}

/**
 * As analyzeFlows, plus the flows whose source is only a candidate identifier (an identifier-shaped name outside
 * the vocabulary): deduplicated apart, so a candidate never hides a real flow.
 */
export function analyzeFlowsWithCandidates(ast: t.File, code: string, ctx: FlowContext): { flows: FlowFact[]; candidates: FlowFact[]; composedUrls: ComposedUrl[] } {
  const notices: Notice[] = [];
  let flows: FlowFact[] = [];
  let candidates: FlowFact[] = [];
  const composedUrls: ComposedUrl[] = [];
  try {
    const sinks = sinksOf(ctx.rules);
    const index = indexRtcSites(ast, ctx.apiCalls, ctx.rules, sinks.rtcKinds, 50_000_000);
    if (index.unmatched.length > 0) {
      notices.push({
        level: 'note',
        id: 'js-flow/api-call-unmatched',
        message: `${index.unmatched.length} vendor API call(s) could not be located in the AST by position; their arguments are not traced`,
      });
    }
    const interp = new Interpreter({
      rules: ctx.rules,
      sinks,
      sites: index.sites,
      code,
      limits: limitsFor(index.nodeCount, ctx.limits),
      resolve: ctx.resolve,
      modules: ctx.modules,
      metro: ctx.metro,
      path: ctx.artifact,
    });
    const all = interp.run(ast);
    flows = dedupeFlows(all.filter((f) => !f.candidate));
    candidates = dedupeFlows(all.filter((f) => f.candidate));
    for (const [node, value] of interp.composedUrls) composedUrls.push({ value, loc: node.loc! });
    notices.push(...interp.notices);
  } catch (e) {
    notices.push({ level: 'error', id: 'js-flow/internal', message: `dataflow analysis failed: ${(e as Error)?.message ?? String(e)}` });
  }
  if (ctx.notices) for (const n of notices) ctx.notices.push(ctx.artifact ? { ...n, artifact: ctx.artifact } : n);
  return { flows, candidates, composedUrls };
}

/** A URL the file writes around a constant host from elsewhere (composed-url.ts), at the expression that writes it. */
export interface ComposedUrl {
  value: string;
  loc: t.SourceLocation;
}
