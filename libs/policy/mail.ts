import type { NotificationKind } from './notifications.js';
import { addDays, isWorkingDay, localDate, startOfLocalDay, type DayRule, type DayRules } from './calendar.js';
import { TITLES } from './titles.js';
import { text, type LocalizedText } from './text.js';

/**
 * The kind of a notification the processes send (they pass a title from TITLES): the escalation is
 * named by its command, the rest by their title. A notification without a known title is "other".
 */
export function notificationKindOf(title: LocalizedText): NotificationKind {
  const is = (t: LocalizedText) => t.en === title.en;
  if (title.en.startsWith('Overdue: ')) return 'escalation';
  if (is(TITLES.accessExpiring)) return 'reminder';
  if (is(TITLES.accessApproved) || is(TITLES.accessRejected) || is(TITLES.extensionDecided) || is(TITLES.accountChangeDone)) return 'decision';
  if (is(TITLES.accessEnded)) return 'grant_ended';
  return 'other';
}

/** The web app's page for an event-log subject (apps/web/src/App.tsx routes); the bell otherwise. */
export function webPathOf(subject: string): string {
  const [type, id] = [subject.slice(0, subject.indexOf(':')), subject.slice(subject.indexOf(':') + 1)];
  const safe = encodeURIComponent(id);
  switch (type) {
    case 'task':
      return `/inbox/${safe}`;
    case 'access-request':
      return `/requests/${safe}`;
    case 'onboarding':
      return `/hr/onboardings/${safe}`;
    case 'offboarding':
      return `/hr/offboardings/${safe}`;
    case 'duty':
      return '/duties';
    default:
      return '/notifications';
  }
}

/** The languages of the directory (users.locale). */
export type MailLocale = 'zh-CN' | 'en';

/** A mail as it leaves: subject line, plain text and HTML. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailContent {
  kind: NotificationKind;
  title: LocalizedText;
  body: LocalizedText;
  /** The full link to the page (PUBLIC_URL + path), or null when no public URL is configured. */
  link: string | null;
  recipientName: string;
}

/** A new task's mail: its title, what it is about and, for an access request, the requester's reason. */
export function taskMailBody(summary: LocalizedText, details: Record<string, unknown>): LocalizedText {
  const reason = typeof details.justification === 'string' ? details.justification : null;
  return reason ? text(`${summary.en}\nJustification: ${reason}`, `${summary.zh}\n申请理由：${reason}`) : summary;
}

const LABELS = {
  greeting: text('Hello {name},', '{name}，您好：'),
  open: text('Open in Custodian', '在 Custodian 中打开'),
  why: text(
    'You receive this mail because of your notification settings in Custodian (Notifications → Mail settings). Do not reply to this mail.',
    '您收到此邮件是因为您在 Custodian 中的通知设置（通知 → 邮件设置）。请勿回复此邮件。',
  ),
  kind: {
    task: text('New task', '新任务'),
    escalation: text('Escalation', '已上报'),
    reminder: text('Reminder', '提醒'),
    decision: text('Decision', '审批结果'),
    grant_ended: text('Access ended', '权限已结束'),
    other: text('Notification', '通知'),
  } satisfies Record<NotificationKind, LocalizedText>,
} as const;

/** HTML-escapes text (every value that reaches the HTML part goes through it: titles carry user input). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** No line breaks in a header (nodemailer encodes the rest). */
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim().slice(0, 250);

/** The mail in the recipient's language, plain text and HTML alike. */
export function renderMail(c: MailContent, locale: MailLocale): RenderedMail {
  const l = (t: LocalizedText) => (locale === 'en' ? t.en : t.zh);
  const kind = l(LABELS.kind[c.kind]);
  const title = l(c.title);
  const body = l(c.body);
  const greeting = l(LABELS.greeting).replace('{name}', c.recipientName);
  const subject = oneLine(`[Custodian] ${kind}: ${title}`);
  const text = [greeting, '', title, '', body, ...(c.link ? ['', `${l(LABELS.open)}: ${c.link}`] : []), '', '-- ', l(LABELS.why), ''].join('\n');
  const para = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');
  const html = [
    `<!doctype html><html lang="${locale === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:sans-serif;line-height:1.5">`,
    `<p>${para(greeting)}</p>`,
    `<h1 style="font-size:1.2em">${para(title)}</h1>`,
    `<p>${para(body)}</p>`,
    ...(c.link ? [`<p><a href="${escapeHtml(c.link)}">${escapeHtml(l(LABELS.open))}</a></p>`] : []),
    `<hr><p style="color:#555;font-size:0.9em">${para(l(LABELS.why))}</p>`,
    `</body></html>`,
  ].join('\n');
  return { subject, text, html };
}

export interface DigestItem {
  kind: NotificationKind;
  title: LocalizedText;
  link: string | null;
}

/** One mail listing several pending notifications (a person's hourly or daily digest), oldest first. */
export function renderDigest(items: DigestItem[], recipientName: string, locale: MailLocale, inbox: string | null): RenderedMail {
  const l = (t: LocalizedText) => (locale === 'en' ? t.en : t.zh);
  const greeting = l(LABELS.greeting).replace('{name}', recipientName);
  const subject = locale === 'en' ? `[Custodian] ${items.length} notification${items.length === 1 ? '' : 's'}` : `[Custodian] ${items.length} 条通知`;
  const line = (i: DigestItem) => `- ${l(LABELS.kind[i.kind])}: ${oneLine(l(i.title))}${i.link ? `\n  ${i.link}` : ''}`;
  const text = [greeting, '', ...items.map(line), ...(inbox ? ['', `${l(LABELS.open)}: ${inbox}`] : []), '', '-- ', l(LABELS.why), ''].join('\n');
  const li = (i: DigestItem) => {
    const t = `${escapeHtml(l(LABELS.kind[i.kind]))}: ${escapeHtml(oneLine(l(i.title)))}`;
    return `<li>${i.link ? `<a href="${escapeHtml(i.link)}">${t}</a>` : t}</li>`;
  };
  const html = [
    `<!doctype html><html lang="${locale === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:sans-serif;line-height:1.5">`,
    `<p>${escapeHtml(greeting)}</p>`,
    `<ul>`, ...items.map(li), `</ul>`,
    ...(inbox ? [`<p><a href="${escapeHtml(inbox)}">${escapeHtml(l(LABELS.open))}</a></p>`] : []),
    `<hr><p style="color:#555;font-size:0.9em">${escapeHtml(l(LABELS.why))}</p>`,
    `</body></html>`,
  ].join('\n');
  return { subject, text, html };
}

/**
 * Quiet hours (the call center's DEFAULT_TIME_ZONE and working-day calendar): reminders and escalations
 * are held outside working hours and on days off, until the next working morning. A new task, a decision
 * and the end of a grant go at once: someone may be waiting on them, and they are not nagging.
 */
export const QUIET_KINDS: readonly NotificationKind[] = ['reminder', 'escalation'];

/** Minutes since local midnight of `HH:MM`. */
export function parseClock(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`not a time of day HH:MM: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** What the relay may hand over now. */
export interface RelayWindow {
  /** Outside working hours or on a day off: reminders, escalations and digests wait. */
  quiet: boolean;
  /** Hourly digests list what came before this instant (the current hour's start). */
  hourCutoff: Date;
  /** Daily digests list what came before this instant (the last start of working hours). */
  dayCutoff: Date;
}

/** The relay's window at `now`: working hours `start`-`end` (minutes of the local day) on the calendar's working days. */
export function relayWindow(now: Date, timeZone: string, rules: Iterable<DayRule> | DayRules, hours: { start: number; end: number }): RelayWindow {
  const today = localDate(now, timeZone);
  const midnight = startOfLocalDay(today, timeZone).getTime();
  const minutes = (now.getTime() - midnight) / 60_000;
  const quiet = !isWorkingDay(today, rules) || minutes < hours.start || minutes >= hours.end;
  const todayAt = midnight + hours.start * 60_000;
  const dayCutoff = new Date(now.getTime() >= todayAt ? todayAt : startOfLocalDay(addDays(today, -1), timeZone).getTime() + hours.start * 60_000);
  return { quiet, hourCutoff: new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000), dayCutoff };
}

/** The delivery workflow of one outbox row: one at a time per row (Temporal refuses a second start while it runs). */
export const mailDeliveryWorkflowId = (outboxId: string): string => `mail:${outboxId}`;
