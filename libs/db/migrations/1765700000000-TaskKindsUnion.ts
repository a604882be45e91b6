import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every task kind at this migration: a migration keeps its own copy, the code's list will grow. */
const KINDS = [
  'approval', 'it_action', 'agreement', 'acknowledgement', 'account_setup', 'return_item', 'virus_check', 'signoff', 'power_off_check',
  'shift_handover', 'doors_windows_check', 'extinguisher_check', 'fire_training', 'backup_record', 'power_inspection', 'hazard_fix', 'equipment_check', 'notes_handin', 'notes_receipt',
  'quarantine_disposal', 'handover', 'rules_acknowledgement',
];
/** What DutyDefinitions left, which ran after the quarantine, hand-over and rules migrations and did not know their kinds. */
const DUTY_DEFINITIONS_LEFT = KINDS.slice(0, 19);
const check = (kinds: string[]) => `ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')}))`;

/**
 * The tasks table accepts every kind again: two migrations written side by side each widened the check
 * to their own list (the duties' checklists; the quarantine, hand-over and rules tasks), and the later one
 * dropped the other's kinds.
 */
export class TaskKindsUnion1765700000000 implements MigrationInterface {
  name = 'TaskKindsUnion1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(check(KINDS));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM tasks WHERE kind IN ('quarantine_disposal', 'handover', 'rules_acknowledgement')`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(check(DUTY_DEFINITIONS_LEFT));
  }
}
