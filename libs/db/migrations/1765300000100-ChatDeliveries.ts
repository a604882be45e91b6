import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Group-chat bot deliveries of role notifications (libs/enforcement/chat-webhooks.ts). The notifications
 * table is their outbox (written with the notification.sent event); a row here is a (notification, bot)
 * pair handed to Temporal, so each notification reaches each bot at most once per claim. Operational,
 * not an event: a bot's group is a copy of the bell, not a record.
 */
export class ChatDeliveries1765300000100 implements MigrationInterface {
  name = 'ChatDeliveries1765300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE chat_deliveries (
        notification_id  uuid        NOT NULL,
        target           text        NOT NULL,
        claimed_at       timestamptz NOT NULL,
        delivered_at     timestamptz,
        attempts         integer     NOT NULL DEFAULT 0,
        last_error       text,
        PRIMARY KEY (notification_id, target)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE chat_deliveries`);
  }
}
