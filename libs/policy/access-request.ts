import type { Role } from './roles.js';
import { days, hours } from './durations.js';
import type { ProcessStatusBase } from './process.js';
import { text, type LocalizedText } from './text.js';
import type { TaskKind } from './tasks.js';

export const ACCESS_KINDS = ['external_network', 'special_agent_id', 'usb_media'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** What each kind is called in the texts people read (task summaries, notifications). */
export const ACCESS_KIND_NAMES: Record<AccessKind, LocalizedText> = {
  external_network: text('external network access', '外网访问'),
  special_agent_id: text('special agent ID use', '特殊坐席工号使用'),
  usb_media: text('USB storage unlock', 'U 盘解锁'),
};

export const ACCESS_STEPS = [
  'submitted',
  'supervisor_review',
  'leadership_signoff',
  'it_enable',
  'superior_review',
  'cc_manager_approval',
  'privileged_checkout',
  'it_unlock',
  'active',
  'extension',
  'ended',
] as const;
export type AccessStep = (typeof ACCESS_STEPS)[number];

/** One approval or execution stage: who acts, who it escalates to, what it is called. */
export interface AccessStage {
  step: AccessStep;
  kind: Extract<TaskKind, 'approval' | 'it_action'>;
  /** The role that decides; `department` limits it to the requester's department. */
  role: Role;
  department: boolean;
  escalateTo: Role;
  /** Stages that run again when the holder asks for an extension. */
  repeatOnExtension: boolean;
  title: LocalizedText;
}

const stage = (s: AccessStage): AccessStage => s;

/** The chains of docs/policy.md; the clause id leads every title so an inbox item names its rule. */
export const ACCESS_STAGES: Record<AccessKind, AccessStage[]> = {
  // SYS-1: the department supervisor reviews, leadership signs, then one IT person enables.
  external_network: [
    stage({ step: 'supervisor_review', kind: 'approval', role: 'supervisor', department: true, escalateTo: 'cc_manager', repeatOnExtension: true, title: text('SYS-1: Review an external network access request', 'SYS-1：审核外网访问申请') }),
    stage({ step: 'leadership_signoff', kind: 'approval', role: 'leadership', department: false, escalateTo: 'leadership', repeatOnExtension: true, title: text('SYS-1: Sign off an external network access request', 'SYS-1：签批外网访问申请') }),
    stage({ step: 'it_enable', kind: 'it_action', role: 'it', department: false, escalateTo: 'cc_manager', repeatOnExtension: false, title: text('SYS-1: Enable approved external network access', 'SYS-1：开通已批准的外网访问') }),
  ],
  // INF-12, AID-2: the superior approves, the call center manager (who holds privileged IDs) releases one.
  special_agent_id: [
    stage({ step: 'superior_review', kind: 'approval', role: 'supervisor', department: true, escalateTo: 'leadership', repeatOnExtension: true, title: text('INF-12: Review a special agent-ID use request', 'INF-12：审核特殊工号使用申请') }),
    stage({ step: 'cc_manager_approval', kind: 'approval', role: 'cc_manager', department: false, escalateTo: 'leadership', repeatOnExtension: true, title: text('AID-2: Approve the use of a privileged agent ID', 'AID-2：批准使用特权工号') }),
  ],
  // INF-6: approval, then one computer-maintenance person lifts the USB block.
  usb_media: [
    stage({ step: 'supervisor_review', kind: 'approval', role: 'supervisor', department: true, escalateTo: 'cc_manager', repeatOnExtension: true, title: text('INF-6: Review a USB / removable media unlock request', 'INF-6：审核 USB/移动介质解锁申请') }),
    stage({ step: 'it_unlock', kind: 'it_action', role: 'it', department: false, escalateTo: 'cc_manager', repeatOnExtension: false, title: text('INF-6: Unlock USB for an approved request', 'INF-6：为已批准的申请解锁 USB') }),
  ],
};

export interface AccessSettings {
  /** Longest window per kind (the API refuses longer ones; the workflow refuses them too). */
  maxDurationMs: Record<AccessKind, number>;
  /**
   * Shortest window; one hour when absent (the API never sets it, and inputs recorded before it existed
   * lack it). Only the benchmark starts workflows with less, to watch grants expire within a run
   * (bench/scenarios/expiry-precision.ts).
   */
  minDurationMs?: number;
  /** The holder is reminded this long before expiry (or halfway, for shorter windows). */
  reminderBeforeMs: number;
  /** A stage escalates after stageDueMs and is rejected automatically after stageDeadlineMs. */
  stageDueMs: number;
  stageDeadlineMs: number;
}

export const DEFAULT_ACCESS_SETTINGS: AccessSettings = {
  maxDurationMs: { external_network: days(90), special_agent_id: days(7), usb_media: days(14) },
  reminderBeforeMs: days(1),
  stageDueMs: days(2),
  stageDeadlineMs: days(7),
};

export interface AccessRequestInput {
  requestId: string;
  kind: AccessKind;
  requester: { userId: string; employeeId: string | null; departmentId: string };
  justification: string;
  /** The window asked for; its clock starts at enablement, not at request (SYS-1). */
  durationMs: number;
  settings: AccessSettings;
  /** INF-6: the machine-room computer a USB unlock or Internet request is for, checked against the inventory by the API. */
  computerTag?: string | null;
}

/** The stage a request is in from its submission until its first approval task opens. */
export const ACCESS_SUBMITTED_STAGE = 'submitted';

/**
 * The facts of a request's first two events (process.started, access_request.submitted). The API records
 * them right after starting the workflow, so the POST is answered without waiting for a workflow task;
 * the workflow's first step records the same facts, in case the API stopped in between. Built here, once,
 * so both write the same thing and whichever commits second adds nothing (libs/domain/access).
 */
export function accessRequestOpening(input: AccessRequestInput, workflowId: string) {
  const { requester } = input;
  return {
    started: {
      employeeId: requester.employeeId, subjectUserId: requester.userId, departmentId: requester.departmentId, startedBy: requester.userId,
      process: 'access_request' as const, processKey: input.requestId, workflowId, stage: ACCESS_SUBMITTED_STAGE,
    },
    submitted: {
      requestId: input.requestId, workflowId, kind: input.kind, requesterUserId: requester.userId, requesterEmployeeId: requester.employeeId,
      departmentId: requester.departmentId, justification: input.justification, durationMs: input.durationMs,
      // INF-6: the computer it is for, recorded with the submission (no command of its own: runs replay unchanged).
      ...(input.computerTag ? { computerTag: input.computerTag } : {}),
    },
  };
}

export interface RevokeRequest {
  by: string;
  reason: string;
}

export interface ExtendRequest {
  by: string;
  extraMs: number;
  reason: string;
}

export type AccessEndReason = 'rejected' | 'expired' | 'revoked' | 'emergency_cut_off' | 'not_enabled';

export interface GrantView {
  grantId: string;
  startsAt: string;
  expiresAt: string;
  enabledBy: string;
  /** The privileged agent ID checked out, for special_agent_id. */
  resource: string | null;
}

export interface AccessRequestStatus extends ProcessStatusBase {
  kind: AccessKind;
  grant: GrantView | null;
  extensionPending: boolean;
  endReason: AccessEndReason | null;
}

export interface AccessRequestResult {
  requestId: string;
  endReason: AccessEndReason;
  grant: GrantView | null;
}

/** Shared by the API (400) and the workflow (refuses to start): a window must fit the kind's maximum. */
export function checkAccessDuration(kind: AccessKind, ms: number, settings: AccessSettings): string | null {
  const min = settings.minDurationMs ?? hours(1);
  if (!Number.isInteger(ms) || ms < min) return min === hours(1) ? 'the duration must be at least one hour' : `the duration must be at least ${min / 1000} seconds`;
  if (ms > settings.maxDurationMs[kind]) return `the duration may not exceed ${settings.maxDurationMs[kind] / days(1)} days for ${kind}`;
  return null;
}
