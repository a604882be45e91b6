import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grants of kinds without a directory (SYS-1, INF-6, AID-2): enforced by a signed webhook to the system
 * that holds the access, or by IT's hand ("manual": ended grants stay "removal pending" until IT confirms
 * the disable task). webhook_deliveries is the read model of deliveries confirmed or dead-lettered (from
 * the events webhook.delivered / webhook.dead_lettered); webhook_attempts is operational (the last error
 * of a delivery Temporal is still retrying), written outside the event log, like grant_removal_status.
 */
export class GrantWebhooks1764800000000 implements MigrationInterface {
  name = 'GrantWebhooks1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grants DROP CONSTRAINT grants_enforced_by_check`);
    await q.query(`ALTER TABLE grants ADD CONSTRAINT grants_enforced_by_check CHECK (enforced_by IN ('directory', 'webhook', 'manual'))`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id                text        PRIMARY KEY,
        kind              text        NOT NULL,
        event_type        text        NOT NULL CHECK (event_type IN ('grant.enabled', 'grant.ended')),
        request_id        uuid        NOT NULL,
        grant_id          uuid        NOT NULL,
        body              text        NOT NULL,
        status            text        NOT NULL CHECK (status IN ('delivered', 'dead_lettered')),
        attempts          integer     NOT NULL,
        last_error        text,
        dead_lettered_at  timestamptz,
        delivered_at      timestamptz,
        delivered_by      text
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_dead_idx ON webhook_deliveries (dead_lettered_at) WHERE status = 'dead_lettered'`);
    await q.query(`
      CREATE TABLE webhook_attempts (
        webhook_id       text        PRIMARY KEY,
        kind             text        NOT NULL,
        event_type       text        NOT NULL,
        request_id       uuid        NOT NULL,
        attempts         integer     NOT NULL,
        last_error       text        NOT NULL,
        last_attempt_at  timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`UPDATE grants SET enforced_by = NULL WHERE enforced_by IN ('webhook', 'manual')`);
    await q.query(`ALTER TABLE grants DROP CONSTRAINT grants_enforced_by_check`);
    await q.query(`ALTER TABLE grants ADD CONSTRAINT grants_enforced_by_check CHECK (enforced_by IN ('directory'))`);
  }
}
