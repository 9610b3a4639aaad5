// The rule packs' keywords: every word whose absence proves a script holds nothing the JS analysis reacts to —
// vendor packages, globals, markers and JS API method names (methods that only hang off objects another API
// returns are covered by the creating API's name), sink globals and modules, and the identifier vocabulary. Used
// by the engine's per-file prefilter and by the JS reader's per-module one.
import { KeywordAutomaton } from '../core/keywords.js';
import type { RulePack } from './pack.js';

/** Keywords shorter than this are left out (they would match nearly every file). */
const MIN_KEYWORD = 3;

export function prefilterKeywords(rules: RulePack): string[] {
  const out = new Set<string>();
  const add = (w: string | undefined) => {
    if (w && w.length >= MIN_KEYWORD) out.add(w);
  };
  for (const v of rules.vendors) {
    const js = v.sdk?.js;
    for (const p of js?.packages ?? []) add(p);
    for (const g of js?.globals ?? []) add(g);
    for (const m of js?.markers ?? []) add(m);
    // Cross-platform wrappers: a generated plugin list (cordova_plugins.js) names them only by package id.
    for (const w of v.sdk?.wrappers ?? []) {
      add(w.package);
      for (const m of w.markers) add(m);
    }
    // A uni-app native plugin's module name is a keyword already (its wrapper package or marker): its APIs need the
    // loader call that names it, so their method names (`call`, `join`) add nothing but noise.
    const plugins = new Set((v.sdk?.wrappers ?? []).filter((w) => w.platform === 'uni-app').flatMap((w) => [w.package, ...w.markers]));
    for (const a of v.apis ?? []) {
      if (a.platform !== 'js') continue;
      const receivers = a.receiver ?? [];
      if (receivers.length && receivers.every((r) => r.startsWith('type:') || plugins.has(r))) continue;
      add(a.method);
      for (const r of receivers) if (!r.startsWith('type:')) add(r);
    }
  }
  const sinks = rules.sinks;
  if (sinks) {
    for (const [mod, global] of Object.entries(sinks.modules)) {
      add(mod);
      add(global);
    }
    for (const s of sinks.sinks) {
      for (const name of [...(s.match.call ?? []), ...(s.match.new ?? [])]) add(name.split('.').pop());
    }
  }
  for (const id of rules.vocabulary.identifiers) add(id.name);
  return [...out].sort();
}

const automata = new WeakMap<RulePack, KeywordAutomaton>();

/** The rule pack's keyword automaton, built once per pack. */
export function keywordAutomaton(rules: RulePack): KeywordAutomaton {
  let a = automata.get(rules);
  if (!a) automata.set(rules, (a = new KeywordAutomaton(prefilterKeywords(rules))));
  return a;
}
