import type { EntityManager } from 'typeorm';
import { assessmentKind } from '../../policy/assessment.js';
import type { Projector } from '../events/projector.js';
import type { ProjectedEvent } from '../events/types.js';
import { TaskEvents, type TaskAssignmentChanged, type TaskClosed, type TaskDecided, type TaskOpened } from '../tasks/events.js';

/**
 * The department a person is assessed in when the task names none: the one they work in, else the first
 * they lead (as loadAuthUser resolves a supervisor's own). Read from the directory as it stands at the
 * event, which a replay of the log reproduces (the directory's projector runs first, event by event).
 */
const PERSON_DEPARTMENT = `(SELECT COALESCE(u.department_id::text, e.department_id::text,
                                   (SELECT d.id::text FROM departments d WHERE d.supervisor_user_id = u.id ORDER BY d.code LIMIT 1))
                              FROM users u LEFT JOIN employees e ON e.id = u.employee_id WHERE u.id::text = p.person)`;

/** Sets the responsible person of an item and the department it counts for (the task's own, else theirs). */
async function assign(m: EntityManager, taskId: string, person: string | null, onlyIfUnset = false): Promise<void> {
  await m.query(
    `UPDATE assessment_items a SET person_id = p.person, department_id = COALESCE(a.role_department_id, ${PERSON_DEPARTMENT})
       FROM (SELECT $2::text AS person) p
      WHERE a.task_id = $1 ${onlyIfUnset ? 'AND a.person_id IS NULL' : ''}`,
    [taskId, person],
  );
}

/**
 * Policy preamble (assessment scheme): one assessment item per human task, since every required step and
 * duty is one (onboarding and offboarding steps, approval stages SYS-1/INF-12/AID-2, return-checklist items
 * INF-13, recurring duties EQ-2/EQ-6/EQ-7/EQ-8/INF-8, each agent's EQ-4 check and INF-11(4) note hand-in and
 * its receipt, hazard fixes EQ-2/EQ-4). Decided by the due time: on time; after it: late; closed unanswered
 * at the deadline (expired): missed; still open: open; cancelled by its process: kept, never counted.
 * The responsible person is the one the task was assigned to or claimed by, else the one who did it.
 */
export const assessmentProjector: Projector = {
  name: 'assessment',
  tables: ['assessment_items'],
  handlers: {
    [TaskEvents.opened]: async (m, e: ProjectedEvent<TaskOpened>) => {
      const t = e.payload;
      await m.query(
        `INSERT INTO assessment_items (task_id, kind, process, process_key, step, task_kind, clauses, title_en, title_zh, role_department_id, due_at, outcome, opened_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12)`,
        [t.taskId, assessmentKind(t.process, t.kind), t.process, t.processKey, t.step, t.kind, e.clauses ?? [], t.title.en, t.title.zh, t.candidate?.departmentId ?? null, t.dueAt, e.occurredAt],
      );
      await assign(m, t.taskId, t.assigneeUserId);
    },
    [TaskEvents.assignmentChanged]: async (m, e: ProjectedEvent<TaskAssignmentChanged>) => {
      await assign(m, e.payload.taskId, e.payload.assigneeUserId);
    },
    [TaskEvents.decided]: async (m, e: ProjectedEvent<TaskDecided>) => {
      const d = e.payload;
      await m.query(
        `UPDATE assessment_items SET done_at = $2, done_by = $3, outcome = CASE WHEN $2::timestamptz <= due_at THEN 'on_time' ELSE 'late' END WHERE task_id = $1`,
        [d.taskId, d.decidedAt, d.decidedBy],
      );
      await assign(m, d.taskId, d.decidedBy, true);
    },
    [TaskEvents.closed]: async (m, e: ProjectedEvent<TaskClosed>) => {
      const p = e.payload;
      await m.query(`UPDATE assessment_items SET outcome = $2 WHERE task_id = $1`, [p.taskId, p.status === 'expired' ? 'missed' : 'cancelled']);
    },
  },
};
