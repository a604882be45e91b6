import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { setNotificationPreferences } from '../../../../libs/domain/mail/mail.js';
import { NOTIFICATION_KINDS } from '../../../../libs/policy/notifications.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { listMailFailures, preferencesOf } from '../../../../libs/read-models/mail.js';
import { EVENT_STORE } from '../core/tokens.js';
import type { PageQueryDto } from '../common/page.dto.js';
import type { MailFailurePageDto, NotificationPreferencesDto } from './dto/mail.dto.js';

/** Mail notifications: a person's own settings (the object rule is "the caller's": no id is taken), and the refusals for administrators. */
@Injectable()
export class MailService {
  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async preferences(user: AuthUser): Promise<NotificationPreferencesDto> {
    const { userId: _, ...p } = await preferencesOf(this.ds, user.userId);
    return p;
  }

  async setPreferences(user: AuthUser, dto: NotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    const email = dto.email ? dto.email.trim() : null;
    await setNotificationPreferences(this.events, {}, { userId: user.userId, email, mailEnabled: dto.mailEnabled, kinds: NOTIFICATION_KINDS.filter((k) => dto.kinds.includes(k)), digest: dto.digest });
    return this.preferences(user);
  }

  async failures(q: PageQueryDto): Promise<MailFailurePageDto> {
    const page = await listMailFailures(this.ds, q);
    return { ...page, items: page.items.map((r) => ({ ...r, kind: r.kind as never, createdAt: new Date(r.createdAt).toISOString(), failedAt: new Date(r.failedAt).toISOString() })) };
  }
}
