import { AccessRequestWorkload } from './access-requests.js';
import { AgentIdWorkload } from './agent-ids.js';
import { ChatterWorkload } from './chatter.js';
import { OnboardingWorkload } from './onboarding.js';
import type { Workload, WorkloadContext } from './types.js';

/**
 * The workloads of this run: agent-ID issuing and steady chatter always; onboardings and access
 * requests (the workflows) when the API serves their routes.
 */
export function workloadsFor(ctx: WorkloadContext, routes: Set<string>): Workload[] {
  const flows = ['/api/onboardings', '/api/access-requests', '/api/tasks/{id}/complete'].every((r) => routes.has(r));
  if (!flows) ctx.log('the workflow routes (/api/onboardings, /api/access-requests, /api/tasks) are not served: no workflows in the load');
  return [new AgentIdWorkload(), new ChatterWorkload(), ...(flows ? [new OnboardingWorkload(), new AccessRequestWorkload()] : [])];
}
