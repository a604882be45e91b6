import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory read models (departments, employees, users and their roles), written only by the
 * directory projector, and the secrets that are deliberately NOT events: password hashes and refresh
 * tokens. The secret tables carry no foreign key to a projected table, because a projection rebuild
 * truncates those (TRUNCATE … CASCADE would wipe every credential with them).
 */
export class Directory1764100000000 implements MigrationInterface {
  name = 'Directory1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE departments (
        id                  uuid        PRIMARY KEY,
        code                text        NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(code) <= 64),
        name_en             text        NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
        name_zh             text        NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 200),
        supervisor_user_id  uuid,
        created_at          timestamptz NOT NULL,
        updated_at          timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE employees (
        id             uuid        PRIMARY KEY,
        department_id  uuid        NOT NULL REFERENCES departments(id),
        full_name      text        NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
        status         text        NOT NULL CHECK (status IN ('pending', 'active', 'leaving', 'left')),
        created_at     timestamptz NOT NULL,
        updated_at     timestamptz NOT NULL,
        activated_at   timestamptz,
        leaving_at     timestamptz,
        left_at        timestamptz
      )`);
    await q.query(`CREATE INDEX employees_department_idx ON employees (department_id, status)`);
    // The employee life cycle, enforced by the database too: pending → active → leaving → left, and
    // pending → left for someone who never started.
    await q.query(`
      CREATE FUNCTION employees_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status IS DISTINCT FROM OLD.status AND (OLD.status, NEW.status) NOT IN
           (('pending', 'active'), ('pending', 'left'), ('active', 'leaving'), ('leaving', 'left')) THEN
          RAISE EXCEPTION 'employee % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER employees_status_transition BEFORE UPDATE OF status ON employees FOR EACH ROW EXECUTE FUNCTION employees_status_transition()`);
    await q.query(`
      CREATE TABLE users (
        id             uuid        PRIMARY KEY,
        username       text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
        display_name   text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        employee_id    uuid        UNIQUE REFERENCES employees(id),
        department_id  uuid        REFERENCES departments(id),
        active         boolean     NOT NULL,
        locale         text        NOT NULL CHECK (locale IN ('zh-CN', 'en')),
        time_zone      text        NOT NULL,
        last_login_at  timestamptz,
        created_at     timestamptz NOT NULL,
        updated_at     timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX users_department_idx ON users (department_id)`);
    await q.query(`ALTER TABLE departments ADD CONSTRAINT departments_supervisor_fk FOREIGN KEY (supervisor_user_id) REFERENCES users(id)`);
    await q.query(`
      CREATE TABLE user_roles (
        user_id  uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role     text NOT NULL CHECK (role IN ('employee', 'supervisor', 'leadership', 'it', 'cc_manager', 'site_manager', 'id_admin', 'hr', 'security', 'auditor')),
        PRIMARY KEY (user_id, role)
      )`); // the role list is docs/policy.md's, frozen here: a migration must not change when code does
    await q.query(`CREATE INDEX user_roles_role_idx ON user_roles (role)`);

    // Not projected: secrets are never events.
    await q.query(`
      CREATE TABLE user_credentials (
        user_id        uuid        PRIMARY KEY,
        password_hash  text        NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        updated_at     timestamptz NOT NULL
      )`);
    // Only a SHA-256 of each refresh token is kept: a stolen table does not yield usable tokens.
    await q.query(`
      CREATE TABLE refresh_tokens (
        token_hash  char(64)    PRIMARY KEY,
        user_id     uuid        NOT NULL,
        family_id   uuid        NOT NULL,
        issued_at   timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz,
        revoked_at  timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);

    // Read model of auth.login_failed events: the login rate limit counts here, so it holds across
    // every API replica (no in-memory counters).
    await q.query(`
      CREATE TABLE login_failures (
        event_id     uuid        PRIMARY KEY,
        username     text        NOT NULL,
        ip           text        NOT NULL,
        occurred_at  timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX login_failures_username_idx ON login_failures (username, occurred_at)`);
    await q.query(`CREATE INDEX login_failures_ip_idx ON login_failures (ip, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE user_credentials`);
    await q.query(`DROP TABLE user_roles`);
    await q.query(`ALTER TABLE departments DROP CONSTRAINT departments_supervisor_fk`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE employees`);
    await q.query(`DROP FUNCTION employees_status_transition()`);
    await q.query(`DROP TABLE departments`);
  }
}
