import { escapeHtml, notificationKindOf, renderMail, webPathOf } from './mail.js';
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
