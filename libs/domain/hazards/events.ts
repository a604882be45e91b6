import type { HazardFix, HazardReport } from '../../policy/hazards.js';

/** Every hazard is a stream `hazard:<hazardId>` (libs/policy/hazards.ts). */
export const HazardEvent = {
  Reported: 'hazard.reported',
  Fixed: 'hazard.fixed',
} as const;

/** Reported (at once, EQ-4), with the workflow that keeps its task open until it is fixed. */
export type HazardReported = HazardReport & { workflowId: string };
export type HazardFixed = HazardFix;
