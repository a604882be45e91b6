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
