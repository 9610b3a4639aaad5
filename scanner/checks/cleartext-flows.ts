// RTC301: a user or room identifier reaches a network sink whose URL is http:// or ws:// to a non-loopback host.
// The flows come from the JS dataflow analysis (facts.flows) and from the code model of any format (model-flows);
// this check decides what is cleartext. Candidate flows (facts.flowCandidates: an identifier-shaped name outside
// the vocabulary, `threadId`) count when any file of the scan passes a value of that name to an RTC SDK as uid or
// channel: the app itself says the name is a user or room identifier. Concluded in end(), over every artifact.
import type { Facts, FlowFact } from '../core/facts.js';
import type { Check, CheckContext, Finding, Location } from '../core/finding.js';
import { normalizeName } from '../formats/js/flow/names.js';
import { isLoopback } from './endpoints/extract.js';
import { describeJurisdiction } from './jurisdiction.js';
import { modelFlows } from './model-flows.js';
import { AppFlows } from './app-flows.js';
import { appApiUses } from './vendor-calls.js';

const CLEARTEXT = new Set(['http', 'ws']);

export function isCleartextFlow(flow: FlowFact): boolean {
  const { scheme, host } = flow.sink;
  return !!scheme && CLEARTEXT.has(scheme) && !!host && !isLoopback(host);
}

/** What an RTC call was given as uid/channel, by the last name of the expression (`this.state.threadId` → threadId). */
interface LearnedName {
  role: string;
  callee: string;
}

export const cleartextFlowsCheck: Check = {
  id: 'cleartext-flows',
  reports: ['RTC301'],
  literalReads: 'none',
  create(ctx: CheckContext) {
    const roles = new Set(ctx.rules.sinks?.rtcRoles ?? ['uid', 'channel']);
    const learned = new Map<string, LearnedName>();
    const candidates: Array<{ artifact: string; flow: FlowFact }> = [];
    // Sinks whose URL another file of the app completes (a constant it declares, the caller of a URL parameter).
    const app = new AppFlows(ctx.rules);
    // One finding per request site, URL and identifier, even when several analysed files reach the same shared helper.
    const reported = new Set<string>();
    // The same identifier sent to the same URL from several request sites of one file (a list fetched again after
    // each post) is one result per site: later sites add their occurrence to the identity, as RTC102's call sites do.
    const sites = new Map<string, Map<string, number>>();
    const report = (artifact: string, flow: FlowFact, name?: LearnedName): void => {
      const f = toFinding(ctx, artifact, flow, name);
      const base = `${f.location?.artifact}|${f.identity}`;
      const where = `${f.location?.line}:${f.location?.column}`;
      let seen = sites.get(base);
      if (!seen) sites.set(base, (seen = new Map()));
      const n = seen.get(where) ?? seen.size + 1;
      seen.set(where, n);
      if (n > 1) f.identity = `${f.identity}|occurrence=${n}`;
      const at = `${f.location?.artifact}:${f.location?.line}:${f.location?.column}|${flow.sink.url ?? flow.sink.host}`;
      const src = f.flow?.[0];
      const exact = `${at}|${flow.identifier}|${src?.artifact}:${src?.line}:${src?.column}`;
      // A candidate adds nothing where a request site is already reported.
      if (reported.has(exact) || (name && reported.has(at))) return;
      reported.add(exact);
      reported.add(at);
      ctx.report(f);
    };
    return {
      artifact(facts: Facts) {
        for (const flow of [...facts.flows, ...modelFlows(facts, ctx.rules, app.deferrer(facts.artifact))]) {
          if (isCleartextFlow(flow) && flow.steps.length > 0) report(facts.artifact, flow);
        }
        app.add(facts);
        for (const use of appApiUses(facts, ctx.rules)) {
          if (use.kind !== 'join' && use.kind !== 'init') continue;
          for (const [role, v] of Object.entries(use.args)) {
            if (!roles.has(role) || v?.kind !== 'unknown' || !/^[\w$.]+$/.test(v.text)) continue;
            const name = normalizeName(v.text.split('.').pop()!);
            if (name && !learned.has(name)) learned.set(name, { role, callee: use.callee });
          }
        }
        if (candidates.length < 5_000) {
          for (const flow of facts.flowCandidates ?? []) if (isCleartextFlow(flow) && flow.steps.length > 0) candidates.push({ artifact: facts.artifact, flow });
        }
      },
      end() {
        for (const { artifact, flow } of app.resolve()) if (isCleartextFlow(flow) && flow.steps.length > 0) report(artifact, flow);
        for (const { artifact, flow } of candidates) {
          const name = learned.get(normalizeName(flow.identifier));
          if (name) report(artifact, flow, name);
        }
      },
    };
  },
};

function toFinding(ctx: CheckContext, artifact: string, flow: FlowFact, learned?: LearnedName): Finding {
  const host = flow.sink.host!;
  const vendor = flow.sink.vendor ? ctx.rules.vendorById.get(flow.sink.vendor) : ctx.rules.vendorForHost(host);
  const owner = vendor ? `${vendor.name}'s host ${host} (${describeJurisdiction(vendor)})` : `${host}`;
  const steps: Array<Location & { message: string }> = flow.steps.map(({ file, ...s }) => ({ ...s, artifact: file ?? artifact }));
  const sink = steps[flow.primary ?? steps.length - 1];
  const source = steps[0];
  const what =
    flow.sourceKind === 'rtc-arg'
      ? `RTC ${flow.identifier} argument`
      : learned
        ? `identifier ${flow.identifier} (the app passes it to ${learned.callee} as ${learned.role})`
        : `identifier ${flow.identifier}`;
  return {
    ruleId: 'RTC301',
    message: `The ${what} is sent in cleartext by ${flow.sink.kind}${flow.sink.event !== undefined ? ` event ${JSON.stringify(flow.sink.event)}` : ''} to ${owner} (${flow.sink.url ?? `${flow.sink.scheme}://${host}`}): anyone on the network path can read it and link it to the user or room.`,
    location: sink,
    related: steps.length > 1 ? [{ ...source, message: `source: ${source.message}` }] : undefined,
    flow: steps,
    properties: {
      category: 'cleartext-id',
      host,
      scheme: flow.sink.scheme,
      sink: flow.sink.kind,
      identifier: flow.identifier,
      ...(vendor ? { vendor: vendor.id, ...(vendor.entity === 'protocol' ? {} : { country: vendor.jurisdiction.country }) } : {}),
    },
    identity: `${flow.identifier}|${flow.sink.kind}|${flow.sink.url ?? `${flow.sink.scheme}://${host}`}${flow.sink.event !== undefined ? `|${flow.sink.event}` : ''}`,
  };
}
