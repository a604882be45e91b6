import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox's "may act on" test is an OR of three branches: assigned to me, offered to my role, or
 * escalated to my role. The first two had indexes; without one for the third, PostgreSQL scanned every
 * open task to count a busy approver's inbox (the pager's total), which grew with the whole table
 * (bench inbox-latency: ~1.1 s at 100,000 open tasks). With it, the count is a BitmapOr of three index
 * scans and touches only the caller's rows.
 */
export class TaskEscalationIndex1764500000001 implements MigrationInterface {
  name = 'TaskEscalationIndex1764500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX tasks_open_escalation_idx ON tasks (escalation_role, escalation_department_id)
        WHERE status = 'open' AND escalated_at IS NOT NULL AND escalation_may_decide`,
    );
    await q.query(`CREATE INDEX tasks_open_candidate_idx ON tasks (candidate_role, candidate_department_id) WHERE status = 'open' AND assignee_user_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tasks_open_candidate_idx`);
    await q.query(`DROP INDEX tasks_open_escalation_idx`);
  }
}
