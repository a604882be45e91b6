import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account security state that is not a domain fact and so not an event (like user_credentials):
 *
 * - user_sessions: the session version every access token carries (`sv`); the guard refuses a token whose
 *   version is not the user's current one. Logout, a password change or reset, deactivation and
 *   reactivation bump it, so an access token dies with what ended it instead of at its TTL. A user with no
 *   row is at version 0. `password_one_time`: the password was set by someone else (HR, a reset) and must
 *   be replaced by the owner before the account may act (INF-10: a signature is the owner's own).
 * - login_throttle: failed logins counted per (username, client address), not chained one event each.
 *   The back-off is per pair, so a stranger guessing from elsewhere cannot lock the owner out; the
 *   per-address limit sums the address's rows. The event log gets one summary per closed window.
 */
export class AccountSecurity1764600000300 implements MigrationInterface {
  name = 'AccountSecurity1764600000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_sessions (
        user_id            uuid     PRIMARY KEY,
        session_version    integer  NOT NULL DEFAULT 0 CHECK (session_version >= 0),
        password_one_time  boolean  NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE login_throttle (
        username          text        NOT NULL,
        ip                text        NOT NULL,
        failures          integer     NOT NULL CHECK (failures > 0),
        first_failure_at  timestamptz NOT NULL,
        last_failure_at   timestamptz NOT NULL,
        blocked_until     timestamptz,
        PRIMARY KEY (username, ip)
      )`);
    await q.query(`CREATE INDEX login_throttle_ip_idx ON login_throttle (ip, last_failure_at)`);
    await q.query(`CREATE INDEX login_throttle_last_idx ON login_throttle (last_failure_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
    await q.query(`DROP TABLE user_sessions`);
  }
}
