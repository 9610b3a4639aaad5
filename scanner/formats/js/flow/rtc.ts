// Connects ApiCallFacts (found by the JS reader) to call nodes by position, and their arguments to roles.
//
// Position contract: an ApiCallFact's line/column (1-based column) is the start of its call expression
// (`client.join(...)` starts at `client`), or the start of the called property (`join`). Both are accepted.
import type * as t from '@babel/types';
import type { ApiCallFact } from '../../../core/facts.js';
import type { RulePack } from '../../../rules/pack.js';
import { posKey, walk } from './ast.js';

export interface RtcSite {
  fact: ApiCallFact;
  /** Role of each positional argument. */
  roles: readonly string[];
  /** Role of properties of object arguments. */
  props: Readonly<Record<string, string>>;
}

type CallNode = t.CallExpression | t.OptionalCallExpression | t.NewExpression;

export interface RtcIndex {
  sites: Map<t.Node, RtcSite>;
  /** Facts that matched no call node (the reader and the analysis disagree on positions). */
  unmatched: ApiCallFact[];
  /** Nodes in the AST (the walk counts them; used to scale the analysis budget). */
  nodeCount: number;
  complete: boolean;
}

function isCall(n: t.Node): n is CallNode {
  return n.type === 'CallExpression' || n.type === 'OptionalCallExpression' || n.type === 'NewExpression';
}

export function indexRtcSites(ast: t.File, apiCalls: readonly ApiCallFact[], rules: RulePack, rtcKinds: readonly string[], nodeLimit: number): RtcIndex {
  // JSX elements of vendor components (`<LiveKitRoom token={…}>`) are not calls: their attributes are not traced.
  const isJsx = (f: ApiCallFact) => rules.vendorById.get(f.vendor)?.apis.find((a) => a.id === f.api)?.jsx === true;
  const wanted = apiCalls.filter((f) => !f.inVendorCode && rtcKinds.includes(f.kind) && typeof f.line === 'number' && !isJsx(f));
  const byPos = new Map<string, CallNode>();
  // Only positions a fact asks for are recorded (the first call node at each, as before): a column no fact has
  // rules a node out without making its key.
  const columns = new Set(wanted.map((f) => f.column ?? 1));
  const record = (at: t.Node, n: CallNode) => {
    const start = at.loc?.start;
    if (!start || typeof start.line !== 'number' || typeof start.column !== 'number' || !columns.has(start.column + 1)) return;
    const key = posKey(start.line, start.column + 1);
    if (!byPos.has(key)) byPos.set(key, n);
  };
  let nodeCount = 0;
  const complete = walk(
    ast,
    (n) => {
      nodeCount++;
      if (wanted.length === 0 || !isCall(n)) return;
      record(n, n);
      const callee = n.callee;
      if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed) record(callee.property, n);
    },
    nodeLimit,
  );
  const sites = new Map<t.Node, RtcSite>();
  const unmatched: ApiCallFact[] = [];
  for (const fact of wanted) {
    const node = byPos.get(posKey(fact.line!, fact.column ?? 1));
    const api = rules.vendorById.get(fact.vendor)?.apis.find((a) => a.id === fact.api);
    if (!node || !api) {
      unmatched.push(fact);
      continue;
    }
    sites.set(node, { fact, roles: api.args, props: api.props });
  }
  return { sites, unmatched, nodeCount, complete };
}
