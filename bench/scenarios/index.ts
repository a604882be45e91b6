/**
 * Every benchmark scenario, in run order. The raw baseline runs first on a fresh server; the "ours"
 * scenarios follow on the same server in the same run. The inbox scenario runs last: it leaves
 * thousands of open tasks in the deciders' inboxes, oldest due first, ahead of any task opened later.
 */
import { accessRequestsHttp } from './access-requests-http.js';
import { expiryPrecision } from './expiry-precision.js';
import { inboxLatency } from './inbox-latency.js';
import { rawAccessRequests } from './raw-access-requests.js';
import type { Scenario } from './types.js';
import { workerMemory } from './worker-memory.js';

export const scenarios: Scenario[] = [rawAccessRequests, accessRequestsHttp, expiryPrecision, workerMemory, inboxLatency];
