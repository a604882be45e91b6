import { text } from '../../policy/text.js';
import type { UnitOfWork } from '../events/event-store.js';
import { sendNotification } from '../notifications/notifications.js';

/** The responsibilities a person is named for, as owner or deputy (EQ-1, EQ-3, INF-9). */
export async function responsibilitiesHeldBy(uow: Pick<UnitOfWork, 'manager'>, userId: string): Promise<{ key: string; name_en: string; name_zh: string; as: 'owner' | 'deputy' }[]> {
  return uow.manager.query(
    `SELECT key, name_en, name_zh, CASE WHEN owner_user_id::text = $1 THEN 'owner' ELSE 'deputy' END AS as
       FROM responsibilities WHERE owner_user_id::text = $1 OR deputy_user_id::text = $1 ORDER BY key`,
    [userId],
  );
}

/**
 * EQ-1, INF-9: an account that is deactivated (a leaver's lock, or an administrator's) and is named in
 * the register leaves those responsibilities without an active holder; the call center manager, who
 * keeps the register, is told in the same transaction which ones to hand on. Nothing when they hold none.
 */
export async function noticeResponsibilitiesToHandOver(uow: UnitOfWork, user: { id: string; username: string }, subject: string): Promise<void> {
  const held = await responsibilitiesHeldBy(uow, user.id);
  if (!held.length) return;
  await sendNotification(uow, {
    subject,
    recipients: [{ role: 'cc_manager', departmentId: null }],
    title: text(`EQ-1, INF-9: ${user.username} is no longer active: hand on their responsibilities`, `EQ-1、INF-9：${user.username} 已停用，请移交其职责`),
    body: text(
      held.map((r) => `${r.name_en} (${r.key}): they are its ${r.as}; name someone else.`).join('\n'),
      held.map((r) => `${r.name_zh}（${r.key}）：其为${r.as === 'owner' ? '负责人' : '代理人'}，请另行指定。`).join('\n'),
    ),
  });
}
