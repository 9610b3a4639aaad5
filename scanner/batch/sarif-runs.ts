// One SARIF run per bundle: each run is exactly what `toSarif` writes for that bundle alone (its own artifacts,
// notifications and executionSuccessful), under its own automationDetails.id, so GitHub tracks each app's alerts
// as a separate category.
import type * as Sarif from 'sarif';
import type { BundleResult, ScanResult } from '../engine/scan.js';
import { SARIF_SCHEMA, toSarif, type SarifOptions } from '../report/sarif.js';

export function toSarifRuns(result: ScanResult, opts: Omit<SarifOptions, 'category'>, categoryOf: (bundle: BundleResult, index: number) => string): Sarif.Log {
  const runs = result.bundles.map((bundle, i) => toSarif({ ...result, bundles: [bundle] }, { ...opts, category: categoryOf(bundle, i) }).runs[0]);
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs };
}
