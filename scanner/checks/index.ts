// Every check the engine runs. A check reads facts and the rule packs; vendors are data in rules/, never here.
import type { Check } from '../core/finding.js';
import { endpointsCheck } from './endpoints.js';
import { sdkCheck } from './sdk.js';
import { credentialsCheck } from './credentials.js';
import { encryptionCheck } from './encryption.js';
import { residencyCheck } from './residency.js';
import { transportCheck } from './transport.js';
import { cleartextFlowsCheck } from './cleartext-flows.js';
import { privacyManifestCheck } from './privacy-manifest.js';

export const ALL_CHECKS: readonly Check[] = [sdkCheck, endpointsCheck, credentialsCheck, encryptionCheck, residencyCheck, transportCheck, cleartextFlowsCheck, privacyManifestCheck];
// privacyManifestCheck comes last: its `end` reconciles the manifests with what the other checks reported.
