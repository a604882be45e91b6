/**
 * Every benchmark scenario, in run order. The raw baseline runs first on a fresh server; the "ours"
 * scenarios (hooks until their features are merged) follow on the same server in the same run.
 */
import { accessRequestsHttp } from './access-requests-http.js';
import { expiryPrecision } from './expiry-precision.js';
import { inboxLatency } from './inbox-latency.js';
import { rawAccessRequests } from './raw-access-requests.js';
import type { Scenario } from './types.js';
import { workerMemory } from './worker-memory.js';

export const scenarios: Scenario[] = [rawAccessRequests, accessRequestsHttp, inboxLatency, expiryPrecision, workerMemory];
