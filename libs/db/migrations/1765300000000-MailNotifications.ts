import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail notifications. notification_preferences and mail_outbox are read models (projected from
 * notification_preferences.changed and mail.queued / mail.sent / mail.failed / mail.cancelled, so a
 * rebuild restores which mail was sent); mail_relay is operational (when the relay handed a row to
 * Temporal, the tries and the last transient error) and not an event. One outbox row per
 * (source, recipient): the unique key is what makes a notification mail a person at most once.
 */
export class MailNotifications1765300000000 implements MigrationInterface {
  name = 'MailNotifications1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id       uuid        PRIMARY KEY,
        email         text        CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
        mail_enabled  boolean     NOT NULL,
        kinds         text[]      NOT NULL,
        digest        text        NOT NULL CHECK (digest IN ('off', 'hourly', 'daily')),
        updated_at    timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE mail_outbox (
        id                 uuid        PRIMARY KEY,
        source_id          text        NOT NULL,
        recipient_user_id  uuid        NOT NULL,
        kind               text        NOT NULL,
        subject            text        NOT NULL,
        title_en           text        NOT NULL,
        title_zh           text        NOT NULL,
        body_en            text        NOT NULL,
        body_zh            text        NOT NULL,
        path               text        NOT NULL,
        digest             text        NOT NULL CHECK (digest IN ('off', 'hourly', 'daily')),
        status             text        NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
        not_before         timestamptz NOT NULL,
        created_at         timestamptz NOT NULL,
        sent_at            timestamptz,
        failed_at          timestamptz,
        message_id         text,
        error              text,
        UNIQUE (source_id, recipient_user_id)
      )`);
    await q.query(`CREATE INDEX mail_outbox_pending_idx ON mail_outbox (not_before) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX mail_outbox_failed_idx ON mail_outbox (failed_at DESC) WHERE status = 'failed'`);
    await q.query(`
      CREATE TABLE mail_relay (
        outbox_id        uuid        PRIMARY KEY,
        relayed_at       timestamptz,
        attempts         integer     NOT NULL DEFAULT 0,
        last_error       text,
        last_attempt_at  timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_relay`);
    await q.query(`DROP TABLE mail_outbox`);
    await q.query(`DROP TABLE notification_preferences`);
  }
}
