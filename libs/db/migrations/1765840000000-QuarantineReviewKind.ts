import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every task kind at this migration: a migration keeps its own copy, the code's list will grow. */
const KINDS = [
  'approval', 'it_action', 'agreement', 'acknowledgement', 'account_setup', 'return_item', 'virus_check', 'signoff', 'power_off_check',
  'shift_handover', 'doors_windows_check', 'extinguisher_check', 'fire_training', 'backup_record', 'power_inspection', 'hazard_fix', 'equipment_check', 'notes_handin', 'notes_receipt',
  'quarantine_disposal', 'handover', 'rules_acknowledgement', 'computer_locks_check',
];
const check = (kinds: string[]) => `ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')}))`;

/** INF-6: a quarantined medium gives security a task of its own (where it is held, its seal), beside IT's disposal. */
export class QuarantineReviewKind1765840000000 implements MigrationInterface {
  name = 'QuarantineReviewKind1765840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(check([...KINDS, 'quarantine_review']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM tasks WHERE kind = 'quarantine_review'`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(check(KINDS));
  }
}
