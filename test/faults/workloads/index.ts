import { AgentIdWorkload } from './agent-ids.js';
import { ChatterWorkload } from './chatter.js';
import type { Workload, WorkloadContext } from './types.js';

/** The workloads of this run. */
export async function workloadsFor(_ctx: WorkloadContext): Promise<Workload[]> {
  return [new AgentIdWorkload(), new ChatterWorkload()];
}
