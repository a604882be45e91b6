import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decision links (libs/domain/mail/decision-links.ts): a read model projected from decision_link.issued
 * and decision_link.redeemed. One link per task mail (outbox row); the token in the mail is the link id
 * and its HMAC, computed when the mail is sent and stored nowhere: this table holds the id only.
 */
export class DecisionLinks1765820000000 implements MigrationInterface {
  name = 'DecisionLinks1765820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decision_links (
        id          uuid        PRIMARY KEY,
        outbox_id   uuid        NOT NULL UNIQUE,
        task_id     uuid        NOT NULL,
        user_id     uuid        NOT NULL,
        created_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz
      )`);
    await q.query(`CREATE INDEX decision_links_task_idx ON decision_links (task_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decision_links`);
  }
}
