import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { durationMs, type AppConfig } from '../../../../libs/config/config.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { relayChat, type ChatRoute } from '../../../../libs/domain/mail/chat.js';
import { relayPendingMail } from '../../../../libs/domain/mail/mail.js';
import { loadChatTargets } from '../../../../libs/enforcement/chat-webhooks.js';
import { loadMailSettings } from '../../../../libs/enforcement/mail-config.js';
import { addDays, localDate } from '../../../../libs/policy/calendar.js';
import { mailDeliveryWorkflowId, parseClock, relayWindow, type RelayWindow } from '../../../../libs/policy/mail.js';
import { calendarOverrides } from '../../../../libs/read-models/calendar.js';
import { CONFIG, EVENT_STORE, TEMPORAL_CLIENT } from '../core/tokens.js';

/** Rows handed to Temporal per tick. */
const BATCH = 50;

/**
 * The outbox relay: every MAIL_RELAY_EVERY, hands due outbox rows to Temporal as mailDeliveryWorkflow
 * `mail:<outboxId>` (libs/domain/mail relayPendingMail: FOR UPDATE SKIP LOCKED, so replicas share the
 * work). A Temporal outage leaves the rows for the next tick; a workflow already running for a row counts
 * as handed over. Off (said at boot) when SMTP is not configured.
 */
@Injectable()
export class MailRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailRelay');
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private mailOn = false;
  private chatRoutes: ChatRoute[] = [];

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  onApplicationBootstrap(): void {
    const mail = loadMailSettings(this.config);
    const chat = loadChatTargets(this.config) ?? [];
    this.chatRoutes = chat.map((t) => ({ name: t.name, role: t.role, departmentId: t.departmentId }));
    this.mailOn = !!mail;
    if (chat.length) this.logger.log(`chat bots: ${chat.map((t) => `${t.name} (${t.platform}, ${t.role}${t.departmentId ? ` in ${t.departmentId}` : ''})`).join(', ')}`);
    if (!mail) this.logger.log('mail: off (SMTP_URL or SMTP_HOST not set); notifications stay in the bell only');
    if (!mail && !chat.length) return;
    if (this.config.MAIL_RELAY_EVERY === 'off') return this.logger.log('mail and chat: this replica does not relay (MAIL_RELAY_EVERY=off)');
    const quiet = this.config.MAIL_WORKING_HOURS === 'always' ? 'no quiet hours' : `reminders, escalations and digests wait outside ${this.config.MAIL_WORKING_HOURS} ${this.config.DEFAULT_TIME_ZONE} on working days`;
    if (mail) this.logger.log(`mail: on (SMTP ${mail.describe}), relaying every ${this.config.MAIL_RELAY_EVERY}; ${quiet}`);
    const every = durationMs(this.config.MAIL_RELAY_EVERY);
    const tick = () => {
      this.running = this.relayAll()
        .catch((e) => this.logger.warn(`mail relay: ${e instanceof Error ? e.message : String(e)} (tried again next tick)`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, every);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Hands over everything due now, a batch at a time. */
  async relayAll(now = new Date()): Promise<number> {
    let total = 0;
    if (this.chatRoutes.length) {
      for (let n = 100; n === 100 && !this.stopped; total += n) n = await relayChat(this.events, this.chatRoutes, (id, t) => this.startChat(id, t));
    }
    if (!this.mailOn) return total;
    const window = await this.window(now);
    for (;;) {
      const ids = await relayPendingMail(this.events, BATCH, window, (id) => this.start(id));
      total += ids.length;
      if (ids.length < BATCH || this.stopped) return total;
    }
  }

  /** Quiet hours and digest periods at `now`, from the call center's time zone and working-day calendar. */
  async window(now: Date): Promise<RelayWindow> {
    const tz = this.config.DEFAULT_TIME_ZONE;
    const today = localDate(now, tz);
    const hours = this.config.MAIL_WORKING_HOURS;
    if (hours === 'always') return { ...relayWindow(now, tz, [], { start: 0, end: 24 * 60 }), quiet: false };
    const [start, end] = hours.split('-').map(parseClock) as [number, number];
    return relayWindow(now, tz, await calendarOverrides(this.events.dataSource, addDays(today, -1), today), { start, end });
  }

  private async startChat(notificationId: string, target: string): Promise<void> {
    try {
      await this.client.workflow.start('chatDeliveryWorkflow', { taskQueue: this.config.TEMPORAL_TASK_QUEUE, workflowId: `chat:${notificationId}:${target}`, args: [{ notificationId, target }] });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }

  private async start(outboxId: string): Promise<void> {
    try {
      await this.client.workflow.start('mailDeliveryWorkflow', { taskQueue: this.config.TEMPORAL_TASK_QUEUE, workflowId: mailDeliveryWorkflowId(outboxId), args: [{ outboxId }] });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
