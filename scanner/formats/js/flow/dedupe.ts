// Removes flows that another flow to the same sink already explains.
import type { FlowFact } from '../../../core/facts.js';

const at = (s: { file?: string; line?: number; column?: number }): string => `${s.file ?? ''}:${s.line}:${s.column}`;

/**
 * A function analysed on its own reports its parameter `userId` as a source; the same function inlined at a call
 * site reports the caller's `uid` flowing through that parameter. When a longer flow to the same sink passes
 * through the shorter flow's source, only the longer one is kept. Output is sorted by sink, then source position.
 */
export function dedupeFlows(flows: FlowFact[]): FlowFact[] {
  const bySink = new Map<string, FlowFact[]>();
  for (const f of flows) {
    const last = f.steps[f.steps.length - 1];
    const primary = f.primary !== undefined ? f.steps[f.primary] : undefined;
    const key = `${f.sink.kind}|${last ? at(last) : ''}|${primary ? at(primary) : ''}`;
    const list = bySink.get(key);
    if (list) list.push(f);
    else bySink.set(key, [f]);
  }
  const out: FlowFact[] = [];
  for (const list of bySink.values()) {
    for (const f of list) {
      const src = f.steps[0];
      if (!src) continue;
      const explained = list.some(
        (g) => g !== f && g.steps.length > f.steps.length && g.steps.slice(1).some((s) => at(s) === at(src)),
      );
      if (!explained) out.push(f);
    }
  }
  const pos = (f: FlowFact, i: number): [number, number] => {
    const s = i < 0 ? f.steps[f.steps.length - 1] : f.steps[i];
    return [s?.line ?? 0, s?.column ?? 0];
  };
  return out.sort((a, b) => {
    const [al, ac] = pos(a, -1);
    const [bl, bc] = pos(b, -1);
    const [sl, sc] = pos(a, 0);
    const [tl, tc] = pos(b, 0);
    return al - bl || ac - bc || sl - tl || sc - tc || a.identifier.localeCompare(b.identifier);
  });
}
