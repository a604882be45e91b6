import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who has read which notification. Per user, because a notification to a role (escalations) reaches
 * everyone holding it and each of them reads it on their own. Written only by the notifications projector.
 */
export class NotificationReads1764400000000 implements MigrationInterface {
  name = 'NotificationReads1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_reads (
        notification_id uuid        NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        user_id         text        NOT NULL,
        read_at         timestamptz NOT NULL,
        PRIMARY KEY (notification_id, user_id)
      )`);
    await q.query(`CREATE INDEX notification_reads_user_idx ON notification_reads (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_reads`);
  }
}
