import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models of access requests and grants (SYS-1, INF-6, INF-12), the return checklist (INF-13),
 * agreement signatures (INF-10) and the workstation IP plan (SYS-2). Constraints back the invariants the
 * commands check: one active grant per request, one holder per privileged ID, one holder per IP.
 */
export class AccessAndReturns1764300000001 implements MigrationInterface {
  name = 'AccessAndReturns1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_requests (
        id                    uuid        PRIMARY KEY,
        workflow_id           text        NOT NULL UNIQUE,
        kind                  text        NOT NULL CHECK (kind IN ('external_network', 'special_agent_id', 'usb_media')),
        requester_user_id     text        NOT NULL,
        requester_employee_id text,
        department_id         text        NOT NULL,
        justification         text        NOT NULL,
        duration_ms           bigint      NOT NULL CHECK (duration_ms > 0),
        status                text        NOT NULL CHECK (status IN ('pending', 'active', 'ended')),
        stage                 text        NOT NULL,
        end_reason            text,
        submitted_at          timestamptz NOT NULL,
        ended_at              timestamptz,
        CHECK ((status = 'ended') = (ended_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX access_requests_requester_idx ON access_requests (requester_user_id, status)`);
    await q.query(`CREATE INDEX access_requests_open_idx ON access_requests (kind, status) WHERE status <> 'ended'`);
    await q.query(`
      CREATE TABLE grants (
        id                 uuid        PRIMARY KEY,
        request_id         uuid        NOT NULL REFERENCES access_requests (id) ON DELETE CASCADE,
        kind               text        NOT NULL,
        holder_user_id     text        NOT NULL,
        holder_employee_id text,
        resource           text,
        enabled_by         text        NOT NULL,
        starts_at          timestamptz NOT NULL,
        expires_at         timestamptz NOT NULL CHECK (expires_at > starts_at),
        status             text        NOT NULL CHECK (status IN ('active', 'ended')),
        ended_at           timestamptz,
        ended_by           text,
        end_reason         text,
        CHECK ((status = 'ended') = (ended_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX grants_one_active_per_request ON grants (request_id) WHERE status = 'active'`);
    // AID-2: a privileged ID is checked out to one person at a time.
    await q.query(`CREATE UNIQUE INDEX grants_one_holder_per_resource ON grants (resource) WHERE status = 'active' AND resource IS NOT NULL`);
    await q.query(`CREATE INDEX grants_active_kind_idx ON grants (kind, expires_at) WHERE status = 'active'`);
    await q.query(`
      CREATE TABLE return_items (
        id               uuid        PRIMARY KEY,
        workflow_id      text        NOT NULL,
        employee_id      text        NOT NULL,
        kind             text        NOT NULL,
        label            text        NOT NULL,
        state            text        NOT NULL CHECK (state IN ('pending', 'virus_check', 'received', 'missing', 'missing_signed_off')),
        added_by         text        NOT NULL,
        added_at         timestamptz NOT NULL,
        checked_by       text,
        checked_at       timestamptz,
        note             text,
        virus_result     text        CHECK (virus_result IN ('clean', 'infected')),
        virus_checked_by text,
        signed_off_by    text
      )`);
    await q.query(`CREATE INDEX return_items_workflow_idx ON return_items (workflow_id, added_at)`);
    await q.query(`
      CREATE TABLE agreement_signatures (
        employee_id text        NOT NULL,
        version     text        NOT NULL,
        text_hash   text        NOT NULL,
        user_id     text        NOT NULL,
        signed_at   timestamptz NOT NULL,
        PRIMARY KEY (employee_id, version)
      )`);
    await q.query(`
      CREATE TABLE ip_allocations (
        id           uuid        PRIMARY KEY,
        ip           inet        NOT NULL,
        employee_id  text        NOT NULL,
        allocated_at timestamptz NOT NULL,
        released_at  timestamptz
      )`);
    // SYS-2: nobody takes another's address; one workstation address per person.
    await q.query(`CREATE UNIQUE INDEX ip_allocations_ip_held ON ip_allocations (ip) WHERE released_at IS NULL`);
    await q.query(`CREATE UNIQUE INDEX ip_allocations_employee_held ON ip_allocations (employee_id) WHERE released_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ip_allocations`);
    await q.query(`DROP TABLE agreement_signatures`);
    await q.query(`DROP TABLE return_items`);
    await q.query(`DROP TABLE grants`);
    await q.query(`DROP TABLE access_requests`);
  }
}
