import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assessment report's projection (policy preamble: compliance per person and per department): one row
 * per required item, i.e. per human task, with who was responsible, their department, the due time, when
 * it was done and its outcome. Rebuilt from the log like every read model (libs/domain/assessment/projector.ts).
 */
export class AssessmentItems1765800000000 implements MigrationInterface {
  name = 'AssessmentItems1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment_items (
        task_id             uuid        PRIMARY KEY,
        kind                text        NOT NULL CHECK (kind IN ('onboarding_step', 'offboarding_step', 'approval', 'return_item', 'duty', 'note_handin', 'hazard_fix', 'other')),
        process             text        NOT NULL,
        process_key         text        NOT NULL,
        step                text        NOT NULL,
        task_kind           text        NOT NULL,
        clauses             text[]      NOT NULL,
        title_en            text        NOT NULL,
        title_zh            text        NOT NULL,
        person_id           text,
        role_department_id  text,
        department_id       text,
        due_at              timestamptz NOT NULL,
        done_at             timestamptz,
        done_by             text,
        outcome             text        NOT NULL CHECK (outcome IN ('on_time', 'late', 'missed', 'open', 'cancelled')),
        opened_at           timestamptz NOT NULL
      )`);
    // The report reads a period by due time, narrowed by department or person.
    await q.query(`CREATE INDEX assessment_items_due ON assessment_items (due_at) INCLUDE (outcome, department_id, person_id)`);
    await q.query(`CREATE INDEX assessment_items_department_due ON assessment_items (department_id, due_at)`);
    await q.query(`CREATE INDEX assessment_items_person_due ON assessment_items (person_id, due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assessment_items`);
  }
}
