import { escapeHtml, notificationKindOf, relayWindow, renderDigest, renderMail, webPathOf } from './mail.js';
import { text } from './text.js';
import { TITLES } from './titles.js';

describe('mail texts', () => {
  it('names the kind of each notification the processes send', () => {
    expect(notificationKindOf(TITLES.accessExpiring)).toBe('reminder');
    expect(notificationKindOf(TITLES.accessRejected)).toBe('decision');
    expect(notificationKindOf(TITLES.accessEnded)).toBe('grant_ended');
    expect(notificationKindOf(TITLES.overdue(TITLES.agreement))).toBe('escalation');
    expect(notificationKindOf(TITLES.offboardingDone)).toBe('other');
  });

  it('links each subject to its page in the web app', () => {
    expect(webPathOf('task:0b9c')).toBe('/inbox/0b9c');
    expect(webPathOf('access-request:42')).toBe('/requests/42');
    expect(webPathOf('offboarding:e1')).toBe('/hr/offboardings/e1');
    expect(webPathOf('account-change:x')).toBe('/notifications');
    expect(webPathOf('task:a/../b')).toBe('/inbox/a%2F..%2Fb');
  });

  it('renders zh-CN and en, escapes every value in HTML and keeps the subject on one line', () => {
    const c = { kind: 'task' as const, title: text('T <i>x</i>\r\nBcc: evil@example.com', '标题 <i>x</i>'), body: text('a & b', '甲 & 乙'), link: 'https://c.example/inbox/1?a=1&b="2"', recipientName: 'Li <An>' };
    const zh = renderMail(c, 'zh-CN');
    expect(zh.subject).toBe('[Custodian] 新任务: 标题 <i>x</i>');
    expect(zh.text).toContain('Li <An>，您好');
    expect(zh.html).toContain('标题 &lt;i&gt;x&lt;/i&gt;');
    expect(zh.html).toContain('甲 &amp; 乙');
    expect(zh.html).toContain('href="https://c.example/inbox/1?a=1&amp;b=&quot;2&quot;"');
    expect(zh.html).not.toContain('<An>');
    const en = renderMail(c, 'en');
    expect(en.subject).not.toMatch(/[\r\n]/);
    expect(en.subject).toBe('[Custodian] New task: T <i>x</i> Bcc: evil@example.com');
    expect(en.text).toContain('Open in Custodian: https://c.example/inbox/1');
    expect(renderMail({ ...c, link: null }, 'en').html).not.toContain('href');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('quiet hours and digest periods (Asia/Shanghai, working hours 08:30-18:00)', () => {
  const hours = { start: 8 * 60 + 30, end: 18 * 60 };
  const at = (iso: string) => new Date(iso);
  const tz = 'Asia/Shanghai';
  it('a working day inside working hours is not quiet; before, after, a weekend and a holiday are', () => {
    expect(relayWindow(at('2026-12-04T02:00:00Z'), tz, [], hours).quiet).toBe(false); // Friday 10:00
    expect(relayWindow(at('2026-12-04T00:00:00Z'), tz, [], hours).quiet).toBe(true); // Friday 08:00
    expect(relayWindow(at('2026-12-04T10:00:00Z'), tz, [], hours).quiet).toBe(true); // Friday 18:00
    expect(relayWindow(at('2026-12-05T02:00:00Z'), tz, [], hours).quiet).toBe(true); // Saturday 10:00
    expect(relayWindow(at('2026-12-05T02:00:00Z'), tz, [{ date: '2026-12-05', kind: 'workday' }], hours).quiet).toBe(false); // a make-up working Saturday
    expect(relayWindow(at('2026-10-01T02:00:00Z'), tz, [{ date: '2026-10-01', kind: 'holiday' }], hours).quiet).toBe(true); // National Day, a Thursday
  });
  it('daily digests list what came before the last start of working hours; hourly ones what came before this hour', () => {
    expect(relayWindow(at('2026-12-04T02:00:00Z'), tz, [], hours).dayCutoff.toISOString()).toBe('2026-12-04T00:30:00.000Z');
    expect(relayWindow(at('2026-12-04T00:10:00Z'), tz, [], hours).dayCutoff.toISOString()).toBe('2026-12-03T00:30:00.000Z');
    expect(relayWindow(at('2026-12-04T02:45:10Z'), tz, [], hours).hourCutoff.toISOString()).toBe('2026-12-04T02:00:00.000Z');
  });
});

describe('digest mail', () => {
  it('lists each item with its link, in the recipient language, escaped in HTML', () => {
    const items = [
      { kind: 'decision' as const, title: text('Approved <b>', '已批准 <b>'), link: 'https://c.example/requests/1' },
      { kind: 'task' as const, title: text('Review & sign', '审核 & 签字'), link: null },
    ];
    const zh = renderDigest(items, '周晨', 'zh-CN', 'https://c.example/notifications');
    expect(zh.subject).toBe('[Custodian] 2 条通知');
    expect(zh.text).toContain('- 审批结果: 已批准 <b>\n  https://c.example/requests/1');
    expect(zh.html).toContain('<a href="https://c.example/requests/1">审批结果: 已批准 &lt;b&gt;</a>');
    expect(zh.html).toContain('<li>新任务: 审核 &amp; 签字</li>');
    expect(renderDigest(items.slice(0, 1), 'Li', 'en', null).subject).toBe('[Custodian] 1 notification');
  });
});
