// Whose library code an artifact is when its path does not say (no `node_modules/` in it): the vendor SDK package
// whose package.json is the nearest above it (input/package-scope.ts). Such a file is read and checked exactly as
// if it lay under `node_modules/<name>/` — an unpacked npm tarball of the SDK, or a copy vendored into an app
// (`www/lib/<sdk>/`, `vendor/<sdk>/`). Only vendor packages of the rules (`sdk.js.packages`): any other name may be
// the app's own (its package.json names the app), and the app's code stays the app's. Only files the package
// publishes (its `files` list): a vendor's repository checked out also holds its tooling under that package.json.
import type { Artifact } from '../input/artifact.js';
import { libraryPackageOfArtifact } from '../core/paths.js';
import type { RulePack } from '../rules/pack.js';

/** The rules' vendor package names (`sdk.js.packages`), the names VendorIndex.vendorOfSpecifier knows. */
const vendorPackages = new WeakMap<RulePack, Set<string>>();

/** The vendor package owning the artifact by its nearest package.json, or undefined (app code, or its path says). */
export async function ownerPackageOf(artifact: Artifact, rules: RulePack): Promise<string | undefined> {
  if (!artifact.packageScope || libraryPackageOfArtifact(artifact.path) !== undefined) return undefined;
  let scope;
  try {
    scope = await artifact.packageScope();
  } catch {
    return undefined;
  }
  // Files npm would not publish (its `files` list leaves them out: a vendor repository's tooling) are not the SDK's.
  const name = scope?.published ? scope.name : undefined;
  if (!name) return undefined;
  let names = vendorPackages.get(rules);
  if (!names) vendorPackages.set(rules, (names = new Set(rules.vendors.flatMap((v) => v.sdk.js?.packages ?? []))));
  return names.has(name) ? name : undefined;
}
