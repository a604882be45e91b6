import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The lists before this migration: a migration keeps its own copies, the code's lists will grow. */
const TASK_KINDS = ['approval', 'it_action', 'agreement', 'acknowledgement', 'account_setup', 'return_item', 'virus_check', 'signoff', 'power_off_check'];
const ITEM_STATES = ['pending', 'virus_check', 'received', 'missing', 'missing_signed_off'];
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');

/**
 * INF-6: a returned disk found infected is quarantined, not received, until IT records it cleaned or
 * destroyed; the return items learn those states and who dealt with it, the tasks table the disposal kind.
 */
export class QuarantinedReturns1765500000000 implements MigrationInterface {
  name = 'QuarantinedReturns1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE return_items DROP CONSTRAINT return_items_state_check`);
    await q.query(`ALTER TABLE return_items ADD CONSTRAINT return_items_state_check CHECK (state IN (${list(ITEM_STATES)}, 'quarantined', 'cleaned', 'destroyed'))`);
    await q.query(`ALTER TABLE return_items ADD COLUMN disposed_by text, ADD COLUMN disposed_at timestamptz, ADD COLUMN disposal_note text`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN (${list(TASK_KINDS)}, 'quarantine_disposal'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM tasks WHERE kind = 'quarantine_disposal'`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN (${list(TASK_KINDS)}))`);
    await q.query(`UPDATE return_items SET state = 'received' WHERE state IN ('cleaned', 'destroyed', 'quarantined')`);
    await q.query(`ALTER TABLE return_items DROP COLUMN disposed_by, DROP COLUMN disposed_at, DROP COLUMN disposal_note`);
    await q.query(`ALTER TABLE return_items DROP CONSTRAINT return_items_state_check`);
    await q.query(`ALTER TABLE return_items ADD CONSTRAINT return_items_state_check CHECK (state IN (${list(ITEM_STATES)}))`);
  }
}
