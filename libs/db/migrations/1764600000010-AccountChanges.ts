import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four eyes on power: privileged account changes wait for a second person's approval. The requests are
 * a read model (projected from account_change.* events); the secrets table holds a requested password's
 * argon2 hash until the request is applied or closed (never in an event, never in a workflow's history).
 */
export class AccountChanges1764600000010 implements MigrationInterface {
  name = 'AccountChanges1764600000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_change_requests (
        id             uuid        PRIMARY KEY,
        kind           text        NOT NULL CHECK (kind IN ('create_user', 'update_user')),
        status         text        NOT NULL CHECK (status IN ('pending', 'applied', 'rejected', 'expired', 'failed')),
        requested_by   text        NOT NULL,
        approver_role  text        NOT NULL,
        target_user_id text,
        change         jsonb       NOT NULL,
        decided_by     text,
        reason         text,
        requested_at   timestamptz NOT NULL,
        closed_at      timestamptz,
        CHECK ((status = 'pending') = (closed_at IS NULL))
      )`);
    await q.query(`CREATE INDEX account_change_requests_requester_idx ON account_change_requests (requested_by, requested_at)`);
    await q.query(`
      CREATE TABLE account_change_secrets (
        request_id    uuid        PRIMARY KEY,
        password_hash text        NOT NULL,
        created_at    timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_change_secrets`);
    await q.query(`DROP TABLE account_change_requests`);
  }
}
