import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models of the workflows' human tasks, notifications and process timelines. Written only by
 * projection handlers (libs/domain/tasks, notifications, processes); rebuilt from the event log.
 */
export class TasksAndProcesses1764300000000 implements MigrationInterface {
  name = 'TasksAndProcesses1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE processes (
        workflow_id    text        PRIMARY KEY,
        process        text        NOT NULL CHECK (process IN ('onboarding', 'offboarding', 'access_request')),
        process_key    text        NOT NULL,
        employee_id    text,
        subject_user_id text,
        department_id  text,
        started_by     text        NOT NULL,
        note           text,
        state          text        NOT NULL CHECK (state IN ('running', 'completed', 'rejected', 'cancelled')),
        stage          text        NOT NULL,
        started_at     timestamptz NOT NULL,
        ended_at       timestamptz,
        result         jsonb,
        UNIQUE (process, process_key),
        CHECK ((state = 'running') = (ended_at IS NULL))
      )`);
    await q.query(`CREATE INDEX processes_employee_idx ON processes (employee_id, process)`);
    await q.query(`
      CREATE TABLE process_steps (
        workflow_id  text        NOT NULL REFERENCES processes (workflow_id) ON DELETE CASCADE,
        ordinal      int         NOT NULL,
        step         text        NOT NULL,
        state        text        NOT NULL CHECK (state IN ('started', 'completed', 'failed', 'skipped')),
        actor        text,
        detail       jsonb       NOT NULL DEFAULT '{}',
        at           timestamptz NOT NULL,
        PRIMARY KEY (workflow_id, ordinal)
      )`);
    await q.query(`
      CREATE TABLE tasks (
        id                       uuid        PRIMARY KEY,
        workflow_id              text        NOT NULL,
        process                  text        NOT NULL,
        process_key              text        NOT NULL,
        step                     text        NOT NULL,
        kind                     text        NOT NULL CHECK (kind IN ('approval', 'it_action', 'agreement', 'acknowledgement', 'account_setup', 'return_item', 'virus_check', 'signoff')),
        title_en                 text        NOT NULL,
        title_zh                 text        NOT NULL,
        assignee_user_id         text,
        claimed_by               text,
        candidate_role           text,
        candidate_department_id  text,
        escalation_role          text        NOT NULL,
        escalation_department_id text,
        escalation_may_decide    boolean     NOT NULL,
        excluded                 jsonb       NOT NULL DEFAULT '[]',
        expected                 jsonb,
        context                  jsonb       NOT NULL,
        status                   text        NOT NULL CHECK (status IN ('open', 'decided', 'expired', 'cancelled')),
        escalated_at             timestamptz,
        due_at                   timestamptz NOT NULL,
        deadline_at              timestamptz,
        created_at               timestamptz NOT NULL,
        closed_at                timestamptz,
        CHECK (assignee_user_id IS NOT NULL OR candidate_role IS NOT NULL),
        CHECK ((status = 'open') = (closed_at IS NULL))
      )`);
    await q.query(`CREATE INDEX tasks_open_due_idx ON tasks (due_at, id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX tasks_assignee_idx ON tasks (assignee_user_id, status, due_at)`);
    await q.query(`CREATE INDEX tasks_candidate_idx ON tasks (candidate_role, candidate_department_id, status, due_at)`);
    await q.query(`CREATE INDEX tasks_workflow_idx ON tasks (workflow_id)`);
    // One decision per task: the primary key backs the workflow's "already decided" refusal.
    await q.query(`
      CREATE TABLE task_decisions (
        task_id     uuid        PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
        decided_by  text        NOT NULL,
        outcome     text        NOT NULL CHECK (outcome IN ('approve', 'reject', 'done', 'expired', 'cancelled')),
        comment     text,
        data        jsonb       NOT NULL DEFAULT '{}',
        automatic   boolean     NOT NULL,
        decided_at  timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE notifications (
        id                      uuid        PRIMARY KEY,
        subject                 text        NOT NULL,
        recipient_user_id       text,
        recipient_role          text,
        recipient_department_id text,
        title_en                text        NOT NULL,
        title_zh                text        NOT NULL,
        body_en                 text        NOT NULL,
        body_zh                 text        NOT NULL,
        created_at              timestamptz NOT NULL,
        CHECK (recipient_user_id IS NOT NULL OR recipient_role IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (recipient_user_id, created_at)`);
    await q.query(`CREATE INDEX notifications_role_idx ON notifications (recipient_role, recipient_department_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE task_decisions`);
    await q.query(`DROP TABLE tasks`);
    await q.query(`DROP TABLE process_steps`);
    await q.query(`DROP TABLE processes`);
  }
}
