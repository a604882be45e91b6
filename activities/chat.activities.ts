import { chatNotification, recordChatAttempt } from '../libs/domain/mail/chat.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import { sendChat, type ChatTarget } from '../libs/enforcement/chat-webhooks.js';
import { webPathOf } from '../libs/policy/mail.js';

/**
 * Group-chat bots (libs/enforcement/chat-webhooks.ts): one activity, run by chatDeliveryWorkflow with
 * retries. A group is shared by people of both languages: the message carries Chinese, then English,
 * and the link. Delivered is recorded after the bot's answer, so (as with SMTP) a crash between the two
 * repeats the message once.
 */
export function createChatActivities(events: EventStore, targets: ChatTarget[] | null, publicUrl: string | null, send = sendChat) {
  return {
    async sendChatMessage({ notificationId, target }: { notificationId: string; target: string }): Promise<{ result: 'sent' | 'already_sent' | 'unknown' }> {
      const bot = targets?.find((t) => t.name === target);
      if (!bot) throw new Error(`no chat bot named ${target} is configured on this worker (CHAT_WEBHOOKS_FILE)`);
      const n = await chatNotification(events, notificationId, target);
      if (!n) return { result: 'unknown' };
      // The relay starts this workflow inside the transaction that claims the pair: until it commits the
      // claim is not visible here, so wait for it (a retry) rather than end without a post.
      if (!n.claimed) throw new Error(`chat delivery ${notificationId} to ${target} is not claimed yet (the relay's transaction has not committed); retried`);
      if (n.delivered) return { result: 'already_sent' };
      const link = publicUrl ? `\n${publicUrl.replace(/\/+$/, '')}${webPathOf(n.subject)}` : '';
      try {
        await send(bot, `${n.title.zh}\n${n.body.zh}\n\n${n.title.en}\n${n.body.en}${link}`);
      } catch (e) {
        await recordChatAttempt(events, notificationId, target, e instanceof Error ? e.message : String(e)).catch(() => undefined);
        throw e;
      }
      await recordChatAttempt(events, notificationId, target, null);
      return { result: 'sent' };
    },
  };
}

export type ChatActivities = ReturnType<typeof createChatActivities>;
