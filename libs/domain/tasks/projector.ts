import type { Projector } from '../events/projector.js';
import { TaskEvents, type TaskAssignmentChanged, type TaskClosed, type TaskDecided, type TaskEscalated, type TaskOpened } from './events.js';

/** The inbox read model: `tasks` and their one decision each in `task_decisions`. */
export const tasksProjector: Projector = {
  name: 'tasks',
  tables: ['task_decisions', 'tasks'],
  handlers: {
    [TaskEvents.opened]: async (m, e) => {
      const t = e.payload as TaskOpened;
      await m.query(
        `INSERT INTO tasks (id, workflow_id, process, process_key, step, kind, title_en, title_zh, assignee_user_id, candidate_role, candidate_department_id,
           escalation_role, escalation_department_id, escalation_may_decide, excluded, expected, context, status, due_at, deadline_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'open', $18, $19, $20)`,
        [
          t.taskId, t.workflowId, t.process, t.processKey, t.step, t.kind, t.title.en, t.title.zh, t.assigneeUserId, t.candidate?.role ?? null,
          t.candidate?.departmentId ?? null, t.escalation.role, t.escalation.departmentId, t.escalation.mayDecide, JSON.stringify(t.excluded),
          t.expected === null ? null : JSON.stringify(t.expected), JSON.stringify(t.context), t.dueAt, t.deadlineAt, e.occurredAt,
        ],
      );
    },
    [TaskEvents.escalated]: async (m, e) => {
      const p = e.payload as TaskEscalated;
      await m.query(`UPDATE tasks SET escalated_at = $2 WHERE id = $1`, [p.taskId, e.occurredAt]);
    },
    [TaskEvents.assignmentChanged]: async (m, e) => {
      const p = e.payload as TaskAssignmentChanged;
      await m.query(`UPDATE tasks SET assignee_user_id = $2, claimed_by = $3 WHERE id = $1`, [p.taskId, p.assigneeUserId, p.action === 'claim' ? p.by : null]);
    },
    [TaskEvents.decided]: async (m, e) => {
      const d = e.payload as TaskDecided;
      await m.query(`UPDATE tasks SET status = 'decided', closed_at = $2 WHERE id = $1`, [d.taskId, d.decidedAt]);
      await m.query(
        `INSERT INTO task_decisions (task_id, decided_by, outcome, comment, data, automatic, decided_at) VALUES ($1, $2, $3, $4, $5, false, $6)`,
        [d.taskId, d.decidedBy, d.outcome, d.comment, JSON.stringify(d.data), d.decidedAt],
      );
    },
    [TaskEvents.closed]: async (m, e) => {
      const p = e.payload as TaskClosed;
      await m.query(`UPDATE tasks SET status = $2, closed_at = $3 WHERE id = $1`, [p.taskId, p.status, e.occurredAt]);
      await m.query(
        `INSERT INTO task_decisions (task_id, decided_by, outcome, comment, data, automatic, decided_at) VALUES ($1, $2, $3, $4, '{}', true, $5)`,
        [p.taskId, e.actor, p.status, p.reason, e.occurredAt],
      );
    },
  },
};
