import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../libs/domain/events/event-store.js';
import { changeTaskAssignment, closeTask, decideTask, openTask } from '../../libs/domain/tasks/commands.js';
import type { ProcessKind, TaskKind, TaskRecord } from '../../libs/policy/index.js';

/** A task as the assessment tests record it: where it belongs, who has it, when it is due and how it ended. */
export interface AssessedTask {
  process: ProcessKind;
  processKey: string;
  step: string;
  kind: TaskKind;
  assignee?: string;
  candidate?: { role: 'supervisor' | 'site_manager'; departmentId: string | null };
  dueAt: string;
  /** decided at, by (default: the assignee or claimer); 'expired'; 'cancelled'; absent: still open. */
  end?: { decidedAt: string; by?: string } | 'expired' | 'cancelled';
  claimedBy?: string;
}

/** Records a task's life through the commands the workflows use (open, claim, decide or close); returns its id. */
export async function recordTask(events: EventStore, i: AssessedTask): Promise<string> {
  const taskId = randomUUID();
  const key = (s: string) => ({ idempotencyKey: `${taskId}:${s}` });
  const task: TaskRecord = {
    taskId, workflowId: `wf-${taskId}`, process: i.process, processKey: i.processKey, step: i.step, kind: i.kind, title: { en: `${i.step} item`, zh: `${i.step} 事项` },
    assigneeUserId: i.assignee ?? null, candidate: i.candidate ?? null, escalation: { role: 'cc_manager', departmentId: null, mayDecide: false },
    excluded: [], expected: null, context: { subjectUserId: null, subjectEmployeeId: null, requestedBy: null, summary: { en: 'x', zh: 'x' }, details: {} }, dueAt: i.dueAt, deadlineAt: null,
  };
  await openTask(events, key('open'), task);
  if (i.claimedBy) await changeTaskAssignment(events, key('claim'), { taskId, action: 'claim', by: i.claimedBy, assigneeUserId: i.claimedBy });
  if (i.end === 'expired' || i.end === 'cancelled') await closeTask(events, key('close'), { taskId, status: i.end, reason: 'test' });
  else if (i.end) await decideTask(events, key('decide'), { taskId, outcome: 'done', decidedBy: i.end.by ?? i.assignee ?? i.claimedBy!, decidedAt: i.end.decidedAt, comment: null, data: {} });
  return taskId;
}
