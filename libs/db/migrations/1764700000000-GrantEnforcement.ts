import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a grant takes effect (SYS-1, SYS-5, INF-6): a grant enforced by the directory records when the
 * directory confirmed the member and when it confirmed the removal; until then an ended grant shows as
 * "removal pending". Drift between the managed groups and the active grants is listed for IT.
 * grant_removal_status is operational (the last error of a removal Temporal is still retrying), not
 * domain state: it is written outside the event log and is not rebuilt from it.
 */
export class GrantEnforcement1764700000000 implements MigrationInterface {
  name = 'GrantEnforcement1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grants ADD COLUMN enforced_by text CHECK (enforced_by IN ('directory')), ADD COLUMN enforced_group text, ADD COLUMN enforced_entry text,
                   ADD COLUMN provisioned_at timestamptz, ADD COLUMN deprovisioned_at timestamptz`);
    await q.query(`CREATE INDEX grants_removal_pending_idx ON grants (ended_at) WHERE status = 'ended' AND enforced_by IS NOT NULL AND deprovisioned_at IS NULL`);
    await q.query(`
      CREATE TABLE grant_removal_status (
        grant_id         uuid        PRIMARY KEY,
        attempts         integer     NOT NULL,
        last_error       text        NOT NULL,
        last_attempt_at  timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE directory_drift (
        id          uuid        PRIMARY KEY,
        group_dn    text        NOT NULL,
        entry       text        NOT NULL,
        direction   text        NOT NULL CHECK (direction IN ('member_without_grant', 'grant_without_member')),
        grant_id    uuid,
        corrected   boolean     NOT NULL,
        seen_at     timestamptz NOT NULL,
        seen_by     text        NOT NULL
      )`);
    await q.query(`CREATE INDEX directory_drift_seen_idx ON directory_drift (seen_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE directory_drift`);
    await q.query(`DROP TABLE grant_removal_status`);
    await q.query(`DROP INDEX grants_removal_pending_idx`);
    await q.query(`ALTER TABLE grants DROP COLUMN enforced_by, DROP COLUMN enforced_group, DROP COLUMN enforced_entry, DROP COLUMN provisioned_at, DROP COLUMN deprovisioned_at`);
  }
}
