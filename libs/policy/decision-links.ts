import { days, MINUTE } from './durations.js';
import { DomainError, ErrorCode } from './errors.js';
import { text, type LocalizedText } from './text.js';

/**
 * Decision links and re-authentication: the pure rules (the domain in libs/domain/mail/decision-links.ts,
 * the route in apps/api/src/decision-links).
 *
 * A task mail to one person carries a link `/d/<token>` that leads that person, once signed in, to the
 * task's own page. The link never decides: redeeming it (an authenticated POST) only says which task to
 * open, and the decision is the task page's, through the same route and rules as the inbox (SYS-1,
 * INF-6, INF-12 separation of duties included). It works once, for the person it was sent to, while the
 * task is open and still theirs, and until the task's deadline.
 */

/** A link to a task without a deadline lasts this long at most. */
export const DECISION_LINK_LONGEST_MS = days(30);

/** How long a re-authentication (the password typed again) allows a privileged decision. */
export const REAUTHENTICATION_WINDOW_MS = 5 * MINUTE;

/** `<link id (uuid)>.<HMAC-SHA256 of the id, base64url, 43 characters>`: the only shape a token has. */
export const DECISION_TOKEN_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9_-]{43}$/;

/** The web app's page that redeems a token. */
export const decisionLinkPath = (token: string): string => `/d/${token}`;

export type DecisionLinkGoneReason = 'used' | 'expired' | 'closed' | 'not_yours';

const GONE: Record<DecisionLinkGoneReason, LocalizedText> = {
  used: text('This link has already been used. Open the task from your inbox.', '此链接已被使用。请从待办中打开该任务。'),
  expired: text('This link has expired. Open the task from your inbox.', '此链接已过期。请从待办中打开该任务。'),
  closed: text('This task has already been decided or closed; the link no longer works.', '此任务已处理或已关闭，链接已失效。'),
  not_yours: text('This task is no longer yours to decide (it was reassigned or taken by someone else); the link no longer works.', '此任务已不再由您处理（已转派或已被他人领取），链接已失效。'),
};

/** 410: the link existed and was the caller's, but leads nowhere any more. */
export function decisionLinkGone(reason: DecisionLinkGoneReason): DomainError {
  return new DomainError(ErrorCode.DecisionLinkGone, GONE[reason].en, { reason, message: GONE[reason] });
}

/** 404: a token that is not one of ours (its signature does not match, or no such link); which part failed is not said. */
export const decisionLinkInvalid = (): DomainError =>
  new DomainError(ErrorCode.NotFound, 'this is not a valid decision link', { message: text('This is not a valid decision link.', '这不是有效的审批链接。') });

/** 403: signed in as someone else than the person the link was sent to. */
export const decisionLinkNotForYou = (): DomainError =>
  new DomainError(ErrorCode.Forbidden, 'this link was sent to someone else: sign in as that person, or open your own inbox', {
    reason: 'other_person',
    message: text('This link was sent to someone else. Sign in as that person, or open your own inbox.', '此链接是发给其他人的。请以该人员身份登录，或打开您自己的待办。'),
  });

/**
 * Privileged items: a decision on a special agent-ID request (INF-12, AID-2: a privileged ID is lent)
 * and the emergency cut-off (SYS-5) need the password typed again within REAUTHENTICATION_WINDOW_MS, so a
 * session left open on a shared workstation, or a link opened on the wrong screen, cannot make them.
 */
export function isPrivilegedTask(t: { process: string; context: { details?: Record<string, unknown> } }): boolean {
  return t.process === 'access_request' && t.context.details?.kind === 'special_agent_id';
}

/** Whether a re-authentication at `at` (ms since the epoch, from the access token) still covers `now`. */
export const recentlyReauthenticated = (at: number | undefined, now: number): boolean => at !== undefined && at <= now + 1000 && now - at <= REAUTHENTICATION_WINDOW_MS;

export function reauthenticationRequired(): DomainError {
  const message = text('Type your password again to make this decision (POST /api/auth/reauthenticate); it counts for 5 minutes.', '请再次输入密码以作出此决定；验证在 5 分钟内有效。');
  return new DomainError(ErrorCode.ReauthenticationRequired, message.en, { message });
}
