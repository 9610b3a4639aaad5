// RTC301: a user or room identifier reaches a network sink whose URL is http:// or ws:// to a non-loopback host.
// The flows come from the JS dataflow analysis (facts.flows) and from the code model of any format (model-flows);
// this check decides what is cleartext.
import type { Facts, FlowFact } from '../core/facts.js';
import type { Check, CheckContext, Finding, Location } from '../core/finding.js';
import { isLoopback } from './endpoints/extract.js';
import { describeJurisdiction } from './jurisdiction.js';
import { modelFlows } from './model-flows.js';

const CLEARTEXT = new Set(['http', 'ws']);

export function isCleartextFlow(flow: FlowFact): boolean {
  const { scheme, host } = flow.sink;
  return !!scheme && CLEARTEXT.has(scheme) && !!host && !isLoopback(host);
}

export const cleartextFlowsCheck: Check = {
  id: 'cleartext-flows',
  reports: ['RTC301'],
  create(ctx: CheckContext) {
    return {
      artifact(facts: Facts) {
        for (const flow of [...facts.flows, ...modelFlows(facts, ctx.rules)]) {
          if (isCleartextFlow(flow) && flow.steps.length > 0) ctx.report(toFinding(ctx, facts, flow));
        }
      },
    };
  },
};

function toFinding(ctx: CheckContext, facts: Facts, flow: FlowFact): Finding {
  const host = flow.sink.host!;
  const vendor = flow.sink.vendor ? ctx.rules.vendorById.get(flow.sink.vendor) : ctx.rules.vendorForHost(host);
  const owner = vendor ? `${vendor.name}'s host ${host} (${describeJurisdiction(vendor)})` : `${host}`;
  const steps: Array<Location & { message: string }> = flow.steps.map((s) => ({ ...s, artifact: facts.artifact }));
  const sink = steps[steps.length - 1];
  const source = steps[0];
  const what = flow.sourceKind === 'rtc-arg' ? `RTC ${flow.identifier} argument` : `identifier ${flow.identifier}`;
  return {
    ruleId: 'RTC301',
    message: `The ${what} is sent in cleartext by ${flow.sink.kind} to ${owner} (${flow.sink.url ?? `${flow.sink.scheme}://${host}`}): anyone on the network path can read it and link it to the user or room.`,
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
    identity: `${flow.identifier}|${flow.sink.kind}|${flow.sink.url ?? `${flow.sink.scheme}://${host}`}`,
  };
}
