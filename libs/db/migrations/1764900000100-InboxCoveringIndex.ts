import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Tasks I may act on" (GET /api/tasks, libs/domain/tasks/task-queries.ts listTasks): the page walks the
 * open tasks in due order and the pager counts up to 1,000 matches. Both tested each candidate row on
 * the heap (who it is assigned or offered to, who is barred: `excluded`), so a busy approver's count
 * read thousands of table rows, and the planner often preferred a sequential scan of every task, closed
 * ones too (bench inbox-latency --full: the count was ~38 of the page's ~42 ms at 100,000 open tasks
 * and 20,000 matching rows). This index has the page's order and predicate (it replaces
 * tasks_open_due_idx) and carries every column the "may act on" test reads, so the count is an
 * index-only scan of the open tasks (no heap visit on pages vacuum has marked all-visible) and the page
 * reads the heap only for the rows it returns.
 */
export class InboxCoveringIndex1764900000100 implements MigrationInterface {
  name = 'InboxCoveringIndex1764900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX tasks_open_inbox_idx ON tasks (due_at, id)
         INCLUDE (assignee_user_id, candidate_role, candidate_department_id, escalated_at, escalation_may_decide, escalation_role, escalation_department_id, excluded)
         WHERE status = 'open'`,
    );
    await q.query(`DROP INDEX tasks_open_due_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tasks_open_due_idx ON tasks (due_at, id) WHERE status = 'open'`);
    await q.query(`DROP INDEX tasks_open_inbox_idx`);
  }
}
