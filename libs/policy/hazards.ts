import type { ClauseId } from './clauses.js';
import type { Role } from './roles.js';

/**
 * Hazards (EQ-2, EQ-4): found on an inspection or an agent's equipment check, reported at once, a task
 * for the machine-room managers (`site_manager`, escalated to the call-center manager) that stays open
 * until someone records how it was removed. Pure data shared by the API, the workflow and the tests.
 */
export const HAZARD_TEXT_MAX = 500;
export const HAZARD_STATES = ['open', 'fixed'] as const;
export type HazardState = (typeof HAZARD_STATES)[number];
/** Where it was found: an EQ-2 inspection of power and wiring, or an EQ-4 end-of-work equipment check. */
export const HAZARD_FOUND_DURING = ['inspection', 'equipment_check'] as const;
export type HazardFoundDuring = (typeof HAZARD_FOUND_DURING)[number];
export const HAZARD_CLAUSES: Record<HazardFoundDuring, ClauseId[]> = { inspection: ['EQ-2'], equipment_check: ['EQ-4'] };

export const hazardSubject = (hazardId: string): string => `hazard:${hazardId}`;
export const hazardWorkflowId = (hazardId: string): string => `hazard-${hazardId}`;

/** A hazard as reported: by whom, what, and the duty occurrence it was found on (if any). */
export interface HazardReport {
  hazardId: string;
  description: string;
  reportedBy: string;
  dutyId: string | null;
  occurrenceId: string | null;
  clauses: ClauseId[];
  /**
   * Who removes it: the machine-room managers (`site_manager`, absent) for EQ-2 and EQ-4; general
   * affairs (`security`, docs/policy.md "Roles": guards, general affairs) for an EQ-7 door or window anomaly.
   */
  to?: Role;
}

/** Its fix as recorded: who, when, how. */
export interface HazardFix {
  hazardId: string;
  by: string;
  at: string;
  howFixed: string;
}
