import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The task kinds before this migration: a migration keeps its own copy, the code's list will grow. */
const TASK_KINDS = ['approval', 'it_action', 'agreement', 'acknowledgement', 'account_setup', 'return_item', 'virus_check', 'signoff', 'power_off_check', 'quarantine_disposal', 'handover'];
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');

/**
 * EQ-5, SYS-3, SYS-4, AID-1: every acknowledgement of the behavioural rules, with the text's version and
 * hash and when the next one falls due (a read model of rules.acknowledged); the tasks table learns its kind.
 */
export class RulesAcknowledgements1765500000300 implements MigrationInterface {
  name = 'RulesAcknowledgements1765500000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rules_acknowledgements (
        employee_id      text        NOT NULL,
        version          text        NOT NULL,
        text_hash        text        NOT NULL,
        user_id          text        NOT NULL,
        acknowledged_at  timestamptz NOT NULL,
        next_due_at      timestamptz NOT NULL,
        PRIMARY KEY (employee_id, acknowledged_at)
      )`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN (${list(TASK_KINDS)}, 'rules_acknowledgement'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM tasks WHERE kind = 'rules_acknowledgement'`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN (${list(TASK_KINDS)}))`);
    await q.query(`DROP TABLE rules_acknowledgements`);
  }
}
