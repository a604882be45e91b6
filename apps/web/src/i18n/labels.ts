import type { TFunction } from 'i18next';
import { ApiError } from '../api/index.js';
import type { ApiErrorCode, Bilingual } from '../api/index.js';
import i18n, { currentLanguage, tk } from './index.js';

/*
 * Values that come from the API (statuses, kinds, roles, error codes) are shown through these tables.
 * A value the table does not know yet is shown as itself inside a translated frame ("Other: x"), never
 * as a bare catalog key.
 */
type Table = Record<string, string>;

function label(t: TFunction, table: Table, value: string | null | undefined): string {
  if (!value) return t('common.none');
  const key = table[value];
  return key ? t(key) : t('common.otherValue', { value });
}

const roles: Table = {
  employee: tk('role.employee'),
  supervisor: tk('role.supervisor'),
  leadership: tk('role.leadership'),
  it: tk('role.it'),
  cc_manager: tk('role.cc_manager'),
  site_manager: tk('role.site_manager'),
  id_admin: tk('role.id_admin'),
  hr: tk('role.hr'),
  security: tk('role.security'),
  auditor: tk('role.auditor'),
};

const accessKinds: Table = {
  external_network: tk('accessKind.external_network'),
  special_agent_id: tk('accessKind.special_agent_id'),
  usb_media: tk('accessKind.usb_media'),
};

const accessKindHelp: Table = {
  external_network: tk('accessKind.external_network_help'),
  special_agent_id: tk('accessKind.special_agent_id_help'),
  usb_media: tk('accessKind.usb_media_help'),
};

const statuses: Table = {
  pending: tk('status.pending'),
  approved: tk('status.approved'),
  active: tk('status.active'),
  rejected: tk('status.rejected'),
  expired: tk('status.expired'),
  revoked: tk('status.revoked'),
  cancelled: tk('status.cancelled'),
  open: tk('status.open'),
  decided: tk('status.decided'),
  running: tk('status.running'),
  completed: tk('status.completed'),
  started: tk('status.started'),
  failed: tk('status.failed'),
  skipped: tk('status.skipped'),
  received: tk('status.received'),
  missing: tk('status.missing'),
  virus_check: tk('status.virus_check'),
  missing_signed_off: tk('status.missing_signed_off'),
  quarantined: tk('status.quarantined'),
  cleaned: tk('status.cleaned'),
  destroyed: tk('status.destroyed'),
  leaving: tk('status.leaving'),
  left: tk('status.left'),
};

const outcomes: Table = {
  approve: tk('outcome.approve'),
  approved: tk('outcome.approve'),
  reject: tk('outcome.reject'),
  rejected: tk('outcome.reject'),
  done: tk('outcome.done'),
  requested: tk('timeline.requested'),
  enabled: tk('timeline.enabled'),
  extended: tk('timeline.extended'),
  extension_requested: tk('timeline.extension_requested'),
  revoked: tk('timeline.revoked'),
  expired: tk('timeline.expired'),
  escalated: tk('timeline.escalated'),
  reminded: tk('timeline.reminded'),
  emergency_cut_off: tk('timeline.emergency_cut_off'),
  cancelled: tk('status.cancelled'),
  received: tk('status.received'),
  missing: tk('status.missing'),
};


/** Steps of the processes (libs/policy: onboarding, offboarding, access request, account change). */
const steps: Table = {
  created: tk('step.created'),
  agreement: tk('step.agreement'),
  agent_id: tk('step.agent_id'),
  it_setup: tk('step.it_setup'),
  fire_safety: tk('step.fire_safety'),
  active: tk('step.active'),
  cancelled: tk('step.cancelled'),
  access_revoked: tk('step.access_revoked'),
  return_checklist: tk('step.return_checklist'),
  agent_id_retired: tk('step.agent_id_retired'),
  left: tk('step.left'),
  submitted: tk('step.submitted'),
  supervisor_review: tk('step.supervisor_review'),
  leadership_signoff: tk('step.leadership_signoff'),
  it_enable: tk('step.it_enable'),
  superior_review: tk('step.superior_review'),
  cc_manager_approval: tk('step.cc_manager_approval'),
  privileged_checkout: tk('step.privileged_checkout'),
  it_unlock: tk('step.it_unlock'),
  extension: tk('step.extension'),
  ended: tk('step.ended'),
  account_change_approval: tk('step.account_change_approval'),
};

const endReasons: Table = {
  rejected: tk('endReason.rejected'),
  expired: tk('endReason.expired'),
  revoked: tk('endReason.revoked'),
  emergency_cut_off: tk('endReason.emergency_cut_off'),
  not_enabled: tk('endReason.not_enabled'),
};

const taskKinds: Table = {
  approval: tk('taskKind.approval'),
  it_action: tk('taskKind.it_action'),
  agreement: tk('taskKind.agreement'),
  acknowledgement: tk('taskKind.acknowledgement'),
  account_setup: tk('taskKind.account_setup'),
  return_item: tk('taskKind.return_item'),
  virus_check: tk('taskKind.virus_check'),
  signoff: tk('taskKind.signoff'),
  power_off_check: tk('taskKind.power_off_check'),
  shift_handover: tk('taskKind.shift_handover'),
  doors_windows_check: tk('taskKind.doors_windows_check'),
  extinguisher_check: tk('taskKind.extinguisher_check'),
  fire_training: tk('taskKind.fire_training'),
  backup_record: tk('taskKind.backup_record'),
  power_inspection: tk('taskKind.power_inspection'),
  hazard_fix: tk('taskKind.hazard_fix'),
  computer_locks_check: tk('taskKind.computer_locks_check'),
  equipment_check: tk('taskKind.equipment_check'),
  notes_handin: tk('taskKind.notes_handin'),
  notes_receipt: tk('taskKind.notes_receipt'),
  quarantine_disposal: tk('taskKind.quarantine_disposal'),
  quarantine_review: tk('taskKind.quarantine_review'),
  handover: tk('taskKind.handover'),
  rules_acknowledgement: tk('taskKind.rules_acknowledgement'),
};

const itemKinds: Table = {
  documents: tk('item.documents'),
  materials: tk('item.materials'),
  charts: tk('item.charts'),
  notes: tk('item.notes'),
  reports: tk('item.reports'),
  letters: tk('item.letters'),
  tapes: tk('item.tapes'),
  disks: tk('item.disks'),
  instruments: tk('item.instruments'),
  other_media: tk('item.other_media'),
};

export const roleLabel = (t: TFunction, v: string | null | undefined) => label(t, roles, v);
export const accessKindLabel = (t: TFunction, v: string | null | undefined) => label(t, accessKinds, v);
export const accessKindHelpText = (t: TFunction, v: string) => label(t, accessKindHelp, v);
export const statusLabel = (t: TFunction, v: string | null | undefined) => label(t, statuses, v);
export const outcomeLabel = (t: TFunction, v: string | null | undefined) => label(t, outcomes, v);
export const endReasonLabel = (t: TFunction, v: string | null | undefined) => label(t, endReasons, v);
export const stepLabel = (t: TFunction, v: string | null | undefined) => label(t, steps, v);
export const taskKindLabel = (t: TFunction, v: string | null | undefined) => label(t, taskKinds, v);
/**
 * A checklist item: the default kinds (INF-13) are translated; an item HR added carries its own label.
 * Default items arrive labelled in English, so a label equal to the kind's English name is the default.
 */
export function itemLabel(t: TFunction, kind: string, own?: string | null): string {
  const key = itemKinds[kind];
  if (key && (!own || own === i18n.getFixedT('en')(key))) return t(key);
  return own || label(t, itemKinds, kind);
}

/** Server texts that come in both languages (task titles). */
export function bilingual(text: Bilingual | string | null | undefined): string {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return currentLanguage() === 'en' ? text.en : text.zh;
}

/** Every code the API can answer (a missing translation is a type error), and the two the web app makes itself. */
const errorCodes: Record<ApiErrorCode | 'INVALID_CREDENTIALS' | 'NETWORK', string> & Table = {
  VALIDATION_FAILED: tk('error.VALIDATION_FAILED'),
  UNAUTHENTICATED: tk('error.UNAUTHENTICATED'),
  INVALID_CREDENTIALS: tk('error.INVALID_CREDENTIALS'),
  FORBIDDEN: tk('error.FORBIDDEN'),
  NOT_FOUND: tk('error.NOT_FOUND'),
  CONFLICT: tk('error.CONFLICT'),
  ALREADY_DECIDED: tk('error.ALREADY_DECIDED'),
  SEPARATION_OF_DUTIES: tk('error.SEPARATION_OF_DUTIES'),
  RATE_LIMITED: tk('error.RATE_LIMITED'),
  SERVICE_UNAVAILABLE: tk('error.SERVICE_UNAVAILABLE'),
  DECISION_LINK_GONE: tk('error.DECISION_LINK_GONE'),
  REAUTHENTICATION_REQUIRED: tk('error.REAUTHENTICATION_REQUIRED'),
  NETWORK: tk('error.NETWORK'),
  INTERNAL: tk('error.INTERNAL'),
  HTTP_ERROR: tk('error.HTTP_ERROR'),
};

/**
 * What a person reads when a call fails: the translated meaning of the API's error code. The server's
 * English message (which names the bad field or what to fix) is shown as a detail by ErrorMessage.
 */
export function errorText(t: TFunction, e: unknown): string {
  if (e instanceof ApiError) {
    const key = errorCodes[e.code];
    return key ? t(key) : t('error.unknown', { code: e.code });
  }
  return t('error.unexpected');
}
