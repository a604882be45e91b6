import type { EventStore } from '../events/event-store.js';

/** A bot as the relay needs it: which role (and department) it repeats. */
export interface ChatRoute {
  name: string;
  role: string;
  departmentId: string | null;
}

/** How far back a relay looks for role notifications not yet handed to a bot (a restart shorter than this loses nothing). */
export const CHAT_LOOKBACK = '1 hour';

/**
 * The chat relay: claims every (notification, bot) pair not claimed yet (a notification to the bot's role,
 * in its department when it names one, from the last CHAT_LOOKBACK) and hands each to `start`, all in one
 * transaction: a failed start rolls the claims back for the next tick, and a replica claiming the same
 * pair at once waits on the primary key and then skips it.
 */
export async function relayChat(events: EventStore, routes: ChatRoute[], start: (notificationId: string, target: string) => Promise<void>): Promise<number> {
  if (routes.length === 0) return 0;
  return events.dataSource.transaction(async (m) => {
    const claimed: { notification_id: string; target: string }[] = await m.query(
      `INSERT INTO chat_deliveries (notification_id, target, claimed_at)
       SELECT n.id, t.name, now()
         FROM notifications n JOIN unnest($1::text[], $2::text[], $3::text[]) AS t(name, role, dept)
           ON n.recipient_role = t.role AND (t.dept IS NULL OR n.recipient_department_id::text = t.dept)
        WHERE n.created_at > now() - $4::interval
        ORDER BY n.created_at LIMIT 100
       ON CONFLICT DO NOTHING RETURNING notification_id::text, target`,
      [routes.map((r) => r.name), routes.map((r) => r.role), routes.map((r) => r.departmentId), CHAT_LOOKBACK],
    );
    for (const c of claimed) await start(c.notification_id, c.target);
    return claimed.length;
  });
}

export interface ChatNotification {
  title: { en: string; zh: string };
  body: { en: string; zh: string };
  subject: string;
  delivered: boolean;
  /** False while the relay's transaction that claimed this pair (and started the workflow) has not committed. */
  claimed: boolean;
}

export async function chatNotification(events: EventStore, notificationId: string, target: string): Promise<ChatNotification | null> {
  const [r] = await events.dataSource.query(
    `SELECT n.title_en, n.title_zh, n.body_en, n.body_zh, n.subject, d.delivered_at, d.target IS NOT NULL AS claimed
       FROM notifications n LEFT JOIN chat_deliveries d ON d.notification_id = n.id AND d.target = $2 WHERE n.id = $1`,
    [notificationId, target],
  );
  return r ? { title: { en: r.title_en, zh: r.title_zh }, body: { en: r.body_en, zh: r.body_zh }, subject: r.subject, delivered: r.delivered_at !== null, claimed: r.claimed } : null;
}

export async function recordChatAttempt(events: EventStore, notificationId: string, target: string, error: string | null): Promise<void> {
  await events.dataSource.query(
    error === null
      ? `UPDATE chat_deliveries SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE notification_id = $1 AND target = $2`
      : `UPDATE chat_deliveries SET attempts = attempts + 1, last_error = $3 WHERE notification_id = $1 AND target = $2`,
    error === null ? [notificationId, target] : [notificationId, target, error.slice(0, 500)],
  );
}
