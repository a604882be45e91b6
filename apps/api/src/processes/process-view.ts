import type { DataSource } from 'typeorm';
import { lastAgentIdOf, stepsOf, type ProcessRow } from '../../../../libs/read-models/processes.js';
import type { ProcessViewDto } from './process.dto.js';

/** The shared part of an onboarding or offboarding view, from the process read model. */
export async function processView(ds: DataSource, p: ProcessRow, withSteps: boolean): Promise<ProcessViewDto> {
  const agentId = await lastAgentIdOf(ds, p.workflow_id);
  return {
    id: p.process_key,
    employeeId: p.employee_id ?? p.process_key,
    fullName: p.employee_name,
    state: p.state,
    stage: p.stage,
    steps: withSteps ? await stepsOf(ds, p.workflow_id) : [],
    createdAt: p.started_at.toISOString(),
    endedAt: p.ended_at ? p.ended_at.toISOString() : null,
    workflowId: p.workflow_id,
    agentId,
  };
}
