// Every check the engine runs. A check reads facts and the rule packs; vendors are data in rules/, never here.
import type { Check } from '../core/finding.js';
import { endpointsCheck } from './endpoints.js';

export const ALL_CHECKS: readonly Check[] = [endpointsCheck];
