import type { NotificationRow } from '../../../../libs/read-models/notifications.js';
import type { NotificationDto } from './dto/notification.dto.js';

export function toNotificationDto(n: NotificationRow): NotificationDto {
  const colon = n.subject.indexOf(':');
  return {
    id: n.id,
    subject: n.subject,
    subjectType: colon < 0 ? n.subject : n.subject.slice(0, colon),
    subjectId: colon < 0 ? '' : n.subject.slice(colon + 1),
    title: { en: n.title_en, zh: n.title_zh },
    body: { en: n.body_en, zh: n.body_zh },
    createdAt: n.created_at.toISOString(),
    read: n.read_at !== null,
    readAt: n.read_at ? n.read_at.toISOString() : null,
  };
}
