import { randomUUID } from 'node:crypto';
import {
  DEFAULT_ACCESS_SETTINGS,
  DEFAULT_OFFBOARDING_SETTINGS,
  DEFAULT_ONBOARDING_SETTINGS,
  days,
  type AccessRequestInput,
  type OffboardingInput,
  type OnboardingInput,
} from '../../libs/policy/index.js';

/** The people of the workflow tests: department dep-1 (supervisor sup1) and dep-2 (supervisor sup2). */
export const DEP1 = 'dep-1';
export const DEP2 = 'dep-2';

export function accessInput(over: Partial<AccessRequestInput> = {}): AccessRequestInput {
  return {
    requestId: randomUUID(),
    kind: 'external_network',
    requester: { userId: 'agent1', employeeId: 'emp-agent1', departmentId: DEP1 },
    justification: 'research for the outbound campaign',
    durationMs: days(30),
    settings: DEFAULT_ACCESS_SETTINGS,
    ...over,
  };
}

export const AGREEMENT = { version: '2026-01', textHash: 'a'.repeat(64) };

export function onboardingInput(over: Partial<OnboardingInput> = {}): OnboardingInput {
  return {
    employeeId: randomUUID(),
    employeeUserId: `user-${randomUUID()}`,
    departmentId: DEP1,
    startedBy: 'hr1',
    agreement: AGREEMENT,
    settings: DEFAULT_ONBOARDING_SETTINGS,
    ...over,
  };
}

export function offboardingInput(over: Partial<OffboardingInput> = {}): OffboardingInput {
  return {
    employeeId: randomUUID(),
    employeeUserId: 'agent1',
    departmentId: DEP1,
    startedBy: 'hr1',
    extraItems: [],
    settings: DEFAULT_OFFBOARDING_SETTINGS,
    ...over,
  };
}
