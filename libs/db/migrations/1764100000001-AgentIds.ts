import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agent IDs and who held them (AID-1, AID-2, INF-12). The invariants live in the database, not only
 * in code, so no code path (a bug, a script, a second replica) can break them:
 * - a code has at most one open holding: one holder, or one person with a privileged ID checked out;
 * - an employee holds at most one standard ID;
 * - the state decides which holder columns may be set (CHECKs);
 * - the life cycle only moves forward (available → assigned → suspended → retired), and a retired ID
 *   never changes again, is never deleted, and never gets a new holding: it is never reissued (AID-1).
 */
export class AgentIds1764100000001 implements MigrationInterface {
  name = 'AgentIds1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agent_ids (
        code                        text        PRIMARY KEY CHECK (code ~ '^[A-Z]{1,4}[0-9]{1,8}$'),
        kind                        text        NOT NULL CHECK (kind IN ('standard', 'manager', 'privileged')),
        state                       text        NOT NULL CHECK (state IN ('available', 'assigned', 'suspended', 'retired')),
        holder_employee_id          uuid        REFERENCES employees(id),
        custodian_user_id           uuid        REFERENCES users(id),
        checked_out_to_employee_id  uuid        REFERENCES employees(id),
        checked_out_until           timestamptz,
        created_at                  timestamptz NOT NULL,
        updated_at                  timestamptz NOT NULL,
        retired_at                  timestamptz,
        -- AID-2: privileged IDs are kept by a custodian (the call center manager) and only checked out;
        -- standard and manager IDs have a holder of their own.
        CONSTRAINT agent_ids_privileged_custody CHECK (
          CASE WHEN kind = 'privileged' THEN holder_employee_id IS NULL
               ELSE custodian_user_id IS NULL AND checked_out_to_employee_id IS NULL END),
        CONSTRAINT agent_ids_available_is_unheld CHECK (
          state <> 'available' OR (holder_employee_id IS NULL AND custodian_user_id IS NULL AND checked_out_to_employee_id IS NULL)),
        CONSTRAINT agent_ids_issued_has_holder CHECK (
          state NOT IN ('assigned', 'suspended') OR holder_employee_id IS NOT NULL OR custodian_user_id IS NOT NULL),
        CONSTRAINT agent_ids_retired_is_unheld CHECK (
          state <> 'retired' OR (holder_employee_id IS NULL AND custodian_user_id IS NULL AND checked_out_to_employee_id IS NULL AND retired_at IS NOT NULL)),
        CONSTRAINT agent_ids_checkout_pair CHECK ((checked_out_to_employee_id IS NULL) = (checked_out_until IS NULL)),
        CONSTRAINT agent_ids_checkout_when_assigned CHECK (checked_out_to_employee_id IS NULL OR state = 'assigned')
      )`);
    // AID-1: one standard ID per employee; AID-2: one privileged ID checked out per person.
    await q.query(`CREATE UNIQUE INDEX agent_ids_one_standard_per_employee ON agent_ids (holder_employee_id) WHERE kind = 'standard' AND holder_employee_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX agent_ids_one_checkout_per_employee ON agent_ids (checked_out_to_employee_id) WHERE checked_out_to_employee_id IS NOT NULL`);
    await q.query(`CREATE INDEX agent_ids_pool_idx ON agent_ids (kind, state, code)`);
    await q.query(`
      CREATE FUNCTION agent_ids_guard_transition() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.state <> 'available' THEN
            RAISE EXCEPTION 'agent ID % was issued and can never be deleted (AID-1)', OLD.code USING ERRCODE = 'check_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.state = 'retired' THEN
          RAISE EXCEPTION 'agent ID % is retired and can never be reissued or changed (AID-1)', OLD.code USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.code <> OLD.code OR NEW.kind <> OLD.kind THEN
          RAISE EXCEPTION 'agent ID %: code and kind never change', OLD.code USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.state <> OLD.state AND (OLD.state, NEW.state) NOT IN
           (('available', 'assigned'), ('available', 'retired'), ('assigned', 'suspended'), ('assigned', 'retired'), ('suspended', 'retired')) THEN
          RAISE EXCEPTION 'agent ID % cannot go from % to %', OLD.code, OLD.state, NEW.state USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.holder_employee_id IS NOT NULL AND NEW.holder_employee_id IS DISTINCT FROM OLD.holder_employee_id AND NEW.state <> 'retired' THEN
          RAISE EXCEPTION 'agent ID % is never passed on to another person (AID-1)', OLD.code USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER agent_ids_guard_transition BEFORE UPDATE OR DELETE ON agent_ids FOR EACH ROW EXECUTE FUNCTION agent_ids_guard_transition()`);

    await q.query(`
      CREATE TABLE agent_id_holdings (
        id           uuid        PRIMARY KEY,
        code         text        NOT NULL REFERENCES agent_ids(code),
        employee_id  uuid        NOT NULL REFERENCES employees(id),
        purpose      text        NOT NULL CHECK (purpose IN ('assignment', 'checkout')),
        started_at   timestamptz NOT NULL,
        until        timestamptz,
        ended_at     timestamptz,
        end_reason   text,
        CHECK ((ended_at IS NULL) = (end_reason IS NULL)),
        CHECK (ended_at IS NULL OR ended_at >= started_at),
        CHECK ((purpose = 'checkout') = (until IS NOT NULL))
      )`);
    // AID-1 / AID-2: at most one person holds (or has checked out) a code at any time.
    await q.query(`CREATE UNIQUE INDEX agent_id_holdings_one_open_per_code ON agent_id_holdings (code) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX agent_id_holdings_employee_idx ON agent_id_holdings (employee_id, started_at)`);
    await q.query(`
      CREATE FUNCTION agent_id_holdings_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF EXISTS (SELECT 1 FROM agent_ids WHERE code = NEW.code AND state = 'retired') THEN
            RAISE EXCEPTION 'agent ID % is retired and is never reissued (AID-1)', NEW.code USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE' OR OLD.ended_at IS NOT NULL OR NEW.id <> OLD.id OR NEW.code <> OLD.code OR NEW.employee_id <> OLD.employee_id
           OR NEW.purpose <> OLD.purpose OR NEW.started_at <> OLD.started_at THEN
          RAISE EXCEPTION 'agent ID holdings are history: only an open holding may be ended' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER agent_id_holdings_guard BEFORE INSERT OR UPDATE OR DELETE ON agent_id_holdings FOR EACH ROW EXECUTE FUNCTION agent_id_holdings_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agent_id_holdings`);
    await q.query(`DROP FUNCTION agent_id_holdings_guard()`);
    await q.query(`DROP TABLE agent_ids`);
    await q.query(`DROP FUNCTION agent_ids_guard_transition()`);
  }
}
