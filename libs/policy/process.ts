import type { TaskKind } from './tasks.js';
import type { ProcessKind } from './workflow-ids.js';

/** A step of a process timeline (`GET /api/onboardings/:id`). */
export interface StepEntry {
  step: string;
  state: 'started' | 'completed' | 'failed' | 'skipped';
  at: string;
  by: string | null;
}

export interface OpenTaskSummary {
  taskId: string;
  step: string;
  kind: TaskKind;
  dueAt: string;
  escalated: boolean;
}

/** What every process's status query answers; each process adds its own fields. */
export interface ProcessStatusBase {
  process: ProcessKind;
  key: string;
  state: 'running' | 'completed' | 'rejected' | 'cancelled';
  stage: string;
  steps: StepEntry[];
  openTasks: OpenTaskSummary[];
}

/** Actor id the workflows use for their own automatic steps (expiry, escalation, cut-off bookkeeping). */
export const systemActor = (process: ProcessKind): string => `system:${process}`;
