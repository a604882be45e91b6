import type { RoleScope } from './tasks.js';
import type { LocalizedText } from './text.js';

/** Who a notification goes to: one person, or everyone holding a role (in a department, if given). */
export type Recipient = { userId: string } | RoleScope;

export interface NotificationRequest {
  /** The event-log subject it is about, e.g. "access-request:<id>". */
  subject: string;
  recipients: Recipient[];
  title: LocalizedText;
  body: LocalizedText;
}

/**
 * What a notification is about, for a person's mail preferences: a new task for them (or their role), a
 * task past its due time (escalation), a reminder before a grant expires, a decision on their request,
 * the end of a grant (expiry, revocation, the SYS-5 cut-off), anything else.
 */
export const NOTIFICATION_KINDS = ['task', 'escalation', 'reminder', 'decision', 'grant_ended', 'other'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Mail digest: one mail per period listing what is pending, instead of one per notification. */
export const MAIL_DIGESTS = ['off', 'hourly', 'daily'] as const;
export type MailDigest = (typeof MAIL_DIGESTS)[number];
