import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The task kinds before this migration: a migration keeps its own copy, the code's list will grow. */
const BEFORE = ['approval', 'it_action', 'agreement', 'acknowledgement', 'account_setup', 'return_item', 'virus_check', 'signoff', 'power_off_check'];
const ADDED = ['shift_handover', 'doors_windows_check', 'extinguisher_check', 'fire_training', 'backup_record', 'power_inspection', 'hazard_fix', 'equipment_check', 'notes_handin', 'notes_receipt'];
const check = (kinds: string[]) => `ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')}))`;

/**
 * The recurring duties' definitions (libs/policy/duties.ts) as a read model of duty.defined /
 * duty.redefined / duty.paused / duty.resumed / duty.deleted. A deleted definition keeps its row
 * (deleted = true), so the seed of the built-in duties does not bring it back. The tasks table learns
 * the checklist kinds of the duties after EQ-6 (EQ-8, EQ-7, EQ-3, INF-8, EQ-2) and the hazard
 * to fix (EQ-2, EQ-4).
 */
// Also the hazards (EQ-2, EQ-4), found on those checks and open until fixed.
export class DutyDefinitions1765600000000 implements MigrationInterface {
  name = 'DutyDefinitions1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE duty_definitions (
        duty_id     text        PRIMARY KEY,
        definition  jsonb       NOT NULL,
        paused      boolean     NOT NULL DEFAULT false,
        deleted     boolean     NOT NULL DEFAULT false,
        version     integer     NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    // EQ-2, EQ-4: hazards found, open until recorded fixed (a read model of hazard.reported / hazard.fixed).
    await q.query(`
      CREATE TABLE hazards (
        hazard_id      text        PRIMARY KEY,
        description    text        NOT NULL,
        reported_by    text        NOT NULL,
        reported_at    timestamptz NOT NULL,
        duty_id        text,
        occurrence_id  text,
        clauses        text[]      NOT NULL,
        workflow_id    text        NOT NULL,
        state          text        NOT NULL CHECK (state IN ('open', 'fixed')),
        fixed_by       text,
        fixed_at       timestamptz,
        how_fixed      text
      )`);
    // EQ-4, INF-11(4): each agent's part of a per-agent duty's occurrence (duty.assignment_recorded).
    await q.query(`
      CREATE TABLE duty_assignments (
        occurrence_id  text        NOT NULL,
        user_id        text        NOT NULL,
        state          text        NOT NULL CHECK (state IN ('completed', 'missed')),
        late           boolean     NOT NULL,
        data           jsonb,
        completed_at   timestamptz,
        confirmed_by   text,
        confirmed_at   timestamptz,
        PRIMARY KEY (occurrence_id, user_id)
      )`);
    await q.query(`CREATE INDEX hazards_open_idx ON hazards (reported_at) WHERE state = 'open'`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(check([...BEFORE, ...ADDED]));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM tasks WHERE kind IN (${ADDED.map((k) => `'${k}'`).join(', ')})`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(check(BEFORE));
    await q.query(`DROP TABLE duty_assignments`);
    await q.query(`DROP TABLE hazards`);
    await q.query(`DROP TABLE duty_definitions`);
  }
}
