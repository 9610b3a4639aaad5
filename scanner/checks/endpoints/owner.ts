// Whose code a string sits in: the app's, or an RTC vendor's own (its JS build, an SDK module inside an app bundle,
// its iOS framework, its native library, its Java packages). Hosts in a vendor's own code are that SDK's endpoints:
// checks group them per vendor instead of reporting each as if the app had written it.
import type { Facts, StringFact } from '../../core/facts.js';
import type { RulePack } from '../../rules/pack.js';
import type { VendorRule } from '../../rules/schema.js';
import { escapeRegExp } from '../../core/regex.js';
import { vendorFrameworkOf } from '../vendor-calls.js';

interface OwnerIndex {
  libraries: Array<[RegExp, VendorRule]>;
  /** `io/agora/rtc2/` style prefixes → vendor. */
  javaPackages: Array<[string, VendorRule]>;
}

const cache = new WeakMap<RulePack, OwnerIndex>();

function ownerIndex(pack: RulePack): OwnerIndex {
  let idx = cache.get(pack);
  if (idx) return idx;
  idx = { libraries: [], javaPackages: [] };
  const glob = (name: string) => new RegExp('^' + name.split('*').map(escapeRegExp).join('[^/]*') + '$', 'i');
  for (const v of pack.vendors) {
    if (v.entity === 'protocol') continue;
    for (const f of [...(v.sdk.native?.files ?? []), ...(v.sdk.android?.nativeLibs ?? [])]) idx.libraries.push([glob(f), v]);
    for (const p of v.sdk.android?.packages ?? []) idx.javaPackages.push([p.replace(/\./g, '/') + '/', v]);
  }
  cache.set(pack, idx);
  return idx;
}

/** The vendor whose own file the whole artifact is, when it is one. */
export function artifactOwner(facts: Facts, pack: RulePack): VendorRule | undefined {
  const build = facts.meta.vendorBuild;
  if (build) return pack.vendorById.get(build);
  const framework = vendorFrameworkOf(facts.artifact, pack);
  if (framework && framework.entity !== 'protocol') return framework;
  if (facts.format === 'elf' || facts.format === 'macho' || /\.(?:so(?:\.\d+)*|dylib|dll|node)$/i.test(facts.artifact)) {
    const base = facts.artifact.slice(Math.max(facts.artifact.lastIndexOf('/'), facts.artifact.lastIndexOf('!')) + 1);
    for (const [re, v] of ownerIndex(pack).libraries) if (re.test(base)) return v;
  }
  return undefined;
}

/** A test telling, string by string, which vendor's own code it sits in (undefined: app code, or not known). */
export function codeOwner(facts: Facts, pack: RulePack): (s: StringFact) => VendorRule | undefined {
  const whole = artifactOwner(facts, pack);
  if (whole) return () => whole;
  const { javaPackages } = ownerIndex(pack);
  return (s) => {
    if (s.vendorCode) {
      const v = pack.vendorById.get(s.vendorCode);
      return v && v.entity !== 'protocol' ? v : undefined;
    }
    // DEX strings name the method that loads them, an app method when any app method does.
    if (facts.format === 'dex' && s.context?.startsWith('L')) {
      const cls = s.context.slice(1);
      for (const [p, v] of javaPackages) if (cls.startsWith(p)) return v;
    }
    return undefined;
  };
}
