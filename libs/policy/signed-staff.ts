import { PRIVILEGED_ROLES } from './account-change.js';
import { DomainError, ErrorCode } from './errors.js';
import type { AuthUser } from './roles.js';
import { text } from './text.js';

/**
 * INF-10: nobody works unsigned. An account acts as staff when it is linked to an employee record, holds
 * the `employee` role, or holds no office role at all (a bare account with a department); such an account
 * must belong to an employee who has signed the *current* agreement version before it asks for anything
 * that lets them work (access, an agent ID's use). An account holding only office roles, acting in its
 * office (HR, a supervisor, IT, an auditor), is exempt: those roles are granted only by two people (four
 * eyes, INF-9), and their holders' own access is the office's.
 */
export const actsAsStaff = (user: Pick<AuthUser, 'roles' | 'employeeId'>): boolean =>
  user.employeeId !== null || user.roles.includes('employee') || !user.roles.some((r) => PRIVILEGED_ROLES.includes(r));

export type AgreementStanding = { signed: true } | { signed: false; why: 'no_employee' | 'unsigned' | 'old_version'; signedVersion: string | null };

/** Where the account stands, from its employee link and the latest version that employee signed. */
export function agreementStanding(employeeId: string | null, signedVersions: readonly string[], currentVersion: string): AgreementStanding {
  if (employeeId === null) return { signed: false, why: 'no_employee', signedVersion: null };
  if (signedVersions.includes(currentVersion)) return { signed: true };
  return { signed: false, why: signedVersions.length ? 'old_version' : 'unsigned', signedVersion: signedVersions[0] ?? null };
}

const MESSAGES = {
  no_employee: text(
    'INF-10: this account is not linked to an employee record, so no signed agreement can be found. Ask HR to link it to your employee record and start your onboarding; sign the confidentiality agreement there, then ask again.',
    'INF-10：该账号未关联员工档案，无法确认已签署协议。请联系人力资源部将账号关联到您的员工档案并启动入职流程，在其中签署保密协议后再申请。',
  ),
  unsigned: text(
    'INF-10: you have not signed the confidentiality and non-compete agreement. Ask HR to start your onboarding and sign the agreement there, then ask again.',
    'INF-10：您尚未签署保密及竞业限制协议。请联系人力资源部启动入职流程，在其中签署协议后再申请。',
  ),
  old_version: text(
    'INF-10: you signed an earlier version of the confidentiality agreement. Ask HR to start your onboarding for the current version and sign it, then ask again.',
    'INF-10：您签署的是旧版保密协议。请联系人力资源部为当前版本启动入职流程并签署后再申请。',
  ),
};

/** The 403 for an account that would work unsigned: the English message, and both languages in details. */
export function unsignedRefusal(standing: Exclude<AgreementStanding, { signed: true }>, currentVersion: string): DomainError {
  const message = MESSAGES[standing.why];
  return new DomainError(ErrorCode.Forbidden, message.en, { reason: `agreement_${standing.why}`, clause: 'INF-10', currentVersion, signedVersion: standing.signedVersion, message });
}
