import { days, MINUTE } from './durations.js';
import type { ProcessStatusBase } from './process.js';
import type { UpdateStamp } from './trust.js';

/** INF-13: every carrier of confidential information a leaving employee returns. */
export const RETURN_ITEM_KINDS = ['documents', 'materials', 'charts', 'notes', 'reports', 'letters', 'tapes', 'disks', 'instruments', 'other_media'] as const;
export type ReturnItemKind = (typeof RETURN_ITEM_KINDS)[number];

export const OFFBOARDING_STEPS = ['access_revoked', 'return_checklist', 'agent_id_retired', 'left'] as const;
export type OffboardingStep = (typeof OFFBOARDING_STEPS)[number];

/**
 * An item's way to settled: received (a lent machine-room disk first passes a virus check, INF-6), or
 * missing and then signed off by the call center manager. A refused sign-off sends it back to checking.
 * A disk whose virus check finds it infected is not received: it is quarantined until IT records it
 * cleaned or destroyed (INF-6), and the checklist, so the offboarding, stays open until then.
 */
export type ReturnItemState = 'pending' | 'virus_check' | 'received' | 'missing' | 'missing_signed_off' | 'quarantined' | 'cleaned' | 'destroyed';
export const RETURN_ITEM_STATES: readonly ReturnItemState[] = ['pending', 'virus_check', 'received', 'missing', 'missing_signed_off', 'quarantined', 'cleaned', 'destroyed'];

/** INF-6: what IT did with a quarantined (infected) disk. */
export const QUARANTINE_DISPOSITIONS = ['cleaned', 'destroyed'] as const;
export type QuarantineDisposition = (typeof QUARANTINE_DISPOSITIONS)[number];

export interface ReturnItemView {
  itemId: string;
  kind: ReturnItemKind;
  label: string;
  state: ReturnItemState;
  checkedBy: string | null;
  note: string | null;
  virusCheck: { result: 'clean' | 'infected'; by: string } | null;
  signedOffBy: string | null;
  /** INF-6: who recorded a quarantined disk cleaned or destroyed. Absent in runs recorded before the quarantine. */
  disposedBy?: string | null;
  /** INF-6: security's review of a quarantined disk (where it is held, its seal). Absent in runs recorded before it. */
  securityReview?: { by: string; heldAt: string; sealNumber: string | null; comment: string | null };
  /** INF-13: the leaver's loan from the machine-room lending register this item is (absent for other items). */
  loanId?: string;
}

export interface OffboardingSettings {
  itemDueMs: number;
  signoffDueMs: number;
  /** How often the workflow re-checks that every access request of the leaver has closed. */
  revokeCheckEveryMs: number;
  /**
   * How long a running access workflow may take to revoke when told; after that the offboarding closes the
   * request itself. Optional: inputs recorded before it existed lack it (REVOKE_TIMEOUT_MS applies).
   */
  revokeTimeoutMs?: number;
}

/** Default bound of an access workflow's own revocation during an offboarding. */
export const REVOKE_TIMEOUT_MS = 10 * MINUTE;

export const DEFAULT_OFFBOARDING_SETTINGS: OffboardingSettings = {
  itemDueMs: days(3),
  signoffDueMs: days(3),
  revokeCheckEveryMs: 5_000,
  revokeTimeoutMs: REVOKE_TIMEOUT_MS,
};

export interface OffboardingInput {
  employeeId: string;
  employeeUserId: string;
  departmentId: string;
  startedBy: string;
  /** Carriers beyond the default kinds, known when HR starts (more can be added while the checklist is open). */
  extraItems: { label: string }[];
  /** HR's reason, kept with the process. */
  reason?: string;
  settings: OffboardingSettings;
}

export interface AddReturnItemArgs extends Partial<UpdateStamp> {
  by: string;
  label: string;
  kind?: ReturnItemKind;
}

export interface OffboardingStatus extends ProcessStatusBase {
  employeeId: string;
  items: ReturnItemView[];
  agentId: string | null;
}

/** The final report: every item and who checked it (INF-13). */
export interface OffboardingResult {
  employeeId: string;
  retiredAgentId: string | null;
  items: ReturnItemView[];
  /** EQ-1, INF-9: the owners-register responsibilities the leaver held, all handed on before they left. */
  responsibilitiesHandedOver?: string[];
}

export const RETURN_ITEM_LABELS: Record<ReturnItemKind, { en: string; zh: string }> = {
  documents: { en: 'Documents', zh: '文件' },
  materials: { en: 'Materials', zh: '资料' },
  charts: { en: 'Charts', zh: '图表' },
  notes: { en: 'Notes', zh: '笔记' },
  reports: { en: 'Reports', zh: '报告' },
  letters: { en: 'Letters', zh: '信函' },
  tapes: { en: 'Tapes', zh: '磁带' },
  disks: { en: 'Disks', zh: '磁盘' },
  instruments: { en: 'Instruments', zh: '仪器' },
  other_media: { en: 'Other media', zh: '其他介质' },
};
