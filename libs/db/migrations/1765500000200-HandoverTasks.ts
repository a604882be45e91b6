import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The task kinds before this migration: a migration keeps its own copy, the code's list will grow. */
const TASK_KINDS = ['approval', 'it_action', 'agreement', 'acknowledgement', 'account_setup', 'return_item', 'virus_check', 'signoff', 'power_off_check', 'quarantine_disposal'];
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');

/** EQ-1, INF-9: the call center manager's hand-over task for a leaver named in the owners register. */
export class HandoverTasks1765500000200 implements MigrationInterface {
  name = 'HandoverTasks1765500000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN (${list(TASK_KINDS)}, 'handover'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM tasks WHERE kind = 'handover'`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN (${list(TASK_KINDS)}))`);
  }
}
