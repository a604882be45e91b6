import { AUTHORIZATION } from '../policy/authorization.js';
import type { ReadScope } from '../policy/access.js';
import type { Role } from '../policy/roles.js';
import type { AccessEndReason, AccessKind } from '../policy/index.js';
import { notFound } from '../policy/errors.js';
import { pageWindow, type Page, type PageRequest } from './paging.js';
import { Where, type Db } from '../db/sql.js';

/** Who sees every access request: IT enables and cuts off, leadership signs, the manager oversees. */
export const ACCESS_READERS: readonly Role[] = AUTHORIZATION.accessRequests.readAll;

export interface AccessRequestRow {
  id: string;
  workflow_id: string;
  kind: AccessKind;
  requester_user_id: string;
  requester_employee_id: string | null;
  requester_name: string | null;
  department_id: string;
  justification: string;
  duration_ms: string;
  status: 'pending' | 'active' | 'ended';
  stage: string;
  end_reason: AccessEndReason | null;
  submitted_at: Date;
  ended_at: Date | null;
  grant_id: string | null;
  starts_at: Date | null;
  expires_at: Date | null;
  resource: string | null;
  enabled_by: string | null;
  enabled_by_name: string | null;
  ended_by_name: string | null;
  end_comment: string | null;
  /** The step of the task the request waits on now, if any (its `stage` is the last step recorded). */
  waiting_step: string | null;
  grant_status: 'active' | 'ended' | null;
  enforced_by: 'directory' | 'webhook' | 'manual' | null;
  deprovisioned_at: Date | null;
  /** INF-6: the machine-room computer the request named, if any. */
  computer_tag: string | null;
}

const SELECT = `
  SELECT ar.*, u.display_name AS requester_name, g.id AS grant_id, g.starts_at, g.expires_at, g.resource, g.enabled_by, eu.display_name AS enabled_by_name,
         g.status AS grant_status, g.enforced_by, g.deprovisioned_at,
         CASE WHEN g.ended_by LIKE 'system:%' THEN NULL ELSE COALESCE(xu.display_name, g.ended_by) END AS ended_by_name, g.end_comment,
         (SELECT t.step FROM tasks t WHERE t.workflow_id = ar.workflow_id AND t.status = 'open' ORDER BY t.created_at DESC LIMIT 1) AS waiting_step
    FROM access_requests ar
    LEFT JOIN users u ON u.id::text = ar.requester_user_id
    LEFT JOIN LATERAL (SELECT * FROM grants g WHERE g.request_id = ar.id ORDER BY g.starts_at DESC LIMIT 1) g ON true
    LEFT JOIN users eu ON eu.id::text = g.enabled_by
    LEFT JOIN users xu ON xu.id::text = g.ended_by`;

function scoped(w: Where, scope: ReadScope): void {
  if (scope.kind === 'all') return;
  const own = `ar.requester_user_id = ${w.p(scope.userId)}`;
  w.and(scope.kind === 'department' ? `${own} OR ar.department_id = ANY(${w.p(scope.departmentIds)}::text[])` : own);
}

export interface AccessRequestFilter extends PageRequest {
  status?: AccessRequestRow['status'];
  kind?: AccessKind;
}

/** Newest first, within the caller's scope (their own; a supervisor's department; everything for the readers). */
export async function listAccessRequests(db: Db, scope: ReadScope, f: AccessRequestFilter): Promise<Page<AccessRequestRow>> {
  const w = new Where();
  scoped(w, scope);
  if (f.status) w.and(`ar.status = ${w.p(f.status)}`);
  if (f.kind) w.and(`ar.kind = ${w.p(f.kind)}`);
  const { page, pageSize, offset } = pageWindow(f);
  const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM access_requests ar ${w}`, w.params);
  const items = await db.query(`${SELECT} ${w} ORDER BY ar.submitted_at DESC, ar.id LIMIT ${w.p(pageSize)} OFFSET ${w.p(offset)}`, w.params);
  return { items, total, page, pageSize };
}

export async function findAccessRequest(db: Db, scope: ReadScope, id: string): Promise<AccessRequestRow> {
  const w = new Where();
  w.and(`ar.id = ${w.p(id)}`);
  scoped(w, scope);
  const [row] = await db.query(`${SELECT} ${w}`, w.params);
  if (!row) throw notFound('access request', id);
  return row;
}

/**
 * SYS-5: every external network request not yet ended: active grants, and requests still in approval or
 * waiting for IT to enable them (a cut-off must stop those from becoming active afterwards).
 */
export async function openExternalNetworkRequests(db: Db): Promise<{ id: string; status: 'pending' | 'active' }[]> {
  return db.query(`SELECT id, status FROM access_requests WHERE kind = 'external_network' AND status <> 'ended' ORDER BY submitted_at, id`);
}

/** When each step of a request's approval chain was escalated (unordered, as the tasks table holds them). */
export async function escalationsOf(db: Db, workflowId: string): Promise<{ step: string; at: Date }[]> {
  return db.query(`SELECT step, escalated_at AS at FROM tasks WHERE workflow_id = $1 AND escalated_at IS NOT NULL`, [workflowId]);
}

/** The ids of a requester's access requests that have not ended, oldest first (a leaver's open requests). */
export async function openAccessRequestIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows: { id: string }[] = await db.query(`SELECT id FROM access_requests WHERE requester_user_id = $1 AND status <> 'ended' ORDER BY submitted_at`, [userId]);
  return rows.map((r) => r.id);
}
