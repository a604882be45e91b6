import type { AccessRequestRow } from '../../../../libs/read-models/access-requests.js';
import type { DecisionRow } from '../../../../libs/read-models/tasks.js';
import type { AccessRequestDto, AccessViewStatus, TimelineEntryDto } from './dto/access-request.dto.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** One word for the inbox: an ended request is rejected, expired, revoked, or cancelled before any grant. */
function statusOf(r: AccessRequestRow): AccessViewStatus {
  if (r.status !== 'ended') return r.status;
  switch (r.end_reason) {
    case 'rejected':
    case 'not_enabled':
      return 'rejected';
    case 'expired':
      return 'expired';
    default:
      return r.grant_id ? 'revoked' : 'cancelled';
  }
}

const DECISION_TYPES: Record<string, string> = { approve: 'approved', reject: 'rejected', done: 'enabled', expired: 'expired', cancelled: 'cancelled' };

export interface TimelineFacts {
  decisions: DecisionRow[];
  escalations: { step: string; at: Date }[];
}

function timelineOf(r: AccessRequestRow, f: TimelineFacts): TimelineEntryDto[] {
  const entries: TimelineEntryDto[] = [
    { at: r.submitted_at.toISOString(), type: 'requested', actorName: r.requester_name, stage: null, comment: r.justification },
    ...f.escalations.map((e) => ({ at: e.at.toISOString(), type: 'escalated', actorName: null, stage: e.step, comment: null })),
    ...f.decisions.map((d) => ({ at: d.decided_at.toISOString(), type: DECISION_TYPES[d.outcome] ?? d.outcome, actorName: d.decider_name ?? d.decided_by, stage: d.step, comment: d.comment })),
  ];
  if (r.ended_at && r.end_reason && !['rejected', 'not_enabled'].includes(r.end_reason)) {
    // Who ended it early and why (a revoke, the SYS-5 cut-off); expiry is the system's own.
    entries.push({ at: r.ended_at.toISOString(), type: r.end_reason, actorName: r.ended_by_name, stage: null, comment: r.end_comment });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

export function toAccessRequestDto(r: AccessRequestRow, timeline?: TimelineFacts): AccessRequestDto {
  return {
    id: r.id,
    kind: r.kind,
    status: statusOf(r),
    endReason: r.end_reason,
    // While pending, the stage is the one it waits on (the open task), not the last one passed.
    stage: r.status === 'pending' ? (r.waiting_step ?? r.stage) : r.stage,
    requesterId: r.requester_user_id,
    requesterName: r.requester_name,
    departmentId: r.department_id,
    justification: r.justification,
    durationMinutes: Math.round(Number(r.duration_ms) / 60_000),
    createdAt: r.submitted_at.toISOString(),
    enabledAt: iso(r.starts_at),
    enabledBy: r.enabled_by,
    enabledByName: r.enabled_by_name,
    expiresAt: iso(r.expires_at),
    resource: r.resource,
    workflowId: r.workflow_id,
    computerTag: r.computer_tag ?? null,
    enforcedBy: r.enforced_by ?? null,
    removalPending: r.grant_status === 'ended' && r.enforced_by !== null && r.enforced_by !== undefined && !r.deprovisioned_at,
    ...(timeline ? { timeline: timelineOf(r, timeline) } : {}),
  };
}
