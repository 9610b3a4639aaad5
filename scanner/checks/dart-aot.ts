// Vendor API uses in a Dart AOT snapshot (Flutter's release libapp.so), read from the strings it keeps. AOT
// compilation keeps only code something reaches, with that code's literals and names: a plugin's implementation of
// an API (the method-channel name it sends, its argument map keys) is in the snapshot only when app code calls the
// API. Measured on the release snapshots of 6 third-party Agora apps (eval/realapps/binaries.yaml): each keeps
// exactly the plugin methods its source calls (one keeps create/enableVideo/joinChannel and none of the plugin's
// ~200 others). No call site and no argument values: those need a reader of the snapshot's code, so such a use is
// weak evidence, reported as a note.
import type { Facts, Position, StringFact } from '../core/facts.js';
import type { RulePack } from '../rules/pack.js';
import type { AppApiUse } from './vendor-calls.js';

/** `package:<name>/…` URIs the snapshot keeps: the pub packages whose code it holds. */
const PACKAGE_URI = /package:([a-z][a-z0-9_]*)\//g;

/** The snapshot's strings (its string objects, formats/elf/dart-strings.ts) by value, and the packages it holds. */
function stringIndex(facts: Facts): { byValue: Map<string, StringFact>; packages: Set<string> } {
  const byValue = new Map<string, StringFact>();
  const packages = new Set<string>();
  for (const s of facts.strings) {
    if (s.kind !== 'cstring' || byValue.has(s.value)) continue;
    byValue.set(s.value, s);
    if (s.value.includes('package:')) for (const m of s.value.matchAll(PACKAGE_URI)) packages.add(m[1]!);
  }
  return { byValue, packages };
}

/** API uses the snapshot's kept strings imply, for flutter API rules with `dartAot` evidence. */
export function dartAotApiUses(facts: Facts, pack: RulePack, locate: (pos: Position) => AppApiUse['location']): AppApiUse[] {
  if (facts.meta.snapshot !== 'dart-aot') return [];
  const { byValue, packages } = stringIndex(facts);
  const uses: AppApiUse[] = [];
  for (const vendor of pack.vendors) {
    for (const api of vendor.apis) {
      if (!api.dartAot || !(api.receiver ?? []).some((p) => packages.has(p))) continue;
      const kept = api.dartAot.find((set) => set.every((v) => byValue.has(v)));
      if (!kept) continue;
      const at = byValue.get(kept[0]!)!;
      uses.push({
        vendor,
        api,
        apiId: api.id,
        kind: api.kind,
        route: 'dart-aot',
        location: locate(at),
        args: {},
        callee: `${api.class ? `${api.class}.` : ''}${api.method}`,
        evidence: kept.join(', '),
        weak: true,
      });
    }
  }
  return uses;
}
