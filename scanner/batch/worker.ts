// Piscina worker entry: one task = one bundle scanned by the existing pipeline. Loaded from dist/ by pool.ts.
import { scanOne, type BundleOutcome, type BundleTask } from './scan-one.js';

export default function scanBundle(task: BundleTask): Promise<BundleOutcome> {
  return scanOne(task);
}
