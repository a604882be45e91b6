import { accessRequestSubject as requestSubject, type AccessEndReason, type AccessKind, type GrantView, type NotificationRequest, systemActor, type TaskRecord } from '../../policy/index.js';
import { command } from '../command.js';
import type { UnitOfWork } from '../events/event-store.js';
import type { Projector } from '../events/projector.js';
import { ACCESS_KIND_CLAUSES, grantEndClauses } from '../processes/process-clauses.js';
import { openTask, WORKFLOW_ACTOR } from '../tasks/commands.js';
import { finishProcess, ProcessEvents, recordProcessStep, type ProcessFinished, type ProcessStarted, type ProcessStepRecorded } from '../processes/processes.js';
import { sendNotification } from '../notifications/notifications.js';

export const AccessEvents = {
  submitted: 'access_request.submitted',
  activated: 'grant.activated',
  extended: 'grant.extended',
  ended: 'grant.ended',
} as const;

export interface AccessRequestSubmitted {
  requestId: string;
  workflowId: string;
  kind: AccessKind;
  requesterUserId: string;
  requesterEmployeeId: string | null;
  departmentId: string;
  justification: string;
  durationMs: number;
  /** INF-6: the machine-room computer a USB unlock or Internet grant is for (absent: the requester's own). */
  computerTag?: string | null;
}
export interface GrantActivated extends GrantView {
  requestId: string;
  kind: AccessKind;
  holderUserId: string;
  holderEmployeeId: string | null;
  /** Where the directory enforces it (the member it confirmed); absent for a grant IT enables by hand. */
  enforcement?: { group: string; entry: string } | null;
  /** A kind without a directory: enforced by a signed webhook, or by IT's hand (a disable task when it ends). */
  enforcedBy?: 'webhook' | 'manual' | null;
}
export interface GrantExtended {
  grantId: string;
  requestId: string;
  expiresAt: string;
  approvedBy: string[];
}
export interface GrantEnded {
  grantId: string;
  requestId: string;
  resource: string | null;
  reason: AccessEndReason;
  by: string;
  comment: string | null;
}


/** Access requests and their grants. The request's stage and end follow the process events. */
export const accessProjector: Projector = {
  name: 'access',
  tables: ['grants', 'access_requests'],
  handlers: {
    [AccessEvents.submitted]: async (m, e) => {
      const p = e.payload as AccessRequestSubmitted;
      await m.query(
        `INSERT INTO access_requests (id, workflow_id, kind, requester_user_id, requester_employee_id, department_id, justification, duration_ms, status, stage, submitted_at, computer_tag)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 'submitted', $9, $10)`,
        [p.requestId, p.workflowId, p.kind, p.requesterUserId, p.requesterEmployeeId, p.departmentId, p.justification, p.durationMs, e.occurredAt, p.computerTag ?? null],
      );
    },
    [ProcessEvents.step]: async (m, e) => {
      const p = e.payload as ProcessStepRecorded;
      if (p.process === 'access_request') await m.query(`UPDATE access_requests SET stage = $2 WHERE id = $1`, [p.processKey, p.step]);
    },
    [ProcessEvents.finished]: async (m, e) => {
      const p = e.payload as ProcessFinished;
      if (p.process !== 'access_request') return;
      await m.query(`UPDATE access_requests SET status = 'ended', stage = 'ended', end_reason = $2, ended_at = $3 WHERE id = $1`, [p.processKey, p.result.endReason ?? null, e.occurredAt]);
    },
    [AccessEvents.activated]: async (m, e) => {
      const g = e.payload as GrantActivated;
      await m.query(
        `INSERT INTO grants (id, request_id, kind, holder_user_id, holder_employee_id, resource, enabled_by, starts_at, expires_at, status,
                             enforced_by, enforced_group, enforced_entry, provisioned_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10, $11, $12, $13)`,
        [g.grantId, g.requestId, g.kind, g.holderUserId, g.holderEmployeeId, g.resource, g.enabledBy, g.startsAt, g.expiresAt,
          g.enforcement ? 'directory' : (g.enforcedBy ?? null), g.enforcement?.group ?? null, g.enforcement?.entry ?? null, g.enforcement ? g.startsAt : null],
      );
      await m.query(`UPDATE access_requests SET status = 'active', stage = 'active' WHERE id = $1`, [g.requestId]);
    },
    [AccessEvents.extended]: async (m, e) => {
      const g = e.payload as GrantExtended;
      await m.query(`UPDATE grants SET expires_at = $2 WHERE id = $1`, [g.grantId, g.expiresAt]);
    },
    [AccessEvents.ended]: async (m, e) => {
      const g = e.payload as GrantEnded;
      await m.query(`UPDATE grants SET status = 'ended', ended_at = $2, ended_by = $3, end_reason = $4, end_comment = $5 WHERE id = $1`, [g.grantId, e.occurredAt, g.by, g.reason, g.comment ?? null]);
    },
  },
};

interface GrantRow {
  request_id: string;
  kind: AccessKind;
  resource: string | null;
  status: 'active' | 'ended';
}

/*
 * Commands behind the access activities; the workflow of each request is the only caller for its grant.
 * Called by activities, so a database error passes through unchanged and Temporal retries the activity
 * (translateErrors: false); the key makes the retry return the first result.
 */

const lockGrant = async (uow: UnitOfWork, grantId: string): Promise<GrantRow | undefined> =>
  (await uow.manager.query(`SELECT request_id, kind, resource, status FROM grants WHERE id = $1 FOR UPDATE`, [grantId]))[0];

export const submitAccessRequest = command(
  async (uow, p: AccessRequestSubmitted) => {
    await uow.emit({ subject: requestSubject(p.requestId), type: AccessEvents.submitted, payload: p, clauses: ACCESS_KIND_CLAUSES[p.kind] });
  },
  { actor: (p) => p.requesterUserId, translateErrors: false },
);

/**
 * The request's first two events (process.started, access_request.submitted) in one transaction, so the
 * request is in the read model, timeline and all, after a single commit. Two callers record the same
 * facts (libs/policy/access-request.ts accessRequestOpening): the API right after starting the workflow,
 * so its POST answers without waiting for a workflow task, and the workflow's first step, in case the API
 * stopped in between. Serialised per request, whichever commits second finds the request and writes only
 * what it adds: the workflow's first approval task.
 */
export const openAccessRequest = command(
  async (uow, { started, submitted: p, firstTask }: { started: ProcessStarted; submitted: AccessRequestSubmitted; firstTask?: TaskRecord }) => {
    await uow.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [requestSubject(p.requestId)]);
    const [recorded] = await uow.manager.query(`SELECT 1 FROM access_requests WHERE id = $1`, [p.requestId]);
    if (!recorded) {
      // Opened together, the start knows the request's kind, so it names the kind's clauses too.
      await uow.emit({ subject: requestSubject(p.requestId), type: ProcessEvents.started, payload: started, clauses: ACCESS_KIND_CLAUSES[p.kind] });
      await uow.emit({ subject: requestSubject(p.requestId), type: AccessEvents.submitted, payload: p, clauses: ACCESS_KIND_CLAUSES[p.kind] });
    }
    // The first approval task in the same transaction, opened by the workflow as every task is.
    if (firstTask) await uow.actingAs({ id: WORKFLOW_ACTOR }, () => openTask.inUow(uow, firstTask));
  },
  { actor: (i) => i.submitted.requesterUserId, translateErrors: false },
);

export const activateGrant = command(
  async (uow, g: GrantActivated): Promise<GrantView> => {
    await uow.emit({ subject: requestSubject(g.requestId), type: AccessEvents.activated, payload: g, clauses: ACCESS_KIND_CLAUSES[g.kind] });
    return { grantId: g.grantId, startsAt: g.startsAt, expiresAt: g.expiresAt, enabledBy: g.enabledBy, resource: g.resource };
  },
  { actor: (g) => g.enabledBy, translateErrors: false },
);

/**
 * The grant, the process step that says it is active (by the person who enabled it) and the holder's
 * notice (sent by the workflow), in one transaction: the enablement's answer waits for one write.
 */
export const activateGrantAndTell = command(
  async (uow, i: { grant: GrantActivated; step?: ProcessStepRecorded; notify?: NotificationRequest }): Promise<GrantView> => {
    const view = await activateGrant.inUow(uow, i.grant);
    if (i.step) await recordProcessStep.inUow(uow, i.step);
    const { notify } = i;
    if (notify) await uow.actingAs({ id: WORKFLOW_ACTOR }, () => sendNotification(uow, notify));
    return view;
  },
  { actor: (i) => i.grant.enabledBy, translateErrors: false },
);

/** The requester's last notice and the end of their request's process, in one transaction. */
export const finishAndTell = command(
  async (uow, i: { finished: ProcessFinished; notify: NotificationRequest }): Promise<void> => {
    await uow.actingAs({ id: WORKFLOW_ACTOR }, () => sendNotification(uow, i.notify));
    await finishProcess.inUow(uow, i.finished);
  },
  { actor: (i) => systemActor(i.finished.process), translateErrors: false },
);

/** Extends an active grant; an ended one stays ended (returns false). */
export const extendGrant = command(
  async (uow, { grantId, expiresAt, approvedBy }: { grantId: string; expiresAt: string; approvedBy: string[] }) => {
    const g = await lockGrant(uow, grantId);
    if (!g || g.status !== 'active') return false;
    await uow.emit<GrantExtended>({ subject: requestSubject(g.request_id), type: AccessEvents.extended, payload: { grantId, requestId: g.request_id, expiresAt, approvedBy }, clauses: ACCESS_KIND_CLAUSES[g.kind] });
    return true;
  },
  { actor: (i) => i.approvedBy.at(-1) ?? 'system:access_request', translateErrors: false },
);

/** Ends an active grant and returns its request and resource (a privileged ID to check in); null if already ended. */
export const endGrant = command(
  async (uow, { grantId, reason, by, comment }: { grantId: string; reason: AccessEndReason; by: string; comment: string | null }) => {
    const g = await lockGrant(uow, grantId);
    if (!g || g.status !== 'active') return null;
    const payload: GrantEnded = { grantId, requestId: g.request_id, resource: g.resource, reason, by, comment };
    await uow.emit({ subject: requestSubject(g.request_id), type: AccessEvents.ended, payload, clauses: grantEndClauses(g.kind, reason) });
    return { requestId: g.request_id, resource: g.resource };
  },
  { actor: (i) => i.by, translateErrors: false },
);

/**
 * Ends the grant and opens IT's task to switch it off by hand (a kind with no connector), opened by the
 * workflow in the same transaction: the end and the task that follows from it are one write (with
 * `finish`, the request's end and last notice as well).
 */
export const endGrantForRemoval = command(
  async (uow, i: { grantId: string; reason: AccessEndReason; by: string; comment: string | null; removalTask: TaskRecord; finish?: { finished: ProcessFinished; notify: NotificationRequest } }) => {
    const ended = await endGrant.inUow(uow, i);
    await uow.actingAs({ id: WORKFLOW_ACTOR }, () => openTask.inUow(uow, i.removalTask));
    // With nothing to do in between, the requester's last notice and the request's end go in this transaction too.
    const { finish } = i;
    if (finish) await uow.actingAs({ id: systemActor(finish.finished.process) }, () => finishAndTell.inUow(uow, finish));
    return ended;
  },
  { actor: (i) => i.by, translateErrors: false },
);
