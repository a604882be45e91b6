import { proxyActivities } from '@temporalio/workflow';
import type { MailActivities } from '../activities/mail.activities.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';

export interface MailDeliveryInput {
  outboxId: string;
}

/**
 * Its own proxy (not workflows/activities.ts): a transient SMTP failure (4xx, the server down) is retried
 * with exponential back-off up to one try a minute, without end, so a burst queued while the server is
 * down goes out once it is back; a permanent refusal is not an error (the activity records mail.failed).
 */
const mail = proxyActivities<MailActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Delivers one mail-outbox row. The relay starts it with the workflow id `mail:<outboxId>`, so two
 * relays (two API replicas, a retry after a crash) cannot run two deliveries of one row at once; the
 * activity itself records the row sent at most once (libs/domain/mail/mail.ts deliverOutboxMail).
 * Sending never blocks the workflow that caused the notification: that one only wrote the outbox row.
 */
export async function mailDeliveryWorkflow(input: MailDeliveryInput): Promise<string> {
  refuseUnauthenticatedInput(input);
  const { result } = await mail.sendMail({ outboxId: input.outboxId });
  return result;
}
