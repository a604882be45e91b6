import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The recurring duties' occurrences (libs/policy/duties.ts; EQ-6 first): one row per duty and working
 * day, a read model of duty.opened / duty.late / duty.completed / duty.missed. The primary key is the
 * occurrence id, so a duplicated firing of a duty's schedule cannot open a second occurrence.
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE duty_occurrences`);
  }
}
