import { OUTCOMES, TASK_FORMS } from '../../../../libs/policy/index.js';
import { agreementText } from '../../../../libs/domain/onboarding/agreement.js';
import { rulesText } from '../../../../libs/domain/onboarding/rules.js';
import type { DecisionRow, TaskRow } from '../../../../libs/read-models/tasks.js';
import type { DecisionDto, TaskDto } from './dto/task.dto.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The task's context in the inbox's words: the facts of the request plus, for an agreement, its text. */
function contextOf(t: TaskRow, names: Record<string, string>): Record<string, unknown> {
  const c = t.context;
  const d = c.details;
  return {
    ...d,
    summary: c.summary,
    subjectUserId: c.subjectUserId,
    subjectName: c.subjectUserId ? (names[c.subjectUserId] ?? null) : null,
    requestedBy: c.requestedBy,
    requesterName: c.requestedBy ? (names[c.requestedBy] ?? null) : null,
    ...(typeof d.durationMs === 'number' ? { durationMinutes: Math.round(d.durationMs / 60_000) } : {}),
    ...(typeof d.label === 'string' ? { itemLabel: d.label, itemKind: d.kind } : {}),
    ...(t.kind === 'agreement' && t.expected?.agreementVersion ? { agreementText: agreementText(t.expected.agreementVersion) } : {}),
    ...(t.kind === 'rules_acknowledgement' && t.expected?.rulesVersion ? { rulesText: rulesText(t.expected.rulesVersion) } : {}),
  };
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
