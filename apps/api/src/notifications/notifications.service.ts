import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { markNotificationRead } from '../../../../libs/domain/notifications/notifications.js';
import { findMyNotification, listMyNotifications, type Recipient } from '../../../../libs/read-models/notifications.js';
import { EVENT_STORE } from '../core/tokens.js';
import type { NotificationDto, NotificationPageDto, NotificationQueryDto } from './dto/notification.dto.js';
import { toNotificationDto } from './notifications.mapper.js';

/** The access check is the recipient rule itself: every query is limited to the caller's notifications. */
const recipientOf = (user: AuthUser): Recipient => ({ userId: user.userId, roles: user.roles, departmentId: user.departmentId, departmentIds: user.departmentIds });

/** Escalations, reminders before expiry, decisions and assignments the processes sent to me or my roles. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async list(user: AuthUser, q: NotificationQueryDto): Promise<NotificationPageDto> {
    const page = await listMyNotifications(this.ds, recipientOf(user), q);
    return { ...page, items: page.items.map(toNotificationDto) };
  }

  async markRead(user: AuthUser, id: string): Promise<NotificationDto> {
    const r = recipientOf(user);
    const n = await findMyNotification(this.ds, r, id);
    if (!n.read_at) await markNotificationRead(this.events, {}, { userId: user.userId, notificationId: id });
    return toNotificationDto(n.read_at ? n : await findMyNotification(this.ds, r, id));
  }
}
