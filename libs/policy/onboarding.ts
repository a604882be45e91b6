import { days } from './durations.js';
import type { ProcessStatusBase } from './process.js';

export const ONBOARDING_STEPS = ['created', 'agreement', 'agent_id', 'it_setup', 'fire_safety', 'active', 'cancelled'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/** The agreement text the employee must sign (INF-10, INF-11): its version and a SHA-256 of its text. */
export interface AgreementRef {
  version: string;
  textHash: string;
}

export interface OnboardingSettings {
  /** HR is told when the agreement is still unsigned after this long (configurable, INF-10). */
  agreementEscalateAfterMs: number;
  /** Unsigned after this long: the onboarding is cancelled. */
  agreementDeadlineMs: number;
  taskDueMs: number;
}

export const DEFAULT_ONBOARDING_SETTINGS: OnboardingSettings = {
  agreementEscalateAfterMs: days(3),
  agreementDeadlineMs: days(30),
  taskDueMs: days(2),
};

export interface OnboardingInput {
  employeeId: string;
  /** The employee's own account: they sign and acknowledge themselves. */
  employeeUserId: string;
  departmentId: string;
  startedBy: string;
  agreement: AgreementRef;
  settings: OnboardingSettings;
}

export interface OnboardingStatus extends ProcessStatusBase {
  employeeId: string;
  agreement: (AgreementRef & { signedAt: string; signedBy: string }) | null;
  agentId: string | null;
  workstationIp: string | null;
}

export interface OnboardingResult {
  employeeId: string;
  state: 'active' | 'cancelled';
  agentId: string | null;
  workstationIp: string | null;
}
