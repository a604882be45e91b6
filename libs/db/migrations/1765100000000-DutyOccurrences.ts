import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The task kinds before this migration: a migration keeps its own copy, the code's list will grow. */
const TASK_KINDS = ['approval', 'it_action', 'agreement', 'acknowledgement', 'account_setup', 'return_item', 'virus_check', 'signoff'];

/**
 * The recurring duties' occurrences (libs/policy/duties.ts; EQ-6 first): one row per duty and working
 * day, a read model of duty.opened / duty.late / duty.completed / duty.missed. The primary key is the
 * occurrence id, so a duplicated firing of a duty's schedule cannot open a second occurrence. The tasks
 * table learns the duty's checklist kind (power_off_check).
 */
export class DutyOccurrences1765100000000 implements MigrationInterface {
  name = 'DutyOccurrences1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE duty_occurrences (
        occurrence_id  text        PRIMARY KEY,
        duty_id        text        NOT NULL,
        day            date        NOT NULL,
        workflow_id    text        NOT NULL,
        state          text        NOT NULL CHECK (state IN ('open', 'late', 'completed', 'missed')),
        late           boolean     NOT NULL DEFAULT false,
        due_at         timestamptz NOT NULL,
        deadline_at    timestamptz NOT NULL,
        opened_at      timestamptz NOT NULL,
        completed_by   text,
        completed_at   timestamptz,
        data           jsonb,
        comment        text,
        UNIQUE (duty_id, day)
      )`);
    await q.query(`CREATE INDEX duty_occurrences_day_idx ON duty_occurrences (day)`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN (${TASK_KINDS.map((k) => `'${k}'`).join(', ')}, 'power_off_check'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM tasks WHERE kind = 'power_off_check'`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN (${TASK_KINDS.map((k) => `'${k}'`).join(', ')}))`);
    await q.query(`DROP TABLE duty_occurrences`);
  }
}
