/**
 * Every benchmark scenario, in run order. The raw baseline runs first on a fresh server; the "ours"
 * scenarios follow on the same server in the same run. The cut-off runs before any scenario leaves an
 * external-network request open (access-requests-http leaves its grants active): the cut-off ends every
 * open one, so it would measure theirs too. The inbox scenario runs after the ones that
 * decide through inboxes: it leaves thousands of open tasks in the deciders' inboxes, oldest due first,
 * ahead of any task opened later. Worker memory runs last: it leaves its workflows open (and their
 * tasks in the supervisor's inbox, which would add to the inbox scenario's count), and with --full it
 * takes longest, so a run cut short still has the others' results (bench/results/ is written after
 * every scenario). The assessment report runs after the inbox: its items are tasks too, decided or closed,
 * so they add nothing to any inbox. The raw expiry baseline runs right before ours, on the same server, so the two lags
 * are taken under the same history and load.
 */
import { accessRequestsHttp } from './access-requests-http.js';
import { assessmentReport } from './assessment-report.js';
import { cutOff } from './cut-off.js';
import { expiryPrecision } from './expiry-precision.js';
import { inboxLatency } from './inbox-latency.js';
import { rawAccessRequests } from './raw-access-requests.js';
import { rawExpiry } from './raw-expiry.js';
import type { Scenario } from './types.js';
import { workerMemory } from './worker-memory.js';

export const scenarios: Scenario[] = [rawAccessRequests, cutOff, accessRequestsHttp, rawExpiry, expiryPrecision, inboxLatency, assessmentReport, workerMemory];
